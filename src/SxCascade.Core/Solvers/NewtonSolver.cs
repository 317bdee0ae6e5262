using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Solvers;

/// <summary>
/// Newton's method on the block-tridiagonal stage system with an analytic Jacobian. Plain Newton
/// from the starting profile is tried first; when a step is rejected, the stage holdup dynamics
/// are marched with implicit Euler from that profile (MODEL.md §8), each step solved by Newton, the
/// time step growing ×4, ×2 or ×1 as the step took ≤ 3, ≤ 5 or more iterations, and plain Newton is
/// tried again whenever the steady residual is small. Positivity is kept by a per-component step
/// rule (see PositiveUpdate): falling major components move in ln z, never to zero; nothing is
/// clamped. The iteration loop allocates nothing.
/// When the chemistry solves H⁺ (mass action), the march is tuned for its costly, slowly varying
/// Jacobian: each time step is solved by a chord iteration (the factorised Jacobian reused until the
/// residual stops halving), to a looser step tolerance, from a first step ten times longer, and the
/// time step grows ×8, ×2 or ×1 as the step needed ≤ 2, 3 or more factorisations.
/// </summary>
public sealed class NewtonSolver : ISteadyStateSolver
{
    /// <summary>Default iteration limit.</summary>
    public const int DefaultMaxIterations = 500;

    /// <summary>First time step of the holdup march, h, when plain Newton from the start fails.</summary>
    public double InitialStep { get; init; } = 0.1;

    /// <inheritdoc />
    public string Name => "newton";

    /// <inheritdoc />
    public CascadeSolution Solve(CascadeProblem problem, double tolerance, int maxIterations, double[]? initialAqueous = null)
    {
        var x0 = initialAqueous ?? StartingProfile(problem);
        // The saturated model at full efficiency also has a Newton on its stage totals. With many
        // elements it is far cheaper than the full system (O(N·Ns·C) against O(N·C³) per iteration)
        // and is tried first; with a few elements the full system's plain Newton is cheaper and
        // the totals Newton is the second try, before the implicit-Euler march.
        var totals = StageTotalsNewton.For(problem);
        int totalsBudget = Math.Min(maxIterations, StageTotalsBudget);
        bool totalsFirst = totals is not null && problem.C > FewElements;
        if (totalsFirst && totals!.Solve(x0, tolerance, totalsBudget) is { } fast) return fast;
        var eq = new StageEquations(problem);
        var ws = new Workspace(eq, problem, maxIterations);
        eq.StateFromAqueous(x0, ws.Z, problem.Recycle ? RecycledGuess(problem, eq, x0) : default);
        var second = totalsFirst ? null : totals;
        var (status, iterations, message, viaTotals) = Iterate(eq, problem, ws, tolerance, maxIterations,
            second is null ? null : () => second.Solve(x0, tolerance, totalsBudget));
        return viaTotals ?? ws.ToSolution(eq, problem, Name, status, iterations, message);
    }

    internal static double[] StartingProfile(CascadeProblem problem)
    {
        // a linear model needs no start: from zero the Newton step is the solution itself, free of
        // the cancellation that z + Δ suffers for concentrations far below the start
        if (problem.Equilibrium.IsLinear) return new double[problem.Stages * problem.C];
        var x = InitialGuess.FilledBank(problem);
        InitialGuess.BalanceSaturatedTotals(problem, x);
        InitialGuess.BalanceProtons(problem, x);
        InitialGuess.DistributeOrganicOnly(problem, x);
        return x;
    }

    private static double[] RecycledGuess(CascadeProblem p, StageEquations eq, double[] x)
    {
        var y = new double[p.C];
        p.Equilibrium.Evaluate(p.Stages - 1, x.AsSpan((p.Stages - 1) * p.C, p.C), y, default);
        return y;
    }

    /// <summary>Iterations allowed to the stage-totals Newton before the full stage system takes over.</summary>
    private const int StageTotalsBudget = 60;

    /// <summary>Newton iterations tried from a start before marching the stage dynamics.</summary>
    private const int PlainNewtonBudget = 25;

    /// <summary>Element count up to which the full-system plain Newton is tried before the stage-totals Newton.</summary>
    private const int FewElements = 4;

