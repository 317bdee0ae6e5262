using SxCascade.Flowsheets;

namespace SxCascade.Results;

/// <summary>
/// Everything a solve produced (FORMAT.md "Results"). Concentration arrays are aligned with
/// <see cref="Elements"/>; flows are L/h, concentrations mol/L, molar flows mol/h.
/// </summary>
public sealed record FlowsheetResult(
    string Name,
    bool Converged,
    int Iterations,
    double MaxBalanceError,
    IReadOnlyList<string> Elements,
    IReadOnlyList<double> BalanceErrors,
    IReadOnlyList<StreamResult> Streams,
    IReadOnlyList<StageResult> Stages,
    IReadOnlyList<CascadeSummary> Cascades,
    ReagentSummary Reagents,
    IReadOnlyList<SpecResult> Specs,
    IReadOnlyList<SolveReport> Reports,
    double SolveMilliseconds)
{
    /// <summary>The stream called <paramref name="name"/>, or null.</summary>
    public StreamResult? Stream(string name) => Streams.FirstOrDefault(s => s.Name == name);

    /// <summary>Index of <paramref name="element"/> in <see cref="Elements"/>, or -1.</summary>
    public int IndexOf(string element)
    {
        for (int i = 0; i < Elements.Count; i++)
            if (Elements[i] == element) return i;
        return -1;
    }

    /// <summary>True when every spec is met (true when there are none).</summary>
    public bool SpecsMet => Specs.All(s => s.Met);

    /// <summary>
    /// Largest relative error of the extractant balance e + Σ ν_i·y*_i = E_total over all stages,
    /// y* the organic in equilibrium with the stage's aqueous (the reported organic when η = 1;
    /// mass-action chemistry only; null otherwise).
    /// </summary>
    public double? ExtractantBalanceError { get; init; }

    /// <summary>
    /// The checks of <see cref="ResultVerdict"/> the solved result failed (balances, finite and
    /// non-negative values, loading); empty when converged, and when the solver itself failed.
    /// </summary>
    public IReadOnlyList<FailedCheck> FailedChecks { get; init; } = [];

    /// <summary>Things a user should check that do not stop the solve (e.g. a correlation used far outside its range).</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>What enters the flowsheet per element (feeds, pre-loaded organic, acid solutions), mol/h, aligned with <see cref="Elements"/>.</summary>
    public IReadOnlyList<double> Inflows { get; init; } = [];

    /// <summary>Basis of <see cref="StreamResult.Purity"/> and of the purity specs (the flowsheet's).</summary>
    public PurityBasis PurityBasis { get; init; } = PurityBasis.Mole;

    /// <summary>
    /// Purity (on <see cref="PurityBasis"/>, among rare earths) and recovery (fraction of the group's
    /// inflow) of the element group <paramref name="group"/> in stream <paramref name="stream"/>; NaN where undefined.
    /// </summary>
    public (double Purity, double Recovery) GroupQuality(string stream, IEnumerable<string> group)
    {
        if (Stream(stream) is not { } s) return (double.NaN, double.NaN);
        var idx = group.Select(IndexOf).ToArray();
        if (idx.Any(i => i < 0)) return (double.NaN, double.NaN);
        double groupIn = 0, groupOut = 0;
        foreach (int i in idx)
        {
            groupOut += s.MolarFlow(i);
            groupIn += i < Inflows.Count ? Inflows[i] : double.NaN;
        }
        return (s.GroupPurity(Elements, idx, PurityBasis), groupIn > 0 ? groupOut / groupIn : double.NaN);
    }

    /// <summary>Built-in library entries (chemistry systems, feed distributions) the flowsheet used, each with its provenance.</summary>
    public IReadOnlyList<LibraryUse> Library { get; init; } = [];

    /// <summary>
    /// The products across the flowsheet (MODEL.md §9): each product stream that carries rare
    /// earths, with its main rare earth (the largest molar flow), that element's purity and its
    /// recovery against what enters the flowsheet, and its rare-earth oxide, kg/h; in stream order.
    /// </summary>
    public IReadOnlyList<ProductSummary> Products()
    {
        var list = new List<ProductSummary>();
        foreach (var s in Streams.Where(s => s.IsProduct))
        {
            int main = -1;
            double oxide = 0;
            for (int e = 0; e < Elements.Count; e++)
            {
                if (!Chemistry.Elements.IsRareEarth(Elements[e]) || !(s.MolarFlow(e) > 0)) continue;
                oxide += s.MolarFlow(e) * Chemistry.Elements.OxideMass(Elements[e]) / 1000.0;
                if (main < 0 || s.MolarFlow(e) > s.MolarFlow(main)) main = e;
            }
            if (main >= 0) list.Add(new ProductSummary(s.Name, Elements[main], s.Purity[main], s.Recovery[main], s.Flow, oxide));
        }
        return list;
    }

    /// <summary>The tear streams of the network's cycles and how each converged (empty without cycles; MODEL.md §9).</summary>
    public IReadOnlyList<TearReport> Tears { get; init; } = [];
}

