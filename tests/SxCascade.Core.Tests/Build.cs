using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade.Core.Tests;

/// <summary>Small builders for flowsheets in tests.</summary>
internal static class Build
{
    public static Dictionary<string, double> Map(params (string Key, double Value)[] items) =>
        items.ToDictionary(i => i.Key, i => i.Value, StringComparer.Ordinal);

    public static ConstantDChemistry ConstantD(params (string, double)[] d) =>
        new(Map(d), new Dictionary<SectionKind, IReadOnlyDictionary<string, double>>());

    public static ConstantDChemistry ConstantD(Dictionary<string, double> extraction, Dictionary<string, double>? scrub = null, Dictionary<string, double>? strip = null)
    {
        var per = new Dictionary<SectionKind, IReadOnlyDictionary<string, double>>();
        if (scrub is not null) per[SectionKind.Scrub] = scrub;
        if (strip is not null) per[SectionKind.Strip] = strip;
        return new ConstantDChemistry(extraction, per);
    }

    public static Flowsheet Single(ChemistryDefinition chemistry, FeedStream feed, CascadeDefinition cascade, SolverMethod method = SolverMethod.Newton, double tolerance = 1e-10) =>
        new("test", null, chemistry, [feed], [cascade], [], new SolverOptions(tolerance, null, method));

    public static FeedStream Feed(double flow, params (string, double)[] conc) => new("feed", flow, Map(conc), 0);

    public static FlowsheetResult Solve(Flowsheet fs)
    {
        var issues = FlowsheetValidator.Validate(fs);
        Assert.True(issues.Count == 0, string.Join("; ", issues.Select(i => $"{i.Path}: {i.Message}")));
        var r = FlowsheetSolver.Solve(fs, fallback: false);
        Assert.True(r.Converged, string.Join("; ", r.Reports.Select(x => $"{x.Method} {x.Status} {x.Message}")));
        Assert.True(r.MaxBalanceError <= 1e-9, $"balance error {r.MaxBalanceError}");
        return r;
    }

    public static Flowsheet PrNd(SolverMethod method = SolverMethod.Newton, double tolerance = 1e-10, int extraction = 20, int scrub = 32, double organic = 225.2) =>
        new("Pr/Nd", null,
            new SeparationFactorChemistry("P507", Map(("Pr", 1.0), ("Nd", 1.5)), 0.18, Map(("Pr", 0.01), ("Nd", 0.01))),
            [new FeedStream("didymium", 10, Map(("Pr", 0.2544), ("Nd", 0.7456)), 0)],
            [new CascadeDefinition("PrNd", "didymium", extraction, extraction, new ScrubDefinition(scrub, 33.1, 3.0), new StripDefinition(6, 6, 4.5), new OrganicDefinition(organic))],
            [new ProductSpec("PrNd.raffinate", ["Pr"], 0.985, null), new ProductSpec("PrNd.strip-liquor", ["Nd"], 0.999, null)],
            new SolverOptions(tolerance, null, method));

    public static double Rel(double actual, double expected) => Math.Abs(actual - expected) / Math.Abs(expected);
}
