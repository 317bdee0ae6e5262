using ScottPlot.Plottables;
using SxCascade.Flowsheets;
using SxCascade.Plots;
using SxCascade.Results;

namespace SxCascade.Plots.Tests;

/// <summary>The pH panel that a mass-action result adds below the stage profile.</summary>
public sealed class PhPanelTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sxcascade-ph-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    // 3 extraction + 2 strip stages, elements Nd and the solved acidity H+; pH 1.0, 1.2, … by stage
    private static FlowsheetResult MassAction(bool withPh) =>
        new("ma", true, 5, 1e-15, ["Nd", "H+"], [0, 0], [],
            Enumerable.Range(1, 5).Select(j => new StageResult("c", j, j <= 3 ? SectionKind.Extraction : SectionKind.Strip, 10, 5,
                [0.01 * j, 0.1], [0.02 * j, double.NaN], withPh ? 1.0 + 0.2 * (j - 1) : null, 0.4, 0.2)).ToArray(),
            [new CascadeSummary("c", 3, 0, 2, 3, 5, null, "mass-action")],
            new ReagentSummary("HCl", null, null, 0, 0, 0, 0, 0, 0, 0, null), [], [], 1);

    [Fact]
    public void Ph_panel_plots_the_stage_pH_with_the_section_boundary()
    {
        using var plot = StageProfileFigure.BuildPh(MassAction(true), "c")!;
        var series = Assert.Single(plot.GetPlottables<Scatter>());
        Assert.Equal("pH (aq)", series.LegendText);
        var points = series.Data.GetScatterPoints();
        Assert.Equal(new double[] { 1, 2, 3, 4, 5 }, points.Select(p => p.X));
        Assert.Equal(new[] { 1.0, 1.2, 1.4, 1.6, 1.8 }, points.Select(p => Math.Round(p.Y, 12)));
        Assert.Equal(3.5, Assert.Single(plot.GetPlottables<VerticalLine>()).X);
        Assert.Equal(StageProfileFigure.PhAxisLabel, plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void Acidity_is_left_out_of_the_concentration_panel()
    {
        using var plot = StageProfileFigure.Build(MassAction(true), "c");
        Assert.Equal(new[] { "Nd (aq)", "Nd (org)" }, plot.GetPlottables<Scatter>().Select(s => s.LegendText));
    }

    [Fact]
    public void No_pH_means_no_panel_and_the_usual_size()
    {
        Assert.Null(StageProfileFigure.BuildPh(MassAction(false), "c"));
        var paths = StageProfileFigure.Save(MassAction(false), _dir);
        byte[] png = File.ReadAllBytes(paths[0]);
        Assert.Equal(StageProfileFigure.Height, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
    }

    [Fact]
    public void Saved_figure_stacks_the_pH_panel_below_the_profile()
    {
        var paths = StageProfileFigure.Save(MassAction(true), _dir);
        byte[] png = File.ReadAllBytes(paths[0]);
        Assert.Equal(StageProfileFigure.Width, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
        Assert.Equal(StageProfileFigure.Height + StageProfileFigure.PhPanelHeight, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
        string svg = File.ReadAllText(paths[1]);
        Assert.Contains("Concentration (mol/L)", svg);
        Assert.Contains($"y=\"{StageProfileFigure.Height}\"", svg);
        Assert.Contains("pH (aq)", svg);
    }
}
