using System.Diagnostics;
using System.Globalization;
using BenchmarkDotNet.Attributes;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade.Benchmarks;

/// <summary>
/// Solver scale (issue 13): the Pr/Nd contract example (flowsheets/prnd-p507.yaml) with its
/// extraction and scrub stages scaled in the file's ratio 20 : 32 to 300, 1,000 and 3,000 stages
/// (strip 6 stages, flows as in the file, feed at the last extraction stage). Rows: the whole
/// flowsheet solve (for two elements the full stage system's Newton goes first, the stage-totals
/// Newton when it fails), and the stage-totals Newton alone with the Newton step its cost rule
/// picks (the block-tridiagonal one at these lengths). <see cref="LongCascadeDenseStepBenchmarks"/>
/// has the dense step forced, what this Newton did before issue 10.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class LongCascadeBenchmarks
{
    private Flowsheet _flowsheet = null!;
    private StageTotalsNewton _totals = null!;
    private double[] _start = null!;

    /// <summary>Stages in all.</summary>
    [Params(300, 1000, 3000)]
    public int Stages { get; set; }

    /// <summary>Scales the file and checks that both rows converge and close.</summary>
    [GlobalSetup]
    public void Setup() => (_flowsheet, _totals, _start) = LongPrNd.Prepare(Stages, denseStep: false);

    /// <summary>The whole flowsheet by Newton (result tables included).</summary>
    [Benchmark]
    public FlowsheetResult Flowsheet() => FlowsheetSolver.Solve(_flowsheet, fallback: false);

    /// <summary>The stage-totals Newton alone, from the solver's starting profile.</summary>
    [Benchmark]
    public CascadeSolution? StageTotals() => _totals.Solve(_start, LongPrNd.Tolerance, LongPrNd.Iterations);
}

/// <summary>
/// The stage-totals Newton of <see cref="LongCascadeBenchmarks"/> with its Newton step forced onto
/// the dense N_s×N_s Jacobian (O(N_s³) work and O(N·N_s) memory per iteration), for comparison; not
/// at 3,000 stages, where one solve takes minutes.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class LongCascadeDenseStepBenchmarks
{
    private StageTotalsNewton _totals = null!;
    private double[] _start = null!;

    /// <summary>Stages in all.</summary>
    [Params(300, 1000)]
    public int Stages { get; set; }

    /// <summary>Scales the file and checks that the solve converges.</summary>
    [GlobalSetup]
    public void Setup() => (_, _totals, _start) = LongPrNd.Prepare(Stages, denseStep: true);

    /// <summary>The stage-totals Newton alone, dense step, from the solver's starting profile.</summary>
    [Benchmark]
    public CascadeSolution? StageTotalsDense() => _totals.Solve(_start, LongPrNd.Tolerance, LongPrNd.Iterations);
}

/// <summary>The scaled Pr/Nd cases, and <c>scale</c>: the same solves timed by a Stopwatch.</summary>
public static class LongPrNd
{
    /// <summary>Tolerance of the stage-totals rows (the file's).</summary>
    public const double Tolerance = 1e-10;

    /// <summary>Iteration limit of the stage-totals rows (NewtonSolver's budget for that path).</summary>
    public const int Iterations = 60;

    /// <summary>prnd-p507.yaml with <paramref name="stages"/> stages: extraction and scrub scaled 20 : 32, strip 6.</summary>
    public static Flowsheet Scaled(int stages)
    {
        var fs = Cases.With(Cases.Load(Cases.PrNd), SolverMethod.Newton);
        var c = fs.Cascades[0];
        int strip = c.StripStages, rest = stages - strip;
        int extraction = (int)Math.Round(rest * (double)c.ExtractionStages / (c.ExtractionStages + c.ScrubStages));
        var scaled = c with { ExtractionStages = extraction, FeedStage = extraction, Scrub = c.Scrub! with { Stages = rest - extraction } };
        fs = fs with { Cascades = [scaled] };
        var issues = FlowsheetValidator.Validate(fs);
        if (issues.Count > 0) throw new InvalidOperationException(string.Join("; ", issues.Select(i => i.Message)));
        return fs;
    }

    /// <summary>The scaled flowsheet, its stage-totals Newton (dense or block step) and start; throws unless both converge.</summary>
    internal static (Flowsheet Flowsheet, StageTotalsNewton Totals, double[] Start) Prepare(int stages, bool denseStep)
    {
        var fs = Scaled(stages);
        Verify.Check(fs, FlowsheetSolver.Solve(fs, fallback: false));
        var p = Cases.Problem(fs);
        var totals = StageTotalsNewton.For(p) ?? throw new InvalidOperationException("no stage-totals Newton for Pr/Nd");
        totals.ForceDenseStep = denseStep;
        var start = NewtonSolver.StartingProfile(p);
        var s = totals.Solve(start, Tolerance, Iterations);
        if (s is null || !s.Report.Converged) throw new InvalidOperationException($"the stage-totals Newton does not converge at {stages} stages");
        return (fs, totals, start);
    }

    /// <summary>
    /// <c>scale [STAGES...]</c>: for each length (default 300, 1000, 3000) the flowsheet solve and the
    /// stage-totals Newton with the block and (up to 1,000 stages) the dense step, each run once to
    /// warm up and then repeated for at least a second: milliseconds per solve, bytes allocated per
    /// solve, iterations. Returns the process exit code.
    /// </summary>
    public static int Timed(string[] args)
    {
        var inv = CultureInfo.InvariantCulture;
        int[] lengths = args.Length > 0 ? args.Select(a => int.Parse(a, inv)).ToArray() : [300, 1000, 3000];
        foreach (int n in lengths)
        {
            var (fs, block, start) = Prepare(n, denseStep: false);
            Time(n, "flowsheet solve", () => FlowsheetSolver.Solve(fs, fallback: false).Iterations);
            Time(n, "stage totals, block step", () => block.Solve(start, Tolerance, Iterations)!.Report.Iterations);
            if (n <= 1000)
            {
                var (_, dense, _) = Prepare(n, denseStep: true);
                Time(n, "stage totals, dense step", () => dense.Solve(start, Tolerance, Iterations)!.Report.Iterations);
            }
        }
        return 0;

        void Time(int n, string what, Func<int> solve)
        {
            int iterations = solve();
            long before = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            int runs = 0;
            do { solve(); runs++; } while (clock.ElapsedMilliseconds < 1000);
            clock.Stop();
            long bytes = (GC.GetAllocatedBytesForCurrentThread() - before) / runs;
            Console.WriteLine(string.Format(inv, "{0,5} stages, {1,-26}: {2,10:F2} ms per solve, {3,12:N0} B per solve, {4} iterations ({5} runs)",
                n, what, clock.Elapsed.TotalMilliseconds / runs, bytes, iterations, runs));
        }
    }
}
