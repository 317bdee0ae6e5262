using System.Text.RegularExpressions;
using SxCascade.IO;

namespace SxCascade.IO.Tests;

/// <summary>
/// Every file of corpus/ is a malformed or infeasible flowsheet. Its leading comment lines say
/// what the loader must report:
/// <c># expect: LINE:COLUMN substring</c> (or <c># expect: --set:K:1 substring</c>) per error, and
/// <c># set: PATH=VALUE</c> per command-line override. The loader must report exactly these errors,
/// all at once, each at that line and column with that text in its message.
/// Files named semantic-*.yaml need the semantic FlowsheetValidator of Core.
/// </summary>
public sealed partial class ErrorCorpusTests
{
    private static readonly string CorpusDirectory = Path.Combine(AppContext.BaseDirectory, "corpus");

    public static TheoryData<string> StructuralFiles => Files(semantic: false);

    public static TheoryData<string> SemanticFiles => Files(semantic: true);

    private static TheoryData<string> Files(bool semantic)
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(CorpusDirectory, "*.yaml").Order(StringComparer.Ordinal))
        {
            if (Path.GetFileName(path).StartsWith("semantic-", StringComparison.Ordinal) == semantic)
                data.Add(Path.GetFileName(path));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(StructuralFiles))]
    public void Structural_error_is_reported_at_its_line_and_column(string file) => Check(file);

    [Theory]
    [Trait("Needs", "FlowsheetValidator")]
    [MemberData(nameof(SemanticFiles))]
    public void Semantic_issue_is_reported_at_the_key_of_its_path(string file) => Check(file);

    [Fact]
    public void Corpus_holds_at_least_thirty_files_and_each_expects_an_error()
    {
        var files = Directory.GetFiles(CorpusDirectory, "*.yaml");
        Assert.True(files.Length >= 30, $"only {files.Length} corpus files");
        Assert.All(files, f => Assert.NotEmpty(Expectations(File.ReadAllLines(f))));
    }

    private sealed record Expected(bool FromSet, int Line, int Column, string Text)
    {
        public bool Matches(FlowsheetError e, string path) =>
            (FromSet ? e.File == "--set" : e.File == path) && e.Line == Line && e.Column == Column
            && e.Message.Contains(Text, StringComparison.Ordinal);

        public override string ToString() => $"{(FromSet ? "--set:" : "")}{Line}:{Column} {Text}";
    }

    [GeneratedRegex(@"^# expect: (--set:)?(\d+):(\d+) (.+)$")]
    private static partial Regex ExpectLine();

    private static List<Expected> Expectations(string[] lines) =>
        lines.Select(l => ExpectLine().Match(l.TrimEnd()))
             .Where(m => m.Success)
             .Select(m => new Expected(m.Groups[1].Success, int.Parse(m.Groups[2].Value), int.Parse(m.Groups[3].Value), m.Groups[4].Value))
             .ToList();

    private static void Check(string file)
    {
        var path = Path.Combine(CorpusDirectory, file);
        var lines = File.ReadAllLines(path);
        var overrides = lines.Where(l => l.StartsWith("# set: ", StringComparison.Ordinal)).Select(l => l["# set: ".Length..].TrimEnd()).ToList();
        var expected = Expectations(lines);

        var result = FlowsheetLoader.LoadFile(path, overrides);

        var report = "reported:\n  " + string.Join("\n  ", result.Errors) + "\nexpected:\n  " + string.Join("\n  ", expected);
        Assert.False(result.Ok, report);
        var unmatched = result.Errors.ToList();
        foreach (var e in expected)
        {
            var hit = unmatched.FirstOrDefault(actual => e.Matches(actual, path));
            Assert.True(hit is not null, $"missing {e}\n{report}");
            unmatched.Remove(hit!);
        }
        Assert.True(unmatched.Count == 0, $"unexpected errors\n{report}");

        // sorted: the file's errors by line and column, then those of --set
        var keys = result.Errors.Select(e => (e.File == "--set" ? 1 : 0, e.Line, e.Column)).ToList();
        Assert.Equal(keys.Order(), keys);
        Assert.All(result.Errors, e => Assert.DoesNotContain("Exception", e.Message, StringComparison.Ordinal));
    }
}
