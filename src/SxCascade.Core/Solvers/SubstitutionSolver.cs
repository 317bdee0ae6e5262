using SxCascade.Results;

namespace SxCascade.Solvers;

/// <summary>
/// Stage-to-stage successive substitution, the way spreadsheet models iterate: each stage in
/// turn is brought to equilibrium with its current inlet streams (a stage "flash"), sweeping up
/// and then down the cascade (symmetric Gauss–Seidel). Converges linearly; kept as the baseline
/// that Newton is measured against and as its fallback.
/// </summary>
public sealed class SubstitutionSolver : ISteadyStateSolver
{
    /// <summary>Default sweep limit.</summary>
    public const int DefaultMaxIterations = 200_000;

    /// <inheritdoc />
    public string Name => "substitution";

    /// <inheritdoc />
    public CascadeSolution Solve(CascadeProblem problem, double tolerance, int maxIterations, double[]? initialAqueous = null)
    {
        int n = problem.Stages, c = problem.C;
        var eq = new StageEquations(problem);
        var x = (double[])(initialAqueous ?? InitialGuess.FilledBank(problem)).Clone();
        var y = new double[n * c];
        var z = new double[eq.Size];
        var r = new double[eq.Size];
        var flash = new StageFlash(problem);
        // organic consistent with x, marching from the inlet
        Span<double> start = stackalloc double[c];
        if (problem.Recycle) problem.Equilibrium.Evaluate(n - 1, x.AsSpan((n - 1) * c, c), start, default);
        eq.StateFromAqueous(x, z, start);
        eq.Organic(z, y);

        var history = new List<double>();
        double norm = eq.Residual(z, r);
        history.Add(norm);
        var progress = new Progress(tolerance, maxIterations);
        for (int sweep = 1; sweep <= maxIterations; sweep++)
        {
            if (norm <= tolerance && eq.Closure(r) <= tolerance) return Finish(SolveStatus.Converged, sweep - 1, null);
            if (progress.Stalled(sweep - 1, norm) is { } why) return Finish(SolveStatus.Diverged, sweep - 1, why);
            for (int j = 0; j < n; j++) flash.Solve(j, x, y);
            for (int j = n - 1; j >= 0; j--) flash.Solve(j, x, y);
            Pack(eq, x, y, z, c);
            norm = eq.Residual(z, r);
            history.Add(norm);
            if (!double.IsFinite(norm)) return Finish(SolveStatus.Diverged, sweep, "the substitution produced a non-finite state");
        }
        return norm <= tolerance && eq.Closure(r) <= tolerance ? Finish(SolveStatus.Converged, maxIterations, null)
            : Finish(SolveStatus.MaxIterations, maxIterations, $"no convergence in {maxIterations} sweeps");

        CascadeSolution Finish(SolveStatus status, int iterations, string? message) =>
            new(x, y, new SolveReport(problem.Definition.Name, Name, status, iterations, history.ToArray(), message));
    }

    /// <summary>Sweeps over which the substitution must make progress (<see cref="Progress"/>).</summary>
    public const int StallWindow = 500;

    /// <summary>
    /// Stops a substitution that cannot converge within its sweep limit, counted in sweeps (not
    /// time). After every <see cref="StallWindow"/> sweeps the smallest residual of that window is
    /// compared with the smallest before it: no fall at all means the iteration is stuck (a
    /// residual of 3e286 that never moves); a fall so slow that, at that rate, reaching the
    /// tolerance would take more than four times the sweeps left means it will not get there.
    /// Either way it stops at once and says so.
    /// </summary>
    internal sealed class Progress(double tolerance, int maxIterations)
    {
        private double _bestBefore = double.PositiveInfinity, _bestWindow = double.PositiveInfinity;

