using SxCascade.Solvers;
using SxCascade.Sweeps;

namespace SxCascade.Core.Tests;

/// <summary>Sweep plans (grid, Latin hypercube, chains, shards) and warm starts.</summary>
public sealed class SweepTests
{
    private static readonly SweepAxis Scrub = new("cascades.PrNd.scrub.flow", 30, 40, 6, false, false, "L/h");
    private static readonly SweepAxis Stages = new("cascades.PrNd.scrub.stages", 24, 40, 5, false, true, "");

    [Fact]
    public void A_grid_is_row_major_with_exact_ends_and_whole_stage_counts()
    {
        var plan = SweepPlan.Create([Scrub, Stages], new SweepSampling(null, 0)).Plan!;
        Assert.Equal(30, plan.CaseCount); // 6 × 5
        // case k = i·5 + j: scrub 30 + 2i (10/5 per step), stages 24 + 4j (16/4 per step)
        Assert.Equal([30, 24], plan.ValuesOf(0));
        Assert.Equal([32, 28], plan.ValuesOf(6));
        Assert.Equal([40, 40], plan.ValuesOf(29));
        // chains run along the last axis: 6 chains of 5
        Assert.Equal(6, plan.Chains.Count);
        Assert.Equal([5, 6, 7, 8, 9], plan.Chains[1]);
    }

    [Fact]
    public void Shards_hold_every_chain_once_whatever_their_number()
    {
        var plan = SweepPlan.Create([new SweepAxis("a", 1, 2, 1000, false, false, "")], new SweepSampling(null, 0)).Plan!;
        // 1000 values in chains of 64: 15 full chains and one of 40 (15·64 + 40 = 1000)
        Assert.Equal(16, plan.Chains.Count);
        foreach (int n in new[] { 1, 2, 3, 7, 16, 40 })
        {
            var all = Enumerable.Range(1, n).SelectMany(i => plan.ChainsOfShard(i, n)).SelectMany(c => c).Order().ToList();
            Assert.Equal(Enumerable.Range(0, 1000), all);
        }
        Assert.Throws<ArgumentOutOfRangeException>(() => plan.ChainsOfShard(4, 3));
    }

    [Fact]
    public void A_latin_hypercube_has_one_case_per_stratum_and_the_same_cases_for_the_same_seed()
    {
        var axes = new[] { Scrub, new SweepAxis("o", 100, 1000, 0, true, false, "L/h") };
        var a = SweepPlan.Create(axes, new SweepSampling(200, 42)).Plan!;
        var b = SweepPlan.Create(axes, new SweepSampling(200, 42)).Plan!;
        var c = SweepPlan.Create(axes, new SweepSampling(200, 43)).Plan!;
        // linear axis: stratum floor((v − 30)/10·200); log axis: floor(ln(v/100)/ln(10)·200)
        Assert.Equal(Enumerable.Range(0, 200), Enumerable.Range(0, 200).Select(k => (int)((a.ValuesOf(k)[0] - 30) / 10 * 200)).Order());
        Assert.Equal(Enumerable.Range(0, 200), Enumerable.Range(0, 200).Select(k => (int)(Math.Log(a.ValuesOf(k)[1] / 100) / Math.Log(10) * 200)).Order());
        Assert.Equal(Enumerable.Range(0, 200).Select(a.ValuesOf).SelectMany(v => v), Enumerable.Range(0, 200).Select(b.ValuesOf).SelectMany(v => v));
        Assert.NotEqual(a.ValuesOf(0), c.ValuesOf(0));
        Assert.Equal(Enumerable.Range(0, 200), a.Chains.SelectMany(ch => ch).Order());
    }

    [Theory]
    [InlineData(0, "at least 1")]
    public void A_sample_size_below_one_is_refused(int n, string reason) =>
        Assert.Contains(reason, SweepPlan.Create([Scrub], new SweepSampling(n, 0)).Problem);

    [Fact]
    public void Warm_started_and_cold_started_cases_agree_to_the_solver_tolerance_in_fewer_iterations()
    {
        // the neighbour: organic 225.2 L/h; the case: 2 % more organic, and two scrub stages more (resampled start)
        var warm = new WarmStart();
        var neighbour = FlowsheetSolver.Solve(Build.PrNd(), true, warm);
        Assert.True(neighbour.Converged);
        int warmTotal = 0, coldTotal = 0;
        foreach (var next in new[] { Build.PrNd(organic: 225.6), Build.PrNd(organic: 227.4), Build.PrNd(organic: 229.7), Build.PrNd(scrub: 33), Build.PrNd(scrub: 34) })
        {
            var start = new WarmStart();
            FlowsheetSolver.Solve(Build.PrNd(), true, start);
            var fromWarm = FlowsheetSolver.Solve(next, true, start);
            var cold = FlowsheetSolver.Solve(next);
            Assert.True(fromWarm.Converged && cold.Converged);
            Assert.True(fromWarm.MaxBalanceError <= 1e-9);
            // tolerance 1e-10 on stage residuals relative to inflow: product purities agree to ~1e-9
            foreach (var (w, c) in fromWarm.Streams.Zip(cold.Streams))
                for (int i = 0; i < w.Concentrations.Count; i++)
                    Assert.True(Math.Abs(w.Concentrations[i] - c.Concentrations[i]) <= 1e-8 * Math.Max(1e-12, Math.Abs(c.Concentrations[i])) + 1e-14,
                        $"{w.Name} {fromWarm.Elements[i]}: warm {w.Concentrations[i]} cold {c.Concentrations[i]}");
            // a warm start never costs more than the cold one (one that did would be dropped: 44 against 13 before the totals were rebalanced)
            Assert.True(fromWarm.Iterations <= cold.Iterations, $"warm {fromWarm.Iterations} iterations, cold {cold.Iterations}");
            warmTotal += fromWarm.Iterations;
            coldTotal += cold.Iterations;
        }
        Assert.True(warmTotal < coldTotal, $"warm {warmTotal} iterations in all, cold {coldTotal}");
    }
}
