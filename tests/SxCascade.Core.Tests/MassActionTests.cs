using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>Mass-action chemistry (MODEL.md §3.3): limits, hand calculations, balances.</summary>
public class MassActionTests
{
    private static DistributionLaw LogK(double logK, double order = 3, int charge = 3) =>
        new(DistributionLawKind.LogK, logK, order, 0, 0, 0, 0, false, charge, charge);

    private static MassActionChemistry Chemistry(double extractant, double saponification, Medium medium = Medium.Chloride, params (string, DistributionLaw)[] laws) =>
        new(medium, 1.99, new Extractant("D2EHPA", extractant, 322.43, 975.8, saponification, saponification > 0 ? "NaOH" : null),
            laws.ToDictionary(l => l.Item1, l => l.Item2));

    private static Flowsheet Cascade(MassActionChemistry chem, FeedStream feed, CascadeDefinition cascade, SolverMethod method = SolverMethod.Newton) =>
        new("ma", null, chem, [feed], [cascade], [], new SolverOptions(1e-12, null, method));

    private static FlowsheetResult SolveChecked(Flowsheet fs)
    {
        var r = Solve(fs);
        Assert.NotNull(r.ExtractantBalanceError);
        Assert.True(r.ExtractantBalanceError <= 1e-9, $"extractant balance {r.ExtractantBalanceError}");
        Assert.True(Math.Abs(r.BalanceErrors[r.IndexOf("H+")]) <= 1e-9, $"proton balance {r.BalanceErrors[r.IndexOf("H+")]}");
        return r;
    }

    [Fact]
    public void Dilute_limit_approaches_constant_d_in_proportion_to_the_dilution()
    {
        // D = K·e³/[H⁺]³ with e → E and [H⁺] → feed acid as the metal is diluted: the cascade
        // approaches constant D0 = K·E³/h³ = 10^-0.5·0.5³/0.1³ = 39.53, and the gap shrinks ∝ dilution
        double logK = -0.5, e = 0.5, acid = 0.1, d0 = Math.Pow(10, logK) * Math.Pow(e / acid, 3);
        var cascade = new CascadeDefinition("c", "feed", null, 3, null, null, new OrganicDefinition(0.25));
        double reference = Solve(Single(ConstantD(("Nd", d0)), new FeedStream("feed", 10, Map(("Nd", 1.0)), 0), cascade, tolerance: 1e-13))
            .Stream("c.raffinate")!.Recovery[0];
        var gaps = new List<double>();
        foreach (double nd in new[] { 1e-3, 1e-4, 1e-5, 1e-6 })
        {
            var r = SolveChecked(Cascade(Chemistry(e, 0, Medium.Chloride, ("Nd", LogK(logK))), new FeedStream("feed", 10, Map(("Nd", nd)), acid), cascade));
            gaps.Add(Math.Abs(r.Stream("c.raffinate")!.Recovery[0] - reference));
        }
        for (int k = 1; k < gaps.Count; k++)
        {
            double ratio = gaps[k - 1] / gaps[k];
            Assert.True(ratio is > 7 and < 13, $"dilution ×10 shrank the gap by {ratio} (gaps {string.Join(", ", gaps)}, reference {reference})");
        }
        Assert.True(gaps[^1] < 1e-3 * reference, $"gaps {string.Join(", ", gaps)}, reference {reference}");
    }

    [Theory]
    [InlineData(SolverMethod.Newton)]
    [InlineData(SolverMethod.Substitution)]
    public void Saponified_organic_on_a_dilute_feed_sets_the_raffinate_pH(SolverMethod method)
    {
        // fully saponified 0.01 mol/L extractant, O = 10 L/h: base 1.0·0.01·10 = 0.1 mol/h;
        // feed 10 L/h with 0.05 mol/L HCl (0.5 mol/h) and 1e-4 mol/L Nd (1e-3 mol/h), all of it extracted
        // (D ≈ 10^6·0.01³/0.04³ ≈ 1.6e4): 3 H⁺ per Nd³⁺ → acidity out = (0.5 + 0.003 − 0.1)/10 = 0.0403 mol/L
        var chem = Chemistry(0.01, 1.0, Medium.Chloride, ("Nd", LogK(6)));
        var r = SolveChecked(Cascade(chem, new FeedStream("feed", 10, Map(("Nd", 1e-4)), 0.05),
            new CascadeDefinition("c", "feed", null, 4, null, null, new OrganicDefinition(10)), method));
        Assert.True(r.Stream("c.raffinate")!.Recovery[0] < 1e-12);
        var stage1 = r.Stages.First(s => s.Stage == 1);
        Assert.Equal(-Math.Log10(0.0403), stage1.Ph!.Value, 9);
        Assert.Equal(0.0403, r.Stream("c.raffinate")!.Concentrations[r.IndexOf("H+")], 12);
    }

