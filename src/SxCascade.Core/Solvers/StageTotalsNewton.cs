using SxCascade.Equilibrium;
using SxCascade.Results;

namespace SxCascade.Solvers;

/// <summary>
/// Newton on the stage totals S_j = Σ_i β_i·x_ij of the saturated stages, for the
/// separation-factor model without Murphree efficiency (MODEL.md §3.2). Given S, every stage's
/// distribution ratio D_ij = L_j·β_i/S_j is fixed, so each element's stage balances are a linear
/// tridiagonal system (cyclic with the recycled organic), solved exactly and positively by the
/// Thomas algorithm; what remains is the N_s equations S_j = Σ_i β_i·x_ij(S). Their Jacobian comes
/// from ∂x_i/∂S_k = −(O·y_ik/S_k)·T_i⁻¹(e_k − e_{k+1}), all columns at once from the recurrences of
/// the inverse of a tridiagonal matrix (<see cref="CyclicTridiagonal"/>). This is the analogue of the
/// "inside-out" methods of distillation: O(N·N_s·C) work per iteration instead of O(N·C³), and
/// trace elements are solved exactly at every iteration. The Newton step is solved on that dense
/// N_s×N_s Jacobian only while it is the cheaper (short cascades of many elements,
/// <see cref="DenseStepIsCheaper"/>); otherwise on the equivalent block-tridiagonal system of the
/// element perturbations and the step (<see cref="BlockStep"/>), whose work and memory per
/// iteration are linear in the stages. Returns null when it does not converge, and the caller falls
/// back to Newton on the full stage system.
/// </summary>
internal sealed class StageTotalsNewton
{
    private readonly CascadeProblem _p;
    private readonly SaturatedSeparationFactor _eq;
    private readonly int _n, _c, _ns;
    private readonly double[] _loading, _s, _x, _d, _loadingOverS, _corners;
    private readonly double[][] _rhs;
    private readonly CyclicTridiagonal[] _t;
    private readonly CyclicTridiagonal?[] _spare;

    private StageTotalsNewton(CascadeProblem p, SaturatedSeparationFactor eq)
    {
        _p = p;
        _eq = eq;
        _n = p.Stages;
        _c = p.C;
        _ns = p.LoadedStage + 1;
        _loading = Enumerable.Range(0, _n).Select(eq.SaturatedLoading).ToArray();
        _s = new double[_ns];
        _loadingOverS = new double[_ns];
        _x = new double[_n * _c];
        _d = new double[_n];
        _t = new CyclicTridiagonal[_c];
        for (int i = 0; i < _c; i++) _t[i] = new CyclicTridiagonal(_n);
        _corners = new double[Lanes];
        _rhs = new double[Lanes][];
        for (int l = 0; l < Lanes; l++) _rhs[l] = new double[_n];
        _spare = new CyclicTridiagonal?[Lanes];
    }

    /// <summary>The fast path applies to the saturated model at full stage efficiency.</summary>
    public static StageTotalsNewton? For(CascadeProblem p) =>
        p.Equilibrium is SaturatedSeparationFactor eq && p.Efficiency >= 1.0 && !double.IsNaN(eq.SaturatedLoading(0)) ? new(p, eq) : null;

    /// <summary>
    /// Solves from the aqueous profile <paramref name="x0"/>; null when it fails. Newton on the
    /// logarithmic residual goes first; when it fails, Newton on g itself (with its substitution
    /// sweeps) starts again from <paramref name="x0"/> with the iterations left.
    /// </summary>
    public CascadeSolution? Solve(double[] x0, double tolerance, int maxIterations)
    {
        var w = new Work(_p, _ns, _n, maxIterations, dense: UsesDenseStep);
        return Solve(x0, tolerance, maxIterations, logarithmic: true, w)
            ?? Solve(x0, tolerance, maxIterations - w.Spent, logarithmic: false, w);
    }

