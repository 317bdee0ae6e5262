using System.Globalization;

namespace SxCascade.Flowsheets;

/// <summary>
/// Physical ranges of a flowsheet's inputs (format.md "Ranges"), checked by
/// <see cref="FlowsheetValidator"/>: values outside them describe no plant, and a solver fed with
/// them gives numbers no check can trust. Also the rule that one stream feeds one inlet.
/// </summary>
public static class PhysicalBounds
{
    /// <summary>Largest concentration of any one species, and of all of a solution together, mol/L (12 mol/L HCl, a saturated RECl₃ liquor and neat extractants of about 3 mol/L lie well inside).</summary>
    public const double MaxConcentration = 20;

    /// <summary>Largest flow of any stream, L/h (a million m³/h).</summary>
    public const double MaxFlow = 1e9;

    /// <summary>Loosest solver tolerance: above it a "converged" stage residual says nothing about the balances, which must close to 1e-9.</summary>
    public const double MaxTolerance = 1e-6;

    /// <summary>Largest iteration limit (five times the substitution default of 200,000 sweeps).</summary>
    public const int MaxIterations = 1_000_000;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Adds an issue for every input outside its range, and for every stream that feeds more than one cascade whole.</summary>
    internal static void Check(Flowsheet fs, List<ValidationIssue> issues)
    {
        foreach (var f in fs.Feeds)
        {
            string at = $"feeds.{f.Name}";
            Flow(issues, $"{at}.flow", f.Flow);
            Solution(issues, at, f.Concentrations, f.Acid);
        }
        foreach (var c in fs.Cascades)
        {
            string at = $"cascades.{c.Name}";
            // a linked organic (organic.from) may leave its flow out (0): it is the linked stream's
            if (c.Organic.From is null || c.Organic.Flow != 0) Flow(issues, $"{at}.organic.flow", c.Organic.Flow);
            if (c.Organic.Composition is { } oc)
            {
                Solution(issues, $"{at}.organic", oc, 0);
                PreloadedOrganic(fs, c, oc, $"{at}.organic.composition", issues);
            }
            if (c.Scrub is { IsReflux: false, From: null } scrub)
            {
                Flow(issues, $"{at}.scrub.flow", scrub.Flow);
                Solution(issues, $"{at}.scrub", scrub.Composition ?? new Dictionary<string, double>(), scrub.Acid);
            }
            if (c.Strip is { } strip)
            {
                Flow(issues, $"{at}.strip.flow", strip.Flow);
                Solution(issues, $"{at}.strip", strip.Composition ?? new Dictionary<string, double>(), strip.Acid);
            }
        }
        var chemistries = fs.Cascades.Where(c => c.Chemistry is not null).Select(c => (c.Chemistry!, $"cascades.{c.Name}.chemistry")).ToList();
        if (fs.Chemistry is not null) chemistries.Insert(0, (fs.Chemistry, "chemistry"));
        foreach (var (chemistry, at) in chemistries)
            switch (chemistry)
            {
                case SeparationFactorChemistry sf:
                    Concentration(issues, $"{at}.loading", sf.Loading, positive: true);
                    break;
                case MassActionChemistry ma:
                    Concentration(issues, $"{at}.extractant.concentration", ma.Extractant.Concentration, positive: true);
                    break;
            }
        var tolerance = fs.Solver.Tolerance;
        if (!(tolerance > 0 && tolerance <= MaxTolerance))
            issues.Add(new("solver.tolerance", $"solver.tolerance must be greater than 0 and at most {Number(MaxTolerance)} (the balances of a converged result close to 1e-9; the default is 1e-10); got {Number(tolerance)}"));
        if (fs.Solver.MaxIterations is { } limit && !(limit >= 1 && limit <= MaxIterations))
            issues.Add(new("solver.max-iterations", $"solver.max-iterations must be a whole number from 1 to {MaxIterations.ToString("N0", Inv)}; got {limit.ToString(Inv)}"));
        WholeStreams(fs, issues);
    }

