using System.Text.Json;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary><c>sxcascade systems</c>, <c>sxcascade feeds</c> and the library entries in <c>run</c>'s summary and JSON.</summary>
public sealed class LibraryCommandTests
{
    private const string Indicative = "indicative (typical literature value, not measured)";

    [Fact]
    public void Systems_lists_every_system_with_model_tag_and_source()
    {
        var run = Run("systems");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        foreach (var name in new[] { "p507-hcl", "d2ehpa-chloride", "pc88a-nitrate-tanaka-2021", "naphthenic-acid-chloride", "naphthenic-acid" })
            Assert.Contains($"\n  {name} ", run.Stdout);
        Assert.Matches(@"\n  p507-hcl +separation-factor +15: La…Y +indicative \(not measured\) +typical literature", run.Stdout);
        Assert.Matches(@"\n  naphthenic-acid +separation-factor +La, Ce, Pr, Nd +derived from measured +Inner Mongolia", run.Stdout);
        Assert.Contains(Indicative, run.Stdout);
    }

    [Fact]
    public void A_system_shows_every_value_with_its_tag_the_data_and_a_block_to_paste()
    {
        var run = Run("systems", "p507-hcl");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains($"  tag:        {Indicative}\n", run.Stdout);
        Assert.Matches(@"\n  separation-factors +Nd +7\.2 +indicative \(not measured\)", run.Stdout);
        Assert.Matches(@"\n  loading +0\.18 mol/L +indicative \(not measured\)", run.Stdout);
        Assert.Contains("strip-distribution-ratios: an assumption for a 4-6 mol/L HCl strip, not from a table", run.Stdout);
        Assert.Contains("Ce/La 3.0, Pr/Ce 1.6, Nd/Pr 1.5", run.Stdout);   // the reference pairs
        Assert.Contains("Ce/La 3-7", run.Stdout);                          // and their ranges
        Assert.Contains("Paste into a flowsheet:\n  chemistry:\n    system: p507-hcl\n", run.Stdout);
        // 15 separation factors and 15 strip ratios, each on a row of its own
        Assert.Equal(15, run.Stdout.Split('\n').Count(l => l.StartsWith("  separation-factors  ", StringComparison.Ordinal)));
        Assert.Equal(15, run.Stdout.Split('\n').Count(l => l.StartsWith("  strip-distribution-ratios  ", StringComparison.Ordinal)));
    }

    [Fact]
    public void A_derived_system_keeps_the_measured_and_interpolated_basis_visible_and_says_what_it_lacks()
    {
        var run = Run("systems", "pc88a-nitrate-tanaka-2021");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Matches(@"\n  separation-factors +Nd +10\.0438 +derived +measured\n", run.Stdout);
        Assert.Matches(@"\n  separation-factors +Pr +4\.68705 +derived +interpolated\n", run.Stdout);
        Assert.Contains("loading: not in this system (the source gives no saturated loading (trace rare earths)); the flowsheet gives it", run.Stdout);
        Assert.Contains("    loading: 0.18 mol/L        # required:", run.Stdout);
    }