    /// <summary>
    /// True when the dense N_s×N_s Newton step (<see cref="DenseStep"/>) takes fewer operations per
    /// iteration than the block-tridiagonal one (<see cref="BlockStep"/>); both solve the same linear
    /// system. Counted floating-point operations: dense, C·(N·N_s + 3·N_s²) to form the Jacobian from the
    /// inverses of the element systems and ⅔·N_s³ for its LU; block, per stage ⅔·b³ to factor the
    /// pivot block, 2·b³ for D′⁻¹·U and 2·b³ for L·Z (b = C+1), and 4·b³ more for the recycle's spike
    /// column. The dense step is therefore taken only while its work is below the block step's,
    /// which is linear in the stages: ⅔·N_s³ &lt; 8⅔·N·b³ bounds N_s by about 2.4·N^⅓·b. Measured on
    /// the 15-element ore (b = 16) the two cost the same near N_s = 200, where this count puts the
    /// crossing too (N_s ≈ 194 with its 6 strip stages); for Pr/Nd (b = 3) the block step is the
    /// cheaper at every length (58 stages: 79 against 104 µs for four iterations; 166 stages: 0.25
    /// against 1.5 ms).
    /// </summary>
    internal static bool DenseStepIsCheaper(int stages, int saturated, int elements, bool recycle)
    {
        double n = stages, ns = saturated, c = elements, b = elements + 1;
        double dense = 2.0 / 3 * ns * ns * ns + c * (n * ns + 3 * ns * ns);
        double block = (14.0 / 3 + (recycle ? 4 : 0)) * n * b * b * b;
        return dense < block;
    }

    /// <summary>
    /// The Newton step's solve: null (the default) chooses by <see cref="DenseStepIsCheaper"/>; true
    /// or false forces the dense or the block-tridiagonal step (tests compare the two).
    /// </summary>
    internal bool? ForceDenseStep { get; set; }

    /// <summary>Whether <see cref="Solve(double[], double, int)"/> solves its Newton steps on the dense N_s×N_s Jacobian.</summary>
    internal bool UsesDenseStep => ForceDenseStep ?? DenseStepIsCheaper(_n, _ns, _c, _p.Recycle);

    /// <summary>Work arrays of <see cref="Solve(double[], double, int)"/>, shared by its two attempts.</summary>
    private sealed class Work
    {
        public Work(CascadeProblem p, int ns, int n, int maxIterations, bool dense)
        {
            History = new List<double>(maxIterations + 2);
            Equations = new StageEquations(p);
            R = new double[Equations.Size];
            G = new double[ns];
            LogStep = new double[ns];
            Saved = new double[ns];
            Dense = dense;
            if (dense)
            {
                Jacobian = new double[ns * ns];
                Pivots = new int[ns];
                Weights = new double[ns];
                Inverse = new double[n * (ns + 1)];
                Row = new double[ns + 1];
            }
            else
            {
                Block = new BlockTridiagonal(n, p.C + 1);
                BlockRhs = new double[n * (p.C + 1)];
            }
        }

        /// <summary>True for the dense Newton step, false for the block-tridiagonal one.</summary>
        public bool Dense { get; }
        public BlockTridiagonal? Block { get; }
        public double[] BlockRhs { get; } = [];

        /// <summary>Residual history of both attempts.</summary>
        public List<double> History { get; }
        /// <summary>Iterations of the attempts so far (each Jacobian is one).</summary>
        public int Spent { get; set; }
        public StageEquations Equations { get; }
        public double[] R { get; }
        public double[] Jacobian { get; } = [];
        public double[] G { get; }
        public int[] Pivots { get; } = [];
        public double[] Weights { get; } = [];
        public double[] Inverse { get; } = [];
        public double[] Row { get; } = [];
        public double[] LogStep { get; }
        public double[] Saved { get; }
    }

