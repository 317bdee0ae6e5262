using SxCascade.Flowsheets;
using SxCascade.IO;

namespace SxCascade.IO.Tests;

/// <summary>The contract flowsheets of FORMAT.md load unchanged, with the values they say.</summary>
public sealed class ContractFlowsheetTests
{
    private static LoadResult Load(string name) =>
        FlowsheetLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "flowsheets", name));

    private static Flowsheet LoadOk(string name)
    {
        var result = Load(name);
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Flowsheet!;
    }

    [Fact]
    public void Kremser_constant_d_maps_feed_cascade_and_chemistry()
    {
        var f = LoadOk("kremser-constant-d.yaml");

        Assert.Equal("Kremser check, one element, constant D", f.Name);
        Assert.StartsWith("Counter-current extraction with fresh solvent", f.Description);
        var feed = Assert.Single(f.Feeds);
        Assert.Equal("leach", feed.Name);
        Assert.Equal(10.0, feed.Flow);
        Assert.Equal(0.1, feed.Concentrations["Nd"]);
        Assert.Equal(0.0, feed.Acid);

        var cascade = Assert.Single(f.Cascades);
        Assert.Equal("main", cascade.Name);
        Assert.Equal("leach", cascade.FeedFrom);
        Assert.Null(cascade.FeedStage);
        Assert.Equal(5, cascade.EffectiveFeedStage);
        Assert.Equal(5, cascade.ExtractionStages);
        Assert.Null(cascade.Scrub);
        Assert.Null(cascade.Strip);
        Assert.Equal(10.0, cascade.Organic.Flow);
        Assert.Null(cascade.Organic.Composition);
        Assert.Equal(1.0, cascade.Efficiency);
        Assert.Null(cascade.Chemistry);

        var chemistry = Assert.IsType<ConstantDChemistry>(f.Chemistry);
        Assert.Equal(2.0, chemistry.DistributionRatios["Nd"]);
        Assert.Empty(chemistry.PerSection);
        Assert.Null(chemistry.SaponificationAgent);
        Assert.Empty(f.Specs);
        Assert.Equal(new SolverOptions(), f.Solver);
    }

    [Fact]
    public void PrNd_p507_maps_every_section_and_the_specs()
    {
        var f = LoadOk("prnd-p507.yaml");

        var chemistry = Assert.IsType<SeparationFactorChemistry>(f.Chemistry);
        Assert.Equal("P507 1.5 mol/L in kerosene, 36 % Na-saponified", chemistry.Extractant);
        Assert.Equal(1.0, chemistry.SeparationFactors["Pr"]);
        Assert.Equal(1.5, chemistry.SeparationFactors["Nd"]);
        Assert.Equal(0.18, chemistry.Loading);
        Assert.Equal(0.01, chemistry.StripDistributionRatios["Nd"]);
        Assert.Equal("NaOH", chemistry.SaponificationAgent);

        var c = Assert.Single(f.Cascades);
        Assert.Equal(("PrNd", "didymium", 20, 20), (c.Name, c.FeedFrom, c.FeedStage, c.ExtractionStages));
        Assert.Equal(new ScrubDefinition(32, 33.1, 3.0), c.Scrub);
        Assert.False(c.Scrub!.IsReflux);
        Assert.Equal(new StripDefinition(6, 6.0, 4.5), c.Strip);
        Assert.Equal(225.2, c.Organic.Flow);
        Assert.Equal(58, c.TotalStages);

        Assert.Equal(2, f.Specs.Count);
        Assert.Equal("PrNd.raffinate", f.Specs[0].Stream);
        Assert.Equal(["Pr"], f.Specs[0].Elements);
        Assert.Equal(0.985, f.Specs[0].Purity);
        Assert.Null(f.Specs[0].Recovery);
        Assert.Equal(0.999, f.Specs[1].Purity);
    }

    [Fact]
    public void NdFeB_dy_recovery_maps_a_group_spec()
    {
        var f = LoadOk("ndfeb-dy-recovery.yaml");

        Assert.Equal(0.0313, f.Feeds[0].Concentrations["Dy"]);
        Assert.Equal(2000.0, ((SeparationFactorChemistry)f.Chemistry!).SeparationFactors["Dy"]);
        Assert.Equal(new ScrubDefinition(8, 0.1, 1.5), f.Cascades[0].Scrub);
        Assert.Equal(2.0, f.Cascades[0].Organic.Flow);
        Assert.Equal(["Nd", "Pr"], f.Specs[1].Elements);
        Assert.Equal(["Pr", "Nd", "Dy"], f.Elements());
    }

    [Fact]
    public void Mass_action_d2ehpa_maps_medium_extractant_and_laws()
    {
        var result = Load("mass-action-d2ehpa.yaml");
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        var f = result.Flowsheet!;

        var chemistry = Assert.IsType<MassActionChemistry>(f.Chemistry);
        Assert.Equal("mass-action", chemistry.Model);
        Assert.Equal(Medium.Chloride, chemistry.Medium);
        Assert.Equal(1.99, chemistry.PkaBisulfate);
        Assert.Equal(new Extractant("D2EHPA", 0.5, 322.43, 975.8, 0.2, "NaOH"), chemistry.Extractant);
        Assert.Equal("NaOH", chemistry.SaponificationAgent);
        Assert.Equal(0.1, chemistry.SaponificationPerLitre, 15);                 // 0.2 × 0.5 mol/L
        Assert.Equal(["Pr", "Nd"], chemistry.Laws.Keys);
        // charge 3 (rare earth), consumes = charge, e in mol/L
        Assert.Equal(new DistributionLaw(DistributionLawKind.LogK, -1.30, 3, 0, 0, 0, 0, false, 3, 3), chemistry.Laws["Pr"]);
        Assert.Equal(new DistributionLaw(DistributionLawKind.LogK, -1.15, 3, 0, 0, 0, 0, false, 3, 3), chemistry.Laws["Nd"]);
        Assert.Equal(["H+"], chemistry.SolvedSpecies);

        var feed = Assert.Single(f.Feeds);
        Assert.Equal(0.01, feed.Acid);
        Assert.Equal(0.01, feed.Content("H+"));
        Assert.Equal(new[] { "Pr", "Nd", "H+" }, f.Elements());
        var cascade = Assert.Single(f.Cascades);
        Assert.Equal(("loading", 4, 5.0), (cascade.Name, cascade.ExtractionStages, cascade.Organic.Flow));
    }

    [Fact]
    public void PrOMMiS_validation_case_maps_its_sulfate_feed_and_pre_loaded_organic()
    {
        var f = LoadOk(Path.Combine("validation", "prommis-d2ehpa-sulfate-3stage.yaml"));

        var c = Assert.IsType<MassActionChemistry>(f.Chemistry);
        Assert.Equal((Medium.Sulfate, 1.99), (c.Medium, c.PkaBisulfate));
        Assert.Equal(new Extractant("D2EHPA", 0.1514349537544567, 322.431, 975.8, 0, null), c.Extractant);
        Assert.Equal(new DistributionLaw(DistributionLawKind.LogD, 0, 3, -1.48, 0.29, 0, 0, false, 3, 3), c.Laws["Pr"]);
        Assert.Equal(new DistributionLaw(DistributionLawKind.Constant, 0, 2, 0.0658, 0, 0, 0, false, 2, 2), c.Laws["Ca"]);
        Assert.Equal(12, c.Laws.Count);
        var feed = Assert.Single(f.Feeds);
        Assert.Equal(0.01075 + 0.1030927835051546, feed.Content("H+"), 15);             // H+ + HSO4-, no 'acid:'
        Assert.Equal(0.1030927835051546 + 0.0010416666666666667, feed.Content("SO4--"), 15);
        Assert.Equal(["H+", "SO4--"], f.Elements()[^2..]);
        Assert.Equal(3.8579628892449e-05, f.Cascades[0].Organic.Composition!["Sc"]);
    }

    [Fact]
    public void Error_prints_as_file_line_column_message()
    {
        Assert.Equal("a.yaml:3:7: bad", new FlowsheetError("a.yaml", 3, 7, "bad").ToString());
    }

    [Fact]
    public void Missing_file_is_one_error_at_line_1_column_1()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "no-such-flowsheet.yaml");

        var result = FlowsheetLoader.LoadFile(path);

        Assert.False(result.Ok);
        Assert.Equal(new FlowsheetError(path, 1, 1, "file not found"), Assert.Single(result.Errors));
    }
}
