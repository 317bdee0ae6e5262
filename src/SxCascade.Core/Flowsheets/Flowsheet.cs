namespace SxCascade.Flowsheets;

/// <summary>
/// Immutable description of a flowsheet (FORMAT.md): feeds, cascades, chemistry, specs and solver
/// options, all in engine units (flows L/h, concentrations mol/L, volumes L).
/// </summary>
/// <param name="Name">Short title used in tables and legends.</param>
/// <param name="Description">Free text (sources, assumptions).</param>
/// <param name="Chemistry">Default chemistry for every cascade that does not name its own.</param>
/// <param name="Feeds">External feed streams.</param>
/// <param name="Cascades">Cascades in file order.</param>
/// <param name="Specs">Product targets.</param>
/// <param name="Solver">Solver options.</param>
public sealed record Flowsheet(
    string Name,
    string? Description,
    ChemistryDefinition? Chemistry,
    IReadOnlyList<FeedStream> Feeds,
    IReadOnlyList<CascadeDefinition> Cascades,
    IReadOnlyList<ProductSpec> Specs,
    SolverOptions Solver)
{
    /// <summary>Basis of reported purities and purity specs (MODEL.md §4): mole fraction among rare earths (default) or oxide mass fraction.</summary>
    public PurityBasis PurityBasis { get; init; } = PurityBasis.Mole;

    /// <summary>The flowsheet as a graph of cascades and streams, built once for this value (<see cref="FlowsheetGraph.Of"/>).</summary>
    public FlowsheetGraph Graph => FlowsheetGraph.Of(this);

    /// <summary>Prices with their provenance (the <c>costs:</c> block, MODEL.md §10), or null.</summary>
    public CostDefinition? Costs { get; init; }

    /// <summary>The chemistry that applies to <paramref name="cascade"/>.</summary>
    public ChemistryDefinition ChemistryOf(CascadeDefinition cascade) =>
        cascade.Chemistry ?? Chemistry ?? throw new InvalidOperationException($"cascade '{cascade.Name}' has no chemistry");

    /// <summary>
    /// Every element that enters the flowsheet, rare earths first in atomic order, then the
    /// aqueous species a chemistry solves (H⁺, sulfate), which take the feeds' acid species.
    /// </summary>
    public string[] Elements()
    {
        var metals = SxCascade.Chemistry.Elements.Sorted(
            Feeds.SelectMany(f => f.Concentrations.Keys)
                 .Concat(Cascades.SelectMany(c => c.Organic.Composition?.Keys ?? Enumerable.Empty<string>()))
                 .Concat(Cascades.SelectMany(c => c.Scrub?.Composition?.Keys ?? Enumerable.Empty<string>()))
                 .Concat(Cascades.SelectMany(c => c.Strip?.Composition?.Keys ?? Enumerable.Empty<string>()))
                 .Where(e => !FeedStream.AcidSpecies.Contains(e)));
        var species = Cascades.Select(ChemistryOrNull).Append(Chemistry).OfType<ChemistryDefinition>()
            .SelectMany(c => c.SolvedSpecies).Distinct().OrderBy(s => s, StringComparer.Ordinal);
        return metals.Concat(species).ToArray();
    }

    private ChemistryDefinition? ChemistryOrNull(CascadeDefinition c) => c.Chemistry ?? Chemistry;
}

/// <summary>MODEL.md §4: what a product's purity is a fraction of.</summary>
public enum PurityBasis
{
    /// <summary>Mole fraction among the rare earths (the default).</summary>
    Mole,
    /// <summary>Oxide mass fraction among the rare-earth oxides (La2O3, CeO2, Pr6O11, … per metal atom).</summary>
    OxideMass,
}

/// <summary>The file's spelling of a <see cref="PurityBasis"/> (key <c>purity-basis</c>).</summary>
public static class PurityBases
{
    /// <summary>Every spelling, in the order of the enum.</summary>
    public static readonly IReadOnlyList<string> Names = ["mole", "oxide-mass"];

    /// <summary>"mole" or "oxide-mass".</summary>
    public static string Name(this PurityBasis basis) => Names[(int)basis];

