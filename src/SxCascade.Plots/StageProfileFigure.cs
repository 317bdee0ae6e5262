using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Plots;

/// <summary>
/// The stage profile of a cascade: the concentration of every element in each phase against the
/// stage number (1..N along the organic flow, MODEL.md §1), on a log10 concentration axis, with the
/// section boundaries and the feed stage marked.
/// </summary>
/// <remarks>
/// ScottPlot has no logarithmic axis: each series holds log10(c) and the left axis carries one
/// major tick per decade, labelled as a power of ten ("10⁻⁶"), and minor ticks at 2..9 × 10^k.
/// Values ≤ 0 have no logarithm and are left out of their series rather than clamped.
/// </remarks>
public static class StageProfileFigure
{
    /// <summary>Width of a saved figure, px.</summary>
    public const int Width = 1000;

    /// <summary>Height of a saved figure, px.</summary>
    public const int Height = 600;

    /// <summary>Label of the horizontal axis.</summary>
    public const string StageAxisLabel = "Stage (organic flows 1 → N)";

    /// <summary>Label of the vertical axis.</summary>
    public const string ConcentrationAxisLabel = "Concentration (mol/L)";

    /// <summary>
    /// Most decades shown below the highest concentration. A converged profile can reach 1e-30 mol/L
    /// for the far stages; showing all of it would squeeze the decades that matter into a sliver.
    /// </summary>
    public const int MaxDecades = 12;

    // Fractions of the vertical data range: the band above the highest value (about 50 px of the
    // ~480 px data area) and the centre of the feed marker's row within it, under the section names.
    private const double HeadroomFraction = 0.11;
    private const double FeedRowFraction = 0.075;

    /// <summary>
    /// Above this many elements the legend names each element once (its aqueous series) and adds one
    /// entry per phase ("aqueous" solid with filled markers, "organic" dashed with open ones).
    /// </summary>
    public const int ManyElements = 6;

    /// <summary>Height of the profile as a share of the canvas width.</summary>
    public const double Aspect = 0.6;

    /// <summary>Height of the pH panel as a share of the canvas width.</summary>
    public const double PhAspect = 0.3;

    /// <summary>
    /// Builds the profile of <paramref name="cascade"/>. Series: for each element of
    /// <see cref="FlowsheetResult.Elements"/> in order, "El (aq)" (solid line, filled markers) then
    /// "El (org)" (dashed, open markers, same colour), with x = stage and y = log10(c / (mol/L)).
    /// Dashed vertical lines at n + 0.5 and n + m + 0.5 separate the sections present.
    /// </summary>
    /// <exception cref="ArgumentException">The result has no cascade of that name.</exception>
    /// <param name="result">The solved flowsheet.</param>
    /// <param name="cascade">Name of the cascade drawn.</param>
    /// <param name="style">Figure style; null for <see cref="FigureStyle.Screen"/>.</param>
    /// <param name="height">Canvas height, logical px; null for the style's height of <see cref="Aspect"/>.</param>
    public static Plot Build(FlowsheetResult result, string cascade, FigureStyle? style = null, int? height = null)
    {
        style ??= FigureStyle.Screen;
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Cascades.FirstOrDefault(c => c.Name == cascade)
            ?? throw new ArgumentException(
                $"no cascade '{cascade}' in the result; cascades: {string.Join(", ", result.Cascades.Select(c => c.Name))}",
                nameof(cascade));
        var stages = result.Stages.Where(s => s.Cascade == cascade).OrderBy(s => s.Stage).ToArray();
        int totalStages = Math.Max(summary.TotalStages, stages.Length == 0 ? 1 : stages[^1].Stage);

        var plot = style.NewPlot($"{result.Name} — {cascade}", StageAxisLabel, ConcentrationAxisLabel);
        bool many = result.Elements.Count(e => !FeedStream.AcidSpecies.Contains(e)) > ManyElements;
        double lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        for (int e = 0; e < result.Elements.Count; e++)
        {
            // the acidity and sulfate of a mass-action chemistry go to the pH panel, not here
            if (FeedStream.AcidSpecies.Contains(result.Elements[e])) continue;
            foreach (bool organic in new[] { false, true })
            {
                var (xs, ys) = LogSeries(stages, e, organic);
                var series = plot.Add.Scatter(xs, ys);
                // many elements: the legend names each element once and the two phases by their line
                series.LegendText = !many ? $"{result.Elements[e]} ({(organic ? "org" : "aq")})" : organic ? "" : result.Elements[e];
                // colour and marker by element; the organic dashed with the open form of the marker
                style.Series(series, e);
                series.LinePattern = organic ? LinePattern.Dashed : LinePattern.Solid;
                if (organic) series.MarkerShape = Open(series.MarkerShape);
                foreach (var y in ys)
                {
                    lowest = Math.Min(lowest, y);
                    highest = Math.Max(highest, y);
                }
            }
        }

        // From a whole decade at or below the lowest value (at most MaxDecades under the highest)
        // to a band above the highest value that holds the section names and the feed marker.
        if (!double.IsFinite(highest)) (lowest, highest) = (-1, 0);
        int bottom = (int)Math.Floor(lowest);
        bottom = Math.Clamp(bottom, (int)Math.Ceiling(highest) - MaxDecades, (int)Math.Ceiling(highest) - 1);
        double yMax = (highest - HeadroomFraction * bottom) / (1 - HeadroomFraction);
        double span = yMax - bottom;
        plot.Axes.Left.TickGenerator = DecadeTicks(bottom, (int)Math.Ceiling(yMax));
        // a sliver below the bottom decade so markers sitting on it are not cut in half
        plot.Axes.SetLimits(0.5, totalStages + 0.5, bottom - 0.015 * span, yMax);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };

