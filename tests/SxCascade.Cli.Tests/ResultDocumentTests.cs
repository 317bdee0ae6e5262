using System.Text.Json;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// The result document stands alone: every inlet is a stream (feeds, an organic that is not
/// recycled, scrub and strip solutions), so in − out per element can be recomputed from it; total
/// acidity and total sulfate have names of their own.
/// </summary>
public sealed class ResultDocumentTests
{
    private static JsonDocument RunJson(string file)
    {
        var run = Run("run", Flowsheet(file), "--json");
        Assert.True(run.Code == 0, run.ToString());
        return run.Json();
    }

    private static double MolarFlow(JsonElement stream, string element) =>
        stream.GetProperty("molar_flows").GetProperty(element) is { ValueKind: JsonValueKind.Number } v ? v.GetDouble() : 0;

    [Theory]
    [InlineData("prnd-p507.yaml")]                                   // acid scrub and strip solutions, recycled organic
    [InlineData("kremser-constant-d.yaml")]
    [InlineData("mass-action-d2ehpa.yaml")]                          // fresh organic inlet
    [InlineData("ndfeb-dy-recovery.yaml")]
    [InlineData("validation/prommis-d2ehpa-sulfate-3stage.yaml")]    // pre-loaded organic, sulfate
    public void Balance_closure_of_every_element_recomputes_from_the_document_alone(string file)
    {
        using var doc = RunJson(file);
        var root = doc.RootElement;
        var streams = root.GetProperty("streams").EnumerateArray().ToList();
        Assert.Contains(streams, s => s.GetProperty("is_inlet").GetBoolean());
        foreach (var errorOf in root.GetProperty("balance_errors").EnumerateObject())
        {
            // acidity's entry is the proton balance (docs/model.md §3.3): extraction releases H+
            if (errorOf.Name == "acidity") continue;
            double inflow = streams.Where(s => s.GetProperty("is_inlet").GetBoolean()).Sum(s => MolarFlow(s, errorOf.Name));
            double outflow = streams.Where(s => s.GetProperty("is_product").GetBoolean()).Sum(s => MolarFlow(s, errorOf.Name));
            double closure = inflow > 0 ? (inflow - outflow) / inflow : 0;
            Assert.True(Math.Abs(closure) <= 1e-9, $"{file}: {errorOf.Name}: in {inflow:R}, out {outflow:R} mol/h, closure {closure:R}");
            Assert.True(Math.Abs(closure - errorOf.Value.GetDouble()) <= 1e-12,
                $"{file}: {errorOf.Name}: recomputed {closure:R}, reported {errorOf.Value.GetDouble():R}");
        }
    }

    [Fact]
    public void The_preloaded_organic_of_the_PrOMMiS_case_is_an_inlet_with_most_of_the_scandium()
    {
        using var doc = RunJson("validation/prommis-d2ehpa-sulfate-3stage.yaml");
        var organic = Stream(doc, "solex.organic-inlet");
        Assert.Equal("organic-inlet", organic.GetProperty("kind").GetString());
        Assert.Equal("organic", organic.GetProperty("phase").GetString());
        Assert.True(organic.GetProperty("is_inlet").GetBoolean());
        Assert.False(organic.GetProperty("is_product").GetBoolean());
        // Sc in: 62.01 L/h × 3.858e-5 mol/L with the organic against 62.01 × 7.12e-7 with the leach:
        // 3.858e-5 / (3.858e-5 + 7.12e-7) = 0.982 of the Sc enters with the organic
        double share = MolarFlow(organic, "Sc") / (MolarFlow(organic, "Sc") + MolarFlow(Stream(doc, "leach"), "Sc"));
        Assert.InRange(share, 0.975, 0.99);
        Assert.Equal(share, organic.GetProperty("recovery").GetProperty("Sc").GetDouble(), 12);
    }

    [Fact]
    public void Scrub_and_strip_solutions_are_inlets_with_their_acid()
    {
        using var doc = RunJson("prnd-p507.yaml");
        var scrub = Stream(doc, "PrNd.scrub-solution");
        var strip = Stream(doc, "PrNd.strip-solution");
        Assert.Equal("scrub-solution", scrub.GetProperty("kind").GetString());
        Assert.Equal("strip-solution", strip.GetProperty("kind").GetString());
        Assert.All(new[] { scrub, strip }, s => Assert.True(s.GetProperty("is_inlet").GetBoolean()));
        Assert.True(scrub.GetProperty("acid").GetDouble() > 0);
        Assert.True(strip.GetProperty("acid").GetDouble() > 0);
        // the organic is recycled from the strip: no organic inlet
        Assert.DoesNotContain(doc.RootElement.GetProperty("streams").EnumerateArray(), s => s.GetProperty("kind").GetString() == "organic-inlet");
        Assert.False(Stream(doc, "PrNd.raffinate").GetProperty("is_inlet").GetBoolean());
    }

