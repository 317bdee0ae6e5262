using SxCascade.IO;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// The Pr/Nd design, run twice for the whole class (about a second each): once with --write and
/// --out (the text report), once with --json.
/// </summary>
public sealed class PrNdDesignFixture : IDisposable
{
    public string Parent { get; } = FreshTempPath();

    public string Written => Path.Combine(Parent, "designed.yaml");

    public string OutDir => Path.Combine(Parent, "figures");

    internal Outcome Text { get; }

    internal Outcome Json { get; }

    public PrNdDesignFixture()
    {
        Text = Run("design", Flowsheet("prnd-p507.yaml"), "--write", Written, "--out", OutDir);
        Json = Run("design", Flowsheet("prnd-p507.yaml"), "--json");
    }

    public void Dispose()
    {
        if (Directory.Exists(Parent)) Directory.Delete(Parent, recursive: true);
    }
}

/// <summary><c>sxcascade design FILE</c>: report, designed flowsheet, JSON, figures, unreachable specs, help.</summary>
public sealed class DesignCommandTests(PrNdDesignFixture design) : IClassFixture<PrNdDesignFixture>, IDisposable
{
    private static readonly string[] Figures =
    [
        "mccabe-thiele.png", "mccabe-thiele.svg", "design-curve.png", "design-curve.svg", "stage-profile.png", "stage-profile.svg",
    ];

    private readonly string _dir = FreshTempPath();

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>n and m of the designed flowsheet, read back from the --write file.</summary>
    private (int N, int M) Stages()
    {
        var loaded = FlowsheetLoader.LoadFile(design.Written);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var c = loaded.Flowsheet!.Cascades.Single();
        return (c.ExtractionStages, c.ScrubStages);
    }

    [Fact]
    public void Design_prints_the_shortcut_and_rigorous_table_and_the_rest()
    {
        var run = design.Text;

        Assert.True(run.Code == 0, run.ToString());
        var (n, m) = Stages();
        string o = run.Stdout;
        Assert.Contains("Cut: Nd | Pr: key pair Nd/Pr, β = 1.5", o);
        Assert.Matches(@"quantity +shortcut +rigorous\n", o);
        foreach (var row in new[] { "f_A", "f'_A", "purification factor of A", "purification factor of B", "Fenske stages", "minimum scrub",
            "minimum extraction", "controlling section", "E_M", "E'_M", "feed stage" })
            Assert.Contains(row, o);
        // Xu's n, m as decimals beside the integers of the rigorous design
        Assert.Matches($@"\n  n +extraction stages +\d+\.\d\d +{n}\n", o);
        Assert.Matches($@"\n  m +scrub stages +\d+\.\d\d +{m}\n", o);
        Assert.Matches($@"\n  n\+m +stages in both sections +\d+\.\d\d +{n + m}\n", o);
        Assert.Matches($@"\n +feed stage +\d+ +{n}\n", o);
        Assert.Matches(@"controlling section +scrub", o);
        // flows, specs with the one-fewer checks, curve, reagents, effort
        Assert.Matches(@"\n  organic +\d+\.\d+\n", o);
        Assert.Matches(@"\n  scrub solution +\d+\.\d+ +3\.000\n", o);
        Assert.Matches(@"\n  strip solution \(6 stages\) +\d+\.\d+ +4\.500\n", o);
        Assert.Matches(@"PrNd\.raffinate +Pr +purity +98\.500 +\d+\.\d+ +met\n", o);
        Assert.Matches(@"PrNd\.strip-liquor +Nd +purity +99\.900 +\d+\.\d+ +met\n", o);
        Assert.Matches($@"one extraction stage fewer \(n = {n - 1}\): .* < .* — fails\n", o);
        Assert.Matches($@"one scrub stage fewer \(m = {m - 1}\): .* < .* — fails\n", o);
        Assert.Matches($@"\n  \* +\d+\.\d+ +{n} +{m} +{n + m} +\d+\.\d\d\n", o);
        Assert.Single(o.Split('\n'), l => l.StartsWith("  * ", StringComparison.Ordinal));
        Assert.Matches(@"acid \(HCl, 100 %\) +\d+\.\d+ +\d+\.\d+", o);
        Assert.Matches(@"Design: \d+ cascade simulations, \d+\.\d\d s; total \d+\.\d\d s wall", o);
        // progress on stderr, one line per point of the curve
        Assert.Matches(@"^design: S = \d+\.\d{4}: n = \d+, m = \d+, S·\(n\+m\) = \d+\.\d\d\n", run.Stderr);
        Assert.Contains("Wrote 7 files:", o);
        Assert.Contains($"  {design.Written}\n", o);
    }

