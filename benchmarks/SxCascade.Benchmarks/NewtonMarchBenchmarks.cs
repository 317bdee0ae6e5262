using BenchmarkDotNet.Attributes;
using SxCascade.Solvers;

namespace SxCascade.Benchmarks;

/// <summary>
/// The allocation check of <see cref="NewtonLoopBenchmarks"/> for the globalised path of the full
/// stage system: the 10-element, 50-stage mass-action cascade, whose solve spends most iterations
/// in the implicit-Euler march of the stage holdups, stopped by iteration limits of 30 and 50
/// (both past the first plain-Newton attempt of 25 iterations' budget, which fails, and short of
/// convergence, so each row runs exactly its limit; short solves, so that BenchmarkDotNet
/// averages the allocation over several operations). (Until commit abcd165 this was the 15-element
/// 100-stage separation-factor case; that case now converges in 12 iterations of the stage-totals
/// Newton and no longer marches.) The rows may differ in Allocated only by the two arrays whose
/// length follows the limit or the work done: the residual-history buffer (limit + 2 doubles) and
/// the history copied into the report (one double per recorded residual), i.e.
/// 8 B × (20 + difference in recorded residuals); anything more is allocation inside the loop.
/// (The limits were 20 and 60 until the mass-action march converged in 60 iterations, `7c3f87a`.)
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class NewtonMarchBenchmarks
{
    /// <summary>Tolerance (the file format's default; not reached within either limit).</summary>
    public const double Tolerance = 1e-10;

    private readonly NewtonSolver _solver = new();
    private CascadeProblem _problem = null!;

    /// <summary>The two iteration limits.</summary>
    public static readonly int[] Limits = [30, 50];

    /// <summary>Iteration limit (one of <see cref="Limits"/>).</summary>
    [Params(30, 50)]
    public int Limit { get; set; }

    /// <summary>Compiles the cascade and reports what a row does.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = Cases.Problem(Cases.Load(Cases.MassAction));
        var s = _solver.Solve(_problem, Tolerance, Limit);
        if (s.Report.Converged || s.Report.Iterations != Limit)
            throw new InvalidOperationException($"the mass-action case should run exactly {Limit} iterations without converging: {s.Report.Status}, {s.Report.Iterations}");
        Console.WriteLine($"// mass action 10x50 Newton limited to {Limit}: {s.Report.Status}, {s.Report.Iterations} iterations, {s.Report.ResidualHistory.Count} residual-history entries");
    }

    /// <summary>One Newton solve of the mass-action cascade, stopped at the limit.</summary>
    [Benchmark]
    public CascadeSolution MassAction10x50_NewtonSolve() => _solver.Solve(_problem, Tolerance, Limit);
}
