using BenchmarkDotNet.Attributes;
using SxCascade.Solvers;

namespace SxCascade.Benchmarks;

/// <summary>The cascade a <see cref="NewtonStepBenchmarks"/> row works on.</summary>
public enum StepCase
{
    /// <summary>Pr/Nd contract example: 58 stages, blocks 2×2.</summary>
    PrNd,
    /// <summary>Bastnaesite benchmark: 100 stages, blocks 15×15 (its solve now uses the stage-totals Newton; these rows cost the full stage system it falls back to).</summary>
    Ore15x100,
    /// <summary>D2EHPA mass-action benchmark: 50 stages, blocks 11×11 (10 metals and H⁺).</summary>
    MassAction10x50,
}

/// <summary>
/// The parts of one Newton iteration at the converged state, to tell what a solve's time per
/// iteration is spent on: the residual alone, the residual with the analytic Jacobian assembled
/// into the block-tridiagonal system, that plus the block-Thomas factorisation and solve, and the
/// factorisation and the solve with its factors on their own (the factors are kept apart from the
/// blocks, so the assembled system can be factored again and again).
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class NewtonStepBenchmarks
{
    private StageEquations _eq = null!;
    private BlockTridiagonal _system = null!;
    private double[] _z = null!, _r = null!, _rhs = null!;

    /// <summary>Cascade.</summary>
    [Params(StepCase.PrNd, StepCase.Ore15x100, StepCase.MassAction10x50)]
    public StepCase Case { get; set; }

    /// <summary>Solves the cascade once and keeps its converged state.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var fs = Cases.Load(Case switch { StepCase.PrNd => Cases.PrNd, StepCase.Ore15x100 => Cases.Ore, _ => Cases.MassAction });
        var p = Cases.Problem(fs);
        var s = new NewtonSolver().Solve(p, fs.Solver.Tolerance, fs.Solver.MaxIterations ?? NewtonSolver.DefaultMaxIterations);
        if (!s.Report.Converged) throw new InvalidOperationException($"{Case} does not converge: {s.Report.Message}");
        _eq = new StageEquations(p);
        _system = new BlockTridiagonal(p.Stages, _eq.BlockSize);
        _z = new double[_eq.Size];
        _r = new double[_eq.Size];
        var recycled = new double[p.C];
        if (p.Recycle) p.Equilibrium.Evaluate(p.Stages - 1, s.Aqueous.AsSpan((p.Stages - 1) * p.C, p.C), recycled, default);
        _eq.StateFromAqueous(s.Aqueous, _z, recycled);
        _rhs = new double[_eq.Size];
        _eq.Assemble(_z, _system, _r, 0);
        if (!_system.Factor()) throw new InvalidOperationException($"{Case}: singular Jacobian at the solution");
    }

    /// <summary>Residual of every stage balance.</summary>
    [Benchmark]
    public double Residual() => _eq.Residual(_z, _r);

    /// <summary>Residual and analytic Jacobian.</summary>
    [Benchmark]
    public double Assemble() => _eq.Assemble(_z, _system, _r, 0);

    /// <summary>Block factorisation of the assembled system alone.</summary>
    [Benchmark]
    public bool Factor() => _system.Factor();

    /// <summary>One solve with the factors of the last factorisation (as a chord iteration makes it).</summary>
    [Benchmark]
    public double SolveFactored()
    {
        _r.AsSpan().CopyTo(_rhs);
        _system.SolveFactored(_rhs);
        return _rhs[0];
    }

    /// <summary>Residual, Jacobian, block factorisation and solve: one full Newton iteration's linear algebra.</summary>
    [Benchmark]
    public bool AssembleAndSolve()
    {
        _eq.Assemble(_z, _system, _r, 0);
        return _system.Solve(_r);
    }
}
