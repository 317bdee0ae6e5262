using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>The flowsheet graph, the stage layout and side draws (FORMAT.md "Networks").</summary>
public class NetworkTests
{
    [Fact]
    public void StreamRefReadsAFeedAndAnOutlet()
    {
        Assert.Equal(new StreamRef("ore", null), StreamRef.Parse("ore"));
        var outlet = StreamRef.Parse("LaCe.strip-liquor");
        Assert.Equal(("LaCe", "strip-liquor"), (outlet.Unit, outlet.Port));
        Assert.Equal(OutletKind.StripLiquor, outlet.Kind);
        Assert.Null(StreamRef.Parse("SmEuGd.eu-cut").Kind);   // a side draw's port names no fixed kind
        Assert.Equal("LaCe.strip-liquor", outlet.ToString());
        Assert.Equal("X.raffinate", StreamRef.Outlet("X", OutletKind.Raffinate).ToString());
    }

    /// <summary>Two cascades written downstream first: the graph orders the upstream one first and knows who takes what.</summary>
    [Fact]
    public void GraphOrdersCascadesAfterTheirFeedAndKnowsTheConsumers()
    {
        var fs = PrNd();
        var first = fs.Cascades[0];
        var second = first with { Name = "Second", FeedFrom = "PrNd.raffinate", FeedStage = null };
        fs = fs with { Cascades = [second, first], Specs = [] };
        var graph = fs.Graph;
        Assert.Same(graph, fs.Graph);   // built once per flowsheet value
        Assert.Equal(["PrNd", "Second"], graph.SolveOrder().Select(u => u.Name));
        Assert.Equal(["Second"], graph.Consumers("PrNd.raffinate").Select(u => u.Name));
        Assert.True(graph.IsConsumed("didymium"));
        Assert.False(graph.IsConsumed("PrNd.strip-liquor"));
        var taker = graph.Unit("Second")!;
        Assert.Same(graph.Unit("PrNd"), taker.FeedUnit);
        Assert.Equal(OutletKind.Raffinate, taker.FeedOutlet!.Kind);
        Assert.Contains("Second.stripped-organic", graph.StreamNames);
        Assert.NotSame(graph, (fs with { Name = "copy" }).Graph);   // a changed flowsheet gets its own graph
    }

    /// <summary>
    /// n = 4, m = 3, feed 10 L/h at stage 4, scrub 2 L/h, a draw of 1 L/h from stage 6 (scrub):
    /// A = 12 − 1 = 11 in stages 1..4, 2 − 1 = 1 in stage 5, 2 in stages 6 and 7 (stage 6's outlet
    /// includes the draw); A↓ from stage 6 into 5 is 2 − 1 = 1; the raffinate 11 L/h.
    /// </summary>
    [Fact]
    public void LayoutTakesADrawOutOfItsStageAndEveryStageBelow()
    {
        var c = new CascadeDefinition("C", "feed", 4, 4, new ScrubDefinition(3, 2, 1), null, new OrganicDefinition(5))
        {
            Draws = [new SideDraw("cut", 6, StreamPhase.Aqueous, 1, null)],
        };
        var layout = StageLayout.Create(c, 10);
        Assert.Equal([11, 11, 11, 11, 1, 2, 2], layout.AqueousOut);
        Assert.Equal([11, 11, 11, 1, 1, 2, 0], layout.AqueousDown);
        Assert.Equal(11, layout.Outlet(OutletKind.Raffinate)!.Flow);
        var draw = layout.Outlets.Single(o => o.Kind == OutletKind.SideDraw);
        Assert.Equal(("cut", 5, 1.0), (draw.Port, draw.Stage, draw.Flow));
        // a fraction takes its share of what leaves the stage: 0.25 × 12 = 3 L/h from stage 2
        var byFraction = StageLayout.Create(c with { Draws = [new SideDraw("cut", 2, StreamPhase.Aqueous, null, 0.25)] }, 10);
        Assert.Equal([9, 12, 12, 12, 2, 2, 2], byFraction.AqueousOut);
        Assert.Equal(3, byFraction.AqueousDrawn(1));
    }

    /// <summary>Organic flow of the cases with a draw, L/h: below the 225.2 of PrNd, which saturates so tightly that taking aqueous from the scrub leaves stage 1 short of rare earths.</summary>
    private const double Organic = 205;

