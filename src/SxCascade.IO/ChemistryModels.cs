using SxCascade.Chemistry;
using SxCascade.Flowsheets;
using YamlDotNet.RepresentationModel;

namespace SxCascade.IO;

/// <summary>
/// Reads a <c>chemistry:</c> block by its <c>model</c> key through one registry (STYLE.md habit 2):
/// adding a model adds one line to <see cref="Models"/>.
/// </summary>
internal static class ChemistryModels
{
    /// <summary>A model's valid keys (besides <c>model</c>) and the function that maps its block.</summary>
    private sealed record Model(string[] Keys, Func<ReadContext, MapReader, ChemistryDefinition> Read);

    private static readonly Dictionary<string, Model> Models = new(StringComparer.Ordinal)
    {
        ["constant-d"] = new(["distribution-ratios", "extraction", "scrub", "strip", "saponification-agent"], ReadConstantD),
        ["separation-factor"] = new(["extractant", "separation-factors", "loading", "strip-distribution-ratios", "saponification-agent"], ReadSeparationFactor),
    };

    // In the file format (FORMAT.md) but not readable by this version yet.
    private static readonly string[] Planned = ["mass-action"];

    private static readonly string[] Agents = ["NaOH", "NH3", "Mg(OH)2", "Ca(OH)2", "none"];

    private static string Available => string.Join(", ", Models.Keys);

    /// <summary>The chemistry of <paramref name="e"/>, or null when it has errors (all of them recorded).</summary>
    public static ChemistryDefinition? Read(ReadContext context, Entry e)
    {
        if (e.Value is not YamlMappingNode map)
        {
            MapReader.Open(context, e, "chemistry", ["model"]);
            return null;
        }
        if (Child(map, "system") is { } system)
        {
            var name = (system.Value as YamlScalarNode)?.Value ?? "";
            context.Error(system.Value, $"unknown chemistry system '{name}'; no built-in systems yet");
            return null;
        }
        if (Child(map, "model") is not { } modelEntry)
        {
            context.Error(context.Pointer(e), $"missing required key 'model' in chemistry; available: {Available}");
            return null;
        }
        var model = context.Scalar(new Entry("model", ReadContext.Join(e.Path, "model"), modelEntry.Key, modelEntry.Value), $"one of {Available}");
        if (model is null) return null;
        if (Planned.Contains(model))
        {
            context.Error(modelEntry.Value, $"chemistry model '{model}' is not available in this version; available: {Available}");
            return null;
        }
        if (!Models.TryGetValue(model, out var definition))
        {
            context.Error(modelEntry.Value, $"unknown chemistry model '{model}'; {Suggestions.DidYouMean(model, Models.Keys)}available: {Available}");
            return null;
        }
        var reader = MapReader.Open(context, e, "chemistry", ["model", .. definition.Keys]);
        return reader is null ? null : definition.Read(context, reader);
    }

    private static (YamlNode Key, YamlNode Value)? Child(YamlMappingNode map, string key) =>
        YamlDocuments.KeyOf(map, key) is { } k ? (k, map.Children[k]) : null;

    /// <summary>MODEL.md §3.1: distribution-ratios plus optional per-section maps.</summary>
    private static ChemistryDefinition ReadConstantD(ReadContext context, MapReader r)
    {
        var perSection = new Dictionary<SectionKind, IReadOnlyDictionary<string, double>>();
        foreach (var (section, key) in new[] { (SectionKind.Extraction, "extraction"), (SectionKind.Scrub, "scrub"), (SectionKind.Strip, "strip") })
        {
            if (r.Get(key) is { } e) perSection[section] = DistributionRatios(context, e);
        }
        var defaults = r.Get("distribution-ratios") is { } d ? DistributionRatios(context, d) : [];
        if (!r.Has("distribution-ratios") && perSection.Count == 0)
            r.Missing("missing required key 'distribution-ratios' in chemistry (constant-d), e.g. distribution-ratios: { Nd: 2.0 }", "distribution-ratios");
        return new ConstantDChemistry(defaults, perSection, Agent(r, null));
    }

    private static Dictionary<string, double> DistributionRatios(ReadContext context, Entry e) =>
        context.ElementValues(e, item => context.Number(item, Limit.NonNegative));

    /// <summary>MODEL.md §3.2: saturated organic with constant separation factors.</summary>
    private static ChemistryDefinition ReadSeparationFactor(ReadContext context, MapReader r)
    {
        var factors = r.Require("separation-factors", "e.g. separation-factors: { Pr: 1.0, Nd: 1.5 }") is { } f
            ? context.ElementValues(f, item => context.Number(item, Limit.Positive))
            : [];
        var loading = r.Quantity("loading", QuantityKind.Concentration, Limit.Positive, "the saturated organic, e.g. loading: 0.18 mol/L");
        var strip = r.Get("strip-distribution-ratios") is { } s ? DistributionRatios(context, s) : [];
        return new SeparationFactorChemistry(r.OptionalText("extractant"), factors, loading, strip, Agent(r, "NaOH"));
    }

    private static string? Agent(MapReader r, string? absent)
    {
        if (!r.Has("saponification-agent")) return absent;
        var agent = r.Choice("saponification-agent", Agents);
        return agent == "none" ? null : agent;
    }
}
