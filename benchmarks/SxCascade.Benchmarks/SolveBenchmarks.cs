using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade.Benchmarks;

/// <summary>
/// Whole-flowsheet solves through <see cref="FlowsheetSolver.Solve"/> (result tables included),
/// without the substitution fallback. Files are loaded once; every solve starts from scratch.
/// Grouped by flowsheet: in the PrNd group substitution is the baseline, so the Ratio column is
/// Newton's time over substitution's.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class SolveBenchmarks
{
    private Flowsheet _prNdNewton = null!;
    private Flowsheet _prNdSubstitution = null!;
    private Flowsheet _oreNewton = null!;
    private Flowsheet _ndFeBNewton = null!;

    /// <summary>Loads the files and checks that each case converges and closes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var prNd = Cases.Load(Cases.PrNd);
        _prNdNewton = Cases.With(prNd, SolverMethod.Newton);
        _prNdSubstitution = Cases.With(prNd, SolverMethod.Substitution);
        _oreNewton = Cases.With(Cases.Load(Cases.Ore), SolverMethod.Newton);
        _ndFeBNewton = Cases.With(Cases.Load(Cases.NdFeB), SolverMethod.Newton);
        foreach (var fs in new[] { _prNdNewton, _prNdSubstitution, _oreNewton, _ndFeBNewton })
            Verify.Check(fs, FlowsheetSolver.Solve(fs, fallback: false));
    }

    /// <summary>Pr/Nd (58 stages, 2 elements) by stage-to-stage substitution: the baseline.</summary>
    [Benchmark(Baseline = true), BenchmarkCategory("PrNd")]
    public FlowsheetResult PrNd_Substitution() => FlowsheetSolver.Solve(_prNdSubstitution, fallback: false);

    /// <summary>Pr/Nd (58 stages, 2 elements) by Newton.</summary>
    [Benchmark, BenchmarkCategory("PrNd")]
    public FlowsheetResult PrNd_Newton() => FlowsheetSolver.Solve(_prNdNewton, fallback: false);

    /// <summary>Bastnaesite La/Ce | Pr-Lu, 100 stages, 15 elements, by Newton.</summary>
    [Benchmark, BenchmarkCategory("Ore15x100")]
    public FlowsheetResult Ore15x100_Newton() => FlowsheetSolver.Solve(_oreNewton, fallback: false);

    /// <summary>NdFeB Dy recovery (18 stages, 3 elements, β(Dy/Nd) ≈ 280) by Newton.</summary>
    [Benchmark, BenchmarkCategory("NdFeB")]
    public FlowsheetResult NdFeB_Newton() => FlowsheetSolver.Solve(_ndFeBNewton, fallback: false);
}
