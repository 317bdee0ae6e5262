namespace SxCascade.Flowsheets;

/// <summary>
/// Semantic checks of a structurally valid flowsheet: references between feeds, cascades and
/// specs, stage ranges, chemistry coverage of every element that reaches a cascade, and the
/// feasibility of the saturated-organic model (MODEL.md §3.2). Returns every problem at once.
/// </summary>
public static class FlowsheetValidator
{
    /// <summary>Most stages one cascade may have: its state and Jacobian grow with the stages.</summary>
    public const int MaxStagesPerCascade = 100_000;

    /// <summary>Most unknowns (stages × elements and solved species) one cascade may have.</summary>
    public const long MaxUnknownsPerCascade = 1_000_000;

    /// <summary>Most unknowns (stages × elements and solved species) of all cascades together.</summary>
    public const long MaxUnknowns = 10_000_000;

    /// <summary>
    /// All problems of <paramref name="flowsheet"/>; empty when it can be solved. No solver code
    /// runs: the feasibility of the saturated organic is checked on the stage layout
    /// (<see cref="SaturatedTotals"/>), and only once every other check has passed, so that it never
    /// sees a flowsheet with a feed stage outside its cascade or a size beyond the limits.
    /// Time and message length grow linearly with the number of cascades.
    /// </summary>
    public static IReadOnlyList<ValidationIssue> Validate(Flowsheet flowsheet)
    {
        var issues = new List<ValidationIssue>();
        var graph = flowsheet.Graph;
        var streamNames = graph.StreamNames.ToList();
        var elements = flowsheet.Elements();
        bool sized = CheckSize(flowsheet, elements.Length, issues);
        bool references = CheckFeedSources(graph, issues);
        var plan = references ? NetworkPlan.Of(graph) : null;
        var entering = plan is null ? null : ElementsEntering(plan);
        var stageTotals = new List<(CascadeDefinition Cascade, SeparationFactorChemistry Chemistry, string At, FeedStream Feed)>();

        foreach (var unit in graph.Units)
        {
            var c = unit.Definition;
            string at = $"cascades.{c.Name}";
            int n = c.ExtractionStages;
            var feeds = c.AllFeeds;
            // the highest feed stage decides whether the extraction stages above it get aqueous
            int highest = feeds.Select((f, k) => (Stage: f.Stage ?? n, k)).MaxBy(f => f.Stage).k;
            for (int k = 0; k < feeds.Count; k++)
            {
                if (feeds[k].Stage is not { } fs) continue;
                string path = $"{at}.{c.FeedPath(k)}.stage";
                if (fs < 1 || fs > n)
                    issues.Add(new(path, $"feed stage {fs} is outside the extraction section (1..{n}); the aqueous feed enters an extraction stage"));
                else if (fs < n && c.Scrub is null && k == highest)
                    issues.Add(new(path, $"feed stage {fs} leaves extraction stages {fs + 1}..{n} without aqueous flow; feed at stage {n} or add a scrub section"));
            }
            if (c.Organic.From is not null && (c.Organic.Composition is not null || c.Organic.Recycle is not null))
                issues.Add(new($"{at}.organic.from", $"a linked organic (organic.from) is the other cascade's outlet as it is; remove {(c.Organic.Composition is not null ? "organic.composition" : "organic.recycle")} or organic.from"));
            if (c.Organic.Recycle is { } recycle)
            {
                if (!(recycle > 0 && recycle <= 1))
                    issues.Add(new($"{at}.organic.recycle", $"organic.recycle must be greater than 0 and at most 1 (the fraction of the stripped organic returned to stage 1); got {recycle:G4}"));
                else if (c.Strip is null)
                    issues.Add(new($"{at}.organic.recycle", "organic.recycle returns the stripped organic to stage 1 and needs a strip section; add 'strip:' or remove recycle"));
                else if (c.Organic.Composition is not null)
                    issues.Add(new($"{at}.organic.recycle", "a pre-loaded organic (organic.composition) enters from outside and is not recycled; remove recycle, or remove the composition to recycle the stripped organic"));
            }
            if (c.Scrub is { IsReflux: true } && c.Strip is null)
                issues.Add(new($"{at}.scrub.reflux", "a reflux scrub returns part of the strip liquor and needs a strip section; add 'strip:' or use an acid scrub (flow and acid)"));
            var chemistry = c.Chemistry ?? flowsheet.Chemistry;
            if (chemistry is null)
            {
                issues.Add(new(at, "no chemistry for this cascade: give a top-level 'chemistry:' or one inside the cascade"));
                continue;
            }
            string chemAt = c.Chemistry is null ? "chemistry" : $"{at}.chemistry";
            if (!ChemistryDefinition.ModelKeys.Contains(chemistry.Model))
            {
                issues.Add(new($"{chemAt}.model", $"chemistry model '{chemistry.Model}' cannot be solved; available: {string.Join(", ", ChemistryDefinition.ModelKeys)}"));
                continue;
            }
            if (entering is null) continue;
            CheckCoverage(c, chemistry, chemAt, entering[unit], issues);
            // the saturation checks need the feed's composition before any solve: one external feed
            if (chemistry is SeparationFactorChemistry sf && unit.FeedUnit is null && c.AdditionalFeeds.Count == 0 && unit.OrganicLink is null && unit.ScrubLink is null)
                CheckSaturation(unit, sf, at, stageTotals, issues);
        }
        foreach (var f in flowsheet.Feeds.Where(f => !graph.IsConsumed(f.Name)))
            issues.Add(new($"feeds.{f.Name}", $"feed '{f.Name}' is not taken by any cascade; name it in a cascade's 'feed: {{ from: {f.Name} }}' or remove it"));
        CheckDraws(graph, sized ? plan : null, issues);
        CheckSpecs(flowsheet, streamNames, elements, issues);
        PhysicalBounds.Check(flowsheet, issues);

        // The stage-by-stage totals only on a flowsheet that every other check accepts.
        if (issues.Count == 0 && sized)
            foreach (var (c, sf, at, feed) in stageTotals)
                CheckStageTotals(c, sf, at, feed, elements, issues);
        return issues.Select(WithInputs).ToList();
    }

