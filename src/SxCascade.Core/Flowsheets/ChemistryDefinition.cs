namespace SxCascade.Flowsheets;

/// <summary>
/// A chemistry block of a flowsheet. The <see cref="Model"/> key picks the equilibrium model
/// through <see cref="Equilibrium.EquilibriumModels"/>.
/// </summary>
/// <param name="Model">File key: constant-d, separation-factor, mass-action.</param>
/// <param name="SaponificationAgent">NaOH, NH3, Mg(OH)2, Ca(OH)2 or null (none).</param>
public abstract record ChemistryDefinition(string Model, string? SaponificationAgent)
{
    /// <summary>
    /// The model keys a chemistry block can have, one per definition record below; the registry of
    /// equilibrium models (SxCascade.Equilibrium.EquilibriumModels) binds each of them, so that
    /// validation checks a key here without depending on the equilibrium models.
    /// </summary>
    public static IReadOnlyList<string> ModelKeys { get; } = ["constant-d", "separation-factor", "mass-action"];

    /// <summary>Elements this chemistry defines equilibrium data for.</summary>
    public abstract IReadOnlyCollection<string> DefinedElements { get; }

    /// <summary>Aqueous species the model solves besides the metals (H⁺, sulfate); none by default.</summary>
    public virtual IReadOnlyList<string> SolvedSpecies => [];

    /// <summary>Base equivalents per litre of organic supplied by saponification, mol/L, when the model's proton balance uses them.</summary>
    public virtual double SaponificationPerLitre => 0;

    /// <summary>Ionic charge of an element in this chemistry.</summary>
    public virtual int ChargeOf(string element) => Chemistry.Elements.DefaultCharge(element);

    /// <summary>The built-in system this chemistry was taken from (with what the file overrode), or null when the file wrote it out.</summary>
    public Provenance? Provenance { get; init; }
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

    /// <summary>
    /// The saturated loading of every stage of <paramref name="layout"/>, mol/L: L in extraction and
    /// scrub stages, <see cref="TopScrubLoading"/> in the top scrub stage of an acid scrub, NaN in
    /// strip stages (constant strip distribution ratios there).
    /// </summary>
    public double[] StageLoadings(StageLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var loading = new double[layout.Stages];
        for (int j = 0; j < loading.Length; j++)
            loading[j] = layout.Sections[j] == SectionKind.Strip ? double.NaN : Loading;
        if (layout.Inlets.FirstOrDefault(s => s.Kind == InletKind.ScrubSolution) is { } scrub)
            loading[scrub.Stage] = TopScrubLoading(Loading, scrub.Flow * scrub.Acid, layout.OrganicFlow, layout.Definition.Efficiency);
        return loading;
    }

    /// <summary>
    /// L_{n+m} = L − H_scrub/(3·O): 3 H⁺ strip one RE³⁺ and the acid is used up (MODEL.md §3.2).
    /// With a Murphree efficiency η the organic moves only η of the way to y*, so the equilibrium
    /// target is set to L − H_scrub/(3·O·η): a saturated organic arriving at the top stage then
    /// leaves it at L − H_scrub/(3·O), and the acid is still used up.
    /// </summary>
    /// <param name="loading">L, mol/L.</param>
    /// <param name="scrubAcid">H_scrub, mol/h.</param>
    /// <param name="organicFlow">O, L/h.</param>
    /// <param name="efficiency">Murphree efficiency η.</param>
    public static double TopScrubLoading(double loading, double scrubAcid, double organicFlow, double efficiency = 1.0) =>
        loading - scrubAcid / (3.0 * organicFlow * efficiency);
}

/// <summary>Aqueous medium of a mass-action chemistry.</summary>
public enum Medium
{
    /// <summary>HCl: H⁺ fully free.</summary>
    Chloride,
    /// <summary>H₂SO₄: HSO₄⁻ ⇌ H⁺ + SO₄²⁻ in every stage.</summary>
    Sulfate,
}

/// <summary>The acidic extractant of a mass-action chemistry.</summary>
/// <param name="Name">Label (D2EHPA, P507, …).</param>
/// <param name="Concentration">E_total, mol/L (&gt; 0).</param>
/// <param name="MolarMass">g/mol, for % v/v correlations.</param>
/// <param name="Density">g/L, for % v/v correlations.</param>
/// <param name="Saponification">Fraction s of E_total pre-neutralised (0 ≤ s ≤ 1).</param>
/// <param name="Agent">Saponification agent, or null.</param>
public sealed record Extractant(string? Name, double Concentration, double? MolarMass, double? Density, double Saponification, string? Agent)
{
    /// <summary>e in % v/v for e in mol/L: e·M/ρ·100.</summary>
    public double PercentPerMolar => MolarMass is { } m && Density is { } rho ? m / rho * 100 : double.NaN;
}

