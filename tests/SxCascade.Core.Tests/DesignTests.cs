using SxCascade.Design;
using SxCascade.Flowsheets;
using SxCascade.Solvers;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>Rigorous design: every design meets its specs, and one stage fewer in either section breaks one.</summary>
public class DesignTests
{
    private static Flowsheet Binary(double beta, double feedA, double purityA, double purityB) =>
        new("binary", null,
            new SeparationFactorChemistry(null, Map(("Pr", 1.0), ("Nd", beta)), 0.18, Map(("Pr", 0.01), ("Nd", 0.01))),
            [new FeedStream("feed", 10, Map(("Pr", 1 - feedA), ("Nd", feedA)), 0)],
            [new CascadeDefinition("c", "feed", null, 10, new ScrubDefinition(10, 10, 3.0), new StripDefinition(6, 6, 4.5), new OrganicDefinition(100))],
            [new ProductSpec("c.raffinate", ["Pr"], purityB, null), new ProductSpec("c.strip-liquor", ["Nd"], purityA, null)],
            new SolverOptions());

    public static TheoryData<double, double, double, double> Cases => new()
    {
        { 1.2, 0.5, 0.99, 0.99 }, { 1.5, 0.7456, 0.999, 0.985 }, { 2.0, 0.5, 0.999, 0.9999 }, { 5.0, 0.3, 0.9999, 0.999 }, { 100, 0.2, 0.99999, 0.9999 },
    };

    [Theory, MemberData(nameof(Cases))]
    public void Design_meets_every_spec_and_one_stage_fewer_breaks_one(double beta, double feedA, double purityA, double purityB)
    {
        var d = Designer.Design(Binary(beta, feedA, purityA, purityB), new DesignOptions(CurvePoints: 6));
        // the designed flowsheet, solved afresh, meets every spec
        var again = Solve(d.Flowsheet);
        Assert.True(again.SpecsMet, string.Join("; ", again.Specs.Select(s => $"{s.Stream} {s.Kind} {s.Value} < {s.Target}")));
        // and it is the smallest at its flows: one extraction stage or one scrub stage fewer fails a spec
        var c = d.Cascade;
        var candidates = new List<CascadeDefinition> { c with { ExtractionStages = c.ExtractionStages - 1 }, c with { Scrub = c.Scrub! with { Stages = c.ScrubStages - 1 } } };
        if (c.StripStages > 1) candidates.Add(c with { Strip = c.Strip! with { Stages = c.StripStages - 1 } });
        foreach (var fewer in candidates)
        {
            if (fewer.ExtractionStages < 1 || fewer.ScrubStages < 1) continue;
            var r = FlowsheetSolver.Solve(d.Flowsheet with { Cascades = [fewer] });
            Assert.True(r.Converged);
            Assert.False(r.SpecsMet, $"n = {fewer.ExtractionStages}, m = {fewer.ScrubStages}, k = {fewer.StripStages} still meets the specs");
        }
        // the chosen S minimises S·(n+m) on the curve, and no point of the curve beats the design
        Assert.Contains(d.Curve, p => p.Feasible && p.Extraction == d.Extraction);
        Assert.True(d.Curve.Where(p => p.Feasible).All(p => p.Objective >= d.Extraction * (c.ExtractionStages + c.ScrubStages) - 1e-9));
        // no design beats the Fenske floor
        Assert.True(c.ExtractionStages + c.ScrubStages >= Math.Floor(d.Shortcut.FenskeStages));
    }

    /// <summary>The acceptance range: β from 1.05 to 10⁴ on the Pr/Nd example's feed and specs (f_A = 0.7456, P_A = 0.999, P_B = 0.985).</summary>
    public static TheoryData<double> Betas => new() { 1.05, 1.1, 1.5, 2, 5, 10, 100, 1000, 1e4 };

    [Theory, MemberData(nameof(Betas))]
    public void Binary_splits_from_beta_1_05_to_1e4_meet_their_specs_with_the_fewest_stages(double beta)
    {
        // at the shortcut optimum S alone (no curve: the curve and its S·(n+m) optimum are the Theory above's;
        // the default search over the whole curve is what BinaryDesignBenchmarks times and checks)
        var d = Designer.Design(Binary(beta, 0.7456, 0.999, 0.985), new DesignOptions(CurvePoints: 0));
        Assert.Equal(d.Shortcut.Extraction, d.Extraction);
        var c = d.Cascade;
        Assert.True(c.TotalStages <= DesignOptions.DefaultMaxStages, $"{c.TotalStages} stages");
        var again = Solve(d.Flowsheet);
        Assert.True(again.SpecsMet, string.Join("; ", again.Specs.Select(s => $"{s.Stream} {s.Kind} {s.Value} < {s.Target}")));
        // one stage fewer in the extraction or the scrub section, flows unchanged, breaks a spec
        foreach (var fewer in new[] { c with { ExtractionStages = c.ExtractionStages - 1 }, c with { Scrub = c.Scrub! with { Stages = c.ScrubStages - 1 } } })
        {
            if (fewer.ExtractionStages < 1 || fewer.ScrubStages < 1) continue;
            Assert.False(FlowsheetSolver.Solve(d.Flowsheet with { Cascades = [fewer] }).SpecsMet,
                $"n = {fewer.ExtractionStages}, m = {fewer.ScrubStages} still meets the specs");
        }
        Assert.True(c.ExtractionStages + c.ScrubStages >= Math.Floor(d.Shortcut.FenskeStages));
    }