    /// <summary>
    /// One attempt from <paramref name="x0"/>. With <paramref name="logarithmic"/> the Newton step
    /// solves for Δln S on h_j = ln(Σ_i β_i·x_ij / S_j), whose Newton direction is also a descent
    /// direction of max_j |g_j|/S_j; otherwise it solves for ΔS on g and steps along
    /// ln(1 + ΔS/S), after the damped substitution sweeps. Each component of Δln S is limited to
    /// ln 10 and the step halved until max_j |g_j|/S_j falls.
    /// </summary>
    private CascadeSolution? Solve(double[] x0, double tolerance, int maxIterations, bool logarithmic, Work w)
    {
        var beta = _eq.SeparationFactors.ToArray();
        StartTotals(beta, x0);
        var history = w.History;
        var eqs = w.Equations;
        var r = w.R;
        var g = w.G;
        var logStep = w.LogStep;
        var saved = w.Saved;
        const int SubstitutionSweeps = 200;
        double lastLambda = 1;
        double worst = Residual(beta, g);
        // cheap damped substitution S ← S·(Σβx/S)^½ first (O(N·C) each, no Jacobian): it brings the
        // totals near the solution's basin, where Newton converges quadratically
        for (int sweep = 0; !logarithmic && sweep < SubstitutionSweeps && double.IsFinite(worst) && worst > 1e-3; sweep++)
        {
            Array.Copy(_s, saved, _ns);
            for (int j = 0; j < _ns; j++) _s[j] *= Math.Sqrt(Math.Max((g[j] + _s[j]) / _s[j], 1e-3));
            double next = Residual(beta, g);
            if (!(next < worst))
            {
                Array.Copy(saved, _s, _ns);
                worst = Residual(beta, g);
                break;
            }
            worst = next;
        }
        for (int it = 1; it <= maxIterations; it++)
        {
            history.Add(worst);
            int done = w.Spent;
            if (!double.IsFinite(worst)) return null;
            if (worst < 1e-12 || (worst < 1e-11 && it > 1 && worst >= 0.5 * history[^2]))
            {
                // the stage balances hold exactly for the linear solves; confirm on the full residual
                double norm = eqs.Residual(_x, r);
                if (norm <= tolerance && eqs.Closure(r) <= tolerance) return Finish(done, history, SolveStatus.Converged);
                if (worst < 1e-14) return null;
            }
            w.Spent++;
            if (!(w.Dense ? DenseStep(beta, g, logarithmic, w) : BlockStep(beta, g, logarithmic, w))) return null;
            // the step in ln S, each component limited to a factor 10, then halved until the residual falls
            for (int j = 0; j < _ns; j++)
            {
                double step;
                if (logarithmic) step = g[j];
                else
                {
                    double ratio = (_s[j] + g[j]) / _s[j];
                    step = Math.Log(Math.Clamp(double.IsFinite(ratio) ? ratio : 1, 0.1, 10));
                }
                logStep[j] = Math.Clamp(double.IsFinite(step) ? step : 0, -Ln10, Ln10);
            }
            Array.Copy(_s, saved, _ns);
            double trial = double.PositiveInfinity;
            double lambda = Math.Min(1, 2 * lastLambda);
            for (; lambda > 1e-3; lambda /= 2)
            {
                for (int j = 0; j < _ns; j++) _s[j] = saved[j] * Math.Exp(lambda * logStep[j]);
                trial = Residual(beta, g);
                if (trial < (1 - 1e-4 * lambda) * worst) break;
            }
            if (!(trial < worst))
            {
                Array.Copy(saved, _s, _ns);
                if (worst < 1e-11)
                {
                    worst = Residual(beta, g);
                    double norm = eqs.Residual(_x, r);
                    if (norm <= tolerance && eqs.Closure(r) <= tolerance) return Finish(done, history, SolveStatus.Converged);
                }
                return null;
            }
            worst = trial;
            lastLambda = lambda;
        }
        return null;
    }

    private static readonly double Ln10 = Math.Log(10);

    /// <summary>S_j = Σ_i β_i·x_ij of the saturated stages of the aqueous profile <paramref name="x0"/>.</summary>
    private void StartTotals(double[] beta, double[] x0)
    {
        for (int j = 0; j < _ns; j++)
        {
            double s = 0;
            for (int i = 0; i < _c; i++) s += beta[i] * x0[j * _c + i];
            _s[j] = s;
        }
    }

    /// <summary>
    /// The first Newton step σ (Δln S with <paramref name="logarithmic"/>, else ΔS) from the aqueous
    /// profile <paramref name="x0"/>, solved on the dense Jacobian or on the block-tridiagonal system,
    /// before any limit or line search: tests compare the two solves on the same state. Null when the
    /// element solves or the step's solve fail.
    /// </summary>
    internal double[]? FirstStep(double[] x0, bool logarithmic, bool dense)
    {
        var beta = _eq.SeparationFactors.ToArray();
        StartTotals(beta, x0);
        var w = new Work(_p, _ns, _n, 1, dense);
        if (!double.IsFinite(Residual(beta, w.G))) return null;
        bool solved = dense ? DenseStep(beta, w.G, logarithmic, w) : BlockStep(beta, w.G, logarithmic, w);
        return solved ? (double[])w.G.Clone() : null;
    }

