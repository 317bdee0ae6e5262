using SxCascade.Equilibrium;
using SxCascade.Flowsheets;
using SxCascade.IO;

namespace SxCascade.IO.Tests;

/// <summary>Shake-test data files for <c>sxcascade fit</c>: what is read, and every bad row at its line and column.</summary>
public sealed class ShakeTestCsvTests
{
    private static ShakeTestData Read(string text)
    {
        var result = ShakeTestCsv.Parse(text, "data.csv");
        Assert.True(result.Ok, string.Join("\n", result.Errors));
        return result.Data!;
    }

    private static IReadOnlyList<FlowsheetError> Errors(string text)
    {
        var result = ShakeTestCsv.Parse(text, "data.csv");
        Assert.False(result.Ok);
        Assert.Null(result.Data);
        return result.Errors;
    }

    [Fact]
    public void A_good_file_gives_one_point_per_row_with_its_line()
    {
        var data = Read("""
            sample,Element,pH [-],extractant [mol/L],D
            S1,Nd,1.0,0.5,2
            S2,Pr,1.5,0.25,0.01

            S3,Nd,2.0,0.5,100
            """);

        Assert.Equal(3, data.Points.Count);
        Assert.Equal(new ShakeTestPoint("Nd", 1.0, 0.5, Math.Log10(2), 2), data.Points[0]);
        Assert.Equal(new ShakeTestPoint("Pr", 1.5, 0.25, -2, 3), data.Points[1]);
        Assert.Equal(new ShakeTestPoint("Nd", 2.0, 0.5, 2, 5), data.Points[2]);   // line 4 is blank
        Assert.False(data.PercentVolume);
        Assert.Equal("mol/L", data.ExtractantUnit);
        Assert.False(data.FreeFromTotal);
        Assert.Equal(["Pr", "Nd"], data.Elements);                                   // atomic order
    }

    [Fact]
    public void Crlf_a_byte_order_mark_quotes_and_rows_of_empty_fields_are_read()
    {
        var data = Read("\uFEFFelement,ph,extractant,d\r\n\"Nd\",\"1.25\",0.5, 3 \r\n,,,\r\n");

        Assert.Equal(new ShakeTestPoint("Nd", 1.25, 0.5, Math.Log10(3), 2), Assert.Single(data.Points));
    }

    [Fact]
    public void Acidity_gives_the_ph_and_phase_concentrations_give_d()
    {
        // pH = -log10(0.01) = 2; D = 0.03/0.01 = 3; mg/L and g/L of Nd: 144.242 mg/L = 1e-3 mol/L, 0.288484 g/L = 2e-3 mol/L → D = 2
        var data = Read("""
            element,h [mol/L],extractant [M],aq [mol/L],org [mol/L]
            Nd,0.01,0.5,0.01,0.03
            """);
        Assert.Equal(2, data.Points[0].Ph, 12);
        Assert.Equal(Math.Log10(3), data.Points[0].LogD, 12);

        var mass = Read("""
            element,acid [mmol/L],extractant [mol/L],aq [mg/L],org [g/L]
            Nd,100,0.5,144.242,0.288484
            """);
        Assert.Equal(1, mass.Points[0].Ph, 12);                                       // 100 mmol/L = 0.1 mol/L
        Assert.Equal(Math.Log10(2), mass.Points[0].LogD, 12);
    }

    [Fact]
    public void The_free_extractant_is_the_total_less_the_charge_times_the_organic_metal()
    {
        // e = 0.5 - 3·0.1 = 0.2 mol/L
        var data = Read("""
            element,ph,extractant_total [mol/L],aq [mol/L],org [mol/L]
            Nd,1.5,0.5,0.05,0.1
            """);

        Assert.Equal(0.2, data.Points[0].Extractant, 12);
        Assert.True(data.FreeFromTotal);
    }

    [Fact]
    public void Percent_volume_extractant_is_kept_in_its_unit()
    {
        var data = Read("""
            element,ph,extractant [% v/v],d
            Y,2.5,20,4
            """);

        Assert.True(data.PercentVolume);
        Assert.Equal("% v/v", data.ExtractantUnit);
        Assert.Equal(20, data.Points[0].Extractant);
        Assert.Equal(12, data.ExtractantColumn);                                      // "extractant" starts at character 12
    }

