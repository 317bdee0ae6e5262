using SxCascade.Results;

namespace SxCascade.Solvers;

/// <summary>
/// Newton's method on the block-tridiagonal stage system with an analytic Jacobian, globalised by
/// pseudo-transient continuation (MODEL.md §8): each iteration is an implicit Euler step of the
/// stage holdup dynamics with step Δt, grown by switched evolution relaxation (Δt ∝ 1/‖R‖) until it
/// is a plain Newton step. Steps are limited so that no concentration falls below a tenth of its
/// value in one step; nothing is clamped. The iteration loop allocates nothing.
/// </summary>
public sealed class NewtonSolver : ISteadyStateSolver
{
    /// <summary>Default iteration limit.</summary>
    public const int DefaultMaxIterations = 500;

    /// <summary>First pseudo-time step, h, once a plain Newton step has been rejected.</summary>
    public double InitialStep { get; init; } = 1.0;

    /// <inheritdoc />
    public string Name => "newton";

    /// <inheritdoc />
    public CascadeSolution Solve(CascadeProblem problem, double tolerance, int maxIterations, double[]? initialAqueous = null)
    {
        var eq = new StageEquations(problem);
        var ws = new Workspace(eq, problem, maxIterations);
        var x0 = initialAqueous ?? InitialGuess.FilledBank(problem);
        eq.StateFromAqueous(x0, ws.Z, problem.Recycle ? RecycledGuess(problem, eq, x0) : default);
        var (status, iterations, message) = Iterate(eq, problem, ws, tolerance, maxIterations);
        return ws.ToSolution(eq, problem, Name, status, iterations, message);
    }

    private static double[] RecycledGuess(CascadeProblem p, StageEquations eq, double[] x)
    {
        var y = new double[p.C];
        p.Equilibrium.Evaluate(p.Stages - 1, x.AsSpan((p.Stages - 1) * p.C, p.C), y, default);
        return y;
    }

    private (SolveStatus, int, string?) Iterate(StageEquations eq, CascadeProblem p, Workspace ws, double tol, int maxIterations)
    {
        var z = ws.Z.AsSpan();
        var r = ws.R.AsSpan();
        var trial = ws.Trial.AsSpan();
        var rTrial = ws.RTrial.AsSpan();
        bool linear = p.Equilibrium.IsLinear;
        double norm = eq.Residual(z, r);
        ws.History[0] = norm;
        ws.HistoryCount = 1;
        if (!double.IsFinite(norm)) return (SolveStatus.Diverged, 0, "the starting profile gives a non-finite residual");
        // plain Newton first; pseudo-transient steps only after a step is rejected
        double step = double.PositiveInfinity;
        int rejections = 0, settled = 0;
        double relativeStep = double.PositiveInfinity;
        for (int it = 1; it <= maxIterations; it++)
        {
            // converged: residual and closure below tolerance, and the last step moved no
            // concentration (trace ones included) by more than 1e-8 of itself, or the residual
            // has settled at round-off
            if (norm <= tol && eq.Closure(r) <= tol && (relativeStep <= RelativeStepTolerance || settled >= 3))
                return (SolveStatus.Converged, it - 1, null);
            double inv = double.IsPositiveInfinity(step) ? 0 : 1.0 / step;
            eq.Assemble(z, ws.System, r, inv);
            for (int t = 0; t < r.Length; t++) ws.Delta[t] = -r[t];
            bool ok = ws.System.Solve(ws.Delta);
            double trialNorm = double.PositiveInfinity;
            if (ok)
            {
                if (linear) Add(z, ws.Delta, trial);
                else PositiveUpdate(z, ws.Delta, trial, norm < LocalPhase);
                trialNorm = eq.Residual(trial, rTrial);
            }
            // reject a step that blows the residual up; shorten the pseudo-time step instead
            bool accept = double.IsFinite(trialNorm) && (trialNorm < 4 * norm || (!double.IsPositiveInfinity(step) && step < 1e-6));
            if (!accept)
            {
                if (++rejections > 40)
                    return (SolveStatus.Diverged, it, ok ? "steps keep increasing the residual" : "the stage Jacobian is singular");
                step = double.IsPositiveInfinity(step) ? InitialStep : step / 8;
                eq.Residual(z, r);
                RecordHistory(ws, norm);
                relativeStep = double.PositiveInfinity;
                continue;
            }
            relativeStep = RelativeChange(z, trial);
            if (norm <= tol && trialNorm >= norm) settled++;
            trial.CopyTo(z);
            rTrial.CopyTo(r);
            double growth = trialNorm > 0 ? norm / trialNorm : 1e6;
            norm = trialNorm;
            RecordHistory(ws, norm);
            if (!double.IsPositiveInfinity(step))
            {
                // switched evolution relaxation
                step *= Math.Clamp(growth, 0.5, 10);
                if (step > 1e10 || norm < 1e-6) step = double.PositiveInfinity;
            }
        }
        return norm <= tol && eq.Closure(r) <= tol ? (SolveStatus.Converged, maxIterations, null)
            : (SolveStatus.MaxIterations, maxIterations, $"no convergence in {maxIterations} iterations");
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

    /// <summary>Residual below which a falling component may take its full Newton step.</summary>
    private const double LocalPhase = 1e-4;

    /// <summary>
    /// Positivity-preserving update, limited per component. Far from the solution a falling
    /// component moves in ln z, z·exp(Δ/z) (by at most a factor e per unit of Δ/z, never to zero),
    /// which keeps the global phase stable. Once the residual is small, a component takes its
    /// Newton step whenever that leaves it positive, so a trace concentration can fall by many
    /// orders of magnitude in one step as its nearly linear balance asks; only a step that would
    /// cross zero is taken in ln z. Near the solution every step is a plain Newton step, so
    /// convergence is quadratic.
    /// </summary>
    private static void PositiveUpdate(ReadOnlySpan<double> z, ReadOnlySpan<double> delta, Span<double> result, bool local)
    {
        for (int t = 0; t < z.Length; t++)
        {
            double d = delta[t], v = z[t], next = v + d;
            bool newton = d >= 0 || v <= 0 || (local && next > 0);
            result[t] = newton ? next : v * Math.Exp(d / v);
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
            System = new BlockTridiagonal(p.Stages, eq.BlockSize);
            History = new double[maxIterations + 2];
        }

        public double[] Z { get; }
        public double[] R { get; }
        public double[] Trial { get; }
        public double[] RTrial { get; }
        public double[] Delta { get; }
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
