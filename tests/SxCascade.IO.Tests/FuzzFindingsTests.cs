using System.Text;
using System.Text.RegularExpressions;
using SxCascade.IO;

namespace SxCascade.IO.Tests;

/// <summary>
/// Inputs the fuzzer (fuzz/run.sh) found to crash the loader, kept byte for byte in fuzz-findings/
/// (the corpus/ files are readable reductions of earlier ones). Each input is the flowsheet text,
/// then optional NUL-separated <c>--set</c> overrides, as the fuzz target reads it. The loader must
/// answer each with errors, never an exception, and every error must point into the text: a line
/// that exists (YAML counts CR, LF, CR LF, NEL, LS and PS as line breaks) and a column ≥ 1.
/// </summary>
public sealed class FuzzFindingsTests
{
    private static readonly string Directory_ = Path.Combine(AppContext.BaseDirectory, "fuzz-findings");

    public static TheoryData<string> Findings()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Directory_).Order(StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [Theory]
    [MemberData(nameof(Findings))]
    public void Fuzzer_finding_is_answered_with_errors_inside_the_text(string file)
    {
        var parts = Encoding.UTF8.GetString(File.ReadAllBytes(Path.Combine(Directory_, file))).Split('\0');
        var result = FlowsheetLoader.Parse(parts[0], file, parts[1..]);

        Assert.NotEmpty(result.Errors);
        int lines = Regex.Split(parts[0], "\r\n|[\r\n\u0085\u2028\u2029]").Length;
        foreach (var e in result.Errors.Where(e => e.File == file))
        {
            Assert.InRange(e.Line, 1, lines);
            Assert.True(e.Column >= 1, e.ToString());
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
        }
    }

    [Fact]
    public void Carriage_returns_end_lines_in_error_positions()
    {
        // "a: 1" CR "b" CR "c: 2": YAML reads three lines; 'b' has no ':' so the plain scalar "b c"
        // runs on into line 3 — the error is at a line that a split on LF alone (one line) has not got
        var result = FlowsheetLoader.Parse("sxcascade: 1\rb\rc: 2\r", "cr.yaml", []);
        var e = Assert.Single(result.Errors);
        Assert.InRange(e.Line, 2, 3);
        Assert.StartsWith("invalid YAML", e.Message);
    }
}
