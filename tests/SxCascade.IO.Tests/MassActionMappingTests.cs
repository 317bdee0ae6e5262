using SxCascade.Flowsheets;
using SxCascade.IO;

namespace SxCascade.IO.Tests;

/// <summary>The mass-action chemistry block (FORMAT.md, MODEL.md §3.3) maps onto <see cref="MassActionChemistry"/> with the file's values.</summary>
public sealed class MassActionMappingTests
{
    private const string Cascade = "cascades:\n  main:\n    feed: { from: leach }\n    extraction: { stages: 4 }\n    organic: { flow: 5 L/h }\n";

    private static Flowsheet Parse(string chemistry, string feed)
    {
        var yaml = "sxcascade: 1\nname: t\n" + chemistry + "feeds:\n  leach:\n" + feed + Cascade;
        var result = FlowsheetLoader.Parse(yaml, "t.yaml");
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Flowsheet!;
    }

    private static MassActionChemistry Chemistry(string chemistry, string feed = "    flow: 10 L/h\n    composition: { Nd: 0.06 mol/L }\n    acid: 0.01 mol/L\n") =>
        Assert.IsType<MassActionChemistry>(Parse(chemistry, feed).Chemistry);

    [Fact]
    public void The_FORMAT_md_block_maps_every_law_with_its_defaults()
    {
        // the block of FORMAT.md, verbatim
        var c = Chemistry("""
            chemistry:
              model: mass-action
              media: chloride                     # or sulfate; pka-bisulfate: 1.99 (default)
              extractant: { name: D2EHPA, concentration: 0.5 mol/L, molar-mass: 322.43 g/mol,
                            density: 975.8 g/L, saponification: 0.3, agent: NaOH }
              elements:
                Nd: { log-k: -1.2, extractant-order: 3 }                  # charge 3, consumes 3 by default
                Pr: { log-d: { constant: -1.48, ph: 0.29 } }             # log10 D = a + b·pH + c·log10 e + d·pH·e
                Y:  { log-d: { constant: -2.126, ph: 1.632, ph-extractant: 0.152, log-extractant: 0.266 },
                      extractant-unit: "% v/v" }
                Fe: { d: 0.15 }
                Ca: { d: 0.066, charge: 2 }

            """, "    flow: 10 L/h\n    composition: { Nd: 0.06, Pr: 0.02, Y: 0.01, Fe: 0.001, Ca: 0.002 }\n    acid: 0.01\n");

        Assert.Equal(Medium.Chloride, c.Medium);
        Assert.Equal(1.99, c.PkaBisulfate);
        Assert.Equal(new Extractant("D2EHPA", 0.5, 322.43, 975.8, 0.3, "NaOH"), c.Extractant);
        Assert.Equal(322.43 / 975.8 * 100, c.Extractant.PercentPerMolar, 12);   // 33.0426 % v/v per mol/L
        Assert.Equal(0.15, c.SaponificationPerLitre, 15);                       // 0.3 × 0.5 mol/L
        Assert.Equal(["Nd", "Pr", "Y", "Fe", "Ca"], c.Laws.Keys);               // file order
        //                                 kind                         logK  n  a       b      c      d      %v/v   z  ν
        Assert.Equal(new DistributionLaw(DistributionLawKind.LogK, -1.2, 3, 0, 0, 0, 0, false, 3, 3), c.Laws["Nd"]);
        Assert.Equal(new DistributionLaw(DistributionLawKind.LogD, 0, 3, -1.48, 0.29, 0, 0, false, 3, 3), c.Laws["Pr"]);
        Assert.Equal(new DistributionLaw(DistributionLawKind.LogD, 0, 3, -2.126, 1.632, 0.266, 0.152, true, 3, 3), c.Laws["Y"]);
        Assert.Equal(new DistributionLaw(DistributionLawKind.Constant, 0, 3, 0.15, 0, 0, 0, false, 3, 3), c.Laws["Fe"]);
        Assert.Equal(new DistributionLaw(DistributionLawKind.Constant, 0, 2, 0.066, 0, 0, 0, false, 2, 2), c.Laws["Ca"]);
        Assert.Equal(2, c.ChargeOf("Ca"));
    }

