using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// NO_COLOR (https://no-color.org) holds trivially: no command writes an escape character (U+001B), neither in
/// help nor in reports nor in errors (docs/cli.md, Errors).
/// </summary>
public sealed class NoColourTests
{
    public static TheoryData<string[]> Invocations() => new()
    {
        new[] { "--help" },
        new[] { "run", "--help" },
        new[] { "check", "--help" },
        new[] { "design", "--help" },
        new[] { "compare", "--help" },
        new[] { "fit", "--help" },
        new[] { "systems" },
        new[] { "feeds" },
        new[] { "check", Flowsheet("prnd-p507.yaml") },
        new[] { "run", Flowsheet("kremser-constant-d.yaml") },
        new[] { "run", Flowsheet("prnd-p507.yaml"), "--set", "cascades.PrNd.scrub.stages=x" },
        new[] { "run", "--jsn", Flowsheet("prnd-p507.yaml") },
        new[] { "check", Corpus("does-not-exist.yaml") },
        Array.Empty<string>(),
    };

    [Theory]
    [MemberData(nameof(Invocations))]
    public void No_output_holds_an_escape_character(string[] args)
    {
        var run = Run(args);

        Assert.True(run.Stdout.Length + run.Stderr.Length > 0, run.ToString());
        Assert.DoesNotContain('\u001b', run.Stdout);
        Assert.DoesNotContain('\u001b', run.Stderr);
    }
}
