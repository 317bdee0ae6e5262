using System.Globalization;
using System.Text;
using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using SkiaSharp;
using SxCascade.Comparison;
using SxCascade.Results;

namespace SxCascade.Plots;

/// <summary>The four figures of <c>sxcascade compare</c>.</summary>
public enum ComparisonFigure
{
    /// <summary>Grouped bars: stages per section, reagents per kg product oxide, organic flow and inventory (compare-metrics).</summary>
    Metrics,
    /// <summary>Aqueous stage profiles of the key elements, all techniques overlaid (compare-profiles).</summary>
    Profiles,
    /// <summary>Impurity of the first product against total stages (compare-purity-stages).</summary>
    PurityStages,
    /// <summary>Total stages against acid + base per kg product oxide (compare-tradeoff).</summary>
    Tradeoff,
}

/// <summary>
/// The figures of a technique comparison (issue 4, <c>sxcascade compare --out</c>), drawn from a
/// <see cref="ComparisonResult"/>. Every figure gives each technique the same colour (in the order
/// compared, <see cref="TechniqueColor"/>) and names it by its label in the legend.
/// </summary>
/// <remarks>
/// ScottPlot has no logarithmic axis: log-scale series hold log10 of the value and the axis carries
/// one major tick per decade labelled with the value, as in <see cref="StageProfileFigure"/>.
/// Values ≤ 0 or not finite have no logarithm and are left out of their series.
/// </remarks>
public static class ComparisonFigures
{
    /// <summary>Width of every saved figure, px.</summary>
    public const int Width = 1000;

    /// <summary>Height of the profile, purity and trade-off figures, px.</summary>
    public const int Height = 600;

    /// <summary>Height of the metrics figure (2 × 2 panels), px.</summary>
    public const int MetricsHeight = 800;

    /// <summary>The figures in the order they are saved and shown.</summary>
    public static IReadOnlyList<ComparisonFigure> All { get; } =
        [ComparisonFigure.Metrics, ComparisonFigure.Profiles, ComparisonFigure.PurityStages, ComparisonFigure.Tradeoff];

    /// <summary>Title of the stages panel of the metrics figure.</summary>
    public const string StagesTitle = "Stages per section";

    /// <summary>Title of the reagents panel of the metrics figure.</summary>
    public const string ReagentsTitle = "Reagents per kg product oxide";

    /// <summary>Title of the organic flow panel of the metrics figure.</summary>
    public const string OrganicFlowTitle = "Organic flow";

    /// <summary>Title of the organic inventory panel of the metrics figure.</summary>
    public const string OrganicInventoryTitle = "Organic inventory";

    /// <summary>Vertical axis of the stages panel.</summary>
    public const string StagesAxisLabel = "Stages (count)";

    /// <summary>Vertical axis of the reagents panel.</summary>
    public const string ReagentsAxisLabel = "Reagents (kg/kg product oxide)";

    /// <summary>Vertical axis of the organic flow panel.</summary>
    public const string OrganicFlowAxisLabel = "Organic flow (L/h)";

    /// <summary>Vertical axis of the organic inventory panel.</summary>
    public const string OrganicInventoryAxisLabel = "Organic inventory (L)";

    /// <summary>Text in the inventory panel for a technique whose inventory is unknown.</summary>
    public const string NoInventoryText = "unknown:\nno stage-volume\nor contactor";

    /// <summary>Title of the profile figure.</summary>
    public const string ProfilesTitle = "Aqueous stage profiles of the key elements";

    /// <summary>Horizontal axis of the profile figure.</summary>
    public const string ProfilesStageAxisLabel = "Stage (organic flows 1 → N)";

    /// <summary>Vertical axis of the profile figure (log10 scale drawn with decade ticks).</summary>
    public const string ProfilesAxisLabel = "Aqueous concentration (mol/L)";

    /// <summary>Title of the purity figure.</summary>
    public const string PurityTitle = "Purity against total stages (flows fixed, sections scaled)";

    /// <summary>Horizontal axis of the purity and trade-off figures.</summary>
    public const string TotalStagesAxisLabel = "Total stages (count)";

    /// <summary>Right axis of the purity figure: the same positions, labelled as purity.</summary>
    public const string PurityAxisLabel = "Purity (%)";

    /// <summary>Legend text of the marks at each technique as compared.</summary>
    public const string AsComparedLegend = "technique as compared";

    /// <summary>Title of the trade-off figure.</summary>
    public const string TradeoffTitle = "Stages against reagent use";

    /// <summary>Horizontal axis of the trade-off figure.</summary>
    public const string TradeoffAxisLabel = "Acid + base (kg per kg product oxide)";