/// <summary>How D of one element depends on the stage (MODEL.md §3.3).</summary>
public enum DistributionLawKind
{
    /// <summary>log10 D = log10 K + n·log10 e − z·log10 [H⁺].</summary>
    LogK,
    /// <summary>log10 D = a + b·pH + c·log10 e + d·pH·e.</summary>
    LogD,
    /// <summary>Constant D.</summary>
    Constant,
}

/// <summary>Distribution law of one element in a mass-action chemistry.</summary>
/// <param name="Kind">Which law.</param>
/// <param name="LogK">log10 K (LogK).</param>
/// <param name="ExtractantOrder">n (LogK).</param>
/// <param name="Constant">a (LogD) or D (Constant).</param>
/// <param name="Ph">b (LogD).</param>
/// <param name="LogExtractant">c (LogD).</param>
/// <param name="PhExtractant">d (LogD).</param>
/// <param name="PercentVolume">True when e in the correlation is in % v/v rather than mol/L.</param>
/// <param name="Charge">z.</param>
/// <param name="Consumes">ν: extractant molecules bound per ion.</param>
public sealed record DistributionLaw(
    DistributionLawKind Kind, double LogK, double ExtractantOrder, double Constant, double Ph, double LogExtractant, double PhExtractant,
    bool PercentVolume, int Charge, double Consumes);

/// <summary>MODEL.md §3.3: pH-dependent distribution with extractant depletion and a proton balance.</summary>
/// <param name="Medium">Chloride or sulfate.</param>
/// <param name="PkaBisulfate">pKa of HSO₄⁻ (default 1.99).</param>
/// <param name="Extractant">The extractant.</param>
/// <param name="Laws">Distribution law per element.</param>
public sealed record MassActionChemistry(Medium Medium, double PkaBisulfate, Extractant Extractant, IReadOnlyDictionary<string, DistributionLaw> Laws)
    : ChemistryDefinition("mass-action", Extractant.Agent)
{
    /// <summary>Species name of the aqueous acidity (solved as free [H⁺], carried as total acidity).</summary>
    public const string Proton = "H+";
    /// <summary>Species name of total sulfate (sulfate media).</summary>
    public const string Sulfate = "SO4--";

    /// <summary>
    /// The name results give the solved species <see cref="Proton"/>: total acidity [H⁺] + [HSO₄⁻] −
    /// K_w/[H⁺], in mol/L of H⁺ equivalents, distinct from the inputs' <c>H+</c> (free H⁺).
    /// </summary>
    public const string TotalAcidity = "acidity";

    /// <summary>The name results give the solved species <see cref="Sulfate"/>: total sulfate [HSO₄⁻] + [SO₄²⁻], distinct from the inputs' <c>SO4--</c> (free sulfate).</summary>
    public const string TotalSulfate = "sulfate";

    /// <summary>True for <see cref="Proton"/> and <see cref="Sulfate"/>, the species the acid brings (no purity, no recovery).</summary>
    public static bool IsSolvedSpecies(string species) => species is Proton or Sulfate;

    /// <summary>The name of an element or solved species in results (JSON keys, CSV columns, tables): <see cref="TotalAcidity"/>, <see cref="TotalSulfate"/>, else the symbol.</summary>
    public static string ResultName(string species) => species switch
    {
        Proton => TotalAcidity,
        Sulfate => TotalSulfate,
        _ => species,
    };

    /// <inheritdoc />
    public override IReadOnlyCollection<string> DefinedElements => Laws.Keys.ToArray();

    /// <inheritdoc />
    public override IReadOnlyList<string> SolvedSpecies => Medium == Medium.Sulfate ? [Proton, Sulfate] : [Proton];

    /// <inheritdoc />
    public override double SaponificationPerLitre => Extractant.Saponification * Extractant.Concentration;

    /// <inheritdoc />
    public override int ChargeOf(string element) => Laws.TryGetValue(element, out var law) ? law.Charge : base.ChargeOf(element);
}
