using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>
/// The stage-totals Newton's two ways to solve its Newton step (StageTotalsNewton.DenseStep and
/// BlockStep) solve the same linear system, and the block-tridiagonal one keeps memory linear in
/// the stages (issue 10: 15 elements × 20,000 stages took 5.8 GB for the dense N_s×N_s Jacobian).
/// </summary>
public class StageTotalsBlockTests
{
    private static readonly string[] OreElements = ["La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Y", "Er", "Tm", "Yb", "Lu"];

    /// <summary>The benchmark ore (flowsheets/bench/ore-15-element-100-stage.yaml, β and strip D as there) with its stage counts scaled.</summary>
    private static Flowsheet Ore(int extraction, int scrub, int strip, IReadOnlyDictionary<string, double>? organic = null)
    {
        double[] beta = [1, 3.0, 4.8, 7.2, 65, 130, 182, 910, 2000, 4000, 5600, 7300, 22000, 66000, 112000];
        double[] stripD = [0.01, 0.01, 0.01, 0.01, 0.02, 0.02, 0.02, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05, 0.05];
        // mole fractions near the oxide percentages of the file, 1 mol/L in all
        double[] share = [33.2, 49.1, 4.34, 12.0, 0.789, 0.118, 0.166, 0.0159, 0.0312, 0.0051, 0.0913, 0.0035, 0.0009, 0.0006, 0.0001];
        double sum = share.Sum();
        var chem = new SeparationFactorChemistry("P507",
            OreElements.Select((e, i) => (e, beta[i])).ToDictionary(t => t.e, t => t.Item2, StringComparer.Ordinal), 0.18,
            OreElements.Select((e, i) => (e, stripD[i])).ToDictionary(t => t.e, t => t.Item2, StringComparer.Ordinal));
        var feed = new FeedStream("ore", 10, OreElements.Select((e, i) => (e, share[i] / sum)).ToDictionary(t => t.e, t => t.Item2, StringComparer.Ordinal), 0);
        return new Flowsheet("ore", null, chem, [feed],
            [new CascadeDefinition("LaCePr", "ore", extraction, extraction, new ScrubDefinition(scrub, 33.41, 3.0), new StripDefinition(strip, 10, 4.5),
                new OrganicDefinition(196, organic))], [], new SolverOptions(1e-10, 2000));
    }

    private static CascadeProblem Problem(Flowsheet fs)
    {
        var cascade = fs.Cascades[0];
        var elements = fs.Elements();
        return CascadeProblem.Create(cascade, fs.ChemistryOf(cascade), elements, fs.Feeds[0].Flow, elements.Select(fs.Feeds[0].Content).ToArray());
    }

    public static TheoryData<string> Cases => new() { "ore, recycled organic", "ore, pre-loaded organic", "Pr/Nd" };

    private static Flowsheet Case(string name) => name switch
    {
        "ore, recycled organic" => Ore(60, 34, 6),
        // a fixed organic inlet instead of the recycle: no corner
        "ore, pre-loaded organic" => Ore(60, 34, 6, Map(("La", 0.002), ("Ce", 0.003))),
        _ => PrNd(),
    };

    [Theory, MemberData(nameof(Cases))]
    public void Block_and_dense_steps_take_the_same_iterations_to_the_same_solution(string name)
    {
        var p = Problem(Case(name));
        var x0 = NewtonSolver.StartingProfile(p);
        var dense = StageTotalsNewton.For(p)!;
        var block = StageTotalsNewton.For(p)!;
        block.ForceDenseStep = false;
        dense.ForceDenseStep = true;
        var a = dense.Solve(x0, 1e-10, 60);
        var b = block.Solve(x0, 1e-10, 60);
        Assert.NotNull(a);
        Assert.NotNull(b);
        // the same linear system solved two ways: equal steps to round-off, so equal residual
        // histories (relatively, while the residual is well above round-off) and iteration counts
        Assert.Equal(a.Report.Iterations, b.Report.Iterations);
        Assert.Equal(a.Report.ResidualHistory.Count, b.Report.ResidualHistory.Count);
        for (int k = 0; k < a.Report.ResidualHistory.Count; k++)
            if (a.Report.ResidualHistory[k] > 1e-8)
                Assert.True(Rel(b.Report.ResidualHistory[k], a.Report.ResidualHistory[k]) <= 1e-6, $"iteration {k}: {a.Report.ResidualHistory[k]} vs {b.Report.ResidualHistory[k]}");
        double largest = a.Aqueous.Max();
        for (int t = 0; t < a.Aqueous.Length; t++)
            if (a.Aqueous[t] > 1e-12 * largest)
                Assert.True(Rel(b.Aqueous[t], a.Aqueous[t]) <= 1e-8, $"x[{t}]: {a.Aqueous[t]} vs {b.Aqueous[t]}");
    }

    /// <summary>Bytes the solve of the ore scaled to <paramref name="stages"/> allocates with 10 iterations allowed, and its result.</summary>
    private static (long Bytes, FlowsheetResult Result) Allocation(int stages)
    {
        int k = stages / 100;
        var fs = Ore(60 * k, 34 * k, 6 * k) with { Solver = new SolverOptions(1e-10, 10) };
        Assert.Empty(FlowsheetValidator.Validate(fs));
        long before = GC.GetAllocatedBytesForCurrentThread();
        var r = FlowsheetSolver.Solve(fs, fallback: false);
        return (GC.GetAllocatedBytesForCurrentThread() - before, r);
    }

    [Fact]
    public void Fifteen_elements_in_5000_stages_solve_in_memory_linear_in_the_stages()
    {
        // The ore's 60 + 34 + 6 stages scaled ×50 (N_s = 4700 saturated stages), 10 iterations
        // allowed: the allocation does not depend on how far the solve gets. The dense step held
        // ∂g/∂S (N_s² doubles) and a block of T⁻¹ (N·(N_s+1) doubles): 4700² × 8 B + 5000 × 4701 × 8 B
        // ≈ 365 MB. Linear in N: the block step's system, 6 blocks of 16×16 doubles per stage
        // (12 kB), the full stage system of the Newton that follows (3 blocks of 15×15 and 3 padded
        // 15×16, 11 kB) and per-stage vectors, under 40 kB per stage, 200 MB in all.
        var (bytes, r) = Allocation(5000);
        Assert.True(bytes < 40_000L * 5000, $"{bytes / 1e6:0} MB allocated for 5000 stages");
        // it fails cleanly within its 10 iterations (or converges), with a report that says so
        if (!r.Converged) Assert.False(string.IsNullOrEmpty(r.Reports[^1].Message));
        Assert.All(r.Reports, x => Assert.True(x.Iterations <= 10, $"{x.Method}: {x.Iterations}"));
    }

    [Fact]
    public void Doubling_the_stages_doubles_the_allocation()
    {
        // linear: twice the stages, twice the bytes (the dense step's N_s² would make it ×4)
        long a = Allocation(1000).Bytes, b = Allocation(2000).Bytes;
        Assert.True(b < 2.2 * a, $"{a / 1e6:0.0} MB for 1000 stages, {b / 1e6:0.0} MB for 2000");
    }
}