    private static Flowsheet PrNdWithDraw(double? flow, double? fraction = null, SolverMethod method = SolverMethod.Newton)
    {
        var fs = PrNd(method, organic: Organic);
        var c = fs.Cascades[0] with { Draws = [new SideDraw("mid", 30, StreamPhase.Aqueous, flow, fraction)] };
        return fs with { Cascades = [c] };
    }

    /// <summary>
    /// A draw of 4 L/h from scrub stage 30 is one more outlet of the flowsheet: every element closes
    /// (Build.Solve checks ≤ 1e-9), the draw carries stage 30's aqueous, and the raffinate is
    /// 10 + 33.1 − 4 = 39.1 L/h.
    /// </summary>
    [Fact]
    public void SideDrawIsAnOutletWithItsStagesAqueous()
    {
        var r = Solve(PrNdWithDraw(4));
        var draw = r.Stream("PrNd.mid")!;
        Assert.Equal((StreamKind.SideDraw, "aqueous", 4.0, true), (draw.Kind, draw.Phase, draw.Flow, draw.IsProduct));
        var stage = r.Stages.Single(s => s.Cascade == "PrNd" && s.Stage == 30);
        Assert.Equal(stage.Aqueous, draw.Concentrations);
        Assert.Equal(10 + 33.1 - 4, r.Stream("PrNd.raffinate")!.Flow, 12);
        // what leaves as products is what came in, element by element
        for (int e = 0; e < r.Elements.Count; e++)
        {
            double outflow = r.Streams.Where(s => s.IsProduct).Sum(s => s.MolarFlow(e));
            double inflow = r.Streams.Where(s => s.IsInlet).Sum(s => double.IsNaN(s.Concentrations[e]) ? 0 : s.MolarFlow(e));
            Assert.True(Rel(outflow, inflow) <= 1e-9, $"{r.Elements[e]}: out {outflow} in {inflow}");
        }
    }

    /// <summary>
    /// Oracle (ii): as the draw's flow tends to 0 the cascade tends to the one without it, to first
    /// order in the flow: the largest relative change of the products shrinks about 100-fold when the
    /// draw shrinks from 1e-2 to 1e-4 L/h, and is below 1e-6 at 1e-6 L/h.
    /// </summary>
    [Fact]
    public void VanishingDrawTendsToTheCascadeWithoutIt()
    {
        var without = Solve(PrNd(organic: Organic));
        double Change(double flow)
        {
            var r = Solve(PrNdWithDraw(flow));
            double worst = 0;
            foreach (var name in new[] { "PrNd.raffinate", "PrNd.strip-liquor" })
                for (int e = 0; e < r.Elements.Count; e++)
                    worst = Math.Max(worst, Rel(r.Stream(name)!.Concentrations[e], without.Stream(name)!.Concentrations[e]));
            return worst;
        }
        double big = Change(1e-2), small = Change(1e-4), tiny = Change(1e-6);
        Assert.True(big / small is > 30 and < 300, $"changes {big:E3} at 1e-2 L/h, {small:E3} at 1e-4 L/h, {tiny:E3} at 1e-6 L/h");
        Assert.True(tiny < 1e-6, $"change {tiny:E2} at 1e-6 L/h");
        Assert.True(big > 0);
    }

    /// <summary>Newton and substitution solve the same three-outlet cascade to the same profile (both from the stage layout).</summary>
    [Fact]
    public void NewtonAndSubstitutionAgreeWithADraw()
    {
        var newton = Solve(PrNdWithDraw(null, 0.1));
        var substitution = Solve(PrNdWithDraw(null, 0.1, SolverMethod.Substitution));
        var a = newton.Stream("PrNd.mid")!;
        var b = substitution.Stream("PrNd.mid")!;
        Assert.Equal(a.Flow, b.Flow, 12);
        for (int e = 0; e < a.Concentrations.Count; e++)
            Assert.True(Rel(b.Concentrations[e], a.Concentrations[e]) <= 1e-6, $"{newton.Elements[e]}: {a.Concentrations[e]} vs {b.Concentrations[e]}");
    }

