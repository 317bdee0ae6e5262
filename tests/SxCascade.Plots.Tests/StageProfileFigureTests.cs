using ScottPlot;
using ScottPlot.Plottables;
using SxCascade.Flowsheets;
using SxCascade.Plots;
using SxCascade.Results;

namespace SxCascade.Plots.Tests;

public sealed class StageProfileFigureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sxcascade-plots-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    /// <summary>
    /// A profile shaped like a Pr/Nd cascade (n extraction, m scrub, k strip stages): Pr falls by
    /// decades towards the strip end, Nd rises; the organic leaving stage N holds no Nd (a zero).
    /// </summary>
    private static IEnumerable<StageResult> Stages(string cascade, int n, int m, int k)
    {
        int total = n + m + k;
        for (int j = 1; j <= total; j++)
        {
            var section = j <= n ? SectionKind.Extraction : j <= n + m ? SectionKind.Scrub : SectionKind.Strip;
            double t = (j - 1.0) / Math.Max(1, total - 1);
            double[] aqueous = [0.06 * Math.Pow(10, -5 * t), 6e-4 * Math.Pow(10, 3 * t)];
            double[] organic = [0.16 * Math.Pow(10, -6 * t), j == total ? 0 : 0.02 + 0.16 * t];
            yield return new StageResult(cascade, j, section, 43, 225, aqueous, organic, null);
        }
    }

    private static FlowsheetResult Result(params (string Name, int N, int M, int K, int Feed)[] cascades) =>
        new("Pr/Nd split", true, 7, 1e-15, ["Pr", "Nd"], [0, 0], [],
            cascades.SelectMany(c => Stages(c.Name, c.N, c.M, c.K)).ToArray(),
            cascades.Select(c => new CascadeSummary(c.Name, c.N, c.M, c.K, c.Feed, 225, null, "separation-factor")).ToArray(),
            new ReagentSummary("HCl", "NaOH", "NaCl", 0, 0, 0, 0, 0, 0, 0, null), [], [], 1);

    private static FlowsheetResult PrNd() => Result(("PrNd", 20, 30, 6, 20));

    [Fact]
    public void Build_DrawsAnAqueousAndAnOrganicSeriesPerElement()
    {
        using var plot = StageProfileFigure.Build(PrNd(), "PrNd");
        var series = plot.GetPlottables<Scatter>().ToArray();

        Assert.Equal(2 * 2, series.Length); // 2 phases × 2 elements
        Assert.Equal(new[] { "Pr (aq)", "Pr (org)", "Nd (aq)", "Nd (org)" }, series.Select(s => s.LegendText));
        Assert.All(series.Where(s => s.LegendText.EndsWith("(aq)")), s => Assert.Equal(LinePattern.Solid, s.LinePattern));
        Assert.All(series.Where(s => s.LegendText.EndsWith("(org)")), s => Assert.Equal(LinePattern.Dashed, s.LinePattern));
        Assert.Equal(series[0].Color, series[1].Color); // one colour per element
        Assert.Equal(series[2].Color, series[3].Color);
        Assert.NotEqual(series[0].Color, series[2].Color);
        // the legend lists the four series and nothing else (no boundary lines, labels or feed marker)
        Assert.Equal(new[] { "Pr (aq)", "Pr (org)", "Nd (aq)", "Nd (org)" }, plot.Legend.GetItems().Select(i => i.LabelText));
    }

    [Fact]
    public void Build_PlotsLog10OfTheConcentrationAgainstTheStage()
    {
        var r = PrNd();
        using var plot = StageProfileFigure.Build(r, "PrNd");
        var series = plot.GetPlottables<Scatter>().ToArray();

        var aqueousPr = series[0].Data.GetScatterPoints();
        Assert.Equal(56, aqueousPr.Count); // 20 + 30 + 6 stages
        for (int j = 0; j < r.Stages.Count; j++)
        {
            Assert.Equal(j + 1, aqueousPr[j].X);
            Assert.Equal(Math.Log10(r.Stages[j].Aqueous[0]), aqueousPr[j].Y, 12);
        }
        var organicNd = series[3].Data.GetScatterPoints();
        for (int j = 0; j < organicNd.Count; j++)
            Assert.Equal(Math.Log10(r.Stages[j].Organic[1]), organicNd[j].Y, 12);
    }

    [Fact]
    public void Build_LeavesNonPositiveValuesOutOfTheLogSeries()
    {
        using var plot = StageProfileFigure.Build(PrNd(), "PrNd");
        var organicNd = plot.GetPlottables<Scatter>().Single(s => s.LegendText == "Nd (org)").Data.GetScatterPoints();

        Assert.Equal(55, organicNd.Count); // stage 56 holds 0 mol/L: left out, not clamped
        Assert.DoesNotContain(organicNd, p => p.X == 56);
        Assert.All(organicNd, p => Assert.True(double.IsFinite(p.Y)));
    }

    [Fact]
    public void Build_MarksTheSectionBoundariesAndNames()
    {
        using var plot = StageProfileFigure.Build(PrNd(), "PrNd");

        var boundaries = plot.GetPlottables<VerticalLine>().Select(l => l.X).Order().ToArray();
        Assert.Equal(new[] { 20.5, 50.5 }, boundaries); // n + 0.5, n + m + 0.5
        Assert.All(plot.GetPlottables<VerticalLine>(), l => Assert.Equal(LinePattern.Dashed, l.LinePattern));

        var labels = plot.GetPlottables<Text>().ToDictionary(t => t.LabelText, t => t.Location.X);
        Assert.Equal(10.5, labels["extraction"]); // centre of stages 1..20
        Assert.Equal(35.5, labels["scrub"]);      // centre of 21..50
        Assert.Equal(53.5, labels["strip"]);      // centre of 51..56
    }

    [Fact]
    public void Build_MarksTheFeedStage()
    {
        using var plot = StageProfileFigure.Build(Result(("PrNd", 20, 30, 6, 12)), "PrNd");

        var feed = plot.GetPlottables<Text>().Single(t => t.LabelText.StartsWith("feed"));
        Assert.Equal("feed (stage 12)", feed.LabelText);
        Assert.Equal(12, feed.Location.X);
        var marker = Assert.Single(plot.GetPlottables<Marker>());
        Assert.Equal(12, marker.X);
        Assert.Equal(MarkerShape.FilledTriangleDown, marker.MarkerShape);
    }

    [Fact]
    public void Build_OnlyDrawsBoundariesBetweenSectionsThatExist()
    {
        // extraction + strip, no scrub: one boundary at n + 0.5
        using var plot = StageProfileFigure.Build(Result(("C", 5, 0, 3, 5)), "C");
        Assert.Equal(new[] { 5.5 }, plot.GetPlottables<VerticalLine>().Select(l => l.X));
        Assert.Equal(new[] { "extraction", "strip" },
            plot.GetPlottables<Text>().Select(t => t.LabelText).Where(t => !t.StartsWith("feed")));

        // extraction only: none
        using var single = StageProfileFigure.Build(Result(("C", 7, 0, 0, 7)), "C");
        Assert.Empty(single.GetPlottables<VerticalLine>());
    }

    [Fact]
    public void Build_LabelsTitleAndAxes()
    {
        using var plot = StageProfileFigure.Build(PrNd(), "PrNd");

        Assert.Equal("Pr/Nd split — PrNd", plot.Axes.Title.Label.Text);
        Assert.Equal("Stage (organic flows 1 → N)", plot.Axes.Bottom.Label.Text);
        Assert.Equal("Concentration (mol/L)", plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void Build_LogAxisHasOneLabelledTickPerDecadeOverTheData()
    {
        var r = PrNd();
        using var plot = StageProfileFigure.Build(r, "PrNd");
        plot.RenderInMemory(StageProfileFigure.Width, StageProfileFigure.Height); // ticks are generated on render
        var limits = plot.Axes.GetLimits();

        // every positive value lies inside the vertical range
        double[] logs = r.Stages.SelectMany(s => s.Aqueous.Concat(s.Organic)).Where(c => c > 0).Select(Math.Log10).ToArray();
        Assert.True(limits.Bottom <= logs.Min() && logs.Max() < limits.Top);
        Assert.Equal(0.5, limits.Left);
        Assert.Equal(56.5, limits.Right);

        var majors = plot.Axes.Left.TickGenerator.Ticks.Where(t => t.IsMajor).ToArray();
        Assert.All(majors, t => Assert.Equal(Math.Round(t.Position), t.Position));
        Assert.Contains(majors, t => t.Position == -6 && t.Label == "10⁻⁶");
        Assert.Contains(majors, t => t.Position == 0 && t.Label == "10⁰");
        Assert.Contains(majors, t => t.Position == -2 && t.Label == "10⁻²");
        // minor ticks at 2..9 × 10^k
        var minors = plot.Axes.Left.TickGenerator.Ticks.Where(t => !t.IsMajor).Select(t => t.Position).ToArray();
        Assert.Contains(minors, p => Math.Abs(p - (-3 + Math.Log10(5))) < 1e-12);
    }

    [Fact]
    public void Build_LimitsTheAxisToMaxDecadesBelowTheTop()
    {
        var r = PrNd();
        var deep = r.Stages.Select(s => s with { Organic = [1e-40, s.Organic[1]] }).ToArray();
        using var plot = StageProfileFigure.Build(r with { Stages = deep }, "PrNd");

        double highest = deep.SelectMany(s => s.Aqueous.Concat(s.Organic)).Max(Math.Log10);
        Assert.True(plot.Axes.GetLimits().Bottom >= Math.Ceiling(highest) - StageProfileFigure.MaxDecades - 1);
        // the series keeps its values; only the view is limited
        Assert.All(plot.GetPlottables<Scatter>().Single(s => s.LegendText == "Pr (org)").Data.GetScatterPoints(),
            p => Assert.Equal(-40, p.Y, 12));
    }

    [Fact]
    public void Build_UnknownCascadeIsAnError()
    {
        var e = Assert.Throws<ArgumentException>(() => StageProfileFigure.Build(PrNd(), "Nope"));
        Assert.Contains("PrNd", e.Message);
    }

    [Fact]
    public void Save_WritesPngAndSvgForOneCascade()
    {
        var paths = StageProfileFigure.Save(PrNd(), _dir);

        Assert.Equal(new[] { Path.Combine(_dir, "stage-profile.png"), Path.Combine(_dir, "stage-profile.svg") }, paths);
        byte[] png = File.ReadAllBytes(paths[0]);
        Assert.True(png.Length > 1000);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A }, png[..8]);
        // width and height in the IHDR chunk, big-endian, right after the signature and chunk header
        Assert.Equal(StageProfileFigure.Width, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(StageProfileFigure.Height, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);

        string svg = File.ReadAllText(paths[1]);
        Assert.Contains("<svg", svg);
        Assert.Contains("Concentration (mol/L)", svg);
    }

    [Fact]
    public void Save_NamesOneFilePairPerCascadeWhenThereAreSeveral()
    {
        var paths = StageProfileFigure.Save(Result(("LaCe", 10, 12, 4, 10), ("PrNd", 20, 30, 6, 20)), _dir);

        Assert.Equal(
            new[] { "stage-profile-LaCe.png", "stage-profile-LaCe.svg", "stage-profile-PrNd.png", "stage-profile-PrNd.svg" },
            paths.Select(Path.GetFileName));
        Assert.All(paths, p => Assert.True(new FileInfo(p).Length > 0));
    }
}
