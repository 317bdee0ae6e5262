using System.Globalization;
using System.Text;
using System.Text.Json;
using CsvHelper;
using SxCascade.Comparison;

using static SxCascade.IO.JsonFields;

namespace SxCascade.IO;

/// <summary>
/// The comparison as CSV (<c>compare --csv</c>, compare.csv): one row per technique and product
/// (tidy: the technique's columns repeat on each of its product rows), the unit of every column in
/// its header (<c>[-]</c> dimensionless, <c>[text]</c> a name). Invariant culture, "\n" line ends,
/// shortest round-trip numbers; a value that does not exist (inventory without stage volume) is empty.
/// </summary>
public static class ComparisonCsvWriter
{
    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        TrueValue = "true",
        FalseValue = "false",
    };

    /// <summary>The header, in order.</summary>
    public static readonly IReadOnlyList<string> Header =
    [
        "technique [text]", "file [text]", "flowsheet [text]", "designed [-]", "contactor [text]", "scrub [text]",
        "extraction_stages [-]", "scrub_stages [-]", "strip_stages [-]", "total_stages [-]",
        "organic_flow [L/h]", "organic_inventory [L]", "stage_residence [min]",
        "acid [text]", "acid [kg/kg REO]", "base [text]", "base [kg/kg REO]", "salt [text]", "salt [kg/kg REO]",
        "product_oxide [kg/h]", "solve_time [ms]",
        "product_stream [text]", "product_elements [text]", "purity [%]", "recovery [%]", "purity_target [%]", "recovery_target [%]", "met [-]",
    ];

    /// <summary>Writes <paramref name="c"/> to <paramref name="w"/> (left open).</summary>
    public static void Write(ComparisonResult c, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(c);
        ArgumentNullException.ThrowIfNull(w);
        using var csv = CsvWriter.Create(w, Options, leaveOpen: true);
        foreach (var h in Header) csv.WriteField(h);
        csv.EndRecord();
        foreach (var t in c.Techniques)
        {
            var g = t.Result.Reagents;
            IEnumerable<ProductQuality?> products = t.Products.Count > 0 ? t.Products.Cast<ProductQuality?>() : [null];
            foreach (var p in products)
            {
                csv.WriteField(t.Label);
                csv.WriteField(t.Case.File);
                csv.WriteField(t.Flowsheet.Name);
                csv.WriteField(c.Designed);
                csv.WriteField(t.Contactors);
                csv.WriteField(t.ScrubModes);
                csv.WriteField(t.ExtractionStages);
                csv.WriteField(t.ScrubStages);
                csv.WriteField(t.StripStages);
                csv.WriteField(t.TotalStages);
                csv.WriteField(t.OrganicFlow);
                Optional(csv, t.OrganicInventory);
                Optional(csv, t.Result.Cascades.Count == 1 ? t.Result.Cascades[0].StageResidenceMinutes : null);
                csv.WriteField(g.AcidName);
                csv.WriteField(g.AcidKgPerKgOxide);
                csv.WriteField(g.BaseName ?? "none");
                csv.WriteField(g.BaseKgPerKgOxide);
                csv.WriteField(g.SaltName ?? "none");
                csv.WriteField(g.SaltKgPerKgOxide);
                csv.WriteField(g.ProductOxideKgPerH);
                Optional(csv, double.IsFinite(t.Milliseconds) ? t.Milliseconds : null);
                csv.WriteField(p?.Stream ?? "");
                csv.WriteField(p is null ? "" : string.Join("+", p.Elements));
                Optional(csv, p?.Purity * 100);
                Optional(csv, p?.Recovery * 100);
                Optional(csv, p?.PurityTarget * 100);
                Optional(csv, p?.RecoveryTarget * 100);
                if (p is null) csv.WriteField(""); else csv.WriteField(p.Met);
                csv.EndRecord();
            }
        }
    }

    private static void Optional(CsvWriter csv, double? value)
    {
        if (value is { } v) csv.WriteField(v); else csv.WriteField("");
    }
}

