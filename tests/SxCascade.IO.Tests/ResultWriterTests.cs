using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using SxCascade.Flowsheets;
using SxCascade.IO;
using SxCascade.Results;

namespace SxCascade.IO.Tests;

public class ResultWriterTests
{
    // 0.1 + 0.2 = 0.30000000000000004: needs all 17 significant digits to come back unchanged.
    private const double Awkward = 0.1 + 0.2;

    /// <summary>A hand-made result: one cascade, 2 extraction + 1 scrub + 1 strip stages, Pr and Nd.</summary>
    private static FlowsheetResult Sample()
    {
        string[] elements = ["Pr", "Nd"];
        var streams = new[]
        {
            new StreamResult("leach", StreamKind.Feed, "aqueous", 10, [0.2544, 0.7456], [0.2544, 0.7456], [1, 1], false),
            new StreamResult("PrNd.raffinate", StreamKind.Raffinate, "aqueous", 43.1, [Awkward, 6e-4], [0.998, 0.002], [0.9995, 0.0034], true),
            new StreamResult("PrNd.strip-liquor", StreamKind.StripLiquor, "aqueous", 6, [1.2e-7, 1.2], [1e-7, 0.9999999], [5e-4, 0.9966], true),
            new StreamResult("PrNd.stripped-organic", StreamKind.StrippedOrganic, "organic", 225, [0, 1e-300], [0, 1], [0, 0], false),
        };
        var stages = new[]
        {
            new StageResult("PrNd", 1, SectionKind.Extraction, 43.1, 225, [0.059, 0.0006], [0.016, 0.002], null),
            new StageResult("PrNd", 2, SectionKind.Extraction, 43.1, 225, [0.08, 0.02], [0.05, 0.03], 1.25),
            new StageResult("PrNd", 3, SectionKind.Scrub, 33.1, 225, [0.01, Awkward], [0.02, 0.15], null),
            new StageResult("PrNd", 4, SectionKind.Strip, 6, 225, [1.2e-7, 1.2], [0, 0.01], null),
        };
        var cascades = new[] { new CascadeSummary("PrNd", 2, 1, 1, 2, 225, null, "separation-factor") };
        var reagents = new ReagentSummary("HCl", "NaOH + NH3", "NaCl + NH4Cl", 126.3, 121.6, 121.6, 4.6, 4.86, 7.1, 0, 480.5)
        {
            Uses =
            [
                new ReagentUse(ReagentUse.Acid, "HCl", 126.3, 4.6),
                new ReagentUse(ReagentUse.Base, "NaOH", 100, 4.0),
                new ReagentUse(ReagentUse.Base, "NH3", 21.6, 0.86),
            ],
        };
        var specs = new[]
        {
            new SpecResult("PrNd.raffinate", ["Pr"], "purity", 0.99, 0.998, true),
            new SpecResult("PrNd.strip-liquor", ["Pr", "Nd"], "recovery", 0.999, Awkward, false),
        };
        var reports = new[]
        {
            new SolveReport("PrNd", "newton", SolveStatus.Converged, 3, [1e-2, 1e-6, 3e-13], null),
        };
        return new FlowsheetResult("Pr/Nd split", true, 7, 3.0e-15, elements, [1e-16, double.NaN],
            streams, stages, cascades, reagents, specs, reports, 12.5);
    }

