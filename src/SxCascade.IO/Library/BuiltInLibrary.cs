using System.Globalization;
using System.Reflection;
using SxCascade.Chemistry;
using SxCascade.Flowsheets;
using YamlDotNet.RepresentationModel;

namespace SxCascade.IO;

/// <summary>
/// One value of a built-in chemistry system as a flowsheet would write it, with its provenance.
/// </summary>
/// <param name="Key">Chemistry key: extractant, separation-factors, loading, …</param>
/// <param name="Element">Element of an element map (separation-factors, …), else null.</param>
/// <param name="Text">The value as written in the library ("0.18 mol/L", "7.2", "NaOH").</param>
/// <param name="Tag">Its provenance tag.</param>
/// <param name="DerivedFrom">For a derived value, the tags it was computed from; else null.</param>
/// <param name="Note">How it was obtained (the computation of a derived value), or null.</param>
/// <param name="Basis">Per-element basis of the data behind it ("measured", "interpolated", …), or null.</param>
public sealed record LibraryValue(string Key, string? Element, string Text, ProvenanceTag Tag, string? DerivedFrom, string? Note, string? Basis)
{
    /// <summary>The tag as users read it (indicative values always labelled as such).</summary>
    public string TagLabel => Provenance.Label(Tag, DerivedFrom);
}

/// <summary>A piece of the reference data behind a library entry, kept as the data says it.</summary>
/// <param name="Key">Name in the reference data (pairs, ranges, a, conditions, …).</param>
/// <param name="Text">A single value; null for a map or a list.</param>
/// <param name="Map">Keys and values of a map (pairs "Ce/La" → "3.0"), else null.</param>
/// <param name="List">Items of a list, else null.</param>
public sealed record LibraryDatum(string Key, string? Text, IReadOnlyList<KeyValuePair<string, string>>? Map, IReadOnlyList<string>? List)
{
    /// <summary>One line: "3.0", "Ce/La 3.0, Pr/Ce 1.6", "La, Nd".</summary>
    public string Display =>
        Text ?? (Map is not null ? string.Join(", ", Map.Select(kv => $"{kv.Key} {kv.Value}")) : string.Join(", ", List ?? []));
}

/// <summary>A built-in chemistry system (<c>chemistry: { system: NAME }</c>).</summary>
/// <param name="Name">Library name.</param>
/// <param name="Title">One-line description.</param>
/// <param name="Tag">Tag of the system as a whole (its weakest value).</param>
/// <param name="DerivedFrom">For a derived system, the tags of its inputs; else null.</param>
/// <param name="Source">Literature source.</param>
/// <param name="Conditions">Conditions the values hold for, or null.</param>
/// <param name="Notes">What a user should know.</param>
/// <param name="Model">Chemistry model key (separation-factor, …).</param>
/// <param name="Values">Every value it ships, in file order, element maps one value per element.</param>
/// <param name="Missing">Keys the source does not give (the flowsheet must), with the reason.</param>
/// <param name="Data">The reference data the values come from.</param>
public sealed record LibrarySystem(
    string Name, string Title, ProvenanceTag Tag, string? DerivedFrom, string Source, string? Conditions,
    IReadOnlyList<string> Notes, string Model, IReadOnlyList<LibraryValue> Values,
    IReadOnlyList<KeyValuePair<string, string>> Missing, IReadOnlyList<LibraryDatum> Data)
{
    /// <summary>The tag as users read it.</summary>
    public string TagLabel => Provenance.Label(Tag, DerivedFrom);

    /// <summary>Elements it gives separation factors (or other per-element data) for, in atomic order.</summary>
    public IReadOnlyList<string> Elements =>
        SxCascade.Chemistry.Elements.Sorted(Values.Where(v => v.Key == "separation-factors" && v.Element is not null).Select(v => v.Element!));

    /// <summary>The reason the source gives no <paramref name="key"/>, or null when the system has it (or it is optional).</summary>
    public string? MissingReason(string key) => Missing.FirstOrDefault(kv => kv.Key == key).Value;
}

/// <summary>How the values of a built-in feed are meant.</summary>
public enum FeedBasis
{
    /// <summary>Percent of total rare-earth oxide.</summary>
    OxidePercent,
    /// <summary>Fraction of total rare-earth oxide.</summary>
    OxideFraction,
    /// <summary>Mass percent of each element in the material.</summary>
    WeightPercent,
    /// <summary>Element concentrations of a liquor, g/L.</summary>
    GramsPerLitre,
    /// <summary>Not a full distribution.</summary>
    Partial,
}