/// <summary>One built-in library entry a flowsheet used.</summary>
/// <param name="Provenance">The entry, its tag and source, and what the file overrode.</param>
/// <param name="UsedBy">Where: "cascade PrNd", "all cascades" (a top-level chemistry), "feed ore".</param>
public sealed record LibraryUse(Provenance Provenance, IReadOnlyList<string> UsedBy);

/// <summary>What role a stream plays.</summary>
public enum StreamKind
{
    /// <summary>External feed.</summary>
    Feed,
    /// <summary>Aqueous out of stage 1.</summary>
    Raffinate,
    /// <summary>Organic out of stage n+m (no strip section).</summary>
    LoadedOrganic,
    /// <summary>Aqueous out of stage n+m+1.</summary>
    StripLiquor,
    /// <summary>Organic out of stage N.</summary>
    StrippedOrganic,
    /// <summary>Organic into stage 1 from outside (fresh or pre-loaded; not when recycled from the strip).</summary>
    OrganicInlet,
    /// <summary>Acid scrub solution into stage n+m (with any rare earths it carries).</summary>
    ScrubSolution,
    /// <summary>Strip acid into stage N.</summary>
    StripSolution,
    /// <summary>A side draw out of an inner stage (FORMAT.md "Networks", <c>draws</c>).</summary>
    SideDraw,
    /// <summary>The stripped organic not recycled (<c>organic.recycle</c> below 1), CASCADE.bleed.</summary>
    Bleed,
}

/// <summary>One stream of the flowsheet.</summary>
/// <param name="Name">"feed-name" or "CASCADE.outlet".</param>
/// <param name="Kind">Role.</param>
/// <param name="Phase">"aqueous" or "organic".</param>
/// <param name="Flow">L/h.</param>
/// <param name="Concentrations">mol/L per element.</param>
/// <param name="Purity">Fraction among rare earths per element on the flowsheet's purity basis, mole or oxide mass (0 where the stream holds none).</param>
/// <param name="Recovery">Fraction of each element's flowsheet inflow in this stream.</param>
/// <param name="IsProduct">True when the stream leaves the flowsheet (not recycled, not fed on).</param>
public sealed record StreamResult(
    string Name,
    StreamKind Kind,
    string Phase,
    double Flow,
    IReadOnlyList<double> Concentrations,
    IReadOnlyList<double> Purity,
    IReadOnlyList<double> Recovery,
    bool IsProduct)
{
    /// <summary>True for a stream that enters the flowsheet from outside (a feed, an organic that is not recycled, a scrub or strip solution).</summary>
    public bool IsInlet { get; init; }

    /// <summary>The cascade the stream leaves, or null for a stream that enters the flowsheet from outside.</summary>
    public string? From { get; init; }

    /// <summary>The cascades that take the stream, whole or in part (a recycled organic names its own cascade), in file order; empty for a product.</summary>
    public IReadOnlyList<string> To { get; init; } = [];

    /// <summary>The acid an inlet is given with (a feed's <c>acid</c>, a scrub or strip solution's), mol/L of H⁺; null otherwise.</summary>
    public double? Acid { get; init; }

    /// <summary>Molar flow of element <paramref name="i"/>, mol/h.</summary>
    public double MolarFlow(int i) => Flow * Concentrations[i];

    /// <summary>
    /// Purity of the element group <paramref name="group"/> (indices into <paramref name="elements"/>)
    /// among the rare earths on <paramref name="basis"/> (MODEL.md §4); NaN when the stream holds no
    /// rare earth. A non-rare-earth in a mole-basis group counts by its moles (it has no oxide mass).
    /// </summary>
    public double GroupPurity(IReadOnlyList<string> elements, IEnumerable<int> group, PurityBasis basis)
    {
        var weights = basis.Weights(elements);
        double re = 0, inGroup = 0;
        for (int e = 0; e < elements.Count; e++) re += Concentrations[e] * weights[e];
        foreach (int i in group) inGroup += Concentrations[i] * (weights[i] > 0 || basis != PurityBasis.Mole ? weights[i] : 1);
        return re > 0 ? inGroup / re : double.NaN;
    }
}

