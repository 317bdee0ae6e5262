using SxCascade.Chemistry;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade.Design;

/// <summary>Options of a design.</summary>
/// <param name="Extraction">Fix the extraction amount S (mol extracted per mol fed) instead of minimising S·(n+m).</param>
/// <param name="OrganicFlow">Fix the organic flow (L/h) instead; S follows from O·L/F.</param>
/// <param name="MaxStages">Largest cascade the search tries: extraction + scrub + strip stages (at least 2).</param>
/// <param name="CurvePoints">Points of the design curve between 1.05·S_min and 3·S_min.</param>
/// <param name="Progress">Receives one line per design-curve point, and one at least every second while a point is searched.</param>
/// <param name="StripStages">Fix the strip stage count instead of designing it (null: designed, see <see cref="Designer"/>).</param>
public sealed record DesignOptions(double? Extraction = null, double? OrganicFlow = null, int MaxStages = DesignOptions.DefaultMaxStages, int CurvePoints = 10,
    IProgress<string>? Progress = null, int? StripStages = null)
{
    /// <summary>Default stage limit per cascade.</summary>
    public const int DefaultMaxStages = 400;
}

/// <summary>A spec set that no cascade can meet, or a flowsheet the designer cannot work on.</summary>
/// <param name="path">Dotted path of the offending value in the flowsheet file.</param>
/// <param name="message">What is wrong, why, and the nearest feasible alternative.</param>
public sealed class DesignException(string path, string message) : Exception(message)
{
    /// <summary>Dotted key path, e.g. "specs.0.purity".</summary>
    public string Path { get; } = path;
}

/// <summary>
/// Rigorous design (MODEL.md §5): the cut from the specs, shortcut theory on the key pair, then
/// the smallest extraction and scrub stage counts for which the simulated cascade meets every
/// spec, at the extraction amount S that minimises S·(n + m) (or a fixed S or organic flow).
/// The feed enters at stage n; removing one extraction or one scrub stage breaks a spec.
/// </summary>
public static class Designer
{
    /// <summary>
    /// Designs the cascade of <paramref name="template"/> that the specs name (separation-factor
    /// chemistry, purity specs on both products). With several cascades, the specified one must
    /// feed no other; the cascades upstream of it are solved as given and its feed is their outlet.
    /// </summary>
    public static DesignResult Design(Flowsheet template, DesignOptions? options = null)
    {
        options ??= new DesignOptions();
        if (template.Cascades.Count > 1) return DesignLinked(template, options);
        var cut = FindCut(template);
        var cascade = template.Cascades.Single(c => c.Name == cut.Cascade);
        var chem = (SeparationFactorChemistry)template.ChemistryOf(cascade);
        var shortcut = Shortcut.Design(cut.Beta, cut.FeedA, cut.PurityA, cut.PurityB);
        CheckSpecsReachable(template, cut, shortcut);
        if (options.MaxStages < 2)
            throw new DesignException("specs", $"the stage limit {options.MaxStages} leaves no room for an extraction and a scrub stage; allow at least 2 (--max-stages)");
        var feed = template.Graph.Unit(cascade).Feed ?? throw new InvalidOperationException($"cascade '{cascade.Name}' has no feed '{cascade.FeedFrom}'");
        double fed = feed.Flow * feed.Concentrations.Where(kv => chem.SeparationFactors.ContainsKey(kv.Key)).Sum(kv => kv.Value);
        if (options.StripStages is < 1)
            throw new DesignException($"cascades.{cascade.Name}.strip.stages", $"a fixed strip section needs at least 1 stage; got {options.StripStages}");
        int stripStages = cascade.Strip is null ? 0 : options.StripStages ?? Math.Max(cascade.StripStages, RequiredStripStages(template, cut, chem, options.MaxStages));
        CheckStageLimit(template, cut, shortcut, stripStages, options.MaxStages);
        var search = new Search(template, cascade, chem, cut, shortcut, fed, options.MaxStages, options.Progress) { StripStages = stripStages };

        double sMin = shortcut.MinimumExtraction;
        double? fixedS = options.Extraction ?? (options.OrganicFlow is { } o ? o * chem.Loading / fed : null);
        if (fixedS is { } fs && fs <= sMin)
            throw new DesignException($"cascades.{cascade.Name}.organic.flow",
                $"extraction amount S = {fs:G4} is at or below the minimum S_min = {sMin:G4} for this split (infinite stages); use S above {sMin:G4}, i.e. an organic flow above {sMin * fed / chem.Loading:G4} L/h");

        // design curve: S from 1.05·S_min to 3·S_min, geometric, plus the shortcut optimum
        var grid = Enumerable.Range(0, options.CurvePoints).Select(k => sMin * 1.05 * Math.Pow(3 / 1.05, k / (double)Math.Max(1, options.CurvePoints - 1)))
            .Append(shortcut.Extraction).Where(s => s > sMin).Distinct().OrderBy(s => s).ToList();
        var curve = new List<DesignCurvePoint>();
        foreach (double s in grid)
        {
            var point = search.MinimumStages(s);
            if (point.Feasible)
                point = point with
                {
                    Result = search.Simulate(s, point.ExtractionStages, point.ScrubStages),
                    Cascade = search.Flowsheet(s, point.ExtractionStages, point.ScrubStages).Cascades[0],
                };
            curve.Add(point);
            search.Report(point.Feasible
                ? $"S = {s:F4}: n = {point.ExtractionStages}, m = {point.ScrubStages}, S·(n+m) = {point.Objective:F2}"
                : $"S = {s:F4}: no cascade meets the specs: {point.Limit}");
        }
        double chosen = fixedS ?? curve.Where(p => p.Feasible).OrderBy(p => p.Objective).Select(p => p.Extraction).DefaultIfEmpty(double.NaN).First();
        if (double.IsNaN(chosen))
        {
            // a purity that levels off says more than the stage limit: name it, at the S nearest the shortcut optimum
            var limited = curve.Where(p => p.Limit is not null).OrderBy(p => p.Limit!.Contains("levels off", StringComparison.Ordinal) ? 0 : 1)
                .ThenBy(p => Math.Abs(Math.Log(p.Extraction / shortcut.Extraction))).FirstOrDefault();
            if (limited is null)
                throw new DesignException("specs", $"no extraction amount of the design curve lies above S_min = {sMin:G4}; fix one with --extraction");
            bool levelsOff = limited.Limit!.Contains("levels off", StringComparison.Ordinal);
            throw new DesignException("specs", $"no cascade of up to {search.Limit} meets the specs at any extraction amount from {grid[0]:G4} to {grid[^1]:G4}; " +
                $"at S = {limited.Extraction:G4}: {limited.Limit}" + (levelsOff ? "" : "; allow more stages (--max-stages) or relax the purities"));
        }
        var best = fixedS is null ? curve.First(p => p.Extraction == chosen) : search.MinimumStages(chosen);
        if (!best.Feasible)
            throw new DesignException($"cascades.{cascade.Name}.organic.flow", $"no cascade of up to {search.Limit} meets the specs at S = {chosen:G4}: {best.Limit}" +
                (best.Limit!.Contains("levels off", StringComparison.Ordinal) ? "" : "; allow more stages (--max-stages), choose another S, or relax the purities"));
        // the fewest strip stages that keep every spec (fewer strip stages can only leave more metal on
        // the recycled organic, so one extraction or scrub stage fewer still fails at this count)
        search.StripStages = search.FewestStripStages(chosen, best.ExtractionStages, best.ScrubStages);
        var flowsheet = search.Flowsheet(chosen, best.ExtractionStages, best.ScrubStages);
        var result = search.Simulate(chosen, best.ExtractionStages, best.ScrubStages)!;
        var fewerN = best.ExtractionStages > 1 ? search.Simulate(chosen, best.ExtractionStages - 1, best.ScrubStages) : null;
        var fewerM = best.ScrubStages > 1 ? search.Simulate(chosen, best.ExtractionStages, best.ScrubStages - 1) : null;
        return new DesignResult(cut, shortcut, chosen, chosen - shortcut.ProductSplitA, search.Flows(chosen), flowsheet, result, fewerN, fewerM, curve, search.Simulations);
    }

