using SxCascade.Costs;
using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Core.Tests;

/// <summary>MODEL.md §10: costs per hour and per kg of product oxide.</summary>
public sealed class CostTests
{
    private static Price P(double v) => new(v, ProvenanceTag.Indicative, "test");

    [Fact]
    public void Costs_add_reagents_and_annualised_stages_and_share_them_among_the_products_by_value()
    {
        var costs = new CostDefinition("USD", new Dictionary<string, Price> { ["HCl"] = P(1), ["NaOH"] = P(2) }, null, P(8000), 8000,
            new Dictionary<string, Price> { ["PrNd.raffinate"] = P(50), ["PrNd.strip-liquor"] = P(100) });
        var fs = Build.PrNd() with { Costs = costs };
        var r = Build.Solve(fs);
        var c = CostResult.Compute(costs, fs, r);
        // reagents: 1 per kg of acid, 2 per kg of base; stages: 58 stages × 8000 per year ÷ 8000 h = 58 per hour
        Assert.Equal(r.Reagents.AcidKgPerH * 1 + r.Reagents.BaseKgPerH * 2, c.ReagentsPerH, 12);
        Assert.Equal(58.0, c.StagesPerH, 12);
        Assert.Equal(0.0, c.OrganicPerH);
        Assert.Empty(c.Unpriced);
        // oxide of a stream: Σ mol/h × oxide g/mol per atom (Pr6O11/6 = (6·140.908 + 11·16)/6 = 170.24, Nd2O3/2 = (2·144.242 + 3·16)/2 = 168.24) ÷ 1000
        var raff = r.Stream("PrNd.raffinate")!;
        double raffOxide = (raff.MolarFlow(r.IndexOf("Pr")) * Chemistry.Elements.OxideMass("Pr") + raff.MolarFlow(r.IndexOf("Nd")) * Chemistry.Elements.OxideMass("Nd")) / 1000;
        Assert.Equal(raffOxide, c.Products[0].OxideKgPerH, 12);
        // the shares add up to the whole cost, and cost per kg goes with the price per kg (100/50 = 2)
        Assert.Equal(c.TotalPerH, c.Products.Sum(p => p.CostPerKgOxide * p.OxideKgPerH), 9);
        Assert.Equal(2.0, c.Products[1].CostPerKgOxide / c.Products[0].CostPerKgOxide, 12);
        Assert.Equal(c.TotalPerH / (c.Products[0].OxideKgPerH + c.Products[1].OxideKgPerH), c.PerKgOxide, 12);
    }

    [Fact]
    public void A_reagent_without_a_price_and_an_inventory_without_stage_volume_are_named_not_costed_as_zero()
    {
        var costs = new CostDefinition("USD", new Dictionary<string, Price>(), P(10), null, 8000, new Dictionary<string, Price>());
        var fs = Build.PrNd() with { Costs = costs };
        var c = CostResult.Compute(costs, fs, Build.Solve(fs));
        Assert.Contains(c.Unpriced, u => u.StartsWith("HCl", StringComparison.Ordinal));
        Assert.Contains(c.Unpriced, u => u.StartsWith("NaOH", StringComparison.Ordinal));
        Assert.Contains(c.Unpriced, u => u.Contains("stage-volume", StringComparison.Ordinal));
        // without product prices the cost is shared by oxide mass: every product costs the network's per kg
        Assert.Equal(c.PerKgOxide, c.Products[0].CostPerKgOxide, 12);
        Assert.Equal(c.PerKgOxide, c.Products[1].CostPerKgOxide, 12);
    }
}
