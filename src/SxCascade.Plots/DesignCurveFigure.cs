using System.Globalization;
using ScottPlot;
using SxCascade.Design;

namespace SxCascade.Plots;

/// <summary>
/// The design curve of a rigorous design (<c>sxcascade design --out</c>): the smallest total stage
/// count n + m that meets every spec against the extraction amount S, with S·(n + m) on a second axis,
/// the Fenske floor Nₘᵢₙ, the minimum extraction Sₘᵢₙ and the chosen design marked (MODEL.md §5).
/// </summary>
public static class DesignCurveFigure
{
    /// <summary>Width of a saved figure at the screen size, px.</summary>
    public const int Width = 1000;

    /// <summary>Height of a saved figure at the screen size, px.</summary>
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

    /// <summary>Height as a share of the canvas width.</summary>
    public const double Aspect = 0.6;

    /// <summary>"Fenske minimum Nₘᵢₙ = 26.1".</summary>
    public static string FenskeLabel(double fenske) => $"Fenske minimum N{Typography.Subscript("min")} = {Format(fenske)}";

    /// <summary>"minimum extraction Sₘᵢₙ = 1.234".</summary>
    public static string MinimumExtractionLabel(double minimumExtraction) => $"minimum extraction S{Typography.Subscript("min")} = {Format(minimumExtraction)}";

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
    /// <param name="style">Figure style; null for <see cref="FigureStyle.Screen"/>.</param>
    public static Plot Build(IReadOnlyList<DesignCurvePoint> curve, double fenske, double minimumExtraction, double chosenExtraction, FigureStyle? style = null)
    {
        style ??= FigureStyle.Screen;
        ArgumentNullException.ThrowIfNull(curve);
        var feasible = curve.Where(p => p.Feasible).OrderBy(p => p.Extraction).ToArray();
        var xs = feasible.Select(p => p.Extraction).ToArray();
        var stages = feasible.Select(p => (double)p.TotalStages).ToArray();
        var objective = feasible.Select(p => p.Objective).ToArray();

        var plot = style.NewPlot(TitleText, ExtractionAxisLabel, StagesAxisLabel);
        Color objectiveColor = style.ColorOf(1);

        var main = plot.Add.Scatter(xs, stages);
        main.LegendText = StagesLegend;
        style.Series(main, 0);
        main.MarkerShape = MarkerShape.FilledCircle;

        var right = plot.Add.Scatter(xs, objective);
        right.LegendText = ObjectiveLegend;
        style.Series(right, 1);
        right.LinePattern = LinePattern.Dashed;
        right.MarkerShape = MarkerShape.OpenSquare;
        right.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = ObjectiveAxisLabel;
        plot.Axes.Right.Label.ForeColor = objectiveColor;

        // x from S_min (or the first point) to the last point, y from 0 to above the highest count;
        // room left of S_min for its label, which runs up along the line
        double xLow = Math.Min(minimumExtraction, xs.DefaultIfEmpty(minimumExtraction).Min());
        double xHigh = Math.Max(chosenExtraction, xs.DefaultIfEmpty(chosenExtraction).Max());
        double span = xHigh - xLow > 0 ? xHigh - xLow : Math.Max(Math.Abs(xHigh), 1);
        double yHigh = Math.Max(fenske, stages.DefaultIfEmpty(fenske).Max()) * 1.12;
        if (!(yHigh > 0)) yHigh = 1;

        // the Fenske floor, labelled above the line just right of S_min (where the curve is high)
        var floor = plot.Add.HorizontalLine(fenske, style.LineWidth * 0.75f, Colors.DimGray, LinePattern.Dotted);
        // named in the legend, outside the data, where a long label cannot run off the canvas
        floor.LegendText = FenskeLabel(fenske);

        // S_min, labelled along the line, reading upwards from the bottom
        var sMin = plot.Add.VerticalLine(minimumExtraction, style.LineWidth * 0.75f, Colors.FireBrick, LinePattern.Dashed);
        sMin.LegendText = MinimumExtractionLabel(minimumExtraction);

        if (feasible.Length > 0)
        {
            var nearest = feasible.MinBy(p => Math.Abs(p.Extraction - chosenExtraction))!;
            var marker = plot.Add.Marker(chosenExtraction, nearest.TotalStages, MarkerShape.FilledDiamond, 2.5f * style.MarkerSize, Colors.Black);
            marker.LegendText = "";
            Label(plot, ChosenLabel(chosenExtraction), chosenExtraction, nearest.TotalStages, Alignment.LowerLeft, 8, -8, Colors.Black, 0);
        }

        plot.Axes.SetLimitsX(xLow - 0.06 * span, xHigh + 0.04 * span);
        plot.Axes.SetLimitsY(0, yHigh, plot.Axes.Left);
        double objectiveHigh = objective.DefaultIfEmpty(1).Max();
        plot.Axes.SetLimitsY(0, objectiveHigh * 1.12, plot.Axes.Right);

        style.Finish(plot, style.Width, style.HeightFor(Aspect));
        return plot;
    }

    /// <summary>
    /// Writes <see cref="Build"/> to <paramref name="directory"/> (created if missing) as
    /// design-curve.png and .svg (and .pdf as <paramref name="formats"/> asks) at <paramref name="style"/>.
    /// </summary>
    /// <returns>The paths written, PNG before SVG before PDF.</returns>
    public static IReadOnlyList<string> Save(IReadOnlyList<DesignCurvePoint> curve, double fenske, double minimumExtraction, double chosenExtraction, string directory,
        FigureStyle? style = null, FigureFormats formats = FigureFormats.Default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        style ??= FigureStyle.Screen;
        using var plot = Build(curve, fenske, minimumExtraction, chosenExtraction, style);
        return FigureFile.Of(plot, style.Width, style.HeightFor(Aspect)).Save(directory, FileStem, style, formats);
    }

    /// <summary>A text at data point (x, y), offset in pixels, rotated by <paramref name="rotation"/> degrees.</summary>
    private static void Label(Plot plot, string text, double x, double y, Alignment alignment, float offsetX, float offsetY, Color color, float rotation = 0)
    {
        var label = plot.Add.Text(text, x, y);
        label.LabelFontColor = color;
        label.LabelBold = true;
        label.LabelAlignment = alignment;
        label.LabelRotation = rotation;
        label.OffsetX = offsetX;
        label.OffsetY = offsetY;
    }

    private static string Format(double value) => value.ToString("G4", CultureInfo.InvariantCulture);
}