/// <summary>A built-in feed distribution (<c>composition: { library: NAME, total-oxide: … }</c>).</summary>
/// <param name="Name">Library name.</param>
/// <param name="Title">One-line description.</param>
/// <param name="Basis">How <paramref name="Values"/> are meant.</param>
/// <param name="BasisText">The reference data's wording of the basis.</param>
/// <param name="Values">Every value listed, rare earths and others, in the data's order.</param>
/// <param name="Groups">Group totals of a partial entry (heavy, light), else empty.</param>
/// <param name="Tag">Provenance tag.</param>
/// <param name="Source">Literature source.</param>
/// <param name="Derived">Values the reference data derived from it (for comparison; not used).</param>
public sealed record LibraryFeed(
    string Name, string Title, FeedBasis Basis, string BasisText, IReadOnlyList<KeyValuePair<string, double>> Values,
    IReadOnlyList<KeyValuePair<string, double>> Groups, ProvenanceTag Tag, string Source, IReadOnlyList<LibraryDatum> Derived)
{
    /// <summary>The tag as users read it.</summary>
    public string TagLabel => Provenance.Label(Tag);

    /// <summary>The listed rare earths (zeros included), in the data's order.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> RareEarths => Values.Where(kv => SxCascade.Chemistry.Elements.IsRareEarth(kv.Key)).ToList();

    /// <summary>Listed elements that are not rare earths (Fe, Co, B of a magnet): shown, never put in a composition.</summary>
    public IReadOnlyList<KeyValuePair<string, double>> Others => Values.Where(kv => !SxCascade.Chemistry.Elements.IsRareEarth(kv.Key)).ToList();

    /// <summary>Sum of the listed rare earths in the unit of the basis (before normalising).</summary>
    public double RawRareEarthSum => RareEarths.Sum(kv => kv.Value);

    /// <summary>Unit of <see cref="Values"/> for display: "%", "fraction", "wt %", "g/L".</summary>
    public string Unit => Basis switch
    {
        FeedBasis.OxidePercent or FeedBasis.Partial => "% of REO",
        FeedBasis.OxideFraction => "fraction of REO",
        FeedBasis.WeightPercent => "wt %",
        _ => "g/L",
    };

    /// <summary>Why no composition can be made from it, or null when one can.</summary>
    public string? Unusable => Basis == FeedBasis.Partial
        ? $"it is a partial distribution ({string.Join(", ", Values.Select(kv => $"{kv.Key} {Number(kv.Value)} %").Concat(Groups.Select(kv => $"{kv.Key} group {Number(kv.Value)} %")))} of REO), "
          + "not a value per element; write the composition out with total-oxide and oxide-percent"
        : null;

    /// <summary>
    /// The rare-earth oxide distribution in percent of REO, normalised to 100 over the listed rare
    /// earths with a value above zero: oxide bases scaled; element-mass bases (wt %, g/L) converted
    /// by n_i = w_i/M_i and oxide_i = n_i·M_oxide,i (MODEL.md §4). Empty for a partial entry.
    /// </summary>
    public Dictionary<string, double> OxidePercent()
    {
        if (Basis == FeedBasis.Partial) return new(StringComparer.Ordinal);
        var listed = RareEarths.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value, StringComparer.Ordinal);
        return Basis is FeedBasis.WeightPercent or FeedBasis.GramsPerLitre
            ? OxideDistribution.FromElementMass(listed)
            : OxideDistribution.Normalised(listed);
    }

    /// <summary>Concentrations of a g/L liquor in mol/L (c_i = g_i/M_i), rare earths above zero only; null for other bases.</summary>
    public Dictionary<string, double>? MeasuredConcentrations() => Basis == FeedBasis.GramsPerLitre
        ? RareEarths.Where(kv => kv.Value > 0).ToDictionary(kv => kv.Key, kv => kv.Value / SxCascade.Chemistry.Elements.MolarMass(kv.Key), StringComparer.Ordinal)
        : null;

    /// <summary>A listed value as the reference data writes it: "22.8", "0.0036", "0.0001".</summary>
    public static string Number(double v) => v.ToString("0.####", CultureInfo.InvariantCulture);
}

