using System.Globalization;
using System.Text;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// <c>fit</c> on data that once crashed it: more rows than an n×n matrix can hold (46,341² &gt;
/// 2³¹ − 1) and values far outside a laboratory's (pH 1e300).
/// </summary>
public sealed class FitLimitTests : IDisposable
{
    private readonly string _dir = FreshTempPath();

    public FitLimitTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    [Fact]
    public void Forty_six_thousand_rows_are_fitted_in_linear_memory()
    {
        // exact data log10 D = -2.1 + 2.6·pH + 2.9·log10 e; 46,341 rows: 46,341² = 2,147,488,281 > int.MaxValue
        const int rows = 46_341;
        var text = new StringBuilder("element,ph,extractant [mol/L],d\n");
        double[] extractants = [0.2, 0.5, 1.0];
        for (int i = 0; i < rows; i++)
        {
            double ph = 0.5 + (i % 40) * 0.05, e = extractants[i % 3];
            text.Append(string.Create(CultureInfo.InvariantCulture, $"Pr,{ph:R},{e:R},{Math.Pow(10, -2.1 + 2.6 * ph + 2.9 * Math.Log10(e)):R}\n"));
        }
        string path = Path.Combine(_dir, "rows.csv");
        File.WriteAllText(path, text.ToString());

        var run = Run("fit", path, "--json");

        Assert.True(run.Code == 0, run.ToString());
        using var json = run.Json();
        Assert.Equal(rows, json.RootElement.GetProperty("points").GetInt32());
        var pr = json.RootElement.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("element").GetString() == "Pr");
        var values = pr.GetProperty("coefficients").EnumerateArray().ToDictionary(c => c.GetProperty("term").GetString()!, c => c.GetProperty("value").GetDouble());
        Assert.Equal(-2.1, values["constant"], 1e-9);
        Assert.Equal(2.6, values["ph"], 1e-9);
        Assert.Equal(2.9, values["log-extractant"], 1e-9);
    }

    [Theory]
    [InlineData("element,ph,extractant [mol/L],d\nPr,0.5,0.25,0.01\nPr,1e300,0.25,0.1\nPr,1.5,0.25,1\n", 3, 4, "ph: 1e300 is outside the accepted range -3 to 16")]
    [InlineData("element,h [mol/L],extractant [mol/L],d\nPr,0.1,0.25,0.01\nPr,1e-300,0.25,0.1\nPr,0.01,0.25,1\n", 3, 4, "gives pH = 300, outside the accepted range -3 to 16")]
    [InlineData("element,ph,extractant [mol/L],d\nPr,0.5,0.25,0.01\nPr,1,1e300,0.1\nPr,1.5,0.25,1\n", 3, 6, "free extractant 1E+300 is above the accepted 100 mol/L")]
    [InlineData("element,ph,extractant [mol/L],d\nPr,0.5,0.25,0.01\nPr,1,0.25,1e300\nPr,1.5,0.25,1\n", 3, 11, "D = 1E+300 is outside the accepted range 1e-30 to 1e30")]
    public void A_value_outside_its_range_is_an_error_at_its_field(string csv, int line, int column, string message)
    {
        string path = Path.Combine(_dir, "range.csv");
        File.WriteAllText(path, csv);

        var run = Run("fit", path);

        Assert.True(run.Code == 2, run.ToString());
        string first = run.Stderr.Split('\n')[0];
        Assert.StartsWith($"{path}:{line}:{column}: ", first);
        Assert.Contains(message, first);
        NoStackTrace(run.Stderr);
    }
}