    private (SolveStatus Status, int Iterations, string? Message, CascadeSolution? Totals) Iterate(StageEquations eq, CascadeProblem p, Workspace ws, double tol, int maxIterations,
        Func<CascadeSolution?>? alternative)
    {
        var z = ws.Z.AsSpan();
        double norm = eq.Residual(z, ws.R);
        ws.History[0] = norm;
        ws.HistoryCount = 1;
        if (!double.IsFinite(norm)) return (SolveStatus.Diverged, 0, "the starting profile gives a non-finite residual", null);
        z.CopyTo(ws.Start);
        int used = 0;
        // 1. plain Newton from the start: enough for most flowsheets
        var (done, its) = NewtonPhase(eq, p, ws, tol, Math.Min(PlainNewtonBudget, maxIterations));
        used += its;
        if (done) return (SolveStatus.Converged, used, null, null);
        // 1b. the stage-totals Newton, where it applies and was not tried first
        if (alternative?.Invoke() is { } other) return (SolveStatus.Converged, other.Report.Iterations, null, other);
        // 2. march the holdup dynamics with implicit Euler from the start, growing the time step
        //    while each step's Newton iterations converge quickly; try plain Newton whenever the
        //    steady residual is small (MODEL.md §8)
        ws.Start.AsSpan().CopyTo(z);
        norm = eq.Residual(z, ws.R);
        bool massAction = SolvesProtons(p);
        double dt = massAction ? MassActionFirstStep * InitialStep : InitialStep;
        bool evaluated = true; // the equilibrium was last evaluated at z (by the residual)
        while (used < maxIterations)
        {
            // the mass-action equilibrium (an inner Newton per stage) is not evaluated twice at one state
            eq.Holdup(z, ws.HoldupOld, massAction && evaluated);
            z.CopyTo(ws.Saved);
            int factors = 0;
            var (stepOk, inner) = massAction
                ? ChordEulerStep(eq, p, ws, dt, Math.Min(ChordIterations, maxIterations - used), out factors)
                : ImplicitEulerStep(eq, p, ws, dt, Math.Min(InnerIterations, maxIterations - used));
            used += inner;
            if (!stepOk)
            {
                ws.Saved.AsSpan().CopyTo(z);
                evaluated = false;
                dt /= 4;
                if (dt < 1e-9) return (SolveStatus.Diverged, used, "the stage dynamics cannot be integrated: implicit Euler steps fail down to a step of 1e-9 h", null);
                continue;
            }
            norm = eq.Residual(z, ws.R);
            evaluated = true;
            RecordHistory(ws, norm);
            if (massAction) dt *= factors <= 2 ? 8 : factors <= 3 ? 2 : 1;
            else dt *= inner <= 3 ? 4 : inner <= 5 ? 2 : 1;
            if (norm < NewtonTrigger || dt > 1e8)
            {
                z.CopyTo(ws.Saved);
                (done, its) = NewtonPhase(eq, p, ws, tol, Math.Min(PlainNewtonBudget, maxIterations - used));
                used += its;
                if (done) return (SolveStatus.Converged, used, null, null);
                ws.Saved.AsSpan().CopyTo(z);
                norm = eq.Residual(z, ws.R);
            }
        }
        return (SolveStatus.MaxIterations, used, $"no convergence in {maxIterations} iterations", null);
    }

    /// <summary>Newton iterations allowed for one implicit Euler step.</summary>
    private const int InnerIterations = 8;

    /// <summary>Steady residual below which plain Newton is tried during the march.</summary>
    private const double NewtonTrigger = 1e-3;

    /// <summary>
    /// One implicit Euler step of the stage holdups: solves R(z) − (M(z) − M_old)/Δt = 0 by Newton.
    /// Returns whether it converged and the iterations used.
    /// </summary>
    private static (bool, int) ImplicitEulerStep(StageEquations eq, CascadeProblem p, Workspace ws, double dt, int budget)
    {
        var z = ws.Z.AsSpan();
        var g = ws.R.AsSpan();
        double inv = 1.0 / dt;
        for (int k = 1; k <= budget; k++)
        {
            eq.Assemble(z, ws.System, g, inv);
            eq.Holdup(z, ws.Holdup);
            double gNorm = 0;
            for (int t = 0; t < g.Length; t++)
            {
                g[t] -= (ws.Holdup[t] - ws.HoldupOld[t]) * inv;
                gNorm = Math.Max(gNorm, Math.Abs(g[t]));
                ws.Delta[t] = -g[t];
            }
            if (!double.IsFinite(gNorm) || !ws.System.Solve(ws.Delta)) return (false, k);
            if (p.Equilibrium.IsLinear) Add(z, ws.Delta, ws.Trial);
            else PositiveUpdate(z, ws.Delta, ws.Trial, false, eq.BlockSize, p.C);
            double change = RelativeChange(z, ws.Trial);
            ws.Trial.AsSpan().CopyTo(z);
            // a transient step needs the balances, not trace concentrations to many digits
            if (change < 1e-4 || gNorm < 1e-7) return (true, k);
        }
        return (false, budget);
    }

