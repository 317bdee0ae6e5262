using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using SxCascade.IO;
using SxCascade.Solvers;
using SxCascade.Sweeps;

namespace SxCascade.Benchmarks;

/// <summary>
/// The sweep target (≥ 500,000 Pr/Nd solves per minute on 2 cores, rows written, warm-started):
/// the parts of one case (building its flowsheet from the file and the overrides, a cold solve,
/// a warm-started solve) and a whole sweep of the Pr/Nd example on two threads into a journal.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class SweepBenchmarks
{
    /// <summary>The varied inputs: scrub flow and organic flow of the Pr/Nd example.</summary>
    public static readonly SweepAxis[] Axes =
    [
        new("cascades.PrNd.scrub.flow", 32, 40, 100, false, false, "L/h"),
        new("cascades.PrNd.organic.flow", 215, 230, 100, false, false, "L/h"),
    ];

    private SweepCases cases = null!;
    private SweepPlan plan = null!;
    private SweepMetrics metrics = null!;
    private Flowsheets.Flowsheet flowsheet = null!;
    private readonly WarmStart warm = new();

    /// <summary>Reads the file and solves once (warm start ready).</summary>
    [GlobalSetup]
    public void Setup()
    {
        cases = SweepCases.FromFile(Path.Combine(Cases.RepositoryRoot(), Cases.PrNd), []).Cases!;
        plan = SweepPlan.Create(Axes, new SweepSampling(null, 0)).Plan!;
        flowsheet = cases.Build(Axes, plan.ValuesOf(1)).Flowsheet!;
        metrics = new SweepMetrics(flowsheet);
        FlowsheetSolver.Solve(cases.Build(Axes, plan.ValuesOf(0)).Flowsheet!, true, warm);
    }

    /// <summary>The flowsheet of one case: parse, overrides, map, validate.</summary>
    [Benchmark]
    public object BuildCase() => cases.Build(Axes, plan.ValuesOf(1)).Flowsheet!;

    /// <summary>A cold solve of the case.</summary>
    [Benchmark(Baseline = true)]
    public object ColdSolve() => FlowsheetSolver.Solve(flowsheet);

    /// <summary>The same case started from its neighbour's solution (reset each time).</summary>
    [Benchmark]
    public object WarmSolve()
    {
        var start = new WarmStart();
        FlowsheetSolver.Solve(cases.Build(Axes, plan.ValuesOf(0)).Flowsheet!, true, start);
        return FlowsheetSolver.Solve(flowsheet, true, start);
    }

    /// <summary>
    /// `verify`-style timing without BenchmarkDotNet: a 10,000-case sweep through the engine on 2
    /// threads into a journal under /tmp, wall time and cases per minute (run with `sweep`).
    /// </summary>
    public static int Timed(string[] args)
    {
        var b = new SweepBenchmarks();
        b.Setup();
        int threads = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 2;
        void Time(string what, int n, Action act)
        {
            act();
            var c = Stopwatch.StartNew();
            for (int i = 0; i < n; i++) act();
            Console.WriteLine(FormattableString.Invariant($"{what}: {c.Elapsed.TotalMicroseconds / n:F1} us"));
        }
        Time("build case", 2000, () => b.BuildCase());
        var text = File.ReadAllText(Path.Combine(Cases.RepositoryRoot(), Cases.PrNd));
        Time("load file text (parse, map, validate)", 2000, () => FlowsheetLoader.Parse(text, "prnd"));
        Time("validate", 2000, () => Flowsheets.FlowsheetValidator.Validate(b.flowsheet));
        Time("cold solve", 2000, () => b.ColdSolve());
        Time("warm solve (2 solves)", 1000, () => b.WarmSolve());
        var folder = Path.Combine(Path.GetTempPath(), $"sxcascade-sweep-bench-{Environment.ProcessId}");
        if (Directory.Exists(folder)) Directory.Delete(folder, true);
        var manifest = new SweepManifest("prnd", b.cases.Sha256, [], Axes, b.plan.Sampling, b.plan.CaseCount, 1, 1, b.plan.CaseCount,
            SweepJournal.Columns(Axes, b.metrics));
        var clock = Stopwatch.StartNew();
        using (var journal = SweepJournal.Create(folder, manifest))
            SweepEngine.Run(b.plan, b.plan.Chains, k =>
            {
                var (f, e) = b.cases.Build(Axes, b.plan.ValuesOf(k));
                return (f, f is null ? e[0].Message : null);
            }, b.metrics, new HashSet<int>(), journal.Append, threads);
        double s = clock.Elapsed.TotalSeconds;
        Console.WriteLine(FormattableString.Invariant($"sweep of {b.plan.CaseCount} cases on {threads} threads: {s:F2} s, {b.plan.CaseCount / s * 60:F0} cases/min"));
        Directory.Delete(folder, true);
        return 0;
    }
}
