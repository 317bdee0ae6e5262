using SxCascade.Flowsheets;
using SxCascade.Solvers;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>The analytic stage Jacobian against central finite differences of the residual.</summary>
public class JacobianTests
{
    public static TheoryData<double, bool, bool> Cases => new()
    {
        { 1.0, true, false }, { 0.7, true, false }, { 1.0, false, true }, { 0.8, false, true }, { 1.0, false, false },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Analytic_jacobian_matches_finite_differences(double efficiency, bool recycle, bool reflux)
    {
        var chem = new SeparationFactorChemistry(null, Map(("La", 1.0), ("Ce", 3.0), ("Pr", 4.8)), 0.18, Map(("La", 0.01), ("Ce", 0.02), ("Pr", 0.03)));
        var scrub = reflux ? new ScrubDefinition(3, 0, 0, 0.4) : new ScrubDefinition(3, 5, 1.0);
        var organic = recycle ? new OrganicDefinition(40) : new OrganicDefinition(40, Map(("La", 0.001), ("Ce", 0.002), ("Pr", 0.001)));
        var cascade = new CascadeDefinition("c", "feed", 3, 4, scrub, new StripDefinition(2, 6, 4), organic, efficiency);
        var p = CascadeProblem.Create(cascade, chem, ["La", "Ce", "Pr"], 10, [0.3, 0.5, 0.2]);
        var eq = new StageEquations(p);
        var rnd = new Random(7);
        var z = new double[eq.Size];
        for (int t = 0; t < z.Length; t++) z[t] = 0.05 + rnd.NextDouble();
        int n = p.Stages, b = eq.BlockSize;
        var sys = new BlockTridiagonal(n, b);
        var r = new double[eq.Size];
        eq.Assemble(z, sys, r, 0);
        var rp = new double[eq.Size];
        var rm = new double[eq.Size];
        for (int col = 0; col < z.Length; col++)
        {
            double h = 1e-6 * z[col], saved = z[col];
            z[col] = saved + h; eq.Residual(z, rp);
            z[col] = saved - h; eq.Residual(z, rm);
            z[col] = saved;
            int cs = col / b, cc = col % b;
            for (int row = 0; row < z.Length; row++)
            {
                double fd = (rp[row] - rm[row]) / (2 * h);
                int rs = row / b, rc = row % b;
                double analytic = cs == rs ? sys.Diagonal[(rs * b + rc) * b + cc]
                    : cs == rs - 1 ? sys.Lower[(rs * b + rc) * b + cc]
                    : cs == rs + 1 ? sys.Upper[(rs * b + rc) * b + cc]
                    : rs == 0 && cs == n - 1 && sys.HasCorner ? sys.Corner[rc * b + cc]
                    : 0;
                Assert.True(Math.Abs(fd - analytic) <= 1e-6 * (1 + Math.Abs(analytic)), $"row {row} col {col}: fd {fd} analytic {analytic}");
            }
        }
    }
}