    [Fact]
    public void ValidationRejectsADrawLargerThanItsStagesFlow()
    {
        // scrub stage 30 carries the scrub solution's 33.1 L/h
        var issues = FlowsheetValidator.Validate(PrNdWithDraw(40));
        var issue = Assert.Single(issues);
        Assert.Equal("cascades.PrNd.draws.0.flow", issue.Path);
        Assert.Contains("only 33.1 L/h of aqueous leaves that stage", issue.Message);
    }

    [Fact]
    public void ValidationRejectsOrganicAndStripDrawsAndTakenNames()
    {
        var fs = PrNd();
        var c = fs.Cascades[0] with
        {
            Draws =
            [
                new SideDraw("strip-liquor", 30, StreamPhase.Aqueous, 1, null),
                new SideDraw("org", 30, StreamPhase.Organic, 1, null),
                new SideDraw("late", 55, StreamPhase.Aqueous, 1, null),
                new SideDraw("zero", 0, StreamPhase.Aqueous, 1, null),
            ],
        };
        var paths = FlowsheetValidator.Validate(fs with { Cascades = [c] }).Select(i => i.Path).ToList();
        Assert.Equal(["cascades.PrNd.draws.0.name", "cascades.PrNd.draws.1.phase", "cascades.PrNd.draws.2.stage", "cascades.PrNd.draws.3.stage"], paths);
    }

    /// <summary>A draw is a stream another cascade can take as its feed.</summary>
    [Fact]
    public void ADrawCanFeedAnotherCascade()
    {
        var fs = PrNdWithDraw(4);
        var next = new CascadeDefinition("Next", "PrNd.mid", null, 5, null, null, new OrganicDefinition(4), Chemistry: ConstantD(("Pr", 0.5), ("Nd", 1.5)));
        var r = Solve(fs with { Cascades = [fs.Cascades[0], next], Specs = [] });
        Assert.False(r.Stream("PrNd.mid")!.IsProduct);
        Assert.Equal(4, r.Stream("Next.raffinate")!.Flow, 12);
        // the draw's metal leaves through Next: raffinate + loaded organic = what the draw brought
        for (int e = 0; e < r.Elements.Count; e++)
        {
            double fed = r.Stream("PrNd.mid")!.MolarFlow(e);
            double left = r.Stream("Next.raffinate")!.MolarFlow(e) + r.Stream("Next.loaded-organic")!.MolarFlow(e);
            Assert.True(Rel(left, fed) <= 1e-9, $"{r.Elements[e]}: {left} vs {fed}");
        }
    }
}

/// <summary><c>organic.recycle</c> with bleed and make-up (FORMAT.md "Networks").</summary>
public class OrganicRecycleTests
{
    private static Flowsheet WithRecycle(double? r, SolverMethod method = SolverMethod.Newton)
    {
        var fs = PrNd(method);
        var c = fs.Cascades[0];
        return fs with { Cascades = [c with { Organic = c.Organic with { Recycle = r } }] };
    }

    /// <summary>Oracle (iii): <c>organic.recycle: 1</c> is today's recycle, number for number, and has no bleed.</summary>
    [Fact]
    public void FullRecycleEqualsTheDefault()
    {
        var plain = Solve(PrNd());
        var one = Solve(WithRecycle(1));
        Assert.Equal(plain.Streams.Select(s => s.Name), one.Streams.Select(s => s.Name));
        Assert.DoesNotContain(one.Streams, s => s.Name == "PrNd.bleed");
        for (int k = 0; k < plain.Streams.Count; k++)
        {
            Assert.Equal(plain.Streams[k].Flow, one.Streams[k].Flow);
            Assert.Equal(plain.Streams[k].Concentrations, one.Streams[k].Concentrations);
        }
    }