    /// <summary>
    /// The issue with the other inputs of its check (<see cref="ValidationIssue.Inputs"/>): a feed
    /// stage is checked against the sections, the scrub acid against the scrub flow, the organic
    /// flow, the efficiency and the loading, and the saturation of the organic against the feed,
    /// the sections and the chemistry besides the organic flow it is reported at.
    /// </summary>
    private static ValidationIssue WithInputs(ValidationIssue issue)
    {
        var m = System.Text.RegularExpressions.Regex.Match(issue.Path, @"^(cascades\.[^.]+)\.(feed\.stage|scrub\.acid|organic\.flow)$");
        if (!m.Success) return issue;
        string at = m.Groups[1].Value;
        string[] inputs = m.Groups[2].Value switch
        {
            "feed.stage" => [$"{at}.extraction.stages", $"{at}.scrub"],
            "scrub.acid" => [$"{at}.scrub.flow", $"{at}.organic.flow", $"{at}.efficiency", $"{at}.chemistry", "chemistry"],
            _ => [$"{at}.feed", $"{at}.extraction", $"{at}.scrub", $"{at}.efficiency", $"{at}.chemistry", "chemistry", "feeds"],
        };
        return issue with { Inputs = inputs };
    }

    /// <summary>
    /// The size limits, in long arithmetic so that no count overflows: stages per cascade, unknowns
    /// (stages × solved components) per cascade and in all. False when one is exceeded.
    /// </summary>
    private static bool CheckSize(Flowsheet fs, int components, List<ValidationIssue> issues)
    {
        int before = issues.Count;
        long total = 0;
        foreach (var c in fs.Cascades)
        {
            long stages = (long)c.ExtractionStages + c.ScrubStages + c.StripStages;
            long unknowns = stages * Math.Max(components, 1);
            total += unknowns;
            if (stages > MaxStagesPerCascade)
                issues.Add(new(StagesPath(c), $"cascade {c.Name} has {stages:N0} stages; at most {MaxStagesPerCascade:N0} stages per cascade are supported"));
            else if (unknowns > MaxUnknownsPerCascade)
                issues.Add(new(StagesPath(c), $"cascade {c.Name} has {stages:N0} stages × {components} components = {unknowns:N0} unknowns; " +
                    $"at most {MaxUnknownsPerCascade:N0} unknowns per cascade are supported (e.g. {MaxUnknownsPerCascade / Math.Max(components, 1):N0} stages with {components} components)"));
        }
        if (issues.Count == before && total > MaxUnknowns)
            issues.Add(new("cascades", $"the {fs.Cascades.Count:N0} cascades have {total:N0} unknowns (stages × {components} components) together; at most {MaxUnknowns:N0} are supported"));
        return issues.Count == before;
    }