    private const string Header = "element,ph,extractant [mol/L],aq [mol/L],org [mol/L]";

    [Theory]
    // columns:          1  4   8    12   17
    [InlineData("Nb,1.0,0.5,0.01,0.02", 1, "unknown element 'Nb'; did you mean 'Nd'?")]
    [InlineData("H+,1.0,0.5,0.01,0.02", 1, "H+ is an aqueous acid species")]
    [InlineData(",1.0,0.5,0.01,0.02", 1, "no element in this row")]
    [InlineData("Nd,abc,0.5,0.01,0.02", 4, "ph: 'abc' is not a number")]
    [InlineData("Nd,1;0,0.5,0.01,0.02", 4, "ph: '1;0' is not a number")]
    [InlineData("Nd,NaN,0.5,0.01,0.02", 4, "ph: 'NaN' is not a finite number")]
    [InlineData("Nd,,0.5,0.01,0.02", 4, "no value in column 'ph'")]
    [InlineData("Nd,1.0,0,0.01,0.02", 8, "extractant must be > 0")]
    [InlineData("Nd,1.0,-0.5,0.01,0.02", 8, "extractant must be > 0")]
    [InlineData("Nd,1.0,0.5,0,0.02", 12, "aq must be > 0")]
    [InlineData("Nd,1.0,0.5,0.01,0", 17, "org must be > 0 (log10 D needs D = org/aq > 0)")]
    [InlineData("Nd,1.0,0.5,0.01", 16, "this row has 4 fields; the header names 5 columns")]
    [InlineData("Nd,1.0,0.5,0.01,0.02,7", 22, "this row has 6 fields")]
    [InlineData("Nd,1.0,0.5,\"0.01,0.02", 12, "no closing quote")]
    public void Each_bad_row_is_reported_at_its_line_and_column(string row, int column, string message)
    {
        var error = Assert.Single(Errors($"{Header}\nNd,1.0,0.5,0.01,0.02\n{row}\n"));

        Assert.Equal(("data.csv", 3, column), (error.File, error.Line, error.Column));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("element,ph,extractant,d\nNd,1,0.5,0\n", 2, 10, "d must be > 0")]
    [InlineData("element,h,extractant,d\nNd,0,0.5,1\n", 2, 4, "h must be > 0 (pH = -log10 h needs h > 0)")]
    [InlineData("element,ph,extractant,d\nNd,Infinity,0.5,1\n", 2, 4, "not a finite number")]
    [InlineData("element,ph,extractant_total,aq,org\nNd,1,0.5,0.1,0.2\n", 2, 6, "free extractant total - z·org = 0.5 - 3·0.2 = -0.1 mol/L is not > 0")]
    public void Other_bad_values_are_reported_at_their_field(string text, int line, int column, string message)
    {
        var error = Assert.Single(Errors(text));

        Assert.Equal((line, column), (error.Line, error.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void Every_bad_row_is_reported_at_once_in_line_order()
    {
        var errors = Errors($"""
            {Header}
            Nd,1.0,0.5,0.01,0.02
            Xx,abc,0.5,0.01,0.02
            Nd,1.0,0.5,0.01,0.02
            Nd,1.0,-1,0,0.02
            Nd,1.0
            """);

        Assert.Equal(
            [(3, 1), (3, 4), (5, 8), (5, 11), (6, 7)],
            errors.Select(e => (e.Line, e.Column)));
        Assert.All(errors, e => Assert.Matches(@"^data\.csv:\d+:\d+: ", e.ToString()));
    }

    [Theory]
    [InlineData("element,ph,d\n", "missing column 'extractant'")]
    [InlineData("element,extractant,d\n", "missing column 'ph'")]
    [InlineData("ph,extractant,d\n", "missing column 'element'")]
    [InlineData("element,ph,extractant\n", "missing column 'd'")]
    [InlineData("element,ph,extractant,aq\n", "missing column 'org'")]
    public void A_missing_column_is_an_error_at_line_1(string header, string message)
    {
        var error = Assert.Single(Errors(header + "Nd,1,2\n"));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains(message, error.Message);
    }

    [Theory]
    [InlineData("element,ph,extractant,d,temp", 25, "unknown column 'temp'")]
    [InlineData("element,ph,extractent,d", 12, "unknown column 'extractent'; did you mean 'extractant'?")]
    [InlineData("element,ph,extractant [g/L],d", 12, "needs a known element to convert")]
    [InlineData("element,ph,extractant [furlongs],d", 12, "unknown unit 'furlongs'")]
    [InlineData("element,ph [mol/L],extractant,d", 9, "column 'ph' is dimensionless")]
    [InlineData("element,ph,extractant,d,PH", 25, "column 'ph' repeats column 'ph'")]
    [InlineData("element,ph,h,extractant,d", 12, "give the pH or the acidity h, not both")]
    [InlineData("element,ph,extractant,d,org,aq", 29, "give D or both phase concentrations")]
    [InlineData("element,ph,extractant_total,d", 12, "needs the phase concentrations aq and org")]
    [InlineData("element,ph,extractant_total [% v/v],aq,org", 12, "must be in mol/L")]
    [InlineData("element,ph,extractant [mol/L,d", 12, "a unit goes in brackets at the end")]
    public void A_bad_header_cell_is_an_error_at_its_column(string header, int column, string message)
    {
        var errors = Errors(header + "\n");

        Assert.Contains(errors, e => e.Line == 1 && e.Column == column && e.Message.Contains(message));
    }

    [Theory]
    [InlineData("", "the file is empty")]
    [InlineData("element,ph,extractant,d\n\n", "no data rows")]
    [InlineData("element;ph;extractant;d\nNd;1;0.5;2\n", "separated by ';'")]
    public void An_empty_or_semicolon_file_says_what_it_should_hold(string text, string message)
    {
        var error = Assert.Single(Errors(text));

        Assert.Equal((1, 1), (error.Line, error.Column));
        Assert.Contains(message, error.Message);
    }

    [Fact]
    public void A_missing_file_is_one_error_at_line_1()
    {
        var result = ShakeTestCsv.ReadFile(Path.Combine(Path.GetTempPath(), "no-such-" + Guid.NewGuid().ToString("N") + ".csv"));

        Assert.Equal("file not found", Assert.Single(result.Errors).Message);
    }

    [Fact]
    public void The_fit_table_has_measured_fitted_and_residual_log10_d_per_row()
    {
        var data = Read("""
            element,ph,extractant [% v/v],d
            Nd,1,20,10
            Nd,2,20,1000
            """);
        // log10 D = -1 + 2·pH: 1 and 3 → residuals 0 and 0
        var law = new DistributionLaw(DistributionLawKind.LogD, 0, 3, -1, 2, 0, 0, true, 3, 3);
        using var w = new StringWriter();
        ShakeTestCsv.WriteFit(data, new Dictionary<string, DistributionLaw> { ["Nd"] = law }, w);

        Assert.Equal(
            "element,line,ph [-],free_extractant [% v/v],log10_d_measured [-],log10_d_fitted [-],residual [-]\n"
            + "Nd,2,1,20,1,1,0\n"
            + "Nd,3,2,20,3,3,0\n",
            w.ToString());
    }
}

/// <summary>The chemistry block that <c>sxcascade fit</c> prints loads as the fitted laws.</summary>
public sealed class ChemistryYamlWriterTests
{
    private static FittedLaw LogD(string element, bool percent, params (string Term, double Value)[] terms)
    {
        double Get(string t) => terms.FirstOrDefault(x => x.Term == t).Value;
        var law = new DistributionLaw(DistributionLawKind.LogD, 0, 0, Get("constant"), Get("ph"), Get("log-extractant"), Get("ph-extractant"), percent, 3, 3);
        return new FittedLaw(element, DistributionLawKind.LogD, terms.Select(t => t.Term).ToArray(), terms.Select(t => t.Value).ToArray(),
            terms.Select(_ => 0.01).ToArray(), 0.99, 0.01, 10, law);
    }

    private static FittedLaw LogK(string element, double logK, double? order)
    {
        var law = new DistributionLaw(DistributionLawKind.LogK, logK, order ?? 3, 0, 0, 0, 0, false, 3, 3);
        string[] terms = order is null ? ["log-k"] : ["log-k", "extractant-order"];
        double[] values = order is { } n ? [logK, n] : [logK];
        return new FittedLaw(element, DistributionLawKind.LogK, terms, values, values.Select(_ => 0.01).ToArray(), 0.99, 0.01, 10, law);
    }

    [Fact]
    public void The_block_has_the_comment_and_one_flow_mapping_per_element()
    {
        var block = ChemistryYamlWriter.ElementsBlock([LogK("Nd", -1.2, 3), LogD("Pr", false, ("constant", -1.85), ("ph", 1.94)), LogK("Y", -2.5, null)]);

        Assert.Equal(
            "# paste under chemistry: (model: mass-action)\n"
            + "elements:\n"
            + "  Nd: {log-k: -1.2, extractant-order: 3}\n"
            + "  Pr: {log-d: {constant: -1.85, ph: 1.94}}\n"
            + "  Y: {log-k: -2.5}\n",
            block);
    }

    [Fact]
    public void A_percent_volume_law_says_its_unit()
    {
        var block = ChemistryYamlWriter.ElementsBlock([LogD("Y", true, ("constant", -2.126), ("ph", 1.632), ("ph-extractant", 0.152))]);

        Assert.Contains("  Y: {log-d: {constant: -2.126, ph: 1.632, ph-extractant: 0.152}, extractant-unit: '% v/v'}\n", block);
        Assert.Contains("# extractant-unit \"% v/v\" needs molar-mass and density", block);
    }

    [Theory]
    [InlineData(-1.8500000000000012, "-1.85")]
    [InlineData(2.8846912345, "2.88469")]
    [InlineData(0.000152345678, "0.000152346")]
    [InlineData(1.5e-7, "1.5e-07")]
    [InlineData(-1e-20, "-1e-20")]
    [InlineData(-0.0, "0")]
    [InlineData(123456789.0, "1.23457e+08")]
    public void Numbers_have_six_significant_digits(double value, string expected) =>
        Assert.Equal(expected, ChemistryYamlWriter.Number(value));

    [Fact]
    public void The_block_pasted_into_a_flowsheet_loads_as_the_fitted_laws()
    {
        var block = ChemistryYamlWriter.ElementsBlock([
            LogK("Nd", -1.15, 2.9),
            LogD("Pr", false, ("constant", -1.85), ("ph", 1.94), ("log-extractant", 2.5)),
            LogD("Y", true, ("constant", -2.126), ("ph", 1.632), ("ph-extractant", 0.152)),
        ]);
        string indented = string.Join("", block.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => "  " + l + "\n"));
        var yaml = "sxcascade: 1\nname: t\nchemistry:\n  model: mass-action\n"
            + "  extractant: { concentration: 0.5 mol/L, molar-mass: 322.43 g/mol, density: 975.8 g/L }\n"
            + indented
            + "feeds:\n  leach:\n    flow: 10 L/h\n    composition: { Nd: 0.06, Pr: 0.02, Y: 0.01 }\n    acid: 0.01\n"
            + "cascades:\n  main:\n    feed: { from: leach }\n    extraction: { stages: 4 }\n    organic: { flow: 5 L/h }\n";

        var result = FlowsheetLoader.Parse(yaml, "t.yaml");

        Assert.True(result.Ok, string.Join("\n", result.Errors) + "\n" + yaml);
        var laws = Assert.IsType<MassActionChemistry>(result.Flowsheet!.Chemistry).Laws;
        Assert.Equal(new DistributionLaw(DistributionLawKind.LogK, -1.15, 2.9, 0, 0, 0, 0, false, 3, 3), laws["Nd"]);
        Assert.Equal(new DistributionLaw(DistributionLawKind.LogD, 0, 3, -1.85, 1.94, 2.5, 0, false, 3, 3), laws["Pr"]);
        Assert.Equal(new DistributionLaw(DistributionLawKind.LogD, 0, 3, -2.126, 1.632, 0, 0.152, true, 3, 3), laws["Y"]);
    }
}
