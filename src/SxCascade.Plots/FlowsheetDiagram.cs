using System.Globalization;
using Microsoft.Msagl.Core.Geometry;
using Microsoft.Msagl.Core.Geometry.Curves;
using Microsoft.Msagl.Core.Layout;
using Microsoft.Msagl.Layout.Layered;
using Microsoft.Msagl.Miscellaneous;
using ScottPlot;
using SkiaSharp;
using SxCascade.Chemistry;
using SxCascade.Results;
using MsaglNode = Microsoft.Msagl.Core.Layout.Node;
using MsaglEdge = Microsoft.Msagl.Core.Layout.Edge;
using MsaglLabel = Microsoft.Msagl.Core.Layout.Label;

namespace SxCascade.Plots;

/// <summary>What a box of the flowsheet diagram stands for.</summary>
public enum DiagramNodeKind
{
    /// <summary>A feed entering the flowsheet, or a reagent inlet that carries rare earths (a pre-loaded organic, a loaded scrub).</summary>
    Inlet,
    /// <summary>A cascade, with its stage counts.</summary>
    Cascade,
    /// <summary>A stream leaving the flowsheet.</summary>
    Product,
}

/// <summary>One box of the diagram.</summary>
/// <param name="Id">Unique key: the cascade name, or "in:STREAM" / "out:STREAM".</param>
/// <param name="Kind">What it stands for.</param>
/// <param name="Title">First line (cascade or stream name).</param>
/// <param name="Detail">Second line (stage counts of a cascade; null for streams).</param>
public sealed record DiagramNode(string Id, DiagramNodeKind Kind, string Title, string? Detail);

/// <summary>One arrow of the diagram: a stream from one box to another.</summary>
/// <param name="From">Id of the node it leaves.</param>
/// <param name="To">Id of the node it enters.</param>
/// <param name="Stream">The stream's name in the result.</param>
/// <param name="Organic">True for an organic stream (drawn dashed).</param>
/// <param name="Tear">True when the network solver tore the flowsheet at this stream (drawn in colour, marked "(tear)").</param>
/// <param name="Label">The label, one or two lines: the stream's port, its flow and its main elements.</param>
public sealed record DiagramEdge(string From, string To, string Stream, bool Organic, bool Tear, string Label);

/// <summary>The boxes and arrows of a flowsheet diagram, before layout.</summary>
public sealed record DiagramModel(IReadOnlyList<DiagramNode> Nodes, IReadOnlyList<DiagramEdge> Edges);

/// <summary>A laid-out text: its lines, the baseline-free box it occupies (logical px) and its size in points.</summary>
public sealed record DiagramText(IReadOnlyList<string> Lines, SKRect Box, float Points, bool Bold)
{
    /// <summary>Lines start at the box's left edge (the key) instead of being centred.</summary>
    public bool LeftAligned { get; init; }
}

/// <summary>A laid-out diagram: boxes, arrow polylines, texts, all in logical px of a canvas of <see cref="Width"/> × <see cref="Height"/>.</summary>
public sealed record DiagramGeometry(
    int Width, int Height,
    IReadOnlyList<(DiagramNode Node, SKRect Box)> Boxes,
    IReadOnlyList<(DiagramEdge Edge, IReadOnlyList<SKPoint> Path)> Arrows,
    IReadOnlyList<DiagramText> Texts,
    bool LeftToRight)
{
    /// <summary>Factor the layout was shrunk by to fit the page (1 = natural size); lines are drawn thinner by it.</summary>
    public float Scale { get; init; } = 1;
}

/// <summary>
/// The flowsheet diagram of a network (FORMAT.md "Networks"): cascades as boxes with their stage
/// counts, feeds and products at the ends, streams as arrows labelled with the flow and the main
/// elements, organic streams dashed and tear streams marked. The layout is MSAGL's layered
/// (Sugiyama) layout, left to right, or top to bottom where that fits the page width better;
/// nothing is placed by hand.
/// </summary>
public static class FlowsheetDiagram
{
    /// <summary>Smallest text the diagram is scaled down to, pt: below it a print would not be legible, so the canvas grows instead.</summary>
    public const float MinTextPoints = 5;