    [Fact]
    public void Base_in_excess_of_the_acid_makes_the_raffinate_alkaline()
    {
        // as above with 0.005 mol/L acid: acidity out = (0.05 + 0.003 − 0.1)/10 = −0.0047 mol/L, i.e. OH⁻ in excess;
        // [H⁺] − Kw/[H⁺] = −0.0047 → [H⁺] = (−0.0047 + √(0.0047² + 4e-14))/2 = 2.1277e-12, pH 11.672
        var chem = Chemistry(0.01, 1.0, Medium.Chloride, ("Nd", LogK(6)));
        var r = SolveChecked(Cascade(chem, new FeedStream("feed", 10, Map(("Nd", 1e-4)), 0.005),
            new CascadeDefinition("c", "feed", null, 4, null, null, new OrganicDefinition(10))));
        double h = (-0.0047 + Math.Sqrt(0.0047 * 0.0047 + 4e-14)) / 2;
        Assert.Equal(-Math.Log10(h), r.Stages.First(s => s.Stage == 1).Ph!.Value, 6);
    }

    [Fact]
    public void Bisulfate_holds_part_of_the_acidity_in_sulfate_media()
    {
        // one stage, nothing extracted (K tiny): feed 0.05 mol/L H+ as H2SO4-free acid plus 0.5 mol/L SO4--.
        // Total acidity 0.05 = h + 0.5·h/(h + Ka) − Kw/h with Ka = 10^-1.99 → solve by hand (bisection below)
        var chem = Chemistry(0.5, 0, Medium.Sulfate, ("Nd", LogK(-30)));
        var r = SolveChecked(Cascade(chem, new FeedStream("feed", 10, Map(("Nd", 0.01), ("H+", 0.05), ("SO4--", 0.5)), 0),
            new CascadeDefinition("c", "feed", null, 1, null, null, new OrganicDefinition(10))));
        double ka = Math.Pow(10, -1.99), lo = 1e-12, hi = 0.05;
        for (int i = 0; i < 200; i++)
        {
            double mid = 0.5 * (lo + hi);
            if (mid + 0.5 * mid / (mid + ka) - 1e-14 / mid > 0.05) hi = mid; else lo = mid;
        }
        Assert.Equal(-Math.Log10(lo), r.Stages[0].Ph!.Value, 9);
        Assert.Equal(0.5, r.Stream("c.raffinate")!.Concentrations[r.IndexOf("SO4--")], 12);
    }

    public static TheoryData<double, double, bool, Medium> BalanceCases => new()
    {
        { 0.0, 1.0, false, Medium.Chloride }, { 0.3, 1.0, true, Medium.Chloride }, { 0.2, 0.8, true, Medium.Sulfate }, { 0.5, 1.0, true, Medium.Sulfate },
    };

    [Theory, MemberData(nameof(BalanceCases))]
    public void Proton_and_extractant_balances_close_with_scrub_strip_and_recycle(double saponification, double efficiency, bool strip, Medium medium)
    {
        var chem = Chemistry(0.5, saponification, medium, ("Pr", LogK(-1.3)), ("Nd", LogK(-1.15)),
            ("Ca", new DistributionLaw(DistributionLawKind.Constant, 0, 0, 0.066, 0, 0, 0, false, 2, 2)));
        var feed = new FeedStream("feed", 10, Map(("Pr", 0.02), ("Nd", 0.06), ("Ca", 0.01), ("SO4--", medium == Medium.Sulfate ? 0.2 : 0)), 0.01);
        var cascade = new CascadeDefinition("c", "feed", null, 5, new ScrubDefinition(3, 2, 0.2), strip ? new StripDefinition(3, 4, 3.0) : null,
            new OrganicDefinition(5), efficiency);
        var newton = SolveChecked(Cascade(chem, feed, cascade));
        var substitution = SolveChecked(Cascade(chem, feed, cascade, SolverMethod.Substitution));
        foreach (var s in newton.Streams)
        {
            var other = substitution.Stream(s.Name)!;
            for (int e = 0; e < s.Concentrations.Count; e++)
                if (double.IsFinite(s.Concentrations[e]))
                    Assert.True(Math.Abs(s.Concentrations[e] - other.Concentrations[e]) <= 1e-8 * Math.Max(Math.Abs(s.Concentrations[e]), 1e-6),
                        $"{s.Name} {newton.Elements[e]}: {s.Concentrations[e]} vs {other.Concentrations[e]}");
        }
    }
}

