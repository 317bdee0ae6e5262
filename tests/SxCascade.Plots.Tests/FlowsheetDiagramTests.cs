using SkiaSharp;
using SxCascade.Plots;
using SxCascade.Results;

namespace SxCascade.Plots.Tests;

/// <summary>The flowsheet diagram (issue 11 part 6): what is drawn, where, and that it is legible.</summary>
public sealed class FlowsheetDiagramTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sxcascade-diagram-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private static StreamResult S(string name, StreamKind kind, string phase, double flow, double[] c, string? from, string[] to,
        bool product = false, bool inlet = false)
    {
        double total = c[0] + c[1];   // purity among the rare earths La and Ce (H+ is none)
        return new(name, kind, phase, flow, c, c.Select((x, i) => total > 0 && i < 2 ? x / total : 0).ToArray(), c.Select(_ => 0.5).ToArray(), product)
        {
            From = from, To = to, IsInlet = inlet,
        };
    }

    /// <summary>
    /// A linked pair: the ore feeds A; A's loaded organic is B's organic (linked extraction); B's
    /// raffinate is A's scrub (the cycle the network solver tears); A's raffinate and B's strip
    /// liquor are products; B recycles its stripped organic to itself; A gets fresh acid and B
    /// fresh strip acid, which carry no rare earths.
    /// </summary>
    private static FlowsheetResult Linked()
    {
        string[] elements = ["La", "Ce", "H+"];
        var streams = new[]
        {
            S("ore", StreamKind.Feed, "aqueous", 10, [0.3, 0.7, 0.01], null, ["A"], inlet: true),
            S("A.scrub-solution", StreamKind.ScrubSolution, "aqueous", 5, [0, 0, 3], null, ["A"], inlet: true),
            S("B.strip-solution", StreamKind.StripSolution, "aqueous", 4, [0, 0, 4.5], null, ["B"], inlet: true),
            S("A.raffinate", StreamKind.Raffinate, "aqueous", 15, [0.2, 0.0002, 0.2], "A", [], product: true),
            S("A.loaded-organic", StreamKind.LoadedOrganic, "organic", 120, [0.0001, 0.058, 0], "A", ["B"]),
            S("B.raffinate", StreamKind.Raffinate, "aqueous", 6, [0.001, 0.3, 0.5], "B", ["A"]),
            S("B.strip-liquor", StreamKind.StripLiquor, "aqueous", 4, [1e-5, 1.1, 0.1], "B", [], product: true),
            S("B.stripped-organic", StreamKind.StrippedOrganic, "organic", 120, [0, 1e-6, 0], "B", ["B"]),
        };
        var cascades = new[]
        {
            new CascadeSummary("A", 12, 18, 0, 12, 120, null, "separation-factor"),
            new CascadeSummary("B", 10, 10, 6, 10, 120, null, "separation-factor"),
        };
        return new("linked La/Ce", true, 9, 1e-15, elements, [0, 0, 0], streams, [], cascades,
            new ReagentSummary("HCl", "NaOH", "NaCl", 0, 0, 0, 0, 0, 0, 0, null), [], [], 1)
        {
            Tears = [new TearReport("B.raffinate", "broyden", SolveStatus.Converged, 3, [1e-2, 1e-6, 1e-12], null)],
        };
    }

    [Fact]
    public void ModelHasACascadeBoxPerCascadeAndAnArrowPerStreamBetweenThem()
    {
        var model = FlowsheetDiagram.Model(Linked());
        Assert.Equal(["A", "B", "in:ore", "out:A.raffinate", "out:B.strip-liquor"], model.Nodes.Select(n => n.Id).Order(StringComparer.Ordinal));
        Assert.Equal("12 + 18 stages", model.Nodes.Single(n => n.Id == "A").Detail);   // no strip section: two counts
        Assert.Equal("10 + 10 + 6 stages", model.Nodes.Single(n => n.Id == "B").Detail);
        // fresh acid carries no rare earths, and B's own recycle stays inside its box: neither is an arrow
        Assert.DoesNotContain(model.Edges, e => e.Stream is "A.scrub-solution" or "B.strip-solution" or "B.stripped-organic");
        var link = model.Edges.Single(e => e.Stream == "A.loaded-organic");
        Assert.Equal(("A", "B", true, false), (link.From, link.To, link.Organic, link.Tear));
        var tear = model.Edges.Single(e => e.Stream == "B.raffinate");
        Assert.Equal(("B", "A", false, true), (tear.From, tear.To, tear.Organic, tear.Tear));
        Assert.Contains("(tear)", tear.Label);
        Assert.Equal(5, model.Edges.Count);   // ore → A, the link, the tear, two products
    }

    /// <summary>
    /// Labels: the port and the flow, then the elements with at least 5 % of the rare earths, largest
    /// first. A's loaded organic holds La 0.0001 and Ce 0.058 mol/L: Ce 0.058/0.0581 = 99.83 %,
    /// set as 99.8 % (one decimal between 99 and 99.9 %), La 0.17 % (not named). The ore: Ce 70 %, La 30 %; H+ is no rare earth.
    /// </summary>
    [Fact]
    public void LabelsGiveTheFlowAndTheMainElements()
    {
        var r = Linked();
        Assert.Equal("loaded-organic 120 L/h\nCe 99.8 %", FlowsheetDiagram.Label(r, r.Stream("A.loaded-organic")!, "loaded-organic"));
        Assert.Equal("10 L/h\nCe 70 %, La 30 %", FlowsheetDiagram.Label(r, r.Stream("ore")!, null));
        Assert.Equal("62 %", FlowsheetDiagram.Percent(0.62));
        Assert.Equal("99.5 %", FlowsheetDiagram.Percent(0.995));
        Assert.Equal("99.98 %", FlowsheetDiagram.Percent(0.9998));
        Assert.Equal("> 99.99 %", FlowsheetDiagram.Percent(0.99996));
    }

    public static TheoryData<string> Sizes => new() { "screen", "column", "double" };

    /// <summary>
    /// Laid out at every size: texts inside the canvas, no text under 5 pt, no two boxes overlap,
    /// every arrow runs from its source box to its target box, and a print figure is no wider than
    /// its page.
    /// </summary>
    [Theory]
    [MemberData(nameof(Sizes))]
    public void LayoutKeepsEverythingInsideLegibleAndApart(string size)
    {
        var style = FigureStyle.ForSize(size, out _)!;
        var g = FlowsheetDiagram.Geometry(FlowsheetDiagram.Model(Linked()), style);
        var canvas = new SKRect(0, 0, g.Width, g.Height);
        foreach (var t in g.Texts)
        {
            Assert.True(canvas.Contains(t.Box), $"'{string.Join(" / ", t.Lines)}' at {t.Box} leaves the {g.Width}×{g.Height} canvas");
            Assert.True(t.Points >= FlowsheetDiagram.MinTextPoints - 1e-4, $"'{t.Lines[0]}' is set at {t.Points} pt");
        }
        for (int i = 0; i < g.Boxes.Count; i++)
            for (int j = i + 1; j < g.Boxes.Count; j++)
                Assert.False(g.Boxes[i].Box.IntersectsWith(g.Boxes[j].Box), $"{g.Boxes[i].Node.Id} overlaps {g.Boxes[j].Node.Id}");
        var boxOf = g.Boxes.ToDictionary(b => b.Node.Id, b => b.Box);
        Assert.Equal(5, g.Arrows.Count);
        foreach (var (edge, path) in g.Arrows)
        {
            Assert.True(path.Count >= 2, edge.Stream);
            Assert.True(Near(boxOf[edge.From], path[0]), $"{edge.Stream} starts at {path[0]}, not at {edge.From} {boxOf[edge.From]}");
            Assert.True(Near(boxOf[edge.To], path[^1]), $"{edge.Stream} ends at {path[^1]}, not at {edge.To} {boxOf[edge.To]}");
        }
        if (style.Print) Assert.True(g.Width <= style.Width, $"{g.Width} px on a {style.Width} px page");
    }

    /// <summary>Left to right on screen: the feed left of the first cascade, the products right of the cascade they leave.</summary>
    [Fact]
    public void OnScreenTheFeedIsLeftAndTheProductsRight()
    {
        var g = FlowsheetDiagram.Geometry(FlowsheetDiagram.Model(Linked()), FigureStyle.Screen);
        Assert.True(g.LeftToRight);
        var x = g.Boxes.ToDictionary(b => b.Node.Id, b => b.Box.MidX);
        Assert.True(x["in:ore"] < x["A"]);
        Assert.True(x["A"] < x["out:A.raffinate"]);
        Assert.True(x["B"] < x["out:B.strip-liquor"]);
    }

    [Fact]
    public void SavesPngAndSvgWithTheTextsAsText()
    {
        var written = FlowsheetDiagram.Save(Linked(), _dir, FigureStyle.Column, FigureFormats.Png | FigureFormats.Svg);
        Assert.Equal([Path.Combine(_dir, "flowsheet.png"), Path.Combine(_dir, "flowsheet.svg")], written);
        using var png = SKBitmap.Decode(written[0]);
        Assert.NotNull(png);
        Assert.True(png.Width > 1000, $"{png.Width} px at 600 dpi");
        string svg = File.ReadAllText(written[1]);
        foreach (var text in new[] { "10 + 10 + 6 stages", "loaded-organic 120 L/h", "(tear)", "A.raffinate" })
            Assert.Contains(text, svg.Replace("&#x2B;", "+", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    private static bool Near(SKRect box, SKPoint p, float slack = 3) =>
        p.X >= box.Left - slack && p.X <= box.Right + slack && p.Y >= box.Top - slack && p.Y <= box.Bottom + slack;
}
