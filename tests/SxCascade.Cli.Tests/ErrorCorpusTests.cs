using System.Text.RegularExpressions;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// The loader's error corpus (tests/SxCascade.IO.Tests/corpus) through the CLI: each file gives exit
/// code 2, every expected location appears on stderr as FILE:LINE:COLUMN:, no stack trace, and
/// <c>--out</c> creates nothing. Header lines: <c># expect: LINE:COLUMN text</c> or
/// <c># expect: --set:K:1 text</c>, and <c># set: PATH=VALUE</c> for each override to pass.
/// </summary>
public sealed partial class ErrorCorpusTests
{
    [GeneratedRegex(@"^# expect: (--set:)?(\d+):(\d+) (.+)$")]
    private static partial Regex ExpectLine();

    public static TheoryData<string> CorpusFiles()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(Path.Combine(BaseDirectory, "corpus"), "*.yaml").Order(StringComparer.Ordinal))
            data.Add(Path.GetFileName(path));
        return data;
    }

    [Fact]
    public void The_corpus_is_there() => Assert.True(CorpusFiles().Count >= 30);

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Run_reports_every_error_at_its_location_and_writes_nothing(string name)
    {
        var path = Corpus(name);
        var lines = File.ReadAllLines(path);
        var args = new List<string> { "run", path };
        foreach (var line in lines.Where(l => l.StartsWith("# set: ", StringComparison.Ordinal)))
            args.AddRange(["--set", line["# set: ".Length..].TrimEnd()]);
        var expected = lines.Select(l => ExpectLine().Match(l.TrimEnd())).Where(m => m.Success)
            .Select(m => $"{(m.Groups[1].Success ? "--set" : path)}:{m.Groups[2].Value}:{m.Groups[3].Value}:")
            .ToList();
        Assert.NotEmpty(expected);
        var parent = FreshTempPath();
        args.AddRange(["--out", Path.Combine(parent, "out")]);

        var run = Run([.. args]);

        Assert.True(run.Code == 2, run.ToString());
        var errorLines = run.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var location in expected)
            Assert.True(errorLines.Any(l => l.StartsWith(location, StringComparison.Ordinal)), $"no error at {location}\n{run}");
        Assert.All(errorLines, l => Assert.Matches(@"^(.+\.yaml|--set):\d+:\d+: ", l));
        NoStackTrace(run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.False(Directory.Exists(parent), "--out created a directory for a flowsheet with errors");
    }

    [Theory]
    [MemberData(nameof(CorpusFiles))]
    public void Check_gives_exit_code_2(string name)
    {
        var path = Corpus(name);
        var args = new List<string> { "check", path };
        foreach (var line in File.ReadAllLines(path).Where(l => l.StartsWith("# set: ", StringComparison.Ordinal)))
            args.AddRange(["--set", line["# set: ".Length..].TrimEnd()]);

        var run = Run([.. args]);

        Assert.True(run.Code == 2, run.ToString());
        Assert.NotEqual("", run.Stderr);
        NoStackTrace(run.Stderr);
    }
}