    /// <summary>
    /// A hand-made mass-action result: Nd and the solved species H+ (aqueous total acidity; the organic
    /// entry is NaN), two extraction stages with pH, free extractant and loading fraction.
    /// </summary>
    private static FlowsheetResult MassActionSample()
    {
        string[] elements = ["Nd", "H+"];
        var streams = new[]
        {
            new StreamResult("leach", StreamKind.Feed, "aqueous", 10, [0.06, 0.01], [1, 0], [1, 1], false),
            new StreamResult("loading.raffinate", StreamKind.Raffinate, "aqueous", 10, [0.004, 0.178], [1, 0], [0.0667, 17.8], true),
            new StreamResult("loading.loaded-organic", StreamKind.LoadedOrganic, "organic", 5, [0.112, double.NaN], [1, 0], [0.9333, double.NaN], true),
        };
        var stages = new[]
        {
            // e = 0.5 − 3·0.02 = 0.44 mol/L free, loading 3·0.02/0.5 = 0.12
            new StageResult("loading", 1, SectionKind.Extraction, 10, 5, [0.004, 0.178], [0.02, double.NaN], 0.75, 0.44, 0.12),
            new StageResult("loading", 2, SectionKind.Extraction, 10, 5, [0.03, Awkward], [0.112, double.NaN], 1.5, Awkward, 0.672),
        };
        var cascades = new[] { new CascadeSummary("loading", 2, 0, 0, 2, 5, null, "mass-action") };
        var reagents = new ReagentSummary("HCl", "NaOH", "NaCl", 0.1, 0.5, 0.5, 0.0036, 0.02, 0.029, 0.094, null);
        var reports = new[] { new SolveReport("loading", "newton", SolveStatus.Converged, 6, [1e-3, 1e-14], null) };
        return new FlowsheetResult("D2EHPA", true, 6, 1e-15, elements, [1e-16, 2e-16], streams, stages, cascades, reagents, [], reports, 3)
        {
            ExtractantBalanceError = 4.4e-16,
        };
    }

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;

    [Fact]
    public void Json_MassAction_StagesCarryFreeExtractantAndLoading_TopLevelTheExtractantBalance()
    {
        var root = Parse(ResultJsonWriter.ToJson(MassActionSample()));

        Assert.Equal(4.4e-16, root.GetProperty("extractant_balance_error").GetDouble());
        var stages = root.GetProperty("stages");
        Assert.Equal(0.75, stages[0].GetProperty("ph").GetDouble());
        Assert.Equal(0.44, stages[0].GetProperty("free_extractant").GetDouble());
        Assert.Equal(0.12, stages[0].GetProperty("loading_fraction").GetDouble());
        Assert.Equal(Awkward, stages[1].GetProperty("free_extractant").GetDouble());
        Assert.Equal(0.672, stages[1].GetProperty("loading_fraction").GetDouble());
        // the solved species H+ is total acidity in results, keyed "acidity" (inputs' H+ is free H+);
        // its organic entry is NaN: written as null, the aqueous total acidity as a number
        Assert.False(stages[0].GetProperty("aqueous").TryGetProperty("H+", out _));
        Assert.Equal(JsonValueKind.Null, stages[0].GetProperty("organic").GetProperty("acidity").ValueKind);
        Assert.Equal(0.178, stages[0].GetProperty("aqueous").GetProperty("acidity").GetDouble());
        var organic = root.GetProperty("streams")[2];
        Assert.Equal(JsonValueKind.Null, organic.GetProperty("concentrations").GetProperty("acidity").ValueKind);
        Assert.Equal(JsonValueKind.Null, organic.GetProperty("molar_flows").GetProperty("acidity").ValueKind);
        Assert.Equal(0.112, organic.GetProperty("concentrations").GetProperty("Nd").GetDouble());
        Assert.Contains("\"acidity\": null", ResultJsonWriter.ToJson(MassActionSample()), StringComparison.Ordinal);
    }

    [Fact]
    public void Json_WithoutMassAction_ExtractantFieldsAreNull()
    {
        var root = Parse(ResultJsonWriter.ToJson(Sample()));

        Assert.Equal(JsonValueKind.Null, root.GetProperty("extractant_balance_error").ValueKind);
        Assert.All(root.GetProperty("stages").EnumerateArray(), st =>
        {
            Assert.Equal(JsonValueKind.Null, st.GetProperty("free_extractant").ValueKind);
            Assert.Equal(JsonValueKind.Null, st.GetProperty("loading_fraction").ValueKind);
        });
    }

    [Fact]
    public void Json_HasTheTopLevelFieldsOfTheContract()
    {
        var root = Parse(ResultJsonWriter.ToJson(Sample()));

        Assert.Equal("sxcascade-result/1", root.GetProperty("format").GetString());
        Assert.Equal("Pr/Nd split", root.GetProperty("name").GetString());
        Assert.True(root.GetProperty("converged").GetBoolean());
        Assert.Equal(7, root.GetProperty("iterations").GetInt32());
        Assert.Equal(3.0e-15, root.GetProperty("max_balance_error").GetDouble());
        Assert.Equal(12.5, root.GetProperty("solve_ms").GetDouble());
        var units = root.GetProperty("units");
        Assert.Equal("L/h", units.GetProperty("flow").GetString());
        Assert.Equal("mol/L", units.GetProperty("concentration").GetString());
        Assert.Equal("mol/h", units.GetProperty("molar_flow").GetString());
        Assert.Equal(1e-16, root.GetProperty("balance_errors").GetProperty("Pr").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("balance_errors").GetProperty("Nd").ValueKind);
    }

