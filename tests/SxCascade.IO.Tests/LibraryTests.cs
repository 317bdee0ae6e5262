using SxCascade.Flowsheets;
using SxCascade.IO;
using SxCascade.Solvers;

namespace SxCascade.IO.Tests;

/// <summary>
/// The built-in library: every entry tagged and sourced; systems expand into the chemistry they
/// stand for (values checked against hand-computed 10^(a_i − a_La), D_i/D_La, products of pairs);
/// the file's keys win per element; library feeds convert oxide and element-mass distributions as
/// worked out by hand.
/// </summary>
public sealed class LibraryTests
{
    private const string Feed = """
        feeds:
          leach: { flow: 10 L/h, composition: { La: 0.1 mol/L, Ce: 0.1 mol/L, Pr: 0.05 mol/L, Nd: 0.1 mol/L } }
        cascades:
          main:
            feed: { from: leach }
            extraction: { stages: 8 }
            scrub: { stages: 8, flow: 2 L/h, acid: 0.5 mol/L }
            strip: { stages: 4, flow: 3 L/h, acid: 4.5 mol/L }
            organic: { flow: 12 L/h }
        """;

    private static Flowsheet Load(string chemistry, string rest = Feed)
    {
        var result = FlowsheetLoader.Parse($"sxcascade: 1\nname: t\n{chemistry}\n{rest}\n", "t.yaml");
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Flowsheet!;
    }

    /// <summary>Without a strip section: systems that give no strip distribution ratios need none.</summary>
    private const string NoStrip = """
        feeds:
          leach: { flow: 10 L/h, composition: { La: 0.1 mol/L, Ce: 0.1 mol/L } }
        cascades:
          main: { feed: { from: leach }, extraction: { stages: 4 }, organic: { flow: 5 L/h } }
        """;

    private static SeparationFactorChemistry Chemistry(string chemistry, string rest = Feed) =>
        Assert.IsType<SeparationFactorChemistry>(Load(chemistry, rest).Chemistry);

    private static void Near(double expected, double actual, double relative = 1e-5) =>
        Assert.True(Math.Abs(actual - expected) <= relative * Math.Abs(expected), $"expected {expected}, got {actual}");

