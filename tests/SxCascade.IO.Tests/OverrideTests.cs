using SxCascade.IO;

namespace SxCascade.IO.Tests;

/// <summary><c>--set PATH=VALUE</c> overrides (FORMAT.md, command-line contract).</summary>
public sealed class OverrideTests
{
    private static readonly string Flowsheets = Path.Combine(AppContext.BaseDirectory, "flowsheets");
    private static readonly string PrNd = Path.Combine(Flowsheets, "prnd-p507.yaml");
    private static readonly string Kremser = Path.Combine(Flowsheets, "kremser-constant-d.yaml");

    private static LoadResult Load(string path, params string[] overrides) => FlowsheetLoader.LoadFile(path, overrides);

    [Fact]
    public void An_existing_leaf_is_replaced()
    {
        var result = Load(PrNd, "cascades.PrNd.scrub.stages=30", "specs.0.purity=99 %", "cascades.PrNd.organic.flow=0.2 m3/h");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var c = result.Flowsheet!.Cascades[0];
        Assert.Equal(30, c.Scrub!.Stages);
        Assert.Equal(200.0, c.Organic.Flow, 12);
        Assert.Equal(0.99, result.Flowsheet.Specs[0].Purity!.Value, 12);
    }

    [Fact]
    public void A_flow_mapping_replaces_a_whole_block()
    {
        var result = Load(Kremser, "feeds.leach.composition={Nd: 0.2 mol/L, Pr: 14.0908 g/L}", "chemistry.distribution-ratios={ Nd: 2, Pr: 1 }");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var feed = result.Flowsheet!.Feeds[0];
        Assert.Equal(0.2, feed.Concentrations["Nd"]);
        Assert.Equal(0.1, feed.Concentrations["Pr"], 12);   // 14.0908 g/L / 140.908 g/mol
    }

    [Fact]
    public void A_path_into_a_library_value_the_file_does_not_write_reaches_it()
    {
        // chemistry: { system: p507-hcl } writes no separation-factors; the override creates the map,
        // which merges with the library's per element: Pr changes, every other factor stays the library's
        string file = Path.Combine(Flowsheets, "library-bayan-obo-ce-pr.yaml");
        var library = Load(file);
        var result = Load(file, "chemistry.separation-factors.Pr=5");
        Assert.True(library.Ok, string.Join("\n", library.Errors));
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var before = ((SxCascade.Flowsheets.SeparationFactorChemistry)library.Flowsheet!.Chemistry!).SeparationFactors;
        var after = ((SxCascade.Flowsheets.SeparationFactorChemistry)result.Flowsheet!.Chemistry!).SeparationFactors;
        Assert.Equal(5, after["Pr"]);
        Assert.NotEqual(5, before["Pr"]);
        Assert.Equal(before.Keys.Order(), after.Keys.Order());
        foreach (var (element, beta) in before)
            if (element != "Pr") Assert.Equal(beta, after[element]);
        // a misspelt key there is still an error, now from the loader, with the key it meant
        var typo = Load(file, "chemistry.separation-factor.Pr=5");
        Assert.False(typo.Ok);
        Assert.Contains("unknown key 'separation-factor' in chemistry; did you mean 'separation-factors'?", Assert.Single(typo.Errors).Message);
        Assert.Equal("--set", typo.Errors[0].File);
    }

    [Fact]
    public void A_new_last_key_is_added()
    {
        var result = Load(Kremser, "cascades.main.efficiency=0.9", "cascades.main.feed.stage=5");

        Assert.True(result.Ok, string.Join("\n", result.Errors));
        Assert.Equal(0.9, result.Flowsheet!.Cascades[0].Efficiency);
        Assert.Equal(5, result.Flowsheet.Cascades[0].FeedStage);
    }

    [Fact]
    public void Later_overrides_win()
    {
        var result = Load(Kremser, "cascades.main.extraction.stages=7", "cascades.main.extraction.stages=8");

        Assert.Equal(8, result.Flowsheet!.Cascades[0].ExtractionStages);
    }

    [Fact]
    public void An_invalid_replaced_value_is_reported_where_the_original_was()
    {
        var result = Load(Kremser, "cascades.main.organic.flow=-3 L/h");

        var error = Assert.Single(result.Errors);
        Assert.Equal((Kremser, 17, 22), (error.File, error.Line, error.Column));   // "    organic: { flow: 10 L/h }"
        Assert.Equal("cascades.main.organic.flow must be greater than 0; got '-3 L/h' (value from --set cascades.main.organic.flow=-3 L/h)", error.Message);
    }

    [Fact]
    public void A_misspelt_new_key_is_an_unknown_key_at_the_override()
    {
        var result = Load(Kremser, "name=renamed", "cascades.main.stage-volum=120 L");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("--set", 2, 1), (error.File, error.Line, error.Column));
        Assert.StartsWith("unknown key 'stage-volum' in cascade 'main'; did you mean 'stage-volume'?", error.Message);
        Assert.Equal("--set:2:1: " + error.Message, error.ToString());
    }

    [Theory]
    [InlineData("cascades.mian.extraction.stages=3", "cascades has no key 'mian'; did you mean 'main'?")]
    [InlineData("cascades.main.extraction.stages", "malformed override 'cascades.main.extraction.stages'; expected PATH=VALUE")]
    [InlineData("=3", "malformed override '=3'")]
    [InlineData("cascades..main=3", "malformed override")]
    [InlineData("specs.0.purity=0.9", "the flowsheet has no key 'specs'")]
    [InlineData("name.first=x", "name is a single value, so it has no 'first'")]
    [InlineData("feeds.leach.composition={Nd: 0.1", "the value of --set feeds.leach.composition is not valid YAML")]
    public void A_path_or_value_that_cannot_be_applied_is_an_error_at_the_override(string set, string message)
    {
        var result = Load(Kremser, "cascades.main.extraction.stages=6", set);

        var error = Assert.Single(result.Errors);
        Assert.Equal(("--set", 2, 1), (error.File, error.Line, error.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_list_index_out_of_range_is_an_error()
    {
        var result = Load(PrNd, "specs.2.purity=0.9");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("--set", 1, 1), (error.File, error.Line, error.Column));
        Assert.Contains("specs is a list of 2 item(s); '2' is not an index from 0 to 1", error.Message);
    }

    [Fact]
    public void File_errors_come_before_override_errors()
    {
        var yaml = File.ReadAllText(Kremser).Replace("flow: 10 L/h\n    composition", "flow: -1 L/h\n    composition");

        var result = FlowsheetLoader.Parse(yaml, "k.yaml", ["bad"]);

        Assert.Equal(["k.yaml", "--set"], result.Errors.Select(e => e.File));
    }
}
