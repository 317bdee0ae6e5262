using System.Text.RegularExpressions;

namespace SxCascade.Cli.Tests;

/// <summary>
/// What the program prints cites documents a user has: the repository's docs/, never the project's
/// shared notes (MODEL.md, FORMAT.md, shared/data/…), which are not in the repository.
/// </summary>
public sealed class DocCitationTests
{
    /// <summary>Every string literal of the C# sources under src/ (comments and XML docs left out), with its file and line.</summary>
    private static IEnumerable<(string File, int Line, string Text)> Literals()
    {
        string src = Path.Combine(ExternalProcess.RepositoryRoot(), "src");
        foreach (var file in Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories))
        {
            if (file.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") || file.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}")) continue;
            var lines = File.ReadAllLines(file);
            for (int i = 0; i < lines.Length; i++)
            {
                string code = lines[i].TrimStart();
                if (code.StartsWith("//", StringComparison.Ordinal)) continue;
                foreach (Match m in Regex.Matches(lines[i], "\"((?:[^\"\\\\]|\\\\.)*)\""))
                    yield return (Path.GetRelativePath(src, file), i + 1, m.Groups[1].Value);
            }
        }
    }

    [Fact]
    public void No_message_cites_a_document_outside_the_repository()
    {
        var bad = Literals()
            .Where(l => Regex.IsMatch(l.Text, @"(?<!docs/)\b(MODEL|FORMAT|STYLE)\.md|shared/"))
            .Select(l => $"src/{l.File}:{l.Line}: {l.Text}")
            .ToList();
        Assert.True(bad.Count == 0, "cite docs/model.md, docs/format.md or docs/library.md instead:\n" + string.Join("\n", bad));
    }

    [Fact]
    public void Every_cited_docs_section_exists()
    {
        string root = ExternalProcess.RepositoryRoot();
        var cited = Literals()
            .SelectMany(l => Regex.Matches(l.Text, @"docs/([a-z]+\.md)(?: §(\d+(?:\.\d+)?))?").Select(m => (l, Doc: m.Groups[1].Value, Section: m.Groups[2].Value)))
            .ToList();
        Assert.NotEmpty(cited); // the summary's "docs/model.md §4" at least
        var missing = new List<string>();
        foreach (var (l, doc, section) in cited)
        {
            string path = Path.Combine(root, "docs", doc);
            if (!File.Exists(path)) { missing.Add($"src/{l.File}:{l.Line}: docs/{doc} does not exist"); continue; }
            // "§3.2" is the heading "### 3.2 …", "§5" the heading "## 5. …"
            if (section.Length > 0 && !File.ReadLines(path).Any(h => Regex.IsMatch(h, $@"^#+ {Regex.Escape(section)}[. ]")))
                missing.Add($"src/{l.File}:{l.Line}: docs/{doc} has no section {section}");
        }
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }
}