/// <summary>
/// The built-in library (docs/library.md): chemistry systems and feed distributions shipped as
/// embedded YAML (Library/systems.yaml, Library/feeds.yaml), every value with its provenance tag
/// and source. A library file that does not read is a bug of this program, not of the user's input.
/// </summary>
public static class BuiltInLibrary
{
    private const string SystemsResource = "SxCascade.IO.Library.systems.yaml";
    private const string FeedsResource = "SxCascade.IO.Library.feeds.yaml";

    private static readonly Lazy<IReadOnlyList<LibrarySystem>> systems = new(() => ReadSystems(Root(SystemsResource)));
    private static readonly Lazy<IReadOnlyList<LibraryFeed>> feeds = new(() => ReadFeeds(Root(FeedsResource)));

    /// <summary>Every built-in chemistry system, in library order.</summary>
    public static IReadOnlyList<LibrarySystem> Systems => systems.Value;

    /// <summary>Every built-in feed distribution, in library order.</summary>
    public static IReadOnlyList<LibraryFeed> Feeds => feeds.Value;

    /// <summary>The system called <paramref name="name"/> (exact), or null.</summary>
    public static LibrarySystem? FindSystem(string name) => Systems.FirstOrDefault(s => s.Name == name);

    /// <summary>The feed called <paramref name="name"/> (exact), or null.</summary>
    public static LibraryFeed? FindFeed(string name) => Feeds.FirstOrDefault(f => f.Name == name);

    /// <summary>
    /// "did you mean 'p507-hcl'? " for a misspelt or shortened name (edit distance, or a name that
    /// starts with or contains what was given), else "".
    /// </summary>
    public static string DidYouMean(string given, IEnumerable<string> names)
    {
        var list = names.ToList();
        if (Suggestions.Nearest(given, list) is { } near) return $"did you mean '{near}'? ";
        if (given.Length >= 3 && list.FirstOrDefault(n => n.Contains(given, StringComparison.OrdinalIgnoreCase)
                || given.Contains(n, StringComparison.OrdinalIgnoreCase)) is { } part)
            return $"did you mean '{part}'? ";
        return "";
    }

    /// <summary>The text of an embedded library file (for docs and tests).</summary>
    public static string Text(string file) => ReadResource(file switch
    {
        "systems.yaml" => SystemsResource,
        "feeds.yaml" => FeedsResource,
        _ => throw new ArgumentException($"no library file '{file}'", nameof(file)),
    });

    /// <summary>A fresh copy of the <c>chemistry:</c> block of system <paramref name="name"/>, to be merged into a file's tree.</summary>
    internal static YamlMappingNode ChemistryNode(string name) =>
        Find(Root(SystemsResource), name) is YamlMappingNode system && Find(system, "chemistry") is YamlMappingNode chemistry
            ? chemistry
            : throw Bug($"system '{name}' has no chemistry mapping");

