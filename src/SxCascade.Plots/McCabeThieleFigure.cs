using System.Globalization;
using ScottPlot;
using SxCascade.Design;

namespace SxCascade.Plots;

/// <summary>
/// McCabe–Thiele diagram of the key pair of a shortcut design (MODEL.md §5), in mole fractions of
/// the more extractable product A: x in the aqueous, y in the organic. Drawn: the equilibrium curve
/// y = βx/(1+(β−1)x), the extraction operating line (W+1)·x_{i+1} = S·y_i + f'_B·(1−P_B), the scrub
/// operating line S·y_i = W·x_{i+1} + f'_A·P_A, the feed line x = f_A (aqueous feed), the diagonal
/// and the stage staircase of <see cref="McCabeThiele.Steps"/> (the construction lives in Core).
/// </summary>
/// <remarks>
/// Both operating lines meet the diagonal at the product compositions (x = 1 − P_B and x = P_A,
/// because S − W = f'_A) and each other on the feed line (x = f_A, the overall balance of A). The
/// extraction line is drawn from x = 1 − P_B to the feed line, the scrub line from the feed line to
/// x = P_A, each extended as far as the staircase uses it.
/// </remarks>
public static class McCabeThieleFigure
{
    /// <summary>Width of a saved figure at the screen size, px.</summary>
    public const int Width = FigureStyle.ScreenWidth;

    /// <summary>Height of a saved figure at the screen size, px (square).</summary>
    public const int Height = FigureStyle.ScreenWidth;

    /// <summary>Stem of the files written: mccabe-thiele.png and .svg.</summary>
    public const string FileStem = "mccabe-thiele";

    /// <summary>Label of the horizontal axis.</summary>
    public const string XAxisLabel = "x (aqueous, mole fraction A)";

    /// <summary>Label of the vertical axis.</summary>
    public const string YAxisLabel = "y (organic, mole fraction A)";

    /// <summary>Legend text of the equilibrium curve.</summary>
    public const string EquilibriumLegend = "equilibrium";

    /// <summary>Legend text of the extraction operating line.</summary>
    public const string ExtractionLegend = "extraction operating line";

    /// <summary>Legend text of the scrub operating line.</summary>
    public const string ScrubLegend = "scrub operating line";

    /// <summary>Legend text of the feed line.</summary>
    public const string FeedLegend = "feed";

    /// <summary>Points along the equilibrium curve.</summary>
    public const int CurvePoints = 201;

    /// <summary>Height as a share of the canvas width (square data area, legend below).</summary>
    public const double Aspect = 1.0;

    /// <summary>The title: "McCabe–Thiele, key pair β = 1.5".</summary>
    public static string Title(double beta) => $"McCabe–Thiele, key pair β = {Format(beta)}";

    /// <summary>Legend text of the staircase: "stages (20 + 32)", extraction + scrub.</summary>
    public static string StagesLegend(int extractionStages, int scrubStages) =>
        $"stages ({extractionStages.ToString(CultureInfo.InvariantCulture)} + {scrubStages.ToString(CultureInfo.InvariantCulture)})";

