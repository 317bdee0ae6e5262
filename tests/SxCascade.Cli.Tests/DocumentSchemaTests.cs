using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Json.Schema;
using SxCascade.IO;
using SxCascade.IO.Documents;
using YamlDotNet.RepresentationModel;

namespace SxCascade.Cli.Tests;

/// <summary>
/// Every JSON document the CLI writes validates against its schema in schemas/ (draft 2020-12,
/// JsonSchema.Net), and its reader reads it back equal field for field (serialised again, the same
/// text); every example flowsheet validates against the flowsheet schema (YAML read into JSON by
/// YamlDotNet's representation model, plain scalars typed as YAML 1.2's core schema does).
/// </summary>
public sealed class DocumentSchemaTests
{
    private static readonly Dictionary<string, JsonSchema> Schemas = new();

    /// <summary>The schema schemas/NAME.schema.json (each built once: the registry keeps its $id).</summary>
    internal static JsonSchema Schema(string name)
    {
        lock (Schemas)
        {
            if (!Schemas.TryGetValue(name, out var schema))
                Schemas[name] = schema = JsonSchema.FromText(File.ReadAllText(Path.Combine(CliRunner.BaseDirectory, "schemas", name + ".schema.json")));
            return schema;
        }
    }

    /// <summary>Where and why <paramref name="json"/> fails the schema <paramref name="name"/> (empty when valid).</summary>
    internal static IReadOnlyList<string> Violations(string name, string json)
    {
        using var document = JsonDocument.Parse(json);
        var results = Schema(name).Evaluate(document.RootElement, new EvaluationOptions { OutputFormat = OutputFormat.List });
        if (results.IsValid) return [];
        return (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .SelectMany(d => d.Errors!.Select(e => $"{d.InstanceLocation}: {e.Key}: {e.Value}"))
            .DefaultIfEmpty("invalid")
            .ToList();
    }

    private static void Valid(string schema, string json) => Assert.Empty(Violations(schema, json));

    /// <summary>The reader's document, serialised again, is the text the CLI printed: every field read back, equal.</summary>
    private static T RoundTrips<T>(string json, Func<string, T> read)
    {
        var document = read(json);
        Assert.Equal(json, DocumentJson.ToJson(document));
        return document;
    }

    public static TheoryData<string> ExampleFlowsheets() =>
        [.. Directory.GetFiles(Path.Combine(CliRunner.BaseDirectory, "flowsheets"), "*.yaml", SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(CliRunner.BaseDirectory, f)).Order(StringComparer.Ordinal)];

    public static TheoryData<string> ContractFlowsheets() =>
        [.. Directory.GetFiles(Path.Combine(CliRunner.BaseDirectory, "flowsheets"), "*.yaml").Select(f => Path.GetFileName(f)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(ContractFlowsheets))]
    public void Run_json_of_every_contract_example_fits_the_result_schema_and_reads_back(string name)
    {
        var run = CliRunner.Run("run", CliRunner.Flowsheet(name), "--json");
        Assert.True(run.Code == 0, run.ToString());
        Valid("result", run.Stdout);
        var document = RoundTrips(run.Stdout, ResultJsonReader.Read);
        using var parsed = JsonDocument.Parse(run.Stdout);
        // a field read back holds the number printed, not a rounded one
        var first = parsed.RootElement.GetProperty("streams")[0];
        string element = first.GetProperty("concentrations").EnumerateObject().First().Name;
        Assert.Equal(first.GetProperty("concentrations").GetProperty(element).GetDouble(), document.Streams[0].Concentrations[element]);
        Assert.Equal(parsed.RootElement.GetProperty("stages").GetArrayLength(), document.Stages.Count);
    }

    [Fact]
    public void Check_json_of_a_valid_and_an_invalid_file_fits_the_check_schema_and_reads_back()
    {
        var valid = CliRunner.Run("check", CliRunner.Flowsheet("prnd-p507.yaml"), "--json");
        Valid("check", valid.Stdout);
        var ok = RoundTrips(valid.Stdout, CheckJsonWriter.Read);
        Assert.True(ok.Valid);
        Assert.Equal(["Pr", "Nd"], ok.Elements);
        Assert.Equal(20 + 32 + 6, ok.Stages); // extraction + scrub + strip stages of prnd-p507.yaml

        var invalid = CliRunner.Run("check", CliRunner.Corpus("bad-names.yaml"), "--json");
        Assert.Equal(2, invalid.Code);
        Valid("check", invalid.Stdout);
        var bad = RoundTrips(invalid.Stdout, CheckJsonWriter.Read);
        Assert.False(bad.Valid);
        Assert.NotEmpty(bad.Errors);
        Assert.Null(bad.Elements);
    }

    [Fact]
    public void Design_json_fits_the_design_schema_and_reads_back()
    {
        var design = CliRunner.Run("design", CliRunner.Flowsheet("prnd-p507.yaml"), "--json");
        Assert.True(design.Code == 0, design.ToString());
        Valid("design", design.Stdout);
        var document = RoundTrips(design.Stdout, DesignJsonWriter.Read);
        Assert.Equal(document.Rigorous.ExtractionStages + document.Rigorous.ScrubStages, document.Rigorous.TotalStages);
        Assert.Single(document.Curve, p => p.Chosen);
    }

    [Fact]
    public void Compare_json_fits_the_comparison_schema_and_reads_back()
    {
        var compare = CliRunner.Run("compare", CliRunner.Flowsheet("prnd-p507.yaml"), CliRunner.Flowsheet("library-bayan-obo-ce-pr.yaml"), "--json", "--sweep", "2");
        Assert.True(compare.Code == 0, compare.ToString());
        Valid("comparison", compare.Stdout);
        var document = RoundTrips(compare.Stdout, ComparisonJsonWriter.Read);
        Assert.Equal(2, document.Techniques.Count);
        Assert.All(document.Techniques, t => Assert.Equal(2, t.PurityAgainstStages.Count));
    }

    [Fact]
    public void Fit_json_fits_the_fit_schema_and_reads_back()
    {
        var fit = CliRunner.Run("fit", CliRunner.Flowsheet(Path.Combine("data", "shake-test-example.csv")), "--json");
        Assert.True(fit.Code == 0, fit.ToString());
        Valid("fit", fit.Stdout);
        var document = RoundTrips(fit.Stdout, DocumentJson.Read<FitDocument>);
        Assert.Equal(document.Points, document.Elements.Sum(e => e.Points));
    }

    [Theory]
    [InlineData("systems")]
    [InlineData("feeds")]
    public void Library_json_fits_the_library_schema_and_reads_back(string command)
    {
        var library = CliRunner.Run(command, "--json");
        Assert.True(library.Code == 0, library.ToString());
        Valid("library", library.Stdout);
        var document = RoundTrips(library.Stdout, LibraryJsonWriter.Read);
        Assert.True(command == "systems" ? document.Systems is { Count: > 0 } && document.Feeds is null
            : document.Feeds is { Count: > 0 } && document.Systems is null);
    }

    [Fact]
    public void The_schemas_reject_a_document_that_is_not_one()
    {
        var run = CliRunner.Run("run", CliRunner.Flowsheet("kremser-constant-d.yaml"), "--json");
        var node = JsonNode.Parse(run.Stdout)!.AsObject();
        node.Remove("streams");
        node["converged"] = "yes";
        var violations = Violations("result", node.ToJsonString());
        Assert.Contains(violations, v => v.Contains("streams", StringComparison.Ordinal));
        Assert.Contains(violations, v => v.StartsWith("/converged", StringComparison.Ordinal));
        // the reader refuses it too (a required field missing)
        Assert.Throws<JsonException>(() => ResultJsonReader.Read(node.ToJsonString()));
    }

    [Theory]
    [MemberData(nameof(ExampleFlowsheets))]
    public void Every_example_flowsheet_fits_the_flowsheet_schema(string relative)
    {
        Valid("flowsheet", YamlToJson(File.ReadAllText(Path.Combine(CliRunner.BaseDirectory, relative))));
    }

    [Fact]
    public void The_flowsheet_schema_rejects_a_misspelt_key_and_a_missing_cascade()
    {
        string text = File.ReadAllText(CliRunner.Flowsheet("prnd-p507.yaml"));
        var misspelt = Violations("flowsheet", YamlToJson(text.Replace("organic: { flow:", "organic: { flwo:", StringComparison.Ordinal)));
        Assert.Contains(misspelt, v => v.Contains("/cascades/PrNd/organic", StringComparison.Ordinal));
        var noCascades = Violations("flowsheet", YamlToJson(text[..text.IndexOf("cascades:", StringComparison.Ordinal)]));
        Assert.NotEmpty(noCascades);
    }

    // YAML 1.2 core schema: the plain scalars that are numbers, booleans and null
    private static readonly Regex Integer = new(@"^[-+]?[0-9]+$", RegexOptions.CultureInvariant);
    private static readonly Regex Float = new(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$", RegexOptions.CultureInvariant);

    /// <summary>The YAML document as JSON text (what a YAML language server validates).</summary>
    internal static string YamlToJson(string yaml)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(yaml));
        return (Node(stream.Documents[0].RootNode) ?? JsonValue.Create((string?)null))!.ToJsonString();
    }

    private static JsonNode? Node(YamlNode node) => node switch
    {
        YamlMappingNode map => new JsonObject(map.Children.Select(kv => KeyValuePair.Create(((YamlScalarNode)kv.Key).Value!, Node(kv.Value)))),
        YamlSequenceNode list => new JsonArray(list.Children.Select(Node).ToArray()),
        YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain } s => Plain(s.Value ?? ""),
        YamlScalarNode s => JsonValue.Create(s.Value),
        _ => throw new NotSupportedException(node.GetType().Name),
    };

    private static JsonNode? Plain(string v) =>
        v is "" or "~" or "null" ? null
        : v is "true" ? JsonValue.Create(true) : v is "false" ? JsonValue.Create(false)
        : Integer.IsMatch(v) ? JsonValue.Create(long.Parse(v, CultureInfo.InvariantCulture))
        : Float.IsMatch(v) ? JsonValue.Create(double.Parse(v, CultureInfo.InvariantCulture))
        : JsonValue.Create(v);
}