    [Fact]
    public void The_pasted_blocks_load()
    {
        string Snippet(string command, string name)
        {
            var text = Run(command, name).Stdout;
            var lines = text[(text.IndexOf("Paste into a flowsheet", StringComparison.Ordinal))..].Split('\n').Skip(1)
                .TakeWhile(l => l.StartsWith("  ", StringComparison.Ordinal)).Select(l => l[2..]);
            return string.Join("\n", lines);
        }
        var file = FreshTempPath() + ".yaml";
        File.WriteAllText(file, "sxcascade: 1\nname: pasted\n" + Snippet("systems", "d2ehpa-chloride") + "\n" + Snippet("feeds", "bayan-obo")
            + "\ncascades:\n  main: { feed: { from: bayan }, extraction: { stages: 4 }, organic: { flow: 10 L/h } }\n");
        try
        {
            var run = Run("check", file);
            // every rare earth of bayan-obo (La…Dy) has a separation factor in d2ehpa-chloride; no strip section, so no strip ratios needed
            Assert.True(run.Code == 0, run.ToString() + "\n" + File.ReadAllText(file));
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Theory]
    [InlineData("systems", "p507", "did you mean 'p507-hcl'?")]
    [InlineData("systems", "d2ehpa", "did you mean 'd2ehpa-chloride'?")]
    [InlineData("feeds", "bayan", "did you mean 'bayan-obo'?")]
    [InlineData("feeds", "nothing-like-it", "built-in feeds: hdd-ndfeb-magnet")]
    public void An_unknown_name_gives_exit_code_2_with_a_suggestion(string command, string name, string expected)
    {
        var run = Run(command, name);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Contains(expected, run.Stderr);
        NoStackTrace(run.Stderr);
    }

    [Fact]
    public void Systems_json_gives_every_value_with_tag_and_label()
    {
        var run = Run("systems", "--json");

        Assert.True(run.Code == 0, run.ToString());
        using var json = run.Json();
        Assert.Equal("sxcascade-library/1", json.RootElement.GetProperty("format").GetString());
        var systems = json.RootElement.GetProperty("systems").EnumerateArray().ToList();
        Assert.Equal(5, systems.Count);
        foreach (var s in systems)
        {
            Assert.False(string.IsNullOrEmpty(s.GetProperty("source").GetString()));
            foreach (var v in s.GetProperty("values").EnumerateArray())
            {
                var tag = v.GetProperty("tag").GetString();
                Assert.Contains(tag, new[] { "measured", "secondary", "derived", "indicative" });
                if (tag == "indicative") Assert.Equal(Indicative, v.GetProperty("label").GetString());
            }
        }
        var p507 = systems.Single(s => s.GetProperty("name").GetString() == "p507-hcl");
        Assert.Equal(Indicative, p507.GetProperty("label").GetString());
        var nd = p507.GetProperty("values").EnumerateArray().Single(v => v.GetProperty("key").GetString() == "separation-factors" && v.GetProperty("element").GetString() == "Nd");
        Assert.Equal(7.2, nd.GetProperty("value").GetDouble());
        Assert.Equal(3.0, p507.GetProperty("data").GetProperty("pairs").GetProperty("Ce/La").GetDouble());
    }

    [Fact]
    public void Feeds_lists_every_feed_and_marks_the_partial_one()
    {
        var run = Run("feeds");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Matches(@"\n  bayan-obo +oxide-percent of REO +9: La…Dy +indicative \(not measured\) +commonly cited", run.Stdout);
        Assert.Matches(@"\n  hdd-ndfeb-magnet +wt-percent +Pr, Nd, Dy +measured +Belfqueh", run.Stdout);
        Assert.Contains("Y (partial: not usable)", run.Stdout);
    }

    [Fact]
    public void A_feed_shows_its_values_the_raw_sum_and_what_is_not_used()
    {
        var bayan = Run("feeds", "bayan-obo");
        Assert.True(bayan.Code == 0, bayan.ToString());
        Assert.Contains($"  tag:    {Indicative}\n", bayan.Stdout);
        Assert.Contains("listed rare earths sum to 99.6 % of REO; the distribution is normalised to 100 % of REO over them", bayan.Stdout);
        // La: 23.0/99.6 = 23.09 % of REO
        Assert.Matches(@"\n  La +23 +La2O3 +23\.09 +", bayan.Stdout);
        Assert.Contains("composition: { library: bayan-obo, total-oxide: 180 g/L }", bayan.Stdout);

        var magnet = Run("feeds", "hdd-ndfeb-magnet");
        Assert.Matches(@"\n  Fe +62\.6 +not used +not used\n", magnet.Stdout);
        Assert.Contains("not rare earths, listed only (never put in a composition): Fe, Co, B, Ni", magnet.Stdout);
        // mole fractions from n = w/M: Nd 0.158068/0.188873 = 0.8369
        Assert.Matches(@"\n  Nd +22\.8 +Nd2O3 +83\.\d\d +0\.8369\n", magnet.Stdout);

        var clay = Run("feeds", "longnan-ion-adsorption-clay");
        Assert.True(clay.Code == 0, clay.ToString());
        Assert.Contains("Cannot make a composition: it is a partial distribution", clay.Stdout);
        Assert.DoesNotContain("Paste into a flowsheet", clay.Stdout);
    }

    [Fact]
    public void Feeds_json_lists_values_mole_fractions_and_tags()
    {
        var run = Run("feeds", "didymium-pr-nd", "--json");

        Assert.True(run.Code == 0, run.ToString());
        using var json = run.Json();
        var feed = Assert.Single(json.RootElement.GetProperty("feeds").EnumerateArray().ToList());
        Assert.Equal("secondary", feed.GetProperty("tag").GetString());
        // 25/140.908 = 0.17742, 75/144.242 = 0.51996: Pr 0.17742/0.69738 = 0.2544 (the data's derived value)
        Assert.Equal(0.2544, feed.GetProperty("mole_fractions").GetProperty("Pr").GetDouble(), 4);
        Assert.Equal(100.0, feed.GetProperty("rare_earth_sum").GetDouble());
    }

    [Theory]
    [InlineData("systems")]
    [InlineData("feeds")]
    public void Help_has_examples(string command)
    {
        var run = Run(command, "--help");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains($"Usage:\n  sxcascade {command} [<NAME>] [options]", run.Stdout);
        Assert.Contains($"Examples:\n  sxcascade {command}\n", run.Stdout);
        Assert.Contains("--json", run.Stdout);
    }

    [Fact]
    public void Run_shows_the_library_entries_used_with_indicative_ones_labelled()
    {
        var run = Run("run", Flowsheet("library-bayan-obo-ce-pr.yaml"));

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("Built-in library values used (docs/library.md)\n"
            + $"  system p507-hcl (cascade CePr): {Indicative}\n", run.Stdout);
        Assert.Contains($"  feed bayan-obo (feed ore): {Indicative}\n    source: commonly cited distribution", run.Stdout);
        Assert.DoesNotContain("NOT MET", run.Stdout);

        var plain = Run("run", Flowsheet("prnd-p507.yaml"));
        Assert.DoesNotContain("Built-in library", plain.Stdout);
    }

    [Fact]
    public void Run_json_has_a_provenance_list()
    {
        var run = Run("run", Flowsheet("library-bayan-obo-ce-pr.yaml"), "--json", "--set", "chemistry.loading=0.18 mol/L");

        Assert.True(run.Code == 0, run.ToString());
        using var json = run.Json();
        var entries = json.RootElement.GetProperty("provenance").EnumerateArray().ToList();
        Assert.Equal(2, entries.Count);
        Assert.Equal("system", entries[0].GetProperty("kind").GetString());
        Assert.Equal("p507-hcl", entries[0].GetProperty("name").GetString());
        Assert.Equal("indicative", entries[0].GetProperty("tag").GetString());
        Assert.Equal(Indicative, entries[0].GetProperty("label").GetString());
        Assert.Equal(["loading"], entries[0].GetProperty("from_file").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(["cascade CePr"], entries[0].GetProperty("used_by").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal("bayan-obo", entries[1].GetProperty("name").GetString());

        using var plain = Run("run", Flowsheet("prnd-p507.yaml"), "--json").Json();
        Assert.Equal(JsonValueKind.Array, plain.RootElement.GetProperty("provenance").ValueKind);
        Assert.Equal(0, plain.RootElement.GetProperty("provenance").GetArrayLength());
    }
}
