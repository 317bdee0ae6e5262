using SxCascade.Equilibrium;
using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Solvers;

/// <summary>
/// A cycle of cascades solved by passes round it (MODEL.md §9, sequential-modular): each pass
/// assumes the concentrations of the tear streams (their flows are fixed by the
/// <see cref="NetworkPlan"/>), solves the cascades in order, each warm-started from its last pass,
/// and compares what the pass produced with what it assumed. The fixed point is accelerated by
/// Broyden's (good) method on the scaled molar flows, the first step and any step after the change
/// grew being plain substitution. Converged when every tear's change, relative to each element's
/// inflow to the cycle, is at most the solver tolerance: then every unit of the cycle closes to that
/// tolerance with the streams as reported.
/// </summary>
internal static class TearIteration
{
    /// <summary>Most passes round one cycle.</summary>
    public const int MaxPasses = 300;

    /// <summary>Tear tolerance as a share of the solver tolerance.</summary>
    public const double TearShare = 0.1;

    /// <summary>Tolerance of a cycle's cascade solves as a share of the solver tolerance.</summary>
    public const double CascadeShare = 0.01;

    /// <summary>A change larger than this multiple of the last one drops the Broyden update and substitutes.</summary>
    private const double Growth = 2;

    public static (List<SolvedCascade>? Solved, List<TearReport> Reports) Solve(FlowsheetSolver.NetworkState network, NetworkPlan plan, NetworkBlock block, WarmStart? warm)
    {
        var elements = network.Elements;
        int ne = elements.Length, nt = block.Tears.Count;
        // the network closes to 1e-9 over all its units: round a cycle that carries R times what enters it,
        // each unit's error counts R times, so the units of a cycle are solved 100 times tighter than
        // the tolerance, and the tears converged 10 times tighter
        double tolerance = network.Flowsheet.Solver.Tolerance * TearShare, cascadeTolerance = network.Flowsheet.Solver.Tolerance * CascadeShare;
        var flows = block.Tears.Select(plan.TearFlow).ToArray();
        var x = block.Tears.Select(t => warm?.TearFor(t, ne) ?? Start(network.Flowsheet, elements, t)).ToArray();
        var cascades = warm ?? new WarmStart();
        var histories = block.Tears.Select(_ => new List<double>()).ToArray();
        var scale = new double[ne];
        bool[]? free = null;                // which (tear, element) entries are iterated (an organic stream has no H⁺)
        double[][]? lastX = null, lastY = null;   // the last pass's input and output
        double[,]? h = null;                // the inverse Jacobian estimate of the residual; null = −I
        double last = double.PositiveInfinity;
        string? message = null;
        var status = SolveStatus.MaxIterations;
        List<SolvedCascade>? solved = null;
        List<SolveReport> reports = [];
        int pass;
        for (pass = 1; pass <= MaxPasses; pass++)
        {
            for (int t = 0; t < nt; t++) network.Tears[block.Tears[t]] = (flows[t], x[t]);
            reports = [];
            solved = [];
            foreach (var unit in block.Units)
            {
                var sc = network.Solve(plan.Layout(unit), cascades, reports, cascadeTolerance);
                if (sc is null)
                {
                    solved = null;
                    break;
                }
                solved.Add(sc);
                if (pass == 1)
                    for (int i = 0; i < sc.Inflows.Elements.Length; i++)
                        scale[sc.Inflows.FlowsheetIndex[i]] = Math.Max(scale[sc.Inflows.FlowsheetIndex[i]], sc.Inflows.Scale[i]);
            }
            if (solved is null)
            {
                status = SolveStatus.Diverged;
                message = $"a cascade of the cycle did not converge in pass {pass}";
                break;
            }
            var y = block.Tears.Select(t => network.Outlet(t).Conc).ToArray();
            free ??= Enumerable.Range(0, nt * ne).Select(k => double.IsFinite(y[k / ne][k % ne])).ToArray();
            // the change of each tear's molar flows relative to each element's inflow to the cycle
            double worst = 0;
            for (int t = 0; t < nt; t++)
            {
                double change = 0;
                for (int e = 0; e < ne; e++)
                    if (free[t * ne + e])
                        change = Math.Max(change, Math.Abs(y[t][e] - x[t][e]) * flows[t] / Math.Max(scale[e], StageInflows.MinimumScale));
                histories[t].Add(change);
                worst = Math.Max(worst, double.IsNaN(change) ? double.PositiveInfinity : change);
            }
            if (worst <= tolerance)
            {
                status = SolveStatus.Converged;
                for (int t = 0; t < nt; t++) warm?.KeepTear(block.Tears[t], y[t]);
                break;
            }
            if (!double.IsFinite(worst))
            {
                status = SolveStatus.Diverged;
                message = $"a tear stream's concentrations are not finite after pass {pass}";
                break;
            }
            // Broyden on the scaled entries: v = c·F/S, residual g(v) − v
            var idx = Enumerable.Range(0, nt * ne).Where(k => free[k]).ToArray();
            int m = idx.Length;
            double S(int k) => flows[k / ne] / Math.Max(scale[k % ne], StageInflows.MinimumScale);
            var zNew = idx.Select(k => x[k / ne][k % ne] * S(k)).ToArray();
            var rNew = idx.Select(k => (y[k / ne][k % ne] - x[k / ne][k % ne]) * S(k)).ToArray();
            if (lastX is null || lastY is null || worst > Growth * last) h = null;
            var z = lastX is null ? null : idx.Select(k => lastX[k / ne][k % ne] * S(k)).ToArray();
            var r = lastX is null || lastY is null ? null : idx.Select(k => (lastY[k / ne][k % ne] - lastX[k / ne][k % ne]) * S(k)).ToArray();
            if (z is null || r is null || worst > Growth * last) { }
            else
            {
                // H += (Δz − H·Δr)·(Δzᵀ·H) / (Δzᵀ·H·Δr)
                var dz = new double[m];
                var dr = new double[m];
                for (int i = 0; i < m; i++) { dz[i] = zNew[i] - z[i]; dr[i] = rNew[i] - r[i]; }
                h ??= MinusIdentity(m);
                var hdr = Multiply(h, dr);
                var zth = new double[m];
                for (int j = 0; j < m; j++)
                    for (int i = 0; i < m; i++) zth[j] += dz[i] * h[i, j];
                double denominator = 0;
                for (int i = 0; i < m; i++) denominator += dz[i] * hdr[i];
                if (Math.Abs(denominator) > 1e-300 && double.IsFinite(denominator))
                    for (int i = 0; i < m; i++)
                    {
                        double u = (dz[i] - hdr[i]) / denominator;
                        for (int j = 0; j < m; j++) h[i, j] += u * zth[j];
                    }
                else h = null;
            }
            last = worst;
            lastX = x.Select(v => (double[])v.Clone()).ToArray();
            lastY = y.Select(v => (double[])v.Clone()).ToArray();
            var step = h is null ? rNew.Select(v => -v).ToArray() : Multiply(h, rNew);
            for (int a = 0; a < m; a++)
            {
                int k = idx[a], t = k / ne, e = k % ne;
                double v = (zNew[a] - step[a]) / S(k);
                // concentrations stay at or above zero (the total acidity H⁺ may be negative)
                x[t][e] = elements[e] == MassActionChemistry.Proton || v >= 0 ? v : 0;
            }
            for (int t = 0; t < nt; t++)
                for (int e = 0; e < ne; e++)
                    if (!free[t * ne + e]) x[t][e] = y[t][e];
        }
        if (pass > MaxPasses) message = $"the tears did not converge in {MaxPasses} passes";
        foreach (var t in block.Tears) network.Tears.Remove(t);
        network.Reports.AddRange(reports);
        var tearReports = block.Tears.Select((t, k) => new TearReport(t, "broyden", status, histories[k].Count, histories[k], status == SolveStatus.Converged ? null : message)).ToList();
        return (status == SolveStatus.Converged ? solved : null, tearReports);
    }

