using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using SxCascade.Chemistry;
using SxCascade.Flowsheets;
using static SxCascade.IO.Documents.DocumentJson;

namespace SxCascade.IO.Documents;

/// <summary>
/// The built-in library as the "sxcascade-library/1" document (<c>systems --json</c>, <c>feeds --json</c>):
/// every value with its tag, the label users read (indicative values as "indicative (typical literature
/// value, not measured)"), its source and the reference data. One of <see cref="Systems"/> and
/// <see cref="Feeds"/> is present.
/// </summary>
public sealed record LibraryDocument
{
    /// <summary>The format tag.</summary>
    public const string FormatTag = "sxcascade-library/1";

    /// <summary>Always <see cref="FormatTag"/>.</summary>
    public string Format { get; init; } = FormatTag;
    /// <summary>The chemistry systems (<c>systems --json</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<LibrarySystemEntry>? Systems { get; init; }
    /// <summary>The feeds (<c>feeds --json</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<LibraryFeedEntry>? Feeds { get; init; }

    /// <summary>A number where the text is one ("3.0", "-1.9853"), else the text ("3-7", "0.18 mol/L").</summary>
    internal static JsonNode Scalar(string text) =>
        double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)
            ? JsonValue.Create(v) : JsonValue.Create(text);

    /// <summary>The reference data: a map, a list or a scalar per key.</summary>
    internal static OrderedDictionary<string, JsonNode> Data(IEnumerable<LibraryDatum> data)
    {
        var map = new OrderedDictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var d in data)
        {
            if (d.Map is { } pairs)
            {
                var o = new JsonObject();
                foreach (var (k, v) in pairs) o[k] = Scalar(v);
                map[d.Key] = o;
            }
            else if (d.List is { } list) map[d.Key] = new JsonArray(list.Select(x => (JsonNode?)JsonValue.Create(x)).ToArray());
            else map[d.Key] = Scalar(d.Text!);
        }
        return map;
    }
}

/// <summary>One chemistry system of the library.</summary>
public sealed record LibrarySystemEntry
{
    /// <summary>Library name.</summary>
    public required string Name { get; init; }
    /// <summary>One-line description.</summary>
    public required string Title { get; init; }
    /// <summary>Chemistry model key.</summary>
    public required string Model { get; init; }
    /// <summary>Elements it gives values for.</summary>
    public required List<string> Elements { get; init; }
    /// <summary>Provenance tag of the system (its weakest value).</summary>
    public required string Tag { get; init; }
    /// <summary>The tags a derived system was derived from, or null.</summary>
    public required string? DerivedFrom { get; init; }
    /// <summary>The label users read.</summary>
    public required string Label { get; init; }
    /// <summary>Literature source.</summary>
    public required string Source { get; init; }
    /// <summary>Conditions of the data, or null.</summary>
    public required string? Conditions { get; init; }
    /// <summary>Notes.</summary>
    public required List<string> Notes { get; init; }
    /// <summary>Every value with its tag.</summary>
    public required List<LibraryValueEntry> Values { get; init; }
    /// <summary>Keys the source gives no value for, with the reason.</summary>
    public required OrderedDictionary<string, string> Missing { get; init; }
    /// <summary>The reference data behind the values.</summary>
    public required OrderedDictionary<string, JsonNode> Data { get; init; }
    /// <summary>A chemistry block naming the system.</summary>
    public required string Snippet { get; init; }

    /// <summary>The entry of <paramref name="s"/>.</summary>
    public static LibrarySystemEntry From(LibrarySystem s) => new()
    {
        Name = s.Name,
        Title = s.Title,
        Model = s.Model,
        Elements = [.. s.Elements],
        Tag = Provenance.TagName(s.Tag),
        DerivedFrom = s.DerivedFrom,
        Label = Provenance.Label(s.Tag, s.DerivedFrom),
        Source = s.Source,
        Conditions = s.Conditions,
        Notes = [.. s.Notes],
        Values = s.Values.Select(v => new LibraryValueEntry
        {
            Key = v.Key,
            Element = v.Element,
            Value = LibraryDocument.Scalar(v.Text),
            Tag = Provenance.TagName(v.Tag),
            DerivedFrom = v.DerivedFrom,
            Label = Provenance.Label(v.Tag, v.DerivedFrom),
            Basis = v.Basis,
            Note = v.Note,
        }).ToList(),
        Missing = new OrderedDictionary<string, string>(s.Missing, StringComparer.Ordinal),
        Data = LibraryDocument.Data(s.Data),
        Snippet = LibrarySnippets.Chemistry(s),
    };
}

