using System.Globalization;
using System.Text.Json;

namespace SxCascade.Cli.Tests;

/// <summary>
/// The two scripting recipes of docs/api.md run as a user would: the .NET file-based app
/// examples/scan-scrub-stages.cs (<c>dotnet run</c>), and the pandas recipe docs/recipes/tidy_results.py
/// on the outputs of <c>run --out</c>, with the machine's python3 (CI installs Debian's python3-pandas,
/// .ci/run; elsewhere the test skips itself, with a notice, where no python3 has pandas).
/// </summary>
public sealed class ScriptingRecipeTests : IDisposable
{
    private readonly string _dir = CliRunner.FreshTempPath();

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>The purity of <paramref name="element"/> in <paramref name="stream"/> as <c>run --json</c> gives it.</summary>
    private static double RunPurity(string stream, string element, params string[] set)
    {
        var run = CliRunner.Run(["run", CliRunner.Flowsheet("prnd-p507.yaml"), "--json", .. set.SelectMany(s => new[] { "--set", s })]);
        Assert.True(run.Code == 0, run.ToString());
        using var json = run.Json();
        return CliRunner.Stream(json, stream).GetProperty("purity").GetProperty(element).GetDouble();
    }

    [Fact]
    public void The_file_based_example_scans_the_scrub_stages_as_run_would_solve_them()
    {
        string root = ExternalProcess.RepositoryRoot();
        var scan = ExternalProcess.Run(ExternalProcess.DotnetHost, ["run", Path.Combine("examples", "scan-scrub-stages.cs")], root,
            timeout: TimeSpan.FromMinutes(5));
        Assert.True(scan.Code == 0, scan.ToString());
        var lines = scan.Stdout.TrimEnd('\n').Split('\n');
        Assert.Equal("scrub_stages,stream,element,purity,recovery,converged", lines[0]);
        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        Assert.Equal(6 * 2, rows.Count);                    // scrub stages 20, 24, …, 40; two specs each
        Assert.All(rows, r => Assert.Equal("true", r[5]));
        var nd = rows.Where(r => r[1] == "PrNd.strip-liquor" && r[2] == "Nd")
            .Select(r => (Stages: int.Parse(r[0], CultureInfo.InvariantCulture), Purity: double.Parse(r[3], CultureInfo.InvariantCulture))).ToList();
        Assert.Equal([20, 24, 28, 32, 36, 40], nd.Select(p => p.Stages));
        // more scrub stages wash more Pr out of the loaded organic: the strip liquor's Nd purity rises
        Assert.All(nd.Zip(nd.Skip(1)), p => Assert.True(p.Second.Purity > p.First.Purity, $"{p.First} then {p.Second}"));
        // the file's own 32 stages: the number sxcascade run prints, to the last digit
        Assert.Equal(RunPurity("PrNd.strip-liquor", "Nd"), nd.Single(p => p.Stages == 32).Purity);
        Assert.Equal(RunPurity("PrNd.strip-liquor", "Nd", "cascades.PrNd.scrub.stages=24"), nd.Single(p => p.Stages == 24).Purity);
    }

    /// <summary>A python3 that imports pandas: the one on PATH, else Debian's /usr/bin/python3 (where python3-pandas installs); null when none has it.</summary>
    private static string? PythonWithPandas()
    {
        foreach (var python in new[] { "python3", "/usr/bin/python3" })
        {
            try
            {
                if (ExternalProcess.Run(python, ["-c", "import pandas"], timeout: TimeSpan.FromMinutes(1)).Code == 0) return python;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // not installed
            }
        }
        return null;
    }

    [SkippableFact(DisplayName = "The pandas recipe makes tidy long tables of run --out "
        + "(skipped where no python3 has pandas: apt-get install python3-pandas; required under CI=true)")]
    public void The_pandas_recipe_makes_tidy_tables_with_the_element_as_a_column()
    {
        string? python = PythonWithPandas();
        if (python is null && CompareHtmlReportChromiumTests.RequiresChromium(Environment.GetEnvironmentVariable("CI")))
            Assert.Fail("CI=true: no python3 with pandas; CI must run this test (.ci/run installs the Debian package python3-pandas).");
        Skip.If(python is null, "SKIPPED: no python3 with pandas (apt-get install python3-pandas); under CI=true it is required.");

        var run = CliRunner.Run("run", CliRunner.Flowsheet("prnd-p507.yaml"), "--out", _dir, "--quiet");
        Assert.True(run.Code == 0, run.ToString());
        string recipe = Path.Combine(ExternalProcess.RepositoryRoot(), "docs", "recipes", "tidy_results.py");
        var tidy = ExternalProcess.Run(python!, [recipe, _dir], timeout: TimeSpan.FromMinutes(2));
        Assert.True(tidy.Code == 0, tidy.ToString());

        var streams = File.ReadAllLines(Path.Combine(_dir, "streams_long.csv"));
        Assert.Equal("stream,kind,phase,flow,is_product,element,concentration,molar_flow,purity,recovery", streams[0]);
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(_dir, "summary.json")));
        int streamCount = summary.RootElement.GetProperty("streams").GetArrayLength();
        Assert.Equal(streamCount * 2 + 1, streams.Length);   // header + one row per stream and element (Pr, Nd)
        var strip = streams.Single(l => l.StartsWith("PrNd.strip-liquor,", StringComparison.Ordinal) && l.Split(',')[5] == "Nd").Split(',');
        double jsonPurity = CliRunner.Stream(summary, "PrNd.strip-liquor").GetProperty("purity").GetProperty("Nd").GetDouble();
        Assert.Equal(jsonPurity, double.Parse(strip[8], CultureInfo.InvariantCulture), 1e-12);

        var stages = File.ReadAllLines(Path.Combine(_dir, "stages_long.csv"));
        Assert.Equal("cascade,stage,section,element,aqueous,organic", stages[0]);
        Assert.Equal((20 + 32 + 6) * 2 + 1, stages.Length);   // (n + m + k stages of prnd-p507.yaml) × 2 elements + header
    }
}
