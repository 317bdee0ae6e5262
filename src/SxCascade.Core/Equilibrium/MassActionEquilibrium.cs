using SxCascade.Flowsheets;

namespace SxCascade.Equilibrium;

/// <summary>
/// MODEL.md §3.3: metals on an acidic extractant, M^z+ + extractant ⇌ complex + z H⁺, with D from
/// a mass-action law (D = K·e^n·[H⁺]^−z), an empirical correlation
/// (log10 D = a + b·pH + c·log10 e + d·pH·e) or a constant. The free extractant e of a stage solves
/// its balance e + Σ ν_i·D_i(h, e)·x_i = E_total; the solved aqueous species are the free [H⁺]
/// (component "H+") and, in sulfate media, total sulfate ("SO4--"). Flows carry total acidity
/// c_H = [H⁺] + [HSO₄⁻] − K_w/[H⁺], with [HSO₄⁻] = S·[H⁺]/([H⁺] + K_a). The organic "proton"
/// component y_H = −Σ z_i·y_i makes the stage balance of H the proton balance: moving a metal
/// into the organic releases z protons into the aqueous.
/// </summary>
internal sealed class MassActionEquilibrium : IStageEquilibrium
{
    /// <summary>Ionic product of water at 25 °C, (mol/L)².</summary>
    public const double WaterProduct = 1e-14;
    private const double Ln10 = 2.302585092994046;

    private readonly int _c, _h, _so4;
    private readonly DistributionLaw?[] _laws;
    private readonly double _total, _percent, _ka;
    private readonly double[] _lastE;
    private readonly double[] _d, _dlnDe, _dlnDh;
    private readonly int[] _group;           // per law: index into _orders, −1 for a constant D or no law
    private readonly double[] _orders;       // distinct orders of the laws in ln e
    private readonly double[] _groupFactor;  // exp(order·(u − u0)) per order
    private readonly double[] _base, _curvature;
    private readonly double[] _consumes, _charges, _share; // ν and z per component (0 without a law); ν_k·D_k/G

    public MassActionEquilibrium(MassActionChemistry chemistry, CascadeBinding binding)
    {
        var elements = binding.Elements;
        _c = elements.Length;
        _h = Array.IndexOf(elements, MassActionChemistry.Proton);
        _so4 = Array.IndexOf(elements, MassActionChemistry.Sulfate);
        if (_h < 0) throw new ArgumentException("mass-action chemistry needs H+ among the solved components");
        _laws = elements.Select(e => chemistry.Laws.TryGetValue(e, out var law) ? law : null).ToArray();
        for (int i = 0; i < _c; i++)
            if (i != _h && i != _so4 && _laws[i] is null) throw new ArgumentException($"no distribution law for {elements[i]}");
        _total = chemistry.Extractant.Concentration;
        _percent = chemistry.Extractant.PercentPerMolar;
        _ka = chemistry.Medium == Medium.Sulfate ? Math.Pow(10, -chemistry.PkaBisulfate) : 0;
        _lastE = Enumerable.Repeat(double.NaN, binding.Sections.Length).ToArray();
        _d = new double[_c];
        _dlnDe = new double[_c];
        _dlnDh = new double[_c];
        var orders = new List<double>();
        _group = new int[_c];
        for (int i = 0; i < _c; i++)
        {
            double? order = _laws[i] switch
            {
                { Kind: DistributionLawKind.LogK } law => law.ExtractantOrder,
                { Kind: DistributionLawKind.LogD } law => law.LogExtractant,
                _ => null,
            };
            if (order is not { } n) { _group[i] = -1; continue; }
            int k = orders.IndexOf(n);
            if (k < 0) { k = orders.Count; orders.Add(n); }
            _group[i] = k;
        }
        _orders = orders.ToArray();
        _groupFactor = new double[_orders.Length];
        _base = new double[_c];
        _curvature = new double[_c];
        _consumes = _laws.Select(l => l?.Consumes ?? 0).ToArray();
        _charges = _laws.Select(l => (double)(l?.Charge ?? 0)).ToArray();
        _share = new double[_c];
    }

    public string Key => "mass-action";

    public bool IsLinear => false;

    public bool HasSpeciation => true;

    public double SaturatedLoading(int stage) => double.NaN;