    [Fact]
    public void Every_system_and_feed_has_a_tag_a_source_and_tagged_values()
    {
        Assert.Equal(["p507-hcl", "d2ehpa-chloride", "pc88a-nitrate-tanaka-2021", "naphthenic-acid-chloride", "naphthenic-acid"],
            BuiltInLibrary.Systems.Select(s => s.Name));
        Assert.All(BuiltInLibrary.Systems, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Source), s.Name);
            Assert.True(Enum.IsDefined(s.Tag), s.Name);
            Assert.NotEmpty(s.Values);
            Assert.All(s.Values, v => Assert.True(Enum.IsDefined(v.Tag)));
            Assert.Contains(s.Values, v => v.Key == "separation-factors" && v.Element == "La" && v.Text == "1");
            // derived values name what they were derived from
            Assert.All(s.Values.Where(v => v.Tag == ProvenanceTag.Derived), v => Assert.False(string.IsNullOrEmpty(v.DerivedFrom), $"{s.Name} {v.Key}"));
        });
        Assert.Equal(9, BuiltInLibrary.Feeds.Count);
        Assert.All(BuiltInLibrary.Feeds, f =>
        {
            Assert.False(string.IsNullOrWhiteSpace(f.Source), f.Name);
            Assert.True(Enum.IsDefined(f.Tag), f.Name);
            Assert.NotEmpty(f.RareEarths);
        });
        // indicative entries of the reference data stay indicative
        Assert.Equal(ProvenanceTag.Indicative, BuiltInLibrary.FindSystem("p507-hcl")!.Tag);
        Assert.All(BuiltInLibrary.FindSystem("p507-hcl")!.Values, v => Assert.Equal(ProvenanceTag.Indicative, v.Tag));
        Assert.Equal(ProvenanceTag.Indicative, BuiltInLibrary.FindFeed("bayan-obo")!.Tag);
        Assert.Equal(ProvenanceTag.Indicative, BuiltInLibrary.FindFeed("mountain-pass-bastnaesite")!.Tag);
        Assert.Equal("indicative (typical literature value, not measured)", BuiltInLibrary.FindSystem("p507-hcl")!.TagLabel);
    }

    [Theory]
    [InlineData("p507-hcl")]
    [InlineData("d2ehpa-chloride")]
    [InlineData("pc88a-nitrate-tanaka-2021")]
    [InlineData("naphthenic-acid-chloride")]
    [InlineData("naphthenic-acid")]
    public void Every_system_loads_once_the_file_gives_what_it_lacks(string name)
    {
        var chemistry = Chemistry($"chemistry: {{ system: {name}, loading: 0.2 mol/L, strip-distribution-ratios: {{ La: 0.01, Ce: 0.01, Pr: 0.01, Nd: 0.01 }} }}");

        Assert.Equal(name, chemistry.Provenance!.Name);
        Assert.Equal("system", chemistry.Provenance.Kind);
        Assert.Equal(0.2, chemistry.Loading);
        Assert.Equal(1.0, chemistry.SeparationFactors["La"]);
        Assert.Equal(BuiltInLibrary.FindSystem(name)!.Elements.Count, chemistry.SeparationFactors.Count);
    }

    [Fact]
    public void P507_gives_the_indicative_values_of_the_reference_data()
    {
        var c = Chemistry("chemistry: { system: p507-hcl }");

        // relative extractabilities of the reference data (cumulative products of its pairs, rounded)
        Assert.Equal(3.0, c.SeparationFactors["Ce"]);
        Assert.Equal(7.2, c.SeparationFactors["Nd"]);     // 3.0·1.6·1.5 = 7.2
        Assert.Equal(5600, c.SeparationFactors["Y"]);
        Assert.Equal(112000, c.SeparationFactors["Lu"]);
        Assert.Equal(15, c.SeparationFactors.Count);
        Assert.Equal(0.18, c.Loading);                    // s·C/3 = 0.36·1.5/3
        Assert.All(c.StripDistributionRatios.Values, d => Assert.Equal(0.01, d));
        Assert.Equal(15, c.StripDistributionRatios.Count);
        Assert.Equal("NaOH", c.SaponificationAgent);
        Assert.Equal(ProvenanceTag.Indicative, c.Provenance!.Tag);
        Assert.Empty(c.Provenance.Overridden);
    }

    [Fact]
    public void D2ehpa_and_pc88a_are_ten_to_the_difference_of_a()
    {
        var d = Chemistry("chemistry: { system: d2ehpa-chloride, loading: 0.2 mol/L }", NoStrip);
        Near(Math.Pow(10, -1.5733 + 1.9853), d.SeparationFactors["Ce"]);   // 10^0.4120 = 2.5823
        Near(15.488, d.SeparationFactors["Nd"], 1e-4);                     // 10^(-0.7953 + 1.9853) = 10^1.1900 = 15.488
        Near(15118, d.SeparationFactors["Y"], 1e-4);                       // 10^(2.1942 + 1.9853) = 10^4.1795 = 15118
        Near(279700, d.SeparationFactors["Lu"], 1e-4);                     // 10^5.4467 = 2.797e5
        Near(2.61, d.SeparationFactors["Nd"] / d.SeparationFactors["Pr"], 2e-3);   // the data's Nd/Pr, rounded there
        Assert.Equal(ProvenanceTag.Derived, d.Provenance!.Tag);
        Assert.Equal("secondary", d.Provenance.DerivedFrom);
        Assert.Equal(["loading"], d.Provenance.Overridden);

        var t = Chemistry("chemistry: { system: pc88a-nitrate-tanaka-2021, loading: 0.2 mol/L }", NoStrip);
        Near(10.044, t.SeparationFactors["Nd"], 1e-4);                     // 10^(-3.0776 + 4.0795) = 10^1.0019 = 10.044
        Near(15322, t.SeparationFactors["Y"], 1e-4);                       // 10^(0.1058 + 4.0795) = 10^4.1853 = 15322
        Near(3.14, t.SeparationFactors["Y"] / t.SeparationFactors["Dy"], 2e-3);

        // the per-element basis of the a values stays visible
        var system = BuiltInLibrary.FindSystem("pc88a-nitrate-tanaka-2021")!;
        var basis = system.Values.Where(v => v.Key == "separation-factors").ToDictionary(v => v.Element!, v => v.Basis);
        Assert.Equal("measured", basis["Nd"]);
        Assert.Equal("interpolated", basis["Pr"]);
    }

    [Fact]
    public void Naphthenic_acid_systems_are_ratios_of_measured_values()
    {
        var c = Chemistry("chemistry: { system: naphthenic-acid-chloride, loading: 0.2 mol/L }", NoStrip);
        Near(0.117 / 0.143, c.SeparationFactors["Y"]);     // 0.8182: Y the least extracted
        Near(0.619 / 0.143, c.SeparationFactors["Sm"]);    // 4.329: the peak
        Assert.Equal("Y", c.SeparationFactors.MinBy(kv => kv.Value).Key);
        Assert.Equal("NH3", c.SaponificationAgent);

        var n = Chemistry("chemistry: { system: naphthenic-acid, loading: 0.2 mol/L }", NoStrip);
        Near(3.9, n.SeparationFactors["Nd"]);               // 2.5·1.2·1.3 = 3.9
        Near(3.0, n.SeparationFactors["Pr"]);               // 2.5·1.2
        Assert.Equal(["La", "Ce", "Pr", "Nd"], n.SeparationFactors.Keys);
    }

    [Fact]
    public void The_file_wins_per_element_and_its_keys_are_recorded()
    {
        var c = Chemistry("""
            chemistry:
              system: p507-hcl
              separation-factors: { Nd: 7.5, Sc: 1.0e6 }
              loading: 0.2 mol/L
            """);

        Assert.Equal(7.5, c.SeparationFactors["Nd"]);
        Assert.Equal(4.8, c.SeparationFactors["Pr"]);       // the library's, kept
        Assert.Equal(1.0e6, c.SeparationFactors["Sc"]);     // added
        Assert.Equal(16, c.SeparationFactors.Count);
        Assert.Equal(0.2, c.Loading);
        Assert.Equal(0.01, c.StripDistributionRatios["Nd"]);
        Assert.Equal(["separation-factors.Nd", "separation-factors.Sc", "loading"], c.Provenance!.Overridden);
    }

    [Fact]
    public void A_cascade_chemistry_may_name_a_system_and_set_overrides_merge_into_it()
    {
        var result = FlowsheetLoader.Parse("""
            sxcascade: 1
            name: t
            feeds:
              leach: { flow: 10 L/h, composition: { La: 0.1 mol/L, Ce: 0.1 mol/L } }
            cascades:
              main:
                chemistry: { system: naphthenic-acid }
                feed: { from: leach }
                extraction: { stages: 4 }
                organic: { flow: 5 L/h }
            """, "t.yaml", ["cascades.main.chemistry.loading=0.25 mol/L"]);

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var c = Assert.IsType<SeparationFactorChemistry>(result.Flowsheet!.Cascades[0].Chemistry);
        Assert.Equal(0.25, c.Loading);
        Assert.Equal(2.5, c.SeparationFactors["Ce"]);
    }

    [Fact]
    public void A_library_value_in_error_is_reported_at_the_system_value_with_a_note()
    {
        // an element of the feed that the system lacks: the issue concerns chemistry.separation-factors, a library node
        var result = FlowsheetLoader.Parse("""
            sxcascade: 1
            name: t
            chemistry:
              system: naphthenic-acid
              loading: 0.2 mol/L
            feeds:
              leach: { flow: 10 L/h, composition: { La: 0.1 mol/L, Sm: 0.1 mol/L } }
            cascades:
              main: { feed: { from: leach }, extraction: { stages: 4 }, organic: { flow: 5 L/h } }
            """, "t.yaml");

        var issue = Assert.Single(result.Errors);
        Assert.Equal((4, 11), (issue.Line, issue.Column));
        Assert.Contains("no separation factor for Sm", issue.Message);
        Assert.EndsWith("(value from built-in system naphthenic-acid)", issue.Message);
    }

    [Fact]
    public void A_system_gives_the_same_result_as_its_values_written_out()
    {
        var fromLibrary = Load("chemistry: { system: p507-hcl }");
        var writtenOut = Load("""
            chemistry:
              model: separation-factor
              extractant: P507 (HEH/EHP) 1.5 mol/L in kerosene, 36 % Na-saponified
              separation-factors: { La: 1, Ce: 3.0, Pr: 4.8, Nd: 7.2, Sm: 65, Eu: 130, Gd: 182, Tb: 910,
                                    Dy: 2000, Ho: 4000, Y: 5600, Er: 7300, Tm: 22000, Yb: 66000, Lu: 112000 }
              loading: 0.18 mol/L
              strip-distribution-ratios: { La: 0.01, Ce: 0.01, Pr: 0.01, Nd: 0.01, Sm: 0.01, Eu: 0.01, Gd: 0.01, Tb: 0.01,
                                           Dy: 0.01, Ho: 0.01, Y: 0.01, Er: 0.01, Tm: 0.01, Yb: 0.01, Lu: 0.01 }
              saponification-agent: NaOH
            """);

        var a = FlowsheetSolver.Solve(fromLibrary);
        var b = FlowsheetSolver.Solve(writtenOut);

        Assert.True(a.Converged && b.Converged);
        Assert.Equal(b.Elements, a.Elements);
        for (int s = 0; s < a.Streams.Count; s++)
        {
            Assert.Equal(b.Streams[s].Name, a.Streams[s].Name);
            Assert.Equal(b.Streams[s].Flow, a.Streams[s].Flow);
            Assert.Equal(b.Streams[s].Concentrations, a.Streams[s].Concentrations);
        }
        Assert.Equal(b.Reagents, a.Reagents);
        Assert.Equal("p507-hcl", Assert.Single(a.Library).Provenance.Name);
        Assert.Equal(["cascade main"], a.Library[0].UsedBy);
        Assert.Empty(b.Library);
    }

    private const string Cascade = """
        cascades:
          main: { feed: { from: ore }, extraction: { stages: 4 }, organic: { flow: 5 L/h } }
        """;

    private static FeedStream LoadFeed(string composition)
    {
        var f = Load("chemistry: { system: p507-hcl }", $"feeds:\n  ore: {{ flow: 10 L/h, composition: {composition} }}\n{Cascade}");
        return f.Feeds[0];
    }

    [Fact]
    public void An_oxide_distribution_is_normalised_and_converted_with_the_oxide_masses()
    {
        var feed = LoadFeed("{ library: bayan-obo, total-oxide: 180 g/L }");

        // listed oxide percentages sum to 99.6: La 23.0/99.6 = 0.230924 of 180 g/L = 41.566 g/L La2O3, / 162.91 = 0.25515 mol/L
        Near(0.25515, feed.Concentrations["La"], 5e-5);
        // Ce: 50.0/99.6·180 = 90.361 g/L CeO2, / 172.11 = 0.52502 mol/L
        Near(0.52502, feed.Concentrations["Ce"], 5e-5);
        // Dy: 0.1/99.6·180 = 0.18072 g/L, / 186.50 = 9.6900e-4 mol/L
        Near(9.6900e-4, feed.Concentrations["Dy"], 5e-5);
        Assert.Equal(9, feed.Concentrations.Count);
        Assert.Equal(ProvenanceTag.Indicative, feed.Provenance!.Tag);
        Assert.Equal("bayan-obo", feed.Provenance.Name);
        Assert.Equal("feed", feed.Provenance.Kind);
    }

    [Fact]
    public void A_magnet_uses_its_rare_earths_only_as_mole_fractions_of_the_total()
    {
        var feed = LoadFeed("{ library: hdd-ndfeb-magnet, total-rare-earth: 0.5 mol/L }");

        // moles per 100 g: Nd 22.8/144.242 = 0.158068, Pr 3.3/140.908 = 0.023420, Dy 1.2/162.500 = 0.0073846; sum 0.188873
        Near(0.5 * 0.158068 / 0.188873, feed.Concentrations["Nd"], 2e-5);   // 0.41845
        Near(0.5 * 0.023420 / 0.188873, feed.Concentrations["Pr"], 2e-5);
        Near(0.5 * 0.0073846 / 0.188873, feed.Concentrations["Dy"], 2e-5);
        Assert.Equal(["Pr", "Nd", "Dy"], feed.Concentrations.Keys.Order(Comparer<string>.Create((a, b) => SxCascade.Chemistry.Elements.Order(a) - SxCascade.Chemistry.Elements.Order(b))));
        Assert.DoesNotContain("Fe", feed.Concentrations.Keys);
        // the reference data's own derived mole fractions agree
        Near(0.8369, feed.Concentrations["Nd"] / 0.5, 1e-4);
    }

    [Fact]
    public void Oxide_percent_fixes_single_elements_and_the_others_share_the_rest()
    {
        var feed = LoadFeed("{ library: bayan-obo, total-oxide: 180 g/L, oxide-percent: { Sm: 1.0 } }");

        // Sm is 1.0 % of REO: 180·0.010/174.36 = 0.010323 mol/L
        Near(0.010323, feed.Concentrations["Sm"], 5e-5);
        // the other eight listed sum to 99.6 − 0.8 = 98.8 and share 99.0 %: La 23.0·99.0/98.8 = 23.0466 %, ·1.8/162.91 = 0.25464 mol/L
        Near(0.25464, feed.Concentrations["La"], 5e-5);
        Assert.Equal(["oxide-percent.Sm"], feed.Provenance!.Overridden);
    }

    [Fact]
    public void A_liquor_in_grams_per_litre_gives_its_concentrations_without_a_total()
    {
        var feed = LoadFeed("{ library: lamp-phosphor-leach }");

        Near(26.9 / 88.906, feed.Concentrations["Y"]);     // 0.30257 mol/L
        Near(1.6 / 151.964, feed.Concentrations["Eu"]);    // 0.010529 mol/L
        Assert.Equal(ProvenanceTag.Measured, feed.Provenance!.Tag);
    }

    [Fact]
    public void A_library_feed_without_a_total_is_an_error_that_names_both()
    {
        var result = FlowsheetLoader.Parse($"sxcascade: 1\nname: t\nchemistry: {{ system: p507-hcl }}\nfeeds:\n  ore: {{ flow: 10 L/h, composition: {{ library: bayan-obo }} }}\n{Cascade}", "t.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal((5, 24), (error.Line, error.Column));   // the composition key
        Assert.Contains("needs its total: give total-oxide", error.Message);
        Assert.Contains("or total-rare-earth", error.Message);
    }

    [Fact]
    public void The_written_flowsheet_keeps_the_provenance_as_comments()
    {
        var fs = Load("chemistry: { system: p507-hcl }", $"feeds:\n  ore: {{ flow: 10 L/h, composition: {{ library: bayan-obo, total-oxide: 100 g/L }} }}\n{Cascade}");

        var yaml = FlowsheetYamlWriter.ToYaml(fs);

        Assert.Contains("# chemistry: built-in system p507-hcl, indicative (typical literature value, not measured); source: typical literature values", yaml);
        Assert.Contains("# composition of feed ore: built-in feed bayan-obo, indicative (typical literature value, not measured)", yaml);
        Assert.True(FlowsheetLoader.Parse(yaml, "w.yaml").Ok);
    }
}
