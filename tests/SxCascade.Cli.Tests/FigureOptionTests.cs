using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// The figure options of every command that draws (--figure-size, --dpi, --format, --no-title,
/// --style), the PDF they write, and --deterministic.
/// </summary>
public sealed class FigureOptionTests : IDisposable
{
    private readonly List<string> _temp = [];

    public void Dispose()
    {
        foreach (var path in _temp)
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else if (File.Exists(path)) File.Delete(path);
        }
    }

    private string Temp()
    {
        string path = FreshTempPath();
        _temp.Add(path);
        return path;
    }

    public static TheoryData<string> DrawingCommands => new() { "run", "design", "compare", "fit" };

    /// <summary>The arguments of <paramref name="command"/> with --out DIR, before the figure options.</summary>
    private static string[] Arguments(string command, string dir) => command switch
    {
        "fit" => ["fit", Path.Combine(ExternalProcess.RepositoryRoot(), "flowsheets", "data", "shake-test-example.csv"), "--out", dir],
        _ => [command, Flowsheet("prnd-p507.yaml"), "--out", dir],
    };

    [Theory]
    [MemberData(nameof(DrawingCommands))]
    public void Invalid_figure_options_exit_2_naming_what_is_valid_and_write_nothing(string command)
    {
        string dir = Temp();
        var run = Run([.. Arguments(command, dir), "--figure-size", "a4", "--dpi", "10", "--format", "png,tiff"]);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains("--figure-size: 'a4' is not a figure size: use column (8.5 cm), double (17.5 cm), screen (1000 px) or WxH", run.Stderr);
        Assert.Contains("--dpi must be a whole number from 72 to 1200; got 10", run.Stderr);
        Assert.Contains("--format: 'tiff' is not a figure format: use png, svg or pdf", run.Stderr);
        Assert.Contains($"Try 'sxcascade {command} --help'", run.Stderr);
        Assert.False(Directory.Exists(dir));
        NoStackTrace(run.Stderr);
    }

    [Fact]
    public void A_bad_style_file_line_is_named_by_file_line_and_column()
    {
        string style = Temp() + ".style";
        File.WriteAllText(style, "label-size: 8\nlegend-size: huge\n");
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--out", Temp(), "--style", style);
        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains($"{style}:2:1: legend-size must be a number from 4 to 40; got 'huge'", run.Stderr);
    }

    [Fact]
    public void Column_size_writes_png_svg_and_pdf_at_the_dpi_asked()
    {
        string dir = Temp();
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--out", dir, "--quiet",
            "--figure-size", "column", "--dpi", "300", "--format", "png,svg,pdf");
        Assert.True(run.Code == 0, run.ToString());

        byte[] png = File.ReadAllBytes(Path.Combine(dir, "stage-profile.png"));
        int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        Assert.Equal(1003, width); // 321 logical px (8.5 cm) × 300/96 = 1003.1
        Assert.StartsWith("<?xml", File.ReadAllText(Path.Combine(dir, "stage-profile.svg")));
        byte[] pdf = File.ReadAllBytes(Path.Combine(dir, "stage-profile.pdf"));
        Assert.Equal("%PDF-", System.Text.Encoding.ASCII.GetString(pdf, 0, 5));
        // the page is the column: 321 px × 0.75 pt/px = 240.75 pt wide
        Assert.Contains("/MediaBox [0 0 240.7", System.Text.Encoding.Latin1.GetString(pdf)); // Skia writes 240.72
    }

    [SkippableFact(DisplayName = "The PDF holds its axis labels and power-of-ten ticks as text (pdftotext; required under CI=true)")]
    public void Pdf_holds_its_axis_labels_as_text()
    {
        string? pdftotext = new[] { "/usr/bin/pdftotext", "/usr/local/bin/pdftotext" }.FirstOrDefault(File.Exists);
        if (pdftotext is null && CompareHtmlReportChromiumTests.RequiresChromium(Environment.GetEnvironmentVariable("CI")))
            Assert.Fail("CI=true: no pdftotext; .ci/run installs the Debian package poppler-utils.");
        Skip.If(pdftotext is null, "SKIPPED: no pdftotext (apt-get install poppler-utils); under CI=true it is required.");

        string dir = Temp();
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--out", dir, "--quiet", "--format", "pdf");
        Assert.True(run.Code == 0, run.ToString());
        Assert.False(File.Exists(Path.Combine(dir, "stage-profile.png"))); // only what --format asked for

        var text = ExternalProcess.Run(pdftotext!, [Path.Combine(dir, "stage-profile.pdf"), "-"]);
        Assert.True(text.Code == 0, text.ToString());
        Assert.Contains("Concentration (mol/L)", text.Stdout);
        Assert.Contains("Stage (organic flows 1 → N)", text.Stdout);
        Assert.Contains("Pr (aq)", text.Stdout);
        Assert.Contains("10⁻³", text.Stdout);
    }

    /// <summary>Two runs as a user makes them, each its own sxcascade process.</summary>
    [Fact]
    public void Deterministic_runs_give_byte_identical_json_csv_and_svg()
    {
        string a = Temp(), b = Temp();
        foreach (var dir in new[] { a, b })
        {
            var run = ExternalProcess.Run(ExternalProcess.DotnetHost,
                [ExternalProcess.SxcascadeDll, "run", Flowsheet("prnd-p507.yaml"), "--out", dir, "--quiet", "--deterministic"]);
            Assert.True(run.Code == 0, run.ToString());
        }
        foreach (var name in new[] { "summary.json", "stages.csv", "streams.csv", "stage-profile.svg" })
            Assert.True(File.ReadAllBytes(Path.Combine(a, name)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(b, name))), $"{name} differs");
        Assert.Contains("\"solve_ms\": null", File.ReadAllText(Path.Combine(a, "summary.json")));
    }
}