    [Theory]
    [InlineData(1 + 1e-7, "9.19E+07")]
    [InlineData(1.0001, "9.191E+04")] // ln(1.0001) = 9.9995e-5: 9.1902/9.9995e-5 = 91 907
    public void A_split_whose_Fenske_minimum_exceeds_the_stage_limit_is_refused_before_any_simulation(double beta, string nMin)
    {
        // P_A = P_B = 0.99, f_A = 0.5: a = b = 99, N_min = ln(9801)/ln β = 9.1902/(β − 1) to first order
        var e = Assert.Throws<DesignException>(() => Designer.Design(Binary(beta, 0.5, 0.99, 0.99)));
        Assert.Equal("specs.1.purity", e.Path);
        Assert.Contains($"N_min = ln(a·b)/ln β = {nMin}", e.Message);
        Assert.Contains("beyond the limit of 400 stages per cascade (--max-stages)", e.Message);
    }

    [Fact]
    public void The_stage_limit_bounds_the_search_and_is_named_when_hit()
    {
        // the Pr/Nd split: N_min = 27.35 and 6 strip stages fit in 36, but no S of the curve meets the specs within 36 stages
        var fs = Binary(1.5, 0.7456, 0.999, 0.985);
        var e = Assert.Throws<DesignException>(() => Designer.Design(fs, new DesignOptions(MaxStages: 36)));
        Assert.Contains("no cascade of up to 36 stages per cascade (--max-stages) meets the specs", e.Message);
        Assert.Contains("stages would be needed", e.Message);
        // with 40 it designs, within 40
        var d = Designer.Design(fs, new DesignOptions(MaxStages: 40));
        Assert.True(d.Cascade.TotalStages <= 40, $"{d.Cascade.TotalStages} stages");
        Assert.True(d.Result.SpecsMet);
        // a fixed S at which the limit is too small says so too
        e = Assert.Throws<DesignException>(() => Designer.Design(fs, new DesignOptions(Extraction: 4.046, MaxStages: 36)));
        Assert.Contains("no cascade of up to 36 stages per cascade (--max-stages) meets the specs at S = 4.046", e.Message);
    }

    [Fact]
    public void The_raffinate_purity_levels_off_at_the_strip_leak_that_kremser_predicts()
    {
        // β = 100, f_A = 0.2, P_A = 0.99999, P_B = 0.9999 at S = 0.444 (F = 10 mol/h, L = 0.18 mol/L, D_strip = 0.01, 6 strip stages):
        // f'_A = 0.1999/0.99989, W = S − f'_A, O = S·F/L, scrub 3·W·F/3, strip max(3·f'_A·F·1.1/4.5, 5·D·O)
        double s = 0.444, split = Shortcut.ProductSplit(0.2, 0.99999, 0.9999), w = s - split, organic = s * 10 / 0.18;
        double strip = Math.Max(3 * split * 10 * 1.1 / 4.5, 5 * 0.01 * organic);
        double leak = Shortcut.StripLeak(strip / (0.01 * organic), 6);
        double cap = Shortcut.LeakLimitedPurityB(0.2, split, leak);
        Assert.True(cap < 0.9999, $"cap {cap}"); // the leak is beyond what the raffinate can bear
        var template = Binary(100, 0.2, 0.99999, 0.9999);
        foreach (int stages in new[] { 10, 40 })
        {
            var c = template.Cascades[0] with
            {
                ExtractionStages = stages, Scrub = new ScrubDefinition(stages, 3 * w * 10 / 3.0, 3.0), Strip = new StripDefinition(6, strip, 4.5),
                Organic = new OrganicDefinition(organic),
            };
            var r = Solve(template with { Cascades = [c] });
            // at 10 + 10 and at 40 + 40 stages the raffinate sits at the cap: the stages do not matter, the strip section does
            Assert.Equal(cap, r.Specs.Single(x => x.Stream == "c.raffinate").Value, 6);
        }
    }

