using System.Globalization;
using ScottPlot;
using ScottPlot.TickGenerators;
using SxCascade.Equilibrium;

namespace SxCascade.Plots;

/// <summary>
/// Shake-test data against the fitted distribution laws (<c>sxcascade fit --out</c>): log10 D
/// against pH, one colour per element, the data as markers and each element's law as a line.
/// </summary>
/// <remarks>
/// ScottPlot has no logarithmic axis: the series hold log10 D and the left axis carries one major
/// tick per decade labelled with D as powers of ten ("10⁻¹", "10⁰", "10³"), minor ticks at 2..9 × 10^k. A law
/// that depends on the extractant is drawn at the median free extractant of its element's data,
/// so data taken at other extractant concentrations sit off the line by design; a note in the
/// lower right says at which extractant each line is drawn when that matters.
/// </remarks>
public static class FitFigure
{
    /// <summary>Width of a saved figure, px.</summary>
    public const int Width = 1000;

    /// <summary>Height of a saved figure, px.</summary>
    public const int Height = 600;

    /// <summary>Label of the horizontal axis.</summary>
    public const string PhAxisLabel = "pH";

    /// <summary>Label of the vertical axis (log10 scale drawn with decade ticks).</summary>
    public const string DistributionAxisLabel = "D (org/aq)";

    /// <summary>Stem of the files written: fit.png and fit.svg.</summary>
    public const string FileStem = "fit";

    /// <summary>Points along each fitted line.</summary>
    public const int LinePoints = 50;

    /// <summary>Height as a share of the canvas width.</summary>
    public const double Aspect = 0.6;

    /// <summary>
    /// Builds the figure. Series, for each fit in the order given: "El data" (x = pH, y = log10 D
    /// measured, markers only, in data order) then "El fit (R² 0.9987)" (a line from the lowest to
    /// the highest pH of the element's data, y = <see cref="LawFitter.Predict"/> at the median
    /// extractant), both in the element's colour.
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
        var plot = style.NewPlot(title, PhAxisLabel, DistributionAxisLabel);
        double lowY = double.PositiveInfinity, highY = double.NegativeInfinity;
        double lowPh = double.PositiveInfinity, highPh = double.NegativeInfinity;
        var notes = new List<string>();
        for (int i = 0; i < fits.Count; i++)
        {
            var fit = fits[i];
            var own = points.Where(p => p.Element == fit.Element).ToArray();
            if (own.Length == 0) continue;
            var color = style.ColorOf(i);

            var data = plot.Add.ScatterPoints(own.Select(p => p.Ph).ToArray(), own.Select(p => p.LogD).ToArray(), color);
            data.LegendText = $"{fit.Element} data";
            style.Series(data, i, line: false);
            data.MarkerSize = style.MarkerSize * 1.3f;

            double e = MedianExtractant(own);
            double from = own.Min(p => p.Ph), to = own.Max(p => p.Ph);
            if (to - from < 1e-9) (from, to) = (from - 0.25, to + 0.25);
            var xs = Enumerable.Range(0, LinePoints).Select(k => from + (to - from) * k / (LinePoints - 1)).ToArray();
            var ys = xs.Select(ph => LawFitter.Predict(fit.Law, ph, e)).ToArray();
            var line = plot.Add.ScatterLine(xs, ys, color);
            line.LegendText = $"{fit.Element} fit (R² {fit.RSquared.ToString("F4", CultureInfo.InvariantCulture)})";
            line.LineWidth = style.LineWidth;

            if (own.Select(p => p.Extractant).Distinct().Count() > 1)
                notes.Add($"{fit.Element} {e.ToString("G4", CultureInfo.InvariantCulture)}");
            foreach (var y in own.Select(p => p.LogD).Concat(ys))
            {
                lowY = Math.Min(lowY, y);
                highY = Math.Max(highY, y);
            }
            lowPh = Math.Min(lowPh, from);
            highPh = Math.Max(highPh, to);
        }

        if (!double.IsFinite(lowY)) (lowY, highY, lowPh, highPh) = (-1, 1, 0, 1);
        int bottom = (int)Math.Floor(lowY), top = (int)Math.Ceiling(highY);
        if (top == bottom) top++;
        plot.Axes.Left.TickGenerator = StageProfileFigure.DecadeTicks(bottom, top);
        double padY = 0.02 * (top - bottom), padPh = Math.Max(0.05, 0.04 * (highPh - lowPh));
        plot.Axes.SetLimits(lowPh - padPh, highPh + padPh, bottom - padY, top + padY);

        if (notes.Count > 0)
        {
            string unit = fits.Any(f => f.Law.PercentVolume) ? "% v/v" : "mol/L";
            var note = plot.Add.Annotation($"lines at the median free extractant ({unit}): {string.Join(", ", notes)}", Alignment.LowerRight);
            note.LabelBackgroundColor = Colors.White;
            note.LabelBorderColor = Colors.DimGray;
            note.LabelShadowColor = Colors.Transparent;
        }

        style.Finish(plot, style.Width, style.HeightFor(Aspect));
        return plot;
    }

    /// <summary>
    /// Writes <see cref="Build"/> to <paramref name="directory"/> (created if missing) as fit.png and
    /// fit.svg (and fit.pdf as <paramref name="formats"/> asks) at <paramref name="style"/>.
    /// </summary>
    /// <returns>The paths written, PNG before SVG before PDF.</returns>
    public static IReadOnlyList<string> Save(IReadOnlyList<FittedLaw> fits, IReadOnlyList<ShakeTestPoint> points, string title, string directory,
        FigureStyle? style = null, FigureFormats formats = FigureFormats.Default)
    {
        ArgumentNullException.ThrowIfNull(directory);
        style ??= FigureStyle.Screen;
        using var plot = Build(fits, points, title, style);
        return FigureFile.Of(plot, style.Width, style.HeightFor(Aspect)).Save(directory, FileStem, style, formats);
    }

    /// <summary>The median free extractant of <paramref name="points"/> (the mean of the middle two for an even count).</summary>
    public static double MedianExtractant(IEnumerable<ShakeTestPoint> points)
    {
        var sorted = points.Select(p => p.Extractant).Order().ToArray();
        if (sorted.Length == 0) throw new ArgumentException("no points", nameof(points));
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
