using ScottPlot;
using ScottPlot.Plottables;
using ScottPlot.TickGenerators;
using SxCascade.Comparison;
using SxCascade.IO;
using SxCascade.Plots;

namespace SxCascade.Plots.Tests;

/// <summary>
/// Comparisons of the contract flowsheets, computed once for all figure tests: three techniques as
/// given (the Pr/Nd split in mixer-settlers, the same with centrifugal contactors and 26 scrub
/// stages, and the NdFeB Dy recovery, which has no contactor and so no inventory), and two designed
/// to the Pr/Nd specs (mixer-settlers, and centrifugal contactors with β(Nd/Pr) = 1.7).
/// </summary>
public sealed class ComparisonFixture
{
    public ComparisonResult AsGiven { get; } = Comparer.Compare(
    [
        Case("mixer-settler", "prnd-p507.yaml", "cascades.PrNd.contactor=mixer-settler"),
        Case("centrifugal", "prnd-p507.yaml", "cascades.PrNd.contactor=centrifugal-contactor", "cascades.PrNd.scrub.stages=26"),
        Case("Dy <recovery> & co", "ndfeb-dy-recovery.yaml"),
    ], new CompareOptions(SweepPoints: 3));

    public ComparisonResult Designed { get; } = Comparer.Compare(
    [
        Case("P507 β 1.5", "prnd-p507.yaml", "cascades.PrNd.contactor=mixer-settler"),
        Case("P507 β 1.7", "prnd-p507.yaml", "cascades.PrNd.contactor=centrifugal-contactor", "chemistry.separation-factors.Nd=1.7"),
    ], new CompareOptions(Design: true, SweepPoints: 3));

    /// <summary>Two techniques with the same stages and flows, differing only in the saponification agent.</summary>
    public ComparisonResult Twins { get; } = Comparer.Compare(
    [
        Case("NaOH", "prnd-p507.yaml"),
        Case("NH3", "prnd-p507.yaml", "chemistry.saponification-agent=NH3"),
    ], new CompareOptions(SweepPoints: 3));

    public static TechniqueCase Case(string label, string file, params string[] overrides)
    {
        string path = Path.Combine(AppContext.BaseDirectory, "flowsheets", file);
        var loaded = FlowsheetLoader.LoadFile(path, overrides);
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        return new TechniqueCase(label, path, loaded.Flowsheet!);
    }
}

