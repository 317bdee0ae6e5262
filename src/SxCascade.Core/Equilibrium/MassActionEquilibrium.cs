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
    }

    public string Key => "mass-action";

    public bool IsLinear => false;

    public bool HasSpeciation => true;

    public double SaturatedLoading(int stage) => double.NaN;

    /// <summary>
    /// D of every metal at free [H⁺] h and free extractant e, with ∂lnD/∂e and ∂lnD/∂h. Each law is
    /// one exponential of its logarithm (ln h and ln e taken once), not a product of powers: this
    /// runs in every inner iteration of every stage.
    /// </summary>
    private void Distribution(double h, double e)
    {
        double lnH = Math.Log(h), lnE = Math.Log(e);
        double ph = -lnH / Ln10;
        for (int i = 0; i < _c; i++)
        {
            var law = _laws[i];
            if (law is null) { _d[i] = 0; _dlnDe[i] = 0; _dlnDh[i] = 0; continue; }
            switch (law.Kind)
            {
                case DistributionLawKind.LogK:
                    // K·e^n·h^(−z)
                    _d[i] = Math.Exp(Ln10 * law.LogK + law.ExtractantOrder * lnE - law.Charge * lnH);
                    _dlnDe[i] = law.ExtractantOrder / e;
                    _dlnDh[i] = -law.Charge / h;
                    break;
                case DistributionLawKind.LogD:
                    double f = law.PercentVolume ? _percent : 1.0, eu = e * f;
                    // 10^(a + b·pH + c·log10 e_u + d·pH·e_u), e_u = f·e
                    _d[i] = Math.Exp(Ln10 * (law.Constant + law.Ph * ph + law.PhExtractant * ph * eu) + law.LogExtractant * (lnE + Math.Log(f)));
                    _dlnDe[i] = law.LogExtractant / e + Ln10 * law.PhExtractant * ph * f;
                    _dlnDh[i] = -(law.Ph + law.PhExtractant * eu) / h;
                    break;
                default:
                    _d[i] = law.Constant;
                    _dlnDe[i] = 0;
                    _dlnDh[i] = 0;
                    break;
            }
        }
    }

    /// <summary>
    /// Free extractant of a stage: the root of e + Σ ν_i·D_i(e)·x_i = E_total in (0, E_total],
    /// by Newton in ln e safeguarded by bisection (the left side rises with e).
    /// </summary>
    private double FreeExtractant(int stage, ReadOnlySpan<double> x, double h)
    {
        double lo = Math.Log(_total) - 700, hi = Math.Log(_total);
        double u = double.IsNaN(_lastE[stage]) ? hi - 0.1 : Math.Log(_lastE[stage]);
        double evaluatedAt = double.NaN;   // the ln e the distribution ratios in _d belong to
        for (int it = 0; it < 200; it++)
        {
            double e = Math.Exp(u);
            Distribution(h, e);
            evaluatedAt = u;
            double bound = 0, slope = e;
            for (int i = 0; i < _c; i++)
            {
                if (_laws[i] is not { } law) continue;
                double t = law.Consumes * _d[i] * x[i];
                bound += t;
                slope += t * _dlnDe[i] * e;
            }
            double g = e + bound - _total;
            if (Math.Abs(g) <= 1e-15 * _total) break;
            if (g > 0) hi = u; else lo = u;
            double next = slope > 0 ? u - g / slope : 0.5 * (lo + hi);
            if (!(next > lo && next < hi)) next = 0.5 * (lo + hi);
            if (Math.Abs(next - u) < 1e-15) { u = next; break; }
            u = next;
        }
        double result = Math.Exp(u);
        _lastE[stage] = result;
        // the ratios must be those at the root returned; they usually are already (a converged last iteration)
        if (u != evaluatedAt) Distribution(h, result);
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
        jacobian[..(c * c)].Clear();
        // implicit differentiation of the extractant balance: G·de = −Σ ν_k·D_k·dx_k − Σ ν_m·x_m·D_m·∂lnD_m/∂h·dh
        double g = 1, dh = 0;
        for (int m = 0; m < c; m++)
        {
            if (_laws[m] is not { } law) continue;
            double t = law.Consumes * x[m] * _d[m];
            g += t * _dlnDe[m];
            dh -= t * _dlnDh[m];
        }
        double deDh = dh / g;
        for (int i = 0; i < c; i++)
        {
            if (_laws[i] is null) continue;
            var row = jacobian.Slice(i * c, c);
            double ya = x[i] * _d[i] * _dlnDe[i];
            for (int k = 0; k < c; k++)
                if (_laws[k] is { } lawK) row[k] = -ya * lawK.Consumes * _d[k] / g;
            row[i] += _d[i];
            row[_h] = x[i] * _d[i] * (_dlnDh[i] + _dlnDe[i] * deDh);
        }
        // y_H = −Σ z_i·y_i
        var rowH = jacobian.Slice(_h * c, c);
        for (int i = 0; i < c; i++)
        {
            if (_laws[i] is not { } law) continue;
            var row = jacobian.Slice(i * c, c);
            for (int k = 0; k < c; k++) rowH[k] -= law.Charge * row[k];
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
