using SxCascade.Flowsheets;
using SxCascade.IO;

namespace SxCascade.IO.Tests;

/// <summary>Units and forms of FORMAT.md convert to engine units (L/h, mol/L, L, fractions).</summary>
public sealed class QuantityMappingTests
{
    private const string Chemistry = "chemistry: { model: constant-d, distribution-ratios: { La: 1, Ce: 1, Pr: 1, Nd: 1, Sm: 1 } }\n";

    private static Flowsheet Parse(string feeds, string cascade = "    organic: { flow: 10 L/h }\n", string rest = "")
    {
        var yaml = "sxcascade: 1\nname: t\n" + Chemistry + "feeds:\n" + feeds +
                   "cascades:\n  main:\n    feed: { from: leach }\n    extraction: { stages: 5 }\n" + cascade + rest;
        var result = FlowsheetLoader.Parse(yaml, "t.yaml");
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Flowsheet!;
    }

    [Fact]
    public void Mass_concentrations_convert_with_the_atomic_weight_of_the_element()
    {
        var f = Parse("  leach: { flow: 1.2 m3/h, composition: { Nd: 25 g/L, Pr: 500 mg/L, La: 20 mmol/L }, acid: 0.05 M }\n");

        var feed = f.Feeds[0];
        Assert.Equal(1200.0, feed.Flow, 12);                               // 1.2 m3/h = 1200 L/h
        Assert.Equal(25 / 144.242, feed.Concentrations["Nd"], 12);         // 25 g/L / 144.242 g/mol
        Assert.Equal(0.5 / 140.908, feed.Concentrations["Pr"], 12);        // 500 mg/L / 140.908 g/mol
        Assert.Equal(0.020, feed.Concentrations["La"], 12);
        Assert.Equal(0.05, feed.Acid, 12);
    }

    [Fact]
    public void Oxide_distribution_converts_with_the_oxide_mass_per_atom()
    {
        var f = Parse("  leach:\n    flow: 10 L/h\n    composition:\n      total-oxide: 180 g/L\n" +
                      "      oxide-percent: { La: 23.0, Ce: 50.0, Pr: 6.2, Nd: 18.5, Sm: 2.3 % }\n");

        var c = f.Feeds[0].Concentrations;
        Assert.Equal(180 * 0.23 / 162.91, c["La"], 12);   // La2O3/2 = 162.91 g/mol: 0.25412 mol/L
        Assert.Equal(180 * 0.50 / 172.11, c["Ce"], 12);   // CeO2     = 172.11
        Assert.Equal(180 * 0.062 / 170.24, c["Pr"], 12);  // Pr6O11/6 = 170.24
        Assert.Equal(180 * 0.185 / 168.24, c["Nd"], 12);  // Nd2O3/2  = 168.24
        Assert.Equal(180 * 0.023 / 174.36, c["Sm"], 12);  // Sm2O3/2  = 174.36
    }

    [Theory]
    [InlineData("19.6", true)]    // 80 + 19.6 = 99.6, within 100 ± 0.5
    [InlineData("20.5", true)]
    [InlineData("19.4", false)]   // 99.4
    [InlineData("20.6", false)]
    public void Oxide_percentages_must_sum_to_100_within_half_a_percent(string nd, bool ok)
    {
        var yaml = "sxcascade: 1\nname: t\n" + Chemistry +
                   $"feeds:\n  leach: {{ flow: 10 L/h, composition: {{ total-oxide: 100 g/L, oxide-percent: {{ La: 80, Nd: {nd} }} }} }}\n" +
                   "cascades:\n  main: { feed: { from: leach }, extraction: { stages: 5 }, organic: { flow: 10 L/h } }\n";

        Assert.Equal(ok, FlowsheetLoader.Parse(yaml, "t.yaml").Ok);
    }

    [Fact]
    public void Cascade_quantities_convert_to_engine_units()
    {
        var f = Parse("  leach: { flow: 10 L/h, composition: { Nd: 0.1 mol/L } }\n",
            "    scrub: { stages: 3, flow: 100 mL/min, acid: 500 mmol/L }\n" +
            "    strip: { stages: 2, flow: 0.5, acid: 4 mol/L }\n" +
            "    organic: { flow: 0.24 m3/d, composition: { Nd: 1.44242 g/L } }\n" +
            "    efficiency: 95 %\n    stage-volume: 0.12 m3\n");

        var c = f.Cascades[0];
        Assert.Equal(6.0, c.Scrub!.Flow, 12);                         // 100 mL/min = 6 L/h
        Assert.Equal(0.5, c.Scrub.Acid, 12);
        Assert.Equal(new StripDefinition(2, 0.5, 4.0), c.Strip);      // bare numbers: L/h, mol/L
        Assert.Equal(10.0, c.Organic.Flow, 12);                       // 0.24 m3/d = 240 L / 24 h
        Assert.Equal(0.01, c.Organic.Composition!["Nd"], 12);         // 1.44242 g/L / 144.242 g/mol
        Assert.Equal(0.95, c.Efficiency, 12);
        Assert.Equal(120.0, c.StageVolume!.Value, 12);
        Assert.False(c.RecyclesOrganic);                               // pre-loaded organic
    }