    /// <summary>True when the chemistry solves H⁺ (mass action): the march then uses <see cref="ChordEulerStep"/>.</summary>
    private static bool SolvesProtons(CascadeProblem p) =>
        Array.IndexOf(p.Elements, MassActionChemistry.Proton) >= 0 && p.Species.Contains(MassActionChemistry.Proton);

    /// <summary>First time step of the mass-action march, as a multiple of <see cref="InitialStep"/>.</summary>
    private const double MassActionFirstStep = 10;

    /// <summary>Iterations (residual evaluations) allowed for one chord-solved implicit Euler step.</summary>
    private const int ChordIterations = 20;

    /// <summary>Factor by which each chord iteration must shrink the step residual, or the Jacobian is refactored.</summary>
    private const double ChordContraction = 0.5;

    /// <summary>Largest relative change of the last chord iteration at which a mass-action time step is accepted.</summary>
    private const double ChordStepChange = 0.3;

    /// <summary>
    /// One implicit Euler step, R(z) − (M(z) − M_old)/Δt = 0, solved by a chord iteration: the
    /// Jacobian is assembled and factorised at the start of the step and reused while the step
    /// residual at least halves per iteration, and refactorised where it does not. Returns
    /// whether it converged and the iterations used (residual evaluations); <paramref name="factors"/>
    /// counts the factorisations.
    /// </summary>
    private static (bool, int) ChordEulerStep(StageEquations eq, CascadeProblem p, Workspace ws, double dt, int budget, out int factors)
    {
        var z = ws.Z.AsSpan();
        var g = ws.R.AsSpan();
        double inv = 1.0 / dt, last = double.PositiveInfinity;
        factors = 0;
        for (int k = 1; k <= budget; k++)
        {
            if (k == 1) eq.Assemble(z, ws.System, g, inv);
            else eq.Residual(z, g);
            eq.Holdup(z, ws.Holdup, evaluated: true);
            double gNorm = StepResidual(ws, g, inv);
            if (!double.IsFinite(gNorm)) return (false, k);
            if (k == 1 || gNorm > ChordContraction * last)
            {
                // the old factors no longer contract the residual: refactor at this state
                if (k > 1)
                {
                    eq.Assemble(z, ws.System, g, inv);
                    StepResidual(ws, g, inv);
                }
                factors++;
                if (!ws.System.Factor()) return (false, k);
            }
            ws.System.SolveFactored(ws.Delta);
            last = gNorm;
            PositiveUpdate(z, ws.Delta, ws.Trial, false, eq.BlockSize, p.C);
            double change = RelativeChange(z, ws.Trial);
            ws.Trial.AsSpan().CopyTo(z);
            // a transient step needs the balances, not trace concentrations to many digits
            if (change < ChordStepChange || gNorm < 1e-7) return (true, k);
        }
        return (false, budget);
    }

    /// <summary>g −= (M − M_old)/Δt; Δ = −g; returns the largest |g|.</summary>
    private static double StepResidual(Workspace ws, Span<double> g, double inv)
    {
        double gNorm = 0;
        for (int t = 0; t < g.Length; t++)
        {
            g[t] -= (ws.Holdup[t] - ws.HoldupOld[t]) * inv;
            gNorm = Math.Max(gNorm, Math.Abs(g[t]));
            ws.Delta[t] = -g[t];
        }
        return gNorm;
    }

    /// <summary>
    /// Plain Newton steps (no pseudo-time term) from the current state, rejecting a step that
    /// raises the residual fourfold. Returns whether it converged and the iterations used.
    /// </summary>
    private static (bool, int) NewtonPhase(StageEquations eq, CascadeProblem p, Workspace ws, double tol, int budget)
    {
        var z = ws.Z.AsSpan();
        var r = ws.R.AsSpan();
        var trial = ws.Trial.AsSpan();
        var rTrial = ws.RTrial.AsSpan();
        bool linear = p.Equilibrium.IsLinear;
        double norm = eq.Residual(z, r);
        double relativeStep = double.PositiveInfinity;
        int settled = 0;
        for (int it = 1; it <= budget + 1; it++)
        {
            // converged: residual and closure below tolerance, and the last step moved no
            // concentration (trace ones included) by more than 1e-8 of itself, or the residual
            // has settled at round-off
            if (norm <= tol && eq.Closure(r) <= tol && (relativeStep <= RelativeStepTolerance || settled >= 3))
                return (true, it - 1);
            if (it > budget) break;
            eq.Assemble(z, ws.System, r, 0);
            for (int t = 0; t < r.Length; t++) ws.Delta[t] = -r[t];
            if (!ws.System.Solve(ws.Delta)) return (false, it);
            if (linear) Add(z, ws.Delta, trial);
            else PositiveUpdate(z, ws.Delta, trial, norm < LocalPhase, eq.BlockSize, p.C);
            double trialNorm = eq.Residual(trial, rTrial);
            if (!double.IsFinite(trialNorm) || trialNorm > 4 * norm)
            {
                RecordHistory(ws, norm);
                return (false, it);
            }
            relativeStep = RelativeChange(z, trial);
            if (norm <= tol && trialNorm >= norm) settled++;
            trial.CopyTo(z);
            rTrial.CopyTo(r);
            norm = trialNorm;
            RecordHistory(ws, norm);
        }
        return (false, budget);
    }

