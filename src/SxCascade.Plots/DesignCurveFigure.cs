using System.Globalization;
using ScottPlot;
using SxCascade.Design;

namespace SxCascade.Plots;

/// <summary>
/// The design curve of a rigorous design (<c>sxcascade design --out</c>): the smallest total stage
/// count n + m that meets every spec against the extraction amount S, with S·(n + m) on a second axis,
/// the Fenske floor N_min, the minimum extraction S_min and the chosen design marked (MODEL.md §5).
/// </summary>
public static class DesignCurveFigure
{
    /// <summary>Width of a saved figure, px.</summary>
    public const int Width = 1000;

    /// <summary>Height of a saved figure, px.</summary>
    public const int Height = 600;

    /// <summary>Stem of the files written: design-curve.png and .svg.</summary>
    public const string FileStem = "design-curve";

    /// <summary>Title over the plot.</summary>
    public const string TitleText = "Design curve: fewest stages against extraction";

    /// <summary>Label of the horizontal axis.</summary>
    public const string ExtractionAxisLabel = "Extraction amount S (mol/mol feed)";

    /// <summary>Label of the left axis.</summary>
    public const string StagesAxisLabel = "Minimum stages n + m";

    /// <summary>Label of the right axis.</summary>
    public const string ObjectiveAxisLabel = "S·(n + m)";

    /// <summary>Legend text of the stage series.</summary>
    public const string StagesLegend = "minimum stages n + m";

    /// <summary>Legend text of the objective series.</summary>
    public const string ObjectiveLegend = "S·(n + m) (right axis)";

    private const float TitleSize = 20;
    private const float AxisLabelSize = 17;
    private const float TickLabelSize = 14;
    private const float LegendSize = 14;
    private const float AnnotationSize = 14;

    // ScottPlot falls back to the system default face, a serif one on many Linux machines.
    private static string? SansFont => StageProfileFigure.SansFont;

    /// <summary>"Fenske minimum N_min = 26.1".</summary>
    public static string FenskeLabel(double fenske) => $"Fenske minimum N_min = {Format(fenske)}";

    /// <summary>"minimum extraction S_min = 1.234".</summary>
    public static string MinimumExtractionLabel(double minimumExtraction) => $"minimum extraction S_min = {Format(minimumExtraction)}";

    /// <summary>"chosen S = 2.345".</summary>
    public static string ChosenLabel(double chosenExtraction) => $"chosen S = {Format(chosenExtraction)}";

