using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// Issue 10, "wrong answers presented as converged", end to end: each reproducer exited 0 with
/// "converged" before; now bad inputs give exit 2 at their line and column, and a result that
/// fails a check of ResultVerdict gives exit 3 naming it, with no --out files.
/// </summary>
public sealed class VerdictExitTests : IDisposable
{
    private readonly string parent = FreshTempPath();

    public VerdictExitTests() => Directory.CreateDirectory(parent);

    public void Dispose()
    {
        if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
    }

    private string Write(string name, string yaml)
    {
        var path = Path.Combine(parent, name);
        File.WriteAllText(path, yaml.ReplaceLineEndings("\n"));
        return path;
    }

    private const string Twice = """
        sxcascade: 1
        name: two take ore
        chemistry:
          model: constant-d
          distribution-ratios: { Pr: 0.5, Nd: 2 }
        feeds:
          ore:
            flow: 10 L/h
            composition: { Pr: 0.2 mol/L, Nd: 0.3 mol/L }
        cascades:
          A:
            feed: { from: ore }
            extraction: { stages: 4 }
            organic: { flow: 10 L/h }
          B:
            feed: { from: ore }
            extraction: { stages: 4 }
            organic: { flow: 10 L/h }
        """;

    private const string FlatLaws = """
        sxcascade: 1
        name: laws that ignore the free extractant
        chemistry:
          model: mass-action
          extractant: { name: D2EHPA, concentration: 0.5 mol/L }
          elements:
            Pr: { d: 50 }
            Nd: { d: 80 }
        feeds:
          leach:
            flow: 10 L/h
            composition: { Pr: 0.5 mol/L, Nd: 1.5 mol/L }
            acid: 0.01 mol/L
        cascades:
          loading:
            feed: { from: leach }
            extraction: { stages: 4 }
            organic: { flow: 5 L/h }
        """;

    [Fact]
    public void Two_cascades_taking_one_feed_whole_is_an_error_at_the_second_feed()
    {
        var run = Run("run", Write("twice.yaml", Twice));

        Assert.True(run.Code == 2, run.ToString());
        // line 16 is B's "    feed: { from: ore }"; column 13 is its key 'from'
        Assert.Contains("twice.yaml:16:13: feed 'ore' feeds two inlets whole: cascades A and B", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void A_tolerance_of_1e300_is_an_error_at_its_line_and_column()
    {
        var file = Write("tol.yaml", File.ReadAllText(Flowsheet("prnd-p507.yaml")).TrimEnd('\n') + "\nsolver:\n  tolerance: 1e300\n");
        int line = File.ReadAllLines(file).Length;   // the last line, "  tolerance: 1e300": its key at column 3
        var run = Run("run", file, "--method", "substitution", "--out", Path.Combine(parent, "out"));

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains($"tol.yaml:{line}:3: solver.tolerance must be greater than 0 and at most 1e-6", run.Stderr);
        Assert.False(Directory.Exists(Path.Combine(parent, "out")));
    }

    [Fact]
    public void A_feed_of_1e100_mol_per_litre_is_an_error_at_its_value()
    {
        var run = Run("check", Flowsheet("mass-action-d2ehpa.yaml"), "--set", "feeds.leach.composition.Pr=1e100 mol/L");

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains("feeds.leach.composition.Pr must be from 0 and at most 20 mol/L", run.Stderr);
        Assert.Contains("got 1e+100 mol/L", run.Stderr);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("0.7")]
    public void Laws_that_ignore_the_free_extractant_give_exit_3_naming_the_loading_and_write_nothing(string efficiency)
    {
        var dir = Path.Combine(parent, "out");
        var run = Run("run", Write("flat.yaml", FlatLaws), "--set", $"cascades.loading.efficiency={efficiency}", "--out", dir);

        Assert.True(run.Code == 3, run.ToString());
        Assert.Contains("fails", run.Stderr);
        Assert.Contains("not converged; no output was written", run.Stderr);
        // Σ ν·y = 3·(1.0 + 3.0) = 12 mol/L bound of E = 0.5 mol/L (VerdictTests)
        Assert.Contains("loading: loading ", run.Stderr);
        Assert.Contains("of E = 0.5 mol/L", run.Stderr);
        Assert.Contains("extractant balance:", run.Stderr);
        Assert.Contains("cascade loading, newton: status converged", run.Stderr);
        NoStackTrace(run.Stderr);
        Assert.Equal("", run.Stdout);
        Assert.False(Directory.Exists(dir));
    }

    [Fact]
    public void The_json_of_a_result_failing_its_checks_is_not_printed()
    {
        var run = Run("run", Write("flat.yaml", FlatLaws), "--json");

        Assert.True(run.Code == 3, run.ToString());
        Assert.Equal("", run.Stdout);
    }
}