    [Fact]
    public void Json_Streams_CarryConcentrationsPurityRecoveryAndMolarFlows()
    {
        var streams = Parse(ResultJsonWriter.ToJson(Sample())).GetProperty("streams");
        Assert.Equal(4, streams.GetArrayLength());

        var raffinate = streams[1];
        Assert.Equal("PrNd.raffinate", raffinate.GetProperty("name").GetString());
        Assert.Equal("aqueous", raffinate.GetProperty("phase").GetString());
        Assert.Equal("raffinate", raffinate.GetProperty("kind").GetString());
        Assert.True(raffinate.GetProperty("is_product").GetBoolean());
        Assert.Equal(43.1, raffinate.GetProperty("flow").GetDouble());
        Assert.Equal(Awkward, raffinate.GetProperty("concentrations").GetProperty("Pr").GetDouble());
        Assert.Equal(6e-4, raffinate.GetProperty("concentrations").GetProperty("Nd").GetDouble());
        Assert.Equal(0.998, raffinate.GetProperty("purity").GetProperty("Pr").GetDouble());
        Assert.Equal(0.0034, raffinate.GetProperty("recovery").GetProperty("Nd").GetDouble());
        // molar flow = flow · c = 43.1 L/h · 6e-4 mol/L, bit for bit as the record computes it
        Assert.Equal(43.1 * 6e-4, raffinate.GetProperty("molar_flows").GetProperty("Nd").GetDouble());

        Assert.Equal(new[] { "feed", "raffinate", "strip-liquor", "stripped-organic" },
            streams.EnumerateArray().Select(s => s.GetProperty("kind").GetString()));
        Assert.Equal(1e-300, streams[3].GetProperty("concentrations").GetProperty("Nd").GetDouble());
    }

    [Fact]
    public void Json_Stages_HaveLowerCaseSectionsFlowsAndNullPh()
    {
        var stages = Parse(ResultJsonWriter.ToJson(Sample())).GetProperty("stages");
        Assert.Equal(4, stages.GetArrayLength());

        var first = stages[0];
        Assert.Equal("PrNd", first.GetProperty("cascade").GetString());
        Assert.Equal(1, first.GetProperty("stage").GetInt32());
        Assert.Equal("extraction", first.GetProperty("section").GetString());
        Assert.Equal(JsonValueKind.Null, first.GetProperty("ph").ValueKind);
        Assert.Equal(0.059, first.GetProperty("aqueous").GetProperty("Pr").GetDouble());
        Assert.Equal(0.002, first.GetProperty("organic").GetProperty("Nd").GetDouble());
        Assert.Equal(43.1, first.GetProperty("aqueous_flow").GetDouble());
        Assert.Equal(225, first.GetProperty("organic_flow").GetDouble());

        Assert.Equal(1.25, stages[1].GetProperty("ph").GetDouble());
        Assert.Equal(new[] { "extraction", "extraction", "scrub", "strip" },
            stages.EnumerateArray().Select(s => s.GetProperty("section").GetString()));
        Assert.Equal(Awkward, stages[2].GetProperty("aqueous").GetProperty("Nd").GetDouble());
    }