    /// <summary>The basis a spelling names (as <see cref="Names"/>).</summary>
    public static PurityBasis Parse(string name) => (PurityBasis)Names.ToList().IndexOf(name);

    /// <summary>
    /// Weight of each element in a purity on <paramref name="basis"/>: 1 per mole or its oxide mass per
    /// atom for a rare earth, 0 for anything else (purity is a fraction among the rare earths).
    /// </summary>
    public static double[] Weights(this PurityBasis basis, IReadOnlyList<string> elements) =>
        SxCascade.Chemistry.Elements.PurityWeights(elements, basis == PurityBasis.OxideMass);
}

/// <summary>An external feed stream.</summary>
/// <param name="Name">Feed name (letters, digits, '-', '_').</param>
/// <param name="Flow">Volumetric flow, L/h (&gt; 0).</param>
/// <param name="Concentrations">Element concentrations, mol/L (≥ 0).</param>
/// <param name="Acid">Free acid, mol/L H⁺ (≥ 0).</param>
public sealed record FeedStream(string Name, double Flow, IReadOnlyDictionary<string, double> Concentrations, double Acid)
{
    /// <summary>Aqueous acid species a feed may list in its composition.</summary>
    public static readonly IReadOnlySet<string> AcidSpecies = new HashSet<string>(StringComparer.Ordinal) { "H+", "HSO4-", "SO4--" };

    /// <summary>
    /// What the feed carries of an element or solved species, mol/L: total acidity for "H+"
    /// (acid + H⁺ + HSO₄⁻), total sulfate for "SO4--" (HSO₄⁻ + SO₄²⁻), else the concentration.
    /// </summary>
    public double Content(string element) => element switch
    {
        "H+" => Acid + Concentrations.GetValueOrDefault("H+") + Concentrations.GetValueOrDefault("HSO4-"),
        "SO4--" => Concentrations.GetValueOrDefault("HSO4-") + Concentrations.GetValueOrDefault("SO4--"),
        _ => Concentrations.GetValueOrDefault(element),
    };

    /// <summary>The built-in feed distribution the composition was computed from, or null when the file gave it.</summary>
    public Provenance? Provenance { get; init; }
}

/// <summary>Section of a cascade, in order along the organic flow (MODEL.md §1).</summary>
public enum SectionKind
{
    /// <summary>Stages 1..n.</summary>
    Extraction,
    /// <summary>Stages n+1..n+m.</summary>
    Scrub,
    /// <summary>Stages n+m+1..N.</summary>
    Strip,
}

/// <summary>The file's spelling of a <see cref="SectionKind"/>: "extraction", "scrub", "strip" (results, tables, figures).</summary>
public static class SectionKinds
{
    /// <summary>Lower-case section name as in the file format.</summary>
    public static string Name(this SectionKind section) => section switch
    {
        SectionKind.Extraction => "extraction",
        SectionKind.Scrub => "scrub",
        SectionKind.Strip => "strip",
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, null),
    };
}

