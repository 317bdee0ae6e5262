using SxCascade.Flowsheets;
using SxCascade.IO;

namespace SxCascade.IO.Tests;

/// <summary>
/// <see cref="FlowsheetYamlWriter"/>: what it writes, <see cref="FlowsheetLoader"/> reads back to an
/// equal flowsheet, field by field and to the last bit of every double.
/// </summary>
public sealed class FlowsheetYamlWriterTests
{
    private static readonly string FlowsheetDirectory = Path.Combine(AppContext.BaseDirectory, "flowsheets");

    /// <summary>Every contract flowsheet copied next to the tests (flowsheets/*.yaml, flowsheets/validation/*.yaml).</summary>
    public static TheoryData<string> ContractFiles() => new(ContractFileNames());

    private static List<string> ContractFileNames() =>
        new[] { FlowsheetDirectory, Path.Combine(FlowsheetDirectory, "validation") }
            .SelectMany(dir => Directory.GetFiles(dir, "*.yaml").Order(StringComparer.Ordinal))
            .Select(file => Path.GetRelativePath(FlowsheetDirectory, file))
            .ToList();

    [Fact]
    public void The_contract_files_are_found()
    {
        var files = ContractFileNames();
        Assert.Contains("prnd-p507.yaml", files);
        Assert.Contains(Path.Combine("validation", "prommis-d2ehpa-sulfate-3stage.yaml"), files);
        Assert.True(files.Count >= 5, string.Join(", ", files));
    }

    [Theory]
    [InlineData("contactor: mixer-settler", null)]
    [InlineData("contactor: mixer-settler\n    efficiency: 1", null)]
    [InlineData("contactor: { type: centrifugal-contactor, residence-time: 20 s }", null)]
    [InlineData("contactor: { type: pulsed-column, hets: 80 cm, throughput: 30 m/h }", null)]
    [InlineData("contactor: pulsed-column\n    stage-volume: 50 L", null)]
    public void Contactors_round_trip(string lines, string? unused)
    {
        _ = unused;
        var yaml = File.ReadAllText(Path.Combine(FlowsheetDirectory, "prnd-p507.yaml"))
            .Replace("    organic: { flow: 225.2 L/h }", "    organic: { flow: 225.2 L/h }\n    " + lines, StringComparison.Ordinal);
        var original = LoadOk(yaml, lines);
        Assert.NotNull(original.Cascades[0].Contactor);
        var reloaded = LoadOk(FlowsheetYamlWriter.ToYaml(original), "written " + lines);
        FlowsheetAssert.Equal(original, reloaded);
    }

    [Fact]
    public void A_contactor_preset_gives_its_efficiency_unless_the_file_sets_one()
    {
        var yaml = File.ReadAllText(Path.Combine(FlowsheetDirectory, "prnd-p507.yaml"));
        string With(string lines) => yaml.Replace("    organic: { flow: 225.2 L/h }", "    organic: { flow: 225.2 L/h }\n    " + lines, StringComparison.Ordinal);
        Assert.Equal(0.95, LoadOk(With("contactor: mixer-settler"), "preset").Cascades[0].Efficiency);
        Assert.Equal(1.0, LoadOk(With("contactor: mixer-settler\n    efficiency: 100 %"), "file").Cascades[0].Efficiency);
        var column = LoadOk(With("contactor: { type: pulsed-column, hets: 80 cm, throughput: 0.01 m/s }"), "column").Cascades[0].Contactor!;
        // 0.8 m / 36 m/h = 1/45 h = 1.3333 min
        Assert.Equal(60 * 0.8 / 36, column.ResidenceMinutes, 12);
    }