        /// <summary>Records the residual after <paramref name="sweeps"/> sweeps; a reason to stop, or null.</summary>
        public string? Stalled(int sweeps, double norm)
        {
            _bestWindow = Math.Min(_bestWindow, norm);
            if (sweeps == 0 || sweeps % StallWindow != 0) return null;
            double before = _bestBefore, now = _bestWindow;
            _bestBefore = Math.Min(before, now);
            _bestWindow = double.PositiveInfinity;
            if (double.IsPositiveInfinity(before)) return null;
            if (!(now < before))
                return $"stalled: the residual did not fall in the last {StallWindow} sweeps (smallest {now:0.0e+00} after {sweeps} sweeps, against {before:0.0e+00} before)";
            int left = maxIterations - sweeps;
            double windows = Math.Log(now / tolerance) / Math.Log(before / now);
            if (windows * StallWindow > 4.0 * left)
                return $"stalled: the residual fell only from {before:0.0e+00} to {now:0.0e+00} in the last {StallWindow} sweeps; "
                    + $"at that rate reaching {tolerance:0.0e+00} would take about {windows * StallWindow:0.0e+00} more sweeps, against {left} left";
            return null;
        }
    }

    private static void Pack(StageEquations eq, double[] x, double[] y, double[] z, int c)
    {
        int b = eq.BlockSize, n = x.Length / Math.Max(c, 1);
        for (int j = 0; j < n; j++)
        {
            x.AsSpan(j * c, c).CopyTo(z.AsSpan(j * b, c));
            if (eq.Murphree) y.AsSpan(j * c, c).CopyTo(z.AsSpan(j * b + c, c));
        }
    }

    /// <summary>
    /// Equilibrium of one stage with fixed inlets: find x_j with A_j·x + O·η·y*(x) = T − O·(1−η)·y_{j-1},
    /// T = O·y_{j-1} + A↓_j·x_{j+1} + F_j, by Newton on the C×C stage system.
    /// </summary>
    private sealed class StageFlash(CascadeProblem p)
    {
        private readonly double[] _target = new double[p.C];
        private readonly double[] _g = new double[p.C];
        private readonly double[] _ys = new double[p.C];
        private readonly double[] _jac = new double[p.C * p.C];
        private readonly double[] _content = new double[p.C];
        private readonly double[] _cJac = new double[p.C * p.C];
        private readonly int[] _piv = new int[p.C];
        private readonly double[] _recycled = new double[p.C];

        public void Solve(int j, double[] x, double[] y)
        {
            int n = p.Stages, c = p.C;
            double o = p.OrganicFlow, eta = p.Efficiency, a = p.AqueousOut[j];
            ReadOnlySpan<double> yPrev = j > 0 ? y.AsSpan((j - 1) * c, c) : p.OrganicInlet;
            if (j == 0 && p.Recycle)
            {
                p.Layout.RecycledInlet(y.AsSpan((n - 1) * c, c), _recycled);
                yPrev = _recycled;
            }
            var eq = p.Equilibrium;
            if (j + 1 < n) eq.AqueousContent(j + 1, x.AsSpan((j + 1) * c, c), _content, default);
            for (int i = 0; i < c; i++)
                _target[i] = p.Layout.Inflow(j, yPrev[i], j + 1 < n ? _content[i] : 0, p.External[j * c + i], eta);
            var xj = x.AsSpan(j * c, c);
            for (int it = 0; it < 60; it++)
            {
                eq.Evaluate(j, xj, _ys, _jac);
                eq.AqueousContent(j, xj, _content, _cJac);
                double worst = 0;
                for (int i = 0; i < c; i++)
                {
                    _g[i] = _target[i] - a * _content[i] - o * eta * _ys[i];
                    double scale = Math.Abs(_target[i]) + Math.Abs(a * _content[i]) + Math.Abs(o * eta * _ys[i]) + 1e-300;
                    worst = Math.Max(worst, Math.Abs(_g[i]) / scale);
                }
                if (worst < 1e-15) break;
                for (int t = 0; t < c * c; t++) _jac[t] = _jac[t] * o * eta + a * _cJac[t];
                if (!DenseLu.Factor(_jac, c, _piv)) break;
                DenseLu.Solve(_jac, c, _piv, _g);
                double lambda = 1;
                if (!p.Equilibrium.IsLinear)
                    for (int i = 0; i < c; i++)
                        if (_g[i] < 0 && xj[i] > 0) lambda = Math.Min(lambda, 0.9 * xj[i] / -_g[i]);
                for (int i = 0; i < c; i++) xj[i] += lambda * _g[i];
                if (p.Equilibrium.IsLinear) break;
            }
            p.Equilibrium.Evaluate(j, xj, _ys, default);
            var yj = y.AsSpan(j * c, c);
            for (int i = 0; i < c; i++) yj[i] = yPrev[i] + eta * (_ys[i] - yPrev[i]);
        }
    }
}
