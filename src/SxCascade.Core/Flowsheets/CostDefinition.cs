namespace SxCascade.Flowsheets;

/// <summary>A price with its provenance (MODEL.md §10): the value, its tag and where it comes from.</summary>
/// <param name="Value">Price in the block's currency per the unit of its key (≥ 0).</param>
/// <param name="Tag">How far it can be trusted; an <see cref="ProvenanceTag.Indicative"/> price is never shown as measured.</param>
/// <param name="Source">Where it comes from (a quote, a market report, a paper).</param>
public sealed record Price(double Value, ProvenanceTag Tag, string Source);

/// <summary>
/// The <c>costs:</c> block of a flowsheet (MODEL.md §10): reagent prices per kg (100 % basis) by
/// chemical as the reagent accounting names it (HCl, H2SO4, NaOH, NH3, …), the organic inventory's
/// price per L per year (extractant and diluent, annualised), the capital of a stage per year
/// (annualised), the operating hours per year, and the value of each product stream per kg of oxide.
/// </summary>
/// <param name="Currency">Currency code (e.g. USD), for reports only.</param>
/// <param name="Reagents">Price per kg of each chemical.</param>
/// <param name="Organic">Price per L of organic inventory per year, or null.</param>
/// <param name="Stage">Annualised capital per stage per year, or null.</param>
/// <param name="HoursPerYear">Operating hours per year (default 8000), to turn the yearly costs into hourly ones.</param>
/// <param name="Products">Value per kg of oxide of each product stream (by stream name).</param>
public sealed record CostDefinition(string Currency, IReadOnlyDictionary<string, Price> Reagents, Price? Organic, Price? Stage,
    double HoursPerYear, IReadOnlyDictionary<string, Price> Products)
{
    /// <summary>Default operating hours per year.</summary>
    public const double DefaultHoursPerYear = 8000;
}