    /// <summary>
    /// FORMAT.md "Networks": a stream that feeds two inlets whole would be counted twice, and the
    /// shares taken from one stream sum to at most 1 (what is left is a product). A share of a feed
    /// stream is the feed with a smaller flow: the file gives that flow instead.
    /// </summary>
    private static void WholeStreams(Flowsheet fs, List<ValidationIssue> issues)
    {
        var graph = fs.Graph;
        string PathOf(UnitNode unit, FeedLink link) =>
            $"cascades.{unit.Name}.{(link.Index == -1 ? "organic" : link.Index == -2 ? "scrub" : unit.Definition.FeedPath(link.Index))}.from";
        foreach (var (stream, _) in graph.Links.OrderBy(l => graph.Units.ToList().IndexOf(l.Takers[0])))
        {
            var takers = graph.Takers(stream);
            if (graph.Feed(stream) is { } feed && takers.FirstOrDefault(t => !t.Link.Whole) is { Unit: { } u, Link: { } part })
            {
                issues.Add(new(PathOf(u, part), $"cascade {u.Name} takes a fraction {Number(part.Fraction)} of feed '{stream}'; a feed enters as it is: " +
                    $"give the feed the flow taken (feeds.{stream}.flow: {Number(feed.Flow * part.Fraction)} L/h) and take it whole"));
                continue;
            }
            // one cascade taking a stream whole at two inlets is reported with that cascade's feeds
            if (takers.All(t => t.Link.Whole) && takers.Select(t => t.Unit).Distinct().Count() < 2) continue;
            double sum = takers.Sum(t => t.Link.Fraction);
            if (sum <= 1 + 1e-12) continue;
            var names = takers.Select(t => t.Unit.Name).Distinct().ToList();
            string joined = string.Join(", ", names.Take(names.Count - 1)) + " and " + names[^1];
            if (takers.All(t => t.Link.Whole))
            {
                string kind = graph.Feed(stream) is not null ? "feed" : "outlet";
                var (second, link) = takers.First(t => !ReferenceEquals(t.Unit, takers[0].Unit));
                issues.Add(new(PathOf(second, link),
                    $"{kind} '{stream}' feeds {(takers.Count == 2 ? "two" : takers.Count.ToString(Inv))} inlets whole: cascades {joined}; " +
                    "a stream can feed one cascade only (each would take all of it, so it would be counted twice): give each cascade its own feed with the flow it takes"
                    + (kind == "outlet" ? $", or split it: from: {{ stream: {stream}, fraction: 0.5 }}" : "")));
                continue;
            }
            var (last, lastLink) = takers[^1];
            string shares = string.Join(" + ", takers.Select(t => Number(t.Link.Fraction)));
            issues.Add(new(PathOf(last, lastLink), $"the shares of '{stream}' taken by cascades {joined} sum to {shares} = {Number(sum)}; they may sum to at most 1 (what is left is a product)"));
        }
    }

    /// <summary>A pre-loaded organic cannot hold more than its extractant binds (mass action: Σ ν_i·y_i ≤ E; saturated: Σ y_i ≤ L).</summary>
    private static void PreloadedOrganic(Flowsheet fs, CascadeDefinition c, IReadOnlyDictionary<string, double> oc, string at, List<ValidationIssue> issues)
    {
        var chemistry = c.Chemistry ?? fs.Chemistry;
        switch (chemistry)
        {
            case SeparationFactorChemistry sf when !c.RecyclesOrganic:
                double held = oc.Values.Sum();
                if (held > sf.Loading)
                    issues.Add(new(at, $"the pre-loaded organic holds {Number(held)} mol/L of metals, above the saturation loading L = {Number(sf.Loading)} mol/L; give at most L in all"));
                break;
            case MassActionChemistry ma:
                double bound = oc.Sum(kv => (ma.Laws.TryGetValue(kv.Key, out var law) ? law.Consumes : Chemistry.Elements.DefaultCharge(kv.Key)) * kv.Value);
                if (bound > ma.Extractant.Concentration)
                    issues.Add(new(at, $"the pre-loaded organic binds {Number(bound)} mol/L of extractant (Σ ν·y), more than its {Number(ma.Extractant.Concentration)} mol/L; give less metal or more extractant"));
                break;
        }
    }

    private static void Flow(List<ValidationIssue> issues, string path, double flow)
    {
        if (!(flow > 0 && flow <= MaxFlow))
            issues.Add(new(path, $"{path} must be greater than 0 and at most {Number(MaxFlow)} L/h; got {Number(flow)} L/h"));
    }

    /// <summary>Every concentration of a solution (its composition and its acid) and their sum within 0…<see cref="MaxConcentration"/>.</summary>
    private static void Solution(List<ValidationIssue> issues, string at, IReadOnlyDictionary<string, double> composition, double acid)
    {
        bool each = true;
        foreach (var (element, value) in composition)
            each &= Concentration(issues, $"{at}.composition.{element}", value, positive: false);
        each &= Concentration(issues, $"{at}.acid", acid, positive: false);
        double total = composition.Values.Sum() + acid;
        if (each && total > MaxConcentration)
            issues.Add(new($"{at}.composition", $"{at} holds {Number(total)} mol/L in all (metals and acid); no solution holds more than {Number(MaxConcentration)} mol/L"));
    }

    private static bool Concentration(List<ValidationIssue> issues, string path, double value, bool positive)
    {
        if ((positive ? value > 0 : value >= 0) && value <= MaxConcentration) return true;
        issues.Add(new(path, $"{path} must be {(positive ? "greater than 0" : "from 0")} and at most {Number(MaxConcentration)} mol/L (the physical range of a concentration); got {Number(value)} mol/L"));
        return false;
    }

    private static string Number(double v) =>
        v != 0 && (Math.Abs(v) >= 1e5 || Math.Abs(v) < 1e-3) ? v.ToString("0.###e+0", Inv) : v.ToString("G4", Inv);
}