    [Fact]
    public void Json_ReagentsSpecsCascadesAndSolver()
    {
        var root = Parse(ResultJsonWriter.ToJson(Sample()));

        Assert.Equal("mole", root.GetProperty("purity_basis").GetString());
        Assert.Equal("oxide-mass", Parse(ResultJsonWriter.ToJson(Sample() with { PurityBasis = PurityBasis.OxideMass })).GetProperty("purity_basis").GetString());

        var g = root.GetProperty("reagents");
        Assert.Equal(126.3, g.GetProperty("acid_mol_per_h").GetDouble());
        Assert.Equal(121.6, g.GetProperty("base_mol_per_h").GetDouble());
        Assert.Equal(7.1, g.GetProperty("salt_kg_per_h").GetDouble());
        Assert.Equal(0, g.GetProperty("product_oxide_kg_per_h").GetDouble());
        // no product oxide: the per-kg intensities are NaN in the record and null in JSON
        Assert.Equal(JsonValueKind.Null, g.GetProperty("acid_kg_per_kg_oxide").ValueKind);
        Assert.Equal(JsonValueKind.Null, g.GetProperty("base_kg_per_kg_oxide").ValueKind);
        Assert.Equal(JsonValueKind.Null, g.GetProperty("salt_kg_per_kg_oxide").ValueKind);
        Assert.Equal("HCl", g.GetProperty("acid").GetString());
        Assert.Equal("NaOH + NH3", g.GetProperty("base").GetString());
        Assert.Equal("NaCl + NH4Cl", g.GetProperty("salt").GetString());
        Assert.Equal(480.5, g.GetProperty("organic_inventory_l").GetDouble());
        // one entry per chemical, in the order the accounting met them
        var uses = g.GetProperty("uses").EnumerateArray().ToList();
        Assert.Equal(["acid", "base", "base"], uses.Select(u => u.GetProperty("kind").GetString()));
        Assert.Equal(["HCl", "NaOH", "NH3"], uses.Select(u => u.GetProperty("chemical").GetString()));
        Assert.Equal(21.6, uses[2].GetProperty("mol_per_h").GetDouble());
        Assert.Equal(0.86, uses[2].GetProperty("kg_per_h").GetDouble());
        Assert.Equal(JsonValueKind.Null, uses[2].GetProperty("kg_per_kg_oxide").ValueKind);

        var specs = root.GetProperty("specs");
        Assert.Equal("Pr", specs[0].GetProperty("element").GetString());
        Assert.False(specs[0].TryGetProperty("elements", out _));
        Assert.Equal("purity", specs[0].GetProperty("kind").GetString());
        Assert.Equal(0.99, specs[0].GetProperty("target").GetDouble());
        Assert.Equal(0.998, specs[0].GetProperty("value").GetDouble());
        Assert.True(specs[0].GetProperty("met").GetBoolean());
        Assert.Equal(new[] { "Pr", "Nd" }, specs[1].GetProperty("elements").EnumerateArray().Select(e => e.GetString()));
        Assert.False(specs[1].TryGetProperty("element", out _));
        Assert.Equal(Awkward, specs[1].GetProperty("value").GetDouble());
        Assert.False(specs[1].GetProperty("met").GetBoolean());

        var c = root.GetProperty("cascades")[0];
        Assert.Equal("PrNd", c.GetProperty("name").GetString());
        Assert.Equal(2, c.GetProperty("extraction_stages").GetInt32());
        Assert.Equal(1, c.GetProperty("scrub_stages").GetInt32());
        Assert.Equal(1, c.GetProperty("strip_stages").GetInt32());
        Assert.Equal(2, c.GetProperty("feed_stage").GetInt32());
        Assert.Equal(225, c.GetProperty("organic_flow").GetDouble());
        Assert.Equal(JsonValueKind.Null, c.GetProperty("organic_inventory_l").ValueKind);
        Assert.Equal("separation-factor", c.GetProperty("model").GetString());

        var s = root.GetProperty("solver")[0];
        Assert.Equal("PrNd", s.GetProperty("cascade").GetString());
        Assert.Equal("newton", s.GetProperty("method").GetString());
        Assert.Equal("converged", s.GetProperty("status").GetString());
        Assert.Equal(3, s.GetProperty("iterations").GetInt32());
        Assert.Equal(new[] { 1e-2, 1e-6, 3e-13 }, s.GetProperty("residual_history").EnumerateArray().Select(x => x.GetDouble()));
    }

