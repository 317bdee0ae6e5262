using SxCascade.Flowsheets;

namespace SxCascade.IO.Tests;

/// <summary>The costs: block: prices with tag and source, errors at their lines.</summary>
public sealed class CostsMappingTests
{
    private static string File(string costs) =>
        System.IO.File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "flowsheets", "prnd-p507.yaml")) + costs;

    [Fact]
    public void Prices_are_read_with_their_tag_and_source()
    {
        var r = FlowsheetLoader.Parse(File("""
            costs:
              currency: EUR
              hours-per-year: 7000
              reagents:
                HCl: { price: 0.2, tag: measured, source: quote A }
              stage: { price: 3000, tag: indicative, source: typical }
              products:
                PrNd.raffinate: { price: 60, tag: secondary, source: report B }
            """), "t.yaml");
        Assert.True(r.Ok, string.Join("\n", r.Errors));
        var c = r.Flowsheet!.Costs!;
        Assert.Equal("EUR", c.Currency);
        Assert.Equal(7000, c.HoursPerYear);
        Assert.Equal(0.2, c.Reagents["HCl"].Value);
        Assert.Equal(ProvenanceTag.Measured, c.Reagents["HCl"].Tag);
        Assert.Equal("quote A", c.Reagents["HCl"].Source);
        Assert.Equal(ProvenanceTag.Indicative, c.Stage!.Tag);
        Assert.Null(c.Organic);
        Assert.Equal(60, c.Products["PrNd.raffinate"].Value);
    }

    [Fact]
    public void A_price_without_tag_or_source_a_negative_price_and_an_unknown_key_are_errors_at_their_lines()
    {
        // the file has 27 lines; costs: is line 28
        var r = FlowsheetLoader.Parse(File("""
            costs:
              reagents:
                HCl: { price: -1 }
              bogus: 1
            """), "t.yaml");
        Assert.False(r.Ok);
        var text = string.Join("\n", r.Errors);
        Assert.Contains("t.yaml:30:5: costs.reagents.HCl has no tag", text);
        Assert.Contains("costs.reagents.HCl has no source", text);
        Assert.Contains("costs.reagents.HCl.price must be 0 or more; got '-1'", text);
        Assert.Contains("t.yaml:31:3: unknown key 'bogus' in costs", text);
    }
}
