using ScottPlot;
using ScottPlot.Plottables;
using SxCascade.Design;
using SxCascade.Plots;

namespace SxCascade.Plots.Tests;

/// <summary>The figures of <c>sxcascade design --out</c>, tested by what was drawn: series, labels, values.</summary>
public sealed class DesignFigureTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sxcascade-design-figures-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    // Nd (A) / Pr (B) of the Pr/Nd contract flowsheet: β = 1.5, f_A = 0.7456, P_A = 0.999, P_B = 0.985
    private static readonly ShortcutDesign PrNd = Shortcut.Design(1.5, 0.7456, 0.999, 0.985);
    private const double S = 4.046, W = 3.3036;
    private const int N = 14, M = 35;

    private static Coordinates[] Points(Scatter s) => s.Data.GetScatterPoints().ToArray();

    private static Scatter Series(Plot plot, string legend) =>
        Assert.Single(plot.GetPlottables<Scatter>(), s => s.LegendText == legend);

    private static void Close(double expected, double actual, double tolerance = 1e-12) =>
        Assert.True(Math.Abs(expected - actual) <= tolerance * Math.Max(1, Math.Abs(expected)), $"expected {expected:R}, got {actual:R}");

    // ---- McCabe–Thiele ---------------------------------------------------------------------------

    [Fact]
    public void Steps_start_at_the_raffinate_on_the_diagonal_and_alternate_equilibrium_and_operating_lines()
    {
        var steps = McCabeThiele.Steps(PrNd, S, W, N, M);

        Assert.Equal(1 + 2 * (N + M), steps.Count);
        Assert.Equal((1 - PrNd.PurityB, 1 - PrNd.PurityB), steps[0]);
        double fB = 1 - PrNd.ProductSplitA;
        for (int i = 1; i <= N + M; i++)
        {
            var (xi, yi) = steps[2 * i - 1];
            var (xNext, yRun) = steps[2 * i];
            Assert.Equal(steps[2 * i - 2].X, xi);                                    // a vertical rise at x_i ...
            Close(1.5 * xi / (1 + 0.5 * xi), yi);                                     // ... to y_i on the equilibrium curve
            Assert.Equal(yi, yRun);                                                   // a horizontal run at y_i ...
            if (i <= N)                                                               // ... to x_{i+1} on the operating line
                Close((W + 1) * xNext, S * yi + fB * (1 - PrNd.PurityB));
            else
                Close(S * yi, W * xNext + PrNd.ProductSplitA * PrNd.PurityA);
        }
    }

    [Fact]
    public void Steps_use_the_exact_line_formulas()
    {
        var steps = McCabeThiele.Steps(PrNd, S, W, N, M);
        Assert.Equal((S * steps[1].Y + (1 - PrNd.ProductSplitA) * (1 - PrNd.PurityB)) / (W + 1), steps[2].X);
        int k = 2 * (N + 1);
        Assert.Equal((S * steps[k - 1].Y - PrNd.ProductSplitA * PrNd.PurityA) / W, steps[k].X);
        Assert.Single(McCabeThiele.Steps(PrNd, S, W, 0, 0));
    }

    [Fact]
    public void McCabe_Thiele_draws_the_curve_lines_feed_and_staircase_with_their_legend()
    {
        using var plot = McCabeThieleFigure.Build(PrNd, S, W, N, M);

        var named = plot.GetPlottables<Scatter>().Where(s => !string.IsNullOrEmpty(s.LegendText)).Select(s => s.LegendText);
        Assert.Equal(new[] { "equilibrium", "extraction operating line", "scrub operating line", "feed", "stages (14 + 35)" }, named);
        Assert.Equal(named, plot.Legend.GetItems().Select(i => i.LabelText).Where(t => !string.IsNullOrEmpty(t)));

        Assert.Equal("x (aqueous, mole fraction A)", plot.Axes.Bottom.Label.Text);
        Assert.Equal("y (organic, mole fraction A)", plot.Axes.Left.Label.Text);
        Assert.Equal("McCabe–Thiele, key pair β = 1.5", plot.Axes.Title.Label.Text);

        var curve = Points(Series(plot, "equilibrium"));
        Assert.Equal((0.0, 1.0), (curve[0].X, curve[^1].X));
        Assert.All(curve, p => Close(1.5 * p.X / (1 + 0.5 * p.X), p.Y));

        var stairs = Points(Series(plot, "stages (14 + 35)"));
        Assert.Equal(McCabeThiele.Steps(PrNd, S, W, N, M).Select(p => (p.X, p.Y)), stairs.Select(p => (p.X, p.Y)));

        var feed = Points(Series(plot, "feed"));
        Assert.All(feed, p => Assert.Equal(PrNd.FeedA, p.X));
        Assert.Equal(new[] { 0.0, 1.0 }, feed.Select(p => p.Y));

        // the diagonal, out of the legend
        var diagonal = Assert.Single(plot.GetPlottables<Scatter>(), s => string.IsNullOrEmpty(s.LegendText));
        Assert.All(Points(diagonal), p => Assert.Equal(p.X, p.Y));

        var limits = plot.Axes.GetLimits();
        Assert.Equal((0.0, 1.0, 0.0, 1.0), (limits.Left, limits.Right, limits.Bottom, limits.Top));
    }

    [Fact]
    public void The_operating_lines_run_from_the_products_on_the_diagonal_to_their_meeting_on_the_feed_line()
    {
        using var plot = McCabeThieleFigure.Build(PrNd, S, W, N, M);
        var extraction = Points(Series(plot, "extraction operating line"));
        var scrub = Points(Series(plot, "scrub operating line"));

        // every drawn point satisfies its line's balance
        double fB = 1 - PrNd.ProductSplitA;
        Assert.All(extraction, p => Close((W + 1) * p.X, S * p.Y + fB * (1 - PrNd.PurityB)));
        Assert.All(scrub, p => Close(S * p.Y, W * p.X + PrNd.ProductSplitA * PrNd.PurityA));

        // they meet on the feed line: the overall balance of A, f_A = f'_B(1 − P_B) + f'_A·P_A
        double yExtraction = ((W + 1) * PrNd.FeedA - fB * (1 - PrNd.PurityB)) / S;
        double yScrub = (W * PrNd.FeedA + PrNd.ProductSplitA * PrNd.PurityA) / S;
        Close(yExtraction, yScrub, 1e-9);

        // from x = 1 − P_B to the feed line and from there to x = P_A, each extended as far as the
        // staircase uses it: 14 extraction stages stop short of the feed, so the scrub line starts at
        // x_16, and 35 scrub stages end beyond P_A
        var steps = McCabeThiele.Steps(PrNd, S, W, N, M);
        Assert.Equal(1 - PrNd.PurityB, extraction[0].X);
        Assert.Equal(PrNd.FeedA, extraction[^1].X);
        Assert.True(steps[2 * (N + 1)].X < PrNd.FeedA);
        Assert.Equal(steps[2 * (N + 1)].X, scrub[0].X);
        Assert.Equal(Math.Max(PrNd.PurityA, steps[^1].X), scrub[^1].X);      // the last step reaches past P_A here
        Assert.True(steps[^1].X > PrNd.PurityA);
    }

    [Fact]
    public void An_operating_line_is_extended_where_the_staircase_passes_its_end()
    {
        // 40 extraction stages step past the feed line on the extraction line
        var steps = McCabeThiele.Steps(PrNd, S, W, 40, 5);
        using var plot = McCabeThieleFigure.Build(PrNd, S, W, 40, 5);
        var extraction = Points(Series(plot, "extraction operating line"));

        Assert.True(steps[2 * 40].X > PrNd.FeedA);
        Assert.Equal(steps[2 * 40].X, extraction[^1].X);
    }

    [Fact]
    public void Without_scrub_stages_there_is_no_scrub_line()
    {
        using var plot = McCabeThieleFigure.Build(PrNd, S, W, 20, 0);
        Assert.DoesNotContain(plot.GetPlottables<Scatter>(), s => s.LegendText == "scrub operating line");
        Assert.Equal(1 + 2 * 20, Points(Series(plot, "stages (20 + 0)")).Length);
    }

    [Fact]
    public void McCabe_Thiele_saves_png_and_svg_square_at_the_screen_width()
    {
        var written = McCabeThieleFigure.Save(PrNd, S, W, N, M, _dir);

        Assert.Equal(new[] { Path.Combine(_dir, "mccabe-thiele.png"), Path.Combine(_dir, "mccabe-thiele.svg") }, written);
        Assert.Equal((1000, 1000), PngSize(written[0]));   // screen width 1000 px × aspect 1
        Assert.Contains("<svg", File.ReadAllText(written[1]));
    }

    // ---- design curve ----------------------------------------------------------------------------

    private static readonly DesignCurvePoint[] Curve =
    [
        new(2.5, 0, 0, false),
        new(3.21, 17, 48, true),
        new(2.86, 21, 69, true),          // out of order on purpose
        new(4.05, 14, 35, true),
        new(5.12, 12, 31, true),
        new(8.17, 11, 24, true),
    ];

    private const double Fenske = 27.35462558164101, SMin = 2.7233624171866078, Chosen = 4.05;

    [Fact]
    public void Design_curve_plots_feasible_stages_and_the_objective_on_the_right_axis()
    {
        using var plot = DesignCurveFigure.Build(Curve, Fenske, SMin, Chosen);

        var stages = Series(plot, "minimum stages n + m");
        var feasible = Curve.Where(p => p.Feasible).OrderBy(p => p.Extraction).ToArray();
        Assert.Equal(feasible.Select(p => (p.Extraction, (double)p.TotalStages)), Points(stages).Select(p => (p.X, p.Y)));
        Assert.NotEqual(MarkerShape.None, stages.MarkerShape);
        Assert.True(stages.LineWidth > 0);
        Assert.NotSame(plot.Axes.Right, stages.Axes.YAxis);                   // the default, left axis

        var objective = Series(plot, "S·(n + m) (right axis)");
        Assert.Equal(feasible.Select(p => (p.Extraction, p.Extraction * p.TotalStages)), Points(objective).Select(p => (p.X, p.Y)));
        Assert.Same(plot.Axes.Right, objective.Axes.YAxis);

        Assert.Equal("Extraction amount S (mol/mol feed)", plot.Axes.Bottom.Label.Text);
        Assert.Equal("Minimum stages n + m", plot.Axes.Left.Label.Text);
        Assert.Equal("S·(n + m)", plot.Axes.Right.Label.Text);
        Assert.Equal(new[] { "minimum stages n + m", "S·(n + m) (right axis)", "Fenske minimum Nₘᵢₙ = 27.35", "minimum extraction Sₘᵢₙ = 2.723" },
            plot.Legend.GetItems().Select(i => i.LabelText).Where(t => !string.IsNullOrEmpty(t)));
    }

    [Fact]
    public void Design_curve_marks_the_fenske_floor_the_minimum_extraction_and_the_chosen_design()
    {
        using var plot = DesignCurveFigure.Build(Curve, Fenske, SMin, Chosen);

        Assert.Equal(Fenske, Assert.Single(plot.GetPlottables<HorizontalLine>()).Y);
        Assert.Equal(SMin, Assert.Single(plot.GetPlottables<VerticalLine>()).X);
        var marker = Assert.Single(plot.GetPlottables<Marker>());
        Assert.Equal((Chosen, 49.0), (marker.X, marker.Y));                   // n + m of the point at the chosen S

        // the floor and S_min are named in the legend (outside the data), the chosen design beside its marker
        var legend = plot.Legend.GetItems().Select(i => i.LabelText).ToArray();
        Assert.Contains("Fenske minimum Nₘᵢₙ = 27.35", legend);
        Assert.Contains("minimum extraction Sₘᵢₙ = 2.723", legend);
        var texts = plot.GetPlottables<Text>().ToDictionary(t => t.LabelText, t => t.Location);
        Assert.Equal(new Coordinates(Chosen, 49), texts["chosen S = 4.05"]);

        // everything in view: from left of S_min to the last S, from 0 to above the highest count
        var limits = plot.Axes.GetLimits();
        Assert.True(limits.Left < SMin && limits.Right > 8.17, limits.ToString());
        Assert.Equal(0, limits.Bottom);
        Assert.True(limits.Top > 90, limits.ToString());
        Assert.True(plot.Axes.Right.Range.Max > 8.17 * 35 && plot.Axes.Right.Range.Min == 0);
    }

    [Fact]
    public void Design_curve_without_feasible_points_has_no_chosen_marker()
    {
        using var plot = DesignCurveFigure.Build([new(2.5, 0, 0, false)], Fenske, SMin, 3.0);
        Assert.Empty(plot.GetPlottables<Marker>());
        Assert.Empty(Points(Series(plot, "minimum stages n + m")));
    }

    [Fact]
    public void Design_curve_saves_png_and_svg_of_1000_by_600()
    {
        var written = DesignCurveFigure.Save(Curve, Fenske, SMin, Chosen, _dir);

        Assert.Equal(new[] { Path.Combine(_dir, "design-curve.png"), Path.Combine(_dir, "design-curve.svg") }, written);
        Assert.Equal((1000, 600), PngSize(written[0]));
        Assert.Contains("<svg", File.ReadAllText(written[1]));
    }

    /// <summary>Width and height from the PNG's IHDR chunk.</summary>
    private static (int Width, int Height) PngSize(string path)
    {
        var bytes = File.ReadAllBytes(path);
        int BigEndian(int at) => (bytes[at] << 24) | (bytes[at + 1] << 16) | (bytes[at + 2] << 8) | bytes[at + 3];
        return (BigEndian(16), BigEndian(20));
    }
}