    /// <summary>
    /// The Jacobian ∂g_j/∂S_k of g_j = Σ_i β_i·x_ij(S) − S_j into <paramref name="jac"/> (row-major
    /// N_s×N_s), at the S of the last successful <see cref="Residual"/> (whose factored T_i and x it
    /// reuses): column k of element i's part is −β_i·(O·y_ik/S_k)·T_i⁻¹(e_k − e_{k+1}), from one block
    /// of T_i⁻¹.
    /// </summary>
    internal void Jacobian(double[] beta, double[] jac, double[] weights, double[] inverse, double[] row)
    {
        Array.Clear(jac);
        for (int i = 0; i < _c; i++)
        {
            for (int k = 0; k < _ns; k++) weights[k] = -_p.OrganicFlow * (_loadingOverS[k] * beta[i] * _x[k * _c + i]) / _s[k] * beta[i];
            _t[i].AddDifferencedInverse(_ns, weights, jac, inverse, row);
        }
        for (int j = 0; j < _ns; j++) jac[j * _ns + j] -= 1;
    }

    /// <summary>
    /// The Newton step on the dense N_s×N_s Jacobian (<see cref="Jacobian"/>; every entry non-zero, as
    /// T_i⁻¹ is full), factored by LU, for the short cascades where it is the cheaper: on
    /// entry <paramref name="g"/> holds g of the current S, on exit the step. Returns false when
    /// the Jacobian is singular.
    /// </summary>
    private bool DenseStep(double[] beta, double[] g, bool logarithmic, Work w)
    {
        Jacobian(beta, w.Jacobian, w.Weights, w.Inverse, w.Row);
        if (logarithmic)
        {
            // ∂h_j/∂ln S_k = (∂P_j/∂S_k)·S_k/P_j − δ_jk with P_j = Σ_i β_i·x_ij = g_j + S_j
            for (int j = 0; j < _ns; j++)
            {
                double total = g[j] + _s[j], rowScale = 1 / total;
                var rowJ = w.Jacobian.AsSpan(j * _ns, _ns);
                rowJ[j] += 1;
                for (int k = 0; k < _ns; k++) rowJ[k] *= _s[k] * rowScale;
                rowJ[j] -= 1;
                g[j] = -Math.Log(total / _s[j]);
            }
        }
        else
        {
            for (int j = 0; j < _ns; j++) g[j] = -g[j];
        }
        if (!DenseLu.Factor(w.Jacobian, _ns, w.Pivots)) return false;
        DenseLu.Solve(w.Jacobian, _ns, w.Pivots, g);
        return true;
    }

