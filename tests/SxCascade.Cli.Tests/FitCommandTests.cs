using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.Json;
using YamlDotNet.RepresentationModel;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary><c>sxcascade fit DATA.csv</c>: coefficients recovered from exact data, the YAML block, files, errors, help.</summary>
public sealed class FitCommandTests : IDisposable
{
    private readonly string _dir = FreshTempPath();

    public FitCommandTests() => Directory.CreateDirectory(_dir);

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static readonly double[] Phs = [0.5, 1.0, 1.5, 2.0];
    private static readonly double[] Extractants = [0.2, 0.5, 1.0];

    // exact log-d laws: log10 D = a + b·pH + c·log10 e
    private static readonly (string Element, double A, double B, double C)[] LogDLaws = [("Pr", -2.1, 2.6, 2.9), ("Nd", -1.85, 1.94, 2.5)];

    private string Csv(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        return path;
    }

    /// <summary>A data file of exact values: "element,ph,extractant [mol/L],d", D written with 17 digits.</summary>
    private string ExactData(Func<string, double, double, double> logD, IEnumerable<string> elements, double[]? extractants = null, string name = "exact.csv")
    {
        var lines = new List<string> { "element,ph,extractant [mol/L],d" };
        foreach (var element in elements)
            foreach (double e in extractants ?? Extractants)
                foreach (double ph in Phs)
                    lines.Add(string.Create(CultureInfo.InvariantCulture, $"{element},{ph},{e},{Math.Pow(10, logD(element, ph, e)):R}"));
        return Csv(name, string.Join("\n", lines) + "\n");
    }

    private string ExactLogD() => ExactData((el, ph, e) =>
    {
        var (_, a, b, c) = LogDLaws.Single(l => l.Element == el);
        return a + b * ph + c * Math.Log10(e);
    }, LogDLaws.Select(l => l.Element));

    private static JsonElement ElementOf(JsonDocument fit, string element) =>
        fit.RootElement.GetProperty("elements").EnumerateArray().Single(e => e.GetProperty("element").GetString() == element);

    private static Dictionary<string, double> Coefficients(JsonElement element) =>
        element.GetProperty("coefficients").EnumerateArray().ToDictionary(c => c.GetProperty("term").GetString()!, c => c.GetProperty("value").GetDouble());

    /// <summary>The YAML block of the report: from the paste comment to the end of stdout.</summary>
    private static string Block(string stdout)
    {
        int start = stdout.IndexOf("# paste under chemistry: (model: mass-action)\n", StringComparison.Ordinal);
        Assert.True(start >= 0, stdout);
        int end = stdout.IndexOf("\n\n", start, StringComparison.Ordinal);
        return end < 0 ? stdout[start..] : stdout[start..(end + 1)];
    }

    [Fact]
    public void Exact_log_d_data_gives_back_its_coefficients()
    {
        var run = Run("fit", ExactLogD(), "--json");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        using var json = run.Json();
        Assert.Equal("sxcascade-fit/1", json.RootElement.GetProperty("format").GetString());
        Assert.Equal("log-d", json.RootElement.GetProperty("law").GetString());
        Assert.Equal(24, json.RootElement.GetProperty("points").GetInt32());   // 2 elements × 4 pH × 3 extractants
        foreach (var (element, a, b, c) in LogDLaws)
        {
            var fit = ElementOf(json, element);
            var values = Coefficients(fit);
            Assert.Equal(["constant", "ph", "log-extractant"], values.Keys);
            Assert.Equal(a, values["constant"], 1e-6);
            Assert.Equal(b, values["ph"], 1e-6);
            Assert.Equal(c, values["log-extractant"], 1e-6);
            Assert.Equal(1, fit.GetProperty("r_squared").GetDouble(), 1e-9);
            Assert.True(fit.GetProperty("rms").GetDouble() < 1e-9);
            Assert.Equal(12, fit.GetProperty("points").GetInt32());
        }
    }

    [Fact]
    public void The_report_prints_the_coefficients_and_the_block_to_paste()
    {
        var file = ExactLogD();
        var run = Run("fit", file);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal("", run.Stderr);
        Assert.StartsWith($"Fit of {file}: log-d law, 24 points, 2 elements (Pr, Nd)\n", run.Stdout);
        Assert.Matches(@"\nNd: 12 points, R² 1\.0+, RMS \S+ \(log10 D\)\n", run.Stdout);
        Assert.Matches(@"\n  term +value +standard error\n  constant +-1\.850 +\S+\n  ph +1\.940 +\S+\n  log-extractant +2\.500 +\S+\n", run.Stdout);
        Assert.EndsWith(
            "# paste under chemistry: (model: mass-action)\n"
            + "elements:\n"
            + "  Pr: {log-d: {constant: -2.1, ph: 2.6, log-extractant: 2.9}}\n"
            + "  Nd: {log-d: {constant: -1.85, ph: 1.94, log-extractant: 2.5}}\n",
            run.Stdout);
    }