/// <summary>Equilibrium state of one stage (outlet concentrations).</summary>
/// <param name="Cascade">Cascade name.</param>
/// <param name="Stage">1-based stage number.</param>
/// <param name="Section">Section of the stage.</param>
/// <param name="AqueousFlow">Aqueous outflow, L/h.</param>
/// <param name="OrganicFlow">Organic outflow, L/h.</param>
/// <param name="Aqueous">Aqueous content per element, mol/L (total acidity for H+).</param>
/// <param name="Organic">Organic concentration per element, mol/L (NaN for aqueous-only species).</param>
/// <param name="Ph">pH, where the chemistry computes it.</param>
/// <param name="FreeExtractant">Free extractant, mol/L (mass-action).</param>
/// <param name="LoadingFraction">Fraction of the extractant bound to metals (mass-action).</param>
public sealed record StageResult(
    string Cascade,
    int Stage,
    SectionKind Section,
    double AqueousFlow,
    double OrganicFlow,
    IReadOnlyList<double> Aqueous,
    IReadOnlyList<double> Organic,
    double? Ph,
    double? FreeExtractant = null,
    double? LoadingFraction = null);

/// <summary>Shape and inventory of one cascade, for tables and the profile figure.</summary>
/// <param name="Name">Cascade name.</param>
/// <param name="ExtractionStages">n.</param>
/// <param name="ScrubStages">m.</param>
/// <param name="StripStages">k.</param>
/// <param name="FeedStage">Stage the feed enters.</param>
/// <param name="OrganicFlow">L/h.</param>
/// <param name="OrganicInventory">Organic held in the stages, L (null without stage-volume).</param>
/// <param name="Model">Chemistry model key.</param>
public sealed record CascadeSummary(
    string Name, int ExtractionStages, int ScrubStages, int StripStages, int FeedStage,
    double OrganicFlow, double? OrganicInventory, string Model)
{
    /// <summary>N.</summary>
    public int TotalStages => ExtractionStages + ScrubStages + StripStages;

    /// <summary>Contactor type (e.g. "pulsed column"), or null when the file names none.</summary>
    public string? Contactor { get; init; }

    /// <summary>Where the contactor's values come from (preset values with their provenance tag, or the file's).</summary>
    public string? ContactorNote { get; init; }

    /// <summary>Mean hold-up time of the total flow per stage, min (null without stage-volume or contactor).</summary>
    public double? StageResidenceMinutes { get; init; }
}

/// <summary>Reagents and effluent salt (MODEL.md §4), per hour and per kg of product oxide.</summary>
public sealed record ReagentSummary(
    string AcidName,
    string? BaseName,
    string? SaltName,
    double AcidMolPerH,
    double BaseMolPerH,
    double SaltMolPerH,
    double AcidKgPerH,
    double BaseKgPerH,
    double SaltKgPerH,
    double ProductOxideKgPerH,
    double? OrganicInventoryL)
{
    /// <summary>kg acid (100 %) per kg of product oxide.</summary>
    public double AcidKgPerKgOxide => ProductOxideKgPerH > 0 ? AcidKgPerH / ProductOxideKgPerH : double.NaN;
    /// <summary>kg base per kg of product oxide.</summary>
    public double BaseKgPerKgOxide => ProductOxideKgPerH > 0 ? BaseKgPerH / ProductOxideKgPerH : double.NaN;
    /// <summary>kg effluent salt per kg of product oxide.</summary>
    public double SaltKgPerKgOxide => ProductOxideKgPerH > 0 ? SaltKgPerH / ProductOxideKgPerH : double.NaN;

    /// <summary>
    /// Every chemical bought or discharged, one entry per kind and chemical (cascades with
    /// different media or saponification agents give several); the totals above are their sums.
    /// </summary>
    public IReadOnlyList<ReagentUse> Uses { get; init; } = [];

    /// <summary>
    /// What each cascade takes (MODEL.md §9): acid where its scrub and strip solutions enter, base
    /// and salt where its fresh organic is saponified, in solve order; the network's uses are their sums.
    /// </summary>
    public IReadOnlyList<CascadeReagents> Cascades { get; init; } = [];

    /// <summary>kg of one use per kg of product oxide.</summary>
    public double PerKgOxide(ReagentUse use) => ProductOxideKgPerH > 0 ? use.KgPerH / ProductOxideKgPerH : double.NaN;

    /// <summary>Value equality, <see cref="Uses"/> compared element by element.</summary>
    public bool Equals(ReagentSummary? other) =>
        other is not null && AcidName == other.AcidName && BaseName == other.BaseName && SaltName == other.SaltName
        && AcidMolPerH.Equals(other.AcidMolPerH) && BaseMolPerH.Equals(other.BaseMolPerH) && SaltMolPerH.Equals(other.SaltMolPerH)
        && AcidKgPerH.Equals(other.AcidKgPerH) && BaseKgPerH.Equals(other.BaseKgPerH) && SaltKgPerH.Equals(other.SaltKgPerH)
        && ProductOxideKgPerH.Equals(other.ProductOxideKgPerH) && Nullable.Equals(OrganicInventoryL, other.OrganicInventoryL)
        && Uses.SequenceEqual(other.Uses);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(AcidName, BaseName, SaltName, AcidKgPerH, BaseKgPerH, SaltKgPerH, ProductOxideKgPerH, Uses.Count);
}

