using SxCascade.Flowsheets;

namespace SxCascade.Equilibrium;

/// <summary>
/// MODEL.md §3.2: saturated organic with constant separation factors. In extraction and scrub
/// stages y*_i = L_j·β_i·x_i / Σ_k β_k·x_k; in the top scrub stage of an acid scrub
/// L_{n+m} = L − H_scrub/(3·O); strip stages use constant strip distribution ratios.
/// </summary>
internal sealed class SaturatedSeparationFactor : IStageEquilibrium
{
    private readonly double[] _beta;
    private readonly double[] _stripD;
    private readonly double[] _loading; // per stage; NaN for strip stages
    private readonly int _c;

    public SaturatedSeparationFactor(SeparationFactorChemistry chemistry, CascadeBinding binding)
    {
        _c = binding.Elements.Length;
        _beta = new double[_c];
        _stripD = new double[_c];
        for (int i = 0; i < _c; i++)
        {
            var e = binding.Elements[i];
            _beta[i] = chemistry.SeparationFactors.TryGetValue(e, out var b) ? b : throw new ArgumentException($"no separation factor for {e}");
            _stripD[i] = chemistry.StripDistributionRatios.TryGetValue(e, out var d) ? d : double.NaN;
        }
        _loading = chemistry.StageLoadings(binding.Layout);
    }

    /// <summary>L_{n+m} of an acid scrub (<see cref="SeparationFactorChemistry.TopScrubLoading"/>).</summary>
    public static double TopScrubLoading(double loading, double scrubAcid, double organicFlow, double efficiency = 1.0) =>
        SeparationFactorChemistry.TopScrubLoading(loading, scrubAcid, organicFlow, efficiency);

    public string Key => "separation-factor";

    /// <summary>β_i in solve order.</summary>
    internal ReadOnlySpan<double> SeparationFactors => _beta;

    /// <summary>Strip distribution ratios in solve order.</summary>
    internal ReadOnlySpan<double> StripRatios => _stripD;

    public bool IsLinear => false;

    public bool HasSpeciation => false;

    public void AqueousContent(int stage, ReadOnlySpan<double> x, Span<double> content, Span<double> jacobian) =>
        NoSpeciation.Copy(x, content, jacobian);

    public StageChemistry? Describe(int stage, ReadOnlySpan<double> x) => null;

    public double SaturatedLoading(int stage) => _loading[stage];

    public void Evaluate(int stage, ReadOnlySpan<double> x, Span<double> yStar, Span<double> jacobian)
    {
        int c = _c;
        double load = _loading[stage];
        if (double.IsNaN(load))
        {
            for (int i = 0; i < c; i++) yStar[i] = _stripD[i] * x[i];
            if (jacobian.IsEmpty) return;
            jacobian[..(c * c)].Clear();
            for (int i = 0; i < c; i++) jacobian[i * c + i] = _stripD[i];
            return;
        }
        double s = 0;
        for (int i = 0; i < c; i++) s += _beta[i] * x[i];
        double inv = 1.0 / s;
        for (int i = 0; i < c; i++) yStar[i] = load * _beta[i] * x[i] * inv;
        if (jacobian.IsEmpty) return;
        // ∂y*_i/∂x_k = L·β_i·δ_ik/S − y*_i·β_k/S
        for (int i = 0; i < c; i++)
        {
            var row = jacobian.Slice(i * c, c);
            double yi = yStar[i] * inv;
            for (int k = 0; k < c; k++) row[k] = -yi * _beta[k];
            row[i] += load * _beta[i] * inv;
        }
    }
}