    [Fact]
    public void The_printed_block_is_a_yaml_mapping_of_elements_and_their_laws()
    {
        var run = Run("fit", ExactLogD(), "--terms", "constant,ph,log-extractant,ph-extractant");
        Assert.True(run.Code == 0, run.ToString());

        var stream = new YamlStream();
        stream.Load(new StringReader(Block(run.Stdout)));
        var root = Assert.IsType<YamlMappingNode>(Assert.Single(stream.Documents).RootNode);
        var elements = Assert.IsType<YamlMappingNode>(Assert.Single(root.Children, c => c.Key.ToString() == "elements").Value);
        Assert.Equal(["Pr", "Nd"], elements.Children.Keys.Select(k => k.ToString()));
        var nd = Assert.IsType<YamlMappingNode>(elements["Nd"]);
        var logD = Assert.IsType<YamlMappingNode>(Assert.Single(nd.Children, c => c.Key.ToString() == "log-d").Value);
        Assert.Equal(["constant", "ph", "log-extractant", "ph-extractant"], logD.Children.Keys.Select(k => k.ToString()));
        Assert.Equal(-1.85, double.Parse(logD["constant"].ToString(), CultureInfo.InvariantCulture), 1e-6);
        Assert.Equal(0, double.Parse(logD["ph-extractant"].ToString(), CultureInfo.InvariantCulture), 1e-6);   // not in the data
    }

    [Fact]
    public void The_printed_block_pasted_into_a_flowsheet_passes_check()
    {
        var fit = Run("fit", ExactLogD());
        Assert.True(fit.Code == 0, fit.ToString());
        var indented = string.Concat(Block(fit.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));
        var flowsheet = File.ReadAllText(Flowsheet("mass-action-d2ehpa.yaml"));
        int start = flowsheet.IndexOf("  elements:\n", StringComparison.Ordinal);
        int end = flowsheet.IndexOf("feeds:", StringComparison.Ordinal);
        string pasted = Path.Combine(_dir, "pasted.yaml");
        File.WriteAllText(pasted, flowsheet[..start] + indented + flowsheet[end..]);

        var check = Run("check", pasted);

        Assert.True(check.Code == 0, check + "\n" + File.ReadAllText(pasted));
    }

    [Fact]
    public void Exact_log_k_data_gives_back_log_k_and_the_extractant_order()
    {
        // log10 D = -1.2 + 3·log10 e + 3·pH (z = 3)
        var file = ExactData((_, ph, e) => -1.2 + 3 * Math.Log10(e) + 3 * ph, ["Nd"]);
        var run = Run("fit", file, "--law", "log-k", "--json");

        Assert.True(run.Code == 0, run.ToString());
        using var json = run.Json();
        var values = Coefficients(ElementOf(json, "Nd"));
        Assert.Equal(["log-k", "extractant-order"], values.Keys);
        Assert.Equal(-1.2, values["log-k"], 1e-6);
        Assert.Equal(3, values["extractant-order"], 1e-6);
        Assert.Equal("Nd: {log-k: -1.2, extractant-order: 3}", ElementOf(json, "Nd").GetProperty("yaml").GetString());
    }

    [Fact]
    public void With_one_extractant_log_k_takes_the_order_from_the_charge_and_predicts_the_data()
    {
        // log10 D = -1.2 + 3·log10(0.5) + 3·pH: log-k must come out as -1.2, not -1.2 + 3·log10(0.5) = -2.103
        var file = ExactData((_, ph, e) => -1.2 + 3 * Math.Log10(e) + 3 * ph, ["Nd"], [0.5]);
        string dir = Path.Combine(_dir, "out");
        var run = Run("fit", file, "--law", "log-k", "--out", dir);

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("  Nd: {log-k: -1.2}\n", run.Stdout);
        Assert.Contains("z = 3 (charge of Nd); extractant-order = z (the extractant is the same in every row)", run.Stdout);
        var residuals = File.ReadAllLines(Path.Combine(dir, "fit.csv")).Skip(1).Select(l => double.Parse(l.Split(',')[^1], CultureInfo.InvariantCulture));
        Assert.All(residuals, r => Assert.True(Math.Abs(r) < 1e-9, $"residual {r}"));
    }