    [Fact]
    public void Extractant_quantities_convert_and_saponification_takes_percent()
    {
        var c = Chemistry("""
            chemistry:
              model: mass-action
              media: Sulfate
              pka-bisulfate: 2.1
              extractant: { concentration: 500 mmol/L, molar-mass: 0.32243 kg/mol, density: 0.9758 kg/L, saponification: 30 % }
              elements: { Nd: { log-k: -1.2 } }

            """, "    flow: 10 L/h\n    composition: { Nd: 0.06 mol/L }\n    acid: 0.01 mol/L\n");

        Assert.Equal(Medium.Sulfate, c.Medium);
        Assert.Equal(2.1, c.PkaBisulfate);
        Assert.Null(c.Extractant.Name);
        Assert.Equal(0.5, c.Extractant.Concentration, 15);          // 500 mmol/L
        Assert.Equal(322.43, c.Extractant.MolarMass!.Value, 10);    // 0.32243 kg/mol
        Assert.Equal(975.8, c.Extractant.Density!.Value, 10);       // 0.9758 kg/L = 975.8 g/L
        Assert.Equal(0.3, c.Extractant.Saponification, 15);         // 30 %
        Assert.Equal("NaOH", c.Extractant.Agent);                   // saponified, no agent given: NaOH
        Assert.Equal("NaOH", c.SaponificationAgent);
        Assert.Equal(["H+", "SO4--"], c.SolvedSpecies);
    }

    [Theory]
    [InlineData("", 0.0, null)]                                   // no saponification: no agent
    [InlineData(", saponification: 0.36", 0.36, "NaOH")]          // default agent
    [InlineData(", saponification: 0.36, agent: nh3", 0.36, "NH3")]
    [InlineData(", saponification: 1, agent: Mg(OH)2", 1.0, "Mg(OH)2")]
    [InlineData(", saponification: 0.36, agent: none", 0.36, null)]
    [InlineData(", saponification: 0 %, agent: Ca(OH)2", 0.0, "Ca(OH)2")]
    public void Agent_defaults_to_NaOH_only_when_saponified(string keys, double saponification, string? agent)
    {
        var c = Chemistry($"chemistry:\n  model: mass-action\n  extractant: {{ concentration: 0.5{keys} }}\n  elements: {{ Nd: {{ log-k: -1.2 }} }}\n");

        Assert.Equal(saponification, c.Extractant.Saponification, 15);
        Assert.Equal(agent, c.Extractant.Agent);
        Assert.Equal(agent, c.SaponificationAgent);
        Assert.Equal(Medium.Chloride, c.Medium);                  // default media
        Assert.Equal(1.99, c.PkaBisulfate);                       // default pKa
    }

    [Fact]
    public void Charge_sets_the_default_order_and_consumption_and_explicit_values_win()
    {
        var c = Chemistry("""
            chemistry:
              model: mass-action
              extractant: { concentration: 0.5 mol/L }
              elements:
                Nd: { log-k: -1.2 }                                   # z = 3, n = 3, ν = 3
                Ca: { log-k: -4.0 }                                   # z = 2 by element, n = 2, ν = 2
                Th: { log-k: 2.0, consumes: 6 }                       # z = 4, n = 4, ν = 6
                Sm: { log-k: -0.8, charge: 2, extractant-order: 2.5 } # z = 2, n = 2.5, ν = 2
                Na: { d: 0.001 }                                      # z = 1
                Y:  { log-d: { log-extractant: 3 }, extractant-unit: mol/L }

            """, "    flow: 10 L/h\n    composition: { Nd: 0.06, Ca: 0.01, Th: 1e-4, Sm: 0.001, Na: 0.1, Y: 0.01 }\n    acid: 0.01\n");

        Assert.Equal((3, 3.0, 3.0), (c.Laws["Nd"].Charge, c.Laws["Nd"].ExtractantOrder, c.Laws["Nd"].Consumes));
        Assert.Equal((2, 2.0, 2.0), (c.Laws["Ca"].Charge, c.Laws["Ca"].ExtractantOrder, c.Laws["Ca"].Consumes));
        Assert.Equal((4, 4.0, 6.0), (c.Laws["Th"].Charge, c.Laws["Th"].ExtractantOrder, c.Laws["Th"].Consumes));
        Assert.Equal((2, 2.5, 2.0), (c.Laws["Sm"].Charge, c.Laws["Sm"].ExtractantOrder, c.Laws["Sm"].Consumes));
        Assert.Equal(-0.8, c.Laws["Sm"].LogK);
        Assert.Equal((1, 1.0), (c.Laws["Na"].Charge, c.Laws["Na"].Consumes));
        Assert.Equal(new DistributionLaw(DistributionLawKind.LogD, 0, 3, 0, 0, 3, 0, false, 3, 3), c.Laws["Y"]);
    }