    /// <summary>
    /// r = 0.9 of 225.2 L/h: 0.1 × 225.2 = 22.52 L/h leaves as PrNd.bleed with the stripped organic's
    /// composition (stage 58's organic), 22.52 L/h of fresh organic comes in, 0.9 × 225.2 = 202.68 L/h
    /// returns; every element closes (Build.Solve: ≤ 1e-9).
    /// </summary>
    [Fact]
    public void BleedLeavesWithTheStrippedOrganicAndFreshOrganicMakesItUp()
    {
        var r = Solve(WithRecycle(0.9));
        var bleed = r.Stream("PrNd.bleed")!;
        Assert.Equal((StreamKind.Bleed, "organic", true), (bleed.Kind, bleed.Phase, bleed.IsProduct));
        Assert.Equal(0.1 * 225.2, bleed.Flow, 10);
        var last = r.Stages.Single(s => s.Cascade == "PrNd" && s.Stage == 20 + 32 + 6);
        Assert.Equal(last.Organic, bleed.Concentrations);
        var makeUp = r.Stream("PrNd.organic-inlet")!;
        Assert.True(makeUp.IsInlet);
        Assert.Equal(0.1 * 225.2, makeUp.Flow, 10);
        Assert.All(makeUp.Concentrations, v => Assert.Equal(0, v));
        var stripped = r.Stream("PrNd.stripped-organic")!;
        Assert.False(stripped.IsProduct);
        Assert.Equal(0.9 * 225.2, stripped.Flow, 10);
        Assert.True(bleed.MolarFlow(r.IndexOf("Nd")) > 0);   // the strip leaves some metal on the organic, and the bleed takes it out
    }

    /// <summary>Newton and substitution agree with a bleed, and r just below 1 is close to r = 1 (continuity).</summary>
    [Fact]
    public void BleedSolvesAlikeBothWaysAndIsContinuousAtFullRecycle()
    {
        var newton = Solve(WithRecycle(0.8));
        var substitution = Solve(WithRecycle(0.8, SolverMethod.Substitution));
        var full = Solve(PrNd());
        var almost = Solve(WithRecycle(1 - 1e-7));
        foreach (var name in new[] { "PrNd.raffinate", "PrNd.strip-liquor" })
            for (int e = 0; e < newton.Elements.Count; e++)
            {
                Assert.True(Rel(substitution.Stream(name)!.Concentrations[e], newton.Stream(name)!.Concentrations[e]) <= 1e-6, $"{name} {newton.Elements[e]}");
                Assert.True(Rel(almost.Stream(name)!.Concentrations[e], full.Stream(name)!.Concentrations[e]) <= 1e-5, $"{name} {newton.Elements[e]} at r = 1 − 1e-7");
            }
    }

    [Fact]
    public void RecycleNeedsAStripAndAFreshOrganic()
    {
        var fs = PrNd();
        var c = fs.Cascades[0];
        var noStrip = c with { Strip = null, Organic = c.Organic with { Recycle = 0.9 } };
        var preloaded = c with { Organic = new OrganicDefinition(225.2, Map(("Nd", 0.01))) { Recycle = 0.9 } };
        Assert.Contains(FlowsheetValidator.Validate(fs with { Cascades = [noStrip], Specs = [] }), i => i.Path == "cascades.PrNd.organic.recycle" && i.Message.Contains("needs a strip section"));
        Assert.Contains(FlowsheetValidator.Validate(fs with { Cascades = [preloaded] }), i => i.Path == "cascades.PrNd.organic.recycle" && i.Message.Contains("pre-loaded"));
    }
}

/// <summary>Several feeds per cascade (<c>feeds:</c>, FORMAT.md "Networks").</summary>
public class SeveralFeedsTests
{
    private static readonly ConstantDChemistry Chemistry = ConstantD(Map(("La", 0.5), ("Ce", 2.0)), strip: Map(("La", 0.05), ("Ce", 0.1)));

    private static CascadeDefinition Cascade(string name, string from, int? stage, params CascadeFeed[] more) =>
        new(name, from, stage, 4, new ScrubDefinition(2, 1, 0), new StripDefinition(2, 2, 1), new OrganicDefinition(6))
        {
            AdditionalFeeds = more, FeedsListed = more.Length > 0,
        };

    /// <summary>
    /// Feeds of 10 L/h at stage 4 and 3 L/h at stage 2, scrub 1 L/h: A = 1 + 10 + 3 = 14 L/h in
    /// stages 1–2, 1 + 10 = 11 in stages 3–4, 1 in the scrub, 2 in the strip.
    /// </summary>
    [Fact]
    public void LayoutAddsEachFeedFromItsStageDown()
    {
        var c = Cascade("C", "a", 4, new CascadeFeed("b", 2));
        var layout = StageLayout.Create(c, [10.0, 3.0]);
        Assert.Equal([14, 14, 11, 11, 1, 1, 2, 2], layout.AqueousOut);
        Assert.Equal([(3, 10.0), (1, 3.0)], layout.Inlets.Where(i => i.Kind == InletKind.Feed).Select(i => (i.Stage, i.Flow)));
        Assert.Throws<ArgumentException>(() => StageLayout.Create(c, 10));
    }