    private static string ReadResource(string resource)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(resource)
            ?? throw Bug($"resource {resource} is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static YamlMappingNode Root(string resource)
    {
        var problems = new List<YamlProblem>();
        var root = YamlDocuments.Parse(ReadResource(resource), problems);
        if (problems.Count > 0) throw Bug($"{resource}:{problems[0].Line}:{problems[0].Column}: {problems[0].Message}");
        return root as YamlMappingNode ?? throw Bug($"{resource} is not a mapping");
    }

    private static InvalidOperationException Bug(string message) => new($"built-in library: {message}");

    // ---- reading the library files ------------------------------------------------------------

    private static IReadOnlyList<LibrarySystem> ReadSystems(YamlMappingNode root)
    {
        var list = new List<LibrarySystem>();
        foreach (var (key, value) in root.Children)
        {
            var name = Scalar(key);
            var m = Map(value, name);
            var tag = Tag(m, name);
            var derivedFrom = Optional(m, "derived-from");
            var chemistry = Map(Get(m, "chemistry", name), name);
            var perValue = Find(m, "values") is { } v ? Map(v, name) : new YamlMappingNode();
            var values = new List<LibraryValue>();
            foreach (var (ck, cv) in chemistry.Children)
            {
                var chemKey = Scalar(ck);
                if (chemKey == "model") continue;
                var meta = Find(perValue, chemKey) is { } mv ? Map(mv, $"{name}.values.{chemKey}") : new YamlMappingNode();
                var valueTag = Find(meta, "tag") is { } t ? ParseTag(Scalar(t), name) : tag;
                var valueFrom = Optional(meta, "derived-from") ?? (valueTag == tag ? derivedFrom : null);
                var note = Optional(meta, "note");
                var basis = Find(meta, "elements") is { } b ? Map(b, name).Children.ToDictionary(kv => Scalar(kv.Key), kv => Scalar(kv.Value)) : null;
                if (cv is YamlMappingNode elements)
                {
                    foreach (var (ek, ev) in elements.Children)
                    {
                        var element = Scalar(ek);
                        values.Add(new LibraryValue(chemKey, element, Scalar(ev), valueTag, valueFrom, note, basis?.GetValueOrDefault(element)));
                    }
                }
                else
                {
                    values.Add(new LibraryValue(chemKey, null, Scalar(cv), valueTag, valueFrom, note, null));
                }
            }
            var missing = Find(m, "missing") is { } mi
                ? Map(mi, name).Children.Select(kv => new KeyValuePair<string, string>(Scalar(kv.Key), Scalar(kv.Value))).ToList()
                : [];
            var notes = Find(m, "notes") is YamlSequenceNode ns ? ns.Children.Select(Scalar).ToList() : [];
            list.Add(new LibrarySystem(name, Text(m, "title", name), tag, derivedFrom, Text(m, "source", name), Optional(m, "conditions"),
                notes, Text(chemistry, "model", name), values, missing, Data(Find(m, "data"), name)));
        }
        return list;
    }

    private static IReadOnlyList<LibraryFeed> ReadFeeds(YamlMappingNode root)
    {
        var list = new List<LibraryFeed>();
        foreach (var (key, value) in root.Children)
        {
            var name = Scalar(key);
            var m = Map(value, name);
            var basis = Text(m, "basis", name) switch
            {
                "oxide-percent" => FeedBasis.OxidePercent,
                "oxide-fraction" => FeedBasis.OxideFraction,
                "wt-percent" => FeedBasis.WeightPercent,
                "g/L" => FeedBasis.GramsPerLitre,
                "partial" => FeedBasis.Partial,
                var other => throw Bug($"feed '{name}' has an unknown basis '{other}'"),
            };
            list.Add(new LibraryFeed(name, Text(m, "title", name), basis, Text(m, "basis-text", name),
                Numbers(Get(m, "values", name), name), Find(m, "groups") is { } g ? Numbers(g, name) : [],
                Tag(m, name), Text(m, "source", name), Data(Find(m, "derived"), name)));
        }
        return list;
    }

    private static List<KeyValuePair<string, double>> Numbers(YamlNode node, string name) =>
        Map(node, name).Children.Select(kv => new KeyValuePair<string, double>(Scalar(kv.Key),
            double.TryParse(Scalar(kv.Value), NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? v : throw Bug($"'{name}' has a value that is not a number")))
        .ToList();

    private static List<LibraryDatum> Data(YamlNode? node, string name) => node is null ? [] :
        Map(node, name).Children.Select(kv => kv.Value switch
        {
            YamlMappingNode map => new LibraryDatum(Scalar(kv.Key), null,
                map.Children.Select(x => new KeyValuePair<string, string>(Scalar(x.Key), Scalar(x.Value))).ToList(), null),
            YamlSequenceNode seq => new LibraryDatum(Scalar(kv.Key), null, null, seq.Children.Select(Scalar).ToList()),
            var scalar => new LibraryDatum(Scalar(kv.Key), Scalar(scalar), null, null),
        }).ToList();

    private static ProvenanceTag Tag(YamlMappingNode m, string name) => ParseTag(Text(m, "tag", name), name);

    private static ProvenanceTag ParseTag(string text, string name) =>
        Provenance.ParseTag(text) ?? throw Bug($"'{name}' has an unknown tag '{text}'");

    private static YamlNode? Find(YamlMappingNode m, string key) => YamlDocuments.KeyOf(m, key) is { } k ? m.Children[k] : null;

    private static YamlNode Get(YamlMappingNode m, string key, string name) => Find(m, key) ?? throw Bug($"'{name}' has no '{key}'");

    private static string Text(YamlMappingNode m, string key, string name) => Scalar(Get(m, key, name));

    private static string? Optional(YamlMappingNode m, string key) => Find(m, key) is { } v ? Scalar(v) : null;

    private static YamlMappingNode Map(YamlNode node, string name) => node as YamlMappingNode ?? throw Bug($"'{name}' should be a mapping");

    private static string Scalar(YamlNode node) => (node as YamlScalarNode)?.Value ?? throw Bug($"a scalar was expected at line {node.Start.Line}");
}
