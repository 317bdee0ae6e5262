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