/// <summary>One counter-current cascade.</summary>
/// <param name="Name">Cascade name; outlets are NAME.raffinate etc.</param>
/// <param name="FeedFrom">A feed name or another cascade's aqueous outlet ("LaCe.strip-liquor").</param>
/// <param name="FeedStage">Stage the aqueous feed enters (1..n); null means n.</param>
/// <param name="ExtractionStages">n ≥ 1.</param>
/// <param name="Scrub">Scrub section, or null.</param>
/// <param name="Strip">Strip section, or null.</param>
/// <param name="Organic">Organic inlet.</param>
/// <param name="Efficiency">Murphree stage efficiency on the organic, 0 &lt; η ≤ 1.</param>
/// <param name="StageVolume">Mixer + settler volume per stage, L, for inventory.</param>
/// <param name="Chemistry">Chemistry for this cascade, overriding the flowsheet default.</param>
/// <param name="Contactor">Contactor type (its preset gave <paramref name="Efficiency"/> when the file did not; hold-up per stage when no <paramref name="StageVolume"/>).</param>
public sealed record CascadeDefinition(
    string Name,
    string FeedFrom,
    int? FeedStage,
    int ExtractionStages,
    ScrubDefinition? Scrub,
    StripDefinition? Strip,
    OrganicDefinition Organic,
    double Efficiency = 1.0,
    double? StageVolume = null,
    ChemistryDefinition? Chemistry = null,
    Contactor? Contactor = null)
{
    /// <summary>Scrub stages m (0 without a scrub section).</summary>
    public int ScrubStages => Scrub?.Stages ?? 0;
    /// <summary>Strip stages k (0 without a strip section).</summary>
    public int StripStages => Strip?.Stages ?? 0;
    /// <summary>Total stages N = n + m + k.</summary>
    public int TotalStages => ExtractionStages + ScrubStages + StripStages;
    /// <summary>The feed stage actually used (default n).</summary>
    public int EffectiveFeedStage => FeedStage ?? ExtractionStages;
    /// <summary>True when the stripped organic is recycled to stage 1.</summary>
    public bool RecyclesOrganic => Strip is not null && Organic.Composition is null && Organic.From is null;

    /// <summary>
    /// Feeds after the first (FORMAT.md "Networks", <c>feeds:</c>): each an aqueous source entering an
    /// extraction stage; the first feed is <see cref="FeedFrom"/> at <see cref="FeedStage"/>. None by default.
    /// </summary>
    public IReadOnlyList<CascadeFeed> AdditionalFeeds { get; init; } = [];

    /// <summary>True when the file lists the feeds (<c>feeds:</c>) rather than giving one <c>feed:</c>; it sets where errors point.</summary>
    public bool FeedsListed { get; init; }

    /// <summary>Every feed of the cascade: the first (<see cref="FeedFrom"/>), then <see cref="AdditionalFeeds"/>.</summary>
    public IReadOnlyList<CascadeFeed> AllFeeds => [new CascadeFeed(FeedFrom, FeedStage) { Fraction = FeedFraction }, .. AdditionalFeeds];

    /// <summary>The file path of feed <paramref name="k"/> (0-based): "feed" or "feeds.k".</summary>
    public string FeedPath(int k) => FeedsListed ? $"feeds.{k}" : "feed";

    /// <summary>Side draws (FORMAT.md "Networks", <c>draws:</c>): streams taken out of a stage's outlet; none by default.</summary>
    public IReadOnlyList<SideDraw> Draws { get; init; } = [];

    /// <summary>Share of <see cref="FeedFrom"/> the first feed takes (<c>from: { stream, fraction }</c>); 1 takes it whole.</summary>
    public double FeedFraction { get; init; } = 1;
}

/// <summary>One aqueous feed of a cascade.</summary>
/// <param name="From">A feed name or another cascade's aqueous outlet ("LaCe.strip-liquor").</param>
/// <param name="Stage">Extraction stage it enters (1..n); null means n.</param>
public sealed record CascadeFeed(string From, int? Stage)
{
    /// <summary>Share of the stream taken (<c>from: { stream, fraction }</c>, a splitter), 0 &lt; f ≤ 1; 1 takes it whole.</summary>
    public double Fraction { get; init; } = 1;
}

/// <summary>
/// A side draw: part of one stage's outlet of one phase taken out of the cascade (a third outlet,
/// e.g. a Eu-rich cut between Sm and Gd); its stream is CASCADE.NAME. Give a flow or a fraction.
/// </summary>
/// <param name="Name">Outlet name (letters, digits, '-', '_'); not one of the fixed outlets.</param>
/// <param name="Stage">1-based stage whose outlet it is taken from.</param>
/// <param name="Phase">Phase of the outlet (aqueous draws are solved; organic ones are not supported yet).</param>
/// <param name="Flow">Flow taken, L/h (&gt; 0, below the stage's outlet flow), or null.</param>
/// <param name="Fraction">Fraction of the stage's outlet taken (0 &lt; f &lt; 1), or null.</param>
public sealed record SideDraw(string Name, int Stage, StreamPhase Phase, double? Flow, double? Fraction);

