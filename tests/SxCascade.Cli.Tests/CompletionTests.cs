namespace SxCascade.Cli.Tests;

/// <summary>Shell completion through System.CommandLine's suggest directive (docs/completion.md).</summary>
public sealed class CompletionTests
{
    private static readonly string[] Commands = ["check", "compare", "design", "feeds", "fit", "run", "systems"];

    [Fact]
    public void Suggest_with_no_word_lists_every_command()
    {
        var run = CliRunner.Run("[suggest:10]", "sxcascade ");
        Assert.True(run.Code == 0, run.ToString());
        var lines = run.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        foreach (var command in Commands) Assert.Contains(command, lines);
    }

    [Fact]
    public void Suggest_completes_a_command_and_an_option()
    {
        var command = CliRunner.Run("[suggest:12]", "sxcascade ru");
        Assert.Equal(["run"], command.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        // the cursor at the end of "--jso" (19 characters in): only the option that starts so
        var option = CliRunner.Run("[suggest:19]", "sxcascade run --jso");
        Assert.Equal(["--json"], option.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }
}