    [Fact]
    public void Sulfate_feeds_may_give_their_acid_species_and_their_contents_add_up()
    {
        var f = Parse("""
            chemistry:
              model: mass-action
              media: sulfate
              extractant: { concentration: 0.5 mol/L }
              elements: { Nd: { log-k: -1.2 } }

            """, "    flow: 10 L/h\n    composition: { Nd: 0.06 mol/L, H+: 1.008 g/L, HSO4-: 0.2 mol/L, SO4--: 9.606 g/L }\n    acid: 0.05 mol/L\n");

        var feed = Assert.Single(f.Feeds);
        Assert.Equal(1.0, feed.Concentrations["H+"], 12);           // 1.008 g/L / 1.008 g/mol
        Assert.Equal(0.2, feed.Concentrations["HSO4-"], 12);
        Assert.Equal(0.1, feed.Concentrations["SO4--"], 12);        // 9.606 g/L / 96.06 g/mol
        Assert.Equal(0.05 + 1.0 + 0.2, feed.Content("H+"), 12);    // total acidity: acid + H+ + HSO4-
        Assert.Equal(0.2 + 0.1, feed.Content("SO4--"), 12);        // total sulfate
        Assert.Equal(["Nd", "H+", "SO4--"], f.Elements());
    }

    [Theory]
    [InlineData("    flow: 10 L/h\n    composition: { Nd: 0.06 }\n    acid: 0\n")]                   // acid: 0 is information
    [InlineData("    flow: 10 L/h\n    composition: { Nd: 0.06, H+: 0.01 }\n")]
    [InlineData("    flow: 10 L/h\n    composition: { Nd: 0.06, HSO4-: 0.01, SO4--: 0.2 }\n")]
    public void A_sulfate_feed_with_acid_or_H_or_HSO4_loads(string feed)
    {
        var c = Chemistry("chemistry:\n  model: mass-action\n  media: sulfate\n  extractant: { concentration: 0.5 }\n  elements: { Nd: { log-k: -1.2 } }\n", feed);

        Assert.Equal(Medium.Sulfate, c.Medium);
    }

    [Fact]
    public void A_chloride_feed_needs_no_acid_and_may_give_H_plus()
    {
        var f = Parse("chemistry:\n  model: mass-action\n  extractant: { concentration: 0.5 }\n  elements: { Nd: { log-k: -1.2 } }\n",
            "    flow: 10 L/h\n    composition: { Nd: 0.06, H+: 0.02 }\n");

        Assert.Equal(0.0, f.Feeds[0].Acid);
        Assert.Equal(0.02, f.Feeds[0].Content("H+"));
        Assert.Equal(["Nd", "H+"], f.Elements());
    }

    [Fact]
    public void A_feed_meets_the_chemistry_of_the_cascade_it_feeds()
    {
        // the default chemistry is constant-d, but leach feeds a sulfate mass-action cascade: H+ is allowed, acid needed
        var yaml = """
            sxcascade: 1
            name: t
            chemistry: { model: constant-d, distribution-ratios: { Nd: 2 } }
            feeds:
              leach: { flow: 10 L/h, composition: { Nd: 0.06, HSO4-: 0.01, SO4--: 0.1 } }
              other: { flow: 10 L/h, composition: { Nd: 0.06 } }
            cascades:
              a:
                feed: { from: leach }
                extraction: { stages: 4 }
                organic: { flow: 5 L/h }
                chemistry: { model: mass-action, media: sulfate, extractant: { concentration: 0.5 }, elements: { Nd: { log-k: -1.2 } } }
              b: { feed: { from: other }, extraction: { stages: 4 }, organic: { flow: 5 L/h } }
            """;

        var result = FlowsheetLoader.Parse(yaml, "t.yaml");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.IsType<MassActionChemistry>(result.Flowsheet!.Cascades[0].Chemistry);
        Assert.IsType<ConstantDChemistry>(result.Flowsheet.ChemistryOf(result.Flowsheet.Cascades[1]));
    }

    [Fact]
    public void Set_overrides_reach_the_mass_action_keys()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "flowsheets", "mass-action-d2ehpa.yaml");

        var result = FlowsheetLoader.LoadFile(path,
            ["chemistry.extractant.saponification=45 %", "chemistry.elements.Nd.log-k=-1.0", "chemistry.media=sulfate"]);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var c = Assert.IsType<MassActionChemistry>(result.Flowsheet!.Chemistry);
        Assert.Equal(0.45, c.Extractant.Saponification, 15);
        Assert.Equal(-1.0, c.Laws["Nd"].LogK);
        Assert.Equal(Medium.Sulfate, c.Medium);                     // the feed gives acid: 0.01 mol/L
    }
}