    // The key to point at for a cascade's size: its largest section's stages.
    private static string StagesPath(CascadeDefinition c)
    {
        string section = "extraction";
        long most = c.ExtractionStages;
        if (c.ScrubStages > most) (section, most) = ("scrub", c.ScrubStages);
        if (c.StripStages > most) section = "strip";
        return $"cascades.{c.Name}.{section}.stages";
    }

    private static bool CheckFeedSources(FlowsheetGraph graph, List<ValidationIssue> issues)
    {
        bool ok = true;
        var aqueousSources = graph.AqueousSources();
        List<string>? organicSources = null;
        foreach (var unit in graph.Units)
        {
            if (unit.OrganicLink is not { } link) continue;
            var c = unit.Definition;
            string path = $"cascades.{c.Name}.organic.from", from = link.Definition.From;
            organicSources ??= graph.Units.SelectMany(u => u.Outlets.Where(o => o.Phase == StreamPhase.Organic && !(o.Kind == OutletKind.StrippedOrganic && u.Definition.RecyclesOrganic)).Select(o => o.Name)).ToList();
            string? problem = link.Outlet switch
            {
                null => $"no organic outlet named '{from}'; {Suggestions.DidYouMean(from, organicSources)}available: {(organicSources.Count == 0 ? "none" : Listed(organicSources))}",
                { Phase: StreamPhase.Aqueous } => $"'{from}' is an aqueous outlet; organic.from takes an organic outlet: a loaded organic, a stripped organic that is not recycled, or a bleed",
                { Kind: OutletKind.StrippedOrganic } when link.Unit!.Definition.RecyclesOrganic => $"'{from}' is recycled to stage 1 of cascade {link.Unit.Name}; take its bleed (organic.recycle below 1) or a loaded organic",
                _ when ReferenceEquals(link.Unit, unit) => $"cascade {c.Name} cannot take its own outlet '{from}' as its organic (a cycle)",
                _ => null,
            };
            if (problem is null) continue;
            issues.Add(new(path, problem));
            ok = false;
        }
        foreach (var unit in graph.Units)
        {
            if (unit.ScrubLink is not { } link) continue;
            var c = unit.Definition;
            string from = link.Definition.From;
            string? problem = link.Outlet switch
            {
                null => $"no aqueous outlet named '{from}'; {Suggestions.DidYouMean(from, aqueousSources)}available: {Listed(aqueousSources)}",
                { Phase: StreamPhase.Organic } => $"'{from}' is an organic outlet; scrub.from takes an aqueous outlet: a strip liquor, a raffinate or a side draw",
                _ when ReferenceEquals(link.Unit, unit) => $"cascade {c.Name} cannot take its own outlet '{from}' as its scrub solution (that is a reflux scrub: use scrub.reflux)",
                _ => null,
            };
            if (problem is null) continue;
            issues.Add(new($"cascades.{c.Name}.scrub.from", problem));
            ok = false;
        }
        foreach (var unit in graph.Units)
            foreach (var link in unit.Feeds)
            {
                var c = unit.Definition;
                string path = $"cascades.{c.Name}.{c.FeedPath(link.Index)}.from", from = link.Definition.From;
                if (unit.Feeds.Take(link.Index).Any(f => f.Source == link.Source))
                {
                    issues.Add(new(path, $"cascade {c.Name} takes '{from}' in two of its feeds; a stream feeds one inlet whole (it would be counted twice): list it once"));
                    ok = false;
                    continue;
                }
                if (link.Feed is not null) continue;
                if (link.Outlet is { Phase: StreamPhase.Aqueous })
                {
                    if (ReferenceEquals(link.Unit, unit) || link.Unit!.Name == c.Name)
                    {
                        issues.Add(new(path, $"cascade {c.Name} cannot take its own outlet '{from}' as its feed (a cycle)"));
                        ok = false;
                    }
                    continue;
                }
                ok = false;
                issues.Add(new(path, link.Outlet is not null
                    ? $"'{from}' is an organic outlet; a cascade feed must be aqueous: a feed name or a raffinate or strip liquor"
                    : $"no feed or outlet named '{from}'; {Suggestions.DidYouMean(from, aqueousSources)}available: {Listed(aqueousSources)}"));
            }
        return ok;
    }