    /// <summary>
    /// Oracle: two feeds into the same stage are one feed of their mixture. 10 L/h of (La 0.3, Ce 0.1)
    /// and 5 L/h of (La 0.0, Ce 0.4) mix to 15 L/h of La (3 + 0)/15 = 0.2, Ce (1 + 2)/15 = 0.2 mol/L.
    /// </summary>
    [Fact]
    public void TwoFeedsIntoOneStageEqualTheirMixture()
    {
        var a = new FeedStream("a", 10, Map(("La", 0.3), ("Ce", 0.1)), 0);
        var b = new FeedStream("b", 5, Map(("La", 0.0), ("Ce", 0.4)), 0);
        var mix = new FeedStream("mix", 15, Map(("La", 0.2), ("Ce", 0.2)), 0);
        var two = new Flowsheet("two", null, Chemistry, [a, b], [Cascade("C", "a", 3, new CascadeFeed("b", 3))], [], new SolverOptions());
        var one = new Flowsheet("one", null, Chemistry, [mix], [Cascade("C", "mix", 3)], [], new SolverOptions());
        var r2 = Solve(two);
        var r1 = Solve(one);
        foreach (var name in new[] { "C.raffinate", "C.strip-liquor" })
            for (int e = 0; e < r1.Elements.Count; e++)
                Assert.True(Rel(r2.Stream(name)!.Concentrations[e], r1.Stream(name)!.Concentrations[e]) <= 1e-9, $"{name} {r1.Elements[e]}");
    }

    /// <summary>A cascade fed by a feed and by another cascade's raffinate (written first) solves after it and closes.</summary>
    [Fact]
    public void AFeedAndAnUpstreamRaffinateTogether()
    {
        var ore = new FeedStream("ore", 10, Map(("La", 0.3), ("Ce", 0.1)), 0);
        var side = new FeedStream("side", 4, Map(("La", 0.1), ("Ce", 0.3)), 0);
        var main = Cascade("Main", "ore", 4, new CascadeFeed("Up.raffinate", 2));
        var up = Cascade("Up", "side", null);
        var r = Solve(new Flowsheet("train", null, Chemistry, [ore, side], [main, up], [], new SolverOptions()));
        Assert.False(r.Stream("Up.raffinate")!.IsProduct);
        Assert.Equal(["Up", "Main"], new Flowsheet("train", null, Chemistry, [ore, side], [main, up], [], new SolverOptions()).Graph.SolveOrder().Select(u => u.Name));
        // Main's raffinate carries the ore, Up's raffinate and Main's scrub: 10 + (4 + 1) + 1 = 16 L/h
        Assert.Equal(16, r.Stream("Main.raffinate")!.Flow, 12);
    }

    [Fact]
    public void ValidationChecksEveryFeed()
    {
        var ore = new FeedStream("ore", 10, Map(("La", 0.3), ("Ce", 0.1)), 0);
        Flowsheet With(params CascadeDefinition[] cascades) => new("f", null, Chemistry, [ore], cascades, [], new SolverOptions());
        var issues = FlowsheetValidator.Validate(With(Cascade("A", "ore", 4, new CascadeFeed("B.raffinate", 9))));
        Assert.Contains(issues, i => i.Path == "cascades.A.feeds.1.from" && i.Message.Contains("no feed or outlet named 'B.raffinate'"));
        Assert.Contains(issues, i => i.Path == "cascades.A.feeds.1.stage" && i.Message.Contains("outside the extraction section"));
        // A takes B's raffinate, B takes A's strip liquor: a cycle through a further feed, which is solved (NetworkCycleTests)
        Assert.Empty(FlowsheetValidator.Validate(With(Cascade("A", "ore", 4, new CascadeFeed("B.raffinate", 2)), Cascade("B", "A.strip-liquor", null))));
        var twice = FlowsheetValidator.Validate(With(Cascade("A", "ore", 4, new CascadeFeed("ore", 2))));
        Assert.Contains(twice, i => i.Path == "cascades.A.feeds.1.from" && i.Message.Contains("in two of its feeds"));
    }
}

