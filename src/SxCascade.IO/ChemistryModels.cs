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
    /// A system of the built-in library, when the block names one, lets a reader say what the system lacks.
    private sealed record Model(string[] Keys, Func<ReadContext, MapReader, LibrarySystem?, ChemistryDefinition> Read);

    private static readonly Dictionary<string, Model> Models = new(StringComparer.Ordinal)
    {
        ["constant-d"] = new(["distribution-ratios", "extraction", "scrub", "strip", "saponification-agent"], (c, r, _) => ReadConstantD(c, r)),
        ["separation-factor"] = new(["extractant", "separation-factors", "loading", "strip-distribution-ratios", "saponification-agent"], ReadSeparationFactor),
        ["mass-action"] = new(["media", "pka-bisulfate", "extractant", "elements"], (c, r, _) => ReadMassAction(c, r)),
    };

    // In the file format (FORMAT.md) but not readable by this version yet.
    private static readonly string[] Planned = [];

    private static readonly string[] Agents = [.. SaponificationAgent.Names];

    private static string Available => string.Join(", ", Models.Keys);

    /// <summary>The chemistry of <paramref name="e"/>, or null when it has errors (all of them recorded).</summary>
    public static ChemistryDefinition? Read(ReadContext context, Entry e)
    {
        if (e.Value is not YamlMappingNode map)
        {
            MapReader.Open(context, e, "chemistry", ["model"]);
            return null;
        }
        SystemExpansion.Expanded? library = null;
        if (Child(map, "system") is { } system)
        {
            library = SystemExpansion.Expand(context, e, map, system.Key, system.Value);
            if (library is null) return null;
            e = library.Chemistry;
            map = (YamlMappingNode)e.Value;
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
        if (reader is null) return null;
        var chemistry = definition.Read(context, reader, library?.System);
        return library is null ? chemistry : chemistry with { Provenance = SystemExpansion.ProvenanceOf(library) };
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
    private static ChemistryDefinition ReadSeparationFactor(ReadContext context, MapReader r, LibrarySystem? system)
    {
        var factors = r.Require("separation-factors", "e.g. separation-factors: { Pr: 1.0, Nd: 1.5 }") is { } f
            ? context.ElementValues(f, item => context.Number(item, Limit.Positive))
            : [];
        var loading = r.Quantity("loading", QuantityKind.Concentration, Limit.Positive,
            system?.MissingReason("loading") is { } why
                ? $"built-in system '{system.Name}' has none: {why}; give the saturated organic next to system:, e.g. loading: 0.18 mol/L"
                : "the saturated organic, e.g. loading: 0.18 mol/L");
        var strip = r.Get("strip-distribution-ratios") is { } s ? DistributionRatios(context, s) : [];
        return new SeparationFactorChemistry(r.OptionalText("extractant"), factors, loading, strip, Agent(r, "NaOH"));
    }

    private static readonly string[] Media = ["chloride", "sulfate"];
    private static readonly string[] ExtractantKeys = ["name", "concentration", "molar-mass", "density", "saponification", "agent"];
    private static readonly string[] LawKeys = ["log-k", "log-d", "d"];
    private static readonly string[] ElementKeys = ["log-k", "extractant-order", "log-d", "d", "charge", "consumes", "extractant-unit"];
    private static readonly string[] LogDKeys = ["constant", "ph", "log-extractant", "ph-extractant"];
    private static readonly string[] ExtractantUnits = ["mol/L", "% v/v"];

    /// <summary>pKa of HSO₄⁻ when the file gives none (MODEL.md §3.3).</summary>
    public const double DefaultPkaBisulfate = 1.99;

    /// <summary>Highest ionic charge an element may declare.</summary>
    private const int MaxCharge = 4;

    /// <summary>
    /// MODEL.md §3.3: medium, extractant and one distribution law per element (log-k, log-d or d).
    /// </summary>
    private static ChemistryDefinition ReadMassAction(ReadContext context, MapReader r)
    {
        var medium = r.Choice("media", Media) == "sulfate" ? Medium.Sulfate : Medium.Chloride;
        var pka = r.Get("pka-bisulfate") is { } p ? context.Number(p, Limit.Positive) : DefaultPkaBisulfate;
        var (extractant, convertsPercent) = ReadExtractant(context, r);
        var laws = new Dictionary<string, DistributionLaw>(StringComparer.Ordinal);
        if (r.Require("elements", "one distribution law per element, e.g. elements: { Nd: { log-k: -1.2, extractant-order: 3 } }") is { } e
            && MapReader.Open(context, e, e.Path, keys: null) is { } map)
        {
            if (map.Entries.Count == 0)
                context.Error(context.Pointer(e), $"{e.Path} lists no elements; give at least one, e.g. {{ Nd: {{ log-k: -1.2 }} }}");
            foreach (var item in map.Entries)
            {
                if (FeedStream.AcidSpecies.Contains(item.Name))
                    context.Error(item.Key, $"{item.Name} is an acid species, not an extracted metal; the proton balance handles it (remove it from {e.Path})");
                else if (context.CheckElement(item.Key, item.Name, e.Path) && ReadLaw(context, item, convertsPercent) is { } law)
                    laws[item.Name] = law;
            }
        }
        return new MassActionChemistry(medium, pka, extractant, laws);
    }

    /// <summary>The extractant, and whether it converts mol/L to % v/v (null when its molar mass or density had an error).</summary>
    private static (Extractant Extractant, bool? ConvertsPercent) ReadExtractant(ReadContext context, MapReader r)
    {
        var m = r.Map("extractant", "extractant", ExtractantKeys, required: true,
            "e.g. extractant: { name: D2EHPA, concentration: 0.5 mol/L, saponification: 0.3, agent: NaOH }");
        if (m is null) return (new Extractant(null, double.NaN, null, null, 0, null), null);

        var total = double.NaN;
        if (m.Require("concentration", "the total extractant in the organic, e.g. concentration: 0.5 mol/L") is { } c)
        {
            total = context.Quantity(c, QuantityKind.Concentration, Limit.Any);
            if (total <= 0)
            {
                context.Error(c.Value, $"{c.Path}: extractant concentration must be > 0 mol/L; got '{(c.Value as YamlScalarNode)?.Value}'");
                total = double.NaN;
            }
        }
        var molarMass = m.OptionalQuantity("molar-mass", QuantityKind.MolarMass, Limit.Positive);
        var density = m.OptionalQuantity("density", QuantityKind.Density, Limit.Positive);
        var saponification = m.OptionalQuantity("saponification", QuantityKind.Fraction, Limit.ClosedFraction) ?? 0.0;
        string? agent = m.Has("agent")
            ? m.Choice("agent", Agents) is { } a && a != "none" ? a : null
            : saponification > 0 ? "NaOH" : null;
        bool? converts = !m.Has("molar-mass") || !m.Has("density") ? false
            : double.IsNaN(molarMass ?? double.NaN) || double.IsNaN(density ?? double.NaN) ? null
            : true;
        return (new Extractant(m.OptionalText("name"), total, molarMass, density, saponification, agent), converts);
    }

    /// <summary>
    /// The law of one element: exactly one of log-k (with extractant-order), log-d (a correlation) or d,
    /// plus charge (default by element), consumes (default the charge) and, for log-d, extractant-unit.
    /// </summary>
    private static DistributionLaw? ReadLaw(ReadContext context, Entry item, bool? convertsPercent)
    {
        if (MapReader.Open(context, item, $"element '{item.Name}'", ElementKeys) is not { } m) return null;
        var given = LawKeys.Where(m.Has).ToArray();
        if (given.Length == 0)
        {
            m.Missing($"{item.Path} has no distribution law; give one of log-k (mass-action law, e.g. log-k: -1.2), " +
                      "log-d (correlation, e.g. log-d: { constant: -1.5, ph: 0.3 }) or d (constant D, e.g. d: 0.15)", LawKeys);
        }
        foreach (var extra in given.Skip(1))
        {
            context.Error(m.Get(extra)!.Value.Key,
                $"{item.Path} has both {given[0]} and {extra}; give exactly one of log-k (mass-action law), log-d (correlation) or d (constant D)");
        }
        var kind = given.FirstOrDefault() switch
        {
            "log-k" => DistributionLawKind.LogK,
            "log-d" => DistributionLawKind.LogD,
            _ => DistributionLawKind.Constant,
        };

        int charge = m.Get("charge") is { } z ? Charge(context, z) : Elements.DefaultCharge(item.Name);
        double consumes = m.Get("consumes") is { } nu ? context.Number(nu, Limit.Positive) : charge;

        double logK = 0, order = charge, constant = 0, ph = 0, logE = 0, phE = 0;
        if (m.Get("log-k") is { } k) logK = context.Number(k, Limit.Any);
        if (m.Get("extractant-order") is { } n)
        {
            if (kind == DistributionLawKind.LogK) order = context.Number(n, Limit.Positive);
            else if (given.Length > 0) context.Error(n.Key, $"extractant-order belongs to the log-k law; {item.Path} uses {given[0]}");
        }
        if (m.Get("log-d") is { } d && MapReader.Open(context, d, $"log-d of {item.Name}", LogDKeys) is { } coefficients)
        {
            if (coefficients.Entries.Count == 0)
                coefficients.Missing($"{d.Path} has no coefficients; e.g. log-d: {{ constant: -1.48, ph: 0.29 }} (keys {string.Join(", ", LogDKeys)}, each 0 by default)", LogDKeys);
            double Coefficient(string key) => coefficients.Get(key) is { } c ? context.Number(c, Limit.Any) : 0;
            constant = Coefficient("constant");
            ph = Coefficient("ph");
            logE = Coefficient("log-extractant");
            phE = Coefficient("ph-extractant");
        }
        if (m.Get("d") is { } dc) constant = context.Number(dc, Limit.NonNegative);

        bool percent = false;
        if (m.Get("extractant-unit") is { } unit && m.Choice("extractant-unit", ExtractantUnits) is { } u)
        {
            percent = u == "% v/v";
            if (kind != DistributionLawKind.LogD && given.Length > 0)
                context.Error(unit.Key, $"extractant-unit belongs to the log-d correlation; the {given[0]} law of {item.Name} takes e in mol/L");
            else if (percent && convertsPercent == false)
                context.Error(context.Pointer(unit), $"{unit.Path} '% v/v' needs the extractant's molar mass and density to convert e (e% = e·M/ρ·100); " +
                    "add molar-mass and density to the extractant, e.g. molar-mass: 322.43 g/mol, density: 975.8 g/L");
        }
        return new DistributionLaw(kind, logK, order, constant, ph, logE, phE, percent, charge, consumes);
    }

    /// <summary>An ionic charge: a whole number from 1 to <see cref="MaxCharge"/>, or 0 with an error.</summary>
    private static int Charge(ReadContext context, Entry e)
    {
        if (context.Scalar(e, $"a whole number from 1 to {MaxCharge}") is not { } text) return 0;
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var value)
            || value != Math.Floor(value) || value < 1 || value > MaxCharge)
        {
            context.Error(e.Value, $"{e.Path} must be a whole number from 1 to {MaxCharge}; got '{text}'");
            return 0;
        }
        return (int)value;
    }

    private static string? Agent(MapReader r, string? absent)
    {
        if (!r.Has("saponification-agent")) return absent;
        var agent = r.Choice("saponification-agent", Agents);
        return agent == "none" ? null : agent;
    }
}