    /// <summary>FORMAT.md "Networks": a feeds: list is read, written and read back alike.</summary>
    [Fact]
    public void Several_feeds_round_trip()
    {
        var yaml = File.ReadAllText(Path.Combine(FlowsheetDirectory, "prnd-p507.yaml"));
        var feed = System.Text.RegularExpressions.Regex.Match(yaml, @"    feed: \{[^}]*\}").Value;
        Assert.NotEmpty(feed);
        yaml = yaml.Replace(feed, "    feeds:\n      - { from: didymium, stage: 20 }\n      - { from: didymium-2, stage: 12 }", StringComparison.Ordinal)
            .Replace("\nfeeds:\n", "\nfeeds:\n  didymium-2:\n    flow: 1 L/h\n    composition: { Pr: 0.5 mol/L, Nd: 0.5 mol/L }\n", StringComparison.Ordinal);
        var original = LoadOk(yaml, "feeds");
        var c = original.Cascades[0];
        Assert.Equal([new CascadeFeed("didymium", 20), new CascadeFeed("didymium-2", 12)], c.AllFeeds);
        var written = FlowsheetYamlWriter.ToYaml(original);
        var reloaded = LoadOk(written, "written feeds");
        FlowsheetAssert.Equal(original, reloaded);
        Assert.Equal(c.AllFeeds, reloaded.Cascades[0].AllFeeds);
        Assert.True(reloaded.Cascades[0].FeedsListed);
    }

    /// <summary>FORMAT.md "Networks": shares of streams (<c>from: { stream, fraction }</c>) in a feed, a linked scrub and a linked organic are read, written and read back alike.</summary>
    [Fact]
    public void Splitters_round_trip()
    {
        const string yaml = """
            sxcascade: 1
            name: splitters
            chemistry: { model: constant-d, distribution-ratios: { La: 0.5, Ce: 2.0 } }
            feeds:
              ore: { flow: 10 L/h, composition: { La: 0.3 mol/L, Ce: 0.1 mol/L } }
            cascades:
              A:
                feeds:
                  - { from: ore, stage: 4 }
                  - { from: { stream: B.raffinate, fraction: 0.25 }, stage: 2 }
                extraction: { stages: 4 }
                scrub: { stages: 2, flow: 1 L/h, acid: 0 mol/L }
                strip: { stages: 2, flow: 2 L/h, acid: 1 mol/L }
                organic: { flow: 6 L/h }
              B:
                feed: { from: { stream: A.strip-liquor, fraction: 0.6 } }
                extraction: { stages: 3 }
                scrub: { stages: 2, from: { stream: A.raffinate, fraction: 0.4 } }
                organic: { flow: 6 L/h }
              C:
                feed: { from: { stream: A.raffinate, fraction: 0.5 } }
                extraction: { stages: 3 }
                organic: { from: { stream: B.loaded-organic, fraction: 0.75 } }
            """;
        var original = LoadOk(yaml, "splitters");
        Assert.Equal(0.25, original.Cascades[0].AdditionalFeeds[0].Fraction);
        Assert.Equal(0.6, original.Cascades[1].FeedFraction);
        Assert.Equal(0.4, original.Cascades[1].Scrub!.FromFraction);
        Assert.Equal(0.75, original.Cascades[2].Organic.FromFraction);
        var written = FlowsheetYamlWriter.ToYaml(original);
        Assert.Contains("fraction: 0.6", written);
        var reloaded = LoadOk(written, "written splitters");
        FlowsheetAssert.Equal(original, reloaded);
        Assert.Equal(original.Cascades.Select(c => c.AllFeeds), reloaded.Cascades.Select(c => c.AllFeeds));
        Assert.Equal(0.4, reloaded.Cascades[1].Scrub!.FromFraction);
        Assert.Equal(0.75, reloaded.Cascades[2].Organic.FromFraction);
    }

    /// <summary>FORMAT.md "Networks": side draws and organic.recycle are read, written and read back alike.</summary>
    [Fact]
    public void Draws_and_organic_recycle_round_trip()
    {
        var yaml = File.ReadAllText(Path.Combine(FlowsheetDirectory, "prnd-p507.yaml"))
            .Replace("    organic: { flow: 225.2 L/h }", "    organic: { flow: 205 L/h, recycle: 0.9 }\n"
                + "    draws:\n      - { name: mid, stage: 30, phase: aqueous, flow: 4 L/h }\n      - { name: low, stage: 10, phase: aqueous, fraction: 0.01 }",
                StringComparison.Ordinal);
        var original = LoadOk(yaml, "draws");
        var c = original.Cascades[0];
        Assert.Equal(0.9, c.Organic.Recycle);
        Assert.Equal([new SideDraw("mid", 30, StreamPhase.Aqueous, 4, null), new SideDraw("low", 10, StreamPhase.Aqueous, null, 0.01)], c.Draws);
        var written = FlowsheetYamlWriter.ToYaml(original);
        Assert.Contains("recycle: 0.9", written);
        var reloaded = LoadOk(written, "written draws");
        FlowsheetAssert.Equal(original, reloaded);
        Assert.Equal(c.Draws, reloaded.Cascades[0].Draws);
        Assert.Equal(c.Organic.Recycle, reloaded.Cascades[0].Organic.Recycle);
    }