/// <summary><c>organic.from</c>: another cascade's organic outlet as the organic inlet (linked extraction).</summary>
public class LinkedOrganicTests
{
    private static readonly ConstantDChemistry Chemistry = ConstantD(Map(("La", 0.5), ("Ce", 2.0)), strip: Map(("La", 0.05), ("Ce", 0.1)));
    private static readonly FeedStream Ore = new("ore", 10, Map(("La", 0.3), ("Ce", 0.1)), 0);

    /// <summary>A loads the organic (no strip); B takes A's raffinate as its feed and A's loaded organic as its organic, and strips it.</summary>
    private static Flowsheet Linked(OrganicDefinition organicOfB) => new("linked", null, Chemistry, [Ore],
    [
        new CascadeDefinition("B", "A.raffinate", null, 3, null, new StripDefinition(2, 2, 1), organicOfB),
        new CascadeDefinition("A", "ore", 4, 4, new ScrubDefinition(2, 1, 0), null, new OrganicDefinition(6)),
    ], [], new SolverOptions());

    private static void SameOutlets(FlowsheetResult expected, FlowsheetResult actual)
    {
        foreach (var s in expected.Streams.Where(s => !s.IsInlet && s.Name.StartsWith("B.", StringComparison.Ordinal)))
            for (int e = 0; e < expected.Elements.Count; e++)
                Assert.True(Rel(actual.Stream(s.Name)!.Concentrations[e], s.Concentrations[e]) <= 1e-9, $"{s.Name} {expected.Elements[e]}");
    }

    /// <summary>
    /// Oracle (i): the linked organic replaced by a fixed pre-loaded organic equal to the solved
    /// A.loaded-organic gives the same cascade B to 1e-9. With organic.flow 9 L/h the 6 L/h linked
    /// stream is made up with 3 L/h of fresh organic: the same as a pre-loaded organic of 6/9 of its
    /// concentrations at 9 L/h.
    /// </summary>
    [Theory]
    [InlineData(0.0)]
    [InlineData(9.0)]
    public void LinkedOrganicEqualsThePreloadedOrganicItCarries(double flow)
    {
        var linked = Solve(Linked(new OrganicDefinition(flow) { From = "A.loaded-organic" }));
        Assert.Equal(["A", "B"], Linked(new OrganicDefinition(flow) { From = "A.loaded-organic" }).Graph.SolveOrder().Select(u => u.Name));
        var loaded = linked.Stream("A.loaded-organic")!;
        Assert.False(loaded.IsProduct);
        double total = Math.Max(flow, 6), share = 6 / total;
        var composition = Map(("La", share * loaded.Concentrations[linked.IndexOf("La")]), ("Ce", share * loaded.Concentrations[linked.IndexOf("Ce")]));
        var fixedOrganic = Solve(Linked(new OrganicDefinition(total, composition)));
        SameOutlets(fixedOrganic, linked);
        Assert.Equal(total, linked.Cascades.Single(c => c.Name == "B").OrganicFlow);
        if (flow > 6) Assert.Equal(3, linked.Stream("B.organic-inlet")!.Flow, 12);   // the fresh make-up
        else Assert.Null(linked.Stream("B.organic-inlet"));
    }

    [Fact]
    public void ValidationChecksTheLinkedOrganic()
    {
        Flowsheet With(string from, double flow = 0) => Linked(new OrganicDefinition(flow) { From = from });
        Assert.Contains(FlowsheetValidator.Validate(With("A.raffinate")), i => i.Path == "cascades.B.organic.from" && i.Message.Contains("aqueous outlet"));
        Assert.Contains(FlowsheetValidator.Validate(With("A.loaded-organc")), i => i.Path == "cascades.B.organic.from" && i.Message.Contains("did you mean 'A.loaded-organic'"));
        Assert.Contains(FlowsheetValidator.Validate(With("B.stripped-organic")), i => i.Path == "cascades.B.organic.from");
        Assert.Contains(FlowsheetValidator.Validate(With("A.loaded-organic", 4)), i => i.Path == "cascades.B.organic.flow" && i.Message.Contains("below the 6 L/h"));
    }
}