    /// <summary>Largest |Δz|/|z| of the last step below which trace concentrations count as converged.</summary>
    public const double RelativeStepTolerance = 1e-8;

    private static double RelativeChange(ReadOnlySpan<double> z, ReadOnlySpan<double> next)
    {
        double max = 0;
        for (int t = 0; t < z.Length; t++)
        {
            double d = Math.Abs(next[t] - z[t]);
            if (d == 0) continue;
            double scale = Math.Max(Math.Abs(next[t]), Math.Abs(z[t]));
            max = Math.Max(max, d / scale);
        }
        return max;
    }

    private static void RecordHistory(Workspace ws, double norm)
    {
        if (ws.HistoryCount < ws.History.Length) ws.History[ws.HistoryCount++] = norm;
    }

    private static void Add(ReadOnlySpan<double> z, ReadOnlySpan<double> delta, Span<double> result)
    {
        for (int t = 0; t < z.Length; t++) result[t] = z[t] + delta[t];
    }

    /// <summary>Largest fall of ln z in one step (a factor 1e-30), so a value never underflows to zero.</summary>
    private const double MaxLogDecrease = -69;

    /// <summary>Residual below which a falling component may take its full Newton step.</summary>
    private const double LocalPhase = 1e-4;

    /// <summary>Share of its stage's aqueous total below which a component counts as minor.</summary>
    private const double MinorShare = 1e-2;

    /// <summary>
    /// Positivity-preserving update, limited per component. A component that rises, or a minor
    /// one (less than 1 % of its stage's aqueous total, whose balance is nearly linear in itself)
    /// whose Newton step leaves it positive, takes the Newton step, so a trace concentration can
    /// fall by many orders of magnitude at once. A major component that falls moves in ln z,
    /// z·exp(Δ/z), by at most a factor e per unit of Δ/z and never to zero, which keeps the global
    /// phase stable. Once the residual is small every component whose Newton step stays positive
    /// takes it, and near the solution all do, so convergence is quadratic.
    /// </summary>
    private static void PositiveUpdate(ReadOnlySpan<double> z, ReadOnlySpan<double> delta, Span<double> result, bool local, int blockSize, int elements)
    {
        for (int start = 0; start < z.Length; start += blockSize)
        {
            double total = 0;
            for (int i = 0; i < elements; i++) total += z[start + i];
            for (int t = start; t < start + blockSize; t++)
            {
                double d = delta[t], v = z[t], next = v + d;
                bool minor = z[start + (t - start) % elements] < MinorShare * total;
                bool newton = d >= 0 || v <= 0 || (next > 0 && (local || minor));
                result[t] = newton ? next : v * Math.Exp(Math.Max(d / v, MaxLogDecrease));
            }
        }
    }

    private sealed class Workspace
    {
        public Workspace(StageEquations eq, CascadeProblem p, int maxIterations)
        {
            int size = eq.Size;
            Z = new double[size];
            R = new double[size];
            Trial = new double[size];
            RTrial = new double[size];
            Delta = new double[size];
            Start = new double[size];
            Saved = new double[size];
            Holdup = new double[size];
            HoldupOld = new double[size];
            System = new BlockTridiagonal(p.Stages, eq.BlockSize);
            History = new double[maxIterations + 2];
        }

        public double[] Z { get; }
        public double[] R { get; }
        public double[] Trial { get; }
        public double[] RTrial { get; }
        public double[] Delta { get; }
        public double[] Start { get; }
        public double[] Saved { get; }
        public double[] Holdup { get; }
        public double[] HoldupOld { get; }
        public BlockTridiagonal System { get; }
        public double[] History { get; }
        public int HistoryCount { get; set; }

        public CascadeSolution ToSolution(StageEquations eq, CascadeProblem p, string method, SolveStatus status, int iterations, string? message)
        {
            int n = p.Stages, c = p.C;
            var x = new double[n * c];
            var y = new double[n * c];
            for (int j = 0; j < n; j++)
                for (int i = 0; i < c; i++)
                    x[j * c + i] = eq.X(Z, j, i);
            eq.Organic(Z, y);
            var report = new SolveReport(p.Definition.Name, method, status, iterations, History.AsSpan(0, HistoryCount).ToArray(), message);
            return new CascadeSolution(x, y, report);
        }
    }
}
