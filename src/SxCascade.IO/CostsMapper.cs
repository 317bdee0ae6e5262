using SxCascade.Costs;
using SxCascade.Flowsheets;

namespace SxCascade.IO;

/// <summary>
/// Reads the <c>costs:</c> block (MODEL.md §10, docs/format.md "Costs"): every price a number ≥ 0
/// with its provenance <c>tag</c> (measured, secondary, derived, indicative) and <c>source</c>.
/// </summary>
internal static class CostsMapper
{
    /// <summary>The keys of the costs: block.</summary>
    public static readonly string[] Keys = ["currency", "hours-per-year", "reagents", "organic", "stage", "products"];
    private static readonly string[] PriceKeys = ["price", "tag", "source"];
    private static readonly string[] Tags = ["measured", "secondary", "derived", "indicative"];

    /// <summary>The costs, or null when the file has no costs: block (errors go to the context).</summary>
    public static CostDefinition? Read(ReadContext context, MapReader? m)
    {
        if (m is null) return null;
        var currency = m.OptionalText("currency") ?? "USD";
        double hours = m.Get("hours-per-year") is { } h ? context.Number(h, Limit.Positive) : CostDefinition.DefaultHoursPerYear;
        if (hours > 8784) context.Error(m.Get("hours-per-year")!.Value.Value, $"hours-per-year {hours} is more than a year has (8784 h)");
        return new CostDefinition(currency, Prices(context, m.Get("reagents")), Price(context, m.Get("organic")), Price(context, m.Get("stage")),
            hours, Prices(context, m.Get("products")));
    }

    private static Dictionary<string, Price> Prices(ReadContext context, Entry? entry)
    {
        var prices = new Dictionary<string, Price>(StringComparer.Ordinal);
        if (entry is not { } e || MapReader.Open(context, e, e.Path, keys: null) is not { } map) return prices;
        foreach (var item in map.Entries)
            if (Price(context, item) is { } p) prices[item.Name] = p;
        return prices;
    }

    private static Price? Price(ReadContext context, Entry? entry)
    {
        if (entry is not { } e || MapReader.Open(context, e, e.Path, PriceKeys) is not { } m) return null;
        double value = m.Get("price") is { } v ? context.Number(v, Limit.NonNegative) : Missing(context, m, e, "price", "e.g. price: 0.25");
        var tag = m.Choice("tag", Tags);
        if (tag is null && !m.Has("tag"))
            context.Error(context.Pointer(e), $"{e.Path} has no tag; say how far the price can be trusted: tag: measured, secondary, derived or indicative");
        var source = m.Has("source") ? m.Text("source") : null;
        if (source is null)
            context.Error(context.Pointer(e), $"{e.Path} has no source; name where the price comes from, e.g. source: supplier quote 2026-11");
        return new Price(value, Provenance.ParseTag(tag ?? "indicative") ?? ProvenanceTag.Indicative, source ?? "");
    }

    private static double Missing(ReadContext context, MapReader m, Entry e, string key, string hint)
    {
        context.Error(context.Pointer(e), $"{e.Path} has no {key}; {hint}");
        return 0;
    }
}