    /// <summary>An element is named in a label when its share of the stream's rare earths is at least this.</summary>
    public const double MainElementShare = 0.05;

    /// <summary>Colour of tear streams.</summary>
    public static readonly SKColor TearColor = new(0xCC, 0x66, 0x77);

    // texts are measured at a size large enough for hinting not to matter, then scaled
    private const float MeasureSize = 100;
    private const float Margin = 12, BoxPadX = 8, BoxPadY = 5, LineGap = 1.25f;

    /// <summary>
    /// The boxes and arrows of <paramref name="result"/>: one box per cascade, one per feed (and per
    /// inlet carrying rare earths), one per product; an arrow per stream between them. Fresh acid and
    /// organic inlets carry no rare earths and are left out (the key says so).
    /// </summary>
    /// <param name="result">A solved flowsheet; the streams its network solver tore (<see cref="FlowsheetResult.Tears"/>) are marked.</param>
    public static DiagramModel Model(FlowsheetResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var tears = result.Tears.Select(t => t.Stream).ToHashSet(StringComparer.Ordinal);
        var nodes = new List<DiagramNode>();
        var edges = new List<DiagramEdge>();
        var cascades = result.Cascades.Select(c => c.Name).ToHashSet(StringComparer.Ordinal);
        foreach (var c in result.Cascades)
        {
            string stages = c.ScrubStages + c.StripStages == 0
                ? Typography.Count(c.ExtractionStages)
                : $"{Typography.Count(c.ExtractionStages)} + {Typography.Count(c.ScrubStages)}" + (c.StripStages > 0 ? $" + {Typography.Count(c.StripStages)}" : "");
            nodes.Add(new(c.Name, DiagramNodeKind.Cascade, c.Name, $"{stages} stages"));
        }
        foreach (var s in result.Streams)
        {
            bool organic = s.Phase == "organic";
            bool tear = tears.Contains(s.Name);
            if (s.From is null)
            {
                if (!(s.Kind == StreamKind.Feed || CarriesRareEarths(result, s))) continue;
                var targets = s.To.Where(cascades.Contains).ToList();
                if (targets.Count == 0) continue;
                string id = "in:" + s.Name;
                nodes.Add(new(id, DiagramNodeKind.Inlet, s.Name, null));
                foreach (var to in targets)
                    edges.Add(new(id, to, s.Name, organic, tear, Label(result, s, s.Kind == StreamKind.Feed ? null : Port(s.Name), tear)));
                continue;
            }
            if (!cascades.Contains(s.From)) continue;
            // a cascade's own recycle (organic.recycle) is inside its box
            foreach (var to in s.To.Where(t => cascades.Contains(t) && t != s.From))
                edges.Add(new(s.From, to, s.Name, organic, tear, Label(result, s, Port(s.Name), tear)));
            if (s.IsProduct)
            {
                string id = "out:" + s.Name;
                nodes.Add(new(id, DiagramNodeKind.Product, s.Name, null));
                edges.Add(new(s.From, id, s.Name, organic, tear, Label(result, s, null, tear)));
            }
        }
        return new(nodes, edges);
    }