    /// <summary>
    /// The Newton step of <see cref="Solve(double[], double, int, bool, Work)"/> without forming the
    /// dense Jacobian: with the element perturbations Δx_i as unknowns beside the step σ (σ_j = ΔS_j,
    /// or Δln S_j when <paramref name="logarithmic"/>), the linearised equations are, for each
    /// element i and stage j (a_ik = O·y_ik/S_k, times S_k in the logarithmic form),
    ///   (T_i·Δx_i)_j + a_ij·σ_j − a_i,j-1·σ_{j-1} = 0   (T_i·Δx_i = −Σ_k a_ik·σ_k·(e_k − e_{k+1})),
    /// and for each saturated stage j
    ///   Σ_i β_i·Δx_ij − σ_j = −g_j,   or (1/P_j)·Σ_i β_i·Δx_ij − σ_j = −ln(P_j/S_j),
    /// which eliminating Δx gives back the dense system. Ordered by stage (the C elements, then σ_j;
    /// a strip stage's σ_j is a dummy with σ_j = 0) they are block tridiagonal with blocks of C+1,
    /// and the recycled organic adds the corner T_i[0, N−1] (<see cref="BlockTridiagonal"/>, block
    /// Thomas with the corner as a spike). On entry <paramref name="g"/> holds g of the current S
    /// (after <see cref="Residual"/>); on exit the step σ. Returns false when a pivot block is singular.
    /// <para>
    /// The non-zeros, rows and columns 0…C−1 of a block being the elements and C the step σ
    /// (b = C+1; every other entry is zero):
    /// <list type="bullet">
    /// <item>D_j: (i,i) = T_i[j,j]; for a saturated stage (j &lt; N_s) also (i,C) = a_ij,
    /// (C,i) = β_i (β_i/P_j in the logarithmic form) and (C,C) = −1; for a strip stage (C,C) = 1 alone.</item>
    /// <item>L_j (j ≥ 1): (i,i) = T_i[j,j−1] (the organic from stage j−1); (i,C) = −a_i,j−1 when j−1 &lt; N_s.</item>
    /// <item>U_j (j ≤ N−2): (i,i) = T_i[j,j+1] (the aqueous from stage j+1; at the scrub/strip
    /// boundary the reflux fraction of the strip liquor, so a reflux scrub stays inside the band).</item>
    /// <item>Corner (block row 0, block column N−1), with the recycled organic only:
    /// (i,i) = O_r·D_i,N−1, the stripped organic's element i returned to stage 1.</item>
    /// </list>
    /// So each block is an arrow (a diagonal bordered by one row and one column) and the only entry
    /// outside the three block diagonals is the diagonal corner block: block tridiagonal plus a rank-C
    /// corner, which the spike of <see cref="BlockTridiagonal"/> carries in O(N·b³) work and O(N·b²)
    /// memory (the Sherman–Morrison–Woodbury correction of the same corner, done by elimination).
    /// </para>
    /// </summary>
    private bool BlockStep(double[] beta, double[] g, bool logarithmic, Work w)
    {
        int n = _n, c = _c, ns = _ns, b = c + 1, bb = b * b;
        var sys = w.Block!;
        var rhs = w.BlockRhs;
        double o = _p.OrganicFlow;
        Array.Clear(sys.Lower);
        Array.Clear(sys.Diagonal);
        Array.Clear(sys.Upper);
        for (int j = 0; j < n; j++)
        {
            int at = j * bb;
            bool saturated = j < ns, below = j > 0 && j - 1 < ns;
            // 1/P_j with P_j = g_j + S_j
            double rowScale = saturated && logarithmic ? 1 / (g[j] + _s[j]) : 1;
            for (int i = 0; i < c; i++)
            {
                var t = _t[i];
                sys.Diagonal[at + i * b + i] = t.Diagonal[j];
                if (j > 0) sys.Lower[at + i * b + i] = t.Lower[j];
                if (j + 1 < n) sys.Upper[at + i * b + i] = t.Upper[j];
                if (saturated)
                {
                    sys.Diagonal[at + i * b + c] = Coupling(beta[i], i, j, logarithmic);
                    sys.Diagonal[at + c * b + i] = beta[i] * rowScale;
                }
                if (below) sys.Lower[at + i * b + c] = -Coupling(beta[i], i, j - 1, logarithmic);
            }
            sys.Diagonal[at + c * b + c] = saturated ? -1 : 1;
            rhs.AsSpan(j * b, b).Clear();
            if (saturated) rhs[j * b + c] = logarithmic ? -Math.Log((g[j] + _s[j]) / _s[j]) : -g[j];
        }
        sys.HasCorner = _p.Recycle;
        if (_p.Recycle)
        {
            // the recycled organic: O·D_{N-1}·x_{N-1} enters stage 1 (as in FillElement)
            Array.Clear(sys.Corner);
            var strip = _eq.StripRatios;
            double or = _p.Layout.RecycledOrganicFlow;
            for (int i = 0; i < c; i++) sys.Corner[i * b + i] = or * (n - 1 < ns ? _loadingOverS[n - 1] * beta[i] : strip[i]);
        }
        if (!sys.Solve(rhs)) return false;
        for (int j = 0; j < ns; j++) g[j] = rhs[j * b + c];
        return true;
    }

    /// <summary>a_ik = O·y_ik/S_k (times S_k for the step in ln S), y_ik = (L_k/S_k)·β_i·x_ik.</summary>
    private double Coupling(double beta, int i, int k, bool logarithmic)
    {
        double y = _loadingOverS[k] * beta * _x[k * _c + i];
        return logarithmic ? _p.OrganicFlow * y : _p.OrganicFlow * y / _s[k];
    }