    /// <summary>
    /// The first guess of a tear: the mixture of the flowsheet's feeds (their molar flows over their
    /// volume), so that the cascades of the first pass see metals of about the right amount and
    /// kind (a zero guess leaves a saturated organic nothing to load); an organic tear holds that
    /// mixture at half the loading of its producer's chemistry where it has one.
    /// </summary>
    private static double[] Start(Flowsheet fs, string[] elements, string tear)
    {
        var x = new double[elements.Length];
        double volume = 0;
        foreach (var f in fs.Feeds)
        {
            volume += f.Flow;
            for (int e = 0; e < elements.Length; e++) x[e] += f.Flow * f.Content(elements[e]);
        }
        if (volume > 0) for (int e = 0; e < elements.Length; e++) x[e] /= volume;
        var port = fs.Graph.Outlet(tear);
        if (port?.Phase == StreamPhase.Organic)
        {
            var chemistry = fs.ChemistryOf(fs.Graph.Unit(port.Unit)!.Definition);
            double metals = 0;
            for (int e = 0; e < elements.Length; e++)
                if (!MassActionChemistry.IsSolvedSpecies(elements[e])) metals += x[e];
            double target = chemistry is SeparationFactorChemistry sf ? sf.Loading / 2 : metals;
            for (int e = 0; e < elements.Length; e++)
                x[e] = MassActionChemistry.IsSolvedSpecies(elements[e]) ? double.NaN : metals > 0 ? x[e] * target / metals : 0;
        }
        return x;
    }

    private static double[,] MinusIdentity(int m)
    {
        var h = new double[m, m];
        for (int i = 0; i < m; i++) h[i, i] = -1;
        return h;
    }

    private static double[] Multiply(double[,] h, double[] v)
    {
        int m = v.Length;
        var o = new double[m];
        for (int i = 0; i < m; i++)
        {
            double s = 0;
            for (int j = 0; j < m; j++) s += h[i, j] * v[j];
            o[i] = s;
        }
        return o;
    }
}
