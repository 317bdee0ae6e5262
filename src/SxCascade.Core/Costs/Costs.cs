using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Costs;

/// <summary>What one product costs and is worth.</summary>
/// <param name="Stream">Product stream.</param>
/// <param name="OxideKgPerH">Rare-earth oxide in it, kg/h.</param>
/// <param name="CostPerKgOxide">Its share of the network's cost per kg of its oxide (shares by value where every product has one, else by oxide mass).</param>
/// <param name="ValuePerH">Its value per hour, or NaN without a price.</param>
public sealed record ProductCost(string Stream, double OxideKgPerH, double CostPerKgOxide, double ValuePerH);

/// <summary>
/// The costs of a solved flowsheet (MODEL.md §10), per hour: reagents (Σ kg/h × price), organic
/// inventory (L × price per L·year ÷ hours per year) and stages (count × price per year ÷ hours per
/// year); per kg of product oxide for the network (total ÷ product oxide kg/h) and for each product.
/// </summary>
/// <param name="ReagentsPerH">Reagent cost per hour.</param>
/// <param name="OrganicPerH">Organic inventory cost per hour (0 without an organic price).</param>
/// <param name="StagesPerH">Stage capital per hour (0 without a stage price).</param>
/// <param name="Products">Each product (the streams of <see cref="CostDefinition.Products"/>, else those of the specs).</param>
/// <param name="Unpriced">What the costs leave out, each with why (a reagent without a price, an inventory without stage-volume).</param>
public sealed record CostResult(double ReagentsPerH, double OrganicPerH, double StagesPerH, IReadOnlyList<ProductCost> Products,
    IReadOnlyList<string> Unpriced)
{
    /// <summary>Everything per hour.</summary>
    public double TotalPerH => ReagentsPerH + OrganicPerH + StagesPerH;

    /// <summary>Oxide of every product, kg/h.</summary>
    public double ProductOxideKgPerH => Products.Sum(p => p.OxideKgPerH);

    /// <summary>Network cost per kg of product oxide (NaN without product).</summary>
    public double PerKgOxide => ProductOxideKgPerH > 0 ? TotalPerH / ProductOxideKgPerH : double.NaN;

    /// <summary>Computes the costs of <paramref name="result"/> at the prices of <paramref name="costs"/>.</summary>
    public static CostResult Compute(CostDefinition costs, Flowsheet flowsheet, FlowsheetResult result)
    {
        var unpriced = new List<string>();
        double reagents = 0;
        foreach (var use in result.Reagents.Uses.Where(u => u.Kind != ReagentUse.Salt))
        {
            if (costs.Reagents.TryGetValue(use.Chemical, out var price)) reagents += use.KgPerH * price.Value;
            else if (use.KgPerH > 0) unpriced.Add($"{use.Chemical} ({use.Kind}, {use.KgPerH:G4} kg/h) has no price under costs.reagents");
        }
        double organic = 0;
        if (costs.Organic is { } o)
        {
            foreach (var c in result.Cascades)
            {
                if (c.OrganicInventory is { } litres) organic += litres * o.Value / costs.HoursPerYear;
                else unpriced.Add($"the organic inventory of cascade {c.Name} (it has no stage-volume)");
            }
        }
        double stages = costs.Stage is { } s ? result.Cascades.Sum(c => c.TotalStages) * s.Value / costs.HoursPerYear : 0;

        var streams = costs.Products.Count > 0 ? costs.Products.Keys.ToList() : flowsheet.Specs.Select(p => p.Stream).Distinct().ToList();
        foreach (var name in streams.Where(n => result.Stream(n) is null))
            unpriced.Add($"costs.products names {name}, which is not a stream of the result");
        var oxide = streams.Select(name => OxideKgPerH(result, name)).ToList();
        var value = streams.Select((name, k) => costs.Products.TryGetValue(name, out var p) ? oxide[k] * p.Value : double.NaN).ToList();
        double total = reagents + organic + stages, totalOxide = oxide.Sum(), totalValue = value.Sum();
        // joint costs shared by relative sales value where every product has a price, else by oxide mass
        bool byValue = value.All(double.IsFinite) && totalValue > 0;
        var products = streams.Select((name, k) =>
        {
            double share = byValue ? value[k] / totalValue : totalOxide > 0 ? oxide[k] / totalOxide : double.NaN;
            return new ProductCost(name, oxide[k], oxide[k] > 0 ? total * share / oxide[k] : double.NaN, value[k]);
        }).ToList();
        return new CostResult(reagents, organic, stages, products, unpriced);
    }

    /// <summary>Rare-earth oxide in stream <paramref name="name"/>, kg/h (Σ mol/h × oxide g/mol per atom ÷ 1000); 0 for an unknown stream.</summary>
    public static double OxideKgPerH(FlowsheetResult result, string name)
    {
        if (result.Stream(name) is not { } s) return 0;
        double kg = 0;
        for (int i = 0; i < result.Elements.Count; i++)
            if (Chemistry.Elements.IsRareEarth(result.Elements[i])) kg += s.MolarFlow(i) * Chemistry.Elements.OxideMass(result.Elements[i]) / 1000;
        return kg;
    }
}