    /// <summary>File stem of a figure: compare-metrics, compare-profiles, compare-purity-stages, compare-tradeoff.</summary>
    public static string FileStem(ComparisonFigure kind) => kind switch
    {
        ComparisonFigure.Metrics => "compare-metrics",
        ComparisonFigure.Profiles => "compare-profiles",
        ComparisonFigure.PurityStages => "compare-purity-stages",
        ComparisonFigure.Tradeoff => "compare-tradeoff",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    /// <summary>Size of a saved figure at <paramref name="style"/> (default the screen size), logical px.</summary>
    public static (int Width, int Height) Size(ComparisonFigure kind, FigureStyle? style = null)
    {
        style ??= FigureStyle.Screen;
        return (style.Width, style.HeightFor(kind == ComparisonFigure.Metrics ? (double)MetricsHeight / Width : (double)Height / Width));
    }

    /// <summary>Colour of the technique at <paramref name="index"/> (order compared) in every figure.</summary>
    public static Color TechniqueColor(int index, int count) => FigureStyle.Screen.ColorOf(index);

    /// <summary>
    /// Writes the four figures to <paramref name="directory"/> (created if missing) in
    /// <paramref name="formats"/> (default PNG and SVG): compare-metrics, compare-profiles,
    /// compare-purity-stages and compare-tradeoff, at <see cref="Size"/>.
    /// </summary>
    /// <param name="r">The comparison.</param>
    /// <param name="directory">Where to write.</param>
    /// <param name="svgs">SVG documents already made by <see cref="Svg"/> (e.g. for a report), written
    /// as they are instead of rendering them again; figures not in it are rendered.</param>
    /// <param name="style">Figure style; null for <see cref="FigureStyle.Screen"/>.</param>
    /// <param name="formats">File formats.</param>
    /// <returns>The paths written, PNG before SVG before PDF, in the order of <see cref="All"/>.</returns>
    public static IReadOnlyList<string> Save(ComparisonResult r, string directory, IReadOnlyDictionary<ComparisonFigure, string>? svgs = null,
        FigureStyle? style = null, FigureFormats formats = FigureFormats.Default)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(directory);
        style ??= FigureStyle.Screen;
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var kind in All)
        {
            string? made = svgs?.GetValueOrDefault(kind);
            using var figure = Figure(r, kind, style);
            var rest = made is null ? formats : formats & ~FigureFormats.Svg;
            var paths = figure.File.Save(directory, FileStem(kind), style, rest).ToList();
            if (made is not null && formats.HasFlag(FigureFormats.Svg))
            {
                string svg = Path.Combine(directory, FileStem(kind) + ".svg");
                File.WriteAllText(svg, made, Utf8);
                paths.Insert(formats.HasFlag(FigureFormats.Png) ? 1 : 0, svg);
            }
            written.AddRange(paths);
        }
        return written;
    }

    /// <summary>
    /// The SVG document of one figure, as <see cref="Save"/> writes it (an XML declaration, then an
    /// <c>&lt;svg&gt;</c> of <see cref="Size"/> px; all text XML-escaped).
    /// </summary>
    public static string Svg(ComparisonResult r, ComparisonFigure kind, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        using var figure = Figure(r, kind, style);
        return figure.File.Svg();
    }

    /// <summary>One figure as it is saved; dispose it after use.</summary>
    public static DrawnFigure Figure(ComparisonResult r, ComparisonFigure kind, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        style ??= FigureStyle.Screen;
        var (w, h) = Size(kind, style);
        if (kind == ComparisonFigure.Metrics)
        {
            var m = BuildMetrics(r, style);
            var legend = m.GetPlots()[0].Legend;
            int band = MetricsLegendHeight(m.GetPlots()[0], style, w);
            return new DrawnFigure(new FigureFile(w, h, (canvas, rect) =>
            {
                var grid = new PixelRect(rect.Left, rect.Right, rect.Bottom - band, rect.Top);
                canvas.Save();
                canvas.ClipRect(new SkiaSharp.SKRect(grid.Left, grid.Top, grid.Right, grid.Bottom));
                m.Render(canvas, grid);
                canvas.Restore();
                using var paint = Paint.NewDisposablePaint();
                legend.Render(canvas, paint, new PixelRect(rect.Left + 4, rect.Right - 4, rect.Bottom - 2, rect.Bottom - band + 2), Alignment.UpperCenter);
            }), m.GetPlots());
        }
        var plot = Build(r, kind, style);
        return new DrawnFigure(FigureFile.Of(plot, w, h), [plot]);
    }

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>A single-plot figure: profiles, purity or trade-off.</summary>
    private static Plot Build(ComparisonResult r, ComparisonFigure kind, FigureStyle style) => kind switch
    {
        ComparisonFigure.Profiles => BuildProfiles(r, style),
        ComparisonFigure.PurityStages => BuildPurityStages(r, style),
        ComparisonFigure.Tradeoff => BuildTradeoff(r, style),
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, "the metrics figure is a multiplot: use BuildMetrics"),
    };

    // ---------------------------------------------------------------- (a) metrics

    /// <summary>
    /// The metrics figure, four panels in a 2 × 2 grid (plots in this order):
    /// <list type="number">
    /// <item><see cref="StagesTitle"/>: one bar series per technique (legend: its label) at the
    /// categories extraction n, scrub m, strip k and total (x = 0, 1, 2, 3, bars side by side).</item>
    /// <item><see cref="ReagentsTitle"/>: one bar series per technique at acid, base and effluent salt
    /// (kg per kg product oxide); each category's tick label names the chemicals of the techniques.</item>
    /// <item><see cref="OrganicFlowTitle"/>: one bar per technique (x = its index), L/h.</item>
    /// <item><see cref="OrganicInventoryTitle"/>: one bar per technique with a known inventory, L;
    /// a technique without one gets no bar and the text <see cref="NoInventoryText"/> at its place.</item>
    /// </list>
    /// Every bar carries its value as a label.
    /// </summary>
    /// <param name="r">The comparison.</param>
    /// <param name="style">Figure style; null for <see cref="FigureStyle.Screen"/>.</param>
    public static Multiplot BuildMetrics(ComparisonResult r, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        style ??= FigureStyle.Screen;
        var t = r.Techniques;
        bool brief = ShortLabels(r, style);
        var stages = Panel(StagesTitle, StagesAxisLabel, style);
        var stageCategories = style.Print ? new[] { "extr.\nn", "scrub\nm", "strip\nk", "total" } : ["extraction n", "scrub m", "strip k", "total"];
        GroupedBars(stages, t, stageCategories,
            x => [x.ExtractionStages, x.ScrubStages, x.StripStages, x.TotalStages], v => Count((int)v), style, brief);

        var reagents = Panel(ReagentsTitle, ReagentsAxisLabel, style);
        string Names(Func<ReagentSummary, string?> name, string none) =>
            string.Join(" / ", t.Select(x => name(x.Result.Reagents) is { } n ? Typography.Formula(n) : none).Distinct());
        var reagentCategories = new[]
        {
            $"acid\n({Names(g => g.AcidName, "none")})",
            $"base\n({Names(g => g.BaseName, "none")})",
            $"{(style.Print ? "salt" : "effluent salt")}\n({Names(g => g.SaltName, "none")})",
        };
        GroupedBars(reagents, t, reagentCategories,
            x => [Finite(x.Result.Reagents.AcidKgPerKgOxide), Finite(x.Result.Reagents.BaseKgPerKgOxide), Finite(x.Result.Reagents.SaltKgPerKgOxide)],
            Value, style, brief);

        var flow = Panel(OrganicFlowTitle, OrganicFlowAxisLabel, style);
        PerTechniqueBars(flow, t, x => x.OrganicFlow, style, brief);

        var inventory = Panel(OrganicInventoryTitle, OrganicInventoryAxisLabel, style);
        PerTechniqueBars(inventory, t, x => x.OrganicInventory, style, brief);

        // the technique legend once, below the grid (MetricsLegendHeight), so that the four panels
        // keep equal data areas; it is the legend of the stages panel, not drawn inside it
        var (w, h) = Size(ComparisonFigure.Metrics, style);
        h -= MetricsLegendHeight(stages, style, w);
        foreach (var p in new[] { stages, reagents, flow, inventory }) style.Finish(p, w / 2, h / 2, legend: false);
        stages.Legend.IsVisible = false;
        var multiplot = new Multiplot(stages);
        multiplot.AddPlot(reagents);
        multiplot.AddPlot(flow);
        multiplot.AddPlot(inventory);
        multiplot.Layout = new ScottPlot.MultiplotLayouts.Grid(2, 2);
        return multiplot;
    }

    /// <summary>Height of the technique legend under the metrics grid, logical px: its rows across the canvas.</summary>
    private static int MetricsLegendHeight(Plot stages, FigureStyle style, int width)
    {
        style.StyleLegend(stages.Legend);
        stages.Legend.Orientation = Orientation.Horizontal;
        using var paint = Paint.NewDisposablePaint();
        return (int)Math.Ceiling(stages.Legend.GetLayout(new PixelSize(width - 8, float.PositiveInfinity), paint).LegendRect.Height) + 6;
    }

    /// <summary>
    /// Whether the figures name the techniques T1, T2, … on their axes, the legend giving the key
    /// ("T1: label"): at print sizes, and wherever a label would not fit its place under a bar.
    /// </summary>
    public static bool ShortLabels(ComparisonResult r, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        style ??= FigureStyle.Screen;
        return style.Print || r.Techniques.Any(t => t.Label.Length > 2 * PanelCharacters / Math.Max(1, r.Techniques.Count));
    }

    /// <summary>"T3": the short label of the technique at <paramref name="index"/>.</summary>
    public static string ShortLabel(int index) => $"T{(index + 1).ToString(CultureInfo.InvariantCulture)}";

    // a panel of the grid keeps its title at every size: it names what the panel shows
    private static Plot Panel(string title, string yLabel, FigureStyle style) =>
        (style with { ShowTitle = true, TitlePoints = style.LabelPoints }).NewPlot(title, "", yLabel);

    /// <summary>
    /// Categories at x = 0, 1, …; within each, one bar per technique side by side, each labelled with
    /// its value where the labels fit over the bars (the tables carry every number in any case).
    /// </summary>
    private static void GroupedBars(Plot plot, IReadOnlyList<TechniqueResult> t, string[] categories,
        Func<TechniqueResult, double[]> values, Func<double, string> format, FigureStyle style, bool brief)
    {
        double width = 0.8 / Math.Max(1, t.Count);
        int longest = t.SelectMany(x => values(x).Select(v => format(v).Length)).DefaultIfEmpty(0).Max();
        bool labelled = LabelsFit(width * 0.92 / categories.Length, longest, style);
        double highest = 0;
        for (int i = 0; i < t.Count; i++)
        {
            var v = values(t[i]);
            var bars = new List<Bar>();
            for (int c = 0; c < categories.Length; c++)
            {
                bars.Add(new Bar
                {
                    Position = c - 0.4 + width * (i + 0.5),
                    Value = v[c],
                    Size = width * 0.92,
                    FillColor = TechniqueColor(i, t.Count),
                    LineWidth = 0,
                    Label = labelled ? format(v[c]) : "",
                });
                highest = Math.Max(highest, v[c]);
            }
            var series = plot.Add.Bars(bars);
            series.LegendText = brief ? $"{ShortLabel(i)}: {t[i].Label}" : t[i].Label;
        }
        var ticks = new NumericManual();
        for (int c = 0; c < categories.Length; c++) ticks.AddMajor(c, categories[c]);
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        // room above the tallest bar for its value and for the legend
        plot.Axes.SetLimits(-0.5, categories.Length - 0.5, 0, Headroom(highest, 1.45));
    }

    /// <summary>One bar per technique at x = its index, the technique's label under it; null values get a note instead.</summary>
    private static void PerTechniqueBars(Plot plot, IReadOnlyList<TechniqueResult> t, Func<TechniqueResult, double?> value, FigureStyle style, bool brief)
    {
        double highest = 0;
        var ticks = new NumericManual();
        for (int i = 0; i < t.Count; i++)
        {
            ticks.AddMajor(i, brief ? ShortLabel(i) : Wrap(t[i].Label, PanelCharacters / Math.Max(1, t.Count)));
            if (value(t[i]) is { } v && double.IsFinite(v))
            {
                var series = plot.Add.Bars(new[] { new Bar
                {
                    Position = i,
                    Value = v,
                    Size = 0.6,
                    FillColor = TechniqueColor(i, t.Count),
                    LineWidth = 0,
                    Label = LabelsFit(0.6 / t.Count, Value(v).Length, style) ? Value(v) : "",
                } });
                series.LegendText = brief ? $"{ShortLabel(i)}: {t[i].Label}" : t[i].Label;
                highest = Math.Max(highest, v);
            }
        }
        double top = Headroom(highest, style.Print ? 1.35 : 1.2);
        for (int i = 0; i < t.Count; i++)
        {
            if (value(t[i]) is { } v && double.IsFinite(v)) continue;
            var note = plot.Add.Text(style.Print ? "n/a" : NoInventoryText, i, 0.05 * top);
            note.LabelFontColor = Colors.DimGray;
            note.LabelAlignment = Alignment.LowerCenter;
        }
        plot.Axes.Bottom.TickGenerator = ticks;
        plot.Axes.Bottom.MajorTickStyle.Length = 0;
        plot.Axes.SetLimits(-0.5, t.Count - 0.5, 0, top);
    }

    // a screen-size panel label of 52 characters across, at 7.5 px a character
    private const int PanelCharacters = 52;

    /// <summary>True when labels of <paramref name="characters"/> fit over bars <paramref name="fraction"/> of the panel wide.</summary>
    // a grid panel's data area is about 400 px wide at the screen size (1000 px), a character of a
    // 10 pt (13.3 px) annotation about 7.5 px: scaled to the canvas width and the annotation size
    private static bool LabelsFit(double fraction, int characters, FigureStyle style) =>
        fraction * 400.0 * style.Width / FigureStyle.ScreenWidth >= 7.5 * style.AnnotationSize / FigureStyle.Px(10) * characters + 2;

    /// <summary>
    /// <paramref name="label"/> broken into lines of at most <paramref name="width"/> characters
    /// after spaces, hyphens and underscores where it can be ("1-p507-naoh-\nacid-scrub").
    /// </summary>
    public static string Wrap(string label, int width)
    {
        ArgumentNullException.ThrowIfNull(label);
        if (width < 1 || label.Length <= width) return label;
        var lines = new List<string>();
        var line = new StringBuilder();
        int start = 0;
        for (int i = 0; i <= label.Length; i++)
        {
            if (i < label.Length && label[i] is not (' ' or '-' or '_')) continue;
            string piece = label[start..Math.Min(i + 1, label.Length)];
            if (line.Length > 0 && line.Length + piece.TrimEnd().Length > width)
            {
                lines.Add(line.ToString().TrimEnd());
                line.Clear();
            }
            line.Append(piece);
            start = i + 1;
        }
        if (line.Length > 0) lines.Add(line.ToString().TrimEnd());
        return string.Join("\n", lines);
    }

    private static double Headroom(double highest, double factor) => highest > 0 ? highest * factor : 1;

    private static double Finite(double v) => double.IsFinite(v) ? v : 0;

    // ---------------------------------------------------------------- (b) profiles

    /// <summary>
    /// The profile figure. For each technique (colour) and each key element it carries (line pattern
    /// and marker by element, in <see cref="ComparisonResult.KeyElements"/> order), a series
    /// "LABEL: El" with x = stage and y = log10 of the stage's aqueous concentration (mol/L), from the
    /// cascade of the technique's first product (its first cascade without products; with several
    /// cascades the legend reads "LABEL CASCADE: El"). Each technique's section boundaries are thin
    /// dotted lines in its colour.
    /// </summary>
    /// <param name="r">The comparison.</param>
    /// <param name="style">Figure style; null for <see cref="FigureStyle.Screen"/>.</param>
    public static Plot BuildProfiles(ComparisonResult r, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        style ??= FigureStyle.Screen;
        var plot = style.NewPlot(ProfilesTitle, ProfilesStageAxisLabel, ProfilesAxisLabel);

        var t = r.Techniques;
        var drawn = new Drawn();
        double lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        int longest = 1;
        for (int i = 0; i < t.Count; i++)
        {
            var result = t[i].Result;
            var cascade = ProfileCascade(t[i]);
            if (cascade is null) continue;
            var stages = result.Stages.Where(s => s.Cascade == cascade.Name).OrderBy(s => s.Stage).ToArray();
            longest = Math.Max(longest, Math.Max(cascade.TotalStages, stages.Length == 0 ? 0 : stages[^1].Stage));
            var color = TechniqueColor(i, t.Count);
            string name = result.Cascades.Count > 1 ? $"{t[i].Label} {cascade.Name}" : t[i].Label;
            var lines = new List<(int K, double[] Xs, double[] Ys)>();
            for (int k = 0; k < r.KeyElements.Count; k++)
            {
                int e = result.IndexOf(r.KeyElements[k]);
                if (e < 0) continue;
                var xs = new List<double>();
                var ys = new List<double>();
                foreach (var s in stages)
                {
                    double c = s.Aqueous[e];
                    if (!(c > 0) || !double.IsFinite(c)) continue;
                    xs.Add(s.Stage);
                    ys.Add(Math.Log10(c));
                }
                lines.Add((k, xs.ToArray(), ys.ToArray()));
            }
            string? same = drawn.Earlier(name, lines.SelectMany(l => l.Xs.Concat(l.Ys).Prepend(l.K)));
            foreach (var (k, xs, ys) in lines)
            {
                var series = plot.Add.Scatter(xs, ys, color);
                series.LegendText = $"{name}: {r.KeyElements[k]}{SameAs(same)}";
                series.LineWidth = style.LineWidth;
                (series.LinePattern, series.MarkerShape) = ElementStyles[k % ElementStyles.Length];
                series.MarkerSize = style.MarkerSize;
                if (same is not null) Overlay(series);
                foreach (var y in ys)
                {
                    lowest = Math.Min(lowest, y);
                    highest = Math.Max(highest, y);
                }
            }
            foreach (double boundary in new[] { cascade.ExtractionStages + 0.5, cascade.ExtractionStages + cascade.ScrubStages + 0.5 }.Distinct())
            {
                if (boundary <= 0.5 || boundary >= cascade.TotalStages + 0.5) continue;
                var line = plot.Add.VerticalLine(boundary, 1, color.WithAlpha(0.6), LinePattern.Dotted);
                line.ExcludeFromLegend = true;
            }
        }

        if (!double.IsFinite(highest)) (lowest, highest) = (-1, 0);
        int top = (int)Math.Ceiling(highest);
        int bottom = Math.Clamp((int)Math.Floor(lowest), top - StageProfileFigure.MaxDecades, top - 1);
        double span = top - bottom;
        plot.Axes.Left.TickGenerator = StageProfileFigure.DecadeTicks(bottom, top);
        plot.Axes.SetLimits(0.5, longest + 0.5, bottom - 0.015 * span, top + 0.02 * span);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };

        style.Finish(plot, Size(ComparisonFigure.Profiles, style).Width, Size(ComparisonFigure.Profiles, style).Height);
        return plot;
    }

    /// <summary>The cascade of the technique's first product (stream "CASCADE.outlet"), else its first cascade.</summary>
    public static CascadeSummary? ProfileCascade(TechniqueResult t)
    {
        ArgumentNullException.ThrowIfNull(t);
        if (t.Products.Count > 0)
        {
            string cascade = SxCascade.Flowsheets.StreamRef.Parse(t.Products[0].Stream).Unit;
            if (t.Result.Cascades.FirstOrDefault(c => c.Name == cascade) is { } found) return found;
        }
        return t.Result.Cascades.FirstOrDefault();
    }

    // Line pattern and marker of the k-th key element. Markers on dashed or dotted lines are open:
    // Skia's SVG canvas cannot fill a shape drawn with a dash effect (it prints "Unsupported path
    // effect" for every filled marker of such a series), and open marks read as "not solid" anyway.
    /// <summary>
    /// The techniques drawn so far, by their points: a technique whose points equal an earlier one's
    /// (e.g. two saponification agents at the same stages) would vanish under it, so its legend
    /// says so and <see cref="Overlay"/> draws it thin with large open markers over the other.
    /// </summary>
    private sealed class Drawn
    {
        private readonly Dictionary<string, string> _first = new(StringComparer.Ordinal);

        /// <summary>The label of the earlier technique with exactly these values, or null (and these are remembered).</summary>
        public string? Earlier(string label, IEnumerable<double> values)
        {
            string key = string.Join(",", values.Select(v => v.ToString("R", CultureInfo.InvariantCulture)));
            if (_first.TryGetValue(key, out var first)) return first;
            _first[key] = label;
            return null;
        }
    }

    /// <summary>Legend suffix for a technique drawn on top of an identical one.</summary>
    public static string SameAs(string? earlier) => earlier is null ? "" : $" (same as {earlier})";

    /// <summary>A series over an identical one: a thin line and large open markers, so both stay visible.</summary>
    private static void Overlay(Scatter series)
    {
        series.LineWidth = series.LineWidth / 2;
        series.MarkerShape = series.MarkerShape switch
        {
            MarkerShape.FilledCircle => MarkerShape.OpenCircle,
            MarkerShape.FilledSquare => MarkerShape.OpenSquare,
            MarkerShape.FilledTriangleUp => MarkerShape.OpenTriangleUp,
            MarkerShape.FilledDiamond => MarkerShape.OpenDiamond,
            var open => open,
        };
        series.MarkerSize *= 2;
    }

    private static readonly (LinePattern Pattern, MarkerShape Marker)[] ElementStyles =
    [
        (LinePattern.Solid, MarkerShape.FilledCircle),
        (LinePattern.Dashed, MarkerShape.OpenSquare),
        (LinePattern.Dotted, MarkerShape.OpenTriangleUp),
        (LinePattern.DenselyDashed, MarkerShape.OpenDiamond),
        (LinePattern.Solid, MarkerShape.FilledSquare),
        (LinePattern.Dashed, MarkerShape.OpenCircle),
        (LinePattern.Dotted, MarkerShape.OpenTriangleDown),
        (LinePattern.Solid, MarkerShape.FilledTriangleUp),
    ];

    // ---------------------------------------------------------------- (c) purity against stages

    /// <summary>
    /// The impurity axis label: "Impurity of PrNd.raffinate Pr, 1 − purity" when every technique's
    /// first product has the same label, else "Impurity of the first product, 1 − purity".
    /// </summary>
    public static string ImpurityAxisLabel(ComparisonResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var labels = r.Techniques.Where(t => t.Products.Count > 0).Select(t => t.Products[0].Label).Distinct().ToList();
        return labels.Count == 1 ? $"Impurity of {labels[0]}, 1 − purity" : "Impurity of the first product, 1 − purity";
    }

    /// <summary>
    /// The purity figure: purities near 1 are drawn as the impurity 1 − purity on a log10 axis
    /// (left, labelled with the impurity; the right axis labels the same positions as purity in %).
    /// Series per technique with a first product and a curve: "LABEL: PRODUCT" (x = total stages,
    /// y = log10(1 − purity) of <see cref="TechniqueResult.PurityCurve"/>, markers and line); then a
    /// marker at the technique as compared (its total stages, log10(1 − purity of its first
    /// product)), a filled diamond in its colour. A grey dashed line marks each distinct purity
    /// target of the first products ("target 98.5 %"). The legend adds one black diamond,
    /// <see cref="AsComparedLegend"/>.
    /// </summary>
    /// <param name="r">The comparison.</param>
    /// <param name="style">Figure style; null for <see cref="FigureStyle.Screen"/>.</param>
    public static Plot BuildPurityStages(ComparisonResult r, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        style ??= FigureStyle.Screen;
        var plot = style.NewPlot(PurityTitle, TotalStagesAxisLabel, ImpurityAxisLabel(r));

        var t = r.Techniques;
        var drawn = new Drawn();
        double lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        double left = double.PositiveInfinity, right = double.NegativeInfinity;
        void Extend(double x, double y)
        {
            lowest = Math.Min(lowest, y);
            highest = Math.Max(highest, y);
            left = Math.Min(left, x);
            right = Math.Max(right, x);
        }
        for (int i = 0; i < t.Count; i++)
        {
            if (t[i].Products.Count == 0) continue;
            var product = t[i].Products[0];
            var color = TechniqueColor(i, t.Count);
            var points = t[i].PurityCurve.Where(p => Impurity(p.Purity) is not null).ToArray();
            var xs = points.Select(p => (double)p.TotalStages).ToArray();
            var ys = points.Select(p => Impurity(p.Purity)!.Value).ToArray();
            string? same = drawn.Earlier(t[i].Label, xs.Concat(ys).Append(Impurity(product.Purity) ?? double.NaN).Append(t[i].TotalStages));
            var curve = plot.Add.Scatter(xs, ys, color);
            curve.LegendText = $"{t[i].Label}: {product.Label}{SameAs(same)}";
            curve.LineWidth = style.LineWidth;
            curve.MarkerShape = MarkerShape.FilledCircle;
            curve.MarkerSize = style.MarkerSize;
            if (same is not null) Overlay(curve);
            for (int k = 0; k < xs.Length; k++) Extend(xs[k], ys[k]);

            if (Impurity(product.Purity) is { } own)
            {
                var marker = plot.Add.Marker(t[i].TotalStages, own, MarkerShape.FilledDiamond, 2.5f * style.MarkerSize, color);
                marker.LegendText = "";
                Extend(t[i].TotalStages, own);
            }
        }

        var targets = t.Where(x => x.Products.Count > 0 && x.Products[0].PurityTarget is not null)
            .Select(x => x.Products[0].PurityTarget!.Value).Distinct().ToList();
        if (!double.IsFinite(highest)) (lowest, highest, left, right) = (-3, -1, 0, 1);
        double pad = Math.Max(1, 0.05 * (right - left));
        foreach (var target in targets)
        {
            if (Impurity(target) is not { } y) continue;
            var line = plot.Add.HorizontalLine(y, style.LineWidth * 0.75f, Colors.DimGray, LinePattern.Dashed);
            line.ExcludeFromLegend = true;
            // the text sits on the line at the left edge, clear of the axes' tick labels
            var text = plot.Add.Text(TargetLabel(target), left - pad, y);
            text.LabelFontColor = Colors.DimGray;
            text.LabelAlignment = Alignment.LowerLeft;
            text.OffsetX = 4;
            text.OffsetY = -2;
            lowest = Math.Min(lowest, y);
            highest = Math.Max(highest, y);
        }
        // the view spans the data (room above for the legend), the ticks the decades around it
        lowest = Math.Max(lowest, highest - 16);
        double span = Math.Max(highest - lowest, 0.5);
        double viewBottom = lowest - 0.06 * span, viewTop = highest + 0.3 * span;
        int top = Math.Min(0, (int)Math.Ceiling(viewTop)), bottom = Math.Min(top - 1, (int)Math.Floor(viewBottom));
        var (impurityTicks, purityTicks) = ImpurityTicks(bottom, top);
        plot.Axes.Left.TickGenerator = impurityTicks;
        plot.Axes.Right.TickGenerator = purityTicks;
        plot.Axes.Right.Label.Text = PurityAxisLabel;
        plot.Axes.SetLimitsX(left - pad, right + pad);
        plot.Axes.SetLimitsY(viewBottom, viewTop, plot.Axes.Left);
        plot.Axes.SetLimitsY(viewBottom, viewTop, plot.Axes.Right);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };

        AsComparedItem(plot, style);
        style.Finish(plot, Size(ComparisonFigure.PurityStages, style).Width, Size(ComparisonFigure.PurityStages, style).Height);
        return plot;
    }

    /// <summary>"target 98.5 %": the text on a purity target line.</summary>
    public static string TargetLabel(double target) => $"target {Percent(target)} %";

    /// <summary>log10(1 − purity), or null where it has no logarithm (purity ≥ 1 or not finite).</summary>
    public static double? Impurity(double purity)
    {
        double impurity = 1 - purity;
        return impurity > 0 && double.IsFinite(impurity) ? Math.Log10(impurity) : null;
    }

    /// <summary>
    /// Ticks of the impurity axis from 10^bottom to 10^top: labelled decades, and over a few decades
    /// also labelled steps between them (2, 3, 5 × 10^k; a purity curve often spans one decade),
    /// minor ticks at the other 2..9 × 10^k; the purity axis labels the same positions as purity in %.
    /// </summary>
    public static (NumericManual Impurity, NumericManual Purity) ImpurityTicks(int bottom, int top)
    {
        var impurity = new NumericManual();
        var purity = new NumericManual();
        // labelled steps between the decades: 2, 3 and 5 over two decades or fewer, 2 and 5 up to three
        int[] labelled = top - bottom <= 2 ? [2, 3, 5] : top - bottom <= 3 ? [2, 5] : [];
        // over many decades, every second (third, …) decade labelled, counted from the top: at most nine labels
        int every = Math.Max(1, (int)Math.Ceiling((top - bottom + 1) / 9.0));
        for (int k = bottom; k <= top; k++)
        {
            if ((top - k) % every == 0)
            {
                impurity.AddMajor(k, ImpurityLabel(k, 1, labelled.Length > 0));
                purity.AddMajor(k, Percent(1 - Math.Pow(10, k)));
            }
            else
            {
                impurity.AddMinor(k);
                purity.AddMinor(k);
            }
            if (k == top) break;
            for (int d = 2; d <= 9; d++)
            {
                double position = k + Math.Log10(d);
                if (labelled.Contains(d))
                {
                    impurity.AddMajor(position, ImpurityLabel(k, d, plain: true));
                    purity.AddMajor(position, Percent(1 - d * Math.Pow(10, k)));
                }
                else
                {
                    impurity.AddMinor(position);
                    purity.AddMinor(position);
                }
            }
        }
        return (impurity, purity);
    }

    /// <summary>"0.02", "0.5", "1", "2×10⁻⁴" where steps between decades are labelled (decimals down to 10⁻³), else "10⁻⁴": d × 10^k as a plain number near 1, with an exponent elsewhere.</summary>
    private static string ImpurityLabel(int k, int d, bool plain) =>
        d == 1 && !(plain && k >= -3) ? StageProfileFigure.DecadeLabel(k)
        : k >= -3 ? (d * Math.Pow(10, k)).ToString("0.####", CultureInfo.InvariantCulture)
        : Typography.Scientific(d, k);

    // ---------------------------------------------------------------- (d) trade-off

    /// <summary>
    /// The trade-off figure: per technique a series "LABEL (ACID + BASE)" of its
    /// <see cref="TechniqueResult.Tradeoff"/> points (x = acid + base in kg per kg product oxide,
    /// y = total stages; a line with markers under --design, a single marker otherwise), then the
    /// point of the technique as compared as a filled diamond in its colour with the text
    /// "LABEL: N stages, X kg/kg" beside it.
    /// </summary>
    /// <param name="r">The comparison.</param>
    /// <param name="style">Figure style; null for <see cref="FigureStyle.Screen"/>.</param>
    public static Plot BuildTradeoff(ComparisonResult r, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(r);
        style ??= FigureStyle.Screen;
        var plot = style.NewPlot(TradeoffTitle, TradeoffAxisLabel, TotalStagesAxisLabel);

        var t = r.Techniques;
        // the extent of all points and chosen designs, known first: it places the texts
        var chosen = t.Select(x => (X: AcidAndBase(x.Result.Reagents), Y: (double)x.TotalStages)).ToArray();
        double right = t.SelectMany(x => x.Tradeoff.Select(p => p.AcidKgPerKgOxide + p.BaseKgPerKgOxide)).Concat(chosen.Select(c => c.X))
            .Where(double.IsFinite).DefaultIfEmpty(0).Max();
        var stageCounts = t.SelectMany(x => x.Tradeoff.Select(p => (double)p.TotalStages)).Concat(chosen.Select(c => c.Y)).DefaultIfEmpty(0).ToArray();
        double top = stageCounts.Max(), bottom = stageCounts.Min(), span = top - bottom;
        // reagents from zero (an amount); stages around the data with room above for the texts
        (double yLow, double yHigh) = (Math.Max(0, bottom - 0.15 * span - 1), top + 0.2 * span + 1.5);
        double pixelsPerStage = 480 / (yHigh - yLow);
        var drawn = new Drawn();
        for (int i = 0; i < t.Count; i++)
        {
            var color = TechniqueColor(i, t.Count);
            var g = t[i].Result.Reagents;
            var points = t[i].Tradeoff.Where(p => double.IsFinite(p.AcidKgPerKgOxide + p.BaseKgPerKgOxide)).ToArray();
            var xs = points.Select(p => p.AcidKgPerKgOxide + p.BaseKgPerKgOxide).ToArray();
            var ys = points.Select(p => (double)p.TotalStages).ToArray();
            string? same = drawn.Earlier(t[i].Label, xs.Concat(ys).Append(chosen[i].X).Append(chosen[i].Y));
            var series = plot.Add.Scatter(xs, ys, color);
            series.LegendText = $"{t[i].Label} ({Typography.Formula(g.AcidName)} + {(g.BaseName is { } b ? Typography.Formula(b) : "no base")}){SameAs(same)}";
            series.LineWidth = points.Length > 1 ? style.LineWidth : 0;
            series.MarkerShape = MarkerShape.FilledCircle;
            series.MarkerSize = style.MarkerSize;
            if (same is not null) Overlay(series);

            var (x, y) = chosen[i];
            if (!double.IsFinite(x)) continue;
            var marker = plot.Add.Marker(x, y, MarkerShape.FilledDiamond, 2.5f * style.MarkerSize, color);
            marker.LegendText = "";
            var text = plot.Add.Text($"{t[i].Label}: {Count(t[i].TotalStages)} stages, {Value(x)} kg/kg", x, y);
            text.LabelFontColor = color;
            text.LabelBold = true;
            text.LabelBackgroundColor = Colors.White.WithAlpha(0.8);
            // texts right of points in the left half, left of points in the right half: inside the frame
            bool onLeft = x > 0.5 * right;
            text.LabelAlignment = onLeft ? Alignment.LowerRight : Alignment.LowerLeft;
            text.OffsetX = onLeft ? -10 : 10;
            // a text is about 18 px high (of a 480 px data area) and a third of the width long: the
            // texts of earlier designs that close stack above it
            int below = chosen.Take(i).Count(c => Math.Abs(c.Y - y) * pixelsPerStage < 18 && Math.Abs(c.X - x) < 0.35 * right);
            text.OffsetY = -6 - 18 * below;
        }
        plot.Axes.SetLimits(0, Headroom(right, 1.1), yLow, yHigh);
        plot.Axes.Left.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };

        AsComparedItem(plot, style);
        style.Finish(plot, Size(ComparisonFigure.Tradeoff, style).Width, Size(ComparisonFigure.Tradeoff, style).Height);
        return plot;
    }

    // ---------------------------------------------------------------- helpers

    /// <summary>Acid + base, kg per kg of product oxide.</summary>
    private static double AcidAndBase(ReagentSummary g) => g.AcidKgPerKgOxide + g.BaseKgPerKgOxide;

    /// <summary>The legend entry of the diamonds that mark each technique as compared.</summary>
    private static void AsComparedItem(Plot plot, FigureStyle style) =>
        plot.Legend.ManualItems.Add(new LegendItem
        {
            LabelText = AsComparedLegend,
            MarkerShape = MarkerShape.FilledDiamond,
            MarkerSize = 2.3f * style.MarkerSize,
            MarkerColor = Colors.Black,
            LineWidth = 0,
        });

    private static string Count(int n) => Typography.Count(n);

    private static string Value(double v) => Typography.Value(v);

    /// <summary>A purity as a percentage with the decimals its distance from 100 % needs: "98.5", "99.95", "90".</summary>
    private static string Percent(double fraction)
    {
        double p = fraction * 100;
        double distance = 100 - p;
        int decimals = distance > 0 && distance < 1 ? Math.Clamp((int)Math.Ceiling(-Math.Log10(distance)) + 1, 1, 10) : 1;
        return p.ToString("0." + new string('#', decimals), CultureInfo.InvariantCulture);
    }
}