    /// <summary>
    /// ln D of every law splits into a part that does not depend on the free extractant, a term
    /// linear in u = ln e (its coefficient, the law's order in e, is <see cref="_orders"/>[group]) and,
    /// for a correlation with a pH·e term, a term κ·e. Laws sharing an order share one exponential
    /// per iteration of the free-extractant root; the constant part is exponentiated once per root.
    /// </summary>
    private void SetUpLaws(double h, double u0)
    {
        double lnH = Math.Log(h), ph = -lnH / Ln10;
        for (int i = 0; i < _c; i++)
        {
            var law = _laws[i];
            double pre, order = 0, curvature = 0;
            switch (law?.Kind)
            {
                case DistributionLawKind.LogK:
                    // ln(K·e^n·h^(−z))
                    pre = Ln10 * law.LogK - law.Charge * lnH;
                    order = law.ExtractantOrder;
                    break;
                case DistributionLawKind.LogD:
                    // ln 10^(a + b·pH + c·log10 e_u + d·pH·e_u), e_u = f·e
                    double f = law.PercentVolume ? _percent : 1.0;
                    pre = Ln10 * (law.Constant + law.Ph * ph) + law.LogExtractant * Math.Log(f);
                    order = law.LogExtractant;
                    curvature = Ln10 * law.PhExtractant * ph * f;
                    break;
                case DistributionLawKind.Constant:
                    _base[i] = law.Constant;
                    _curvature[i] = 0;
                    continue;
                default:
                    _base[i] = 0;
                    _curvature[i] = 0;
                    continue;
            }
            // D at u0 without the κ·e term; each iteration multiplies by exp(order·(u − u0))
            _base[i] = Math.Exp(pre + order * u0);
            _curvature[i] = curvature;
        }
    }

    /// <summary>D of every law at u = ln e, after <see cref="SetUpLaws"/> at u0.</summary>
    private void Distribution(double u, double u0)
    {
        double du = u - u0, e = Math.Exp(u);
        for (int k = 0; k < _orders.Length; k++) _groupFactor[k] = du == 0 ? 1.0 : Math.Exp(_orders[k] * du);
        for (int i = 0; i < _c; i++)
        {
            int g = _group[i];
            double d = g < 0 ? _base[i] : _base[i] * _groupFactor[g];
            if (_curvature[i] != 0) d *= Math.Exp(_curvature[i] * e);
            _d[i] = d;
        }
    }

    /// <summary>d ln D/d ln e of law i at free extractant e.</summary>
    private double LogSlope(int i, double e) => (_group[i] < 0 ? 0 : _orders[_group[i]]) + _curvature[i] * e;

    /// <summary>∂lnD/∂e and ∂lnD/∂h of every law at the root (h, e), for the Jacobian.</summary>
    private void Derivatives(double h, double e)
    {
        for (int i = 0; i < _c; i++)
        {
            _dlnDe[i] = LogSlope(i, e) / e;
            _dlnDh[i] = _laws[i] switch
            {
                { Kind: DistributionLawKind.LogK } law => -law.Charge / h,
                { Kind: DistributionLawKind.LogD } law => -(law.Ph + law.PhExtractant * e * (law.PercentVolume ? _percent : 1.0)) / h,
                _ => 0,
            };
        }
    }

    /// <summary>
    /// Steps in ln e below which the step is applied to D by its Taylor series instead of by one
    /// more round of exponentials (Halley's method converges cubically, so after such a step the
    /// error is usually of order its cube); the root is taken when the extractant balance then
    /// closes to 1e-14.
    /// </summary>
    private const double FinalStep = 1e-6;

