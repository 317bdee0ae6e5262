using BenchmarkDotNet.Attributes;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade.Benchmarks;

/// <summary>
/// The mass-action target: the 10-element, 50-stage D2EHPA chloride cascade
/// (<see cref="Cases.MassAction"/>), whose stage pH follows from the proton balance, solved
/// through <see cref="FlowsheetSolver.Solve"/> by Newton without the substitution fallback
/// (result tables included). The file is loaded once; every solve starts from scratch.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class MassActionBenchmarks
{
    private Flowsheet _newton = null!;

    /// <summary>Loads the file and checks that it converges and closes.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _newton = Cases.With(Cases.Load(Cases.MassAction), SolverMethod.Newton);
        var r = FlowsheetSolver.Solve(_newton, fallback: false);
        Verify.Check(_newton, r);
        Console.WriteLine($"// mass action 10x50: {r.Iterations} Newton iterations, closure {r.MaxBalanceError:E2}");
    }

    /// <summary>10 elements + H⁺, 30 + 14 + 6 stages, by Newton.</summary>
    [Benchmark]
    public FlowsheetResult MassAction10x50_Newton() => FlowsheetSolver.Solve(_newton, fallback: false);
}