/// <summary>One value of a system.</summary>
public sealed record LibraryValueEntry
{
    /// <summary>File key.</summary>
    public required string Key { get; init; }
    /// <summary>Element, or null.</summary>
    public required string? Element { get; init; }
    /// <summary>A number, or the text where it is not one.</summary>
    public required JsonNode Value { get; init; }
    /// <summary>Provenance tag.</summary>
    public required string Tag { get; init; }
    /// <summary>What a derived value was derived from, or null.</summary>
    public required string? DerivedFrom { get; init; }
    /// <summary>The label users read.</summary>
    public required string Label { get; init; }
    /// <summary>Basis of the value, or null.</summary>
    public required string? Basis { get; init; }
    /// <summary>Note, or null.</summary>
    public required string? Note { get; init; }
}

/// <summary>One feed distribution of the library.</summary>
public sealed record LibraryFeedEntry
{
    /// <summary>Library name.</summary>
    public required string Name { get; init; }
    /// <summary>One-line description.</summary>
    public required string Title { get; init; }
    /// <summary>What the values are fractions of.</summary>
    public required string Basis { get; init; }
    /// <summary>Unit of the values.</summary>
    public required string Unit { get; init; }
    /// <summary>Provenance tag.</summary>
    public required string Tag { get; init; }
    /// <summary>Always null for a feed (kept beside tag as in the systems).</summary>
    public required string? DerivedFrom { get; init; }
    /// <summary>The label users read.</summary>
    public required string Label { get; init; }
    /// <summary>Source.</summary>
    public required string Source { get; init; }
    /// <summary>The values as listed.</summary>
    public required OrderedDictionary<string, double?> Values { get; init; }
    /// <summary>Group totals (absent when there are none).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public OrderedDictionary<string, double?>? Groups { get; init; }
    /// <summary>Sum of the listed rare earths.</summary>
    public required double? RareEarthSum { get; init; }
    /// <summary>Listed elements that are not rare earths.</summary>
    public required List<string> NotRareEarths { get; init; }
    /// <summary>Why the entry cannot make a composition, or null.</summary>
    public required string? Unusable { get; init; }
    /// <summary>Oxide distribution, % of REO.</summary>
    public required OrderedDictionary<string, double?> OxidePercent { get; init; }
    /// <summary>Mole fractions among the rare earths.</summary>
    public required OrderedDictionary<string, double?> MoleFractions { get; init; }
    /// <summary>Values the reference data derives.</summary>
    public required OrderedDictionary<string, JsonNode> DerivedInReferenceData { get; init; }
    /// <summary>A composition naming the feed, or null.</summary>
    public required string? Snippet { get; init; }

    /// <summary>The entry of <paramref name="f"/>.</summary>
    public static LibraryFeedEntry From(LibraryFeed f)
    {
        static OrderedDictionary<string, double?> Pairs(IEnumerable<KeyValuePair<string, double>> values) =>
            new(values.Select(kv => KeyValuePair.Create(kv.Key, Finite(kv.Value))), StringComparer.Ordinal);
        var pct = f.OxidePercent();
        var x = LibrarySnippets.MoleFractions(f);
        return new LibraryFeedEntry
        {
            Name = f.Name,
            Title = f.Title,
            Basis = f.BasisText,
            Unit = f.Unit,
            Tag = Provenance.TagName(f.Tag),
            DerivedFrom = null,
            Label = Provenance.Label(f.Tag, null),
            Source = f.Source,
            Values = Pairs(f.Values),
            Groups = f.Groups.Count > 0 ? Pairs(f.Groups) : null,
            RareEarthSum = Finite(f.RawRareEarthSum),
            NotRareEarths = f.Others.Select(kv => kv.Key).ToList(),
            Unusable = f.Unusable,
            OxidePercent = Pairs(Elements.Sorted(pct.Keys).Select(e => KeyValuePair.Create(e, pct[e]))),
            MoleFractions = Pairs(Elements.Sorted(x.Keys).Select(e => KeyValuePair.Create(e, x[e]))),
            DerivedInReferenceData = LibraryDocument.Data(f.Derived),
            Snippet = LibrarySnippets.Feed(f),
        };
    }
}