    /// <summary>
    /// Free extractant of a stage: the root of g(u) = e + Σ ν_i·D_i(e)·x_i − E_total = 0 in u = ln e,
    /// e in (0, E_total], by Halley's method safeguarded by bisection (g rises with u), from the
    /// stage's last root. Leaves the ratios at the root in <see cref="_d"/>.
    /// </summary>
    private double FreeExtractant(int stage, ReadOnlySpan<double> x, double h)
    {
        double lo = Math.Log(_total) - 700, hi = Math.Log(_total);
        double u0 = double.IsNaN(_lastE[stage]) ? hi - 0.1 : Math.Log(_lastE[stage]);
        SetUpLaws(h, u0);
        double u = u0;
        bool atRoot = false;   // whether _d belongs to the u returned
        for (int it = 0; it < 200 && !atRoot; it++)
        {
            double e = Math.Exp(u);
            Distribution(u, u0);
            // g and its first two derivatives in u: t_i = ν·D_i·x_i, t_i' = a_i·t_i, t_i'' = (a_i² + κ_i·e)·t_i
            double bound = 0, slope = e, curve = e;
            for (int i = 0; i < _c; i++)
            {
                if (_consumes[i] == 0) continue;   // binds no extractant (H⁺, sulfate)
                double t = _consumes[i] * _d[i] * x[i], a = LogSlope(i, e);
                bound += t;
                slope += t * a;
                curve += t * (a * a + _curvature[i] * e);
            }
            double g = e + bound - _total;
            if (Math.Abs(g) <= 1e-15 * _total) { atRoot = true; break; }
            if (g > 0) hi = u; else lo = u;
            double denominator = 2 * slope * slope - g * curve;
            double next = slope > 0 && denominator > 0 ? u - 2 * g * slope / denominator
                : slope > 0 ? u - g / slope : 0.5 * (lo + hi);
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            double step = next - u;
            u = next;
            if (Math.Abs(step) < FinalStep)
            {
                // ln D moves by a·δ + κ·e·δ²/2 (a = d lnD/du, κ·e its derivative); the root is
                // taken when the balance then closes, otherwise the next round re-evaluates D at u
                double e1 = Math.Exp(u), bound1 = 0;
                for (int i = 0; i < _c; i++)
                {
                    double a = LogSlope(i, e) * step, c2 = _curvature[i] * e * step * step;
                    _d[i] *= 1 + a + 0.5 * (a * a + c2);
                    bound1 += _consumes[i] * _d[i] * x[i];
                }
                atRoot = Math.Abs(e1 + bound1 - _total) <= 1e-14 * _total;
            }
        }
        if (!atRoot) Distribution(u, u0);
        double result = Math.Exp(u);
        _lastE[stage] = result;
        return result;
    }

    public void Evaluate(int stage, ReadOnlySpan<double> x, Span<double> yStar, Span<double> jacobian)
    {
        int c = _c;
        double h = x[_h];
        double e = FreeExtractant(stage, x, h);
        double yH = 0;
        for (int i = 0; i < c; i++)
        {
            yStar[i] = _laws[i] is null ? 0 : _d[i] * x[i];
            if (_laws[i] is { } law) yH -= law.Charge * yStar[i];
        }
        yStar[_h] = yH;
        if (jacobian.IsEmpty) return;
        Derivatives(h, e);
        // implicit differentiation of the extractant balance: G·de = −Σ ν_k·D_k·dx_k − Σ ν_m·x_m·D_m·∂lnD_m/∂h·dh
        double g = 1, dh = 0;
        for (int m = 0; m < c; m++)
        {
            double t = _consumes[m] * x[m] * _d[m];
            g += t * _dlnDe[m];
            dh -= t * _dlnDh[m];
        }
        double deDh = dh / g;
        for (int k = 0; k < c; k++) _share[k] = _consumes[k] * _d[k] / g;
        // rows of the metals: ∂y_i/∂x_k = D_i·δ_ik − x_i·D_i·∂lnD_i/∂e·ν_k·D_k/G, and the H⁺ column;
        // the proton row y_H = −Σ z_i·y_i sums them
        var rowH = jacobian.Slice(_h * c, c);
        rowH.Clear();
        for (int i = 0; i < c; i++)
        {
            var row = jacobian.Slice(i * c, c);
            if (i == _h) continue;
            if (_laws[i] is null) { row.Clear(); continue; }
            double ya = x[i] * _d[i] * _dlnDe[i], z = _charges[i];
            for (int k = 0; k < c; k++) row[k] = -ya * _share[k];
            row[i] += _d[i];
            row[_h] = x[i] * _d[i] * (_dlnDh[i] + _dlnDe[i] * deDh);
            for (int k = 0; k < c; k++) rowH[k] -= z * row[k];
        }
    }

    public void AqueousContent(int stage, ReadOnlySpan<double> x, Span<double> content, Span<double> jacobian)
    {
        x.CopyTo(content);
        double h = x[_h], s = _so4 >= 0 ? x[_so4] : 0;
        double bisulfate = _so4 >= 0 ? s * h / (h + _ka) : 0;
        content[_h] = h + bisulfate - WaterProduct / h;
        if (jacobian.IsEmpty) return;
        int c = _c;
        jacobian[..(c * c)].Clear();
        for (int i = 0; i < c; i++) jacobian[i * c + i] = 1;
        jacobian[_h * c + _h] = 1 + WaterProduct / (h * h) + (_so4 >= 0 ? s * _ka / ((h + _ka) * (h + _ka)) : 0);
        if (_so4 >= 0) jacobian[_h * c + _so4] = h / (h + _ka);
    }

    public StageChemistry? Describe(int stage, ReadOnlySpan<double> x)
    {
        double h = x[_h];
        double e = FreeExtractant(stage, x, h);
        return new StageChemistry(-Math.Log10(h), e, (_total - e) / _total);
    }
}