    [Fact]
    public void Json_NumbersRoundTripExactlyAsText()
    {
        string json = ResultJsonWriter.ToJson(Sample());
        // the raw token, parsed with double.Parse, gives the same bits back
        var token = Parse(json).GetProperty("streams")[1].GetProperty("concentrations").GetProperty("Pr").GetRawText();
        Assert.Equal(Awkward, double.Parse(token, CultureInfo.InvariantCulture));
        Assert.NotEqual(0.3, double.Parse(token, CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Json_IsUtf8WithLfLineEndingsAndIndented()
    {
        using var buffer = new MemoryStream();
        ResultJsonWriter.Write(Sample(), buffer);
        byte[] bytes = buffer.ToArray();
        string text = new UTF8Encoding(false, true).GetString(bytes); // throws on invalid UTF-8
        Assert.NotEqual(0xEF, bytes[0]);                               // no byte-order mark
        Assert.DoesNotContain("\r", text);
        Assert.Contains("\n  \"format\": \"sxcascade-result/1\"", text);
        Assert.EndsWith("}\n", text);
        Assert.Equal(text, ResultJsonWriter.ToJson(Sample()));
    }

    [Fact]
    public void Json_IgnoresTheCurrentCulture()
    {
        string invariant = ResultJsonWriter.ToJson(Sample());
        string comma = WithCommaDecimalCulture(() => ResultJsonWriter.ToJson(Sample()));
        Assert.Equal(invariant, comma);
    }

    [Fact]
    public void Json_InfinityIsWrittenAsNull()
    {
        var r = Sample() with { MaxBalanceError = double.PositiveInfinity };
        var root = Parse(ResultJsonWriter.ToJson(r));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("max_balance_error").ValueKind);
    }

    [Fact]
    public void Json_LeavesTheStreamOpen()
    {
        using var buffer = new MemoryStream();
        ResultJsonWriter.Write(Sample(), buffer);
        Assert.True(buffer.CanWrite);
    }

    private static List<string[]> ReadCsv(string text)
    {
        var rows = new List<string[]>();
        using var reader = CsvReader.Create(new StringReader(text), CsvReaderOptions.Default with { HasHeader = false });
        while (reader.Read())
        {
            var row = new string[reader.FieldCount];
            for (int i = 0; i < row.Length; i++) row[i] = reader.GetString(i);
            rows.Add(row);
        }
        return rows;
    }

    private static string StagesCsv(FlowsheetResult r)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        ResultCsvWriter.WriteStages(r, w);
        return w.ToString();
    }

    private static string StreamsCsv(FlowsheetResult r)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        ResultCsvWriter.WriteStreams(r, w);
        return w.ToString();
    }

    [Fact]
    public void StagesCsv_HeaderCarriesUnits()
    {
        var rows = ReadCsv(StagesCsv(Sample()));
        Assert.Equal(
            new[] { "cascade", "stage", "section", "aqueous_flow [L/h]", "organic_flow [L/h]",
                    "x_Pr [mol/L]", "y_Pr [mol/L]", "x_Nd [mol/L]", "y_Nd [mol/L]", "ph [-]",
                    "free_extractant [mol/L]", "loading_fraction [-]" },
            rows[0]);
        Assert.Equal(5, rows.Count); // header + 4 stages
    }

