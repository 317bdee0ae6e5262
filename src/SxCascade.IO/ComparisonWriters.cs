using System.Globalization;
using CsvHelper;
using SxCascade.Comparison;

using SxCascade.IO.Documents;

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
/// The comparison as the "sxcascade-comparison/1" JSON document (<c>compare --json</c>, compare.json),
/// the typed <see cref="ComparisonDocument"/> serialised by <see cref="DocumentJson"/>.
/// </summary>
public static class ComparisonJsonWriter
{
    /// <summary>Format tag written as "format".</summary>
    public const string Format = ComparisonDocument.FormatTag;

    /// <summary>The document as text.</summary>
    public static string ToJson(ComparisonResult c) => DocumentJson.ToJson(ComparisonDocument.From(c));

    /// <summary>Writes the document to <paramref name="stream"/>.</summary>
    public static void Write(ComparisonResult c, Stream stream) => DocumentJson.Write(ComparisonDocument.From(c), stream);

    /// <summary>Reads the document back; <see cref="System.Text.Json.JsonException"/> when the text is not one.</summary>
    public static ComparisonDocument Read(string json) => DocumentJson.Read<ComparisonDocument>(json);
}