    /// <summary>
    /// Linked cascades: the cascade every spec names is designed alone, fed by a stream equal to its
    /// upstream outlet (the upstream cascades do not depend on it: nothing flows back to them), then
    /// put back in place, and the whole flowsheet is solved again.
    /// </summary>
    private static DesignResult DesignLinked(Flowsheet template, DesignOptions options)
    {
        var graph = template.Graph;
        var named = template.Specs.Select(s => StreamRef.Parse(s.Stream) is { IsOutlet: true } r ? r.Unit : "").Distinct().ToList();
        if (named.Count != 1 || template.Cascades.All(c => c.Name != named[0]))
            throw new DesignException("specs", named.Count == 0
                ? "design needs purity specs on both products of one cascade"
                : $"design works on one cascade at a time; the specs name {string.Join(", ", named.Select(n => n.Length == 0 ? "(a feed)" : n))}; keep the specs of one cascade");
        var targetUnit = graph.Unit(named[0])!;
        var target = targetUnit.Definition;
        if (target.AdditionalFeeds.Count > 0)
            throw new DesignException($"cascades.{target.Name}.feeds", $"design works on a cascade with one feed; cascade {target.Name} has {target.AdditionalFeeds.Count + 1}");
        var downstream = graph.Downstream(targetUnit).Select(c => c.Name).ToList();
        if (downstream.Count > 0)
            throw new DesignException($"cascades.{downstream[0]}.feed.from",
                $"cascade {target.Name} (the one the specs name) feeds {string.Join(", ", downstream)}; design the last cascade of a chain, or split the file");
        var source = targetUnit.FeedUnit?.Name;
        var others = template.Cascades.Where(c => c.Name != target.Name).ToList();
        FeedStream feed;
        if (source is null)
            feed = targetUnit.Feed ?? throw new InvalidOperationException($"cascade '{target.Name}' has no feed '{target.FeedFrom}'");
        else
        {
            var upstream = FlowsheetSolver.Solve(template with { Cascades = others, Specs = [] });
            if (!upstream.Converged)
                throw new DesignException($"cascades.{source}", $"the cascades upstream of {target.Name} do not converge as given; run the flowsheet without cascade {target.Name} to see why");
            var outlet = upstream.Stream(target.FeedFrom)!;
            // the outlet's whole flow (other cascades may take shares of it: its parts NAME→CASCADE), of which the target takes its share
            double outletFlow = upstream.Streams.Where(s => s.Name == target.FeedFrom || s.Name.StartsWith(target.FeedFrom + "→", StringComparison.Ordinal)).Sum(s => s.Flow);
            var conc = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int e = 0; e < upstream.Elements.Count; e++)
                if (!FeedStream.AcidSpecies.Contains(upstream.Elements[e]) && outlet.Concentrations[e] > 0)
                    conc[upstream.Elements[e]] = outlet.Concentrations[e];
            feed = new FeedStream(target.FeedFrom.Replace('.', '_'), outletFlow * target.FeedFraction, conc, 0);
        }
        var alone = template with { Feeds = [feed], Cascades = [target with { FeedFrom = feed.Name, FeedFraction = 1 }] };
        var d = Design(alone, options);
        var designed = d.Cascade with { FeedFrom = target.FeedFrom };
        var whole = template with { Cascades = template.Cascades.Select(c => c.Name == target.Name ? designed : c).ToList() };
        var result = FlowsheetSolver.Solve(whole);
        // the design curve's points as whole flowsheets, so that their stages and reagents compare with the design's
        var curve = d.Curve.Select(p => p.Cascade is not { } c ? p : p with
        {
            Cascade = c with { FeedFrom = target.FeedFrom },
            Result = FlowsheetSolver.Solve(template with { Cascades = template.Cascades.Select(x => x.Name == target.Name ? c with { FeedFrom = target.FeedFrom } : x).ToList() }) is { Converged: true } r ? r : null,
        }).ToList();
        return d with { Flowsheet = whole, Result = result, Curve = curve };
    }

    /// <summary>
    /// The cut from the specs: elements at least as extractable as every element specified for the
    /// A product (strip liquor or loaded organic) go to A; the rest to the raffinate (B).
    /// </summary>
    public static Cut FindCut(Flowsheet fs)
    {
        if (fs.Cascades.Count != 1)
            throw new DesignException("cascades", $"design works on one cascade; this flowsheet has {fs.Cascades.Count}");
        var c = fs.Cascades[0];
        if (fs.ChemistryOf(c) is not SeparationFactorChemistry chem)
            throw new DesignException(c.Chemistry is null ? "chemistry.model" : $"cascades.{c.Name}.chemistry.model",
                $"design needs separation-factor chemistry (constant separation factors and a saturated organic, docs/model.md §3.2); this cascade uses {fs.ChemistryOf(c).Model}");
        if (c.AdditionalFeeds.Count > 0)
            throw new DesignException($"cascades.{c.Name}.feeds", $"design works on a cascade with one feed; cascade {c.Name} has {c.AdditionalFeeds.Count + 1}");
        var feed = fs.Graph.Unit(c).Feed
            ?? throw new DesignException($"cascades.{c.Name}.feed.from", "design needs the cascade fed by a feed stream");
        string raffinate = StreamRef.Outlet(c.Name, OutletKind.Raffinate).ToString(),
            aProduct = StreamRef.Outlet(c.Name, c.Strip is null ? OutletKind.LoadedOrganic : OutletKind.StripLiquor).ToString();
        int aIndex = IndexOfPurity(fs, aProduct), bIndex = IndexOfPurity(fs, raffinate);
        if (aIndex < 0 || bIndex < 0)
            throw new DesignException("specs", $"design needs a purity spec on both products: {aProduct} (the organic side, A) and {raffinate} (B); " +
                $"e.g. - {{ stream: {aProduct}, element: Nd, purity: 0.999 }}");
        var aSpec = fs.Specs[aIndex];
        var bSpec = fs.Specs[bIndex];
        foreach (var (spec, index) in new[] { (aSpec, aIndex), (bSpec, bIndex) })
            if (spec.Purity >= 1)
                throw new DesignException($"specs.{index}.purity", $"purity 1 cannot be reached by a finite cascade (Fenske: N_min = ln(a·b)/ln β is infinite); the nearest feasible target is 0.9999 or 0.99999");
        double Beta(string e) => chem.SeparationFactors[e];
        var metals = feed.Concentrations.Where(kv => kv.Value > 0 && chem.SeparationFactors.ContainsKey(kv.Key)).Select(kv => kv.Key)
            .OrderByDescending(Beta).ThenBy(Elements.Order).ToArray();
        double minA = aSpec.Elements.Min(Beta), maxB = bSpec.Elements.Max(Beta);
        if (minA <= maxB)
        {
            string lowA = aSpec.Elements.MinBy(Beta)!, highB = bSpec.Elements.MaxBy(Beta)!;
            throw new DesignException($"specs.{aIndex}", minA == maxB
                ? $"no cut can separate {lowA} from {highB}: their separation factor is β = 1 (both {minA:G4}); specify them in the same product"
                : $"{lowA} (β {minA:G4}) is wanted in {aProduct} but {highB} (β {maxB:G4}), more extractable, in {raffinate}: the organic takes the more extractable elements; swap the products or the elements");
        }
        var a = metals.Where(e => Beta(e) >= minA).ToArray();
        var b = metals.Where(e => Beta(e) < minA).ToArray();
        if (b.Length == 0 || a.Length == 0)
            throw new DesignException($"specs.{aIndex}", "the specs put every element of the feed on one side; a cut needs elements on both");
        string heavy = a.MinBy(Beta)!, light = b.MaxBy(Beta)!;
        double total = metals.Sum(e => feed.Concentrations[e]);
        double fA = a.Sum(e => feed.Concentrations[e]) / total;
        double pA = aSpec.Purity!.Value, pB = bSpec.Purity!.Value;
        if (fs.PurityBasis == PurityBasis.OxideMass)
        {
            // MODEL.md §5 works in mole fractions: an oxide-mass target w becomes x = (w/M_A)/(w/M_A + (1 − w)/M_B)
            // with M_A, M_B the feed's mean oxide masses per atom of the two groups (exact for a binary)
            var (mA, mB) = MeanOxideMasses(feed, a, b);
            pA = pA / mA / (pA / mA + (1 - pA) / mB);
            pB = pB / mB / (pB / mB + (1 - pB) / mA);
        }
        return new Cut(c.Name, a, b, heavy, light, Beta(heavy) / Beta(light), fA, pA, pB, aProduct, raffinate);
    }

    /// <summary>The feed's mean oxide mass per atom (g/mol) of the rare earths of each group (1 for a group without any).</summary>
    private static (double A, double B) MeanOxideMasses(FeedStream feed, IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        double Mean(IReadOnlyList<string> g)
        {
            var re = g.Where(Elements.IsRareEarth).ToArray();
            double moles = re.Sum(e => feed.Concentrations.GetValueOrDefault(e));
            return moles > 0 ? re.Sum(e => feed.Concentrations.GetValueOrDefault(e) * Elements.OxideMass(e)) / moles : 1;
        }
        return (Mean(a), Mean(b));
    }

    private static int IndexOfPurity(Flowsheet fs, string stream)
    {
        for (int k = 0; k < fs.Specs.Count; k++)
            if (fs.Specs[k].Stream == stream && fs.Specs[k].Purity is not null) return k;
        return -1;
    }

    /// <summary>The purities must leave both products some of the feed, and recoveries must fit the mass balance.</summary>
    private static void CheckSpecsReachable(Flowsheet fs, Cut cut, ShortcutDesign d)
    {
        int aIndex = IndexOfPurity(fs, cut.AProduct), bIndex = IndexOfPurity(fs, cut.BProduct);
        if (cut.PurityA <= cut.FeedA || cut.PurityB <= 1 - cut.FeedA)
        {
            // in the user's basis: the targets as written, and the feed's shares on that basis
            double targetA = fs.Specs[aIndex].Purity!.Value, targetB = fs.Specs[bIndex].Purity!.Value, shareA = cut.FeedA;
            string basis = "";
            if (fs.PurityBasis == PurityBasis.OxideMass && fs.Graph.Units[0].Feed is { } feed)
            {
                var (mA, mB) = MeanOxideMasses(feed, cut.A, cut.B);
                shareA = cut.FeedA * mA / (cut.FeedA * mA + (1 - cut.FeedA) * mB);
                basis = " (oxide mass fractions, purity-basis: oxide-mass)";
            }
            if (cut.PurityA <= cut.FeedA)
                throw new DesignException($"specs.{aIndex}.purity", $"purity {targetA:G6} of {cut.AProduct} is not above the feed's A fraction f_A = {shareA:G6}{basis}: nothing to separate; ask for more than {shareA:G6}");
            throw new DesignException($"specs.{bIndex}.purity", $"purity {targetB:G6} of {cut.BProduct} is not above the feed's B fraction f_B = {1 - shareA:G6}{basis}; ask for more than {1 - shareA:G6}");
        }
        // at purities P_A, P_B the product split is fixed, and with it the recoveries: R_A = f'_A·P_A/f_A, R_B = f'_B·P_B/f_B
        double recoveryA = d.ProductSplitA * cut.PurityA / cut.FeedA, recoveryB = (1 - d.ProductSplitA) * cut.PurityB / (1 - cut.FeedA);
        for (int k = 0; k < fs.Specs.Count; k++)
        {
            var s = fs.Specs[k];
            if (s.Recovery is not { } r) continue;
            bool isA = s.Stream == cut.AProduct && s.Elements.ToHashSet().SetEquals(cut.A);
            bool isB = s.Stream == cut.BProduct && s.Elements.ToHashSet().SetEquals(cut.B);
            double limit = isA ? recoveryA : isB ? recoveryB : double.PositiveInfinity;
            if (r > limit + 1e-12)
                throw new DesignException($"specs.{k}.recovery", $"recovery {r:G6} in {s.Stream} is beyond the mass balance at purities P_A = {fs.Specs[aIndex].Purity:G6}, P_B = {fs.Specs[bIndex].Purity:G6}{(fs.PurityBasis == PurityBasis.OxideMass ? " (oxide mass fractions)" : "")}: " +
                    $"the most it can be is {limit:G6}; ask for at most {Math.Floor(limit * 1e6) / 1e6:G6} or raise the other product's purity");
        }
    }

    /// <summary>The share of the strip leak in the raffinate's margin that the designed strip section may take.</summary>
    private const double StripLeakShare = 0.1;

    /// <summary>The smallest stripping factor A/(D·O) of a designed strip section (its flow is at least 5·D_strip·O, see <see cref="Search.Flows"/>).</summary>
    private const double DesignStrippingFactor = 5;

    /// <summary>
    /// Strip stages that keep the metal riding the stripped organic back to stage 1 within a tenth of
    /// what the raffinate purity can bear (<see cref="Shortcut.MaximumStripLeak"/>), by Kremser at the
    /// smallest stripping factor the design's strip flow allows (5, for the largest D_strip of the feed's elements).
    /// </summary>
    private static int RequiredStripStages(Flowsheet fs, Cut cut, SeparationFactorChemistry chem, int maxStages)
    {
        double d = cut.A.Concat(cut.B).Select(e => chem.StripDistributionRatios.GetValueOrDefault(e)).DefaultIfEmpty(0).Max();
        if (!(d > 0)) return 1;
        return Shortcut.StripStagesFor(DesignStrippingFactor, StripLeakShare * Shortcut.MaximumStripLeak(cut.PurityA, cut.PurityB), maxStages);
    }

    /// <summary>
    /// Refuses, before any simulation, a split whose Fenske minimum (total reflux, MODEL.md §5) with the
    /// strip stages does not fit in the stage limit: no cascade within the limit can meet the specs.
    /// </summary>
    private static void CheckStageLimit(Flowsheet fs, Cut cut, ShortcutDesign d, int stripStages, int maxStages)
    {
        double nMin = d.FenskeStages;
        int aIndex = IndexOfPurity(fs, cut.AProduct);
        if (stripStages + 2 > maxStages)
            throw new DesignException($"specs.{aIndex}.purity",
                $"the limit of {maxStages} stages per cascade (--max-stages) leaves no room for an extraction and a scrub stage beside the {stripStages} strip stages " +
                $"this split needs (to keep the metal the stripped organic carries back within what the raffinate purity bears); allow at least {stripStages + 2}");
        if (!(Math.Floor(nMin) + stripStages > maxStages)) return;
        string strip = stripStages > 0 ? $", plus {stripStages} strip stages," : "";
        throw new DesignException($"specs.{aIndex}.purity",
            $"the key pair {cut.HeavyKey}/{cut.LightKey} (β = {cut.Beta:G8}) needs at least N_min = ln(a·b)/ln β = {nMin:G4} extraction and scrub stages " +
            $"even at total reflux (Fenske, a = {d.PurificationA:G4}, b = {d.PurificationB:G4}){strip} beyond the limit of {maxStages} stages per cascade (--max-stages); " +
            $"allow more stages, relax the purities, or use a chemistry with a larger separation factor");
    }

    /// <summary>The stage search at fixed flows, with a cache of simulations.</summary>
    private sealed class Search(Flowsheet template, CascadeDefinition cascade, SeparationFactorChemistry chem, Cut cut, ShortcutDesign shortcut, double fed,
        int maxStages, IProgress<string>? progress)
    {
        private readonly Dictionary<(double, int, int, int), FlowsheetResult?> _cache = new();
        private readonly System.Diagnostics.Stopwatch _sinceReport = System.Diagnostics.Stopwatch.StartNew();

        /// <summary>Strip stages of the cascades simulated.</summary>
        public int StripStages { get; set; } = cascade.StripStages;

        /// <summary>The stage limit, in words.</summary>
        public string Limit => $"{maxStages} stages per cascade (--max-stages)";

        /// <summary>Extraction plus scrub stages the limit leaves beside the strip section.</summary>
        private int Budget => maxStages - StripStages;

        /// <summary>Reports a progress line and restarts the one-second clock of <see cref="Simulate"/>.</summary>
        public void Report(string line)
        {
            progress?.Report(line);
            _sinceReport.Restart();
        }

        /// <summary>
        /// Smallest strip stage count up to the current one for which (n, m) still meets every spec, by
        /// bisection: fewer strip stages only leave more metal on the recycled organic.
        /// </summary>
        public int FewestStripStages(double s, int n, int m)
        {
            int most = StripStages, lo = 0, hi = most; // specs met at hi; lo = 0 stands for "not met"
            while (hi - lo > 1)
            {
                int mid = (lo + hi) / 2;
                StripStages = mid;
                bool met = All(s, n, m);
                StripStages = most;
                if (met) hi = mid; else lo = mid;
            }
            return Math.Max(1, hi);
        }
        private (int N, int M)? _lastStart;
        private (double, double)? _lastXu;

        public int Simulations { get; private set; }

        public DesignFlows Flows(double s)
        {
            double w = s - shortcut.ProductSplitA;
            double organic = s * fed / chem.Loading;
            double scrubAcid = cascade.Scrub is { IsReflux: false, Acid: > 0 } sc ? sc.Acid : 3.0;
            double stripAcid = cascade.Strip is { Acid: > 0 } st ? st.Acid : 4.5;
            // acid scrub: W·F rare earths scrubbed back by 3·W·F of acid (MODEL.md §3.2)
            double scrubFlow = 3 * w * fed / scrubAcid;
            double stripped = cascade.Scrub is { IsReflux: true } ? s * fed : (s - w) * fed;
            // strip: 3 H⁺ per RE stripped with 10 % excess, and a strip extraction factor D·O/A ≤ 0.2,
            // so that little metal rides the recycled organic back (it would swell the raffinate
            // beyond the product split that the purities fix)
            double maxD = chem.StripDistributionRatios.Values.DefaultIfEmpty(0).Max();
            double stripFlow = Math.Max(3 * stripped * 1.1 / stripAcid, 5 * maxD * organic);
            return new DesignFlows(fed, organic, scrubFlow, scrubAcid, cascade.Strip is null ? 0 : stripFlow, stripAcid);
        }

        public Flowsheet Flowsheet(double s, int n, int m)
        {
            var f = Flows(s);
            double w = s - shortcut.ProductSplitA;
            ScrubDefinition scrub = cascade.Scrub is { IsReflux: true }
                ? new ScrubDefinition(m, 0, 0, w / s)
                : new ScrubDefinition(m, f.ScrubFlow, f.ScrubAcid);
            var designed = cascade with
            {
                FeedStage = null,
                ExtractionStages = n,
                Scrub = scrub,
                Strip = cascade.Strip is null ? null : new StripDefinition(StripStages, f.StripFlow, f.StripAcid),
                Organic = cascade.Organic with { Flow = f.Organic },
            };
            return template with { Cascades = [designed] };
        }

        public FlowsheetResult? Simulate(double s, int n, int m)
        {
            if (_cache.TryGetValue((s, n, m, StripStages), out var cached)) return cached;
            Simulations++;
            if (_sinceReport.Elapsed.TotalSeconds >= 1)
                Report($"S = {s:F4}: trying n = {n}, m = {m}, {StripStages} strip stages ({Simulations} simulations so far)");
            var fs = Flowsheet(s, n, m);
            var r = FlowsheetValidator.Validate(fs).Count == 0 ? FlowsheetSolver.Solve(fs) : null;
            if (r is { Converged: false }) r = null;
            _cache[(s, n, m, StripStages)] = r;
            return r;
        }

        /// <summary>
        /// How far (n, m) is from the specs, per side: the raffinate purity and the A recovery depend on
        /// the extraction section, the A purity and the raffinate recovery on the scrub section. Each side
        /// gets g = max over its specs of ln((1 − value)/(1 − target)), &gt; 0 when a spec fails (the
        /// impurity, or the loss, falls by a constant factor per stage, Xu's theory), and the worst failing spec.
        /// Null when the cascade is invalid or its simulation does not converge.
        /// </summary>
        private Gaps? Evaluate(double s, int n, int m)
        {
            var r = Simulate(s, n, m);
            if (r is null) return null;
            double gN = double.NegativeInfinity, gM = double.NegativeInfinity;
            SpecResult? worstN = null, worstM = null;
            foreach (var spec in r.Specs)
            {
                bool extractionSide = (spec.Stream == cut.BProduct) == (spec.Kind == "purity");
                double g = Math.Log(Math.Max(1 - spec.Value, 1e-300) / Math.Max(1 - spec.Target, 1e-300));
                // a spec missed by round-off still counts as missed
                if (!spec.Met) g = Math.Max(g, 1e-9);
                else g = Math.Min(g, 0);
                if (extractionSide && g > gN) (gN, worstN) = (g, spec);
                if (!extractionSide && g > gM) (gM, worstM) = (g, spec);
            }
            return new Gaps(gN, gM, worstN, worstM);
        }

        private sealed record Gaps(double N, double M, SpecResult? WorstN, SpecResult? WorstM)
        {
            public bool Met => N <= 0 && M <= 0;
        }

        private bool All(double s, int n, int m) => Evaluate(s, n, m) is { Met: true };

        /// <summary>
        /// Smallest (n, m) meeting every spec at S, or an infeasible point with its limit. Each section's
        /// count moves by the stages its gap needs at the rate one stage buys (ln(β·E_M) and ln(β/E'_M)
        /// per stage by Xu, then the rate observed), so that a point takes a handful of simulations.
        /// The search stops, naming the limit, when the stages needed exceed the limit, or when adding
        /// stages no longer raises a failing spec (it levels off).
        /// </summary>
        public DesignCurvePoint MinimumStages(double s)
        {
            double w = s - shortcut.ProductSplitA;
            double em = s / (w + 1), epm = s / w;
            // ln of the purification factor one stage buys in each section; a section whose factor is ≤ 1 gets a slow floor rate
            double rateN0 = Math.Max(Math.Log(cut.Beta * em), 1e-3), rateM0 = Math.Max(Math.Log(cut.Beta / epm), 1e-3);
            // the rates the last point observed, but not below a hundredth of Xu's
            double rateN = double.IsFinite(_rateN) ? Math.Max(_rateN, 0.01 * rateN0) : rateN0, rateM = double.IsFinite(_rateM) ? Math.Max(_rateM, 0.01 * rateM0) : rateM0;
            int budget = Budget;
            int n, m;
            var xu = cut.Beta * em > 1 && cut.Beta / epm > 1 ? Shortcut.XuStages(cut.Beta, em, epm, shortcut.PurificationA, shortcut.PurificationB) : ((double, double)?)null;
            if (_lastStart is { } last)
            {
                // the previous point's answer, scaled as Xu's numbers scale between the two S
                (n, m) = (last.N, last.M);
                if (xu is { } x && _lastXu is { } px)
                    (n, m) = (Scaled(last.N, x.Item1 / px.Item1), Scaled(last.M, x.Item2 / px.Item2));
            }
            else if (xu is { } x) (n, m) = (Math.Max(1, (int)Math.Ceiling(x.Item1)), Math.Max(1, (int)Math.Ceiling(x.Item2)));
            else (n, m) = (5, 5);
            _lastXu = xu;
            (n, m) = FitBudget(n, m, budget);

            // grow until every spec is met
            Gaps? previous = null;
            int failures = 0, flatN = 0, flatM = 0, firstTotal = n + m;
            (int N, int M) previousStages = (n, m);
            Gaps g;
            while (true)
            {
                var e = Evaluate(s, n, m);
                if (e is null)
                {
                    // an invalid or unconverged cascade: try a larger one, as a solver may fail on a small cascade
                    if (++failures >= 3 || n + m >= budget)
                        return Infeasible(s, n, m, $"the simulation of n = {n}, m = {m} does not converge or is invalid");
                    (n, m) = FitBudget(n + Math.Max(1, n / 4), m + Math.Max(1, m / 4), budget);
                    continue;
                }
                g = e;
                if (g.Met) break;
                if (previous is not null)
                {
                    // the rate observed on each section that grew; a rate under a tenth of Xu's is a purity that levels off
                    // (and one too slow to close the gap within the stage limit)
                    int room = budget - n - m;
                    if (n > previousStages.N && previous.N > 0)
                    {
                        double rate = (previous.N - g.N) / (n - previousStages.N);
                        flatN = g.N > 0 && (rate <= 0 || rate < 0.1 * rateN0 && g.N / rate > room) ? flatN + 1 : 0;
                        if (rate > 0) rateN = Math.Max(rate, 0.01 * rateN0);
                    }
                    if (m > previousStages.M && previous.M > 0)
                    {
                        double rate = (previous.M - g.M) / (m - previousStages.M);
                        flatM = g.M > 0 && (rate <= 0 || rate < 0.1 * rateM0 && g.M / rate > room) ? flatM + 1 : 0;
                        if (rate > 0) rateM = Math.Max(rate, 0.01 * rateM0);
                    }
                    if (flatN >= 2 || flatM >= 2)
                        return Infeasible(s, n, m, LevelsOff(s, flatN >= 2 ? g.WorstN! : g.WorstM!, firstTotal, n + m));
                }
                // the stages each failing section needs at its rate, at most half as many again per step
                int needN = g.N > 0 ? (int)Math.Min(n + Math.Max(1, Math.Ceiling(g.N / rateN)), 1.5 * n + 1) : n;
                int needM = g.M > 0 ? (int)Math.Min(m + Math.Max(1, Math.Ceiling(g.M / rateM)), 1.5 * m + 1) : m;
                if (needN + needM > budget)
                {
                    if (n + m >= budget)
                    {
                        double moreN = g.N > 0 ? Math.Ceiling(g.N / rateN) : 0, moreM = g.M > 0 ? Math.Ceiling(g.M / rateM) : 0;
                        var missed = new[] { g.N > 0 ? g.WorstN : null, g.M > 0 ? g.WorstM : null }.OfType<SpecResult>().Select(Describe);
                        return Infeasible(s, n, m, $"n = {n}, m = {m} (with {StripStages} strip stages, the limit) still miss {string.Join(" and ", missed)}" +
                            $"; at the rate each stage buys, about {n + moreN + m + moreM + StripStages:G3} stages would be needed");
                    }
                    (needN, needM) = FitBudget(needN, needM, budget);
                }
                previous = g;
                previousStages = (n, m);
                (n, m) = (needN, needM);
            }
            // shrink each section while every spec still holds, until neither can lose a stage
            _rateN = rateN;
            _rateM = rateM;
            bool changed = true;
            while (changed)
            {
                int n0 = n, m0 = m;
                n = Smallest(n, g, k => Evaluate(s, k, m), ref _rateN, ref g);
                m = Smallest(m, g, k => Evaluate(s, n, k), ref _rateM, ref g);
                changed = n != n0 || m != m0;
            }
            _lastStart = (n, m);
            return new DesignCurvePoint(s, n, m, true);
        }

        /// <summary>Stage rates observed at the last point (ln of the gap per stage), the start of the next point's.</summary>
        private double _rateN = double.NaN, _rateM = double.NaN;

        /// <summary>
        /// The fewest stages of one section at which every spec still holds, from <paramref name="count"/>
        /// (which meets them, with gaps <paramref name="gaps"/>): the worst gap G = max(g_n, g_m) grows as
        /// stages go, so the count is bracketed between one that fails and one that meets, each new try
        /// where the line through the two brackets crosses G = 0 (by <paramref name="rate"/> per stage
        /// while no failing count is known), until the two are one stage apart: one stage fewer fails.
        /// </summary>
        private static int Smallest(int count, Gaps gaps, Func<int, Gaps?> at, ref double rate, ref Gaps current)
        {
            int hi = count, lo = 0; // lo = 0: no failing count known yet
            double gHi = Math.Max(gaps.N, gaps.M), gLo = double.NaN;
            int step = 0; // the last extrapolated step
            while (hi - lo > 1)
            {
                int guess;
                if (lo > 0 && double.IsFinite(gLo) && double.IsFinite(gHi) && gLo > gHi)
                {
                    // where the line through both crosses 0, kept within the middle half of the bracket (the gap is far from linear near a pinch)
                    double cross = lo + gLo / (gLo - gHi) * (hi - lo), quarter = (hi - lo) / 4.0;
                    guess = (int)Math.Ceiling(Math.Clamp(cross, lo + quarter, hi - quarter) - 1e-9);
                }
                else if (lo > 0)
                    guess = (lo + hi) / 2;
                else
                {
                    // extrapolate by the rate, at most an eighth of the stages at first; at least double the last step
                    // after that (a gap that hardly moves, such as a spec already at 1, says little about how far to go)
                    int predicted = double.IsFinite(gHi) ? (int)Math.Min(hi / 8 + 1, Math.Max(1, Math.Floor(-gHi / rate))) : hi / 2;
                    step = step == 0 ? predicted : Math.Min(Math.Max(predicted, 2 * step), Math.Max(1, hi / 2));
                    guess = hi - step;
                }
                guess = Math.Clamp(guess, lo + 1, hi - 1);
                var e = at(guess);
                double g = e is null ? double.NaN : Math.Max(e.N, e.M);
                if (e is { Met: true })
                {
                    // the rate observed between two counts that meet, for the next extrapolation
                    if (lo == 0 && double.IsFinite(g) && double.IsFinite(gHi) && g > gHi) rate = (g - gHi) / (hi - guess);
                    (hi, gHi, current) = (guess, g, e);
                }
                else (lo, gLo) = (guess, g);
            }
            return hi;
        }

        /// <summary>⌊count·ratio⌉, at least 1 and at most <see cref="int.MaxValue"/>/4 (FitBudget brings it within the limit).</summary>
        private static int Scaled(int count, double ratio) =>
            double.IsFinite(ratio) && ratio > 0 ? (int)Math.Clamp(Math.Round(count * ratio), 1, int.MaxValue / 4) : count;

        /// <summary>Scales (n, m) down to fit n + m ≤ <paramref name="budget"/>, each at least 1.</summary>
        private static (int N, int M) FitBudget(int n, int m, int budget)
        {
            if (n + m <= budget) return (n, m);
            int nn = Math.Max(1, (int)Math.Floor((double)n * budget / (n + m)));
            return (nn, Math.Max(1, budget - nn));
        }

        private static string Describe(SpecResult spec) =>
            $"{spec.Stream} {string.Join("+", spec.Elements)} {spec.Kind} {100 * spec.Value:F4} % < {100 * spec.Target:F4} %";

        private DesignCurvePoint Infeasible(double s, int n, int m, string limit) => new(s, n, m, false) { Limit = limit };

        /// <summary>
        /// The limit when a failing spec levels off: for the raffinate purity, the metal the stripped
        /// organic carries back to stage 1 (<see cref="Shortcut.LeakLimitedPurityB"/>) when it explains it.
        /// </summary>
        private string LevelsOff(double s, SpecResult spec, int fromStages, int toStages)
        {
            string text = $"{spec.Stream} {string.Join("+", spec.Elements)} {spec.Kind} levels off at {100 * spec.Value:F4} %, below its target {100 * spec.Target:F4} %: " +
                $"adding stages (n + m from {fromStages} to {toStages}) hardly raises it any more, too little to reach the target within the stage limit";
            if (spec.Stream != cut.BProduct || spec.Kind != "purity" || cascade.Strip is null) return text + " at these flows";
            var f = Flows(s);
            double d = cut.A.Select(e => chem.StripDistributionRatios.GetValueOrDefault(e)).DefaultIfEmpty(0).Max();
            if (!(d > 0)) return text + " at these flows";
            double eps = f.StripFlow / (d * f.Organic), leak = Shortcut.StripLeak(eps, StripStages);
            double cap = Shortcut.LeakLimitedPurityB(cut.FeedA, shortcut.ProductSplitA, leak);
            double allowed = Shortcut.MaximumStripLeak(cut.PurityA, cut.PurityB);
            if (!(leak > 0.5 * allowed)) return text + " at these flows";
            int k = Shortcut.StripStagesFor(eps, StripLeakShare * allowed, 1000);
            return text + $": the strip section ({StripStages} stages, stripping factor A/(D·O) = {eps:G3}) leaves {leak:G3} of the A product on the stripped organic, " +
                $"which returns to stage 1 and leaves with the raffinate; that caps the raffinate purity at {100 * cap:F4} % (mole fraction) at any number of extraction " +
                $"and scrub stages, where (1 − P_A)/P_B = {allowed:G3} is the most it can bear; use {k} or more strip stages or a larger strip flow";
        }

    }
}
