using ScottPlot;
using ScottPlot.Plottables;
using SxCascade.Comparison;
using SxCascade.Flowsheets;
using SxCascade.Plots;
using SxCascade.Results;

namespace SxCascade.Plots.Tests;

/// <summary>
/// Eight techniques (the Pr/Nd split with the scrub cut from 30 to 23 stages, one stage a technique,
/// under labels of 20 characters and more), computed once: the compare figures at their most crowded.
/// </summary>
public sealed class EightTechniquesFixture
{
    public ComparisonResult Result { get; } = Comparer.Compare(
        Enumerable.Range(0, 8).Select(k => ComparisonFixture.Case($"technique number {k + 1} scrub {30 - k}", "prnd-p507.yaml",
            $"cascades.PrNd.scrub.stages={30 - k}")).ToArray(),
        new CompareOptions(SweepPoints: 2));
}

/// <summary>
/// The one figure style, tested by what was drawn: every text's box inside the canvas, stacked
/// panels aligned to the pixel, sizes and the options' parsing.
/// </summary>
public sealed class FigureStyleTests(EightTechniquesFixture eight) : IClassFixture<EightTechniquesFixture>
{
    /// <summary>60 characters, no break in its first 35.</summary>
    private const string LongName = "Seventeen-element-rare-earth-separation-test-flowsheet A1 B2";

    private static readonly string[] Seventeen =
        ["La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y", "Sc"];

    /// <summary>17 elements over 12 + 8 + 5 stages, each falling by its own number of decades.</summary>
    private static FlowsheetResult SeventeenElements()
    {
        int n = 12, m = 8, k = 5, total = n + m + k;
        var stages = Enumerable.Range(1, total).Select(j =>
        {
            var section = j <= n ? SectionKind.Extraction : j <= n + m ? SectionKind.Scrub : SectionKind.Strip;
            double t = (j - 1.0) / (total - 1);
            var aq = Seventeen.Select((_, e) => 0.05 * Math.Pow(10, -(e % 6 + 1) * t)).ToArray();
            var org = Seventeen.Select((_, e) => 0.02 * Math.Pow(10, -(e % 5 + 1) * (1 - t))).ToArray();
            return new StageResult("C", j, section, 43, 225, aq, org, null);
        }).ToArray();
        return new FlowsheetResult(LongName, true, 7, 1e-15, Seventeen, new double[17], [], stages,
            [new CascadeSummary("C", n, m, k, n, 225, null, "separation-factor")],
            new ReagentSummary("HCl", "NaOH", "NaCl", 0, 0, 0, 0, 0, 0, 0, null), [], [], 1);
    }

    public static TheoryData<string> Sizes => new() { "column", "double", "screen" };

    /// <summary>The style of <paramref name="size"/> with titles on, so that the long title is drawn too.</summary>
    private static FigureStyle Titled(string size) => FigureStyle.ForSize(size, out _)! with { ShowTitle = true };

    /// <summary>
    /// Every text drawn in <paramref name="plot"/>, as boxes in canvas pixels: the title, the axis
    /// labels (a rotated one by its measured length along the axis), the legend band and the texts
    /// of the data area. Call after the plot is drawn.
    /// </summary>
    private static IEnumerable<(string What, PixelRect Box)> TextBoxes(Plot plot)
    {
        using var paint = Paint.NewDisposablePaint();
        if (plot.Axes.Title.IsVisible) yield return ("title " + plot.Axes.Title.Label.Text, plot.Axes.Title.Label.LastRenderPixelRect);
        foreach (var axis in plot.Axes.GetAxes().Where(a => a.IsVisible && !string.IsNullOrEmpty(a.Label.Text)))
        {
            if (axis.Label.Rotation == 0) yield return ("axis label " + axis.Label.Text, axis.Label.LastRenderPixelRect);
            else
            {
                // ScottPlot records a rotated label's box in the rotated frame: take the axis panel's
                // outer edge and the label's length centred on the data area instead
                var layout = plot.LastRender.Layout;
                var panel = axis.GetPanelRect(layout.DataRect, layout.PanelSizes[axis], layout.PanelOffsets[axis], paint);
                var size = axis.Label.Measure(axis.Label.Text, paint);
                float middle = layout.DataRect.VerticalCenter;
                float x = axis.Edge == Edge.Left ? panel.Left : panel.Right - size.Height;
                yield return ("axis label " + axis.Label.Text, new PixelRect(x, x + size.Height, middle + size.Width / 2, middle - size.Width / 2));
            }
        }
        foreach (var band in plot.Axes.GetPanels().OfType<LegendBand>().Where(b => b.IsVisible))
            yield return ("legend", band.LastRect);
        foreach (var text in plot.GetPlottables<Text>().Where(t => t.LabelRotation == 0))
            yield return ("text " + text.LabelText, text.LabelLastRenderPixelRect);
    }