    [Fact]
    public void Reflux_scrub_has_no_flow_or_acid()
    {
        var f = Parse("  leach: { flow: 10 L/h, composition: { Nd: 0.1 mol/L } }\n",
            "    scrub: { stages: 4, reflux: 80 % }\n    strip: { stages: 2, flow: 1 L/h, acid: 4 mol/L }\n    organic: { flow: 10 L/h }\n");

        Assert.Equal(new ScrubDefinition(4, 0, 0, 0.8), f.Cascades[0].Scrub);
        Assert.True(f.Cascades[0].Scrub!.IsReflux);
    }

    [Fact]
    public void Constant_d_takes_per_section_ratios_and_a_saponification_agent()
    {
        var yaml = """
            sxcascade: 1
            name: t
            chemistry:
              model: constant-d
              distribution-ratios: { Nd: 2.0 }
              scrub: { Nd: 1.5 }
              strip: { Nd: 0.01 }
              saponification-agent: nh3
            feeds:
              leach: { flow: 10 L/h, composition: { Nd: 0.1 mol/L } }
            cascades:
              main:
                feed: { from: leach }
                extraction: { stages: 5 }
                organic: { flow: 10 L/h }
            solver: { tolerance: 1e-12, max-iterations: 50, method: substitution }
            """;

        var f = FlowsheetLoader.Parse(yaml, "t.yaml").Flowsheet!;

        var d = Assert.IsType<ConstantDChemistry>(f.Chemistry);
        Assert.Equal(2.0, d.RatioFor("Nd", SectionKind.Extraction));
        Assert.Equal(1.5, d.RatioFor("Nd", SectionKind.Scrub));
        Assert.Equal(0.01, d.RatioFor("Nd", SectionKind.Strip));
        Assert.Equal("NH3", d.SaponificationAgent);
        Assert.Equal(new SolverOptions(1e-12, 50, SolverMethod.Substitution), f.Solver);
    }

    [Fact]
    public void Separation_factor_agent_none_means_no_agent_and_cascade_chemistry_overrides()
    {
        var yaml = """
            sxcascade: 1
            name: t
            feeds:
              leach: { flow: 10 L/h, composition: { Pr: 0.25 mol/L, Nd: 0.75 mol/L } }
            cascades:
              PrNd:
                feed: { from: leach }
                extraction: { stages: 5 }
                organic: { flow: 10 L/h }
                chemistry:
                  model: separation-factor
                  separation-factors: { Pr: 1, Nd: 1.5 }
                  loading: 180 mmol/L
                  saponification-agent: none
            """;

        var f = FlowsheetLoader.Parse(yaml, "t.yaml").Flowsheet!;

        Assert.Null(f.Chemistry);
        var sf = Assert.IsType<SeparationFactorChemistry>(f.Cascades[0].Chemistry);
        Assert.Equal(0.18, sf.Loading, 12);
        Assert.Null(sf.SaponificationAgent);
        Assert.Null(sf.Extractant);
        Assert.Empty(sf.StripDistributionRatios);
        Assert.Same(sf, f.ChemistryOf(f.Cascades[0]));
    }

    [Theory]
    [InlineData("0,2544 mol/L", "decimal comma in '0,2544 mol/L'? write 0.2544 mol/L")]
    [InlineData("-1,5", "decimal comma in '-1,5'? write -1.5")]
    // three digits after the comma may also group thousands: both readings
    [InlineData("1,000 L/h", "decimal comma or thousands separator in '1,000 L/h'? write 1.000 L/h or 1000 L/h")]
    [InlineData("12,345,678 L/h", "decimal comma or thousands separator in '12,345,678 L/h'? write 12.345,678 L/h or 12345678 L/h")]
    public void A_comma_in_a_number_says_how_to_write_it(string text, string advice)
    {
        Assert.False(SxCascade.Chemistry.Quantity.TryParse(text, SxCascade.Chemistry.QuantityKind.Flow, null, out _, out var error));
        Assert.StartsWith(advice, error);
    }

    [Theory]
    [InlineData("L/hr", "L/h")]
    [InlineData("m3/hr", "m3/h")]
    [InlineData("L/hour", "L/h")]
    [InlineData("ml/mn", "ml/min")]      // one typo
    public void A_near_miss_of_a_unit_is_suggested(string unit, string suggestion)
    {
        Assert.False(SxCascade.Chemistry.Quantity.TryParse($"10 {unit}", SxCascade.Chemistry.QuantityKind.Flow, null, out _, out var error));
        Assert.Contains($"unknown unit '{unit}' for a flow; did you mean '{suggestion}'? accepted:", error);
    }

    [Theory]
    [InlineData("gal/min")]   // two edits from mL/min: a different unit, not a typo
    [InlineData("litres per hour")]
    public void A_unit_far_from_every_accepted_one_gets_no_suggestion(string unit)
    {
        Assert.False(SxCascade.Chemistry.Quantity.TryParse($"10 {unit}", SxCascade.Chemistry.QuantityKind.Flow, null, out _, out var error));
        Assert.DoesNotContain("did you mean", error);
    }
}