    // The key of a link under its cascade: feed (or feeds.K), organic or scrub.
    private static string LinkPath(UnitNode unit, FeedLink link) =>
        link.Index == -1 ? "organic" : link.Index == -2 ? "scrub" : unit.Definition.FeedPath(link.Index);

    // A list for a message: every name up to a few dozen, then how many more.
    private static string Listed(IReadOnlyList<string> names, int most = 20) =>
        names.Count <= most ? string.Join(", ", names) : string.Join(", ", names.Take(most)) + $", … ({names.Count - most:N0} more)";

    /// <summary>
    /// Elements that can reach each cascade: through its feeds, linked organic and linked scrub
    /// (from the feeds, through upstream cascades) and its own inlets. Block by block in solve
    /// order; round a cycle until the sets stop growing (at most once more than the cycle has cascades).
    /// </summary>
    private static Dictionary<UnitNode, HashSet<string>> ElementsEntering(NetworkPlan plan)
    {
        var known = new Dictionary<UnitNode, HashSet<string>>();
        foreach (var block in plan.Blocks)
        {
            foreach (var u in block.Units) known[u] = new HashSet<string>(OwnElements(u.Definition), StringComparer.Ordinal);
            bool grew = true;
            while (grew)
            {
                grew = false;
                foreach (var u in block.Units)
                    foreach (var link in u.Links)
                    {
                        int before = known[u].Count;
                        if (link.Unit is { } up && known.TryGetValue(up, out var above)) known[u].UnionWith(above);
                        else if (link.Feed is { } feed) known[u].UnionWith(feed.Concentrations.Where(kv => kv.Value > 0).Select(kv => kv.Key));
                        grew |= block.IsCycle && known[u].Count > before;
                    }
            }
        }
        return known;
    }

    /// <summary>Elements a cascade's own inlets bring: a pre-loaded organic, and metals in its scrub or strip solution.</summary>
    private static IEnumerable<string> OwnElements(CascadeDefinition c) =>
        new[] { c.Organic.Composition, c.Scrub?.Composition, c.Strip?.Composition }
            .SelectMany(m => m?.Where(kv => kv.Value > 0).Select(kv => kv.Key) ?? []);

    // For a chemistry from the built-in library: the value is not in the system, so the file must give it.
    private static string NotInSystem(ChemistryDefinition chemistry, string key) => chemistry.Provenance is { Kind: "system" } p
        ? $"; built-in system {p.Name} has none, so give it in the file next to system:, e.g. {key}: {{ … }}"
        : "";