/// <summary>
/// The comparison as the "sxcascade-comparison/1" JSON document (<c>compare --json</c>, compare.json):
/// per technique its file, stages, flows, inventory, reagents, products, sweep and trade-off.
/// Same conventions as the result document (L/h, L, kg per kg of product oxide; NaN as null).
/// </summary>
public static class ComparisonJsonWriter
{
    /// <summary>Format tag written as "format".</summary>
    public const string Format = "sxcascade-comparison/1";

    /// <summary>The document as text.</summary>
    public static string ToJson(ComparisonResult c)
    {
        using var stream = new MemoryStream();
        Write(c, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>Writes the document to <paramref name="stream"/>.</summary>
    public static void Write(ComparisonResult c, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(c);
        using var w = new Utf8JsonWriter(stream, Options);
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteBoolean("designed", c.Designed);
        w.WriteStartArray("key_elements");
        foreach (var e in c.KeyElements) w.WriteStringValue(e);
        w.WriteEndArray();
        w.WriteStartArray("techniques");
        foreach (var t in c.Techniques) Technique(w, t);
        w.WriteEndArray();
        w.WriteEndObject();
        w.Flush();
        stream.WriteByte((byte)'\n');
    }

    private static void Technique(Utf8JsonWriter w, TechniqueResult t)
    {
        var g = t.Result.Reagents;
        w.WriteStartObject();
        w.WriteString("label", t.Label);
        w.WriteString("file", t.Case.File);
        w.WriteString("name", t.Flowsheet.Name);
        w.WriteString("contactor", t.Contactors);
        w.WriteString("scrub", t.ScrubModes);
        w.WriteNumber("extraction_stages", t.ExtractionStages);
        w.WriteNumber("scrub_stages", t.ScrubStages);
        w.WriteNumber("strip_stages", t.StripStages);
        w.WriteNumber("total_stages", t.TotalStages);
        Number(w, "organic_flow", t.OrganicFlow);
        Number(w, "organic_inventory_l", t.OrganicInventory);
        w.WriteStartObject("reagents");
        w.WriteString("acid", g.AcidName);
        StringOrNull(w, "base", g.BaseName);
        StringOrNull(w, "salt", g.SaltName);
        Number(w, "acid_kg_per_kg_oxide", g.AcidKgPerKgOxide);
        Number(w, "base_kg_per_kg_oxide", g.BaseKgPerKgOxide);
        Number(w, "salt_kg_per_kg_oxide", g.SaltKgPerKgOxide);
        Number(w, "product_oxide_kg_per_h", g.ProductOxideKgPerH);
        w.WriteEndObject();
        Number(w, "solve_ms", t.Milliseconds);
        w.WriteString("products_from", t.ProductsFrom);
        // the same entries as the result document's provenance (format.md §10)
        ResultJsonWriter.WriteProvenance(w, t.Result.Library);
        w.WriteStartArray("products");
        foreach (var p in t.Products)
        {
            w.WriteStartObject();
            w.WriteString("stream", p.Stream);
            w.WriteStartArray("elements");
            foreach (var e in p.Elements) w.WriteStringValue(e);
            w.WriteEndArray();
            Number(w, "purity", p.Purity);
            Number(w, "recovery", p.Recovery);
            Number(w, "purity_target", p.PurityTarget);
            Number(w, "recovery_target", p.RecoveryTarget);
            w.WriteBoolean("met", p.Met);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("purity_against_stages");
        foreach (var p in t.PurityCurve)
        {
            w.WriteStartObject();
            w.WriteNumber("total_stages", p.TotalStages);
            Number(w, "purity", p.Purity);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteStartArray("tradeoff");
        foreach (var p in t.Tradeoff)
        {
            w.WriteStartObject();
            w.WriteNumber("total_stages", p.TotalStages);
            Number(w, "acid_kg_per_kg_oxide", p.AcidKgPerKgOxide);
            Number(w, "base_kg_per_kg_oxide", p.BaseKgPerKgOxide);
            Number(w, "extraction", p.Extraction);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteEndObject();
    }
}