        AddSections(plot, summary, totalStages, yMax, yMax - FeedRowFraction * span, style);
        if (many)
        {
            foreach (var (text, pattern, marker) in new[] { ("aqueous", LinePattern.Solid, MarkerShape.FilledCircle), ("organic", LinePattern.Dashed, MarkerShape.OpenCircle) })
                plot.Legend.ManualItems.Add(new LegendItem
                {
                    LabelText = text, LineColor = Colors.Black, LineWidth = style.LineWidth, LinePattern = pattern,
                    MarkerShape = marker, MarkerColor = Colors.Black, MarkerSize = style.MarkerSize,
                });
        }
        style.Finish(plot, style.Width, height ?? style.HeightFor(Aspect));
        return plot;
    }

    /// <summary>Height of the pH panel added below the profile when the chemistry computes pH, px.</summary>
    public const int PhPanelHeight = 300;

    /// <summary>Label of the pH panel's vertical axis.</summary>
    public const string PhAxisLabel = "pH";

    /// <summary>
    /// The pH panel of <paramref name="cascade"/>: pH of every stage's aqueous against the stage,
    /// with the same section boundaries; null when the chemistry computes no pH (MODEL.md §3.3).
    /// </summary>
    /// <param name="result">The solved flowsheet.</param>
    /// <param name="cascade">Name of the cascade drawn.</param>
    /// <param name="style">Figure style; null for <see cref="FigureStyle.Screen"/>.</param>
    public static Plot? BuildPh(FlowsheetResult result, string cascade, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        style ??= FigureStyle.Screen;
        var summary = result.Cascades.FirstOrDefault(c => c.Name == cascade)
            ?? throw new ArgumentException($"no cascade '{cascade}' in the result", nameof(cascade));
        var stages = result.Stages.Where(s => s.Cascade == cascade && s.Ph is not null).OrderBy(s => s.Stage).ToArray();
        if (stages.Length == 0) return null;
        int totalStages = Math.Max(summary.TotalStages, stages[^1].Stage);
        var plot = style.NewPlot(null, StageAxisLabel, PhAxisLabel);
        var xs = stages.Select(s => (double)s.Stage).ToArray();
        var ys = stages.Select(s => s.Ph!.Value).ToArray();
        var series = plot.Add.Scatter(xs, ys);
        series.LegendText = "pH (aq)";
        style.Series(series, 0);
        series.Color = Colors.Black;
        series.MarkerShape = MarkerShape.FilledSquare;
        double lo = ys.Min(), hi = ys.Max(), pad = Math.Max(0.1, 0.1 * (hi - lo));
        plot.Axes.SetLimits(0.5, totalStages + 0.5, lo - pad, hi + pad);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        foreach (double boundary in new[] { summary.ExtractionStages + 0.5, summary.ExtractionStages + summary.ScrubStages + 0.5 }.Distinct())
        {
            if (boundary <= 0.5 || boundary >= totalStages + 0.5) continue;
            var line = plot.Add.VerticalLine(boundary, style.LineWidth * 0.75f, Colors.DimGray, LinePattern.Dashed);
            line.ExcludeFromLegend = true;
        }
        style.Finish(plot, style.Width, style.HeightFor(PhAspect));
        return plot;
    }

    /// <summary>
    /// Writes the profile of every cascade of <paramref name="result"/> to <paramref name="directory"/>
    /// (created if missing) in <paramref name="formats"/> (default PNG and SVG) at <paramref name="style"/>
    /// (default <see cref="FigureStyle.Screen"/>, 1000 × 600 px), with the pH panel below (data areas
    /// aligned in x) when the chemistry computes pH: "stage-profile.png/.svg" for a single cascade,
    /// "stage-profile-CASCADE.png/.svg" for several.
    /// </summary>
    /// <returns>The paths written, PNG before SVG before PDF, cascades in result order.</returns>
    public static IReadOnlyList<string> Save(FlowsheetResult result, string directory, FigureStyle? style = null, FigureFormats formats = FigureFormats.Default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        style ??= FigureStyle.Screen;
        var written = new List<string>();
        foreach (var cascade in result.Cascades)
        {
            string stem = result.Cascades.Count == 1 ? "stage-profile" : $"stage-profile-{cascade.Name}";
            using var figure = Figure(result, cascade.Name, style);
            written.AddRange(figure.File.Save(directory, stem, style, formats));
        }
        return written;
    }

    /// <summary>The profile of one cascade as it is saved, with the pH panel below when there is one; dispose it after use.</summary>
    public static DrawnFigure Figure(FlowsheetResult result, string cascade, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        style ??= FigureStyle.Screen;
        int height = style.HeightFor(Aspect);
        var plot = Build(result, cascade, style, height);
        var ph = BuildPh(result, cascade, style);
        if (ph is null) return new DrawnFigure(FigureFile.Of(plot, style.Width, height), [plot]);
        int phHeight = style.HeightFor(PhAspect);
        // one x axis: the stage numbers and the axis label once, under the pH panel
        plot.Axes.Bottom.Label.Text = "";
        plot.Axes.Bottom.TickLabelStyle.IsVisible = false;
        return new DrawnFigure(FigureFile.Stacked(style.Width, [(plot, height), (ph, phHeight)]), [plot, ph]);
    }

    /// <summary>Stage numbers and log10 concentrations of element <paramref name="e"/>, positive values only.</summary>
    private static (double[] Xs, double[] Ys) LogSeries(IReadOnlyList<StageResult> stages, int e, bool organic)
    {
        var xs = new List<double>(stages.Count);
        var ys = new List<double>(stages.Count);
        foreach (var s in stages)
        {
            double c = organic ? s.Organic[e] : s.Aqueous[e];
            if (c > 0 && double.IsFinite(c))
            {
                xs.Add(s.Stage);
                ys.Add(Math.Log10(c));
            }
        }
        return (xs.ToArray(), ys.ToArray());
    }

    /// <summary>One labelled major tick per decade from 10^bottom to 10^top, minor ticks at 2..9 × 10^k.</summary>
    internal static NumericManual DecadeTicks(int bottom, int top)
    {
        var ticks = new NumericManual();
        for (int k = bottom; k <= top; k++)
        {
            ticks.AddMajor(k, DecadeLabel(k));
            if (k < top)
                for (int d = 2; d <= 9; d++) ticks.AddMinor(k + Math.Log10(d));
        }
        return ticks;
    }

    /// <summary>"10⁻⁶", "10⁰", "10³": every decade as a power of ten (<see cref="Typography.PowerOfTen"/>).</summary>
    internal static string DecadeLabel(int exponent) => Typography.PowerOfTen(exponent);

    /// <summary>The open form of a filled marker (the organic series of an element).</summary>
    internal static MarkerShape Open(MarkerShape shape) => shape switch
    {
        MarkerShape.FilledCircle => MarkerShape.OpenCircle,
        MarkerShape.FilledSquare => MarkerShape.OpenSquare,
        MarkerShape.FilledTriangleUp => MarkerShape.OpenTriangleUp,
        MarkerShape.FilledTriangleDown => MarkerShape.OpenTriangleDown,
        MarkerShape.FilledDiamond => MarkerShape.OpenDiamond,
        var open => open,
    };

    /// <summary>Section boundaries, section names along the top, and the feed stage.</summary>
    private static void AddSections(Plot plot, CascadeSummary c, int totalStages, double yMax, double feedRow, FigureStyle style)
    {
        var sections = new List<(string Name, int First, int Last)>();
        int first = 1;
        foreach (var (kind, count) in new[] { (SectionKind.Extraction, c.ExtractionStages), (SectionKind.Scrub, c.ScrubStages), (SectionKind.Strip, c.StripStages) })
        {
            if (count <= 0) continue;
            sections.Add((kind.Name(), first, first + count - 1));
            first += count;
        }

        var gray = Colors.DimGray;
        for (int i = 0; i < sections.Count; i++)
        {
            var (name, from, to) = sections[i];
            if (i > 0)
            {
                var line = plot.Add.VerticalLine(from - 0.5, style.LineWidth * 0.75f, gray, LinePattern.Dashed);
                line.ExcludeFromLegend = true;
            }
            var label = plot.Add.Text(name, (from + to) / 2.0, yMax);
            label.LabelFontColor = gray;
            label.LabelBold = true;
            label.LabelAlignment = Alignment.UpperCenter;
            label.OffsetY = 4;
        }

        if (c.FeedStage >= 1 && c.FeedStage <= totalStages)
        {
            // A downward triangle over the feed stage, its label on the side with more room.
            var marker = plot.Add.Marker(c.FeedStage, feedRow, MarkerShape.FilledTriangleDown, 2 * style.MarkerSize, Colors.Black);
            marker.LegendText = "";
            var text = plot.Add.Text($"feed (stage {c.FeedStage})", c.FeedStage, feedRow);
            text.LabelFontColor = Colors.Black;
            bool labelLeft = c.FeedStage > totalStages / 4.0;
            text.LabelAlignment = labelLeft ? Alignment.MiddleRight : Alignment.MiddleLeft;
            text.OffsetX = (labelLeft ? -1.5f : 1.5f) * style.MarkerSize;
        }
    }

}
