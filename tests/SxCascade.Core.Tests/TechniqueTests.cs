using SxCascade.Comparison;
using SxCascade.Flowsheets;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>
/// Issue 4 techniques: the saponification agent's reagent mass and effluent salt per unit of
/// extraction S (MODEL.md §4, hand arithmetic), contactor presets (efficiency, hold-up, inventory)
/// and the comparison of techniques.
/// </summary>
public class TechniqueTests
{
    // A Nd-only feed into a fresh saturated organic, extraction section only: the organic leaves
    // loaded at L, so it took up S·F = L·O mol/h of Nd³⁺ and the agent neutralised 3·S·F mol/h of acid
    // (Xu: 3 base per RE³⁺). Both products together carry all the Nd fed, so the product oxide is
    // F·168.24 g/h (Nd₂O₃ per Nd atom). Base per kg of product oxide = 3·S·M_agent/(ν·168.24), ν = OH⁻ per agent.
    private static Flowsheet NdOnly(string agent, double s)
    {
        const double feedFlow = 10, nd = 0.5, loading = 0.18;
        double organic = s * feedFlow * nd / loading;          // S = L·O/F
        return new Flowsheet("Nd", null,
            new SeparationFactorChemistry("P507", Map(("Nd", 1.0)), loading, Map(), agent),
            [new FeedStream("feed", feedFlow, Map(("Nd", nd)), 0)],
            [new CascadeDefinition("X", "feed", null, 4, null, null, new OrganicDefinition(organic, Map(("Nd", 0.0))))],
            [], new SolverOptions());
    }

    [Theory]
    // agent, S, hand value per unit S: NaOH 3·39.997/168.24 = 0.71322 (the "0.713 t per unit S per t REO"),
    // NH3 3·17.031/168.24 = 0.30369 ("0.304 t"), Mg(OH)2 1.5·58.319/168.24 = 0.51996, Ca(OH)2 1.5·74.093/168.24 = 0.66060
    [InlineData("NaOH", 0.5, 0.713, 0.71322)]
    [InlineData("NaOH", 0.8, 0.713, 0.71322)]
    [InlineData("NH3", 0.5, 0.304, 0.30369)]
    [InlineData("Mg(OH)2", 0.5, 0.520, 0.51996)]
    [InlineData("Ca(OH)2", 0.5, 0.661, 0.66060)]
    public void Base_per_unit_extraction_follows_the_stoichiometry(string agent, double s, double rounded, double hand)
    {
        var r = Solve(NdOnly(agent, s));
        double perUnitS = r.Reagents.BaseKgPerKgOxide / s;
        Assert.Equal(rounded, perUnitS, 3);
        Assert.True(Rel(perUnitS, hand) < 2e-5, $"{agent}: {perUnitS} per unit S, hand {hand}");
        Assert.Equal(agent, r.Reagents.BaseName);
    }

    [Theory]
    // salt per unit S: NaCl 3·58.44/168.24 = 1.04208, NH4Cl 3·53.49/168.24 = 0.95381,
    // MgCl2 1.5·95.21/168.24 = 0.84887, CaCl2 1.5·110.98/168.24 = 0.98948
    [InlineData("NaOH", "NaCl", 1.04208)]
    [InlineData("NH3", "NH4Cl", 0.95381)]
    [InlineData("Mg(OH)2", "MgCl2", 0.84887)]
    [InlineData("Ca(OH)2", "CaCl2", 0.98948)]
    public void Effluent_salt_per_unit_extraction_follows_the_agent(string agent, string salt, double hand)
    {
        var r = Solve(NdOnly(agent, 0.5));
        Assert.Equal(salt, r.Reagents.SaltName);
        Assert.True(Rel(r.Reagents.SaltKgPerKgOxide / 0.5, hand) < 2e-5, $"{salt}: {r.Reagents.SaltKgPerKgOxide / 0.5}");
    }

    [Fact]
    public void No_agent_means_no_base_and_no_salt()
    {
        var r = Solve(NdOnly("none", 0.5));
        Assert.Null(r.Reagents.BaseName);
        Assert.Equal(0, r.Reagents.BaseKgPerH);
        Assert.Equal(0, r.Reagents.SaltKgPerH);
    }

