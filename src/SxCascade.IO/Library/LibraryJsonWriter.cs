using System.Globalization;
using System.Text;
using System.Text.Json;
using SxCascade.Chemistry;
using SxCascade.Flowsheets;

using static SxCascade.IO.JsonFields;

namespace SxCascade.IO;

/// <summary>
/// The built-in library as JSON ("sxcascade-library/1"), for <c>sxcascade systems --json</c> and
/// <c>feeds --json</c>: every value with its tag, the label users read (indicative values as
/// "indicative (typical literature value, not measured)"), its source and the reference data.
/// </summary>
public static class LibraryJsonWriter
{
    /// <summary>Format tag written as "format".</summary>
    public const string Format = "sxcascade-library/1";

    /// <summary>The given systems (all details) as a document { format, systems: [...] }.</summary>
    public static string Systems(IEnumerable<LibrarySystem> systems) => Document(w =>
    {
        w.WriteStartArray("systems");
        foreach (var s in systems) WriteSystem(w, s);
        w.WriteEndArray();
    });

    /// <summary>The given feeds (all details) as a document { format, feeds: [...] }.</summary>
    public static string Feeds(IEnumerable<LibraryFeed> feeds) => Document(w =>
    {
        w.WriteStartArray("feeds");
        foreach (var f in feeds) WriteFeed(w, f);
        w.WriteEndArray();
    });

    private static string Document(Action<Utf8JsonWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length) + "\n";
    }

    private static void Tag(Utf8JsonWriter w, ProvenanceTag tag, string? derivedFrom)
    {
        w.WriteString("tag", Provenance.TagName(tag));
        StringOrNull(w, "derived_from", derivedFrom);
        w.WriteString("label", Provenance.Label(tag, derivedFrom));
    }

    private static void WriteSystem(Utf8JsonWriter w, LibrarySystem s)
    {
        w.WriteStartObject();
        w.WriteString("name", s.Name);
        w.WriteString("title", s.Title);
        w.WriteString("model", s.Model);
        w.WriteStartArray("elements");
        foreach (var e in s.Elements) w.WriteStringValue(e);
        w.WriteEndArray();
        Tag(w, s.Tag, s.DerivedFrom);
        w.WriteString("source", s.Source);
        StringOrNull(w, "conditions", s.Conditions);
        Strings(w, "notes", s.Notes);
        w.WriteStartArray("values");
        foreach (var v in s.Values)
        {
            w.WriteStartObject();
            w.WriteString("key", v.Key);
            StringOrNull(w, "element", v.Element);
            ScalarValue(w, "value", v.Text);
            Tag(w, v.Tag, v.DerivedFrom);
            StringOrNull(w, "basis", v.Basis);
            StringOrNull(w, "note", v.Note);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartObject("missing");
        foreach (var (key, reason) in s.Missing) w.WriteString(key, reason);
        w.WriteEndObject();
        Data(w, "data", s.Data);
        w.WriteString("snippet", LibrarySnippets.Chemistry(s));
        w.WriteEndObject();
    }

    private static void WriteFeed(Utf8JsonWriter w, LibraryFeed f)
    {
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WriteString("title", f.Title);
        w.WriteString("basis", f.BasisText);
        w.WriteString("unit", f.Unit);
        Tag(w, f.Tag, null);
        w.WriteString("source", f.Source);
        Pairs(w, "values", f.Values);
        if (f.Groups.Count > 0) Pairs(w, "groups", f.Groups);
        Number(w, "rare_earth_sum", f.RawRareEarthSum);
        w.WriteStartArray("not_rare_earths");
        foreach (var (e, _) in f.Others) w.WriteStringValue(e);
        w.WriteEndArray();
        StringOrNull(w, "unusable", f.Unusable);
        var pct = f.OxidePercent();
        w.WriteStartObject("oxide_percent");
        foreach (var e in Elements.Sorted(pct.Keys)) Number(w, e, pct[e]);
        w.WriteEndObject();
        var x = LibrarySnippets.MoleFractions(f);
        w.WriteStartObject("mole_fractions");
        foreach (var e in Elements.Sorted(x.Keys)) Number(w, e, x[e]);
        w.WriteEndObject();
        Data(w, "derived_in_reference_data", f.Derived);
        StringOrNull(w, "snippet", LibrarySnippets.Feed(f));
        w.WriteEndObject();
    }

    private static void Pairs(Utf8JsonWriter w, string name, IEnumerable<KeyValuePair<string, double>> values)
    {
        w.WriteStartObject(name);
        foreach (var (k, v) in values) Number(w, k, v);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }

    private static void Data(Utf8JsonWriter w, string name, IEnumerable<LibraryDatum> data)
    {
        w.WriteStartObject(name);
        foreach (var d in data)
        {
            if (d.Map is { } map)
            {
                w.WriteStartObject(d.Key);
                foreach (var (k, v) in map) ScalarValue(w, k, v);
                w.WriteEndObject();
            }
            else if (d.List is { } list) Strings(w, d.Key, list);
            else ScalarValue(w, d.Key, d.Text!);
        }
        w.WriteEndObject();
    }

    // A number where the text is one ("3.0", "-1.9853"), else the text ("3-7", "0.18 mol/L").
    private static void ScalarValue(Utf8JsonWriter w, string name, string text)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) && double.IsFinite(v)) w.WriteNumber(name, v);
        else w.WriteString(name, text);
    }
}
