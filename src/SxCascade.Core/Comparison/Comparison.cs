using SxCascade.Design;
using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Comparison;

/// <summary>One flowsheet to compare: a technique.</summary>
/// <param name="Label">Short name for tables and legends (unique within a comparison).</param>
/// <param name="File">The file it came from, as given.</param>
/// <param name="Flowsheet">The loaded flowsheet.</param>
public sealed record TechniqueCase(string Label, string File, Flowsheet Flowsheet);

/// <summary>What to compare and how.</summary>
/// <param name="Design">Design each flowsheet to the specs of the first before comparing (equal product quality).</param>
/// <param name="SweepPoints">Stage counts simulated per technique for the purity-against-stages curve (0: none).</param>
/// <param name="Progress">Receives one line per step, or null.</param>
public sealed record CompareOptions(bool Design = false, int SweepPoints = 9, IProgress<string>? Progress = null);

/// <summary>A product of a technique: a stream and the element group that is its product.</summary>
/// <param name="Stream">Stream name, e.g. PrNd.raffinate.</param>
/// <param name="Elements">The product element group.</param>
/// <param name="Purity">Mole fraction of the group among the stream's rare earths.</param>
/// <param name="Recovery">Fraction of the group's inflow that leaves in the stream.</param>
/// <param name="PurityTarget">The spec's purity, or null.</param>
/// <param name="RecoveryTarget">The spec's recovery, or null.</param>
public sealed record ProductQuality(string Stream, IReadOnlyList<string> Elements, double Purity, double Recovery, double? PurityTarget, double? RecoveryTarget)
{
    /// <summary>"PrNd.raffinate Pr" or "PrNd.raffinate Nd+Pr".</summary>
    public string Label => $"{Stream} {string.Join("+", Elements)}";

    /// <summary>True when every target of the product is met (true without targets).</summary>
    public bool Met => (PurityTarget is not { } p || Purity >= p) && (RecoveryTarget is not { } r || Recovery >= r);
}

/// <summary>One point of a technique's purity-against-stages curve (flows fixed, every section scaled).</summary>
/// <param name="TotalStages">Stages in all cascades.</param>
/// <param name="Purity">Purity of the technique's first product.</param>
public sealed record PurityPoint(int TotalStages, double Purity);

/// <summary>One point of the stages-against-reagents trade-off.</summary>
/// <param name="TotalStages">Stages in all cascades.</param>
/// <param name="AcidKgPerKgOxide">Acid, kg per kg of product oxide.</param>
/// <param name="BaseKgPerKgOxide">Base, kg per kg of product oxide.</param>
/// <param name="Extraction">Extraction amount S of a design curve point, or null for the technique as given.</param>
public sealed record TradeoffPoint(int TotalStages, double AcidKgPerKgOxide, double BaseKgPerKgOxide, double? Extraction);

/// <summary>A compared technique: its flowsheet as solved (designed under <see cref="CompareOptions.Design"/>) and its metrics.</summary>
/// <param name="Case">What was compared.</param>
/// <param name="Flowsheet">The flowsheet solved (the designed one under --design).</param>
/// <param name="Result">Its result.</param>
/// <param name="Design">The design, under --design.</param>
/// <param name="Products">Product purities and recoveries (the first file's specs where they apply).</param>
/// <param name="ProductsFrom">Where the products come from: "specs of FILE", "its own specs" or "its product streams".</param>
/// <param name="PurityCurve">Purity of the first product against total stages, ascending stages.</param>
/// <param name="Tradeoff">Stages against reagent use: the design curve under --design, else the technique's own point.</param>
/// <param name="Milliseconds">Solve time (design time under --design), ms.</param>
public sealed record TechniqueResult(
    TechniqueCase Case, Flowsheet Flowsheet, FlowsheetResult Result, DesignResult? Design,
    IReadOnlyList<ProductQuality> Products, string ProductsFrom, IReadOnlyList<PurityPoint> PurityCurve,
    IReadOnlyList<TradeoffPoint> Tradeoff, double Milliseconds)
{
    /// <summary>Label of the technique.</summary>
    public string Label => Case.Label;

    /// <summary>Extraction stages over all cascades.</summary>
    public int ExtractionStages => Result.Cascades.Sum(c => c.ExtractionStages);

    /// <summary>Scrub stages over all cascades.</summary>
    public int ScrubStages => Result.Cascades.Sum(c => c.ScrubStages);

    /// <summary>Strip stages over all cascades.</summary>
    public int StripStages => Result.Cascades.Sum(c => c.StripStages);

    /// <summary>All stages.</summary>
    public int TotalStages => Result.Cascades.Sum(c => c.TotalStages);

    /// <summary>Organic flow over all cascades, L/h.</summary>
    public double OrganicFlow => Result.Cascades.Sum(c => c.OrganicFlow);

    /// <summary>Organic inventory, L (null when a cascade has neither stage-volume nor contactor).</summary>
    public double? OrganicInventory => Result.Cascades.All(c => c.OrganicInventory is not null) ? Result.Cascades.Sum(c => c.OrganicInventory!.Value) : null;

    /// <summary>Contactor types of the cascades ("mixer-settler", …; "none" where none is named).</summary>
    public string Contactors => string.Join(", ", Result.Cascades.Select(c => c.Contactor ?? "none").Distinct());

    /// <summary>Scrub modes of the cascades ("acid", "reflux", "none").</summary>
    public string ScrubModes => string.Join(", ", Flowsheet.Cascades.Select(c => c.Scrub is null ? "none" : c.Scrub.IsReflux ? "reflux" : "acid").Distinct());
}

/// <summary>The comparison: one result per technique, in the order given.</summary>
/// <param name="Techniques">Results.</param>
/// <param name="KeyElements">Elements of the products (the profile figure's elements).</param>
/// <param name="Designed">True when every technique was designed to the first file's specs.</param>
public sealed record ComparisonResult(IReadOnlyList<TechniqueResult> Techniques, IReadOnlyList<string> KeyElements, bool Designed);

/// <summary>A technique that cannot be compared as asked (e.g. the first file's specs name streams it does not have).</summary>
/// <param name="file">The technique's file.</param>
/// <param name="path">Dotted path in that file the problem concerns.</param>
/// <param name="message">What is wrong and what would be valid.</param>
public sealed class CompareException(string file, string path, string message) : Exception(message)
{
    /// <summary>The technique's file.</summary>
    public string File { get; } = file;

    /// <summary>Dotted path in that file.</summary>
    public string Path { get; } = path;
}
