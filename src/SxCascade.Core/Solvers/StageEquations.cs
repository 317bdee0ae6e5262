using SxCascade.Flowsheets;

namespace SxCascade.Solvers;

/// <summary>
/// Residual and Jacobian of the stage system of one cascade (MODEL.md §2). The state per stage is
/// the aqueous outlet x_j (block size C) when η = 1, or (x_j, y_j) (block size 2C) with a Murphree
/// efficiency η &lt; 1, where y_j = y_{j-1} + η·(y*(x_j) − y_{j-1}) is an equation of its own.
/// Balance of component i in stage j (in − out, mol/h):
///   R_ij = O·y_{i,j-1} + A↓_j·c_{i,j+1} + F_ij − O·y_ij − A_j·c_ij,
/// with y_{-1} the organic inlet (or y_{N-1} when the stripped organic is recycled) and c the
/// aqueous content the flows carry (c = x except where the model speciates, e.g. total acidity).
/// Rows are scaled by the component's inflow so that residuals are relative.
/// </summary>
internal sealed class StageEquations
{
    /// <summary>Nominal residence time per stage, h: holdups V = flow·τ for the implicit Euler march.</summary>
    public const double ResidenceTime = 1.0;

    /// <summary>
    /// Smallest residual scale of a component, mol/h. A balance is closed relative to the
    /// component's inflow, or to this where the inflow is smaller (a subnormal feed of 5e-324 mol/L):
    /// far below anything measurable, and large enough that flows up to 1e10 L/h times 1/scale stay finite.
    /// </summary>
    public const double MinimumScale = StageInflows.MinimumScale;

    private readonly CascadeProblem _p;
    private readonly double[] _yStar;   // N×C
    private readonly double[] _jac;     // N×C×C
    private readonly double[] _content; // N×C (speciating models only)
    private readonly double[] _cJac;    // N×C×C
    private readonly double[] _rowScale; // C
    private readonly double[] _yIn;     // C
    private readonly bool _speciation;

    public StageEquations(CascadeProblem problem)
    {
        _p = problem;
        int n = problem.Stages, c = problem.C;
        Murphree = problem.Efficiency < 1.0;
        BlockSize = Murphree ? 2 * c : c;
        _speciation = problem.Equilibrium.HasSpeciation;
        _yStar = new double[n * c];
        _jac = new double[n * c * c];
        _content = _speciation ? new double[n * c] : [];
        _cJac = _speciation ? new double[n * c * c] : [];
        _rowScale = new double[c];
        _yIn = new double[c];
        // an inflow below MinimumScale is measured against it: 1/scale of a subnormal overflows, and
        // the scaled Jacobian (flows × 1/scale) must stay finite
        for (int i = 0; i < c; i++) _rowScale[i] = problem.Scale[i] > 0 ? 1.0 / Math.Max(problem.Scale[i], MinimumScale) : 1.0;
    }

    /// <summary>True for the (x, y) formulation.</summary>
    public bool Murphree { get; }
    /// <summary>Unknowns per stage.</summary>
    public int BlockSize { get; }
    /// <summary>Total unknowns.</summary>
    public int Size => BlockSize * _p.Stages;

    /// <summary>Aqueous concentration of component i in stage j from the state vector.</summary>
    public double X(ReadOnlySpan<double> z, int j, int i) => z[j * BlockSize + i];

    /// <summary>Writes the organic outlet concentrations of every stage (N×C) for state z.</summary>
    public void Organic(ReadOnlySpan<double> z, Span<double> y)
    {
        int n = _p.Stages, c = _p.C, b = BlockSize;
        for (int j = 0; j < n; j++)
        {
            if (Murphree)
                z.Slice(j * b + c, c).CopyTo(y.Slice(j * c, c));
            else
                _p.Equilibrium.Evaluate(j, z.Slice(j * b, c), y.Slice(j * c, c), default);
        }
    }

