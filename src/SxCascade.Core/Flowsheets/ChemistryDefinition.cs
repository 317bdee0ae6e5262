namespace SxCascade.Flowsheets;

/// <summary>
/// A chemistry block of a flowsheet. The <see cref="Model"/> key picks the equilibrium model
/// through <see cref="Equilibrium.EquilibriumModels"/>.
/// </summary>
/// <param name="Model">File key: constant-d, separation-factor, mass-action.</param>
/// <param name="SaponificationAgent">NaOH, NH3, Mg(OH)2, Ca(OH)2 or null (none).</param>
public abstract record ChemistryDefinition(string Model, string? SaponificationAgent)
{
    /// <summary>Elements this chemistry defines equilibrium data for.</summary>
    public abstract IReadOnlyCollection<string> DefinedElements { get; }
}

/// <summary>MODEL.md §3.1: a constant distribution ratio per element, optionally per section.</summary>
/// <param name="DistributionRatios">Default D per element.</param>
/// <param name="PerSection">Overrides per section (extraction, scrub, strip).</param>
/// <param name="SaponificationAgent">Agent for reagent accounting, or null.</param>
public sealed record ConstantDChemistry(
    IReadOnlyDictionary<string, double> DistributionRatios,
    IReadOnlyDictionary<SectionKind, IReadOnlyDictionary<string, double>> PerSection,
    string? SaponificationAgent = null)
    : ChemistryDefinition("constant-d", SaponificationAgent)
{
    /// <inheritdoc />
    public override IReadOnlyCollection<string> DefinedElements =>
        DistributionRatios.Keys.Concat(PerSection.Values.SelectMany(d => d.Keys)).Distinct().ToArray();

    /// <summary>D of <paramref name="element"/> in <paramref name="section"/>, or null when undefined.</summary>
    public double? RatioFor(string element, SectionKind section) =>
        PerSection.TryGetValue(section, out var map) && map.TryGetValue(element, out var d) ? d
        : DistributionRatios.TryGetValue(element, out var d0) ? d0 : null;
}

/// <summary>MODEL.md §3.2: saturated organic with constant separation factors.</summary>
/// <param name="Extractant">Label only.</param>
/// <param name="SeparationFactors">Relative extractability β per element (only ratios matter), &gt; 0.</param>
/// <param name="Loading">Saturated organic rare-earth concentration L, mol/L.</param>
/// <param name="StripDistributionRatios">Constant D per element in the strip section.</param>
/// <param name="SaponificationAgent">Agent for reagent accounting.</param>
public sealed record SeparationFactorChemistry(
    string? Extractant,
    IReadOnlyDictionary<string, double> SeparationFactors,
    double Loading,
    IReadOnlyDictionary<string, double> StripDistributionRatios,
    string? SaponificationAgent = "NaOH")
    : ChemistryDefinition("separation-factor", SaponificationAgent)
{
    /// <inheritdoc />
    public override IReadOnlyCollection<string> DefinedElements => SeparationFactors.Keys.ToArray();
}