    private static void AssertInside(DrawnFigure figure)
    {
        figure.File.Png(96); // draws every plot on the canvas
        var canvas = new PixelRect(0, figure.File.Width, figure.File.Height, 0);
        int seen = 0;
        foreach (var plot in figure.Plots)
        {
            foreach (var (what, box) in TextBoxes(plot))
            {
                seen++;
                Assert.True(box.Width > 0 && box.Height > 0, $"{what}: nothing drawn ({box})");
                Assert.True(box.Left >= canvas.Left && box.Right <= canvas.Right && box.Top >= canvas.Top && box.Bottom <= canvas.Bottom,
                    $"{what}: box {box} outside the canvas {canvas}");
            }
        }
        Assert.True(seen >= 4, $"only {seen} texts checked");
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Profile_of_17_elements_under_a_60_character_name_keeps_every_text_inside_the_canvas(string size)
    {
        Assert.Equal(60, LongName.Length);
        using var figure = StageProfileFigure.Figure(SeventeenElements(), "C", Titled(size));
        AssertInside(figure);
        // the data area keeps its share of the width with the legend of 17 elements
        var plot = figure.Plots[0];
        Assert.True(plot.LastRender.DataRect.Width >= 0.5 * figure.File.Width,
            $"data area {plot.LastRender.DataRect.Width} px of {figure.File.Width}");
        // each element once, then one entry per phase: 17 + 2
        Assert.Equal(19, plot.Legend.GetItems().Length);
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Compare_figures_of_8_techniques_keep_every_text_inside_the_canvas(string size)
    {
        foreach (var kind in ComparisonFigures.All)
        {
            using var figure = ComparisonFigures.Figure(eight.Result, kind, Titled(size));
            AssertInside(figure);
        }
    }

    [Theory]
    [MemberData(nameof(Sizes))]
    public void Stacked_panels_have_data_areas_equal_in_x_to_the_pixel(string size)
    {
        var style = FigureStyle.ForSize(size, out _)!;
        using var figure = StageProfileFigure.Figure(PhResult(), "c", style);
        Assert.Equal(2, figure.Plots.Count);
        figure.File.Png(96);
        var top = figure.Plots[0].LastRender.DataRect;
        var bottom = figure.Plots[1].LastRender.DataRect;
        Assert.Equal((top.Left, top.Right), (bottom.Left, bottom.Right));
        // and one stage is at one x in both: stage 3 in the profile and in the pH panel
        Assert.Equal(figure.Plots[0].GetPixel(new Coordinates(3, 0)).X, figure.Plots[1].GetPixel(new Coordinates(3, 1)).X, 3);
        Assert.True(bottom.Top >= top.Bottom, "the pH panel lies below the profile");
    }

    // 3 extraction + 2 strip stages, Nd and the acidity; pH 1.0..1.8
    private static FlowsheetResult PhResult() =>
        new("ma", true, 5, 1e-15, ["Nd", "H+"], [0, 0], [],
            Enumerable.Range(1, 5).Select(j => new StageResult("c", j, j <= 3 ? SectionKind.Extraction : SectionKind.Strip, 10, 5,
                [0.01 * j, 0.1], [0.02 * j, double.NaN], 1.0 + 0.2 * (j - 1), 0.4, 0.2)).ToArray(),
            [new CascadeSummary("c", 3, 0, 2, 3, 5, null, "mass-action")],
            new ReagentSummary("HCl", null, null, 0, 0, 0, 0, 0, 0, 0, null), [], [], 1);

    [Fact]
    public void Sizes_are_the_journal_widths_with_titles_off_in_print()
    {
        // 8.5 cm × 96 px/in ÷ 2.54 cm/in = 321.26 px; 17.5 cm → 661.42 px
        Assert.Equal(321, FigureStyle.Column.Width);
        Assert.Equal(661, FigureStyle.Double.Width);
        Assert.Equal(1000, FigureStyle.Screen.Width);
        Assert.False(FigureStyle.Column.ShowTitle);
        Assert.False(FigureStyle.Double.ShowTitle);
        Assert.True(FigureStyle.Screen.ShowTitle);
        // 8 pt = 8 × 96/72 = 10.67 logical px, whatever the dpi
        Assert.Equal(10.6667f, FigureStyle.Column.LabelSize, 3);
        var custom = FigureStyle.ForSize("1200x700", out var error)!;
        Assert.Null(error);
        Assert.Equal((1200, 700), (custom.Width, custom.HeightFor(0.6)));
        Assert.Null(FigureStyle.ForSize("huge", out error));
        Assert.Contains("column (8.5 cm), double (17.5 cm), screen (1000 px) or WxH", error);
        Assert.Null(FigureStyle.ForSize("50x50", out _)); // below 100 px
    }

    [Fact]
    public void A_png_at_600_dpi_of_a_column_figure_is_8_5_cm_wide_and_says_so()
    {
        using var figure = StageProfileFigure.Figure(SeventeenElements(), "C", FigureStyle.Column);
        byte[] png = figure.File.Png(600);
        int width = (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19];
        Assert.Equal(2006, width); // the canvas is 321 logical px; 321 × 600/96 = 2006.25 → 2006 px (8.49 cm at 600 dpi)
        // pHYs right after IHDR: 600 dpi = 600 / 0.0254 = 23622 pixels per metre
        Assert.Equal("pHYs", System.Text.Encoding.ASCII.GetString(png, 37, 4));
        Assert.Equal(23622, (png[41] << 24) | (png[42] << 16) | (png[43] << 8) | png[44]);
        Assert.Equal(1, png[49]);
    }

    [Fact]
    public void Seventeen_series_get_seventeen_different_colour_and_marker_pairs()
    {
        var pairs = Enumerable.Range(0, 17).Select(k => (FigureStyle.Screen.ColorOf(k), FigureStyle.MarkerOf(k))).ToHashSet();
        Assert.Equal(17, pairs.Count);
    }

    [Fact]
    public void Typography_sets_powers_of_ten_subscripts_formulas_and_thousands()
    {
        Assert.Equal("10⁻³", Typography.PowerOfTen(-3));
        Assert.Equal("10¹²", Typography.PowerOfTen(12));
        Assert.Equal("2×10⁻⁴", Typography.Scientific(2, -4));
        Assert.Equal("Sₘᵢₙ", "S" + Typography.Subscript("min"));
        Assert.Equal("NH₃", Typography.Formula("NH3"));
        Assert.Equal("Nd₂O₃", Typography.Formula("Nd2O3"));
        Assert.Equal("H₂SO₄", Typography.Formula("H2SO4"));
        Assert.Equal("2500", Typography.Count(2500));
        Assert.Equal("12\u2009345", Typography.Count(12345));
        Assert.Equal("1\u2009234\u2009567", Typography.Count(1234567));
    }

    [Fact]
    public void A_style_file_sets_fonts_and_palette_and_names_every_bad_line()
    {
        var errors = new List<string>();
        var style = FigureStyle.Column.WithStyleFile("# paper\nlabel-size: 9\npalette: #000000, #FF0000\ntitle: true\n", "s.style", errors);
        Assert.Empty(errors);
        Assert.Equal(9, style.LabelPoints);
        Assert.Equal(2, style.Palette.Count);
        Assert.True(style.ShowTitle);

        FigureStyle.Column.WithStyleFile("label-size: 90\n  colour: red\nnothing here\n", "s.style", errors);
        Assert.Equal(3, errors.Count);
        Assert.Equal("s.style:1:1: label-size must be a number from 4 to 40; got '90'", errors[0]);
        Assert.StartsWith("s.style:2:3: unknown key 'colour'; keys: font, title,", errors[1]);
        Assert.StartsWith("s.style:3:1: expected 'key: value'", errors[2]);
    }

    [Fact]
    public void Formats_parse_as_a_list_and_name_what_is_valid()
    {
        Assert.Equal(FigureFormats.Png | FigureFormats.Pdf, FigureFile.ParseFormats("png, pdf", out _));
        Assert.Null(FigureFile.ParseFormats("png,jpg", out var error));
        Assert.Equal("'jpg' is not a figure format: use png, svg or pdf, several separated by commas (e.g. png,pdf)", error);
    }
}
