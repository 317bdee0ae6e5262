using System.Text.Json;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// <c>run</c> on networks with cycles, as a user meets them: the example converges and names its
/// tear in the summary, the JSON and the diagram; a cycle that nothing leaves is exit 2 at its line;
/// a cycle whose result fails its checks is exit 3 with the tear's passes and no output.
/// </summary>
public sealed class NetworkCycleCommandTests : IDisposable
{
    private readonly string root = FreshTempPath();

    public NetworkCycleCommandTests() => Directory.CreateDirectory(root);

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private static string Example => Flowsheet(Path.Combine("networks", "prnd-polish-recycle.yaml"));

    [Fact]
    public void The_recycle_example_converges_and_reports_its_tear()
    {
        var r = Run("run", Example);
        Assert.True(r.Code == 0, r.ToString());
        Assert.Contains("tear Polish.raffinate: broyden, converged in", r.Stdout);
        // the stream sent back is internal, not a product
        Assert.Matches(@"\n\s+Polish\.raffinate\s+aqueous\s+9\.000", r.Stdout);
        // the network's products with their main element, and the reagents per cascade
        Assert.Contains("Products of the network", r.Stdout);
        Assert.Matches(@"\n  Polish\.strip-liquor\s+Nd\s+99\.99", r.Stdout);
        Assert.Contains("per cascade:", r.Stdout);
        Assert.Matches(@"\n  PrNd\s+[0-9.]+\s+[0-9.]+", r.Stdout);

        var json = Run("run", Example, "--json");
        Assert.True(json.Code == 0, json.ToString());
        using var doc = JsonDocument.Parse(json.Stdout);
        var tear = Assert.Single(doc.RootElement.GetProperty("tears").EnumerateArray().ToList());
        Assert.Equal("Polish.raffinate", tear.GetProperty("stream").GetString());
        Assert.Equal("converged", tear.GetProperty("status").GetString());
        var history = tear.GetProperty("change_history").EnumerateArray().Select(v => v.GetDouble()).ToList();
        Assert.Equal(tear.GetProperty("passes").GetInt32(), history.Count);
        Assert.True(history[^1] <= 1e-10, $"last change {history[^1]}");
        Assert.True(doc.RootElement.GetProperty("max_balance_error").GetDouble() <= 1e-9);

        string dir = Path.Combine(root, "out");
        var out1 = Run("run", Example, "--out", dir, "--quiet");
        Assert.True(out1.Code == 0, out1.ToString());
        Assert.Contains("(tear)", File.ReadAllText(Path.Combine(dir, "flowsheet.svg")), StringComparison.Ordinal);
    }

    [Fact]
    public void A_cycle_that_nothing_leaves_is_exit_2_at_the_inlet_that_closes_it()
    {
        string file = Path.Combine(root, "round.yaml");
        File.WriteAllText(file, """
            sxcascade: 1
            name: aqueous round and round
            chemistry:
              model: separation-factor
              extractant: P507
              separation-factors: { La: 1.0, Ce: 4.0 }
              loading: 0.18 mol/L
              strip-distribution-ratios: { La: 0.01, Ce: 0.01 }
              saponification-agent: NaOH
            feeds:
              ore:
                flow: 10 L/h
                composition: { La: 0.3 mol/L, Ce: 0.1 mol/L }
            cascades:
              A:
                feeds:
                  - { from: ore, stage: 8 }
                  - { from: B.raffinate, stage: 4 }
                extraction: { stages: 8 }
                organic: { flow: 40 L/h }
              B:
                feed: { from: A.raffinate }
                extraction: { stages: 8 }
                organic: { flow: 40 L/h }
            """);
        var r = Run("run", file, "--out", Path.Combine(root, "none"));
        Assert.Equal(2, r.Code);
        Assert.Contains("round.yaml:18:", r.Stderr);
        Assert.Contains("the cycle through cascades A, B keeps a phase going round that never leaves the flowsheet", r.Stderr);
        NoStackTrace(r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(root, "none")));
    }

    [Fact]
    public void A_cycle_whose_result_fails_its_checks_is_exit_3_with_the_tear_and_no_output()
    {
        // B's organic (4 L/h) is far too small for what A strips: the saturated model has no physical answer
        string file = Path.Combine(root, "bad.yaml");
        File.WriteAllText(file, """
            sxcascade: 1
            name: infeasible loop
            chemistry:
              model: separation-factor
              extractant: P507
              separation-factors: { La: 1.0, Ce: 4.0 }
              loading: 0.18 mol/L
              strip-distribution-ratios: { La: 0.01, Ce: 0.01 }
              saponification-agent: NaOH
            feeds:
              ore:
                flow: 10 L/h
                composition: { La: 0.3 mol/L, Ce: 0.1 mol/L }
            cascades:
              A:
                feeds:
                  - { from: ore, stage: 8 }
                  - { from: B.raffinate, stage: 4 }
                extraction: { stages: 8 }
                scrub: { stages: 8, flow: 6 L/h, acid: 2 mol/L }
                strip: { stages: 4, flow: 3 L/h, acid: 4.5 mol/L }
                organic: { flow: 40 L/h }
              B:
                feed: { from: A.strip-liquor }
                extraction: { stages: 8 }
                scrub: { stages: 8, flow: 6 L/h, acid: 2 mol/L }
                strip: { stages: 4, flow: 3 L/h, acid: 4.5 mol/L }
                organic: { flow: 4 L/h }
            """);
        string dir = Path.Combine(root, "bad");
        var r = Run("run", file, "--out", dir);
        Assert.Equal(3, r.Code);
        Assert.Contains("no output was written", r.Stderr);
        Assert.Contains("tear ", r.Stderr);
        Assert.Contains("round its cycle", r.Stderr);
        NoStackTrace(r.Stderr);
        Assert.False(Directory.Exists(dir));
    }
}
