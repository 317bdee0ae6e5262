using BenchmarkDotNet.Attributes;
using SxCascade.Solvers;

namespace SxCascade.Benchmarks;

/// <summary>Where a <see cref="NewtonLoopBenchmarks"/> solve starts.</summary>
public enum NewtonStart
{
    /// <summary>The solver's own start (filled bank scaled to the saturated stage totals): the most iterations.</summary>
    FilledBank,
    /// <summary>The converged profile with every concentration perturbed by up to ±20 %: a few iterations.</summary>
    Perturbed,
    /// <summary>The converged profile: the fewest iterations.</summary>
    Converged,
}

/// <summary>
/// Shows that the Newton iteration loop allocates nothing: <see cref="NewtonSolver.Solve"/> on the
/// Pr/Nd cascade with the same tolerance and iteration limit from three starting profiles that
/// need different iteration counts. Every row passes its start explicitly, so the per-solve setup
/// is the same; the work arrays are sized once per solve (the residual-history buffer by the
/// limit, not by the iterations used). The Allocated column may then differ between rows only by
/// the residual history the report returns: one double (8 B) per iteration, in an array rounded
/// up to 8 B. Anything more would be allocation inside the loop.
/// (Tolerances alone do not separate the rows: convergence also requires the last step to move
/// no concentration by more than <see cref="NewtonSolver.RelativeStepTolerance"/> of itself, so
/// 1e-4 and 1e-12 take the same iterations on Pr/Nd.)
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class NewtonLoopBenchmarks
{
    /// <summary>Iteration limit of every row (the solver default).</summary>
    public const int MaxIterations = NewtonSolver.DefaultMaxIterations;

    /// <summary>Tolerance of every row (the file format's default).</summary>
    public const double Tolerance = 1e-10;

    private readonly NewtonSolver _solver = new();
    private CascadeProblem _problem = null!;
    private double[] _start = null!;

    /// <summary>Starting profile.</summary>
    [Params(NewtonStart.FilledBank, NewtonStart.Perturbed, NewtonStart.Converged)]
    public NewtonStart Start { get; set; }

    /// <summary>Compiles the Pr/Nd cascade and builds the starting profile.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _problem = Cases.Problem(Cases.Load(Cases.PrNd));
        _start = StartingProfile(_problem, Start);
        var s = _solver.Solve(_problem, Tolerance, MaxIterations, _start);
        if (!s.Report.Converged) throw new InvalidOperationException($"Pr/Nd does not converge from {Start}: {s.Report.Message}");
        Console.WriteLine($"// Pr/Nd Newton from {Start}: {s.Report.Iterations} iterations, {s.Report.ResidualHistory.Count} residual-history entries");
    }

    /// <summary>The aqueous starting profile (N×C) for <paramref name="start"/>.</summary>
    public static double[] StartingProfile(CascadeProblem problem, NewtonStart start)
    {
        // the solver's own start (NewtonSolver.StartingProfile for a non-linear model)
        var x = InitialGuess.FilledBank(problem);
        InitialGuess.BalanceSaturatedTotals(problem, x);
        if (start == NewtonStart.FilledBank) return x;
        var solved = new NewtonSolver().Solve(problem, Tolerance, MaxIterations, x).Aqueous;
        if (start == NewtonStart.Converged) return solved;
        var random = new Random(12345);
        return solved.Select(v => v * (1 + 0.2 * (2 * random.NextDouble() - 1))).ToArray();
    }

    /// <summary>One Newton solve of the Pr/Nd cascade.</summary>
    [Benchmark]
    public CascadeSolution PrNd_NewtonSolve() => _solver.Solve(_problem, Tolerance, MaxIterations, _start);
}