    [Fact]
    public void Total_acidity_and_total_sulfate_are_named_apart_from_the_input_species()
    {
        using var doc = RunJson("validation/prommis-d2ehpa-sulfate-3stage.yaml");
        var raffinate = Stream(doc, "solex.raffinate");
        var c = raffinate.GetProperty("concentrations");
        Assert.False(c.TryGetProperty("H+", out _));
        Assert.False(c.TryGetProperty("SO4--", out _));
        Assert.True(c.GetProperty("acidity").GetDouble() > 0);
        Assert.True(c.GetProperty("sulfate").GetDouble() > 0);
        // no recovery for the acid's species: extraction releases H+
        Assert.Equal(JsonValueKind.Null, raffinate.GetProperty("recovery").GetProperty("acidity").ValueKind);
        Assert.Equal(JsonValueKind.Null, raffinate.GetProperty("recovery").GetProperty("sulfate").ValueKind);
        Assert.True(doc.RootElement.GetProperty("balance_errors").TryGetProperty("acidity", out _));
    }

    [Fact]
    public void Mass_action_summary_shows_ph_free_extractant_and_loading_and_no_acid_recovery()
    {
        var run = Run("run", Flowsheet("mass-action-d2ehpa.yaml"));
        Assert.True(run.Code == 0, run.ToString());
        using var doc = RunJson("mass-action-d2ehpa.yaml");
        var stages = doc.RootElement.GetProperty("stages").EnumerateArray().ToList();
        string F2(JsonElement s, string key) => s.GetProperty(key).GetDouble().ToString("F2", System.Globalization.CultureInfo.InvariantCulture);
        // the four extraction stages, stage 1 to stage 4, as the JSON has them
        Assert.Contains("stage chemistry (first → last stage of each section):", run.Stdout);
        Assert.Matches($@"\n    extraction +1 → 4 +{F2(stages[0], "ph")} → {F2(stages[3], "ph")} +\d\.\d+ → \d\.\d+ +\d+\.\d+ → \d+\.\d+\n", run.Stdout);
        Assert.Contains("pH  free extractant [mol/L]", run.Stdout);
        Assert.Contains("loading [%]", run.Stdout);
        // total acidity is "acidity", with neither purity nor recovery ("-"), and explained
        Assert.Matches(@"\n +acidity +0\.1\d+ +- +-\n", run.Stdout);
        Assert.Contains("acidity: total acidity", run.Stdout);
        Assert.Matches(@"balance closure [^\n]*protons \d", run.Stdout);
    }

    [Fact]
    public void Separation_factor_summary_has_no_stage_chemistry()
    {
        var run = Run("run", Flowsheet("prnd-p507.yaml"));
        Assert.True(run.Code == 0, run.ToString());
        Assert.DoesNotContain("stage chemistry", run.Stdout);
        Assert.DoesNotContain("acidity", run.Stdout);
    }

    private static string[] ToOf(JsonElement stream) => stream.GetProperty("to").EnumerateArray().Select(t => t.GetString()!).ToArray();

    /// <summary>FORMAT.md "Networks": every stream says which cascade it leaves (null from outside) and which take it (none for a product).</summary>
    [Fact]
    public void Every_stream_says_where_it_comes_from_and_goes_to()
    {
        // two cascades in series (the Bayan Obo NdPr study): the ore feeds SmPlus, whose raffinate feeds PrNd
        using var train = RunJson("studies/ndpr/bayan-obo/1-p507-naoh-acid-scrub.yaml");
        var ore = Stream(train, "ore");
        Assert.Equal(JsonValueKind.Null, ore.GetProperty("from").ValueKind);
        Assert.Equal(["SmPlus"], ToOf(ore));
        var link = Stream(train, "SmPlus.raffinate");
        Assert.Equal("SmPlus", link.GetProperty("from").GetString());
        Assert.Equal(["PrNd"], ToOf(link));
        Assert.False(link.GetProperty("is_product").GetBoolean());
        // every product goes nowhere, every stream that goes somewhere is no product
        foreach (var s in train.RootElement.GetProperty("streams").EnumerateArray())
            Assert.Equal(s.GetProperty("is_product").GetBoolean(), ToOf(s).Length == 0);

        using var single = RunJson("prnd-p507.yaml");
        // the stripped organic is recycled to stage 1 of its own cascade; solutions enter their cascade
        Assert.Equal(["PrNd"], ToOf(Stream(single, "PrNd.stripped-organic")));
        Assert.Equal(["PrNd"], ToOf(Stream(single, "PrNd.scrub-solution")));
        Assert.Equal(JsonValueKind.Null, Stream(single, "PrNd.scrub-solution").GetProperty("from").ValueKind);
        Assert.Empty(ToOf(Stream(single, "PrNd.raffinate")));
        Assert.Equal("PrNd", Stream(single, "PrNd.raffinate").GetProperty("from").GetString());
    }
}