    [Theory]
    [MemberData(nameof(ContractFiles))]
    public void Every_contract_flowsheet_round_trips(string file)
    {
        var original = LoadOk(File.ReadAllText(Path.Combine(FlowsheetDirectory, file)), file);

        var yaml = FlowsheetYamlWriter.ToYaml(original);
        var reloaded = LoadOk(yaml, "written " + file);

        FlowsheetAssert.Equal(original, reloaded);
        // a fixed point: writing again changes nothing but the comments that say which values came
        // from the built-in library (the written file holds them as plain values)
        Assert.Equal(WithoutComments(yaml), FlowsheetYamlWriter.ToYaml(reloaded));
    }

    private static string WithoutComments(string yaml) =>
        string.Concat(yaml.Split('\n').SkipWhile(l => l.StartsWith('#')).Select((l, i) => (i == 0 ? "" : "\n") + l));

    [Fact]
    public void A_flowsheet_with_every_option_round_trips()
    {
        var original = EveryOption();
        var yaml = FlowsheetYamlWriter.ToYaml(original);
        var reloaded = LoadOk(yaml, "every-option.yaml");

        FlowsheetAssert.Equal(original, reloaded);
        Assert.Equal(yaml, FlowsheetYamlWriter.ToYaml(reloaded));
    }

    [Fact]
    public void Numbers_are_written_shortest_round_trip_with_their_base_unit()
    {
        var yaml = FlowsheetYamlWriter.ToYaml(LoadOk(File.ReadAllText(Path.Combine(FlowsheetDirectory, "prnd-p507.yaml")), "prnd-p507.yaml"));

        Assert.Contains("    organic: {flow: 225.2 L/h}\n", yaml);
        Assert.Contains("  loading: 0.18 mol/L\n", yaml);
        Assert.Contains("    composition: {Pr: 0.2544 mol/L, Nd: 0.7456 mol/L}\n", yaml);
        Assert.Contains("    scrub: {stages: 32, flow: 33.1 L/h, acid: 3 mol/L}\n", yaml);
        Assert.Contains("  - {stream: PrNd.raffinate, element: Pr, purity: 0.985}\n", yaml);
        Assert.StartsWith("sxcascade: 1\nname: ", yaml);
        Assert.DoesNotContain("\r", yaml);
        Assert.DoesNotContain("solver:", yaml);                            // defaults are left out
    }

    [Fact]
    public void Values_without_a_short_decimal_form_keep_every_bit()
    {
        double awkward = 0.1 + 0.2;                                    // 0.30000000000000004
        var fs = Simple() with
        {
            Feeds = [new FeedStream("leach", 1.0 / 3, new Dictionary<string, double> { ["Nd"] = awkward, ["Pr"] = 7.1196546967472e-07 }, 0)],
            Solver = new SolverOptions(1e-13),
        };
        var yaml = FlowsheetYamlWriter.ToYaml(fs);

        Assert.Contains("flow: 0.3333333333333333 L/h", yaml);
        Assert.Contains("Nd: 0.30000000000000004 mol/L", yaml);
        Assert.Contains("Pr: 7.1196546967472e-07 mol/L", yaml);
        Assert.Contains("tolerance: 1e-13", yaml);
        FlowsheetAssert.Equal(fs, LoadOk(yaml, "awkward.yaml"));
    }

    [Fact]
    public void Header_lines_become_comments_before_the_version()
    {
        var text = new StringWriter();
        FlowsheetYamlWriter.Write(Simple(), text, ["designed by sxcascade design from prnd.yaml", "# already a comment", "two\nlines"]);
        var yaml = text.ToString();

        Assert.StartsWith("# designed by sxcascade design from prnd.yaml\n# already a comment\n# two\n# lines\nsxcascade: 1\n", yaml);
        FlowsheetAssert.Equal(Simple(), LoadOk(yaml, "header.yaml"));
    }

