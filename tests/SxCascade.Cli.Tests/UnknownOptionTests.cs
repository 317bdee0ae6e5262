namespace SxCascade.Cli.Tests;

/// <summary>A misspelt option is reported as an unknown option with the nearest valid one, not as a problem of FILE.</summary>
public sealed class UnknownOptionTests
{
    [Theory]
    // "jsn" is one insertion from "json"; "reqire-specs" one from "require-specs"; "verison" a transposition
    [InlineData("run --jsn flowsheets/prnd-p507.yaml", "unknown option '--jsn' of sxcascade run; did you mean '--json'?", "sxcascade run --help")]
    [InlineData("run flowsheets/prnd-p507.yaml --reqire-specs", "unknown option '--reqire-specs' of sxcascade run; did you mean '--require-specs'?", "sxcascade run --help")]
    [InlineData("design flowsheets/prnd-p507.yaml --jsno", "unknown option '--jsno' of sxcascade design; did you mean '--json'?", "sxcascade design --help")]
    [InlineData("--verison", "unknown option '--verison' of sxcascade; did you mean '--version'?", "sxcascade --help")]
    public void Misspelt_option_is_named_with_the_nearest_valid_one(string commandLine, string message, string help)
    {
        var outcome = CliRunner.Run(commandLine.Split(' ').Select(a => a.StartsWith("flowsheets/", StringComparison.Ordinal) ? CliRunner.Flowsheet(a["flowsheets/".Length..]) : a).ToArray());
        Assert.True(outcome.Code == 2, outcome.ToString());
        Assert.Equal("", outcome.Stdout);
        var lines = outcome.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal($"sxcascade: {message}", lines[0]);
        Assert.Equal($"Try '{help}' for the options and an example.", lines[1]);
        Assert.Equal(2, lines.Length);
    }

    [Fact]
    public void Option_far_from_every_valid_one_lists_the_options()
    {
        var outcome = CliRunner.Run("run", CliRunner.Flowsheet("kremser-constant-d.yaml"), "--frobnicate");
        Assert.Equal(2, outcome.Code);
        Assert.StartsWith("sxcascade: unknown option '--frobnicate' of sxcascade run; the options are --out, --json, --set,", outcome.Stderr);
    }

    [Fact]
    public void Values_that_start_with_a_dash_are_not_options()
    {
        // a negative number as an option's value, and a --set value, are values, not options
        var outcome = CliRunner.Run("run", CliRunner.Flowsheet("kremser-constant-d.yaml"), "--json", "--set", "name=-x");
        Assert.True(outcome.Code == 0, outcome.ToString());
    }
}