/// <summary>Scrub section. Acid scrub: <see cref="Flow"/> of <see cref="Acid"/>; reflux scrub: a fraction of the strip liquor.</summary>
/// <param name="Stages">m ≥ 1.</param>
/// <param name="Flow">Scrub solution flow, L/h (acid scrub).</param>
/// <param name="Acid">Scrub acid, mol/L H⁺.</param>
/// <param name="Reflux">Fraction of the strip liquor returned as scrub solution (0 &lt; r &lt; 1), or null for an acid scrub.</param>
/// <param name="Composition">Rare earths in the scrub solution, mol/L (optional; an acid scrub normally has none).</param>
public sealed record ScrubDefinition(int Stages, double Flow, double Acid, double? Reflux = null, IReadOnlyDictionary<string, double>? Composition = null)
{
    /// <summary>True for a reflux scrub.</summary>
    public bool IsReflux => Reflux is not null;

    /// <summary>
    /// <c>scrub.from</c>: another cascade's aqueous outlet (a strip liquor, a raffinate, a side draw)
    /// taken whole as the scrub solution (a linked scrub, no fresh acid), or null. Its flow and
    /// composition are the solved stream's; <see cref="Flow"/> and <see cref="Acid"/> are then 0.
    /// </summary>
    public string? From { get; init; }

    /// <summary>Share of <see cref="From"/> taken (<c>from: { stream, fraction }</c>); 1 takes it whole.</summary>
    public double FromFraction { get; init; } = 1;
}

/// <summary>Strip section.</summary>
/// <param name="Stages">k ≥ 1.</param>
/// <param name="Flow">Strip solution flow, L/h.</param>
/// <param name="Acid">Strip acid, mol/L H⁺.</param>
public sealed record StripDefinition(int Stages, double Flow, double Acid)
{
    /// <summary>Rare earths (or impurities) dissolved in the strip solution, mol/L (<c>strip.composition</c>); null for a plain acid.</summary>
    public IReadOnlyDictionary<string, double>? Composition { get; init; }
}

/// <summary>Organic inlet to stage 1.</summary>
/// <param name="Flow">Organic flow, L/h.</param>
/// <param name="Composition">Pre-loaded organic, mol/L; null means fresh (or recycled when a strip exists).</param>
public sealed record OrganicDefinition(double Flow, IReadOnlyDictionary<string, double>? Composition = null)
{
    /// <summary>
    /// <c>organic.recycle</c>: fraction r of the stripped organic returned to stage 1 (0 &lt; r ≤ 1); the
    /// rest leaves as CASCADE.bleed and fresh organic makes the flow up. Null when the file gives
    /// none: all of it is recycled (r = 1) when a strip section exists and the organic is not pre-loaded.
    /// </summary>
    public double? Recycle { get; init; }

    /// <summary>
    /// <c>organic.from</c>: another cascade's organic outlet (CASCADE.loaded-organic, a stripped organic
    /// that is not recycled, or a bleed) taken whole as this cascade's organic inlet (linked
    /// extraction), or null. <see cref="Flow"/> is then the total organic flow if larger (the rest
    /// fresh make-up) or 0 when the file gives none (the linked stream's flow).
    /// </summary>
    public string? From { get; init; }

    /// <summary>Share of <see cref="From"/> taken (<c>from: { stream, fraction }</c>); 1 takes it whole.</summary>
    public double FromFraction { get; init; } = 1;
}

/// <summary>A product target (FORMAT.md "specs").</summary>
/// <param name="Stream">Stream name, e.g. "PrNd.raffinate".</param>
/// <param name="Elements">One element, or a group whose summed purity/recovery is meant.</param>
/// <param name="Purity">Minimum mole fraction among rare earths, or null.</param>
/// <param name="Recovery">Minimum fraction of the group's inflow leaving in this stream, or null.</param>
public sealed record ProductSpec(string Stream, IReadOnlyList<string> Elements, double? Purity, double? Recovery);

/// <summary>Which steady-state solver to use.</summary>
public enum SolverMethod
{
    /// <summary>Newton on the block-tridiagonal stage system (default).</summary>
    Newton,
    /// <summary>Stage-to-stage successive substitution (baseline and fallback).</summary>
    Substitution,
}

/// <summary>Solver options.</summary>
/// <param name="Tolerance">Largest stage balance residual, relative to each element's inflow.</param>
/// <param name="MaxIterations">Iteration limit; null for the method's default.</param>
/// <param name="Method">Solver.</param>
public sealed record SolverOptions(double Tolerance = 1e-10, int? MaxIterations = null, SolverMethod Method = SolverMethod.Newton);