    [Fact]
    public void The_description_is_folded_and_wrapped_at_spaces()
    {
        string longLine = string.Join(" ", Enumerable.Range(1, 60).Select(i => $"word{i}"));
        var fs = Simple() with { Description = longLine + "\nSecond paragraph: 36 % saponified, E'M = √1.5.\n\nAfter an empty line." };
        var yaml = FlowsheetYamlWriter.ToYaml(fs);

        Assert.Contains("description: >-\n  word1 word2 ", yaml);
        Assert.All(yaml.Split('\n'), line => Assert.True(line.Length <= FlowsheetYamlWriter.LineWidth, line));
        Assert.Equal(fs.Description, LoadOk(yaml, "folded.yaml").Description);
    }

    [Theory]
    [InlineData("  indented first line")]
    [InlineData("a tab\there")]
    [InlineData("quotes \" and \\ backslash\na line with trailing space \nand the last")]
    [InlineData("\nstarts with an empty line")]
    public void A_description_that_cannot_fold_is_double_quoted(string description)
    {
        var fs = Simple() with { Description = description };
        var yaml = FlowsheetYamlWriter.ToYaml(fs);

        Assert.Contains("description: \"", yaml);
        Assert.Equal(description, LoadOk(yaml, "quoted.yaml").Description);
    }

    [Theory]
    [InlineData("Pr/Nd split, saponified P507: acid scrub")]
    [InlineData("Bastnaesite La/Ce | Pr-Lu split, it's 15 = 3·5 elements; *benchmark*")]
    [InlineData("null")]
    [InlineData("# not a comment")]
    [InlineData("- not a list")]
    [InlineData("{ not: a map }")]
    [InlineData("'single' and \"double\"")]
    [InlineData("1.5")]
    [InlineData("β = 1.5 · Nd/Pr")]
    public void Names_that_need_quotes_round_trip(string name)
    {
        var fs = Simple() with { Name = name };
        Assert.Equal(name, LoadOk(FlowsheetYamlWriter.ToYaml(fs), "name.yaml").Name);
    }

    [Fact]
    public void An_oxide_feed_is_written_as_its_element_concentrations()
    {
        const string yaml = """
            sxcascade: 1
            name: ore
            chemistry: { model: separation-factor, separation-factors: { La: 1, Ce: 2 }, loading: 0.18 mol/L }
            feeds:
              ore:
                flow: 1.2 m3/h
                composition:
                  total-oxide: 180 g/L
                  oxide-percent: { La: 40, Ce: 60 }
            cascades:
              LaCe: { feed: { from: ore }, extraction: { stages: 3 }, organic: { flow: 25 mL/min } }
            """;
        var original = LoadOk(yaml, "ore.yaml");
        var written = FlowsheetYamlWriter.ToYaml(original);

        Assert.DoesNotContain("oxide", written);
        Assert.Contains("flow: 1200 L/h", written);
        Assert.Contains("organic: {flow: 1.5 L/h}", written);
        FlowsheetAssert.Equal(original, LoadOk(written, "ore-written.yaml"));
    }

    /// <summary>FORMAT.md "Networks": rare earths in an acid scrub or strip solution (scrub.composition, strip.composition) are written and read back (they could not be written before the format had them).</summary>
    [Fact]
    public void A_scrub_or_strip_carrying_rare_earths_round_trips()
    {
        var fs = Simple();
        var cascade = fs.Cascades[0] with
        {
            Scrub = new ScrubDefinition(2, 1, 0.5, Composition: new Dictionary<string, double> { ["Nd"] = 0.1 }),
            Strip = new StripDefinition(2, 1, 1.5) { Composition = new Dictionary<string, double> { ["Nd"] = 0.02 } },
        };
        var original = fs with { Cascades = [cascade] };
        var written = FlowsheetYamlWriter.ToYaml(original);
        Assert.Contains("composition: {Nd: 0.1 mol/L}", written);
        var reloaded = FlowsheetLoader.Parse(written, "scrub.yaml");
        Assert.True(reloaded.Ok, string.Join("\n", reloaded.Errors) + "\n" + written);
        Assert.Equal(0.1, reloaded.Flowsheet!.Cascades[0].Scrub!.Composition!["Nd"]);
        Assert.Equal(0.02, reloaded.Flowsheet.Cascades[0].Strip!.Composition!["Nd"]);
    }

