using SxCascade.Costs;
using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Cli;

/// <summary>The "Costs" block of the <c>run</c> summary (MODEL.md §10), for a flowsheet with a <c>costs:</c> block.</summary>
internal static class CostReport
{
    /// <summary>Writes the costs of <paramref name="result"/>; indicative prices are labelled so.</summary>
    public static void Write(Flowsheet flowsheet, FlowsheetResult result, TextWriter w)
    {
        if (flowsheet.Costs is not { } prices) return;
        var c = CostResult.Compute(prices, flowsheet, result);
        string cur = prices.Currency;
        w.WriteLine();
        w.WriteLine($"Costs ({cur}; prices from the file's costs: block)");
        w.WriteLine($"  reagents {NumberFormat.Value(c.ReagentsPerH)} {cur}/h, organic inventory {NumberFormat.Value(c.OrganicPerH)} {cur}/h, "
            + $"stages {NumberFormat.Value(c.StagesPerH)} {cur}/h: {NumberFormat.Value(c.TotalPerH)} {cur}/h");
        w.WriteLine($"  network: {NumberFormat.Value(c.PerKgOxide)} {cur} per kg of product oxide ({NumberFormat.Value(c.ProductOxideKgPerH)} kg/h)");
        foreach (var p in c.Products)
            w.WriteLine($"  {p.Stream}: {NumberFormat.Value(p.CostPerKgOxide)} {cur}/kg oxide ({NumberFormat.Value(p.OxideKgPerH)} kg/h)");
        var tags = new[] { prices.Organic, prices.Stage }.OfType<Price>().Concat(prices.Reagents.Values).Concat(prices.Products.Values).ToList();
        if (tags.Any(t => t.Tag == ProvenanceTag.Indicative))
            w.WriteLine($"  some prices are {Provenance.IndicativeLabel}");
        foreach (var u in c.Unpriced) w.WriteLine($"  not costed: {u}");
    }
}