    [Fact]
    public void The_strip_stages_the_split_needs_count_toward_the_stage_limit()
    {
        // P_A = 0.99999, P_B = 0.9999: the leak may be a tenth of (1 − P_A)/P_B = 1.0001e-6; at ε = 5,
        // 4/(5⁹ − 1) = 2.0e-6 is too much and 4/(5¹⁰ − 1) = 4.1e-7 is not, so the split needs 9 strip stages,
        // and 10 stages leave no room for an extraction and a scrub stage
        var e = Assert.Throws<DesignException>(() => Designer.Design(Binary(100, 0.2, 0.99999, 0.9999), new DesignOptions(MaxStages: 10)));
        Assert.Contains("leaves no room for an extraction and a scrub stage beside the 9 strip stages", e.Message);
        Assert.Contains("allow at least 11", e.Message);
    }

    [Fact]
    public void A_purity_that_levels_off_stops_the_search_and_names_the_strip_section()
    {
        // two strip stages leave far more than (1 − P_A)/P_B = 1e-5 of the A product on the stripped organic
        var e = Assert.Throws<DesignException>(() => Designer.Design(Binary(100, 0.2, 0.99999, 0.9999), new DesignOptions(StripStages: 2)));
        Assert.Contains("c.raffinate Pr purity levels off at", e.Message);
        Assert.Contains("levels off", e.Message);
        Assert.Contains("the strip section (2 stages", e.Message);
        Assert.Matches(@"use \d+ or more strip stages", e.Message);
        // designed, the strip section gets the stages it needs and the split meets its specs
        var d = Designer.Design(Binary(100, 0.2, 0.99999, 0.9999));
        Assert.True(d.Result.SpecsMet);
        Assert.True(Shortcut.StripLeak(d.Flows.StripFlow / (0.01 * d.Flows.Organic), d.Cascade.StripStages) < Shortcut.MaximumStripLeak(0.99999, 0.9999));
    }

    [Fact]
    public void The_cut_follows_the_extractabilities()
    {
        var fs = Binary(1.5, 0.5, 0.99, 0.99) with
        {
            Chemistry = new SeparationFactorChemistry(null, Map(("La", 1.0), ("Ce", 3.0), ("Pr", 4.8), ("Nd", 7.2), ("Sm", 65)), 0.18,
                Map(("La", 0.01), ("Ce", 0.01), ("Pr", 0.01), ("Nd", 0.01), ("Sm", 0.01))),
            Feeds = [new FeedStream("feed", 10, Map(("La", 0.25), ("Ce", 0.5), ("Pr", 0.06), ("Nd", 0.18), ("Sm", 0.01)), 0)],
            Specs = [new ProductSpec("c.raffinate", ["La", "Ce"], 0.999, null), new ProductSpec("c.strip-liquor", ["Pr", "Nd"], 0.99, null)],
        };
        var cut = Designer.FindCut(fs);
        Assert.Equal(new[] { "Sm", "Nd", "Pr" }, cut.A);
        Assert.Equal(new[] { "Ce", "La" }, cut.B);
        Assert.Equal("Pr", cut.HeavyKey);
        Assert.Equal("Ce", cut.LightKey);
        Assert.Equal(4.8 / 3.0, cut.Beta, 12);
        Assert.Equal((0.06 + 0.18 + 0.01) / 1.0, cut.FeedA, 12);
    }

    [Fact]
    public void Unreachable_specs_are_explained()
    {
        // purity 1
        var e = Assert.Throws<DesignException>(() => Designer.Design(Binary(2, 0.5, 1.0, 0.99)));
        Assert.Equal("specs.1.purity", e.Path);
        Assert.Contains("0.9999", e.Message);
        // a cut between elements with β = 1
        e = Assert.Throws<DesignException>(() => Designer.Design(Binary(1.0, 0.5, 0.99, 0.99)));
        Assert.Contains("β = 1", e.Message);
        // a recovery beyond the mass balance: at P_A = 0.99, P_B = 0.99 and f_A = 0.5, R_A = f'_A·P_A/f_A = 0.99
        var fs = Binary(2, 0.5, 0.99, 0.99);
        fs = fs with { Specs = [.. fs.Specs, new ProductSpec("c.strip-liquor", ["Nd"], null, 0.995)] };
        e = Assert.Throws<DesignException>(() => Designer.Design(fs));
        Assert.Equal("specs.2.recovery", e.Path);
        Assert.Contains("at most 0.99", e.Message);
        // a purity not above the feed's share
        e = Assert.Throws<DesignException>(() => Designer.Design(Binary(2, 0.5, 0.45, 0.99)));
        Assert.Equal("specs.1.purity", e.Path);
    }
}

