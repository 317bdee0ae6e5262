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
    public void Build_DrawsTheDataAndTheFitOfEachElementInOneColour()
    {
        var points = Points(0.25, 0.5, 1.0);
        var fits = Fits(points);
        using var plot = FitFigure.Build(fits, points, "data.csv: log-d fit");
        var series = plot.GetPlottables<Scatter>().ToArray();

        string R2(int i) => fits[i].RSquared.ToString("F4", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(new[] { "Pr data", $"Pr fit (R² {R2(0)})", "Nd data", $"Nd fit (R² {R2(1)})" }, series.Select(s => s.LegendText));
        Assert.Equal(series[0].Color, series[1].Color);
        Assert.Equal(series[2].Color, series[3].Color);
        Assert.NotEqual(series[0].Color, series[2].Color);
        Assert.Equal(0, series[0].LineWidth);          // data: markers only
        Assert.NotEqual(MarkerShape.None, series[0].MarkerShape);
        Assert.Equal(0, series[1].MarkerSize);         // fit: a line only
        Assert.Equal(series.Select(s => s.LegendText), plot.Legend.GetItems().Select(i => i.LabelText));
    }

    [Fact]
    public void Build_PlotsLog10DAgainstPhAndTheLawAtTheMedianExtractant()
    {
        var points = Points(0.25, 0.5, 1.0);
        var fits = Fits(points);
        using var plot = FitFigure.Build(fits, points, "t");
        var series = plot.GetPlottables<Scatter>().ToArray();

        var nd = points.Where(p => p.Element == "Nd").ToArray();
        var data = series[2].Data.GetScatterPoints();
        Assert.Equal(nd.Length, data.Count);
        for (int i = 0; i < nd.Length; i++)
        {
            Assert.Equal(nd[i].Ph, data[i].X);
            Assert.Equal(nd[i].LogD, data[i].Y);        // log10 D, as measured
        }

        var line = series[3].Data.GetScatterPoints();
        Assert.Equal(FitFigure.LinePoints, line.Count);
        Assert.Equal(0.5, line[0].X, 12);               // lowest to highest pH of the data
        Assert.Equal(2.0, line[^1].X, 12);
        Assert.Equal(0.5, FitFigure.MedianExtractant(nd)); // 0.25, 0.5, 1 four times each
        foreach (var c in line)
            Assert.Equal(LawFitter.Predict(fits[1].Law, c.X, 0.5), c.Y, 12);
    }

    [Fact]
    public void Build_LabelsTheAxesAndPutsATickAtEachDecadeOfD()
    {
        var points = Points(0.25, 0.5, 1.0);
        using var plot = FitFigure.Build(Fits(points), points, "data.csv: log-d fit");
        plot.RenderInMemory(FitFigure.Width, FitFigure.Height); // ticks are generated on render

        Assert.Equal("pH", plot.Axes.Bottom.Label.Text);
        Assert.Equal("D (org/aq)", plot.Axes.Left.Label.Text);
        Assert.Equal("data.csv: log-d fit", plot.Axes.Title.Label.Text);
        var majors = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.All(majors, t => Assert.Equal(Math.Round(t.Position), t.Position));
        // log10 D spans -2.1 + 2.6·0.5 + 2.9·log10(0.25) = -2.55 … -1.8 + 2.7·2 + 0 = 3.6 (± 0.01), so the decades -3 … 4
        Assert.Equal(new[] { "10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²", "10³", "10⁴" }, majors.Select(t => t.Label));
        var minors = plot.Axes.Left.TickGenerator.Ticks.Where(t => !t.IsMajor).Select(t => t.Position).ToArray();
        Assert.Contains(minors, p => Math.Abs(p - (-3 + Math.Log10(5))) < 1e-12);   // 5e-3
        var limits = plot.Axes.GetLimits();
        Assert.True(limits.Bottom <= -3 && limits.Top >= 4, limits.ToString());
    }

    [Fact]
    public void Build_SaysAtWhichExtractantTheLinesAreDrawnOnlyWhenItVaries()
    {
        var varied = Points(0.25, 0.5, 1.0);
        using (var plot = FitFigure.Build(Fits(varied), varied, "t"))
        {
            var note = Assert.Single(plot.GetPlottables<Annotation>());
            Assert.Equal("lines at the median free extractant (mol/L): Pr 0.5, Nd 0.5", note.Text);
        }

        var constant = Points(0.5);
        using (var plot = FitFigure.Build(Fits(constant), constant, "t"))
            Assert.Empty(plot.GetPlottables<Annotation>());
    }

    [Fact]
    public void MedianExtractant_IsTheMiddleValueOrTheMeanOfTheMiddleTwo()
    {
        ShakeTestPoint At(double e) => new("Nd", 1, e, 0, 2);

        Assert.Equal(0.5, FitFigure.MedianExtractant([At(1), At(0.25), At(0.5)]));
        Assert.Equal(0.375, FitFigure.MedianExtractant([At(1), At(0.25), At(0.5), At(0.1)])); // (0.25 + 0.5)/2
    }

    [Fact]
    public void Save_WritesAReadablePngAndSvg()
    {
        var points = Points(0.25, 0.5, 1.0);
        var written = FitFigure.Save(Fits(points), points, "t", _dir);

        Assert.Equal(new[] { Path.Combine(_dir, "fit.png"), Path.Combine(_dir, "fit.svg") }, written);
        var png = File.ReadAllBytes(written[0]);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
        using var image = SkiaSharp.SKBitmap.Decode(png);
        Assert.Equal((FitFigure.Width, FitFigure.Height), (image.Width, image.Height));
        var svg = File.ReadAllText(written[1]);
        Assert.Contains("<svg", svg);
        Assert.Contains("Nd data", svg);
        Assert.Contains("D (org/aq)", svg);
    }
}