    [Fact]
    public void Cascades_with_different_agents_are_accounted_each_with_its_own()
    {
        // Two Nd-only cascades like NdOnly, one saponified with NaOH (S = 0.5), one with NH3 (S = 0.8),
        // each fed 10 L/h of 0.5 mol/L Nd into a fresh organic it leaves loaded at 0.18 mol/L:
        //   NaOH: 3·S·F·x = 3·0.5·10·0.5 = 7.5 mol/h → 7.5·39.997 = 299.9775 g/h, NaCl 7.5·58.44 = 438.3 g/h
        //   NH3:  3·0.8·10·0.5 = 12 mol/h → 12·17.031 = 204.372 g/h, NH4Cl 12·53.49 = 641.88 g/h
        // (before, both were charged at the first cascade's agent: 19.5 mol NaOH = 779.94 g/h).
        // Product oxide: all 10 mol/h of Nd fed, 10·168.24 = 1 682.4 g/h.
        var a = NdOnly("NaOH", 0.5);
        var b = NdOnly("NH3", 0.8);
        var x = a.Cascades[0] with { Chemistry = a.Chemistry };
        var y = b.Cascades[0] with { Name = "Y", FeedFrom = "feed2", Chemistry = b.Chemistry };
        var fs = a with { Chemistry = null, Feeds = [a.Feeds[0], a.Feeds[0] with { Name = "feed2" }], Cascades = [x, y] };
        var g = Solve(fs).Reagents;
        Assert.Equal("NaOH + NH3", g.BaseName);
        Assert.Equal("NaCl + NH4Cl", g.SaltName);
        var naoh = Assert.Single(g.Uses, u => u.Chemical == "NaOH");
        var nh3 = Assert.Single(g.Uses, u => u.Chemical == "NH3");
        Assert.True(Rel(naoh.MolPerH, 7.5) < 1e-9, $"NaOH {naoh.MolPerH} mol/h");
        Assert.True(Rel(nh3.MolPerH, 12) < 1e-9, $"NH3 {nh3.MolPerH} mol/h");
        Assert.True(Rel(naoh.KgPerH, 0.2999775) < 1e-9);
        Assert.True(Rel(nh3.KgPerH, 0.204372) < 1e-9);
        Assert.True(Rel(g.BaseKgPerH, 0.2999775 + 0.204372) < 1e-9, $"base total {g.BaseKgPerH} kg/h");
        Assert.True(Rel(g.SaltKgPerH, 0.4383 + 0.64188) < 1e-9, $"salt total {g.SaltKgPerH} kg/h");
        Assert.True(Rel(g.ProductOxideKgPerH, 1.6824) < 1e-9);
        Assert.True(Rel(g.PerKgOxide(nh3), 0.204372 / 1.6824) < 1e-9);
    }

    [Theory]
    // τ per stage (min) and efficiency of the presets: mixer-settler 15 min, 0.95; centrifugal 0.5 min, 0.95;
    // pulsed column HETS/throughput = 1 m / 20 m/h = 0.05 h = 3 min, 1.0
    [InlineData("mixer-settler", 15.0, 0.95)]
    [InlineData("centrifugal-contactor", 0.5, 0.95)]
    [InlineData("pulsed-column", 3.0, 1.0)]
    public void Contactor_presets_set_hold_up_and_efficiency(string name, double minutes, double efficiency)
    {
        var preset = ContactorPreset.Find(name)!;
        Assert.Equal(minutes, new Contactor(preset).ResidenceMinutes, 12);
        Assert.Equal(efficiency, preset.Efficiency);
        Assert.Equal("indicative", preset.Tag);
    }

    [Fact]
    public void Contactor_inventory_is_stages_times_hold_up_times_organic_flow()
    {
        var fs = PrNd();
        var column = new Contactor(ContactorPreset.Find("pulsed-column")!, Hets: 0.8);
        fs = fs with { Cascades = [fs.Cascades[0] with { Contactor = column }] };
        var r = Solve(fs);
        // 58 stages × (0.8 m / 20 m/h = 0.04 h) × 225.2 L/h = 522.464 L
        Assert.Equal(522.464, r.Cascades[0].OrganicInventory!.Value, 9);
        Assert.Equal(522.464, r.Reagents.OrganicInventoryL!.Value, 9);
        Assert.Equal(2.4, r.Cascades[0].StageResidenceMinutes!.Value, 12);
        Assert.Equal("pulsed column", r.Cascades[0].Contactor);
    }

    [Fact]
    public void A_fixed_stage_volume_wins_over_the_contactor_hold_up()
    {
        var fs = PrNd();
        fs = fs with { Cascades = [fs.Cascades[0] with { Contactor = new Contactor(ContactorPreset.Find("mixer-settler")!), StageVolume = 100 }] };
        var r = Solve(fs);
        // Σ V·O/(O + A_j) over the stages, with A_j the aqueous outflow of each stage
        double expected = r.Stages.Sum(s => 100 * s.OrganicFlow / (s.OrganicFlow + s.AqueousFlow));
        Assert.Equal(expected, r.Cascades[0].OrganicInventory!.Value, 9);
        Assert.True(r.Cascades[0].OrganicInventory!.Value < 58 * 100);
    }

