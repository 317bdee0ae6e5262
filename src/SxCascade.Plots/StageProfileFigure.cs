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
/// major tick per decade, labelled with the concentration ("1e-6"), and minor ticks at 2..9 × 10^k.
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

    private const float TitleSize = 20;
    private const float AxisLabelSize = 17;
    private const float TickLabelSize = 14;
    private const float LegendSize = 14;
    private const float AnnotationSize = 14;

    // Fractions of the vertical data range: the band above the highest value (about 50 px of the
    // ~480 px data area) and the centre of the feed marker's row within it, under the section names.
    private const double HeadroomFraction = 0.11;
    private const double FeedRowFraction = 0.075;

    // ScottPlot falls back to the system default face, a serif one on many Linux machines.
    internal static readonly string? SansFont = FindSansFont();

    /// <summary>
    /// Builds the profile of <paramref name="cascade"/>. Series: for each element of
    /// <see cref="FlowsheetResult.Elements"/> in order, "El (aq)" (solid line, filled markers) then
    /// "El (org)" (dashed, open markers, same colour), with x = stage and y = log10(c / (mol/L)).
    /// Dashed vertical lines at n + 0.5 and n + m + 0.5 separate the sections present.
    /// </summary>
    /// <exception cref="ArgumentException">The result has no cascade of that name.</exception>
    public static Plot Build(FlowsheetResult result, string cascade)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Cascades.FirstOrDefault(c => c.Name == cascade)
            ?? throw new ArgumentException(
                $"no cascade '{cascade}' in the result; cascades: {string.Join(", ", result.Cascades.Select(c => c.Name))}",
                nameof(cascade));
        var stages = result.Stages.Where(s => s.Cascade == cascade).OrderBy(s => s.Stage).ToArray();
        int totalStages = Math.Max(summary.TotalStages, stages.Length == 0 ? 1 : stages[^1].Stage);

        var plot = new Plot();
        plot.Title($"{result.Name} — {cascade}", TitleSize);
        plot.XLabel(StageAxisLabel, AxisLabelSize);
        plot.YLabel(ConcentrationAxisLabel, AxisLabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickLabelSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickLabelSize;

        IPalette palette = result.Elements.Count <= 10 ? new ScottPlot.Palettes.Category10() : new ScottPlot.Palettes.Category20();
        double lowest = double.PositiveInfinity, highest = double.NegativeInfinity;
        for (int e = 0; e < result.Elements.Count; e++)
        {
            // the acidity and sulfate of a mass-action chemistry go to the pH panel, not here
            if (FeedStream.AcidSpecies.Contains(result.Elements[e])) continue;
            var color = palette.GetColor(e);
            foreach (bool organic in new[] { false, true })
            {
                var (xs, ys) = LogSeries(stages, e, organic);
                var series = plot.Add.Scatter(xs, ys, color);
                series.LegendText = $"{result.Elements[e]} ({(organic ? "org" : "aq")})";
                series.LineWidth = 2;
                series.LinePattern = organic ? LinePattern.Dashed : LinePattern.Solid;
                series.MarkerShape = organic ? MarkerShape.OpenCircle : MarkerShape.FilledCircle;
                series.MarkerSize = 6;
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

        AddSections(plot, summary, totalStages, yMax, yMax - FeedRowFraction * span);

        var legend = plot.ShowLegend(Edge.Right);
        legend.Legend.FontSize = LegendSize;
        if (SansFont is not null)
        {
            plot.Font.Set(SansFont);
            foreach (var text in plot.GetPlottables<Text>()) text.LabelFontName = SansFont;
        }
        plot.Axes.Title.Label.Bold = true;
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
    public static Plot? BuildPh(FlowsheetResult result, string cascade)
    {
        ArgumentNullException.ThrowIfNull(result);
        var summary = result.Cascades.FirstOrDefault(c => c.Name == cascade)
            ?? throw new ArgumentException($"no cascade '{cascade}' in the result", nameof(cascade));
        var stages = result.Stages.Where(s => s.Cascade == cascade && s.Ph is not null).OrderBy(s => s.Stage).ToArray();
        if (stages.Length == 0) return null;
        int totalStages = Math.Max(summary.TotalStages, stages[^1].Stage);
        var plot = new Plot();
        plot.XLabel(StageAxisLabel, AxisLabelSize);
        plot.YLabel(PhAxisLabel, AxisLabelSize);
        plot.Axes.Bottom.TickLabelStyle.FontSize = TickLabelSize;
        plot.Axes.Left.TickLabelStyle.FontSize = TickLabelSize;
        var xs = stages.Select(s => (double)s.Stage).ToArray();
        var ys = stages.Select(s => s.Ph!.Value).ToArray();
        var series = plot.Add.Scatter(xs, ys, Colors.Black);
        series.LegendText = "pH (aq)";
        series.LineWidth = 2;
        series.MarkerShape = MarkerShape.FilledSquare;
        series.MarkerSize = 6;
        double lo = ys.Min(), hi = ys.Max(), pad = Math.Max(0.1, 0.1 * (hi - lo));
        plot.Axes.SetLimits(0.5, totalStages + 0.5, lo - pad, hi + pad);
        plot.Axes.Bottom.TickGenerator = new NumericAutomatic { IntegerTicksOnly = true };
        foreach (double boundary in new[] { summary.ExtractionStages + 0.5, summary.ExtractionStages + summary.ScrubStages + 0.5 }.Distinct())
        {
            if (boundary <= 0.5 || boundary >= totalStages + 0.5) continue;
            var line = plot.Add.VerticalLine(boundary, 1.5f, Colors.DimGray, LinePattern.Dashed);
            line.ExcludeFromLegend = true;
        }
        var legend = plot.ShowLegend(Edge.Right);
        legend.Legend.FontSize = LegendSize;
        if (SansFont is not null) plot.Font.Set(SansFont);
        return plot;
    }

    /// <summary>
    /// Writes the profile of every cascade of <paramref name="result"/> to <paramref name="directory"/>
    /// (created if missing) as PNG and SVG, <see cref="Width"/> × <see cref="Height"/> px, with the pH
    /// panel below (<see cref="PhPanelHeight"/> px more) when the chemistry computes pH:
    /// "stage-profile.png/.svg" for a single cascade, "stage-profile-CASCADE.png/.svg" for several.
    /// </summary>
    /// <returns>The paths written, PNG before SVG, cascades in result order.</returns>
    public static IReadOnlyList<string> Save(FlowsheetResult result, string directory)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        var written = new List<string>();
        foreach (var cascade in result.Cascades)
        {
            string stem = result.Cascades.Count == 1 ? "stage-profile" : $"stage-profile-{cascade.Name}";
            string png = Path.Combine(directory, stem + ".png");
            string svg = Path.Combine(directory, stem + ".svg");
            using var plot = Build(result, cascade.Name);
            using var ph = BuildPh(result, cascade.Name);
            if (ph is null)
            {
                plot.SavePng(png, Width, Height);
                plot.SaveSvg(svg, Width, Height);
            }
            else
            {
                StackedPanels.SavePng(png, Width, [(plot, Height), (ph, PhPanelHeight)]);
                StackedPanels.SaveSvg(svg, Width, [(plot, Height), (ph, PhPanelHeight)]);
            }
            written.Add(png);
            written.Add(svg);
        }
        return written;
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

    // GetTypeface may hand back a fallback face, so the family name is compared too.
    private static string? FindSansFont() =>
        new[] { "Segoe UI", "Helvetica", "Arial", "Liberation Sans", "DejaVu Sans", "Noto Sans" }.FirstOrDefault(name =>
            Fonts.GetTypeface(name, bold: false, italic: false) is { } face
            && string.Equals(face.FamilyName, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>"1e-6", "0.01", "1", "10", "1e3": plain numbers near 1, exponents elsewhere.</summary>
    internal static string DecadeLabel(int exponent) => exponent switch
    {
        -2 => "0.01",
        -1 => "0.1",
        0 => "1",
        1 => "10",
        _ => $"1e{exponent}",
    };

    /// <summary>Section boundaries, section names along the top, and the feed stage.</summary>
    private static void AddSections(Plot plot, CascadeSummary c, int totalStages, double yMax, double feedRow)
    {
        var sections = new List<(string Name, int First, int Last)>();
        int first = 1;
        foreach (var (kind, count) in new[] { (SectionKind.Extraction, c.ExtractionStages), (SectionKind.Scrub, c.ScrubStages), (SectionKind.Strip, c.StripStages) })
        {
            if (count <= 0) continue;
            sections.Add((SectionName(kind), first, first + count - 1));
            first += count;
        }

        var gray = Colors.DimGray;
        for (int i = 0; i < sections.Count; i++)
        {
            var (name, from, to) = sections[i];
            if (i > 0)
            {
                var line = plot.Add.VerticalLine(from - 0.5, 1.5f, gray, LinePattern.Dashed);
                line.ExcludeFromLegend = true;
            }
            var label = plot.Add.Text(name, (from + to) / 2.0, yMax);
            label.LabelFontSize = AnnotationSize;
            label.LabelFontColor = gray;
            label.LabelBold = true;
            label.LabelAlignment = Alignment.UpperCenter;
            label.OffsetY = 4;
        }

        if (c.FeedStage >= 1 && c.FeedStage <= totalStages)
        {
            // A downward triangle over the feed stage, its label on the side with more room.
            var marker = plot.Add.Marker(c.FeedStage, feedRow, MarkerShape.FilledTriangleDown, 12, Colors.Black);
            marker.LegendText = "";
            var text = plot.Add.Text($"feed (stage {c.FeedStage})", c.FeedStage, feedRow);
            text.LabelFontSize = AnnotationSize;
            text.LabelFontColor = Colors.Black;
            bool labelLeft = c.FeedStage > totalStages / 4.0;
            text.LabelAlignment = labelLeft ? Alignment.MiddleRight : Alignment.MiddleLeft;
            text.OffsetX = labelLeft ? -9 : 9;
        }
    }

    private static string SectionName(SectionKind kind) => kind switch
    {
        SectionKind.Extraction => "extraction",
        SectionKind.Scrub => "scrub",
        SectionKind.Strip => "strip",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };
}
