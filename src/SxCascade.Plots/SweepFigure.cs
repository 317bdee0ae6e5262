using ScottPlot;

namespace SxCascade.Plots;

/// <summary>
/// A sweep's table as a figure (<c>sxcascade plot</c>): for two inputs on a grid, a heat map of one
/// result over them with the cases that meet every spec ringed (the spec boundary is where the rings
/// stop); for two inputs not on a grid (a Latin hypercube), the cases as squares coloured by the
/// result, ringed the same way; for one input, the result against it as a line with the cases that
/// meet every spec marked. Cases without the result (not converged, invalid) are left blank.
/// </summary>
public static class SweepFigure
{
    /// <summary>Height over width of the figure.</summary>
    public const double Aspect = 0.7;

    /// <summary>Legend text of the marks on cases that meet every spec.</summary>
    public const string SpecsMetLabel = "meets every spec";

    /// <summary>Builds the figure.</summary>
    /// <param name="xName">Name of the first input (axis label).</param>
    /// <param name="x">Its value per case.</param>
    /// <param name="yName">Name of the second input, or null for a line plot.</param>
    /// <param name="y">Its value per case, or null.</param>
    /// <param name="colorName">Name of the result shown.</param>
    /// <param name="color">The result per case; null where the case has none.</param>
    /// <param name="specsMet">Whether each case meets every spec.</param>
    /// <param name="title">Title over the plot.</param>
    /// <param name="style">Figure style (the one theme of every figure); null for <see cref="FigureStyle.Screen"/>.</param>
    public static Plot Build(string xName, double[] x, string? yName, double[]? y, string colorName, double?[] color, bool[] specsMet, string title,
        FigureStyle? style = null)
    {
        style ??= FigureStyle.Screen;
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(color);
        ArgumentNullException.ThrowIfNull(specsMet);
        var plot = style.NewPlot(style.ShowTitle ? title : null, xName, y is null ? colorName : yName ?? "");
        int n = x.Length;
        var met = Enumerable.Range(0, n).Where(k => specsMet[k]).ToArray();
        if (y is null)
        {
            var order = Enumerable.Range(0, n).Where(k => color[k] is not null).OrderBy(k => x[k]).ToArray();
            var line = plot.Add.Scatter(order.Select(k => x[k]).ToArray(), order.Select(k => color[k]!.Value).ToArray());
            line.LegendText = colorName;
            style.Series(line, 0);
            if (met.Length > 0)
            {
                var marks = plot.Add.ScatterPoints(met.Where(k => color[k] is not null).Select(k => x[k]).ToArray(),
                    met.Where(k => color[k] is not null).Select(k => color[k]!.Value).ToArray());
                marks.MarkerShape = MarkerShape.OpenCircle;
                marks.MarkerSize = 10;
                marks.LegendText = SpecsMetLabel;
            }
            style.Finish(plot, style.Width, style.HeightFor(Aspect));
            return plot;
        }

        var ux = x.Distinct().Order().ToArray();
        var uy = y.Distinct().Order().ToArray();
        bool grid = (long)ux.Length * uy.Length == n && ux.Length > 1 && uy.Length > 1;
        var values = color.Where(v => v is not null).Select(v => v!.Value).ToArray();
        double lo = values.Length > 0 ? values.Min() : 0, hi = values.Length > 0 ? values.Max() : 1;
        if (grid)
        {
            var cells = new double[uy.Length, ux.Length];
            for (int r = 0; r < uy.Length; r++)
                for (int c = 0; c < ux.Length; c++) cells[r, c] = double.NaN;
            for (int k = 0; k < n; k++)
                cells[uy.Length - 1 - Array.BinarySearch(uy, y[k]), Array.BinarySearch(ux, x[k])] = color[k] ?? double.NaN;
            var map = plot.Add.Heatmap(cells);
            map.Position = new CoordinateRect(ux[0], ux[^1], uy[0], uy[^1]);
            map.NaNCellColor = Colors.Transparent;
            var bar = plot.Add.ColorBar(map);
            bar.Label = colorName;
            // the theme's face and size (ScottPlot draws it bold in its own face otherwise)
            if (style.Font is { } face) bar.LabelStyle.FontName = face;
            bar.LabelStyle.FontSize = style.LabelSize;
            bar.LabelStyle.Bold = false;
        }
        else
        {
            var colormap = new ScottPlot.Colormaps.Viridis();
            for (int k = 0; k < n; k++)
            {
                if (color[k] is not { } v) continue;
                var m = plot.Add.Marker(x[k], y[k]);
                m.MarkerShape = MarkerShape.FilledSquare;
                m.MarkerSize = 8;
                m.Color = colormap.GetColor(hi > lo ? (v - lo) / (hi - lo) : 0.5);
            }
            // no colour bar for scattered squares: the range is named in the legend
            var range = plot.Add.Marker(x[0], y[0], MarkerShape.FilledSquare, 0);
            range.LegendText = $"{colorName}: {lo:G4} (dark) to {hi:G4} (light)";
        }
        if (met.Length > 0)
        {
            var rings = plot.Add.ScatterPoints(met.Select(k => x[k]).ToArray(), met.Select(k => y[k]).ToArray());
            rings.MarkerShape = MarkerShape.OpenCircle;
            rings.MarkerSize = 7;
            rings.Color = Colors.Black;
            rings.LegendText = SpecsMetLabel;
        }
        style.Finish(plot, style.Width, style.HeightFor(Aspect), legend: met.Length > 0 || !grid);
        return plot;
    }
}
