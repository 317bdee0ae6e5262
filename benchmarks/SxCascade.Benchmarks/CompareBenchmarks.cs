using BenchmarkDotNet.Attributes;
using SxCascade.Comparison;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade.Benchmarks;

/// <summary>
/// The compare target: comparing N flowsheets costs about N single runs. Five files (the four
/// contract examples and the 15-element, 100-stage ore case) are solved one by one as `run` does
/// (the baseline) and compared in one <see cref="Comparer.Compare"/> call as `compare` does without
/// figures (no purity sweep); the ratio of the two means is the overhead of the comparison. A third
/// benchmark adds the default 9-point sweep that `compare --out` runs for its purity figure.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class CompareBenchmarks
{
    /// <summary>The five files, relative to the repository root.</summary>
    public static readonly string[] Files = [Cases.PrNd, Cases.NdFeB, "flowsheets/kremser-constant-d.yaml", "flowsheets/mass-action-d2ehpa.yaml", Cases.Ore];

    private TechniqueCase[] _cases = null!;

    /// <summary>Loads the five flowsheets and checks that each converges and closes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _cases = Files.Select(f => new TechniqueCase(Path.GetFileNameWithoutExtension(f), f, Cases.Load(f))).ToArray();
        foreach (var r in FiveRuns())
            if (!r.Converged || r.MaxBalanceError > 1e-9)
                throw new InvalidOperationException($"{r.Name}: not converged or balance error {r.MaxBalanceError}");
    }

    /// <summary>Baseline: the five flowsheets solved one after the other.</summary>
    [Benchmark(Baseline = true)]
    public FlowsheetResult[] FiveRuns() => _cases.Select(c => FlowsheetSolver.Solve(c.Flowsheet)).ToArray();

    /// <summary>`compare` of the five files (table, CSV, JSON: no sweep).</summary>
    [Benchmark]
    public ComparisonResult CompareFive() => Comparer.Compare(_cases, new CompareOptions(SweepPoints: 0));

    /// <summary>`compare --out` of the five files: the 9-point purity sweep per file included.</summary>
    [Benchmark]
    public ComparisonResult CompareFiveWithSweep() => Comparer.Compare(_cases, new CompareOptions(SweepPoints: 9));
}
