using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SxCascade.Equilibrium;

namespace SxCascade.Plots;

/// <summary>
/// Shake-test data against the fitted distribution laws (<c>sxcascade fit --out</c>) as a parity
/// plot: each measurement's D against the D its element's law gives at that measurement's own pH and
/// free extractant, one colour and marker per element, the 1 : 1 line; below it, sharing its x axis,
/// the residual log10 D(measured) − log10 D(fitted) of every point. A law that depends on the
/// extractant is evaluated where each point was taken, so the figure shows the fit itself and not a
/// line drawn at one extractant level through data taken at others.
/// </summary>
/// <remarks>
/// ScottPlot has no logarithmic axis: the series hold log10 D and both axes of the parity panel
/// carry one major tick per decade, labelled as powers of ten, minor ticks at 2..9 × 10^k.
/// </remarks>
public static class FitFigure
{
    /// <summary>Width of a saved figure at the screen size, px.</summary>
    public const int Width = 1000;

    /// <summary>Height of a saved figure at the screen size, px (parity panel and residual panel).</summary>
    public const int Height = 1000;

    /// <summary>Label of the horizontal axis (log10 scale drawn with decade ticks).</summary>
    public const string FittedAxisLabel = "D fitted (org/aq)";

    /// <summary>Label of the vertical axis of the parity panel (log10 scale drawn with decade ticks).</summary>
    public const string DistributionAxisLabel = "D measured (org/aq)";

    /// <summary>Label of the vertical axis of the residual panel.</summary>
    public const string ResidualAxisLabel = "residual (decades)";

    /// <summary>Legend text of the 1 : 1 line.</summary>
    public const string ParityLegend = "1 : 1";

    /// <summary>Stem of the files written: fit.png and fit.svg.</summary>
    public const string FileStem = "fit";

    /// <summary>Height of the parity panel as a share of the canvas width.</summary>
    public const double Aspect = 0.7;

    /// <summary>Height of the residual panel as a share of the canvas width.</summary>
    public const double ResidualAspect = 0.3;

    /// <summary>log10 D of <paramref name="point"/> as its element's law gives it at the point's pH and extractant.</summary>
    public static double Fitted(FittedLaw fit, ShakeTestPoint point)
    {
        ArgumentNullException.ThrowIfNull(fit);
        ArgumentNullException.ThrowIfNull(point);
        return LawFitter.Predict(fit.Law, point.Ph, point.Extractant);
    }

    /// <summary>
    /// The parity panel. Series, for each fit in the order given with data: "El (R² 0.9987)" (x =
    /// <see cref="Fitted"/>, y = log10 D measured, markers only, in data order); then the 1 : 1 line
    /// (<see cref="ParityLegend"/>) over the whole range. Both axes span the same decades.
    /// </summary>
    /// <param name="fits">The fitted laws; elements without data are left out.</param>
    /// <param name="points">The data, in the unit of extractant of the fits.</param>
    /// <param name="title">Title over the plot, e.g. the data file and the law.</param>
    /// <param name="style">Figure style; null for <see cref="FigureStyle.Screen"/>.</param>
    public static Plot Build(IReadOnlyList<FittedLaw> fits, IReadOnlyList<ShakeTestPoint> points, string title, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentNullException.ThrowIfNull(points);
        style ??= FigureStyle.Screen;
        var plot = style.NewPlot(title, FittedAxisLabel, DistributionAxisLabel);
        var (low, high) = Range(fits, points);
        for (int i = 0; i < fits.Count; i++)
        {
            var fit = fits[i];
            var own = points.Where(p => p.Element == fit.Element).ToArray();
            if (own.Length == 0) continue;
            var data = plot.Add.ScatterPoints(own.Select(p => Fitted(fit, p)).ToArray(), own.Select(p => p.LogD).ToArray());
            data.LegendText = $"{fit.Element} (R² {fit.RSquared.ToString("F4", CultureInfo.InvariantCulture)})";
            style.Series(data, i, line: false);
            data.MarkerSize = style.MarkerSize * 1.3f;
        }
        var parity = plot.Add.ScatterLine(new[] { (double)low, high }, new[] { (double)low, high }, Colors.Black);
        parity.LegendText = ParityLegend;
        parity.LineWidth = style.LineWidth * 0.6f;
        parity.LinePattern = LinePattern.Dashed;
        plot.Axes.Left.TickGenerator = StageProfileFigure.DecadeTicks(low, high);
        plot.Axes.Bottom.TickGenerator = StageProfileFigure.DecadeTicks(low, high);
        double pad = 0.02 * (high - low);
        plot.Axes.SetLimits(low - pad, high + pad, low - pad, high + pad);
        style.Finish(plot, style.Width, style.HeightFor(Aspect));
        return plot;
    }

