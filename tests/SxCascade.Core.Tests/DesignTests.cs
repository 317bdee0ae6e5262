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