/// <summary><c>strip.composition</c>: metals dissolved in the strip solution enter the last stage.</summary>
public class StripCompositionTests
{
    /// <summary>
    /// 0.01 mol/L Nd in 6 L/h of strip acid brings 0.06 mol/h of Nd more: the strip-solution inlet
    /// shows it, every element closes (Build.Solve), and the products carry 0.06 mol/h more Nd than
    /// without it (the inflow is 10 × 0.7456 = 7.456 mol/h).
    /// </summary>
    [Fact]
    public void MetalsInTheStripSolutionEnterAndLeave()
    {
        var fs = PrNd();
        var c = fs.Cascades[0];
        var r = Solve(fs with { Cascades = [c with { Strip = c.Strip! with { Composition = Map(("Nd", 0.01)) } }] });
        int nd = r.IndexOf("Nd");
        var inlet = r.Stream("PrNd.strip-solution")!;
        Assert.Equal(0.01, inlet.Concentrations[nd]);
        double products = r.Streams.Where(s => s.IsProduct).Sum(s => s.MolarFlow(nd));
        Assert.True(Rel(products, 7.456 + 0.06) <= 1e-9, $"{products}");
    }
}

/// <summary><c>scrub.from</c>: another cascade's aqueous outlet as the scrub solution (a linked scrub).</summary>
public class LinkedScrubTests
{
    private static readonly ConstantDChemistry Chemistry = ConstantD(Map(("La", 0.5), ("Ce", 2.0)), strip: Map(("La", 0.05), ("Ce", 0.1)));
    private static readonly FeedStream Ore = new("ore", 10, Map(("La", 0.3), ("Ce", 0.1)), 0);
    private static readonly FeedStream Other = new("other", 5, Map(("La", 0.1), ("Ce", 0.2)), 0);

    /// <summary>A strips its organic into A.strip-liquor (2 L/h); B scrubs with it.</summary>
    private static Flowsheet Linked(ScrubDefinition scrubOfB) => new("linked scrub", null, Chemistry, [Ore, Other],
    [
        new CascadeDefinition("B", "other", 3, 3, scrubOfB, null, new OrganicDefinition(6)),
        new CascadeDefinition("A", "ore", 4, 4, new ScrubDefinition(2, 1, 0), new StripDefinition(2, 2, 1), new OrganicDefinition(6)),
    ], [], new SolverOptions());

    /// <summary>
    /// Oracle: the linked scrub equals an acid scrub of no acid whose flow and composition are the
    /// solved A.strip-liquor's, to 1e-9; A.strip-liquor is then no product, and B solves after A.
    /// </summary>
    [Fact]
    public void LinkedScrubEqualsAScrubOfTheStreamItTakes()
    {
        var fs = Linked(new ScrubDefinition(2, 0, 0) { From = "A.strip-liquor" });
        Assert.Equal(["A", "B"], fs.Graph.SolveOrder().Select(u => u.Name));
        var linked = Solve(fs);
        var liquor = linked.Stream("A.strip-liquor")!;
        Assert.False(liquor.IsProduct);
        var composition = Map(("La", liquor.Concentrations[linked.IndexOf("La")]), ("Ce", liquor.Concentrations[linked.IndexOf("Ce")]));
        var plain = Solve(Linked(new ScrubDefinition(2, liquor.Flow, 0, null, composition)));
        foreach (var name in new[] { "B.raffinate", "B.loaded-organic" })
            for (int e = 0; e < linked.Elements.Count; e++)
                Assert.True(Rel(linked.Stream(name)!.Concentrations[e], plain.Stream(name)!.Concentrations[e]) <= 1e-9, $"{name} {linked.Elements[e]}");
        // B's raffinate: its feed 5 L/h and the 2 L/h strip liquor
        Assert.Equal(7, linked.Stream("B.raffinate")!.Flow, 12);
    }

    [Fact]
    public void ValidationChecksTheLinkedScrub()
    {
        Assert.Contains(FlowsheetValidator.Validate(Linked(new ScrubDefinition(2, 0, 0) { From = "A.stripped-organic" })),
            i => i.Path == "cascades.B.scrub.from" && i.Message.Contains("organic outlet"));
        Assert.Contains(FlowsheetValidator.Validate(Linked(new ScrubDefinition(2, 0, 0) { From = "A.strip-liqour" })),
            i => i.Path == "cascades.B.scrub.from" && i.Message.Contains("did you mean 'A.strip-liquor'"));
    }
}
