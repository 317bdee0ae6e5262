namespace SxCascade.Cli.Tests;

/// <summary>
/// sxcascade writes no colour or other terminal escape codes (docs/cli.md), so NO_COLOR (no-color.org)
/// and redirected output hold without an option: no output of a command contains ESC.
/// </summary>
public sealed class NoColorTests
{
    public static TheoryData<string> CommandLines => new()
    {
        "--help",
        "run --help",
        "run flowsheets/prnd-p507.yaml",
        "run flowsheets/mass-action-d2ehpa.yaml",
        "check flowsheets/prnd-p507.yaml --set cascades.PrNd.scrub.stages=0",
        "design flowsheets/kremser-constant-d.yaml",
        "systems",
        "run --jsn flowsheets/prnd-p507.yaml",
    };

    [Theory]
    [MemberData(nameof(CommandLines))]
    public void Output_holds_no_escape_codes(string commandLine)
    {
        var args = commandLine.Split(' ')
            .Select(a => a.StartsWith("flowsheets/", StringComparison.Ordinal) ? CliRunner.Flowsheet(a["flowsheets/".Length..]) : a).ToArray();
        var outcome = CliRunner.Run(args);
        Assert.True(outcome.Stdout.Length + outcome.Stderr.Length > 0, "the command wrote nothing to look at");
        Assert.DoesNotContain('\u001b', outcome.Stdout);
        Assert.DoesNotContain('\u001b', outcome.Stderr);
    }
}