    [Fact]
    public void A_number_that_is_not_finite_is_refused()
    {
        var fs = Simple();
        var cascade = fs.Cascades[0] with { Organic = new OrganicDefinition(double.NaN) };
        Assert.Throws<ArgumentException>(() => FlowsheetYamlWriter.ToYaml(fs with { Cascades = [cascade] }));
    }

    [Fact]
    public void Mass_action_defaults_are_left_out_and_the_rest_is_explicit()
    {
        var yaml = FlowsheetYamlWriter.ToYaml(EveryOption());

        Assert.Contains("        Nd: {log-k: -1.2}\n", yaml);                                          // extractant-order 3 = charge
        Assert.Contains("        Pr: {log-k: -1.3, extractant-order: 2.5, consumes: 2}\n", yaml);
        Assert.Contains("        Y:\n          log-d:\n            constant: -2.126\n            ph: 1.632\n"
                        + "            log-extractant: 0.266\n            ph-extractant: 0.152\n"
                        + "          extractant-unit: '% v/v'\n", yaml);                                  // too long for one line
        Assert.Contains("        Ca: {d: 0.066}\n", yaml);                                                // charge 2 is Ca's own
        Assert.Contains("        Fe: {d: 0.15, charge: 2}\n", yaml);
        Assert.Contains("        NH4: {log-d: {constant: 0}}\n", yaml);
        Assert.Contains("    pka-bisulfate: 2.1\n", yaml);
        Assert.Contains("agent: none", yaml);                                                          // saponified, no agent
    }

    // ---- flowsheets ------------------------------------------------------------------------------

    private static Flowsheet LoadOk(string yaml, string name)
    {
        var result = FlowsheetLoader.Parse(yaml, name);
        Assert.True(result.Ok, $"{string.Join("\n", result.Errors)}\n---\n{yaml}");
        return result.Flowsheet!;
    }

    private static Flowsheet Simple() => new(
        "simple", null,
        new ConstantDChemistry(new Dictionary<string, double> { ["Nd"] = 2.0, ["Pr"] = 1.5 }, new Dictionary<SectionKind, IReadOnlyDictionary<string, double>>()),
        [new FeedStream("leach", 10, new Dictionary<string, double> { ["Nd"] = 0.1, ["Pr"] = 0.05 }, 0)],
        [new CascadeDefinition("main", "leach", null, 5, null, null, new OrganicDefinition(10))],
        [],
        new SolverOptions());

    private static DistributionLaw LogK(double logK, double order, int charge, double consumes) =>
        new(DistributionLawKind.LogK, logK, order, 0, 0, 0, 0, false, charge, consumes);