    private static void CheckCoverage(CascadeDefinition c, ChemistryDefinition chemistry, string chemAt, HashSet<string> entering, List<ValidationIssue> issues)
    {
        var ordered = Chemistry.Elements.Sorted(entering.Where(e => !FeedStream.AcidSpecies.Contains(e)));
        switch (chemistry)
        {
            case SeparationFactorChemistry sf:
                foreach (var e in ordered.Where(e => !sf.SeparationFactors.ContainsKey(e)))
                    issues.Add(new($"{chemAt}.separation-factors", $"no separation factor for {e}, which enters cascade {c.Name}; add '{e}: <relative extractability>' (defined: {string.Join(", ", sf.SeparationFactors.Keys)}){NotInSystem(sf, "separation-factors")}"));
                if (c.Strip is not null)
                    foreach (var e in ordered.Where(e => !sf.StripDistributionRatios.ContainsKey(e)))
                        issues.Add(new($"{chemAt}.strip-distribution-ratios", $"no strip distribution ratio for {e}, which reaches the strip section of cascade {c.Name}; add '{e}: <D in the strip section>'{NotInSystem(sf, "strip-distribution-ratios")}"));
                break;
            case MassActionChemistry ma:
                foreach (var e in ordered.Where(e => !FeedStream.AcidSpecies.Contains(e) && !ma.Laws.ContainsKey(e)))
                    issues.Add(new($"{chemAt}.elements", $"no distribution law for {e}, which enters cascade {c.Name}; add '{e}: {{ log-k: …, extractant-order: 3 }}', '{{ log-d: {{ … }} }}' or '{{ d: … }}'"));
                break;
            case ConstantDChemistry cd:
                var sections = new List<SectionKind> { SectionKind.Extraction };
                if (c.Scrub is not null) sections.Add(SectionKind.Scrub);
                if (c.Strip is not null) sections.Add(SectionKind.Strip);
                foreach (var e in ordered)
                    foreach (var s in sections.Where(s => cd.RatioFor(e, s) is null).Take(1))
                        issues.Add(new($"{chemAt}.distribution-ratios", $"no distribution ratio for {e} in the {s.ToString().ToLowerInvariant()} section of cascade {c.Name}; add '{e}: <D>'"));
                break;
        }
    }

