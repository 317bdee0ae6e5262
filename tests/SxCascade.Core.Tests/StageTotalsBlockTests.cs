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

    /// <summary>
    /// A random system with exactly the non-zeros of StageTotalsNewton.BlockStep (its doc comment):
    /// arrow blocks (element diagonal bordered by the step's row and column) on the diagonal, the
    /// element diagonal and the step column below, the element diagonal above, dummy steps in the
    /// strip stages, and the recycle's diagonal corner block. The bands are shaped like stage
    /// balances (negative diagonal, positive neighbours, diagonally dominant), the couplings and
    /// the β row positive, as in the solver.
    /// </summary>
    private static (BlockTridiagonal Block, double[] Dense) ArrowSystem(Random rnd, int stages, int elements, int saturated, bool corner)
    {
        int c = elements, b = c + 1, bb = b * b, size = stages * b;
        var sys = new BlockTridiagonal(stages, b);
        var dense = new double[size * size];
        void Set(double[] blocks, int j, int row, int col, int denseRow, int denseCol, double v)
        {
            blocks[j * bb + row * b + col] = v;
            dense[denseRow * size + denseCol] += v;
        }
        for (int j = 0; j < stages; j++)
        {
            bool sat = j < saturated, below = j > 0 && j - 1 < saturated;
            for (int i = 0; i < c; i++)
            {
                int r = j * b + i;
                double lower = j > 0 ? 0.5 + rnd.NextDouble() : 0, upper = j + 1 < stages ? 0.5 + rnd.NextDouble() : 0;
                Set(sys.Diagonal, j, i, i, r, r, -(lower + upper + 0.5 + rnd.NextDouble()));
                if (j > 0) Set(sys.Lower, j, i, i, r, r - b, lower);
                if (j + 1 < stages) Set(sys.Upper, j, i, i, r, r + b, upper);
                if (sat)
                {
                    Set(sys.Diagonal, j, i, c, r, j * b + c, 0.1 + rnd.NextDouble());
                    Set(sys.Diagonal, j, c, i, j * b + c, r, 0.5 + 2 * rnd.NextDouble());
                }
                if (below) Set(sys.Lower, j, i, c, r, (j - 1) * b + c, -(0.1 + rnd.NextDouble()));
            }
            Set(sys.Diagonal, j, c, c, j * b + c, j * b + c, sat ? -1 : 1);
        }
        sys.HasCorner = corner;
        if (corner)
            for (int i = 0; i < c; i++)
            {
                double v = 0.2 + rnd.NextDouble();
                sys.Corner[i * b + i] = v;
                dense[i * size + (stages - 1) * b + i] += v;
            }
        return (sys, dense);
    }

    [Theory]
    // stages, elements, saturated stages, recycle corner: one stage; Pr/Nd-like (2 elements, 6 strip
    // stages); all stages saturated (the corner then couples to a saturated stage); the ore's 15
    // elements; a fixed organic inlet (no corner)
    [InlineData(1, 1, 1, false)] [InlineData(2, 2, 1, true)] [InlineData(58, 2, 52, true)] [InlineData(58, 2, 52, false)]
    [InlineData(12, 4, 12, true)] [InlineData(40, 15, 34, true)] [InlineData(40, 15, 34, false)] [InlineData(300, 3, 290, true)]
    public void Block_solve_of_the_step_structure_matches_dense_LU(int stages, int elements, int saturated, bool corner)
    {
        var rnd = new Random(1000 * stages + 10 * elements + (corner ? 1 : 0));
        var (sys, dense) = ArrowSystem(rnd, stages, elements, saturated, corner);
        int size = stages * (elements + 1);
        var rhs = new double[size];
        for (int t = 0; t < size; t++) rhs[t] = rnd.NextDouble() - 0.5;
        var expected = (double[])rhs.Clone();
        var pivots = new int[size];
        Assert.True(DenseLu.Factor(dense, size, pivots));
        DenseLu.Solve(dense, size, pivots, expected);
        Assert.True(sys.Solve(rhs));
        double scale = expected.Max(Math.Abs), worst = 0;
        for (int t = 0; t < size; t++) worst = Math.Max(worst, Math.Abs(rhs[t] - expected[t]));
        Assert.True(worst <= 1e-12 * scale, $"max |block − dense| = {worst:E2} against max |z| = {scale:E2}");
    }

    public static TheoryData<string, bool> StepCases => new()
    {
        { "ore, recycled organic", true }, { "ore, recycled organic", false },
        { "ore, pre-loaded organic", true }, { "ore, pre-loaded organic", false },
        { "Pr/Nd", true }, { "Pr/Nd", false }, { "Pr/Nd, reflux scrub", true }, { "Pr/Nd, 1000 stages", true },
    };

    [Theory, MemberData(nameof(StepCases))]
    public void Block_and_dense_solves_give_the_same_Newton_step(string name, bool logarithmic)
    {
        // the same state, the same linear system: the dense N_s×N_s Jacobian by LU and the
        // augmented block-tridiagonal system give the same step to round-off. At the starting
        // profile the logarithmic systems are ill-conditioned (steps in ln S up to 1e5, limited to
        // ln 10 afterwards), so two backward-stable solves agree to κ·ε, not ε: measured 7e-12 of
        // max |σ| on the ore and 1.5e-11 on Pr/Nd in 1,000 stages, ≤ 3e-14 in the other cases; the random
        // systems above check the solve itself to 1e-12
        var p = Problem(name switch
        {
            "Pr/Nd, reflux scrub" => PrNd() with
            {
                Cascades = [PrNd().Cascades[0] with { Scrub = new ScrubDefinition(32, 0, 0, 0.8) }],
            },
            "Pr/Nd, 1000 stages" => PrNd(extraction: 382, scrub: 612),
            _ => Case(name),
        });
        var x0 = NewtonSolver.StartingProfile(p);
        var solver = StageTotalsNewton.For(p)!;
        var dense = solver.FirstStep(x0, logarithmic, dense: true);
        var block = solver.FirstStep(x0, logarithmic, dense: false);
        Assert.NotNull(dense);
        Assert.NotNull(block);
        double scale = dense.Max(Math.Abs), worst = 0;
        for (int j = 0; j < dense.Length; j++) worst = Math.Max(worst, Math.Abs(block[j] - dense[j]));
        Assert.True(worst <= 1e-10 * scale, $"max |block − dense| = {worst:E2} against max |σ| = {scale:E2}");
    }

    [Fact]
    public void The_dense_step_is_taken_only_where_it_is_the_cheaper()
    {
        // counted work: the ore's 15 elements in 100 stages keep the dense step (N_s = 94:
        // ⅔·94³ + 15·(100·94 + 3·94²) ≈ 1.1e6 against 8⅔·100·16³ ≈ 3.5e6); two elements never do
        // (58 stages: ≈ 1.2e5 against 8⅔·58·3³ ≈ 1.4e4); the ore scaled ×10 does not
        Assert.True(StageTotalsNewton.DenseStepIsCheaper(100, 94, 15, recycle: true));
        Assert.False(StageTotalsNewton.DenseStepIsCheaper(58, 52, 2, recycle: true));
        Assert.False(StageTotalsNewton.DenseStepIsCheaper(1000, 940, 15, recycle: true));
        Assert.True(StageTotalsNewton.For(Problem(Case("ore, recycled organic")))!.UsesDenseStep);
        Assert.False(StageTotalsNewton.For(Problem(PrNd()))!.UsesDenseStep);
        // the work of the chosen step never exceeds the block step's, which is linear in N
        for (int n = 10; n <= 20_000; n = n * 3 / 2)
            foreach (int c in new[] { 2, 5, 15, 30 })
            {
                int ns = n * 94 / 100;
                if (!StageTotalsNewton.DenseStepIsCheaper(n, ns, c, recycle: true)) continue;
                double b = c + 1;
                Assert.True(2.0 / 3 * ns * ns * ns <= 26.0 / 3 * n * b * b * b, $"N = {n}, C = {c}");
            }
    }

    [Theory]
    // Pr/Nd with its extraction and scrub stages scaled (strip 6): 1,000 and 3,000 stages
    [InlineData(382, 612)] [InlineData(1152, 1842)]
    public void Pr_Nd_in_thousands_of_stages_converges_and_closes(int extraction, int scrub)
    {
        var fs = PrNd(extraction: extraction, scrub: scrub);
        Assert.Equal(extraction + scrub + 6, fs.Cascades[0].TotalStages);
        // the whole flowsheet (converged, closure ≤ 1e-9, asserted by Solve)
        var r = Solve(fs);
        // the specs of the 58-stage design still hold with more stages
        Assert.All(r.Specs, spec => Assert.True(spec.Met, $"{spec.Stream}: {spec.Value}"));
        // and the stage-totals Newton on its own, with the block step the cost rule picks
        var p = Problem(fs);
        var totals = StageTotalsNewton.For(p)!;
        Assert.False(totals.UsesDenseStep);
        var s = totals.Solve(NewtonSolver.StartingProfile(p), 1e-10, 60);
        Assert.NotNull(s);
        Assert.Equal(SolveStatus.Converged, s.Report.Status);
        Assert.True(Closure(p, s.Aqueous) <= 1e-9, $"closure {Closure(p, s.Aqueous):E2}");
    }

    /// <summary>Largest component balance closure of a solved aqueous profile (MODEL.md §8.1).</summary>
    private static double Closure(CascadeProblem p, double[] x)
    {
        var eq = new StageEquations(p);
        var z = new double[eq.Size];
        var r = new double[eq.Size];
        var recycled = new double[p.C];
        if (p.Recycle) p.Equilibrium.Evaluate(p.Stages - 1, x.AsSpan((p.Stages - 1) * p.C, p.C), recycled, default);
        eq.StateFromAqueous(x, z, recycled);
        eq.Residual(z, r);
        return eq.Closure(r);
    }
}