    /// <summary>Fills a state vector from aqueous x (N×C), computing y for the Murphree form by marching from stage 1.</summary>
    public void StateFromAqueous(ReadOnlySpan<double> x, Span<double> z, ReadOnlySpan<double> recycledOrganic)
    {
        int n = _p.Stages, c = _p.C, b = BlockSize;
        Span<double> yPrev = stackalloc double[c];
        Span<double> ys = stackalloc double[c];
        if (_p.Recycle) _p.Layout.RecycledInlet(recycledOrganic, yPrev); else _p.OrganicInlet.AsSpan().CopyTo(yPrev);
        double eta = _p.Efficiency;
        for (int j = 0; j < n; j++)
        {
            x.Slice(j * c, c).CopyTo(z.Slice(j * b, c));
            if (!Murphree) continue;
            _p.Equilibrium.Evaluate(j, x.Slice(j * c, c), ys, default);
            for (int i = 0; i < c; i++)
            {
                double y = yPrev[i] + eta * (ys[i] - yPrev[i]);
                z[j * b + c + i] = y;
                yPrev[i] = y;
            }
        }
    }

    private void EvaluateEquilibrium(ReadOnlySpan<double> z, bool withJacobian)
    {
        int n = _p.Stages, c = _p.C, b = BlockSize, cc = c * c;
        var eq = _p.Equilibrium;
        for (int j = 0; j < n; j++)
        {
            var x = z.Slice(j * b, c);
            eq.Evaluate(j, x, _yStar.AsSpan(j * c, c), withJacobian ? _jac.AsSpan(j * cc, cc) : default);
            if (_speciation)
                eq.AqueousContent(j, x, _content.AsSpan(j * c, c), withJacobian ? _cJac.AsSpan(j * cc, cc) : default);
        }
    }

    /// <summary>Organic of stage j (state or equilibrium), after <see cref="EvaluateEquilibrium"/>.</summary>
    private ReadOnlySpan<double> OrganicOf(ReadOnlySpan<double> z, int j) =>
        Murphree ? z.Slice(j * BlockSize + _p.C, _p.C) : _yStar.AsSpan(j * _p.C, _p.C);

    /// <summary>Aqueous content of stage j, after <see cref="EvaluateEquilibrium"/>.</summary>
    private ReadOnlySpan<double> ContentOf(ReadOnlySpan<double> z, int j) =>
        _speciation ? _content.AsSpan(j * _p.C, _p.C) : z.Slice(j * BlockSize, _p.C);

    /// <summary>
    /// Largest |Σ_j R_ij| over components for a scaled residual r: the stage balances summed over
    /// the cascade telescope to (inflow − outflow)/inflow, the balance closure of each component.
    /// </summary>
    public double Closure(ReadOnlySpan<double> r)
    {
        int n = _p.Stages, c = _p.C, b = BlockSize;
        double max = 0;
        for (int i = 0; i < c; i++)
        {
            double s = 0;
            for (int j = 0; j < n; j++) s += r[j * b + i];
            max = Math.Max(max, Math.Abs(s));
        }
        return max;
    }

    /// <summary>
    /// Scaled stage holdups of state z (MODEL.md §6), in the positions of the balance rows:
    /// M_ij = τ·(A_j·c_ij + O·y_ij)·s_i with the residence time τ per stage; zero in the Murphree rows.
    /// </summary>
    public void Holdup(ReadOnlySpan<double> z, Span<double> m, bool evaluated = false)
    {
        if (!evaluated && (!Murphree || _speciation)) EvaluateEquilibrium(z, false);
        int n = _p.Stages, c = _p.C, b = BlockSize;
        double o = _p.OrganicFlow;
        for (int j = 0; j < n; j++)
        {
            var y = OrganicOf(z, j);
            var cj = ContentOf(z, j);
            double a = _p.AqueousOut[j];
            for (int i = 0; i < c; i++)
            {
                m[j * b + i] = ResidenceTime * (a * cj[i] + o * y[i]) * _rowScale[i];
                if (Murphree) m[j * b + c + i] = 0;
            }
        }
    }

    /// <summary>Scaled residual of state z into r; returns the largest |r|.</summary>
    public double Residual(ReadOnlySpan<double> z, Span<double> r)
    {
        EvaluateEquilibrium(z, false);
        return ResidualCore(z, r);
    }