    [Fact]
    public void The_written_flowsheet_meets_the_specs_and_one_stage_fewer_in_either_section_does_not()
    {
        Assert.True(design.Text.Code == 0, design.Text.ToString());
        var (n, m) = Stages();
        Assert.StartsWith("# Designed by sxcascade design from ", File.ReadAllText(design.Written));

        var met = Run("run", design.Written, "--require-specs", "--quiet");
        Assert.True(met.Code == 0, met.ToString());

        var fewerN = Run("run", design.Written, "--require-specs", "--quiet", "--set", $"cascades.PrNd.extraction.stages={n - 1}");
        Assert.True(fewerN.Code == 4, fewerN.ToString());
        var fewerM = Run("run", design.Written, "--require-specs", "--quiet", "--set", $"cascades.PrNd.scrub.stages={m - 1}");
        Assert.True(fewerM.Code == 4, fewerM.ToString());
    }

    [Fact]
    public void Json_is_one_document_with_every_part_of_the_design()
    {
        var run = design.Json;

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal("", run.Stderr); // no progress lines with --json
        using var doc = run.Json();
        var root = doc.RootElement;
        Assert.Equal(DesignJsonWriter.Format, root.GetProperty("format").GetString());
        var cut = root.GetProperty("cut");
        Assert.Equal("Nd", cut.GetProperty("heavy_key").GetString());
        Assert.Equal("Pr", cut.GetProperty("light_key").GetString());
        Assert.Equal(1.5, cut.GetProperty("beta").GetDouble());
        var shortcut = root.GetProperty("shortcut");
        foreach (var name in new[] { "product_split_a", "purification_a", "purification_b", "fenske_stages", "minimum_scrub", "minimum_extraction",
            "extraction_ratio", "scrub_ratio", "extraction", "scrub", "extraction_stages", "scrub_stages" })
            Assert.True(shortcut.GetProperty(name).GetDouble() > 0, name);
        Assert.Equal("scrub", shortcut.GetProperty("controlling_section").GetString());

        var rigorous = root.GetProperty("rigorous");
        var (n, m) = Stages();
        Assert.Equal(n, rigorous.GetProperty("extraction_stages").GetInt32());
        Assert.Equal(m, rigorous.GetProperty("scrub_stages").GetInt32());
        Assert.Equal(n, rigorous.GetProperty("feed_stage").GetInt32());
        double s = rigorous.GetProperty("extraction").GetDouble(), w = rigorous.GetProperty("scrub").GetDouble();
        Assert.True(s > shortcut.GetProperty("minimum_extraction").GetDouble());
        Assert.Equal(s - shortcut.GetProperty("product_split_a").GetDouble(), w, 12);
        var flows = rigorous.GetProperty("flows");
        // O = S·F/L: 10 mol/h of rare earths, loading 0.18 mol/L
        Assert.Equal(s * 10 / 0.18, flows.GetProperty("organic").GetDouble(), 9);
        Assert.Equal(3.0, flows.GetProperty("scrub_acid").GetDouble());
        Assert.True(flows.GetProperty("strip").GetDouble() > 0);

        Assert.All(root.GetProperty("specs").EnumerateArray(), sp => Assert.True(sp.GetProperty("met").GetBoolean()));
        var checks = root.GetProperty("fewer_stage_checks").EnumerateArray().ToList();
        Assert.Equal(["extraction", "scrub"], checks.Select(c => c.GetProperty("section").GetString()));
        Assert.All(checks, c =>
        {
            Assert.False(c.GetProperty("specs_met").GetBoolean());
            Assert.NotEmpty(c.GetProperty("failed").EnumerateArray());
        });
        var curve = root.GetProperty("curve").EnumerateArray().ToList();
        Assert.True(curve.Count >= 10);
        var chosen = Assert.Single(curve, p => p.GetProperty("chosen").GetBoolean());
        Assert.Equal(s, chosen.GetProperty("extraction").GetDouble());
        Assert.Equal(n + m, chosen.GetProperty("total_stages").GetInt32());
        Assert.All(curve.Where(p => p.GetProperty("feasible").GetBoolean()),
            p => Assert.True(p.GetProperty("objective").GetDouble() >= chosen.GetProperty("objective").GetDouble()));
        Assert.True(root.GetProperty("reagents").GetProperty("acid_kg_per_kg_oxide").GetDouble() > 0);
        Assert.True(root.GetProperty("simulations").GetInt32() > curve.Count);
    }