    /// <summary>Solves every element at the current S into x and g; returns max_j |g_j|/S_j (∞ when a solve fails).</summary>
    internal double Residual(double[] beta, double[] g)
    {
        Array.Clear(g);
        UpdateStageTotals();
        // four elements at a time: their Thomas recurrences overlap
        for (int i0 = 0; i0 < _c; i0 += Lanes)
        {
            for (int l = 0; l < Lanes; l++)
            {
                int i = i0 + l;
                _corners[l] = i < _c ? FillElement(i, beta[i], _rhs[l]) : 0;
            }
            CyclicTridiagonal.FactorSolve4(_t[i0], Lane(i0 + 1, 1), Lane(i0 + 2, 2), Lane(i0 + 3, 3), _corners, _rhs[0], _rhs[1], _rhs[2], _rhs[3]);
            for (int i = i0; i < Math.Min(i0 + Lanes, _c); i++)
            {
                var v = _rhs[i - i0];
                for (int j = 0; j < _n; j++)
                {
                    if (!(v[j] >= 0) || !double.IsFinite(v[j])) return double.PositiveInfinity;
                    _x[j * _c + i] = v[j];
                }
                for (int j = 0; j < _ns; j++) g[j] += beta[i] * v[j];
            }
        }
        double worst = 0;
        for (int j = 0; j < _ns; j++)
        {
            g[j] -= _s[j];
            worst = Math.Max(worst, Math.Abs(g[j]) / _s[j]);
        }
        return worst;
    }

    /// <summary>Elements solved together in <see cref="Residual"/>.</summary>
    private const int Lanes = 4;

    /// <summary>
    /// Element i's system, or for a lane past the last element that lane's identity system
    /// (right-hand side cleared), made at its first use.
    /// </summary>
    private CyclicTridiagonal Lane(int i, int lane)
    {
        if (i < _c) return _t[i];
        Array.Clear(_rhs[lane]);
        if (_spare[lane] is { } spare) return spare;
        spare = new CyclicTridiagonal(_n);
        Array.Fill(spare.Diagonal, 1.0);
        return _spare[lane] = spare;
    }

    /// <summary>L_j/S_j of the saturated stages, after S changed.</summary>
    private void UpdateStageTotals()
    {
        for (int j = 0; j < _ns; j++) _loadingOverS[j] = _loading[j] / _s[j];
    }

    private CascadeSolution Finish(int iterations, List<double> history, SolveStatus status)
    {
        var y = new double[_n * _c];
        for (int j = 0; j < _n; j++)
            _eq.Evaluate(j, _x.AsSpan(j * _c, _c), y.AsSpan(j * _c, _c), default);
        return new CascadeSolution((double[])_x.Clone(), y, new SolveReport(_p.Definition.Name, "newton", status, iterations, history.ToArray(), null));
    }

    /// <summary>
    /// Fills element i's stage balances with D fixed by the current S into its tridiagonal system
    /// and <paramref name="rhs"/>:
    /// O·D_{j-1}·x_{j-1} − (O·D_j + A_j)·x_j + A↓_j·x_{j+1} = −F_j (− O·y_in at stage 1; the recycle
    /// adds O·D_{N-1}·x_{N-1} to stage 1, the corner of the cyclic system). Returns the corner (0 for none).
    /// </summary>
    private double FillElement(int i, double beta, double[] rhs)
    {
        var strip = _eq.StripRatios;
        var t = _t[i];
        double o = _p.OrganicFlow;
        for (int j = 0; j < _n; j++) _d[j] = j < _ns ? _loadingOverS[j] * beta : strip[i];
        var layout = _p.Layout;
        for (int j = 0; j < _n; j++)
        {
            layout.LinearBalance(j, j > 0 ? _d[j - 1] : 0, _d[j], out t.Lower[j], out t.Diagonal[j], out t.Upper[j]);
            rhs[j] = -_p.External[j * _c + i];
        }
        if (!_p.Recycle) rhs[0] -= o * _p.OrganicInlet[i];
        return _p.Recycle ? layout.RecycledOrganicFlow * _d[_n - 1] : 0;
    }
}