    private double ResidualCore(ReadOnlySpan<double> z, Span<double> r)
    {
        int n = _p.Stages, c = _p.C, b = BlockSize;
        var layout = _p.Layout;
        double o = _p.OrganicFlow, eta = _p.Efficiency, max = 0;
        if (_p.Recycle) _p.Layout.RecycledInlet(OrganicOf(z, n - 1), _yIn);
        else _p.OrganicInlet.CopyTo(_yIn);
        for (int j = 0; j < n; j++)
        {
            ReadOnlySpan<double> yPrev = j == 0 ? _yIn : OrganicOf(z, j - 1);
            var y = OrganicOf(z, j);
            var cj = ContentOf(z, j);
            var cNext = j + 1 < n ? ContentOf(z, j + 1) : default;
            for (int i = 0; i < c; i++)
            {
                double res = layout.Residual(j, yPrev[i], y[i], j + 1 < n ? cNext[i] : 0, cj[i], _p.External[j * c + i]);
                res *= _rowScale[i];
                r[j * b + i] = res;
                max = Math.Max(max, Math.Abs(res));
                if (Murphree)
                {
                    double e = (y[i] - yPrev[i] - eta * (_yStar[j * c + i] - yPrev[i])) * o * _rowScale[i];
                    r[j * b + c + i] = e;
                    max = Math.Max(max, Math.Abs(e));
                }
            }
        }
        return double.IsFinite(max) ? max : double.PositiveInfinity;
    }

    /// <summary>
    /// Assembles the scaled Jacobian of the residual into <paramref name="system"/> and the
    /// scaled residual into <paramref name="r"/>; returns the largest |r|. A positive
    /// <paramref name="inverseStep"/> (1/Δt, 1/h) subtracts the holdup term ∂M/∂z/Δt of an
    /// implicit Euler step of the stage dynamics.
    /// </summary>
    public double Assemble(ReadOnlySpan<double> z, BlockTridiagonal system, Span<double> r, double inverseStep)
    {
        EvaluateEquilibrium(z, true);
        double max = ResidualCore(z, r);
        int n = _p.Stages, c = _p.C, b = BlockSize, cc = c * c;
        double o = _p.OrganicFlow, eta = _p.Efficiency, tau = ResidenceTime * inverseStep;
        var lower = system.Lower.AsSpan();
        var diag = system.Diagonal.AsSpan();
        var upper = system.Upper.AsSpan();
        system.HasCorner = _p.Recycle;
        var corner = system.Corner.AsSpan();
        corner.Clear();
        if (Murphree) AssembleMurphreeStages(diag, lower, upper, tau);
        else AssembleEquilibriumStages(diag, lower, upper, tau);
        if (_p.Recycle)
        {
            // stage 1's organic inlet is r of stage N's organic outlet (r·O of the organic flow)
            double or = _p.Layout.RecycledOrganicFlow;
            if (!Murphree)
            {
                var jLast = _jac.AsSpan((n - 1) * cc, cc);
                for (int i = 0; i < c; i++)
                    for (int k = 0; k < c; k++) corner[i * b + k] = or * jLast[i * c + k] * _rowScale[i];
            }
            else
            {
                for (int i = 0; i < c; i++)
                {
                    corner[i * b + c + i] = or * _rowScale[i];
                    corner[(c + i) * b + c + i] = -(1 - eta) * or * _rowScale[i];
                }
            }
        }
        return max;
    }