    [Fact]
    public void Bad_rows_give_exit_code_2_and_every_problem_as_file_line_column()
    {
        var file = Csv("bad.csv", """
            element,ph,extractant [mol/L],d
            Nd,1.0,0.5,2
            Nb,1.0,0.5,2
            Nd,1.0,0.5,-2
            Nd,x,0,2
            """);

        var run = Run("fit", file, "--out", Path.Combine(_dir, "out"), "--write", Path.Combine(_dir, "el.yaml"));

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Stdout);
        var lines = run.Stderr.TrimEnd('\n').Split('\n');
        Assert.Equal(4, lines.Length);
        Assert.StartsWith($"{file}:3:1: unknown element 'Nb'", lines[0]);
        Assert.StartsWith($"{file}:4:12: d must be > 0", lines[1]);
        Assert.StartsWith($"{file}:5:4: ph: 'x' is not a number", lines[2]);
        Assert.StartsWith($"{file}:5:6: extractant must be > 0", lines[3]);
        NoStackTrace(run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(_dir, "out")));   // nothing written
        Assert.False(File.Exists(Path.Combine(_dir, "el.yaml")));
    }

    [Fact]
    public void A_missing_column_is_reported_at_line_1()
    {
        var run = Run("fit", Csv("nocol.csv", "element,ph,d\nNd,1,2\n"));

        Assert.Equal(2, run.Code);
        Assert.StartsWith(Path.Combine(_dir, "nocol.csv") + ":1:1: missing column 'extractant'", run.Stderr);
    }

    [Fact]
    public void An_element_with_fewer_points_than_coefficients_is_an_error_naming_it()
    {
        var file = Csv("few.csv", """
            element,ph,extractant,d
            Pr,1,0.5,2
            Pr,2,0.25,20
            Pr,1.5,1,9
            Nd,1,0.5,2
            Nd,2,0.25,20
            """);

        var run = Run("fit", file);

        Assert.Equal(2, run.Code);
        Assert.Equal("", run.Stdout);
        Assert.Equal($"{file}:5:1: Nd has 2 data points, fewer than the 3 coefficients of its log-d law (constant, ph, log-extractant); "
            + "add rows for Nd or fit fewer terms with --terms\n", run.Stderr);
    }

    [Fact]
    public void Terms_the_data_cannot_tell_apart_are_an_error_naming_the_element()
    {
        var file = ExactData((_, ph, e) => -1 + 2 * ph, ["Nd"], [0.5]);

        var run = Run("fit", file, "--terms", "constant,ph,log-extractant");

        Assert.Equal(2, run.Code);
        Assert.Contains(":2:1: Nd: the extractant is 0.5000 mol/L in every row, so constant and log-extractant cannot both be fitted", run.Stderr);
    }

    [Theory]
    [InlineData("--terms", "constant,phh", "--terms: unknown term 'phh'; did you mean 'ph'?")]
    [InlineData("--terms", "ph,ph", "--terms: 'ph' is given twice")]
    [InlineData("--law", "log-x", "Argument 'log-x' not recognized")]
    public void A_bad_option_is_a_usage_error(string option, string value, string message)
    {
        var run = Run("fit", ExactLogD(), option, value);

        Assert.Equal(2, run.Code);
        Assert.Contains(message, run.Stderr);
        Assert.Contains("Try 'sxcascade fit --help'", run.Stderr);
    }

    [Fact]
    public void Leaving_out_the_extractant_when_it_varies_is_a_warning()
    {
        var file = ExactLogD();
        var run = Run("fit", file, "--terms", "constant,ph");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("  Nd: {log-d: {constant: ", run.Stdout);
        Assert.Equal(
            $"{file}: warning: Pr: the extractant varies (0.2000 to 1.000 mol/L) but no extractant term is fitted (--terms); the law averages over it\n"
            + $"{file}: warning: Nd: the extractant varies (0.2000 to 1.000 mol/L) but no extractant term is fitted (--terms); the law averages over it\n",
            run.Stderr);
    }

    [Fact]
    public void Terms_do_not_apply_to_the_log_k_law()
    {
        var run = Run("fit", ExactLogD(), "--law", "log-k", "--terms", "constant");

        Assert.Equal(2, run.Code);
        Assert.Contains("sxcascade: --terms selects the terms of the log-d law", run.Stderr);
    }

    [Fact]
    public void Log_k_needs_the_extractant_in_mol_per_litre()
    {
        var file = Csv("pct.csv", "element,ph,extractant [% v/v],d\nY,1,10,2\nY,2,20,30\nY,3,10,50\n");

        var run = Run("fit", file, "--law", "log-k");

        Assert.Equal(2, run.Code);
        Assert.StartsWith($"{file}:1:12: the log-k law takes the free extractant in mol/L", run.Stderr);

        var logD = Run("fit", file, "--terms", "constant,ph");
        Assert.True(logD.Code == 0, logD.ToString());
        Assert.Contains("  Y: {log-d: {constant: ", logD.Stdout);
        Assert.Contains("}, extractant-unit: '% v/v'}\n", logD.Stdout);
    }

    [Fact]
    public void The_old_name_yaml_still_writes_the_block_and_says_it_is_deprecated()
    {
        var file = ExactLogD();
        string written = Path.Combine(_dir, "by-write.yaml"), old = Path.Combine(_dir, "by-yaml.yaml");

        var byWrite = Run("fit", file, "--write", written);
        var byYaml = Run("fit", file, "--yaml", old);

        Assert.True(byYaml.Code == 0, byYaml.ToString());
        Assert.Equal(File.ReadAllText(written), File.ReadAllText(old));
        Assert.Equal("", byWrite.Stderr);
        Assert.Equal("sxcascade: warning: --yaml is deprecated; use --write (same meaning)\n", byYaml.Stderr);
    }

    [Fact]
    public void Out_writes_the_figure_and_the_residual_table_and_yaml_writes_the_block()
    {
        var file = ExactLogD();
        string dir = Path.Combine(_dir, "results", "fit");
        string yaml = Path.Combine(_dir, "elements.yaml");

        var run = Run("fit", file, "--out", dir, "--write", yaml);

        Assert.True(run.Code == 0, run.ToString());
        Assert.EndsWith($"\nWrote 4 files:\n  {yaml}\n  {Path.Combine(dir, "fit.png")}\n  {Path.Combine(dir, "fit.svg")}\n  {Path.Combine(dir, "fit.csv")}\n", run.Stdout);
        Assert.Equal(Block(run.Stdout), File.ReadAllText(yaml));
        Assert.True(new FileInfo(Path.Combine(dir, "fit.png")).Length > 1000);
        Assert.Contains("<svg", File.ReadAllText(Path.Combine(dir, "fit.svg")));
        var csv = File.ReadAllLines(Path.Combine(dir, "fit.csv"));
        Assert.Equal("element,line,ph [-],free_extractant [mol/L],log10_d_measured [-],log10_d_fitted [-],residual [-]", csv[0]);
        Assert.Equal(25, csv.Length);                                   // header + 24 points
        Assert.StartsWith("Pr,2,0.5,0.2,", csv[1]);
        Assert.Empty(Directory.GetFileSystemEntries(_dir, ".*"));         // no staging left behind
    }

    [Fact]
    public void Json_keeps_stdout_for_the_document_and_lists_the_files_on_stderr()
    {
        string dir = Path.Combine(_dir, "out");
        var run = Run("fit", ExactLogD(), "--json", "--out", dir);

        Assert.True(run.Code == 0, run.ToString());
        using var json = run.Json();
        Assert.StartsWith("# paste under chemistry", json.RootElement.GetProperty("yaml").GetString());
        Assert.StartsWith("Wrote 3 files:\n", run.Stderr);
    }

    [Fact]
    public void Help_describes_the_options_with_examples()
    {
        var run = Run("fit", "--help");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("Usage:\n  sxcascade fit <DATA> [options]", run.Stdout);
        foreach (var option in new[] { "--law <log-d|log-k>", "--terms <TERMS>", "--write, --yaml <FILE>", "-o, --out <DIR>", "--json" })
            Assert.Contains(option, run.Stdout);
        Assert.Contains("Examples:\n  sxcascade fit flowsheets/data/shake-test-example.csv\n", run.Stdout);
        Assert.Contains("Exit codes:", run.Stdout);
        Assert.Matches(@"\n  fit <DATA> +Fit log-k or log-d", Run("--help").Stdout);
    }

    [Fact]
    public void The_example_data_gives_back_the_law_it_was_generated_from()
    {
        // flowsheets/data/README.md: log10 D = a + b·pH + c·log10 e with uniform noise in ±0.02, recovered to within 0.02
        var run = Run("fit", ExampleData(), "--json");

        Assert.True(run.Code == 0, run.ToString());
        using var json = run.Json();
        foreach (var (element, a, b, c) in new[] { ("Pr", -2.10, 2.60, 2.90), ("Nd", -1.80, 2.70, 3.00), ("Sm", -0.95, 2.80, 3.00) })
        {
            var values = Coefficients(ElementOf(json, element));
            Assert.Equal(a, values["constant"], 0.02);
            Assert.Equal(b, values["ph"], 0.02);
            Assert.Equal(c, values["log-extractant"], 0.02);
        }
    }

    /// <summary>flowsheets/data/shake-test-example.csv in the source tree this test was compiled from.</summary>
    private static string ExampleData([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "flowsheets", "data", "shake-test-example.csv"));
}