/// <summary>The figures of <c>sxcascade compare</c>, tested by what was drawn: series, labels, values.</summary>
public sealed class ComparisonFiguresTests(ComparisonFixture fixture) : IClassFixture<ComparisonFixture>, IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "sxcascade-compare-figures-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_dir)) Directory.Delete(_dir, recursive: true);
    }

    private ComparisonResult AsGiven => fixture.AsGiven;

    private static Coordinates[] Points(Scatter s) => s.Data.GetScatterPoints().ToArray();

    /// <summary>Every tick of a manual generator (its Ticks hold only those in the range of the last render).</summary>
    private static Tick[] AllTicks(ITickGenerator generator)
    {
        using var paint = Paint.NewDisposablePaint();
        generator.Regenerate(new CoordinateRange(-1e6, 1e6), Edge.Bottom, new PixelLength(1000), paint, new LabelStyle());
        return ((NumericManual)generator).Ticks;
    }

    private static string[] TickLabels(IAxis axis) => AllTicks(axis.TickGenerator).Where(t => t.IsMajor).Select(t => t.Label).ToArray();

    private static void AllClose(IEnumerable<double> expected, IEnumerable<double> actual)
    {
        var (e, a) = (expected.ToArray(), actual.ToArray());
        Assert.Equal(e.Length, a.Length);
        for (int i = 0; i < e.Length; i++) Assert.Equal(e[i], a[i], 1e-12);
    }

    private static void DisposeAll(Multiplot m)
    {
        foreach (var p in m.GetPlots()) p.Dispose();
    }

    // ---- (a) metrics ------------------------------------------------------------------------------

    [Fact]
    public void Metrics_has_four_titled_panels_with_units_on_every_axis()
    {
        var m = ComparisonFigures.BuildMetrics(AsGiven);
        var plots = m.GetPlots();
        Assert.Equal(
            [ComparisonFigures.StagesTitle, ComparisonFigures.ReagentsTitle, ComparisonFigures.OrganicFlowTitle, ComparisonFigures.OrganicInventoryTitle],
            plots.Select(p => p.Axes.Title.Label.Text));
        Assert.Equal(["Stages (count)", "Reagents (kg/kg product oxide)", "Organic flow (L/h)", "Organic inventory (L)"],
            plots.Select(p => p.Axes.Left.Label.Text));
        // one legend, in the stages panel, naming the techniques in order
        // the technique legend is drawn once, under the grid, from the stages panel: inside no panel
        Assert.Equal([false, false, false, false], plots.Select(p => p.Legend.IsVisible));
        Assert.Equal(["mixer-settler", "centrifugal", "Dy <recovery> & co"], plots[0].Legend.GetItems().Select(i => i.LabelText));
        DisposeAll(m);
    }

    [Fact]
    public void Metrics_stage_bars_are_n_m_k_and_total_per_technique_side_by_side()
    {
        var m = ComparisonFigures.BuildMetrics(AsGiven);
        var stages = m.GetPlots()[0];
        var series = stages.GetPlottables<BarPlot>().ToArray();
        Assert.Equal(3, series.Length);
        Assert.Equal(["extraction n", "scrub m", "strip k", "total"], TickLabels(stages.Axes.Bottom));
        for (int i = 0; i < 3; i++)
        {
            var t = AsGiven.Techniques[i];
            Assert.Equal(t.Label, series[i].LegendText);
            Assert.Equal(new double[] { t.ExtractionStages, t.ScrubStages, t.StripStages, t.TotalStages }, series[i].Bars.Select(b => b.Value));
            // category c at x = c, three bars 0.8/3 wide centred in it
            AllClose(Enumerable.Range(0, 4).Select(c => c - 0.4 + 0.8 / 3 * (i + 0.5)), series[i].Bars.Select(b => b.Position));
            Assert.All(series[i].Bars, b => Assert.Equal(ComparisonFigures.TechniqueColor(i, 3), b.FillColor));
        }
        // prnd-p507.yaml: n = 20, m = 32, k = 6; the variant has m = 26 by --set
        Assert.Equal(["20", "32", "6", "58"], series[0].Bars.Select(b => b.Label));
        Assert.Equal(["20", "26", "6", "52"], series[1].Bars.Select(b => b.Label));
        DisposeAll(m);
    }

    [Fact]
    public void Metrics_reagent_bars_are_kg_per_kg_oxide_and_the_axis_names_the_chemicals()
    {
        var m = ComparisonFigures.BuildMetrics(AsGiven);
        var reagents = m.GetPlots()[1];
        var series = reagents.GetPlottables<BarPlot>().ToArray();
        Assert.Equal(3, series.Length);
        for (int i = 0; i < 3; i++)
        {
            var g = AsGiven.Techniques[i].Result.Reagents;
            Assert.Equal(new[] { g.AcidKgPerKgOxide, g.BaseKgPerKgOxide, g.SaltKgPerKgOxide }, series[i].Bars.Select(b => b.Value));
        }
        // every contract flowsheet: hydrochloric acid, NaOH saponification, NaCl in the effluent
        Assert.Equal(["acid\n(HCl)", "base\n(NaOH)", "effluent salt\n(NaCl)"], TickLabels(reagents.Axes.Bottom));
        DisposeAll(m);
    }

    [Fact]
    public void Metrics_organic_panels_have_one_bar_per_technique_and_a_note_where_the_inventory_is_unknown()
    {
        var m = ComparisonFigures.BuildMetrics(AsGiven);
        var (flow, inventory) = (m.GetPlots()[2], m.GetPlots()[3]);
        var t = AsGiven.Techniques;

        var flows = flow.GetPlottables<BarPlot>().ToArray();
        Assert.Equal(t.Select(x => x.OrganicFlow), flows.Select(b => Assert.Single(b.Bars).Value));
        Assert.Equal([0.0, 1, 2], flows.Select(b => b.Bars[0].Position));
        // labels under the bars, wrapped to the room a third of the panel gives (52 / 3 = 17 characters)
        Assert.Equal(["mixer-settler", "centrifugal", "Dy <recovery> &\nco"], TickLabels(flow.Axes.Bottom));

        // the Dy flowsheet names no contactor and no stage-volume: no bar, a note at its place
        Assert.Null(t[2].OrganicInventory);
        var bars = inventory.GetPlottables<BarPlot>().ToArray();
        Assert.Equal([t[0].OrganicInventory!.Value, t[1].OrganicInventory!.Value], bars.Select(b => Assert.Single(b.Bars).Value));
        Assert.Equal(bars.Select(b => b.Bars[0].FillColor), [ComparisonFigures.TechniqueColor(0, 3), ComparisonFigures.TechniqueColor(1, 3)]);
        var note = Assert.Single(inventory.GetPlottables<Text>());
        Assert.Equal(ComparisonFigures.NoInventoryText, note.LabelText);
        Assert.Equal(2, note.Location.X);
        // mixer-settlers hold far more organic than centrifugal contactors (15 min against 0.5 min per stage)
        Assert.True(t[0].OrganicInventory > 10 * t[1].OrganicInventory);
        DisposeAll(m);
    }

    [Theory]
    [InlineData("1-p507-naoh-acid-scrub", 13, "1-p507-naoh-\nacid-scrub")]
    [InlineData("P507 centrifugal contactor", 13, "P507\ncentrifugal\ncontactor")]
    [InlineData("short", 13, "short")]
    [InlineData("averyveryverylongname", 5, "averyveryverylongname")] // nowhere to break: as it is
    public void Wrap_breaks_long_labels_after_spaces_and_hyphens(string label, int width, string expected) =>
        Assert.Equal(expected, ComparisonFigures.Wrap(label, width));

    [Fact]
    public void Metrics_value_labels_are_left_off_bars_too_narrow_for_them()
    {
        // four techniques: 0.8/4 × 0.92 of a category, a third of the panel, is ~25 px, too narrow for "0.0502"
        var t0 = AsGiven.Techniques[0];
        var four = AsGiven with { Techniques = [.. Enumerable.Range(1, 4).Select(k => t0 with { Case = t0.Case with { Label = $"t{k}" } })] };
        var m = ComparisonFigures.BuildMetrics(four);
        Assert.All(m.GetPlots()[1].GetPlottables<BarPlot>().SelectMany(b => b.Bars), b => Assert.Equal("", b.Label));
        // stage counts (one or two digits) still fit
        Assert.All(m.GetPlots()[0].GetPlottables<BarPlot>().SelectMany(b => b.Bars), b => Assert.NotEqual("", b.Label));
        DisposeAll(m);
    }

    // ---- (b) profiles -----------------------------------------------------------------------------

    [Fact]
    public void Profiles_draw_the_aqueous_log_concentration_of_each_key_element_per_technique()
    {
        using var plot = ComparisonFigures.BuildProfiles(AsGiven);
        Assert.Equal(["Pr", "Nd"], AsGiven.KeyElements);
        var series = plot.GetPlottables<Scatter>().ToArray();
        Assert.Equal(
            ["mixer-settler: Pr", "mixer-settler: Nd", "centrifugal: Pr", "centrifugal: Nd", "Dy <recovery> & co: Pr", "Dy <recovery> & co: Nd"],
            series.Select(s => s.LegendText));
        for (int i = 0; i < 3; i++)
        {
            var r = AsGiven.Techniques[i].Result;
            for (int k = 0; k < 2; k++)
            {
                var s = series[2 * i + k];
                int e = r.IndexOf(AsGiven.KeyElements[k]);
                var expected = r.Stages.Where(x => x.Aqueous[e] > 0).OrderBy(x => x.Stage).ToArray();
                var points = Points(s);
                Assert.Equal(expected.Select(x => (double)x.Stage), points.Select(p => p.X));
                AllClose(expected.Select(x => Math.Log10(x.Aqueous[e])), points.Select(p => p.Y));
                Assert.Equal(ComparisonFigures.TechniqueColor(i, 3), s.Color);            // colour by technique
                Assert.Equal(k == 0 ? LinePattern.Solid : LinePattern.Dashed, s.LinePattern); // pattern by element
                Assert.Equal(k == 0 ? MarkerShape.FilledCircle : MarkerShape.OpenSquare, s.MarkerShape); // open on a dashed line
            }
        }
        Assert.Equal(ComparisonFigures.ProfilesTitle, plot.Axes.Title.Label.Text);
        Assert.Equal("Stage (organic flows 1 → N)", plot.Axes.Bottom.Label.Text);
        Assert.Equal("Aqueous concentration (mol/L)", plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void Profiles_mark_each_techniques_section_boundaries_and_span_the_longest_cascade()
    {
        using var plot = ComparisonFigures.BuildProfiles(AsGiven);
        // 20 + 32 + 6, 20 + 26 + 6 and 6 + 8 + 4 stages: boundaries at n + 0.5 and n + m + 0.5
        Assert.Equal([6.5, 14.5, 20.5, 20.5, 46.5, 52.5], plot.GetPlottables<VerticalLine>().Select(l => l.X).Order());
        Assert.All(plot.GetPlottables<VerticalLine>(), l => Assert.True(l.ExcludeFromLegend));
        var limits = plot.Axes.GetLimits();
        Assert.Equal((0.5, 58.5), (limits.Left, limits.Right));
        // decade ticks labelled with the concentration
        var majors = AllTicks(plot.Axes.Left.TickGenerator).Where(t => t.IsMajor).ToArray();
        Assert.Contains(majors, t => t.Position == 0 && t.Label == "10⁰");
        Assert.Contains(majors, t => t.Position == -3 && t.Label == "10⁻³");
    }

    [Fact]
    public void Profile_cascade_is_the_cascade_of_the_first_product()
    {
        var t = AsGiven.Techniques[2];
        Assert.Equal("DyNd", ComparisonFigures.ProfileCascade(t)!.Name);
    }

    // ---- (c) purity against stages ----------------------------------------------------------------

    [Fact]
    public void Purity_plots_the_impurity_of_the_first_product_on_a_log_axis_and_marks_each_technique_as_compared()
    {
        using var plot = ComparisonFigures.BuildPurityStages(AsGiven);
        var t = AsGiven.Techniques;
        var curves = plot.GetPlottables<Scatter>().ToArray();
        Assert.Equal(["mixer-settler: PrNd.raffinate Pr", "centrifugal: PrNd.raffinate Pr", "Dy <recovery> & co: DyNd.strip-liquor Dy"],
            curves.Select(c => c.LegendText));
        for (int i = 0; i < 3; i++)
        {
            // a purity of 1 (to the last bit) has no impurity to plot and is left out
            var curve = t[i].PurityCurve.Where(p => 1 - p.Purity > 0).ToArray();
            Assert.Equal(curve.Select(p => (double)p.TotalStages), Points(curves[i]).Select(p => p.X));
            AllClose(curve.Select(p => Math.Log10(1 - p.Purity)), Points(curves[i]).Select(p => p.Y));
            Assert.Equal(ComparisonFigures.TechniqueColor(i, 3), curves[i].Color);
        }
        // three sweep points per technique: sections scaled by 0.5, 1 and 1.5 (20 + 32 = 52 → 10 + 16, 20 + 32, 30 + 48, strip 6 always)
        Assert.Equal([32.0, 58, 84], Points(curves[0]).Select(p => p.X));

        var markers = plot.GetPlottables<Marker>().ToArray();
        Assert.Equal(3, markers.Length);
        for (int i = 0; i < 3; i++)
        {
            Assert.Equal(t[i].TotalStages, markers[i].X);
            Assert.Equal(Math.Log10(1 - t[i].Products[0].Purity), markers[i].Y, 12);
            Assert.Equal(MarkerShape.FilledDiamond, markers[i].MarkerShape);
        }
        Assert.Contains(ComparisonFigures.AsComparedLegend, plot.Legend.GetItems().Select(i => i.LabelText));

        // the techniques' first products differ, so the axis names none
        Assert.Equal("Impurity of the first product, 1 − purity", plot.Axes.Left.Label.Text);
        Assert.Equal("Purity (%)", plot.Axes.Right.Label.Text);
        Assert.Equal("Total stages (count)", plot.Axes.Bottom.Label.Text);
        Assert.Equal(ComparisonFigures.PurityTitle, plot.Axes.Title.Label.Text);
    }

    [Fact]
    public void Purity_marks_the_targets_of_the_first_products()
    {
        using var plot = ComparisonFigures.BuildPurityStages(AsGiven);
        // each technique is judged by its own specs: prnd-p507.yaml's PrNd.raffinate Pr purity 0.985
        // (both Pr/Nd techniques), ndfeb-dy-recovery.yaml's DyNd.strip-liquor Dy purity 0.999
        Assert.Equal([0.985, 0.985, 0.999], AsGiven.Techniques.Select(t => t.Products[0].PurityTarget!.Value));
        var lines = plot.GetPlottables<HorizontalLine>().ToArray();
        AllClose([Math.Log10(1 - 0.985), Math.Log10(1 - 0.999)], lines.Select(l => l.Y));
        var texts = plot.GetPlottables<Text>().ToArray();
        Assert.Equal(["target 98.5 %", "target 99.9 %"], texts.Select(t => t.LabelText));
        Assert.Equal(lines.Select(l => l.Y), texts.Select(t => t.Location.Y));
    }

    [Fact]
    public void Purity_axis_names_the_product_when_all_techniques_share_it()
    {
        using var plot = ComparisonFigures.BuildPurityStages(fixture.Designed);
        Assert.Equal("Impurity of PrNd.raffinate Pr, 1 − purity", plot.Axes.Left.Label.Text);
    }

    [Fact]
    public void Impurity_ticks_label_decades_and_over_few_decades_the_steps_between_them()
    {
        var (impurity, purity) = ComparisonFigures.ImpurityTicks(-2, 0);
        var majors = AllTicks(impurity).Where(t => t.IsMajor).ToArray();
        Assert.Equal(["0.01", "0.02", "0.03", "0.05", "0.1", "0.2", "0.3", "0.5", "1"], majors.Select(t => t.Label));
        Assert.Equal(Math.Log10(0.02), majors[1].Position, 12);
        // the right axis labels the same positions as purity in %: 1 − 0.02 = 98 %
        var right = AllTicks(purity).Where(t => t.IsMajor).ToArray();
        Assert.Equal(majors.Select(t => t.Position), right.Select(t => t.Position));
        Assert.Equal(["99", "98", "97", "95", "90", "80", "70", "50", "0"], right.Select(t => t.Label));

        // eight decades: decades only, as powers of ten
        var wide = AllTicks(ComparisonFigures.ImpurityTicks(-8, 0).Impurity).Where(t => t.IsMajor).Select(t => t.Label).ToArray();
        Assert.Equal(9, wide.Length);
        Assert.Equal("10⁻⁸", wide[0]);
        Assert.Equal("99.999999", AllTicks(ComparisonFigures.ImpurityTicks(-8, 0).Purity).First(t => t.IsMajor).Label);
    }

    [Fact]
    public void Impurity_has_no_logarithm_at_or_above_full_purity()
    {
        Assert.Equal(-2, ComparisonFigures.Impurity(0.99)!.Value, 12);
        Assert.Null(ComparisonFigures.Impurity(1));
        Assert.Null(ComparisonFigures.Impurity(1.0000000000000002)); // a rounding above 1 is not plotted
        Assert.Null(ComparisonFigures.Impurity(double.NaN));
    }

    // ---- (d) trade-off ----------------------------------------------------------------------------

    [Fact]
    public void Tradeoff_as_given_is_one_point_per_technique_at_acid_plus_base_and_total_stages()
    {
        using var plot = ComparisonFigures.BuildTradeoff(AsGiven);
        var t = AsGiven.Techniques;
        var series = plot.GetPlottables<Scatter>().ToArray();
        Assert.Equal(["mixer-settler (HCl + NaOH)", "centrifugal (HCl + NaOH)", "Dy <recovery> & co (HCl + NaOH)"], series.Select(s => s.LegendText));
        for (int i = 0; i < 3; i++)
        {
            var g = t[i].Result.Reagents;
            var p = Assert.Single(Points(series[i]));
            Assert.Equal((g.AcidKgPerKgOxide + g.BaseKgPerKgOxide, (double)t[i].TotalStages), (p.X, p.Y));
        }
        var texts = plot.GetPlottables<Text>().Select(x => x.LabelText).ToArray();
        Assert.Equal($"mixer-settler: 58 stages, {(t[0].Result.Reagents.AcidKgPerKgOxide + t[0].Result.Reagents.BaseKgPerKgOxide):G3} kg/kg", texts[0]);
        Assert.Equal(3, plot.GetPlottables<Marker>().Count());
        Assert.Equal("Acid + base (kg per kg product oxide)", plot.Axes.Bottom.Label.Text);
        Assert.Equal("Total stages (count)", plot.Axes.Left.Label.Text);
        Assert.Equal(ComparisonFigures.TradeoffTitle, plot.Axes.Title.Label.Text);
        var limits = plot.Axes.GetLimits();
        Assert.Equal(0.0, limits.Left); // reagents from zero: an amount
        // stages around the data: 18 to 58, padded by 15 % + 1 below and 20 % + 1.5 above
        Assert.Equal((18 - 0.15 * 40 - 1, 58 + 0.2 * 40 + 1.5), (limits.Bottom, limits.Top));
    }

    [Fact]
    public void Tradeoff_under_design_draws_the_design_curve_and_marks_the_chosen_point()
    {
        var d = fixture.Designed;
        using var plot = ComparisonFigures.BuildTradeoff(d);
        var series = plot.GetPlottables<Scatter>().ToArray();
        var markers = plot.GetPlottables<Marker>().ToArray();
        Assert.Equal(2, series.Length);
        for (int i = 0; i < 2; i++)
        {
            var t = d.Techniques[i];
            Assert.True(t.Tradeoff.Count > 3, "a design curve has several points");
            Assert.Equal(t.Tradeoff.Select(p => p.AcidKgPerKgOxide + p.BaseKgPerKgOxide), Points(series[i]).Select(p => p.X));
            Assert.Equal(t.Tradeoff.Select(p => (double)p.TotalStages), Points(series[i]).Select(p => p.Y));
            Assert.True(series[i].LineWidth > 0);
            // the chosen design is on the curve and marked
            var g = t.Result.Reagents;
            Assert.Contains(t.Tradeoff, p => p.Extraction == t.Design!.Extraction && p.TotalStages == t.TotalStages);
            Assert.Equal((g.AcidKgPerKgOxide + g.BaseKgPerKgOxide, (double)t.TotalStages), (markers[i].X, markers[i].Y));
        }
        Assert.StartsWith("P507 β 1.7: ", plot.GetPlottables<Text>().ElementAt(1).LabelText);
    }

    [Fact]
    public void Tradeoff_texts_of_techniques_at_the_same_point_are_stacked()
    {
        var t0 = AsGiven.Techniques[0];
        var twins = AsGiven with { Techniques = [t0, t0 with { Case = t0.Case with { Label = "twin" } }] };
        using var plot = ComparisonFigures.BuildTradeoff(twins);
        var texts = plot.GetPlottables<Text>().ToArray();
        Assert.Equal(texts[0].Location, texts[1].Location);
        Assert.Equal([-6f, -24f], texts.Select(x => x.OffsetY)); // one 18 px line apart
    }

    // ---- files and SVG text -----------------------------------------------------------------------

    [Fact]
    public void A_technique_identical_to_an_earlier_one_says_so_and_stays_visible()
    {
        // NaOH and NH3 give the same profiles, purity curve and stages (only the base differs):
        // the second is drawn over the first, so its legend names the first and it is drawn thin
        // with large open markers
        var twins = fixture.Twins;
        using (var profiles = ComparisonFigures.BuildProfiles(twins))
        {
            var series = profiles.GetPlottables<Scatter>().ToArray();
            Assert.Equal(["NaOH: Pr", "NaOH: Nd", "NH3: Pr (same as NaOH)", "NH3: Nd (same as NaOH)"], series.Select(s => s.LegendText));
            Assert.Equal(Points(series[0]), Points(series[2]));
            Assert.Equal((2f, 6f, MarkerShape.FilledCircle), (series[0].LineWidth, series[0].MarkerSize, series[0].MarkerShape));
            Assert.Equal((1f, 12f, MarkerShape.OpenCircle), (series[2].LineWidth, series[2].MarkerSize, series[2].MarkerShape));
            Assert.Equal(MarkerShape.OpenSquare, series[3].MarkerShape);
        }
        using (var purity = ComparisonFigures.BuildPurityStages(twins))
            Assert.Equal(["NaOH: PrNd.raffinate Pr", "NH3: PrNd.raffinate Pr (same as NaOH)"],
                purity.GetPlottables<Scatter>().Select(s => s.LegendText));
        // the trade-off differs (the base is part of acid + base per kg of oxide): no remark there
        using (var tradeoff = ComparisonFigures.BuildTradeoff(twins))
            Assert.Equal(["NaOH (HCl + NaOH)", "NH3 (HCl + NH₃)"] /* the reagent set as a formula, NH₃; the label is the file's */, tradeoff.GetPlottables<Scatter>().Select(s => s.LegendText));
        // different techniques are never marked
        using var asGiven = ComparisonFigures.BuildProfiles(AsGiven);
        Assert.DoesNotContain(asGiven.GetPlottables<Scatter>(), s => s.LegendText.Contains("same as"));
    }

    [Fact]
    public void Save_writes_a_png_and_an_svg_of_each_figure()
    {
        var paths = ComparisonFigures.Save(AsGiven, _dir);
        Assert.Equal(
            ["compare-metrics.png", "compare-metrics.svg", "compare-profiles.png", "compare-profiles.svg",
             "compare-purity-stages.png", "compare-purity-stages.svg", "compare-tradeoff.png", "compare-tradeoff.svg"],
            paths.Select(Path.GetFileName));
        foreach (var kind in ComparisonFigures.All)
        {
            byte[] png = File.ReadAllBytes(Path.Combine(_dir, ComparisonFigures.FileStem(kind) + ".png"));
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, png[..4]);
            var (w, h) = ComparisonFigures.Size(kind);
            Assert.Equal(w, (png[16] << 24) | (png[17] << 16) | (png[18] << 8) | png[19]);
            Assert.Equal(h, (png[20] << 24) | (png[21] << 16) | (png[22] << 8) | png[23]);
            string svg = File.ReadAllText(Path.Combine(_dir, ComparisonFigures.FileStem(kind) + ".svg"));
            Assert.Contains($"width=\"{w}\"", svg);
            Assert.Contains($"height=\"{h}\"", svg);
        }
        Assert.Equal((1000, 800), ComparisonFigures.Size(ComparisonFigure.Metrics));
    }

    [Fact]
    public void Svg_text_of_each_figure_holds_its_titles_and_escaped_labels()
    {
        string metrics = ComparisonFigures.Svg(AsGiven, ComparisonFigure.Metrics);
        Assert.Contains("<svg", metrics);
        foreach (var title in new[] { "Stages per section", "Reagents per kg product oxide", "Organic flow", "Organic inventory", "Organic flow (L/h)" })
            Assert.Contains(title, metrics);
        // the label "Dy <recovery> & co" is text, never markup
        Assert.Contains("Dy &lt;recovery&gt; &amp; co", metrics);
        Assert.DoesNotContain("<recovery>", metrics);

        Assert.Contains("Aqueous concentration (mol/L)", ComparisonFigures.Svg(AsGiven, ComparisonFigure.Profiles));
        Assert.Contains("target 98.5 %", ComparisonFigures.Svg(AsGiven, ComparisonFigure.PurityStages));
        Assert.Contains("Acid + base (kg per kg product oxide)", ComparisonFigures.Svg(AsGiven, ComparisonFigure.Tradeoff));
    }
}