/// <summary>One chemical of the reagent accounting.</summary>
/// <param name="Kind"><see cref="Acid"/>, <see cref="Base"/> or <see cref="Salt"/>.</param>
/// <param name="Chemical">Formula as reported (HCl, H2SO4, NaOH, NH3, NaCl, …).</param>
/// <param name="MolPerH">mol/h.</param>
/// <param name="KgPerH">kg/h (acids as 100 %).</param>
public sealed record ReagentUse(string Kind, string Chemical, double MolPerH, double KgPerH)
{
    /// <summary>Acid bought for scrub and strip.</summary>
    public const string Acid = "acid";
    /// <summary>Base bought for saponification.</summary>
    public const string Base = "base";
    /// <summary>Salt in the effluent from the saponification base.</summary>
    public const string Salt = "salt";
}

/// <summary>A spec checked against a result.</summary>
public sealed record SpecResult(string Stream, IReadOnlyList<string> Elements, string Kind, double Target, double Value, bool Met);

/// <summary>How a solve ended.</summary>
public enum SolveStatus
{
    /// <summary>Residual below tolerance and balances closed.</summary>
    Converged,
    /// <summary>Iteration limit reached.</summary>
    MaxIterations,
    /// <summary>The iteration stalled or produced a non-finite or non-positive state.</summary>
    Diverged,
}

/// <summary>One product of a flowsheet (<see cref="FlowsheetResult.Products"/>).</summary>
/// <param name="Stream">The product stream.</param>
/// <param name="Element">Its main rare earth.</param>
/// <param name="Purity">That element's purity in it (the flowsheet's purity basis).</param>
/// <param name="Recovery">That element's recovery into it against the flowsheet's inflow.</param>
/// <param name="Flow">Its flow, L/h.</param>
/// <param name="OxideKgPerH">Its rare earths as oxide, kg/h.</param>
public sealed record ProductSummary(string Stream, string Element, double Purity, double Recovery, double Flow, double OxideKgPerH);

/// <summary>The reagents of one cascade of a network: one entry per kind and chemical.</summary>
/// <param name="Cascade">The cascade.</param>
/// <param name="Uses">Its uses (acid, base, salt), mol/h and kg/h.</param>
public sealed record CascadeReagents(string Cascade, IReadOnlyList<ReagentUse> Uses)
{
    /// <summary>kg/h of one kind (acid, base or salt) over its chemicals.</summary>
    public double KgPerH(string kind) => Uses.Where(u => u.Kind == kind).Sum(u => u.KgPerH);
}

/// <summary>Convergence report of one cascade solve (data, not an exception).</summary>
/// <param name="Cascade">Cascade name.</param>
/// <param name="Method">"newton" or "substitution".</param>
/// <param name="Status">How it ended.</param>
/// <param name="Iterations">Iterations (linear solves) used.</param>
/// <param name="ResidualHistory">Largest relative stage residual after each iteration.</param>
/// <param name="Message">Why it stopped when it failed.</param>
public sealed record SolveReport(string Cascade, string Method, SolveStatus Status, int Iterations, IReadOnlyList<double> ResidualHistory, string? Message)
{
    /// <summary>True when converged.</summary>
    public bool Converged => Status == SolveStatus.Converged;
}

/// <summary>
/// Convergence of one tear stream of a cycle (MODEL.md §9): the network passes its assumed value
/// round the cycle and accelerates the fixed point (Broyden).
/// </summary>
/// <param name="Stream">The torn stream, CASCADE.PORT.</param>
/// <param name="Method">"broyden".</param>
/// <param name="Status">How the cycle ended.</param>
/// <param name="Iterations">Passes round the cycle.</param>
/// <param name="ChangeHistory">After each pass, the largest change of the stream's molar flows (what the pass gave against what it assumed), relative to each element's inflow to the cycle.</param>
/// <param name="Message">Why it stopped when it failed.</param>
public sealed record TearReport(string Stream, string Method, SolveStatus Status, int Iterations, IReadOnlyList<double> ChangeHistory, string? Message)
{
    /// <summary>True when converged.</summary>
    public bool Converged => Status == SolveStatus.Converged;
}