    /// <summary>
    /// Builds the figure. Scatter series: "minimum stages n + m" (x = S, y = n + m of the feasible
    /// points in ascending S, markers and line, left axis) and "S·(n + m) (right axis)" (the same S,
    /// y = S·(n + m), on <c>plot.Axes.Right</c>, dashed). A horizontal line at N_min
    /// (<see cref="FenskeLabel"/>) and a vertical line at S_min (<see cref="MinimumExtractionLabel"/>),
    /// both legend entries, and a marker at the chosen design (<see cref="ChosenLabel"/>, in the legend
    /// and as a text beside it) at the n + m of the feasible point nearest the chosen S; without any
    /// feasible point the marker is left out.
    /// </summary>
    /// <param name="curve">Design curve points, any order; infeasible points are not drawn.</param>
    /// <param name="fenske">N_min, the Fenske floor.</param>
    /// <param name="minimumExtraction">S_min.</param>
    /// <param name="chosenExtraction">S of the design.</param>
    public static Plot Build(IReadOnlyList<DesignCurvePoint> curve, double fenske, double minimumExtraction, double chosenExtraction)
    {
        ArgumentNullException.ThrowIfNull(curve);
        var feasible = curve.Where(p => p.Feasible).OrderBy(p => p.Extraction).ToArray();
        var xs = feasible.Select(p => p.Extraction).ToArray();
        var stages = feasible.Select(p => (double)p.TotalStages).ToArray();
        var objective = feasible.Select(p => p.Objective).ToArray();

        var plot = new Plot();
        plot.Title(TitleText, TitleSize);
        plot.XLabel(ExtractionAxisLabel, AxisLabelSize);
        plot.YLabel(StagesAxisLabel, AxisLabelSize);
        foreach (var axis in new IAxis[] { plot.Axes.Bottom, plot.Axes.Left, plot.Axes.Right })
            axis.TickLabelStyle.FontSize = TickLabelSize;
        var palette = new ScottPlot.Palettes.Category10();
        Color stagesColor = palette.GetColor(0), objectiveColor = palette.GetColor(1);

        var main = plot.Add.Scatter(xs, stages, stagesColor);
        main.LegendText = StagesLegend;
        main.LineWidth = 2;
        main.MarkerShape = MarkerShape.FilledCircle;
        main.MarkerSize = 7;

        var right = plot.Add.Scatter(xs, objective, objectiveColor);
        right.LegendText = ObjectiveLegend;
        right.LineWidth = 2;
        right.LinePattern = LinePattern.Dashed;
        right.MarkerShape = MarkerShape.OpenSquare;
        right.MarkerSize = 6;
        right.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = ObjectiveAxisLabel;
        plot.Axes.Right.Label.FontSize = AxisLabelSize;
        plot.Axes.Right.Label.ForeColor = objectiveColor;

        // x from S_min (or the first point) to the last point, y from 0 to above the highest count;
        // room left of S_min for its label, which runs up along the line
        double xLow = Math.Min(minimumExtraction, xs.DefaultIfEmpty(minimumExtraction).Min());
        double xHigh = Math.Max(chosenExtraction, xs.DefaultIfEmpty(chosenExtraction).Max());
        double span = xHigh - xLow > 0 ? xHigh - xLow : Math.Max(Math.Abs(xHigh), 1);
        double yHigh = Math.Max(fenske, stages.DefaultIfEmpty(fenske).Max()) * 1.12;
        if (!(yHigh > 0)) yHigh = 1;

        // the Fenske floor, labelled above the line just right of S_min (where the curve is high)
        var floor = plot.Add.HorizontalLine(fenske, 1.5f, Colors.DimGray, LinePattern.Dotted);
        floor.LegendText = "";
        Label(plot, FenskeLabel(fenske), minimumExtraction, fenske, Alignment.LowerLeft, 8, -3, Colors.DimGray, 0);

        // S_min, labelled along the line, reading upwards from the bottom
        var sMin = plot.Add.VerticalLine(minimumExtraction, 1.5f, Colors.FireBrick, LinePattern.Dashed);
        sMin.LegendText = "";
        Label(plot, MinimumExtractionLabel(minimumExtraction), minimumExtraction, 0, Alignment.LowerLeft, -4, -6, Colors.FireBrick, -90);

        if (feasible.Length > 0)
        {
            var nearest = feasible.MinBy(p => Math.Abs(p.Extraction - chosenExtraction))!;
            var marker = plot.Add.Marker(chosenExtraction, nearest.TotalStages, MarkerShape.FilledDiamond, 16, Colors.Black);
            marker.LegendText = "";
            Label(plot, ChosenLabel(chosenExtraction), chosenExtraction, nearest.TotalStages, Alignment.LowerLeft, 8, -8, Colors.Black, 0);
        }

        plot.Axes.SetLimitsX(xLow - 0.06 * span, xHigh + 0.04 * span);
        plot.Axes.SetLimitsY(0, yHigh, plot.Axes.Left);
        double objectiveHigh = objective.DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(0, objectiveHigh * 1.12, plot.Axes.Right);

        var legend = plot.ShowLegend(Alignment.LowerRight);
        legend.FontSize = LegendSize;
        if (SansFont is not null) plot.Font.Set(SansFont);
        plot.Axes.Title.Label.Bold = true;
        return plot;
    }

    /// <summary>
    /// Writes <see cref="Build"/> to <paramref name="directory"/> (created if missing) as
    /// design-curve.png and design-curve.svg, <see cref="Width"/> × <see cref="Height"/> px.
    /// </summary>
    /// <returns>The paths written, PNG before SVG.</returns>
    public static IReadOnlyList<string> Save(IReadOnlyList<DesignCurvePoint> curve, double fenske, double minimumExtraction, double chosenExtraction, string directory)
    {
        ArgumentNullException.ThrowIfNull(directory);
        Directory.CreateDirectory(directory);
        string png = Path.Combine(directory, FileStem + ".png");
        string svg = Path.Combine(directory, FileStem + ".svg");
        using var plot = Build(curve, fenske, minimumExtraction, chosenExtraction);
        plot.SavePng(png, Width, Height);
        plot.SaveSvg(svg, Width, Height);
        return [png, svg];
    }

    /// <summary>A text at data point (x, y), offset in pixels, rotated by <paramref name="rotation"/> degrees.</summary>
    private static void Label(Plot plot, string text, double x, double y, Alignment alignment, float offsetX, float offsetY, Color color, float rotation)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontSize = AnnotationSize;
        label.LabelFontColor = color;
        label.LabelBold = true;
        label.LabelAlignment = alignment;
        label.LabelRotation = rotation;
        label.OffsetX = offsetX;
        label.OffsetY = offsetY;
        if (SansFont is not null) label.LabelFontName = SansFont;
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
