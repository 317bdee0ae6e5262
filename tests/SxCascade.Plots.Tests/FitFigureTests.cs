using ScottPlot;
using ScottPlot.Plottables;
using SxCascade.Equilibrium;
using SxCascade.Flowsheets;
using SxCascade.Plots;

namespace SxCascade.Plots.Tests;

/// <summary>The figure of <c>sxcascade fit --out</c>: shake-test data against the fitted laws, tested by what was drawn.</summary>
public sealed class FitFigureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sxcascade-fit-figure-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    // log10 D = a + b·pH + c·log10 e, sampled at pH 0.5..2.0 and e 0.25, 0.5, 1 (median 0.5)
    private static readonly (string Element, double A, double B, double C)[] Laws = [("Pr", -2.1, 2.6, 2.9), ("Nd", -1.8, 2.7, 3.0)];

    private static List<ShakeTestPoint> Points(params double[] extractants)
    {
        var points = new List<ShakeTestPoint>();
        int line = 2;
        foreach (var (element, a, b, c) in Laws)
            foreach (double e in extractants)
                foreach (double ph in new[] { 0.5, 1.0, 1.5, 2.0 })
                    points.Add(new ShakeTestPoint(element, ph, e, a + b * ph + c * Math.Log10(e) + 0.01 * Math.Sin(line), line++));
        return points;
    }

    private static List<FittedLaw> Fits(IReadOnlyList<ShakeTestPoint> points) =>
        Laws.Select(l => LawFitter.Fit(points.Where(p => p.Element == l.Element).ToList(), DistributionLawKind.LogD, 3, false)).ToList();

    [Fact]
    public void Build_draws_each_element_in_its_own_colour_and_the_one_to_one_line()
    {
        var points = Points(0.25, 0.5, 1.0);
        var fits = Fits(points);
        using var plot = FitFigure.Build(fits, points, "data.csv: log-d fit");
        var series = plot.GetPlottables<Scatter>().ToArray();

        string R2(int i) => fits[i].RSquared.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new[] { $"Pr (R² {R2(0)})", $"Nd (R² {R2(1)})", FitFigure.ParityLegend }, series.Select(s => s.LegendText));
        Assert.NotEqual(series[0].Color, series[1].Color);
        Assert.NotEqual(series[0].MarkerShape, series[1].MarkerShape);
        Assert.Equal(0, series[0].LineWidth);          // data: markers only
        Assert.Equal(LinePattern.Dashed, series[2].LinePattern);
        Assert.Equal(series.Select(s => s.LegendText), plot.Legend.GetItems().Select(i => i.LabelText));
    }

    [Fact]
    public void Build_plots_measured_against_fitted_log_d_at_each_points_own_extractant()
    {
        var points = Points(0.25, 0.5, 1.0);
        var fits = Fits(points);
        using var plot = FitFigure.Build(fits, points, "t");
        var nd = points.Where(p => p.Element == "Nd").ToArray();
        var data = plot.GetPlottables<Scatter>().ElementAt(1).Data.GetScatterPoints();
        Assert.Equal(nd.Length, data.Count);
        for (int i = 0; i < nd.Length; i++)
        {
            Assert.Equal(nd[i].LogD, data[i].Y);        // log10 D, as measured
            // fitted at the point's own pH and extractant: −1.8 + 2.7·pH + 3.0·log10 e within the 0.01 noise
            double sampled = -1.8 + 2.7 * nd[i].Ph + 3.0 * Math.Log10(nd[i].Extractant);
            Assert.True(Math.Abs(sampled - data[i].X) < 0.02, $"{data[i].X} against {sampled}");
            Assert.Equal(LawFitter.Predict(fits[1].Law, nd[i].Ph, nd[i].Extractant), data[i].X, 12);
        }
        // every point lies within 0.05 decades of the 1 : 1 line: the law is the one sampled plus ±0.01
        Assert.All(data, p => Assert.True(Math.Abs(p.Y - p.X) < 0.05, p.ToString()));
    }

    [Fact]
    public void Residual_panel_plots_measured_minus_fitted_around_zero()
    {
        var points = Points(0.25, 0.5, 1.0);
        var fits = Fits(points);
        using var plot = FitFigure.BuildResiduals(fits, points);
        var pr = points.Where(p => p.Element == "Pr").ToArray();
        var data = plot.GetPlottables<Scatter>().First().Data.GetScatterPoints();
        for (int i = 0; i < pr.Length; i++)
            Assert.Equal(pr[i].LogD - LawFitter.Predict(fits[0].Law, pr[i].Ph, pr[i].Extractant), data[i].Y, 12);
        Assert.Equal(0, Assert.Single(plot.GetPlottables<HorizontalLine>()).Y);
        Assert.Equal(FitFigure.ResidualAxisLabel, plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void Build_labels_the_axes_and_puts_a_tick_at_each_decade_of_d()
    {
        var points = Points(0.25, 0.5, 1.0);
        using var plot = FitFigure.Build(Fits(points), points, "data.csv: log-d fit");
        plot.RenderInMemory(FitFigure.Width, 700); // ticks are generated on render

        Assert.Equal(FitFigure.FittedAxisLabel, plot.Axes.Bottom.Label.Text);
        Assert.Equal(FitFigure.DistributionAxisLabel, plot.Axes.Left.Label.Text);
        Assert.Equal("data.csv: log-d fit", plot.Axes.Title.Label.Text);
        // log10 D from −1.8 + 2.7·0.5 + 3.0·log10 0.25 = −2.26 to −1.8 + 2.7·2 = 3.6: decades 10⁻³ to 10⁴
        foreach (var axis in new IAxis[] { plot.Axes.Left, plot.Axes.Bottom })
        {
            var majors = axis.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
            Assert.Equal(new[] { "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²", "10³", "10⁴" }, majors.Select(t => t.Label));
        }
    }

    [Fact]
    public void Stacked_panels_share_the_x_axis_to_the_pixel()
    {
        var points = Points(0.25, 0.5, 1.0);
        using var figure = FitFigure.Figure(Fits(points), points, "t", FigureStyle.Column);
        figure.File.Png(96);
        var (top, bottom) = (figure.Plots[0].LastRender.DataRect, figure.Plots[1].LastRender.DataRect);
        Assert.Equal((top.Left, top.Right), (bottom.Left, bottom.Right));
        Assert.Equal(figure.Plots[0].GetPixel(new Coordinates(1, 0)).X, figure.Plots[1].GetPixel(new Coordinates(1, 0)).X, 3);
        Assert.False(figure.Plots[0].Axes.Bottom.TickLabelStyle.IsVisible); // tick labels once, under the residuals
    }

    [Fact]
    public void Save_writes_a_readable_png_and_svg()
    {
        var points = Points(0.25, 0.5, 1.0);
        var written = FitFigure.Save(Fits(points), points, "t", _dir);

        Assert.Equal(new[] { Path.Combine(_dir, "fit.png"), Path.Combine(_dir, "fit.svg") }, written);
        byte[] png = File.ReadAllBytes(written[0]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        // screen: 1000 px wide, 0.7 + 0.3 of the width high
        Assert.Equal(1000, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(1000, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
        string svg = File.ReadAllText(written[1]);
        Assert.Contains("<svg", svg);
        Assert.Contains("D measured (org/aq)", svg);
    }
}