    /// <summary>
    /// The blocks of the equilibrium-stage form (state x_j, b = C): row i of stage j is
    ///   D = −(1 + τ/Δt)·(A_j·∂c_j/∂x_j + O·J*_j)·s_i, L = O·J*_{j-1}·s_i, U = A↓_j·∂c_{j+1}/∂x_{j+1}·s_i,
    /// with ∂c/∂x = I where the model does not speciate. Every entry is written (nothing cleared first).
    /// </summary>
    private void AssembleEquilibriumStages(Span<double> diag, Span<double> lower, Span<double> upper, double tau)
    {
        int n = _p.Stages, c = _p.C, cc = c * c;
        double o = _p.OrganicFlow;
        for (int j = 0; j < n; j++)
        {
            var d = diag.Slice(j * cc, cc);
            var l = lower.Slice(j * cc, cc);
            var u = upper.Slice(j * cc, cc);
            ReadOnlySpan<double> jac = _jac.AsSpan(j * cc, cc);
            ReadOnlySpan<double> jacPrev = j > 0 ? _jac.AsSpan((j - 1) * cc, cc) : default;
            ReadOnlySpan<double> cj = _speciation ? _cJac.AsSpan(j * cc, cc) : default;
            ReadOnlySpan<double> cNext = _speciation && j + 1 < n ? _cJac.AsSpan((j + 1) * cc, cc) : default;
            double a = _p.AqueousOut[j], down = j + 1 < n ? _p.AqueousDown[j] : 0;
            for (int i = 0; i < c; i++)
            {
                int row = i * c;
                double s = _rowScale[i], fa = -a * (1 + tau) * s, fo = -o * (1 + tau) * s, fu = down * s, fl = o * s;
                var dRow = d.Slice(row, c);
                var jRow = jac.Slice(row, c);
                if (_speciation)
                {
                    var cRow = cj.Slice(row, c);
                    for (int k = 0; k < c; k++) dRow[k] = fa * cRow[k] + fo * jRow[k];
                }
                else
                {
                    for (int k = 0; k < c; k++) dRow[k] = fo * jRow[k];
                    dRow[i] += fa;
                }
                var uRow = u.Slice(row, c);
                if (j + 1 < n && _speciation)
                {
                    var nRow = cNext.Slice(row, c);
                    for (int k = 0; k < c; k++) uRow[k] = fu * nRow[k];
                }
                else
                {
                    uRow.Clear();
                    uRow[i] = fu;
                }
                var lRow = l.Slice(row, c);
                if (j > 0)
                {
                    var pRow = jacPrev.Slice(row, c);
                    for (int k = 0; k < c; k++) lRow[k] = fl * pRow[k];
                }
                else lRow.Clear();
            }
        }
    }

    /// <summary>
    /// The blocks of the Murphree form (state (x_j, y_j), b = 2C): balance rows as in
    /// <see cref="AssembleEquilibriumStages"/> with O·y_j a state, and the efficiency rows
    /// y_j − y_{j-1} − η·(y*(x_j) − y_{j-1}) = 0.
    /// </summary>
    private void AssembleMurphreeStages(Span<double> diag, Span<double> lower, Span<double> upper, double tau)
    {
        int n = _p.Stages, c = _p.C, b = BlockSize, bb = b * b, cc = c * c;
        double o = _p.OrganicFlow, eta = _p.Efficiency;
        for (int j = 0; j < n; j++)
        {
            var d = diag.Slice(j * bb, bb);
            var l = lower.Slice(j * bb, bb);
            var u = upper.Slice(j * bb, bb);
            d.Clear();
            l.Clear();
            u.Clear();
            var jac = _jac.AsSpan(j * cc, cc);
            double a = _p.AqueousOut[j], down = j + 1 < n ? _p.AqueousDown[j] : 0;
            for (int i = 0; i < c; i++)
            {
                double s = _rowScale[i];
                // aqueous terms: −A·(1 + τ/Δt)·∂c_j/∂x_j on the diagonal, A↓·∂c_{j+1}/∂x_{j+1} above
                if (_speciation)
                {
                    var cj = _cJac.AsSpan(j * cc + i * c, c);
                    for (int k = 0; k < c; k++) d[i * b + k] = -a * (1 + tau) * cj[k] * s;
                    if (j + 1 < n)
                    {
                        var cn = _cJac.AsSpan((j + 1) * cc + i * c, c);
                        for (int k = 0; k < c; k++) u[i * b + k] = down * cn[k] * s;
                    }
                }
                else
                {
                    d[i * b + i] = -a * (1 + tau) * s;
                    u[i * b + i] = down * s;
                }
                d[i * b + c + i] = -o * (1 + tau) * s;
                int row = (c + i) * b;
                double se = o * s;
                for (int k = 0; k < c; k++) d[row + k] = -eta * jac[i * c + k] * se;
                d[row + c + i] = se;
                if (j > 0)
                {
                    l[i * b + c + i] = o * s;
                    l[row + c + i] = -(1 - eta) * se;
                }
            }
        }
    }
}