    [Fact]
    public void Comparison_of_agents_differs_only_in_base_and_salt()
    {
        var naoh = PrNd();
        var nh3 = naoh with { Chemistry = ((SeparationFactorChemistry)naoh.Chemistry!) with { SaponificationAgent = "NH3" } };
        var c = Comparer.Compare([new TechniqueCase("naoh", "a.yaml", naoh), new TechniqueCase("nh3", "b.yaml", nh3)], new CompareOptions(SweepPoints: 3));
        var (a, b) = (c.Techniques[0], c.Techniques[1]);
        Assert.Equal(a.TotalStages, b.TotalStages);
        Assert.Equal(a.Result.Reagents.AcidKgPerKgOxide, b.Result.Reagents.AcidKgPerKgOxide, 12);
        // same base equivalents: the mass ratio is the molar-mass ratio 17.031/39.997
        Assert.Equal(17.031 / 39.997, b.Result.Reagents.BaseKgPerKgOxide / a.Result.Reagents.BaseKgPerKgOxide, 9);
        Assert.Equal(a.Products.Select(p => p.Purity), b.Products.Select(p => p.Purity));
        Assert.Equal(["Pr", "Nd"], c.KeyElements);
    }

    [Fact]
    public void Products_carry_group_purity_and_recovery_from_the_result()
    {
        var c = Comparer.Compare([new TechniqueCase("prnd", "a.yaml", PrNd())], new CompareOptions(SweepPoints: 0));
        var t = c.Techniques[0];
        var raffinate = t.Result.Stream("PrNd.raffinate")!;
        int pr = t.Result.IndexOf("Pr");
        var product = t.Products.Single(p => p.Stream == "PrNd.raffinate");
        Assert.Equal(raffinate.Purity[pr], product.Purity, 12);
        Assert.Equal(raffinate.MolarFlow(pr) / (10 * 0.2544), product.Recovery, 12);
        Assert.Equal(0.985, product.PurityTarget);
        Assert.Empty(t.PurityCurve);
    }

    [Fact]
    public void Purity_rises_with_stages_in_the_sweep()
    {
        var c = Comparer.Compare([new TechniqueCase("prnd", "a.yaml", PrNd())], new CompareOptions(SweepPoints: 5));
        var curve = c.Techniques[0].PurityCurve;
        Assert.Equal(5, curve.Count);
        // 0.5×, 0.75×, 1×, 1.25×, 1.5× of 20 + 32 stages, plus the 6 strip stages
        Assert.Equal([26 + 6, 39 + 6, 52 + 6, 65 + 6, 78 + 6], curve.Select(p => p.TotalStages));
        for (int k = 1; k < curve.Count; k++) Assert.True(curve[k].Purity > curve[k - 1].Purity);
        // the 1× point is the flowsheet itself
        Assert.Equal(c.Techniques[0].Products[0].Purity, curve[2].Purity, 10);
    }

    [Fact]
    public void Design_mode_needs_specs_in_the_first_file()
    {
        var fs = PrNd() with { Specs = [] };
        var e = Assert.Throws<CompareException>(() => Comparer.Compare([new TechniqueCase("a", "a.yaml", fs)], new CompareOptions(Design: true)));
        Assert.Equal("specs", e.Path);
        Assert.Equal("a.yaml", e.File);
    }

    [Fact]
    public void Design_mode_maps_the_first_file_specs_onto_a_single_cascade_of_another_name()
    {
        var first = PrNd();
        var other = first with { Cascades = [first.Cascades[0] with { Name = "Split" }], Specs = [] };
        var c = Comparer.Compare([new TechniqueCase("a", "a.yaml", first), new TechniqueCase("b", "b.yaml", other)], new CompareOptions(Design: true, SweepPoints: 0));
        Assert.True(c.Designed);
        var b = c.Techniques[1];
        Assert.Equal(["Split.raffinate", "Split.strip-liquor"], b.Products.Select(p => p.Stream));
        Assert.All(c.Techniques.SelectMany(t => t.Products), p => Assert.True(p.Met));
        // same chemistry, feed and specs: the same design
        Assert.Equal(c.Techniques[0].TotalStages, b.TotalStages);
        Assert.True(b.Tradeoff.Count > 1);
    }
}
