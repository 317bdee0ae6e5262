using SxCascade.Flowsheets;

namespace SxCascade.Equilibrium;

/// <summary>MODEL.md §3.1: y*_i = D_i(section)·x_i. Linear; reproduces Kremser exactly.</summary>
internal sealed class ConstantDistribution : IStageEquilibrium
{
    private readonly double[] _d; // N × C

    public ConstantDistribution(ConstantDChemistry chemistry, CascadeBinding binding)
    {
        int n = binding.Sections.Length, c = binding.Elements.Length;
        _d = new double[n * c];
        for (int j = 0; j < n; j++)
            for (int i = 0; i < c; i++)
                _d[j * c + i] = chemistry.RatioFor(binding.Elements[i], binding.Sections[j])
                    ?? throw new ArgumentException($"no distribution ratio for {binding.Elements[i]}");
        C = c;
    }

    private int C { get; }

    public string Key => "constant-d";

    public bool IsLinear => true;

    public bool HasSpeciation => false;

    public void AqueousContent(int stage, ReadOnlySpan<double> x, Span<double> content, Span<double> jacobian) =>
        NoSpeciation.Copy(x, content, jacobian);

    public StageChemistry? Describe(int stage, ReadOnlySpan<double> x) => null;

    public double SaturatedLoading(int stage) => double.NaN;

    public void Evaluate(int stage, ReadOnlySpan<double> x, Span<double> yStar, Span<double> jacobian)
    {
        var d = _d.AsSpan(stage * C, C);
        for (int i = 0; i < C; i++) yStar[i] = d[i] * x[i];
        if (jacobian.IsEmpty) return;
        jacobian[..(C * C)].Clear();
        for (int i = 0; i < C; i++) jacobian[i * C + i] = d[i];
    }
}