    /// <summary>
    /// MODEL.md §3.2: the organic can saturate only if the raffinate keeps rare earths,
    /// R = F + W − S &gt; 0, and an acid scrub cannot strip more than the organic carries.
    /// </summary>
    /// Cascades that pass these go to <paramref name="stageTotals"/>, checked stage by stage once the
    /// whole flowsheet is known to be sound.
    private static void CheckSaturation(UnitNode unit, SeparationFactorChemistry sf, string at,
        List<(CascadeDefinition, SeparationFactorChemistry, string, FeedStream)> stageTotals, List<ValidationIssue> issues)
    {
        var c = unit.Definition;
        if (unit.Feed is not { } feed) return;
        double o = c.Organic.Flow, l = sf.Loading;
        double fed = feed.Flow * feed.Concentrations.Values.Sum();                      // F, mol/h
        double inlet = c.RecyclesOrganic ? 0 : c.Organic.Composition?.Values.Sum() ?? 0; // mol/L already on the organic
        double capacity = Math.Max(l - inlet, 0) * o;                                     // S, mol/h taken from the aqueous
        if (c.Scrub is { IsReflux: false } scrub && scrub.Acid > 0)
        {
            double stripped = scrub.Flow * scrub.Acid / 3;                                 // H/3, mol/h
            double eta = c.Efficiency;
            if (stripped >= eta * l * o)
            {
                // the top scrub stage can give up at most η·L·O (all of a saturated organic at efficiency η)
                string what = eta < 1 ? $"η·L·O = {eta:G3}·{l * o:G4} = {eta * l * o:G4} mol/h (what the top stage can strip at efficiency {eta:G3})" : $"L·O = {l * o:G4} mol/h";
                issues.Add(new($"{at}.scrub.acid", $"the scrub acid strips more than the organic carries: H/3 = {stripped:G4} mol/h ≥ {what}; " +
                    $"use a scrub acid below {3 * eta * l * o / scrub.Flow:G4} mol/L (at {scrub.Flow:G4} L/h) or an organic flow above {stripped / (eta * l):G4} L/h"));
                return;
            }
            if (capacity - stripped < fed)
            {
                stageTotals.Add((c, sf, at, feed));
                return;
            }
            issues.Add(new($"{at}.organic.flow", $"the organic cannot saturate: it would take S − H/3 = {capacity - stripped:G4} mol/h of rare earths " +
                    $"but the feed brings only F = {fed:G4} mol/h, {capacity - stripped - fed:G4} mol/h short; the saturated model needs an organic flow below {(fed + stripped) / Math.Max(l - inlet, 1e-300):G4} L/h"));
            return;
        }
        double r = c.Scrub?.Reflux ?? 0;
        double net = (1 - r) * capacity;
        if (net >= fed)
        {
            issues.Add(new($"{at}.organic.flow", $"the organic cannot saturate: it would take {net:G4} mol/h of rare earths but the feed brings F = {fed:G4} mol/h; " +
                $"the saturated model needs an organic flow below {fed / ((1 - r) * Math.Max(l - inlet, 1e-300)):G4} L/h"));
            return;
        }
        stageTotals.Add((c, sf, at, feed));
    }

    /// <summary>Every saturated stage must keep rare earths in its aqueous (see <see cref="SaturatedTotals"/>).</summary>
    private static void CheckStageTotals(CascadeDefinition c, SeparationFactorChemistry sf, string at, FeedStream feed, string[] elements, List<ValidationIssue> issues)
    {
        var conc = elements.Select(e => feed.Concentrations.GetValueOrDefault(e)).ToArray();
        if (!elements.All(e => sf.SeparationFactors.ContainsKey(e) && (c.Strip is null || sf.StripDistributionRatios.ContainsKey(e)))) return;
        var layout = StageLayout.Create(c, feed.Flow);
        var totals = SaturatedTotals.Compute(layout, layout.Inflows(sf, elements, conc), sf.StageLoadings(layout));
        if (totals is null || totals.FirstEmptyStage < 0) return;
        int j = totals.FirstEmptyStage;
        issues.Add(new($"{at}.organic.flow", $"the organic cannot saturate in stage {j + 1}: the rare earths reaching that stage do not cover what the organic takes up there, " +
            $"so its aqueous would hold {totals.Aqueous[j]:G4} mol/L; lower the organic flow, raise the scrub or reflux flow, or move the feed stage"));
    }