    [Fact]
    public void StagesCsv_ValuesRoundTrip()
    {
        var r = Sample();
        var rows = ReadCsv(StagesCsv(r));
        for (int j = 0; j < r.Stages.Count; j++)
        {
            var s = r.Stages[j];
            var row = rows[j + 1];
            Assert.Equal("PrNd", row[0]);
            Assert.Equal(s.Stage, int.Parse(row[1], CultureInfo.InvariantCulture));
            Assert.Equal(s.AqueousFlow, double.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(s.OrganicFlow, double.Parse(row[4], CultureInfo.InvariantCulture));
            for (int e = 0; e < r.Elements.Count; e++)
            {
                Assert.Equal(s.Aqueous[e], double.Parse(row[5 + 2 * e], CultureInfo.InvariantCulture));
                Assert.Equal(s.Organic[e], double.Parse(row[6 + 2 * e], CultureInfo.InvariantCulture));
            }
        }
        Assert.Equal(new[] { "extraction", "extraction", "scrub", "strip" }, rows.Skip(1).Select(row => row[2]));
        Assert.Equal("", rows[1][9]);      // null pH: empty field
        Assert.All(rows.Skip(1), row => Assert.Equal(("", ""), (row[10], row[11])));   // no extractant outside mass-action
        Assert.Equal("1.25", rows[2][9]);
        Assert.Equal(Awkward, double.Parse(rows[3][7], CultureInfo.InvariantCulture)); // x_Nd of stage 3
    }

    [Fact]
    public void StagesCsv_MassAction_FreeExtractantAndLoadingFollowPh()
    {
        var rows = ReadCsv(StagesCsv(MassActionSample()));

        Assert.Equal(
            new[] { "cascade", "stage", "section", "aqueous_flow [L/h]", "organic_flow [L/h]",
                    "x_Nd [mol/L]", "y_Nd [mol/L]", "x_acidity [mol/L]", "y_acidity [mol/L]", "ph [-]",
                    "free_extractant [mol/L]", "loading_fraction [-]" },
            rows[0]);
        Assert.Equal(new[] { "0.75", "0.44", "0.12" }, rows[1][9..]);
        Assert.Equal(new[] { "1.5", "0.30000000000000004", "0.672" }, rows[2][9..]);
        Assert.Equal(Awkward, double.Parse(rows[2][10], CultureInfo.InvariantCulture));
    }

    [Fact]
    public void StreamsCsv_HeaderCarriesUnits()
    {
        var rows = ReadCsv(StreamsCsv(Sample()));
        Assert.Equal(
            new[] { "name", "kind", "phase", "flow [L/h]", "is_product",
                    "c_Pr [mol/L]", "molar_flow_Pr [mol/h]", "purity_Pr [mol frac]", "recovery_Pr [frac]",
                    "c_Nd [mol/L]", "molar_flow_Nd [mol/h]", "purity_Nd [mol frac]", "recovery_Nd [frac]" },
            rows[0]);
        Assert.Equal(5, rows.Count); // header + 4 streams
    }

    [Fact]
    public void StreamsCsv_ValuesRoundTrip()
    {
        var r = Sample();
        var rows = ReadCsv(StreamsCsv(r));
        for (int k = 0; k < r.Streams.Count; k++)
        {
            var s = r.Streams[k];
            var row = rows[k + 1];
            Assert.Equal(s.Name, row[0]);
            Assert.Equal(s.Phase, row[2]);
            Assert.Equal(s.Flow, double.Parse(row[3], CultureInfo.InvariantCulture));
            Assert.Equal(s.IsProduct ? "true" : "false", row[4]);
            for (int e = 0; e < r.Elements.Count; e++)
            {
                Assert.Equal(s.Concentrations[e], double.Parse(row[5 + 4 * e], CultureInfo.InvariantCulture));
                Assert.Equal(s.MolarFlow(e), double.Parse(row[6 + 4 * e], CultureInfo.InvariantCulture));
                Assert.Equal(s.Purity[e], double.Parse(row[7 + 4 * e], CultureInfo.InvariantCulture));
                Assert.Equal(s.Recovery[e], double.Parse(row[8 + 4 * e], CultureInfo.InvariantCulture));
            }
        }
        Assert.Equal(new[] { "feed", "raffinate", "strip-liquor", "stripped-organic" }, rows.Skip(1).Select(row => row[1]));
        Assert.Equal("0.30000000000000004", rows[2][5]);
    }

    [Fact]
    public void Csv_UsesLfAndIgnoresTheCurrentCulture()
    {
        string stages = StagesCsv(Sample());
        string streams = StreamsCsv(Sample());
        Assert.DoesNotContain("\r", stages);
        Assert.DoesNotContain("\r", streams);
        Assert.EndsWith("\n", stages);
        Assert.Equal(stages, WithCommaDecimalCulture(() => StagesCsv(Sample())));
        Assert.Equal(streams, WithCommaDecimalCulture(() => StreamsCsv(Sample())));
    }

    /// <summary>Runs <paramref name="f"/> under a culture with a decimal comma (built by hand: the tests run with invariant globalization).</summary>
    private static T WithCommaDecimalCulture<T>(Func<T> f)
    {
        var saved = CultureInfo.CurrentCulture;
        var comma = (CultureInfo)CultureInfo.InvariantCulture.Clone();
        comma.NumberFormat.NumberDecimalSeparator = ",";
        comma.NumberFormat.NumberGroupSeparator = ".";
        try
        {
            CultureInfo.CurrentCulture = comma;
            return f();
        }
        finally
        {
            CultureInfo.CurrentCulture = saved;
        }
    }
}
