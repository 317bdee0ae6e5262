using System.Diagnostics;
using SxCascade.Design;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade.Comparison;

/// <summary>A technique whose solve did not converge: the comparison stops and shows its solver report.</summary>
/// <param name="case">The technique.</param>
/// <param name="result">The failed result with its convergence reports.</param>
public sealed class CompareSolveException(TechniqueCase @case, FlowsheetResult result)
    : Exception($"{@case.File}: the solver did not converge")
{
    /// <summary>The technique.</summary>
    public TechniqueCase Case { get; } = @case;

    /// <summary>The failed result.</summary>
    public FlowsheetResult Result { get; } = result;
}

/// <summary>
/// Compares techniques (issue 4): solves (or designs) each flowsheet once, measures its products
/// against the first file's specs, and adds the purity-against-stages sweep and the stages-against-
/// reagents trade-off. The cost is one solve (or one design) per technique plus the sweep.
/// </summary>
public static class Comparer
{
    /// <summary>Compares <paramref name="cases"/> (at least one; the first sets the specs).</summary>
    /// <exception cref="CompareException">A technique cannot be compared as asked (the message says why).</exception>
    /// <exception cref="CompareSolveException">A technique's solve failed.</exception>
    public static ComparisonResult Compare(IReadOnlyList<TechniqueCase> cases, CompareOptions? options = null)
    {
        options ??= new CompareOptions();
        if (cases.Count == 0) throw new ArgumentException("nothing to compare", nameof(cases));
        var first = cases[0];
        if (options.Design && first.Flowsheet.Specs.Count == 0)
            throw new CompareException(first.File, "specs",
                "--design designs every flowsheet to the specs of the first file, and it has none; add specs (e.g. - { stream: PrNd.raffinate, element: Pr, purity: 0.99 })");

        // purities side by side must be fractions of the same thing (MODEL.md §4)
        if (cases.FirstOrDefault(c => c.Flowsheet.PurityBasis != first.Flowsheet.PurityBasis) is { } other)
            throw new CompareException(other.File, "purity-basis",
                $"purity-basis is {other.Flowsheet.PurityBasis.Name()} here but {first.Flowsheet.PurityBasis.Name()} in {first.File}, so their purities could not be compared; " +
                $"give every file the same purity-basis (e.g. --set purity-basis={first.Flowsheet.PurityBasis.Name()})");

        // one untimed solve first (Newton alone, no fallback: bounded even for a template that does not
        // converge as given), so that the one-off JIT compilation of the solver is not charged
        // to the first technique's solve time (the times are compared with one another)
        if (cases.Count > 1) FlowsheetSolver.Solve(first.Flowsheet, fallback: false);
        var results = new List<TechniqueResult>();
        foreach (var c in cases)
        {
            options.Progress?.Report(options.Design ? $"designing {c.Label} ({c.File})" : $"solving {c.Label} ({c.File})");
            results.Add(One(c, first, options));
        }
        var key = results[0].Products.SelectMany(p => p.Elements).Distinct().ToList();
        return new ComparisonResult(results, key, options.Design);
    }

    private static TechniqueResult One(TechniqueCase c, TechniqueCase first, CompareOptions options)
    {
        var (mapped, reason) = MapSpecs(first, c);
        Flowsheet flowsheet;
        FlowsheetResult result;
        DesignResult? design = null;
        var clock = Stopwatch.StartNew();
        if (options.Design)
        {
            if (mapped is null) throw new CompareException(c.File, "cascades", reason!);
            try
            {
                design = Designer.Design(c.Flowsheet with { Specs = mapped });
            }
            catch (DesignException e)
            {
                // a problem with the specs lies in the first file, which gave them
                bool inSpecs = e.Path.StartsWith("specs", StringComparison.Ordinal) && !ReferenceEquals(c, first);
                throw new CompareException(inSpecs ? first.File : c.File, e.Path, $"designing {c.Label}: {e.Message}");
            }
            flowsheet = design.Flowsheet;
            result = design.Result;
        }
        else
        {
            flowsheet = c.Flowsheet;
            result = FlowsheetSolver.Solve(flowsheet);
            if (!result.Converged) throw new CompareSolveException(c, result);
        }
        double ms = clock.Elapsed.TotalMilliseconds;

        var (products, from) = Products(c, first, mapped, flowsheet, result, design is not null);
        if (options.SweepPoints > 0 && products.Count > 0)
            options.Progress?.Report($"{c.Label}: purity against stages, {options.SweepPoints} simulations with the sections scaled 0.5× to 1.5×");
        var curve = options.SweepPoints > 0 && products.Count > 0 ? PurityCurve(flowsheet, products[0], options.SweepPoints) : [];
        var tradeoff = design is null
            ? [Point(result, null)]
            : design.Curve.Where(p => p.Result is not null)
                .Select(p => Point(p.Result!, p.Extraction))
                .Append(Point(result, design.Extraction))
                .DistinctBy(p => (p.TotalStages, p.Extraction)).OrderBy(p => p.Extraction).ToList();
        return new TechniqueResult(c, flowsheet, result, design, products, from, curve, tradeoff, ms);
    }

    private static TradeoffPoint Point(FlowsheetResult r, double? s) =>
        new(r.Cascades.Sum(c => c.TotalStages), r.Reagents.AcidKgPerKgOxide, r.Reagents.BaseKgPerKgOxide, s);

