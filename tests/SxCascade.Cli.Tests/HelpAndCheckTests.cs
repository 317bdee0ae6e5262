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
    // check, fit and the library commands solve nothing (no 3) and check no specs (no 4); run, design
    // and compare solve and check specs (--require-specs)
    [InlineData("check", "0 done, 1 internal error (a bug) or standard output not writable, 2 invalid input or usage")]
    [InlineData("fit", "0 done, 1 internal error (a bug) or standard output not writable, 2 invalid input or usage")]
    [InlineData("systems", "0 done, 1 internal error (a bug) or standard output not writable, 2 invalid input or usage")]
    [InlineData("design", "0 done (unmet specs are shown, not fatal), 1 internal error (a bug) or standard output not writable, 2 invalid input or usage, 3 the solver did not converge or its result failed a check (balances, finite values, loading), 4 specs not met under --require-specs")]
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

/// <summary>Each command's help lists only the exit codes it can return (ExitCodes.Help).</summary>
public sealed class ExitCodeHelpTests
{
    [Theory]
    [InlineData("run", "0,1,2,3,4")]
    [InlineData("check", "0,1,2")]
    [InlineData("fit", "0,1,2")]
    [InlineData("design", "0,1,2,3,4")]
    [InlineData("compare", "0,1,2,3,4")]
    [InlineData("systems", "0,1,2")]
    [InlineData("feeds", "0,1,2")]
    public void Help_lists_only_the_exit_codes_the_command_can_return(string command, string codes)
    {
        var run = CliRunner.Run(command, "--help");

        Assert.True(run.Code == 0, run.ToString());
        string line = run.Stdout[(run.Stdout.IndexOf("Exit codes:\n", StringComparison.Ordinal) + "Exit codes:\n".Length)..].Split('\n')[0];
        var listed = System.Text.RegularExpressions.Regex.Matches(line, @"(?:^  |, )(\d) ").Select(m => m.Groups[1].Value);
        Assert.Equal(codes, string.Join(",", listed));
    }
}

/// <summary><c>check --json</c>: the check as a document on stdout, the exit code as without it.</summary>
public sealed class CheckJsonTests
{
    [Fact]
    public void A_valid_flowsheet_gives_valid_true_and_its_counts()
    {
        var run = CliRunner.Run("check", CliRunner.Flowsheet("prnd-p507.yaml"), "--json");

        Assert.True(run.Code == 0, run.ToString());
        var root = run.Json().RootElement;
        Assert.Equal("sxcascade-check/1", root.GetProperty("format").GetString());
        Assert.True(root.GetProperty("valid").GetBoolean());
        Assert.Equal(0, root.GetProperty("errors").GetArrayLength());
        Assert.Equal(1, root.GetProperty("cascades").GetInt32());
        // the plain check reports "58 stages, elements Pr, Nd" for this file
        Assert.Equal(58, root.GetProperty("stages").GetInt32());
        Assert.Equal(["Pr", "Nd"], root.GetProperty("elements").EnumerateArray().Select(e => e.GetString()!));
    }

    [Fact]
    public void Errors_are_located_and_the_exit_code_is_2()
    {
        var run = CliRunner.RunWithInput("", "check", "-", "--json");

        Assert.Equal(ExitCodes.InvalidInput, run.Code);
        var root = run.Json().RootElement;
        Assert.False(root.GetProperty("valid").GetBoolean());
        var error = root.GetProperty("errors").EnumerateArray().Single();
        Assert.Equal("<stdin>", error.GetProperty("file").GetString());
        Assert.Equal(1, error.GetProperty("line").GetInt32());
        Assert.Equal(1, error.GetProperty("column").GetInt32());
        Assert.StartsWith("the file holds no flowsheet", error.GetProperty("message").GetString());
    }
}