public class MassActionWarningTests
{
    [Fact]
    public void A_law_giving_D_beyond_1e12_is_named_in_a_warning()
    {
        // the alkaline raffinate of the saponification test: pH ≈ 11.7 makes D = 10^6·e³·[H⁺]^-3 astronomically large
        var chem = new MassActionChemistry(Medium.Chloride, 1.99, new Extractant("D2EHPA", 0.01, null, null, 1.0, "NaOH"),
            new Dictionary<string, DistributionLaw> { ["Nd"] = new(DistributionLawKind.LogK, 6, 3, 0, 0, 0, 0, false, 3, 3) });
        var fs = new Flowsheet("ma", null, chem, [new FeedStream("feed", 10, new Dictionary<string, double> { ["Nd"] = 1e-4 }, 0.005)],
            [new CascadeDefinition("c", "feed", null, 4, null, null, new OrganicDefinition(10))], [], new SolverOptions(1e-12));
        var r = FlowsheetSolver.Solve(fs);
        var warning = Assert.Single(r.Warnings);
        Assert.Contains("Nd in cascade c", warning);
        Assert.Contains("outside 1e-12…1e12", warning);
        // the acid case stays inside the range: no warning
        var acid = fs with { Feeds = [new FeedStream("feed", 10, new Dictionary<string, double> { ["Nd"] = 1e-4 }, 0.05)] };
        Assert.Empty(FlowsheetSolver.Solve(acid).Warnings);
    }
}

public class MassActionReagentTests
{
    [Fact]
    public void Base_is_the_saponification_and_sulfate_acid_is_sulfuric()
    {
        // s·E·O = 0.2 × 0.5 mol/L × 5 L/h = 0.5 mol/h NaOH (19.9985 g/h); strip 4 L/h × 3.0 mol/L H⁺ = 12 mol/h H⁺
        // = 6 mol/h H2SO4 (0.588474 kg/h); effluent Na2SO4: 0.5 mol NaOH → 0.25 mol × 142.04 g = 35.51 g/h
        var chem = new MassActionChemistry(Medium.Sulfate, 1.99, new Extractant("D2EHPA", 0.5, null, null, 0.2, "NaOH"),
            new Dictionary<string, DistributionLaw> { ["Nd"] = new(DistributionLawKind.LogK, -1.15, 3, 0, 0, 0, 0, false, 3, 3) });
        var fs = new Flowsheet("ma", null, chem,
            [new FeedStream("feed", 10, new Dictionary<string, double> { ["Nd"] = 0.06, ["SO4--"] = 0.3 }, 0.01)],
            [new CascadeDefinition("c", "feed", null, 4, null, new StripDefinition(2, 4, 3.0), new OrganicDefinition(5))], [], new SolverOptions(1e-12));
        var r = FlowsheetSolver.Solve(fs);
        Assert.True(r.Converged);
        Assert.Equal("H2SO4", r.Reagents.AcidName);
        Assert.Equal(6.0, r.Reagents.AcidMolPerH, 12);
        Assert.Equal(6.0 * 98.079 / 1000, r.Reagents.AcidKgPerH, 12);
        Assert.Equal(0.5, r.Reagents.BaseMolPerH, 12);
        Assert.Equal(0.5 * 39.997 / 1000, r.Reagents.BaseKgPerH, 12);
        Assert.Equal("Na2SO4", r.Reagents.SaltName);
        Assert.Equal(0.25 * 142.04 / 1000, r.Reagents.SaltKgPerH, 12);
    }
}