    /// <summary>
    /// Side draws (FORMAT.md "Networks"): a name that is no other outlet of its cascade, an aqueous
    /// draw (organic ones are not solved yet) from an extraction or scrub stage, and draws that
    /// leave aqueous flowing on from their stage. The flows follow from the layouts alone (volumetric
    /// flows do not depend on the solution), computed in solve order when the feeds resolve.
    /// </summary>
    private static void CheckDraws(FlowsheetGraph graph, NetworkPlan? plan, List<ValidationIssue> issues)
    {
        int before = issues.Count;
        bool any = graph.Units.Any(u => u.OrganicLink is not null || u.ScrubLink is not null) || plan is not null && plan.Blocks.Any(b => b.IsCycle);
        foreach (var unit in graph.Units)
        {
            var c = unit.Definition;
            var fixedPorts = OutletKinds.Of(c).Select(k => k.PortName()).ToList();
            var seen = new HashSet<string>(StringComparer.Ordinal);
            int top = c.ExtractionStages + c.ScrubStages;
            for (int k = 0; k < c.Draws.Count; k++)
            {
                any = true;
                var d = c.Draws[k];
                string at = $"cascades.{c.Name}.draws.{k}";
                if (fixedPorts.Contains(d.Name) || !seen.Add(d.Name))
                    issues.Add(new($"{at}.name", $"'{d.Name}' is already an outlet of cascade {c.Name} (outlets: {string.Join(", ", fixedPorts.Concat(c.Draws.Take(k).Select(x => x.Name)).Distinct())}); give the draw a name of its own, e.g. eu-cut"));
                if (d.Phase == StreamPhase.Organic)
                    issues.Add(new($"{at}.phase", "organic side draws are not supported yet; draw from the aqueous outlet of the stage (phase: aqueous)"));
                if (d.Stage < 1 || d.Stage > top)
                    issues.Add(new($"{at}.stage", c.StripStages > 0 && d.Stage > top && d.Stage <= c.TotalStages
                        ? $"draw stage {d.Stage} is a strip stage; a draw from the strip section is not supported yet: draw from an extraction or scrub stage (1..{top})"
                        : $"draw stage {d.Stage} is outside the cascade's extraction and scrub stages (1..{top})"));
            }
        }
        if (!any || plan is null || issues.Count > before) return;
        if (plan.FlowProblem is { } problem)
        {
            // at the inlet that takes the cycle's first tear
            string tear = plan.FlowProblemAt!.Tears[0];
            var (taker, link) = plan.FlowProblemAt.Units.SelectMany(u => u.Links.Select(l => (u, l))).First(x => x.l.Source.ToString() == tear);
            issues.Add(new($"cascades.{taker.Name}.{LinkPath(taker, link)}.from", problem));
            return;
        }
        foreach (var unit in plan.Blocks.SelectMany(b => b.Units))
        {
            var layout = plan.Layout(unit);
            double linked = layout.LinkedOrganicFlow;
            var c = unit.Definition;
            if (unit.OrganicLink is not null && c.Organic.Flow > 0 && c.Organic.Flow < linked)
                issues.Add(new($"cascades.{c.Name}.organic.flow", $"organic.flow {c.Organic.Flow:G4} L/h is below the {linked:G4} L/h of the linked organic '{c.Organic.From}', which enters whole; "
                    + $"give at least {linked:G4} L/h (the rest is fresh organic) or leave the flow out"));
            foreach (int s in c.Draws.Select(d => d.Stage - 1).Distinct())
            {
                double leaving = layout.AqueousOut[s], drawn = layout.AqueousDrawn(s);
                if (drawn < leaving) continue;
                int k = c.Draws.ToList().FindLastIndex(d => d.Stage - 1 == s);
                var d = c.Draws[k];
                issues.Add(new($"cascades.{c.Name}.draws.{k}.{(d.Flow is null ? "fraction" : "flow")}",
                    $"the draws from stage {s + 1} take {drawn:G4} L/h, but only {leaving:G4} L/h of aqueous leaves that stage; take less than {leaving:G4} L/h"));
            }
        }
    }

    private static void CheckSpecs(Flowsheet fs, List<string> streamNames, string[] elements, List<ValidationIssue> issues)
    {
        var streams = new HashSet<string>(streamNames, StringComparer.Ordinal);
        for (int k = 0; k < fs.Specs.Count; k++)
        {
            var spec = fs.Specs[k];
            if (!streams.Contains(spec.Stream))
                issues.Add(new($"specs.{k}.stream", $"no stream named '{spec.Stream}'; {Suggestions.DidYouMean(spec.Stream, streamNames)}streams: {Listed(streamNames)}"));
            string key = spec.Elements.Count == 1 ? "element" : "elements";
            foreach (var e in spec.Elements.Where(e => !elements.Contains(e)))
                issues.Add(new($"specs.{k}.{key}", $"{e} does not enter the flowsheet; elements: {string.Join(", ", elements)}"));
        }
    }
}
