using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary><c>--set PATH=VALUE</c> changes the flowsheet that is solved; a bad override is an input error.</summary>
public sealed class OverrideTests
{
    [Fact]
    public void Fewer_scrub_stages_change_the_strip_liquor_purity()
    {
        var baseline = Run("run", Flowsheet("prnd-p507.yaml"), "--json");
        var fewer = Run("run", Flowsheet("prnd-p507.yaml"), "--json", "--set", "cascades.PrNd.scrub.stages=30");

        Assert.True(baseline.Code == 0, baseline.ToString());
        Assert.True(fewer.Code == 0, fewer.ToString());
        using var a = baseline.Json();
        using var b = fewer.Json();
        double before = StripLiquorNdPurity(a), after = StripLiquorNdPurity(b);
        // 2 scrub stages fewer: the scrub section does less, so the Nd product is less pure
        Assert.True(after < before, $"purity {after:R} with 30 scrub stages, {before:R} with 32");
        var scrub = b.RootElement.GetProperty("cascades")[0].GetProperty("scrub_stages").GetInt32();
        Assert.Equal(30, scrub);
    }

    [Fact]
    public void Several_overrides_apply_in_order()
    {
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--json",
            "--set", "cascades.PrNd.scrub.stages=30", "--set", "cascades.PrNd.scrub.stages=28");

        Assert.True(run.Code == 0, run.ToString());
        using var json = run.Json();
        Assert.Equal(28, json.RootElement.GetProperty("cascades")[0].GetProperty("scrub_stages").GetInt32());
    }

    [Fact]
    public void Override_may_come_before_the_file()
    {
        var run = Run("run", "--set", "cascades.PrNd.scrub.stages=30", Flowsheet("prnd-p507.yaml"), "--json");

        Assert.True(run.Code == 0, run.ToString());
    }

    [Fact]
    public void Bad_override_path_gives_exit_code_2_at_its_index()
    {
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--set", "cascades.PrNd.scrub.stages=30", "--set", "cascades.PrNd.scrubb.stages=30");

        Assert.True(run.Code == 2, run.ToString());
        Assert.StartsWith("--set:2:1: ", run.Stderr);
        Assert.Contains("scrubb", run.Stderr);
        Assert.Equal("", run.Stdout);
    }

    [Fact]
    public void Bad_override_value_is_reported_where_the_file_had_it()
    {
        var path = Flowsheet("prnd-p507.yaml");
        var run = Run("run", path, "--set", "cascades.PrNd.scrub.stages=0");

        Assert.True(run.Code == 2, run.ToString());
        Assert.Matches($@"^{System.Text.RegularExpressions.Regex.Escape(path)}:\d+:\d+: .*--set cascades\.PrNd\.scrub\.stages=0", run.Stderr);
    }

    private static double StripLiquorNdPurity(System.Text.Json.JsonDocument result) =>
        Stream(result, "PrNd.strip-liquor").GetProperty("purity").GetProperty("Nd").GetDouble();
}