    /// <summary>"1.2 L/h · Nd 62 %, Pr 37 %", with the port first where the arrow's ends do not already name the stream.</summary>
    public static string Label(FlowsheetResult result, StreamResult stream, string? port, bool tear = false)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(stream);
        string flow = Flow(stream.Flow) + " L/h";
        var main = Enumerable.Range(0, Math.Min(result.Elements.Count, stream.Purity.Count))
            .Where(i => stream.Purity[i] >= MainElementShare && Elements.IsRareEarth(result.Elements[i]))
            .OrderByDescending(i => stream.Purity[i])
            .Take(2)
            .Select(i => $"{result.Elements[i]} {Percent(stream.Purity[i])}")
            .ToList();
        string first = port is null ? flow : $"{port} {flow}";
        if (tear) first += " (tear)";
        return main.Count == 0 ? first : first + "\n" + string.Join(", ", main);
    }

    /// <summary>A share as a percentage with the digits that tell it from 100 %: 62 %, 99.9 %, 99.98 %.</summary>
    public static string Percent(double share)
    {
        double p = 100 * share;
        if (p >= 99.995) return "> 99.99 %";
        string digits = p >= 99.9 ? "0.00" : p >= 99 ? "0.0" : "0";
        return p.ToString(digits, CultureInfo.InvariantCulture) + " %";
    }

    /// <summary>Lays <paramref name="model"/> out for <paramref name="style"/>'s page width.</summary>
    public static DiagramGeometry Geometry(DiagramModel model, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(model);
        style ??= FigureStyle.Screen;
        var across = Layout(model, style, leftToRight: true);
        if (across.Width <= style.Width) return across;
        var down = Layout(model, style, leftToRight: false);
        // whichever needs less shrinking (or less overflow) to fit the page width
        return down.Width < across.Width ? down : across;
    }

    /// <summary>The diagram of <paramref name="result"/> as a figure (PNG, SVG, PDF through <see cref="FigureFile"/>).</summary>
    public static FigureFile Draw(FlowsheetResult result, FigureStyle? style = null)
    {
        style ??= FigureStyle.Screen;
        var g = Geometry(Model(result), style);
        return new FigureFile(g.Width, g.Height, (canvas, rect) => Paint(canvas, rect, g, style));
    }

    /// <summary>Writes DIRECTORY/flowsheet.png and .svg (and .pdf) as <paramref name="formats"/> asks; returns the paths.</summary>
    public static IReadOnlyList<string> Save(FlowsheetResult result, string directory, FigureStyle? style = null,
        FigureFormats formats = FigureFormats.Default)
    {
        style ??= FigureStyle.Screen;
        return Draw(result, style).Save(directory, "flowsheet", style, formats);
    }

    private static DiagramGeometry Layout(DiagramModel model, FigureStyle style, bool leftToRight)
    {
        float titlePt = style.LabelPoints, detailPt = style.TickPoints, edgePt = style.AnnotationPoints;
        using var measure = new SKFont(Typeface(bold: false), MeasureSize);
        using var measureBold = new SKFont(Typeface(bold: true), MeasureSize);

        var graph = new GeometryGraph();
        var byId = new Dictionary<string, MsaglNode>(StringComparer.Ordinal);
        var sizes = new Dictionary<DiagramNode, (float Tw, float Th, float Dw, float Dh)>();
        foreach (var n in model.Nodes)
        {
            var (tw, th) = Measure(n.Kind == DiagramNodeKind.Cascade ? measureBold : measure, [n.Title], titlePt);
            var (dw, dh) = n.Detail is null ? (0f, 0f) : Measure(measure, [n.Detail], detailPt);
            sizes[n] = (tw, th, dw, dh);
            double w = Math.Max(tw, dw) + 2 * BoxPadX, h = th + dh + 2 * BoxPadY;
            var node = new MsaglNode(CurveFactory.CreateRectangle(w, h, new Point(0, 0)), n);
            graph.Nodes.Add(node);
            byId[n.Id] = node;
        }
        foreach (var e in model.Edges)
        {
            if (!byId.TryGetValue(e.From, out var s) || !byId.TryGetValue(e.To, out var t)) continue;
            var edge = new MsaglEdge(s, t) { UserData = e };
            var (lw, lh) = Measure(measure, e.Label.Split('\n'), edgePt);
            edge.Label = new MsaglLabel(lw + 4, lh + 2, edge);
            graph.Edges.Add(edge);
        }
        var settings = new SugiyamaLayoutSettings
        {
            NodeSeparation = 14,
            LayerSeparation = 34,
            Transformation = leftToRight ? PlaneTransformation.Rotation(Math.PI / 2) : PlaneTransformation.UnitTransformation,
        };
        settings.EdgeRoutingSettings.EdgeRoutingMode = Microsoft.Msagl.Core.Routing.EdgeRoutingMode.Spline;
        LayoutHelpers.CalculateLayout(graph, settings, null);

        // MSAGL's y grows upwards; the canvas's grows downwards. Mirror y, and for left to right
        // mirror x as well when the rotation put the feeds on the right.
        var bounds = graph.BoundingBox;
        bool flipX = leftToRight && FeedsOnTheRight(graph);
        SKPoint Map(Point p) => new((float)(flipX ? bounds.Right - p.X : p.X - bounds.Left), (float)(bounds.Top - p.Y));

        var boxes = new List<(DiagramNode, SKRect)>();
        var texts = new List<DiagramText>();
        foreach (var node in graph.Nodes)
        {
            var n = (DiagramNode)node.UserData;
            var c = Map(node.Center);
            float w = (float)node.BoundingBox.Width, h = (float)node.BoundingBox.Height;
            var box = new SKRect(c.X - w / 2, c.Y - h / 2, c.X + w / 2, c.Y + h / 2);
            boxes.Add((n, box));
            var (tw, th, dw, dh) = sizes[n];
            float top = c.Y - (th + dh) / 2;
            texts.Add(new([n.Title], new SKRect(c.X - tw / 2, top, c.X + tw / 2, top + th), titlePt, n.Kind == DiagramNodeKind.Cascade));
            if (n.Detail is not null)
                texts.Add(new([n.Detail], new SKRect(c.X - dw / 2, top + th, c.X + dw / 2, top + th + dh), detailPt, false));
        }
        var arrows = new List<(DiagramEdge, IReadOnlyList<SKPoint>)>();
        foreach (var edge in graph.Edges)
        {
            var e = (DiagramEdge)edge.UserData;
            var path = new List<SKPoint>();
            if (edge.Curve is { } curve)
            {
                const int samples = 48;
                for (int i = 0; i <= samples; i++)
                    path.Add(Map(curve[curve.ParStart + (curve.ParEnd - curve.ParStart) * i / samples]));
            }
            arrows.Add((e, path));
            if (edge.Label is { } label)
            {
                var lines = e.Label.Split('\n');
                var (lw, lh) = Measure(measure, lines, edgePt);
                var c = Map(label.Center);
                texts.Add(new(lines, new SKRect(c.X - lw / 2, c.Y - lh / 2, c.X + lw / 2, c.Y + lh / 2), edgePt, false));
            }
        }

        // the key, under the drawing
        float keyPt = edgePt;
        string[] key = [KeyText];
        var (kw, kh) = Measure(measure, key, keyPt);
        if (kw + 2 * Margin > style.Width)
        {
            key = [KeyText[..KeySplit].TrimEnd(), KeyText[KeySplit..].TrimStart()];
            (kw, kh) = Measure(measure, key, keyPt);
        }
        // what was placed, texts included (a label may reach past MSAGL's bounding box)
        var all = boxes.Select(b => b.Item2).Concat(texts.Select(t => t.Box))
            .Concat(arrows.SelectMany(a => a.Item2).Select(p => new SKRect(p.X, p.Y, p.X, p.Y))).ToList();
        var union = all.Count == 0 ? SKRect.Empty : all.Aggregate(SKRect.Union);
        float width = union.Width, height = union.Height;

        // scale to the page width, but not below legible text
        float natural = Math.Max(width, kw) + 2 * Margin;
        float scale = Math.Min(1f, (float)style.Width / natural);
        scale = Math.Max(scale, MinTextPoints / Math.Min(edgePt, detailPt));
        scale = Math.Min(scale, 1f);
        float ox = Margin - union.Left * scale, oy = Margin - union.Top * scale;
        SKRect S(SKRect r) => new(ox + r.Left * scale, oy + r.Top * scale, ox + r.Right * scale, oy + r.Bottom * scale);
        SKPoint P(SKPoint p) => new(ox + p.X * scale, oy + p.Y * scale);
        var sBoxes = boxes.Select(b => (b.Item1, S(b.Item2))).ToList();
        var sArrows = arrows.Select(a => (a.Item1, (IReadOnlyList<SKPoint>)a.Item2.Select(P).ToList())).ToList();
        var sTexts = texts.Select(t => t with { Box = S(t.Box), Points = t.Points * scale }).ToList();
        float keyTop = Margin + height * scale + Margin;
        float keyScale = Math.Max(scale, MinTextPoints / keyPt);
        sTexts.Add(new(key, new SKRect(Margin, keyTop, Margin + kw * keyScale, keyTop + kh * keyScale), keyPt * keyScale, false) { LeftAligned = true });
        int canvasW = (int)Math.Ceiling(Math.Max(width * scale, kw * keyScale) + 2 * Margin);
        int canvasH = (int)Math.Ceiling(keyTop + kh * keyScale + Margin);
        return new(canvasW, canvasH, sBoxes, sArrows, sTexts, leftToRight) { Scale = scale };
    }

    /// <summary>The key line under every diagram.</summary>
    public const string KeyText = "solid: aqueous   dashed: organic   red: tear stream   fresh acid and organic inlets not drawn";

    // where the key breaks when it does not fit on one line
    private static readonly int KeySplit = KeyText.IndexOf("fresh", StringComparison.Ordinal);

    private static bool FeedsOnTheRight(GeometryGraph graph)
    {
        var inlets = graph.Nodes.Where(n => ((DiagramNode)n.UserData).Kind == DiagramNodeKind.Inlet).ToList();
        var products = graph.Nodes.Where(n => ((DiagramNode)n.UserData).Kind == DiagramNodeKind.Product).ToList();
        if (inlets.Count == 0 || products.Count == 0) return false;
        return inlets.Average(n => n.Center.X) > products.Average(n => n.Center.X);
    }

    private static void Paint(SKCanvas canvas, PixelRect rect, DiagramGeometry g, FigureStyle style)
    {
        canvas.Save();
        canvas.Translate(rect.Left, rect.Top);
        using (var white = new SKPaint { Color = SKColors.White, Style = SKPaintStyle.Fill })
            canvas.DrawRect(new SKRect(0, 0, g.Width, g.Height), white);
        float stroke = Math.Max(0.6f, style.LineWidth * 0.8f * Math.Min(1f, g.Scale + 0.2f));
        using var line = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = stroke, IsAntialias = true };
        using var dashed = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = stroke, IsAntialias = true, PathEffect = SKPathEffect.CreateDash([5 * stroke, 3 * stroke], 0) };
        foreach (var (edge, path) in g.Arrows)
        {
            if (path.Count < 2) continue;
            using var p = new SKPath();
            p.MoveTo(path[0]);
            foreach (var q in path.Skip(1)) p.LineTo(q);
            var paint = edge.Organic ? dashed : line;
            paint.Color = edge.Tear ? TearColor : SKColors.Black;
            canvas.DrawPath(p, paint);
            ArrowHead(canvas, path[^2], path[^1], stroke, paint.Color);
        }
        using var boxFill = new SKPaint { Color = new SKColor(0xEE, 0xF2, 0xF8), Style = SKPaintStyle.Fill, IsAntialias = true };
        using var boxLine = new SKPaint { Color = SKColors.Black, Style = SKPaintStyle.Stroke, StrokeWidth = stroke, IsAntialias = true };
        using var thin = new SKPaint { Color = new SKColor(0x55, 0x55, 0x55), Style = SKPaintStyle.Stroke, StrokeWidth = stroke * 0.7f, IsAntialias = true };
        foreach (var (node, box) in g.Boxes)
        {
            if (node.Kind == DiagramNodeKind.Cascade)
            {
                canvas.DrawRoundRect(box, 3, 3, boxFill);
                canvas.DrawRoundRect(box, 3, 3, boxLine);
            }
            else
            {
                canvas.DrawRoundRect(box, box.Height / 2, box.Height / 2, thin);
            }
        }
        using var ink = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        using var ground = new SKPaint { Color = new SKColor(255, 255, 255, 220), Style = SKPaintStyle.Fill };
        foreach (var t in g.Texts)
        {
            using var font = new SKFont(Typeface(t.Bold), FigureStyle.Px(t.Points));
            float lineHeight = FigureStyle.Px(t.Points) * LineGap;
            // labels sit on a white ground so that an arrow under them does not strike through
            if (t.Lines.Count > 0 && t.Box.Width > 0 && !g.Boxes.Any(b => b.Box.Contains(t.Box.MidX, t.Box.MidY)))
                canvas.DrawRect(t.Box, ground);
            for (int i = 0; i < t.Lines.Count; i++)
            {
                float w = font.MeasureText(t.Lines[i]);
                float baseline = t.Box.Top + lineHeight * i + FigureStyle.Px(t.Points) * 0.95f;
                float x = t.LeftAligned ? t.Box.Left : t.Box.MidX - w / 2;
                canvas.DrawText(t.Lines[i], x, baseline, SKTextAlign.Left, font, ink);
            }
        }
        canvas.Restore();
    }

    private static void ArrowHead(SKCanvas canvas, SKPoint from, SKPoint tip, float stroke, SKColor color)
    {
        float dx = tip.X - from.X, dy = tip.Y - from.Y, len = MathF.Sqrt(dx * dx + dy * dy);
        if (len <= 0) return;
        dx /= len; dy /= len;
        float size = 4 + 2 * stroke;
        using var path = new SKPath();
        path.MoveTo(tip);
        path.LineTo(tip.X - size * dx + size * 0.45f * dy, tip.Y - size * dy - size * 0.45f * dx);
        path.LineTo(tip.X - size * dx - size * 0.45f * dy, tip.Y - size * dy + size * 0.45f * dx);
        path.Close();
        using var fill = new SKPaint { Color = color, Style = SKPaintStyle.Fill, IsAntialias = true };
        canvas.DrawPath(path, fill);
    }

    private static (float Width, float Height) Measure(SKFont unitFont, IReadOnlyList<string> lines, float points)
    {
        float px = FigureStyle.Px(points);
        float w = lines.Max(l => unitFont.MeasureText(l)) * px / unitFont.Size;
        float h = px * (LineGap * (lines.Count - 1) + 1.15f);
        return (w, h);
    }

    private static SKTypeface Typeface(bool bold) =>
        SKTypeface.FromFamilyName(Typography.SansFont ?? "sans-serif", bold ? SKFontStyle.Bold : SKFontStyle.Normal) ?? SKTypeface.Default;


    private static string Flow(double litresPerHour) =>
        litresPerHour.ToString(litresPerHour >= 100 ? "#,0" : litresPerHour >= 10 ? "0.#" : "0.##", CultureInfo.InvariantCulture);

    private static string Port(string stream)
    {
        int dot = stream.IndexOf('.', StringComparison.Ordinal);
        return dot < 0 ? stream : stream[(dot + 1)..];
    }

    private static bool CarriesRareEarths(FlowsheetResult result, StreamResult s)
    {
        for (int i = 0; i < Math.Min(result.Elements.Count, s.Concentrations.Count); i++)
            if (Elements.IsRareEarth(result.Elements[i]) && s.Concentrations[i] > 0) return true;
        return false;
    }
}
