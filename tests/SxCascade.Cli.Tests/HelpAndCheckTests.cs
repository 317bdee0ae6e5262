using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary><c>--help</c>, <c>--version</c> and <c>check</c>.</summary>
public sealed class HelpAndCheckTests
{
    [Fact]
    public void Root_help_lists_the_commands_with_examples_and_exit_codes()
    {
        var run = Run("--help");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("Usage:\n  sxcascade [command] [options]", run.Stdout);
        Assert.Matches(@"\n  run <FILE> +Solve a flowsheet", run.Stdout);
        Assert.Matches(@"\n  check <FILE> +Validate a flowsheet", run.Stdout);
        Assert.Contains("Examples:\n  sxcascade check flowsheets/prnd-p507.yaml", run.Stdout);
        Assert.Contains("3 the solver did not converge or its result failed a check (balances, finite values, loading)", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Theory]
    [InlineData("run", "--out <DIR>", "sxcascade run flowsheets/prnd-p507.yaml")]
    [InlineData("run", "--require-specs", "--json")]
    [InlineData("run", "--method <newton|substitution>", "--set <PATH=VALUE>")]
    [InlineData("check", "--set <PATH=VALUE>", "sxcascade check flowsheets/prnd-p507.yaml")]
    public void Command_help_describes_its_options_with_an_example(string command, string expected, string alsoExpected)
    {
        var run = Run(command, "--help");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains($"Usage:\n  sxcascade {command} <FILE> [options]", run.Stdout);
        Assert.Contains(expected, run.Stdout);
        Assert.Contains(alsoExpected, run.Stdout);
        Assert.Contains("Examples:", run.Stdout);
    }

    [Theory]
    // check, fit and the library commands solve nothing (no 3) and check no specs (no 4); design and
    // compare solve but have no --require-specs; run has both
    [InlineData("check", "0 done, 1 internal error (a bug) or standard output not writable, 2 invalid input or usage")]
    [InlineData("fit", "0 done, 1 internal error (a bug) or standard output not writable, 2 invalid input or usage")]
    [InlineData("systems", "0 done, 1 internal error (a bug) or standard output not writable, 2 invalid input or usage")]
    [InlineData("design", "0 done, 1 internal error (a bug) or standard output not writable, 2 invalid input or usage, 3 the solver did not converge or its result failed a check (balances, finite values, loading)")]
    [InlineData("run", "0 done (unmet specs are shown, not fatal), 1 internal error (a bug) or standard output not writable, 2 invalid input or usage, 3 the solver did not converge or its result failed a check (balances, finite values, loading), 4 specs not met under --require-specs")]
    public void Command_help_lists_only_the_exit_codes_it_can_return(string command, string codes)
    {
        var run = Run(command, "--help");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains($"Exit codes:\n  {codes}\n", run.Stdout);
    }

    [Fact]
    public void Version_is_printed()
    {
        var run = Run("--version");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Matches(@"^\d+\.\d+\.\d+", run.Stdout);
    }

    [Fact]
    public void Check_of_a_valid_file_names_its_size()
    {
        var path = Flowsheet("prnd-p507.yaml");

        var run = Run("check", path);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal($"{path}: valid (1 cascade, 58 stages, elements Pr, Nd)\n", run.Stdout);
        Assert.Equal("", run.Stderr);
    }

    [Fact]
    public void Check_applies_overrides()
    {
        var path = Flowsheet("prnd-p507.yaml");

        var ok = Run("check", path, "--set", "cascades.PrNd.scrub.stages=30");
        var bad = Run("check", path, "--set", "cascades.PrNd.feed.stage=25");

        Assert.True(ok.Code == 0, ok.ToString());
        Assert.Contains("56 stages", ok.Stdout);
        Assert.True(bad.Code == 2, bad.ToString());
        Assert.Contains("outside the extraction section", bad.Stderr);
    }
}
