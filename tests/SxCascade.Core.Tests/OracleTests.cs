using SxCascade.Flowsheets;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>MODEL.md §7: closed forms the engine must reproduce to ≤ 1e-10 relative, by both solvers.</summary>
public class OracleTests
{
    public static TheoryData<SolverMethod> Methods => new() { SolverMethod.Newton, SolverMethod.Substitution };

    private static double RaffinateFraction(Flowsheet fs, string element = "Nd")
    {
        var r = Solve(fs);
        int i = r.IndexOf(element);
        return r.Streams.Single(s => s.Name.EndsWith(".raffinate", StringComparison.Ordinal)).Recovery[i];
    }

    private static Flowsheet Kremser(double d, int stages, SolverMethod method, double organic = 10, Dictionary<string, double>? preload = null) =>
        Single(ConstantD(("Nd", d)), Feed(10, ("Nd", 0.1)),
            new CascadeDefinition("main", "feed", null, stages, null, null, new OrganicDefinition(organic, preload)), method, 1e-13);

    [Theory, MemberData(nameof(Methods))]
    public void Kremser_E2_N5_leaves_one_sixty_third(SolverMethod method)
    {
        // E = D·O/A = 2·10/10 = 2; φ = (E−1)/(E^6−1) = 1/63
        Assert.True(Rel(RaffinateFraction(Kremser(2.0, 5, method)), 1.0 / 63) <= 1e-10);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Kremser_E_ten_thirds_N6(SolverMethod method)
    {
        // E = 10/3: φ = (7/3)/((10/3)^7 − 1) = 5.104e-4 (MODEL.md §7)
        double e = 10.0 / 3, expected = (e - 1) / (Math.Pow(e, 7) - 1);
        Assert.Equal(5.104e-4, expected, 7);
        Assert.True(Rel(RaffinateFraction(Kremser(e, 6, method)), expected) <= 1e-10);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Kremser_E1_gives_one_over_N_plus_one(SolverMethod method)
    {
        // E = 1: φ = 1/(N+1) = 1/8
        Assert.True(Rel(RaffinateFraction(Kremser(1.0, 7, method)), 1.0 / 8) <= 1e-10);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Kremser_with_preloaded_solvent(SolverMethod method)
    {
        // (x_F − y_in/D)/(x_R − y_in/D) = (E^(N+1) − 1)/(E − 1); D = 1.5, O = 20, A = 10 → E = 3, N = 4
        double d = 1.5, yIn = 0.01, xF = 0.1, e = 3;
        var r = Solve(Kremser(d, 4, method, organic: 20, preload: Map(("Nd", yIn))));
        double xR = r.Stream("main.raffinate")!.Concentrations[0];
        double expected = (Math.Pow(e, 5) - 1) / (e - 1);
        Assert.True(Rel((xF - yIn / d) / (xR - yIn / d), expected) <= 1e-10);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Fractional_extraction_phi_is_15_over_77(SolverMethod method)
    {
        // E = D·O/A = 4·10/20 = 2 in extraction (feed 10 + scrub 10 L/h), E' = 0.5·10/10 = 0.5 in scrub;
        // U = Σ_{j=0..3} 2^j = 15, V = Σ_{j=1..5} 2^j = 62, Φ = 15/77
        var fs = Single(ConstantD(Map(("Nd", 4.0)), scrub: Map(("Nd", 0.5))), Feed(10, ("Nd", 0.2)),
            new CascadeDefinition("main", "feed", null, 5, new ScrubDefinition(3, 10, 0), null, new OrganicDefinition(10)), method, 1e-13);
        Assert.True(Rel(RaffinateFraction(fs), 15.0 / 77) <= 1e-10);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Cross_current_by_linked_single_stage_cascades(SolverMethod method)
    {
        // n cascades of one stage each, fresh organic to each, the raffinate of one feeding the next:
        // fraction extracted 1 − (r·D + 1)^(−n) with r = O/A = 0.5, D = 3, n = 4
        const int n = 4;
        double d = 3, ratio = 0.5;
        var cascades = Enumerable.Range(1, n).Select(k => new CascadeDefinition($"c{k}", k == 1 ? "feed" : $"c{k - 1}.raffinate", null, 1, null, null,
            new OrganicDefinition(ratio * 10))).ToArray();
        var fs = new Flowsheet("cross", null, ConstantD(("Nd", d)), [Feed(10, ("Nd", 0.1))], cascades, [], new SolverOptions(1e-13, null, method));
        var r = Solve(fs);
        double extracted = 1 - r.Stream($"c{n}.raffinate")!.Recovery[0];
        Assert.True(Rel(extracted, 1 - Math.Pow(ratio * d + 1, -n)) <= 1e-10);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Zero_distribution_ratio_transfers_nothing(SolverMethod method)
    {
        var r = Solve(Kremser(0.0, 6, method));
        Assert.Equal(1.0, r.Stream("main.raffinate")!.Recovery[0], 15);
        Assert.Equal(0.0, r.Stream("main.loaded-organic")!.Concentrations[0]);
    }

    [Theory, MemberData(nameof(Methods))]
    public void Equal_separation_factors_give_no_separation(SolverMethod method)
    {
        // β all equal: every product has the feed's composition
        var chem = new SeparationFactorChemistry(null, Map(("La", 2.0), ("Ce", 2.0), ("Pr", 2.0)), 0.2, Map(("La", 0.05), ("Ce", 0.05), ("Pr", 0.05)));
        var fs = Single(chem, Feed(10, ("La", 0.3), ("Ce", 0.5), ("Pr", 0.2)),
            new CascadeDefinition("c", "feed", null, 8, new ScrubDefinition(6, 5, 1.0), new StripDefinition(3, 4, 4.0), new OrganicDefinition(40)), method, 1e-12);
        var r = Solve(fs);
        foreach (var name in new[] { "c.raffinate", "c.strip-liquor" })
        {
            var s = r.Stream(name)!;
            Assert.Equal(0.3, s.Purity[r.IndexOf("La")], 9);
            Assert.Equal(0.5, s.Purity[r.IndexOf("Ce")], 9);
            Assert.Equal(0.2, s.Purity[r.IndexOf("Pr")], 9);
        }
    }

    [Fact]
    public void Adding_a_stage_never_lowers_either_purity()
    {
        // binary feed, fixed flows: raffinate (Pr) purity rises with extraction stages, strip liquor (Nd) purity with scrub stages
        double last = 0;
        for (int n = 4; n <= 30; n += 2)
        {
            var r = Solve(PrNd(extraction: n));
            double p = r.Stream("PrNd.raffinate")!.Purity[r.IndexOf("Pr")];
            Assert.True(p >= last - 1e-12, $"n = {n}: {p} < {last}");
            last = p;
        }
        last = 0;
        for (int m = 4; m <= 40; m += 4)
        {
            var r = Solve(PrNd(scrub: m));
            double p = r.Stream("PrNd.strip-liquor")!.Purity[r.IndexOf("Nd")];
            Assert.True(p >= last - 1e-12, $"m = {m}: {p} < {last}");
            last = p;
        }
    }
}