    /// <summary>Every key the format has: three chemistry models (one per cascade), acid and reflux scrubs, pre-loaded organic, specs, solver.</summary>
    private static Flowsheet EveryOption()
    {
        var separationFactor = new SeparationFactorChemistry(
            "P507 1.5 mol/L in kerosene, 36 % Na-saponified",
            new Dictionary<string, double> { ["La"] = 1.0, ["Ce"] = 2.04, ["Pr"] = 4.8, ["Nd"] = 7.2 },
            0.18,
            new Dictionary<string, double> { ["La"] = 0.01, ["Ce"] = 0.02, ["Pr"] = 0.01, ["Nd"] = 0.01 },
            SaponificationAgent: null);
        var constantD = new ConstantDChemistry(
            new Dictionary<string, double> { ["La"] = 0.1, ["Ce"] = 0.3, ["Pr"] = 1.2, ["Nd"] = 2.5 },
            new Dictionary<SectionKind, IReadOnlyDictionary<string, double>>
            {
                [SectionKind.Scrub] = new Dictionary<string, double> { ["Pr"] = 0.8 },
                [SectionKind.Strip] = new Dictionary<string, double> { ["Pr"] = 0.01, ["Nd"] = 0.02 },
            },
            "NH3");
        var massAction = new MassActionChemistry(Medium.Sulfate, 2.1,
            new Extractant("D2EHPA", 0.5, 322.43, 975.8, 0.3, null),
            new Dictionary<string, DistributionLaw>
            {
                ["Nd"] = LogK(-1.2, 3, 3, 3),
                ["Pr"] = LogK(-1.3, 2.5, 3, 2),
                ["Y"] = new(DistributionLawKind.LogD, 0, 3, -2.126, 1.632, 0.266, 0.152, true, 3, 3),
                ["Ca"] = new(DistributionLawKind.Constant, 0, 2, 0.066, 0, 0, 0, false, 2, 2),
                ["Fe"] = new(DistributionLawKind.Constant, 0, 2, 0.15, 0, 0, 0, false, 2, 2),
                ["NH4"] = new(DistributionLawKind.LogD, 0, 1, 0, 0, 0, 0, false, 1, 1),
            });
        var feeds = new List<FeedStream>
        {
            new("ore-leach", 225.2, new Dictionary<string, double> { ["La"] = 0.3, ["Ce"] = 0.45, ["Pr"] = 0.06, ["Nd"] = 0.19 }, 0.05),
            new("sulfate_leach", 62.01, new Dictionary<string, double>
            {
                ["H+"] = 0.01075, ["HSO4-"] = 0.1030927835051546, ["SO4--"] = 0.0010416666666666667,
                ["Nd"] = 0.002, ["Y"] = 1.3947472020696e-06, ["Ca"] = 0.0027332202205699, ["Fe"] = 0.012324576950488, ["NH4"] = 0.001,
            }, 0),
        };
        var cascades = new List<CascadeDefinition>
        {
            new("LaCe", "ore-leach", 8, 10,
                new ScrubDefinition(12, 33.1, 3.0),
                new StripDefinition(6, 6, 4.5),
                new OrganicDefinition(225.2),
                Efficiency: 0.95, StageVolume: 120),
            new("PrNd", "LaCe.strip-liquor", null, 9,
                new ScrubDefinition(14, 0, 0, Reflux: 0.8),
                new StripDefinition(4, 2.5, 4.0),
                new OrganicDefinition(40, new Dictionary<string, double> { ["Pr"] = 1e-4, ["Nd"] = 2e-4 }),
                Chemistry: constantD),
            new("impurities", "sulfate_leach", null, 3, null, null, new OrganicDefinition(62.01),
                StageVolume: 0.25, Chemistry: massAction),
        };
        var specs = new List<ProductSpec>
        {
            new("LaCe.raffinate", ["La", "Ce"], 0.995, null),
            new("PrNd.strip-liquor", ["Nd"], 0.999, 0.99),
            new("PrNd.raffinate", ["Pr"], null, 0.9),
        };
        return new Flowsheet(
            "Every option: La/Ce | Pr/Nd, then a sulfate polish",
            "A constructed flowsheet that uses every key of FORMAT.md.\nNumbers such as 0.1 + 0.2 keep all their bits.",
            separationFactor, feeds, cascades, specs,
            new SolverOptions(1e-12, 250, SolverMethod.Substitution)) { PurityBasis = PurityBasis.OxideMass };
    }
}