    /// <summary>
    /// Builds the diagram. Series (Scatter, in this order, legend texts in quotes): "equilibrium",
    /// "extraction operating line", "scrub operating line" (omitted without scrub stages), "feed"
    /// (x = f_A from y = 0 to 1), the diagonal y = x (not in the legend) and "stages (n + m)" with the
    /// points of <see cref="McCabeThiele.Steps"/>. Axes 0..1.
    /// </summary>
    public static Plot Build(ShortcutDesign d, double extraction, double scrub, int extractionStages, int scrubStages, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        style ??= FigureStyle.Screen;
        var steps = McCabeThiele.Steps(d, extraction, scrub, extractionStages, scrubStages);
        var plot = style.NewPlot(Title(d.Beta), XAxisLabel, YAxisLabel);
        float width = style.LineWidth * 1.25f;

        var xs = Enumerable.Range(0, CurvePoints).Select(k => (double)k / (CurvePoints - 1)).ToArray();
        var curve = plot.Add.ScatterLine(xs, xs.Select(x => McCabeThiele.Equilibrium(d.Beta, x)).ToArray(), style.ColorOf(0));
        curve.LegendText = EquilibriumLegend;
        curve.LineWidth = width;

        // where each operating line is used: the extraction line for x_2..x_{n+1}, the scrub line for x_{n+2}..
        double raffinate = 1 - d.PurityB, feedA = d.FeedA;
        var extractionXs = steps.Where((_, k) => k % 2 == 0 && k >= 2 && k / 2 <= extractionStages).Select(p => p.X).ToList();
        var scrubXs = steps.Where((_, k) => k % 2 == 0 && k / 2 > extractionStages).Select(p => p.X).ToList();

        double from = Math.Min(raffinate, extractionXs.DefaultIfEmpty(raffinate).Min());
        double to = Math.Max(feedA, extractionXs.DefaultIfEmpty(feedA).Max());
        var extractionLine = OperatingLine(plot, from, to, x => ((scrub + 1) * x - (1 - d.ProductSplitA) * (1 - d.PurityB)) / extraction, style.ColorOf(1), width);
        extractionLine.LegendText = ExtractionLegend;

        if (scrubStages > 0)
        {
            from = Math.Min(feedA, scrubXs.DefaultIfEmpty(feedA).Min());
            to = Math.Max(d.PurityA, scrubXs.DefaultIfEmpty(d.PurityA).Max());
            var scrubLine = OperatingLine(plot, from, to, x => (scrub * x + d.ProductSplitA * d.PurityA) / extraction, style.ColorOf(2), width);
            scrubLine.LegendText = ScrubLegend;
        }

        var feed = plot.Add.ScatterLine(new[] { feedA, feedA }, new[] { 0.0, 1.0 }, Colors.DimGray);
        feed.LegendText = FeedLegend;
        feed.LineWidth = style.LineWidth * 0.75f;
        feed.LinePattern = LinePattern.Dashed;

        var diagonal = plot.Add.ScatterLine(new[] { 0.0, 1.0 }, new[] { 0.0, 1.0 }, Colors.Gray);
        diagonal.LineWidth = style.LineWidth * 0.5f;
        diagonal.LegendText = "";

        var stairs = plot.Add.Scatter(steps.Select(p => p.X).ToArray(), steps.Select(p => p.Y).ToArray(), Colors.Black);
        stairs.LegendText = StagesLegend(extractionStages, scrubStages);
        stairs.LineWidth = style.LineWidth * 0.6f;
        stairs.MarkerShape = MarkerShape.None;
        stairs.MarkerSize = 0;

        plot.Axes.SetLimits(0, 1, 0, 1);
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.1);
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericFixedInterval(0.1);
        style.Finish(plot, style.Width, style.HeightFor(Aspect));
        return plot;
    }

    /// <summary>
    /// Writes <see cref="Build"/> to <paramref name="directory"/> (created if missing) as
    /// mccabe-thiele.png and .svg (and .pdf as <paramref name="formats"/> asks) at <paramref name="style"/>.
    /// </summary>
    /// <returns>The paths written, PNG before SVG before PDF.</returns>
    public static IReadOnlyList<string> Save(ShortcutDesign d, double extraction, double scrub, int extractionStages, int scrubStages, string directory,
        FigureStyle? style = null, FigureFormats formats = FigureFormats.Default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        style ??= FigureStyle.Screen;
        using var plot = Build(d, extraction, scrub, extractionStages, scrubStages, style);
        return FigureFile.Of(plot, style.Width, style.HeightFor(Aspect)).Save(directory, FileStem, style, formats);
    }

    /// <summary>An operating line y(x) from <paramref name="from"/> to <paramref name="to"/>.</summary>
    private static ScottPlot.Plottables.Scatter OperatingLine(Plot plot, double from, double to, Func<double, double> y, Color color, float width)
    {
        var line = plot.Add.ScatterLine(new[] { from, to }, new[] { y(from), y(to) }, color);
        line.LineWidth = width;
        return line;
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