    /// <summary>
    /// The residual panel: per fit with data a series "El" (x = <see cref="Fitted"/>, y = log10 D
    /// measured − fitted, markers only), the x range of the parity panel, and a line at zero.
    /// </summary>
    public static Plot BuildResiduals(IReadOnlyList<FittedLaw> fits, IReadOnlyList<ShakeTestPoint> points, FigureStyle? style = null)
    {
        ArgumentNullException.ThrowIfNull(fits);
        ArgumentNullException.ThrowIfNull(points);
        style ??= FigureStyle.Screen;
        var plot = style.NewPlot(null, FittedAxisLabel, ResidualAxisLabel);
        var (low, high) = Range(fits, points);
        double largest = 0;
        for (int i = 0; i < fits.Count; i++)
        {
            var fit = fits[i];
            var own = points.Where(p => p.Element == fit.Element).ToArray();
            if (own.Length == 0) continue;
            var residuals = own.Select(p => p.LogD - Fitted(fit, p)).ToArray();
            var data = plot.Add.ScatterPoints(own.Select(p => Fitted(fit, p)).ToArray(), residuals);
            data.LegendText = fit.Element;
            style.Series(data, i, line: false);
            largest = Math.Max(largest, residuals.Select(Math.Abs).DefaultIfEmpty(0).Max());
        }
        var zero = plot.Add.HorizontalLine(0, style.LineWidth * 0.6f, Colors.Black, LinePattern.Dashed);
        zero.ExcludeFromLegend = true;
        plot.Axes.Bottom.TickGenerator = StageProfileFigure.DecadeTicks(low, high);
        double pad = 0.02 * (high - low), span = Math.Max(largest * 1.2, 0.05);
        plot.Axes.SetLimits(low - pad, high + pad, -span, span);
        // the colours and markers are those of the parity panel's legend
        style.Finish(plot, style.Width, style.HeightFor(ResidualAspect), legend: false);
        return plot;
    }

    /// <summary>Whole decades around every measured and fitted log10 D.</summary>
    private static (int Low, int High) Range(IReadOnlyList<FittedLaw> fits, IReadOnlyList<ShakeTestPoint> points)
    {
        var values = fits.SelectMany(f => points.Where(p => p.Element == f.Element).SelectMany(p => new[] { p.LogD, Fitted(f, p) }))
            .Where(double.IsFinite).ToArray();
        if (values.Length == 0) return (-1, 1);
        int low = (int)Math.Floor(values.Min()), high = (int)Math.Ceiling(values.Max());
        return (low, high == low ? low + 1 : high);
    }

    /// <summary>The figure as it is saved: the parity panel over the residual panel, data areas aligned; dispose it after use.</summary>
    public static DrawnFigure Figure(IReadOnlyList<FittedLaw> fits, IReadOnlyList<ShakeTestPoint> points, string title, FigureStyle? style = null)
    {
        style ??= FigureStyle.Screen;
        var parity = Build(fits, points, title, style);
        var residuals = BuildResiduals(fits, points, style);
        // one x axis: the tick labels and label once, under the residuals
        parity.Axes.Bottom.Label.Text = "";
        parity.Axes.Bottom.TickLabelStyle.IsVisible = false;
        int h = style.HeightFor(Aspect), hr = style.HeightFor(ResidualAspect);
        return new DrawnFigure(FigureFile.Stacked(style.Width, [(parity, h), (residuals, hr)]), [parity, residuals]);
    }

    /// <summary>
    /// Writes <see cref="Figure"/> to <paramref name="directory"/> (created if missing) as fit.png and
    /// fit.svg (and fit.pdf as <paramref name="formats"/> asks) at <paramref name="style"/>.
    /// </summary>
    /// <returns>The paths written, PNG before SVG before PDF.</returns>
    public static IReadOnlyList<string> Save(IReadOnlyList<FittedLaw> fits, IReadOnlyList<ShakeTestPoint> points, string title, string directory,
        FigureStyle? style = null, FigureFormats formats = FigureFormats.Default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        style ??= FigureStyle.Screen;
        using var figure = Figure(fits, points, title, style);
        return figure.File.Save(directory, FileStem, style, formats);
    }
}