    [Fact]
    public void Out_writes_the_figures_all_at_once()
    {
        Assert.True(design.Text.Code == 0, design.Text.ToString());

        Assert.Equal(Figures.Order(), Directory.GetFiles(design.OutDir).Select(Path.GetFileName).Order());
        foreach (var name in Figures)
        {
            var path = Path.Combine(design.OutDir, name);
            Assert.Contains($"  {path}\n", design.Text.Stdout);
            if (name.EndsWith(".png", StringComparison.Ordinal))
                Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, File.ReadAllBytes(path)[..8]);
            else
                Assert.Contains("<svg", File.ReadAllText(path));
        }
        // nothing staged is left beside the targets
        Assert.Equal(new[] { design.Written, design.OutDir }.Order(), Directory.GetFileSystemEntries(design.Parent).Order());
    }

    [Fact]
    public void Organic_flow_fixes_S()
    {
        var run = Run("design", Flowsheet("prnd-p507.yaml"), "--organic-flow", "300 L/h", "--json");

        Assert.True(run.Code == 0, run.ToString());
        using var doc = run.Json();
        var rigorous = doc.RootElement.GetProperty("rigorous");
        Assert.Equal(300, rigorous.GetProperty("flows").GetProperty("organic").GetDouble(), 9);
        Assert.Equal(300 * 0.18 / 10, rigorous.GetProperty("extraction").GetDouble(), 12);
    }

    [Fact]
    public void Purity_one_is_an_error_at_its_line_with_the_nearest_feasible_target_and_nothing_is_written()
    {
        string written = Path.Combine(_dir, "designed.yaml"), figures = Path.Combine(_dir, "figures");

        var run = Run("design", Flowsheet("prnd-p507.yaml"), "--set", "specs.1.purity=1", "--write", written, "--out", figures);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        // the spec's purity value, line 27 of the file
        Assert.Matches(@"prnd-p507\.yaml:27:\d+: purity 1 cannot be reached .*nearest feasible target is 0\.9999", run.Stderr);
        NoStackTrace(run.Stderr);
        Assert.False(Directory.Exists(_dir));
    }

    [Fact]
    public void A_recovery_beyond_the_mass_balance_is_an_error_with_the_most_it_can_be()
    {
        Directory.CreateDirectory(_dir);
        string file = Path.Combine(_dir, "recovery.yaml");
        File.WriteAllText(file, File.ReadAllText(Flowsheet("prnd-p507.yaml")).TrimEnd('\n')
            + "\n  - { stream: PrNd.strip-liquor, element: Nd, recovery: 0.999 }\n");
        int line = File.ReadAllLines(file).Length;

        var run = Run("design", file);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Matches($@"recovery\.yaml:{line}:\d+: recovery 0\.999 in PrNd\.strip-liquor is beyond the mass balance.*ask for at most 0\.99481", run.Stderr);
    }

    [Fact]
    public void Extraction_at_or_below_the_minimum_is_an_error_with_the_minimum()
    {
        var run = Run("design", Flowsheet("prnd-p507.yaml"), "--extraction", "2");

        Assert.True(run.Code == 2, run.ToString());
        Assert.Matches(@"prnd-p507\.yaml:\d+:\d+: extraction amount S = 2 is at or below the minimum S_min = 2\.72\d? .*use S above 2\.72", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_cut_between_elements_of_equal_extractability_is_an_error()
    {
        var run = Run("design", Flowsheet("prnd-p507.yaml"), "--set", "chemistry.separation-factors.Nd=1");

        Assert.True(run.Code == 2, run.ToString());
        Assert.Matches(@"prnd-p507\.yaml:\d+:\d+: no cut can separate Nd from Pr: their separation factor is β = 1", run.Stderr);
    }

    [Fact]
    public void A_split_near_beta_1_is_refused_at_once_by_its_Fenske_minimum()
    {
        var run = Run("design", Flowsheet("prnd-p507.yaml"), "--set", "chemistry.separation-factors.Nd=1.0000001");

        Assert.True(run.Code == 2, run.ToString());
        Assert.Equal("", run.Stdout);
        // at the Nd purity spec (line 27); a = 340.9, b = 192.5: N_min = ln(65 623)/ln(1 + 1e-7) = 1.109e8
        Assert.Matches(@"prnd-p507\.yaml:27:\d+: the key pair Nd/Pr \(β = 1\.0000001\) needs at least N_min = ln\(a·b\)/ln β = 1\.109E\+08 .*" +
            @"beyond the limit of 400 stages per cascade \(--max-stages\)", run.Stderr);
        NoStackTrace(run.Stderr);
    }

    [Fact]
    public void Max_stages_bounds_the_search_and_the_message_names_it()
    {
        var refused = Run("design", Flowsheet("prnd-p507.yaml"), "--max-stages", "36");

        Assert.True(refused.Code == 2, refused.ToString());
        Assert.Contains("no cascade of up to 36 stages per cascade (--max-stages) meets the specs", refused.Stderr);
        Assert.Contains("stages would be needed", refused.Stderr);
        // the progress lines say why each S fails
        Assert.Matches(@"design: S = \d+\.\d{4}: no cascade meets the specs: n = \d+, m = \d+ \(with 6 strip stages, the limit\)", refused.Stderr);

        var met = Run("design", Flowsheet("prnd-p507.yaml"), "--max-stages", "40", "--json");
        Assert.True(met.Code == 0, met.ToString());
        using var doc = met.Json();
        var rigorous = doc.RootElement.GetProperty("rigorous");
        Assert.True(rigorous.GetProperty("total_stages").GetInt32() + rigorous.GetProperty("strip_stages").GetInt32() <= 40, rigorous.ToString());
        // infeasible points of the curve carry their limit
        Assert.All(doc.RootElement.GetProperty("curve").EnumerateArray().Where(p => !p.GetProperty("feasible").GetBoolean()),
            p => Assert.Contains("stages would be needed", p.GetProperty("limit").GetString()));
    }

    [Theory]
    [InlineData("--extraction 3|--organic-flow|225 L/h", "give --extraction or --organic-flow, not both")]
    [InlineData("--organic-flow|225 kg", "--organic-flow: unknown unit 'kg'")]
    [InlineData("--extraction|-1", "--extraction must be a positive number")]
    [InlineData("--max-stages|1", "--max-stages must be a whole number from 2 (one extraction and one scrub stage) to 10000; got 1")]
    [InlineData("--max-stages|10001", "--max-stages must be a whole number from 2")]
    public void Bad_options_are_usage_errors(string options, string expected)
    {
        var run = Run(["design", Flowsheet("prnd-p507.yaml"), .. options.Replace("--extraction 3", "--extraction|3").Split('|')]);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains(expected, run.Stderr);
        Assert.Contains("Try 'sxcascade design --help'", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Help_describes_the_options_with_examples()
    {
        var run = Run("design", "--help");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Contains("Usage:\n  sxcascade design <FILE> [options]", run.Stdout);
        foreach (var option in new[] { "--extraction <S>", "--organic-flow <FLOW>", "--json", "--write, --yaml <FILE>", "--out <DIR>", "--quiet", "--max-stages <N>", "--set <PATH=VALUE>" })
            Assert.Contains(option, run.Stdout);
        Assert.Contains("Examples:\n  sxcascade design flowsheets/prnd-p507.yaml\n", run.Stdout);
        Assert.Matches(@"\n  design <FILE> +Design a cascade", Run("--help").Stdout);
    }

    [Fact]
    public void Quiet_prints_nothing_but_the_design_still_succeeds()
    {
        var run = Run("design", Flowsheet("prnd-p507.yaml"), "--extraction", "5.4", "--quiet");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Equal("", run.Stdout);
        Assert.Equal("", run.Stderr);
    }
}