/// <summary>Design of the last cascade of a chain: the upstream cascades stay as given and feed it.</summary>
public class LinkedDesignTests
{
    private static Dictionary<string, double> Map(params (string, double)[] items) => items.ToDictionary(i => i.Item1, i => i.Item2, StringComparer.Ordinal);

    // LaCe|PrNd then Pr|Nd: the first cascade (fixed) removes La and Ce; the second is designed
    private static Flowsheet Chain()
    {
        var chemistry = new SeparationFactorChemistry("P507", Map(("La", 1), ("Ce", 3.0), ("Pr", 4.8), ("Nd", 7.2)), 0.18,
            Map(("La", 0.01), ("Ce", 0.01), ("Pr", 0.01), ("Nd", 0.01)));
        var first = new CascadeDefinition("LaCe", "ore", null, 12, new ScrubDefinition(16, 20, 3.0), new StripDefinition(6, 8, 4.5), new OrganicDefinition(120));
        var second = new CascadeDefinition("PrNd", "LaCe.strip-liquor", null, 20, new ScrubDefinition(30, 10, 3.0), new StripDefinition(6, 4, 4.5), new OrganicDefinition(60));
        return new Flowsheet("chain", null, chemistry,
            [new FeedStream("ore", 10, Map(("La", 0.30), ("Ce", 0.50), ("Pr", 0.05), ("Nd", 0.15)), 0)],
            [first, second],
            [new ProductSpec("PrNd.raffinate", ["Pr"], 0.99, null), new ProductSpec("PrNd.strip-liquor", ["Nd"], 0.99, null)],
            new SolverOptions());
    }

    [Fact]
    public void The_specified_cascade_is_designed_with_the_upstream_outlet_as_its_feed()
    {
        var template = Chain();
        var upstreamAlone = FlowsheetSolver.Solve(template with { Cascades = [template.Cascades[0]], Specs = [] });
        var d = Designer.Design(template);
        Assert.Equal("PrNd", d.Cut.Cascade);
        Assert.Equal(2, d.Flowsheet.Cascades.Count);
        // the upstream cascade is unchanged and the designed one still takes its strip liquor
        Assert.Equal(template.Cascades[0], d.Flowsheet.Cascades[0]);
        Assert.Equal("LaCe.strip-liquor", d.Flowsheet.Cascades[1].FeedFrom);
        Assert.True(d.Result.Converged);
        Assert.True(d.Result.MaxBalanceError <= 1e-9);
        Assert.All(d.Result.Specs, s => Assert.True(s.Met, $"{s.Stream} {s.Kind} {s.Value}"));
        // the upstream outlet is what it was without the designed cascade
        int nd = upstreamAlone.IndexOf("Nd");
        Assert.Equal(upstreamAlone.Stream("LaCe.strip-liquor")!.MolarFlow(nd), d.Result.Stream("LaCe.strip-liquor")!.MolarFlow(d.Result.IndexOf("Nd")), 9);
        // the design curve's points are whole flowsheets too: both cascades' stages (each point with the strip stages it was searched with)
        Assert.All(d.Curve.Where(p => p.Result is not null), p =>
            Assert.Equal(template.Cascades[0].TotalStages + p.ExtractionStages + p.ScrubStages + p.Cascade!.StripStages, p.Result!.Cascades.Sum(c => c.TotalStages)));
        // one extraction stage fewer in the designed cascade breaks a spec in the whole flowsheet too
        var fewer = d.Flowsheet with { Cascades = [d.Flowsheet.Cascades[0], d.Cascade with { ExtractionStages = d.Cascade.ExtractionStages - 1, FeedStage = null }] };
        Assert.False(FlowsheetSolver.Solve(fewer).SpecsMet);
    }

    [Fact]
    public void Specs_on_two_cascades_are_refused()
    {
        var t = Chain();
        t = t with { Specs = [.. t.Specs, new ProductSpec("LaCe.raffinate", ["La", "Ce"], 0.99, null)] };
        var e = Assert.Throws<DesignException>(() => Designer.Design(t));
        Assert.Equal("specs", e.Path);
        Assert.Contains("one cascade at a time", e.Message);
    }

    [Fact]
    public void A_cascade_that_feeds_another_cannot_be_designed_alone()
    {
        var t = Chain();
        t = t with { Specs = [new ProductSpec("LaCe.raffinate", ["La", "Ce"], 0.99, null), new ProductSpec("LaCe.strip-liquor", ["Pr", "Nd"], 0.9, null)] };
        var e = Assert.Throws<DesignException>(() => Designer.Design(t));
        Assert.Equal("cascades.PrNd.feed.from", e.Path);
    }
}
