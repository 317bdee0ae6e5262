using SxCascade.Flowsheets;
using SxCascade.Solvers;
using static SxCascade.Core.Tests.Build;
#pragma warning disable CA1861

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
        Check(CascadeProblem.Create(cascade, chem, ["La", "Ce", "Pr"], 10, [0.3, 0.5, 0.2]));
    }

    public static TheoryData<double, Medium> MassActionCases => new()
    {
        { 1.0, Medium.Chloride }, { 0.75, Medium.Chloride }, { 1.0, Medium.Sulfate }, { 0.8, Medium.Sulfate },
    };

    [Theory, MemberData(nameof(MassActionCases))]
    public void Mass_action_jacobian_matches_finite_differences(double efficiency, Medium medium)
    {
        // log-k, log-d with every term (e in % v/v) and constant d, with speciation of the acidity
        var laws = new Dictionary<string, DistributionLaw>
        {
            ["Pr"] = new(DistributionLawKind.LogK, -1.3, 3, 0, 0, 0, 0, false, 3, 3),
            ["Nd"] = new(DistributionLawKind.LogD, 0, 0, -2.1, 1.6, 0.27, 0.15, true, 3, 3),
            ["Ca"] = new(DistributionLawKind.Constant, 0, 0, 0.07, 0, 0, 0, false, 2, 2),
        };
        var chem = new MassActionChemistry(medium, 1.99, new Extractant("D2EHPA", 0.5, 322.43, 975.8, 0.3, "NaOH"), laws);
        string[] elements = medium == Medium.Sulfate ? ["Pr", "Nd", "Ca", "H+", "SO4--"] : ["Pr", "Nd", "Ca", "H+"];
        double[] feed = medium == Medium.Sulfate ? [0.02, 0.06, 0.01, 0.05, 0.3] : [0.02, 0.06, 0.01, 0.05];
        var cascade = new CascadeDefinition("c", "feed", null, 3, new ScrubDefinition(2, 3, 0.5), new StripDefinition(2, 4, 3), new OrganicDefinition(5), efficiency);
        Check(CascadeProblem.Create(cascade, chem, elements, 10, feed));
    }

    private static void Check(CascadeProblem p)
    {
        var eq = new StageEquations(p);
        var rnd = new Random(7);
        var z = new double[eq.Size];
        for (int t = 0; t < z.Length; t++) z[t] = 0.01 + 0.2 * rnd.NextDouble();
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