    /// <summary>
    /// The first file's specs renamed onto <paramref name="c"/>: the same stream names where its
    /// cascades are named alike, or the single cascade's name when both have one. Null (with the
    /// reason) when a stream or element has no counterpart.
    /// </summary>
    private static (IReadOnlyList<ProductSpec>? Specs, string? Reason) MapSpecs(TechniqueCase first, TechniqueCase c)
    {
        var reference = first.Flowsheet.Specs;
        var names = c.Flowsheet.Cascades.Select(x => x.Name).ToHashSet(StringComparer.Ordinal);
        var elements = c.Flowsheet.Elements().ToHashSet(StringComparer.Ordinal);
        var single = first.Flowsheet.Cascades.Count == 1 && c.Flowsheet.Cascades.Count == 1 ? c.Flowsheet.Cascades[0].Name : null;
        var specs = new List<ProductSpec>();
        foreach (var spec in reference)
        {
            var named = StreamRef.Parse(spec.Stream);
            string cascade = named.Unit;
            string stream = names.Contains(cascade) ? spec.Stream : single is not null && named.IsOutlet ? (named with { Unit = single }).ToString() : "";
            if (stream.Length == 0)
                return (null, $"the first file's spec on {spec.Stream} has no counterpart here: no cascade {cascade} "
                    + $"(cascades: {string.Join(", ", names)}); name the cascades alike in the files compared");
            if (spec.Elements.FirstOrDefault(e => !elements.Contains(e)) is { } missing)
                return (null, $"the first file's spec on {spec.Stream} names {missing}, which this flowsheet does not carry");
            specs.Add(spec with { Stream = stream });
        }
        return (specs, null);
    }

    /// <summary>
    /// The products to report: the flowsheet's specs (under --design, the first file's specs it was
    /// designed to), else the first file's specs where they map onto it, else each product stream
    /// with its most abundant rare earth.
    /// </summary>
    private static (List<ProductQuality>, string) Products(TechniqueCase c, TechniqueCase first, IReadOnlyList<ProductSpec>? mapped,
        Flowsheet fs, FlowsheetResult r, bool designed)
    {
        // designed flowsheets carry the first file's specs; a flowsheet as given is judged by its own
        if (fs.Specs.Count > 0)
            return (Group(fs.Specs, r), designed && !ReferenceEquals(c, first) ? $"the specs of {first.File} (designed to them)" : "its own specs");
        if (mapped is { Count: > 0 })
            return (Group(mapped, r), $"the specs of {first.File} (it has none)");
        var products = new List<ProductQuality>();
        foreach (var s in r.Streams.Where(s => s.IsProduct))
        {
            int best = -1;
            for (int e = 0; e < r.Elements.Count; e++)
                if (SxCascade.Chemistry.Elements.IsRareEarth(r.Elements[e]) && (best < 0 || s.Purity[e] > s.Purity[best])) best = e;
            if (best < 0 || !(s.Purity[best] > 0)) continue;
            var (purity, recovery) = r.GroupQuality(s.Name, [r.Elements[best]]);
            products.Add(new ProductQuality(s.Name, [r.Elements[best]], purity, recovery, null, null));
        }
        return (products, "its product streams (no specs)");
    }

    /// <summary>One product per (stream, element group), with the purity and recovery targets of its specs.</summary>
    private static List<ProductQuality> Group(IEnumerable<ProductSpec> specs, FlowsheetResult r) =>
        specs.GroupBy(s => (s.Stream, string.Join("+", s.Elements)))
            .Select(g =>
            {
                var spec = g.First();
                var (purity, recovery) = r.GroupQuality(spec.Stream, spec.Elements);
                return new ProductQuality(spec.Stream, spec.Elements, purity, recovery,
                    g.Select(s => s.Purity).FirstOrDefault(p => p is not null), g.Select(s => s.Recovery).FirstOrDefault(p => p is not null));
            }).ToList();

    /// <summary>
    /// Purity of <paramref name="product"/> with every cascade's extraction and scrub sections scaled
    /// by factors from 0.5 to 1.5 (feed stage scaled alike, flows and strip section unchanged).
    /// Cases that fail validation or do not converge are left out.
    /// </summary>
    public static IReadOnlyList<PurityPoint> PurityCurve(Flowsheet fs, ProductQuality product, int points)
    {
        var curve = new Dictionary<int, double>();
        for (int k = 0; k < points; k++)
        {
            double f = points == 1 ? 1 : 0.5 + k / (double)(points - 1);
            var scaled = fs with { Cascades = fs.Cascades.Select(c => Scale(c, f)).ToList() };
            int total = scaled.Cascades.Sum(c => c.TotalStages);
            if (curve.ContainsKey(total) || FlowsheetValidator.Validate(scaled).Count > 0) continue;
            var r = FlowsheetSolver.Solve(scaled);
            if (!r.Converged) continue;
            curve[total] = r.GroupQuality(product.Stream, product.Elements).Purity;
        }
        return curve.OrderBy(kv => kv.Key).Select(kv => new PurityPoint(kv.Key, kv.Value)).ToList();
    }

    private static CascadeDefinition Scale(CascadeDefinition c, double f)
    {
        int n = Math.Max(1, (int)Math.Round(c.ExtractionStages * f));
        return c with
        {
            ExtractionStages = n,
            FeedStage = c.FeedStage is { } s ? Math.Clamp((int)Math.Round(s * f), 1, n) : null,
            Scrub = c.Scrub is { } sc ? sc with { Stages = Math.Max(1, (int)Math.Round(sc.Stages * f)) } : null,
        };
    }
}
