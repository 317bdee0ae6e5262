using SxCascade.Equilibrium;
using SxCascade.Solvers;

namespace SxCascade.Flowsheets;

/// <summary>
/// Semantic checks of a structurally valid flowsheet: references between feeds, cascades and
/// specs, stage ranges, chemistry coverage of every element that reaches a cascade, and the
/// feasibility of the saturated-organic model (MODEL.md §3.2). Returns every problem at once.
/// </summary>
public static class FlowsheetValidator
{
    /// <summary>All problems of <paramref name="flowsheet"/>; empty when it can be solved.</summary>
    public static IReadOnlyList<ValidationIssue> Validate(Flowsheet flowsheet)
    {
        var issues = new List<ValidationIssue>();
        var cascades = flowsheet.Cascades.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var streamNames = StreamNames(flowsheet).ToList();
        bool references = CheckFeedSources(flowsheet, cascades, issues);
        if (references) CheckCycles(flowsheet, cascades, issues);
        bool acyclic = issues.Count == 0;

        foreach (var c in flowsheet.Cascades)
        {
            string at = $"cascades.{c.Name}";
            int n = c.ExtractionStages;
            if (c.FeedStage is { } fs)
            {
                if (fs < 1 || fs > n)
                    issues.Add(new($"{at}.feed.stage", $"feed stage {fs} is outside the extraction section (1..{n}); the aqueous feed enters an extraction stage"));
                else if (fs < n && c.Scrub is null)
                    issues.Add(new($"{at}.feed.stage", $"feed stage {fs} leaves extraction stages {fs + 1}..{n} without aqueous flow; feed at stage {n} or add a scrub section"));
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
            if (!EquilibriumModels.IsKnown(chemistry.Model))
            {
                issues.Add(new($"{chemAt}.model", $"chemistry model '{chemistry.Model}' cannot be solved; available: {string.Join(", ", EquilibriumModels.Keys)}"));
                continue;
            }
            if (!acyclic) continue;
            var entering = ElementsEntering(flowsheet, c, cascades);
            CheckCoverage(c, chemistry, chemAt, entering, issues);
            if (chemistry is SeparationFactorChemistry sf && !cascades.ContainsKey(Solvers.FlowsheetSolver.UpstreamCascade(c.FeedFrom) ?? ""))
                CheckSaturation(flowsheet, c, sf, at, issues);
        }
        foreach (var f in flowsheet.Feeds.Where(f => !flowsheet.Cascades.Any(c => c.FeedFrom == f.Name)))
            issues.Add(new($"feeds.{f.Name}", $"feed '{f.Name}' is not taken by any cascade; name it in a cascade's 'feed: {{ from: {f.Name} }}' or remove it"));
        CheckSpecs(flowsheet, streamNames, issues);
        PhysicalBounds.Check(flowsheet, issues);
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

    /// <summary>Every stream name a flowsheet can produce: feeds and cascade outlets.</summary>
    public static IEnumerable<string> StreamNames(Flowsheet flowsheet) =>
        flowsheet.Feeds.Select(f => f.Name).Concat(flowsheet.Cascades.SelectMany(OutletNames));

    /// <summary>Outlet names of a cascade (MODEL.md §1).</summary>
    public static IEnumerable<string> OutletNames(CascadeDefinition c)
    {
        yield return $"{c.Name}.raffinate";
        if (c.Strip is null) yield return $"{c.Name}.loaded-organic";
        else
        {
            yield return $"{c.Name}.strip-liquor";
            yield return $"{c.Name}.stripped-organic";
        }
    }

    private static bool CheckFeedSources(Flowsheet fs, Dictionary<string, CascadeDefinition> cascades, List<ValidationIssue> issues)
    {
        bool ok = true;
        var aqueousSources = fs.Feeds.Select(f => f.Name)
            .Concat(fs.Cascades.SelectMany(c => OutletNames(c).Where(o => o.EndsWith(".raffinate", StringComparison.Ordinal) || o.EndsWith(".strip-liquor", StringComparison.Ordinal))))
            .ToList();
        foreach (var c in fs.Cascades)
        {
            string path = $"cascades.{c.Name}.feed.from";
            if (aqueousSources.Contains(c.FeedFrom, StringComparer.Ordinal))
            {
                if (FlowsheetSolver.UpstreamCascade(c.FeedFrom) == c.Name)
                {
                    issues.Add(new(path, $"cascade {c.Name} cannot take its own outlet '{c.FeedFrom}' as its feed (a cycle)"));
                    ok = false;
                }
                continue;
            }
            ok = false;
            bool organicOutlet = fs.Cascades.SelectMany(OutletNames).Contains(c.FeedFrom, StringComparer.Ordinal);
            issues.Add(new(path, organicOutlet
                ? $"'{c.FeedFrom}' is an organic outlet; a cascade feed must be aqueous: a feed name or a raffinate or strip liquor"
                : $"no feed or outlet named '{c.FeedFrom}'; {Suggestions.DidYouMean(c.FeedFrom, aqueousSources)}available: {string.Join(", ", aqueousSources)}"));
        }
        return ok;
    }

    private static void CheckCycles(Flowsheet fs, Dictionary<string, CascadeDefinition> cascades, List<ValidationIssue> issues)
    {
        foreach (var c in fs.Cascades)
        {
            var seen = new List<string> { c.Name };
            var current = c;
            while (FlowsheetSolver.UpstreamCascade(current.FeedFrom) is { } up && cascades.TryGetValue(up, out var next))
            {
                if (next.Name == c.Name)
                {
                    issues.Add(new($"cascades.{c.Name}.feed.from", $"cascade feeds form a cycle: {string.Join(" ← ", seen)} ← {c.Name}; break it by feeding one cascade from a feed stream"));
                    break;
                }
                if (seen.Contains(next.Name)) break;
                seen.Add(next.Name);
                current = next;
            }
        }
    }

    /// <summary>Elements that can reach cascade <paramref name="c"/>: its feed (through upstream cascades) and its organic inlet.</summary>
    private static HashSet<string> ElementsEntering(Flowsheet fs, CascadeDefinition c, Dictionary<string, CascadeDefinition> cascades)
    {
        var set = new HashSet<string>(StringComparer.Ordinal);
        var current = c;
        for (int guard = 0; guard <= fs.Cascades.Count; guard++)
        {
            foreach (var e in current.Organic.Composition?.Where(kv => kv.Value > 0).Select(kv => kv.Key) ?? []) set.Add(e);
            if (FlowsheetSolver.UpstreamCascade(current.FeedFrom) is { } up && cascades.TryGetValue(up, out var next))
            {
                current = next;
                continue;
            }
            var feed = fs.Feeds.FirstOrDefault(f => f.Name == current.FeedFrom);
            foreach (var e in feed?.Concentrations.Where(kv => kv.Value > 0).Select(kv => kv.Key) ?? []) set.Add(e);
            break;
        }
        return set;
    }

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
    private static void CheckSaturation(Flowsheet fs, CascadeDefinition c, SeparationFactorChemistry sf, string at, List<ValidationIssue> issues)
    {
        var feed = fs.Feeds.FirstOrDefault(f => f.Name == c.FeedFrom);
        if (feed is null) return;
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
                CheckStageTotals(fs, c, sf, at, feed, issues);
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
        CheckStageTotals(fs, c, sf, at, feed, issues);
    }

    /// <summary>Every saturated stage must keep rare earths in its aqueous (see <see cref="SaturatedTotals"/>).</summary>
    private static void CheckStageTotals(Flowsheet fs, CascadeDefinition c, SeparationFactorChemistry sf, string at, FeedStream feed, List<ValidationIssue> issues)
    {
        var elements = fs.Elements();
        var conc = elements.Select(e => feed.Concentrations.GetValueOrDefault(e)).ToArray();
        if (!elements.All(e => sf.SeparationFactors.ContainsKey(e) && (c.Strip is null || sf.StripDistributionRatios.ContainsKey(e)))) return;
        var totals = SaturatedTotals.Compute(CascadeProblem.Create(c, sf, elements, feed.Flow, conc));
        if (totals is null || totals.FirstEmptyStage < 0) return;
        int j = totals.FirstEmptyStage;
        issues.Add(new($"{at}.organic.flow", $"the organic cannot saturate in stage {j + 1}: the rare earths reaching that stage do not cover what the organic takes up there, " +
            $"so its aqueous would hold {totals.Aqueous[j]:G4} mol/L; lower the organic flow, raise the scrub or reflux flow, or move the feed stage"));
    }

    private static void CheckSpecs(Flowsheet fs, List<string> streamNames, List<ValidationIssue> issues)
    {
        var elements = fs.Elements();
        for (int k = 0; k < fs.Specs.Count; k++)
        {
            var spec = fs.Specs[k];
            if (!streamNames.Contains(spec.Stream, StringComparer.Ordinal))
                issues.Add(new($"specs.{k}.stream", $"no stream named '{spec.Stream}'; {Suggestions.DidYouMean(spec.Stream, streamNames)}streams: {string.Join(", ", streamNames)}"));
            string key = spec.Elements.Count == 1 ? "element" : "elements";
            foreach (var e in spec.Elements.Where(e => !elements.Contains(e)))
                issues.Add(new($"specs.{k}.{key}", $"{e} does not enter the flowsheet; elements: {string.Join(", ", elements)}"));
        }
    }
}
