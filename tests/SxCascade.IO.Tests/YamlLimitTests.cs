using SxCascade.IO;

namespace SxCascade.IO.Tests;

/// <summary>
/// Limits of the YAML reader (docs/cli.md, "Errors"): deep nesting, aliases that expand
/// exponentially or contain themselves. Each is an error at its line and column, never a stack
/// overflow (exit 134), a hang or an internal error. The corpus files yaml-alias-*.yaml hold the
/// alias cases in a file and in --set.
/// </summary>
public sealed class YamlLimitTests
{
    [Fact]
    public void Twenty_thousand_nested_flow_mappings_are_an_error_at_the_first_level_too_deep()
    {
        // line 2 is "name: {a: {a: … 1}…}"; the root mapping is level 1, so the 64th '{' (level 65)
        // is the first too deep: it starts at column 7 + 63·4 = 259 ("name: " is 6 characters, "{a: " 4)
        const int depth = 20_000;
        string text = "sxcascade: 1\nname: " + string.Concat(Enumerable.Repeat("{a: ", depth)) + "1" + new string('}', depth) + "\n";

        var result = FlowsheetLoader.Parse(text, "deep.yaml");

        var error = Assert.Single(result.Errors);
        Assert.Equal(("deep.yaml", 2, 259), (error.File, error.Line, error.Column));
        Assert.Contains("mappings and lists nest deeper than 64 levels here", error.Message);
    }

    [Fact]
    public void Sixty_four_levels_are_read()
    {
        // root mapping + 63 flow mappings = 64 levels: accepted by the reader (the mapper then
        // rejects 'name' as not text, which shows the tree was built)
        string text = "sxcascade: 1\nname: " + string.Concat(Enumerable.Repeat("{a: ", 63)) + "1" + new string('}', 63) + "\n";

        var result = FlowsheetLoader.Parse(text, "deep.yaml");

        Assert.DoesNotContain(result.Errors, e => e.Message.Contains("nest deeper", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.Line == 2 && e.Message.Contains("name", StringComparison.Ordinal));
    }

    [Fact]
    public void Deep_nesting_in_a_set_value_is_an_error_of_that_override()
    {
        string value = string.Concat(Enumerable.Repeat("[", 20_000)) + new string(']', 20_000);
        var result = FlowsheetLoader.Parse("sxcascade: 1\nname: x\n", "f.yaml", ["name=" + value]);

        var error = Assert.Single(result.Errors, e => e.File == "--set");
        Assert.Equal(1, error.Line);
        Assert.Contains("nest deeper than 64 levels", error.Message);
    }

    [Fact]
    public void A_duplicate_key_whose_value_the_parser_lost_is_an_error_of_that_override()
    {
        // found by the fuzzer (fuzz/README.md): the parser reads "  : 0\n  0:" as { "": 0, "": }
        // with the last value missing; skipping that duplicate key read past the end of the text
        var result = FlowsheetLoader.Parse("sxcascade: 1\nname: x\n", "f.yaml", ["name=  : 0\n  0:"]);

        var error = Assert.Single(result.Errors, e => e.File == "--set");
        Assert.Contains("is not valid YAML", error.Message);
    }
}