/// <summary>Field-by-field equality of flowsheets (records holding dictionaries do not compare by value).</summary>
internal static class FlowsheetAssert
{
    public static void Equal(Flowsheet expected, Flowsheet actual)
    {
        Assert.Equal(expected.Name, actual.Name);
        Assert.Equal(expected.Description, actual.Description);
        Chemistry("chemistry", expected.Chemistry, actual.Chemistry);

        Assert.Equal(expected.Feeds.Select(f => f.Name), actual.Feeds.Select(f => f.Name));
        foreach (var (e, a) in expected.Feeds.Zip(actual.Feeds))
        {
            Assert.Equal(e.Flow, a.Flow);
            Values($"feed {e.Name}", e.Concentrations, a.Concentrations);
            Assert.Equal(e.Acid, a.Acid);
        }

        Assert.Equal(expected.Cascades.Select(c => c.Name), actual.Cascades.Select(c => c.Name));
        foreach (var (e, a) in expected.Cascades.Zip(actual.Cascades))
        {
            Assert.Equal(e.FeedFrom, a.FeedFrom);
            Assert.Equal(e.FeedStage, a.FeedStage);
            Assert.Equal(e.ExtractionStages, a.ExtractionStages);
            Assert.Equal(e.Scrub is null, a.Scrub is null);
            if (e.Scrub is { } es && a.Scrub is { } @as)
            {
                Assert.Equal((es.Stages, es.Flow, es.Acid, es.Reflux), (@as.Stages, @as.Flow, @as.Acid, @as.Reflux));
                Values($"{e.Name} scrub", es.Composition, @as.Composition);
            }
            Assert.Equal(e.Strip, a.Strip);
            Assert.Equal(e.Organic.Flow, a.Organic.Flow);
            Values($"{e.Name} organic", e.Organic.Composition, a.Organic.Composition);
            Assert.Equal(e.Efficiency, a.Efficiency);
            Assert.Equal(e.StageVolume, a.StageVolume);
            Assert.Equal(e.Contactor, a.Contactor);
            Chemistry($"{e.Name} chemistry", e.Chemistry, a.Chemistry);
        }

        Assert.Equal(expected.Specs.Count, actual.Specs.Count);
        foreach (var (e, a) in expected.Specs.Zip(actual.Specs))
        {
            Assert.Equal(e.Stream, a.Stream);
            Assert.Equal(e.Elements, a.Elements);
            Assert.Equal(e.Purity, a.Purity);
            Assert.Equal(e.Recovery, a.Recovery);
        }
        Assert.Equal(expected.Solver, actual.Solver);
        Assert.Equal(expected.PurityBasis, actual.PurityBasis);
    }

    private static void Chemistry(string what, ChemistryDefinition? expected, ChemistryDefinition? actual)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{what}: {expected} vs {actual}");
            return;
        }
        Assert.Equal(expected.GetType(), actual.GetType());
        Assert.Equal(expected.Model, actual.Model);
        Assert.Equal(expected.SaponificationAgent, actual.SaponificationAgent);
        switch (expected, actual)
        {
            case (ConstantDChemistry e, ConstantDChemistry a):
                Values($"{what} distribution-ratios", e.DistributionRatios, a.DistributionRatios);
                Assert.Equal(e.PerSection.Keys.Order(), a.PerSection.Keys.Order());
                foreach (var (section, map) in e.PerSection) Values($"{what} {section}", map, a.PerSection[section]);
                break;
            case (SeparationFactorChemistry e, SeparationFactorChemistry a):
                Assert.Equal(e.Extractant, a.Extractant);
                Values($"{what} separation-factors", e.SeparationFactors, a.SeparationFactors);
                Assert.Equal(e.Loading, a.Loading);
                Values($"{what} strip-distribution-ratios", e.StripDistributionRatios, a.StripDistributionRatios);
                break;
            case (MassActionChemistry e, MassActionChemistry a):
                Assert.Equal(e.Medium, a.Medium);
                Assert.Equal(e.PkaBisulfate, a.PkaBisulfate);
                Assert.Equal(e.Extractant, a.Extractant);                   // a record of scalars: compares by value
                Assert.Equal(e.Laws.Keys, a.Laws.Keys);
                foreach (var (element, law) in e.Laws) Assert.Equal(law, a.Laws[element]);
                break;
            default:
                Assert.Fail($"{what}: no comparison for {expected.GetType().Name}");
                break;
        }
    }

    /// <summary>Same keys in the same order, every value equal to the last bit.</summary>
    private static void Values(string what, IReadOnlyDictionary<string, double>? expected, IReadOnlyDictionary<string, double>? actual)
    {
        if (expected is null || actual is null)
        {
            Assert.True(expected is null && actual is null, $"{what}: one map is missing");
            return;
        }
        Assert.Equal(expected.Keys, actual.Keys);
        foreach (var (key, value) in expected)
            Assert.True(BitConverter.DoubleToInt64Bits(value) == BitConverter.DoubleToInt64Bits(actual[key]) || value == actual[key],
                $"{what} {key}: expected {value:R}, got {actual[key]:R}");
    }
}
