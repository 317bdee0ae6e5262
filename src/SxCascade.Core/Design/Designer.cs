using SxCascade.Chemistry;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade.Design;

/// <summary>Options of a design.</summary>
/// <param name="Extraction">Fix the extraction amount S (mol extracted per mol fed) instead of minimising S·(n+m).</param>
/// <param name="OrganicFlow">Fix the organic flow (L/h) instead; S follows from O·L/F.</param>
/// <param name="MaxStages">Largest n + m the search tries before calling a point infeasible.</param>
/// <param name="CurvePoints">Points of the design curve between 1.05·S_min and 3·S_min.</param>
/// <param name="Progress">Receives one line per design-curve point (long searches).</param>
public sealed record DesignOptions(double? Extraction = null, double? OrganicFlow = null, int MaxStages = 400, int CurvePoints = 10, IProgress<string>? Progress = null);

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
        var feed = template.Feeds.Single(f => f.Name == cascade.FeedFrom);
        double fed = feed.Flow * feed.Concentrations.Where(kv => chem.SeparationFactors.ContainsKey(kv.Key)).Sum(kv => kv.Value);
        var search = new Search(template, cascade, chem, cut, shortcut, fed, options.MaxStages);

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
            options.Progress?.Report(point.Feasible
                ? $"S = {s:F4}: n = {point.ExtractionStages}, m = {point.ScrubStages}, S·(n+m) = {point.Objective:F2}"
                : $"S = {s:F4}: no cascade up to {options.MaxStages} stages meets the specs");
        }
        double chosen = fixedS ?? curve.Where(p => p.Feasible).OrderBy(p => p.Objective).Select(p => p.Extraction).DefaultIfEmpty(double.NaN).First();
        if (double.IsNaN(chosen))
            throw new DesignException("specs", $"no cascade of up to {options.MaxStages} stages meets the specs at any extraction amount from {grid[0]:G4} to {grid[^1]:G4}; relax the purities or allow more stages");
        var best = fixedS is null ? curve.First(p => p.Extraction == chosen) : search.MinimumStages(chosen);
        if (!best.Feasible)
            throw new DesignException($"cascades.{cascade.Name}.organic.flow", $"no cascade of up to {options.MaxStages} stages meets the specs at S = {chosen:G4}; raise S or allow more stages");
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
        var named = template.Specs.Select(s => FlowsheetSolver.UpstreamCascade(s.Stream) ?? "").Distinct().ToList();
        if (named.Count != 1 || template.Cascades.All(c => c.Name != named[0]))
            throw new DesignException("specs", named.Count == 0
                ? "design needs purity specs on both products of one cascade"
                : $"design works on one cascade at a time; the specs name {string.Join(", ", named.Select(n => n.Length == 0 ? "(a feed)" : n))}; keep the specs of one cascade");
        var target = template.Cascades.Single(c => c.Name == named[0]);
        var downstream = template.Cascades.Where(c => FlowsheetSolver.UpstreamCascade(c.FeedFrom) == target.Name).Select(c => c.Name).ToList();
        if (downstream.Count > 0)
            throw new DesignException($"cascades.{downstream[0]}.feed.from",
                $"cascade {target.Name} (the one the specs name) feeds {string.Join(", ", downstream)}; design the last cascade of a chain, or split the file");
        var source = FlowsheetSolver.UpstreamCascade(target.FeedFrom);
        var others = template.Cascades.Where(c => c.Name != target.Name).ToList();
        FeedStream feed;
        if (source is null)
            feed = template.Feeds.Single(f => f.Name == target.FeedFrom);
        else
        {
            var upstream = FlowsheetSolver.Solve(template with { Cascades = others, Specs = [] });
            if (!upstream.Converged)
                throw new DesignException($"cascades.{source}", $"the cascades upstream of {target.Name} do not converge as given; run the flowsheet without cascade {target.Name} to see why");
            var outlet = upstream.Stream(target.FeedFrom)!;
            var conc = new Dictionary<string, double>(StringComparer.Ordinal);
            for (int e = 0; e < upstream.Elements.Count; e++)
                if (!FeedStream.AcidSpecies.Contains(upstream.Elements[e]) && outlet.Concentrations[e] > 0)
                    conc[upstream.Elements[e]] = outlet.Concentrations[e];
            feed = new FeedStream(target.FeedFrom.Replace('.', '_'), outlet.Flow, conc, 0);
        }
        var alone = template with { Feeds = [feed], Cascades = [target with { FeedFrom = feed.Name }] };
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
        var feed = fs.Feeds.FirstOrDefault(f => f.Name == c.FeedFrom)
            ?? throw new DesignException($"cascades.{c.Name}.feed.from", "design needs the cascade fed by a feed stream");
        string raffinate = $"{c.Name}.raffinate", aProduct = c.Strip is null ? $"{c.Name}.loaded-organic" : $"{c.Name}.strip-liquor";
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
            if (fs.PurityBasis == PurityBasis.OxideMass && fs.Feeds.FirstOrDefault(f => f.Name == fs.Cascades[0].FeedFrom) is { } feed)
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

    /// <summary>The stage search at fixed flows, with a cache of simulations.</summary>
    private sealed class Search(Flowsheet template, CascadeDefinition cascade, SeparationFactorChemistry chem, Cut cut, ShortcutDesign shortcut, double fed, int maxStages)
    {
        private readonly Dictionary<(double, int, int, int), FlowsheetResult?> _cache = new();

        /// <summary>Strip stages of the cascades simulated (the template's until the design fixes them).</summary>
        public int StripStages { get; set; } = cascade.StripStages;

        /// <summary>Smallest strip stage count up to the template's for which (n, m) still meets every spec.</summary>
        public int FewestStripStages(double s, int n, int m)
        {
            int template = StripStages;
            if (template <= 1) return template;
            for (int k = 1; k < template; k++)
            {
                StripStages = k;
                bool met = All(s, n, m);
                StripStages = template;
                if (met) return k;
            }
            return template;
        }
        private (int N, int M)? _lastStart;

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
            var fs = Flowsheet(s, n, m);
            var r = FlowsheetValidator.Validate(fs).Count == 0 ? FlowsheetSolver.Solve(fs) : null;
            if (r is { Converged: false }) r = null;
            _cache[(s, n, m, StripStages)] = r;
            return r;
        }

        private (bool ExtractionSide, bool ScrubSide) Met(double s, int n, int m)
        {
            var r = Simulate(s, n, m);
            if (r is null) return (false, false);
            // raffinate purity and A recovery depend on the extraction section; A purity and raffinate recovery on the scrub section
            bool ext = true, scr = true;
            foreach (var spec in r.Specs)
            {
                bool raffinate = spec.Stream == cut.BProduct;
                bool extractionSide = raffinate == (spec.Kind == "purity");
                if (!spec.Met)
                {
                    if (extractionSide) ext = false; else scr = false;
                }
            }
            return (ext, scr);
        }

        private bool All(double s, int n, int m) => Met(s, n, m) is (true, true);

        /// <summary>Smallest (n, m) meeting every spec at S, or an infeasible point.</summary>
        public DesignCurvePoint MinimumStages(double s)
        {
            double w = s - shortcut.ProductSplitA;
            double em = s / (w + 1), epm = s / w;
            int n, m;
            if (_lastStart is { } last) (n, m) = last;
            else if (cut.Beta * em > 1 && cut.Beta / epm > 1)
            {
                var (xn, xm) = Shortcut.XuStages(cut.Beta, em, epm, shortcut.PurificationA, shortcut.PurificationB);
                (n, m) = (Math.Max(1, (int)Math.Ceiling(xn)), Math.Max(1, (int)Math.Ceiling(xm)));
            }
            else (n, m) = (5, 5);
            n = Math.Min(n, maxStages / 2);
            m = Math.Min(m, maxStages / 2);
            // grow until every spec is met
            while (true)
            {
                var (ext, scr) = Met(s, n, m);
                if (ext && scr) break;
                if (n + m >= maxStages) return new DesignCurvePoint(s, n, m, false);
                if (!ext) n += Math.Max(1, n / 4);
                if (!scr) m += Math.Max(1, m / 4);
                (n, m) = (Math.Min(n, maxStages - 1), Math.Min(m, maxStages - 1));
            }
            // shrink each section by galloping steps while every spec still holds, until neither can lose a stage
            bool changed = true;
            while (changed)
            {
                changed = false;
                for (int step = Math.Max(1, n / 2); step >= 1; step /= 2)
                    while (n - step >= 1 && All(s, n - step, m)) { n -= step; changed = true; }
                for (int step = Math.Max(1, m / 2); step >= 1; step /= 2)
                    while (m - step >= 1 && All(s, n, m - step)) { m -= step; changed = true; }
            }
            _lastStart = (n, m);
            return new DesignCurvePoint(s, n, m, true);
        }
    }
}
