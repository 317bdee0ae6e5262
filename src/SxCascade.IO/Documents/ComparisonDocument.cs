using SxCascade.Comparison;
using static SxCascade.IO.Documents.DocumentJson;

namespace SxCascade.IO.Documents;

/// <summary>
/// The "sxcascade-comparison/1" document (<c>compare --json</c>, compare.json): per technique its
/// file, stages, flows, inventory, reagents, products, sweep and trade-off. Same conventions as the
/// result document (L/h, L, kg per kg of product oxide; NaN as null).
/// </summary>
public sealed record ComparisonDocument
{
    /// <summary>The format tag.</summary>
    public const string FormatTag = "sxcascade-comparison/1";

    /// <summary>Always <see cref="FormatTag"/>.</summary>
    public string Format { get; init; } = FormatTag;
    /// <summary>True when every technique was designed to the first file's specs.</summary>
    public required bool Designed { get; init; }
    /// <summary>The key elements profiled.</summary>
    public required List<string> KeyElements { get; init; }
    /// <summary>One entry per technique, in the order given.</summary>
    public required List<TechniqueEntry> Techniques { get; init; }

    /// <summary>The document of <paramref name="c"/>.</summary>
    public static ComparisonDocument From(ComparisonResult c)
    {
        ArgumentNullException.ThrowIfNull(c);
        return new ComparisonDocument { Designed = c.Designed, KeyElements = [.. c.KeyElements], Techniques = c.Techniques.Select(TechniqueEntry.From).ToList() };
    }
}

/// <summary>One technique of the comparison.</summary>
public sealed record TechniqueEntry
{
    /// <summary>Label.</summary>
    public required string Label { get; init; }
    /// <summary>File, as given.</summary>
    public required string File { get; init; }
    /// <summary>Flowsheet name.</summary>
    public required string Name { get; init; }
    /// <summary>Contactors, comma-separated ("none" without).</summary>
    public required string Contactor { get; init; }
    /// <summary>Scrub modes, comma-separated.</summary>
    public required string Scrub { get; init; }
    /// <summary>n over the cascades.</summary>
    public required int ExtractionStages { get; init; }
    /// <summary>m over the cascades.</summary>
    public required int ScrubStages { get; init; }
    /// <summary>k over the cascades.</summary>
    public required int StripStages { get; init; }
    /// <summary>N over the cascades.</summary>
    public required int TotalStages { get; init; }
    /// <summary>Organic, L/h.</summary>
    public required double? OrganicFlow { get; init; }
    /// <summary>Organic held, L (null without stage volumes).</summary>
    public required double? OrganicInventoryL { get; init; }
    /// <summary>Reagents.</summary>
    public required TechniqueReagents Reagents { get; init; }
    /// <summary>Solve time, ms.</summary>
    public required double? SolveMs { get; init; }
    /// <summary>Where the products come from.</summary>
    public required string ProductsFrom { get; init; }
    /// <summary>Built-in library entries used (as in the result document).</summary>
    public required List<ProvenanceEntry> Provenance { get; init; }
    /// <summary>Product qualities.</summary>
    public required List<ProductEntry> Products { get; init; }
    /// <summary>Purity of the first product against total stages.</summary>
    public required List<PurityPointEntry> PurityAgainstStages { get; init; }
    /// <summary>Stages against reagents.</summary>
    public required List<TradeoffEntry> Tradeoff { get; init; }

    /// <summary>The entry of <paramref name="t"/>.</summary>
    public static TechniqueEntry From(TechniqueResult t)
    {
        var g = t.Result.Reagents;
        return new TechniqueEntry
        {
            Label = t.Label,
            File = t.Case.File,
            Name = t.Flowsheet.Name,
            Contactor = t.Contactors,
            Scrub = t.ScrubModes,
            ExtractionStages = t.ExtractionStages,
            ScrubStages = t.ScrubStages,
            StripStages = t.StripStages,
            TotalStages = t.TotalStages,
            OrganicFlow = Finite(t.OrganicFlow),
            OrganicInventoryL = Finite(t.OrganicInventory),
            Reagents = new TechniqueReagents
            {
                Acid = g.AcidName,
                Base = g.BaseName,
                Salt = g.SaltName,
                AcidKgPerKgOxide = Finite(g.AcidKgPerKgOxide),
                BaseKgPerKgOxide = Finite(g.BaseKgPerKgOxide),
                SaltKgPerKgOxide = Finite(g.SaltKgPerKgOxide),
                ProductOxideKgPerH = Finite(g.ProductOxideKgPerH),
            },
            SolveMs = Finite(t.Milliseconds),
            ProductsFrom = t.ProductsFrom,
            Provenance = ProvenanceEntry.From(t.Result.Library),
            Products = t.Products.Select(p => new ProductEntry
            {
                Stream = p.Stream,
                Elements = [.. p.Elements],
                Purity = Finite(p.Purity),
                Recovery = Finite(p.Recovery),
                PurityTarget = Finite(p.PurityTarget),
                RecoveryTarget = Finite(p.RecoveryTarget),
                Met = p.Met,
            }).ToList(),
            PurityAgainstStages = t.PurityCurve.Select(p => new PurityPointEntry { TotalStages = p.TotalStages, Purity = Finite(p.Purity) }).ToList(),
            Tradeoff = t.Tradeoff.Select(p => new TradeoffEntry
            {
                TotalStages = p.TotalStages,
                AcidKgPerKgOxide = Finite(p.AcidKgPerKgOxide),
                BaseKgPerKgOxide = Finite(p.BaseKgPerKgOxide),
                Extraction = Finite(p.Extraction),
            }).ToList(),
        };
    }
}

/// <summary>Reagents of one technique.</summary>
public sealed record TechniqueReagents
{
    /// <summary>Acid name.</summary>
    public required string Acid { get; init; }
    /// <summary>Base name or null.</summary>
    public required string? Base { get; init; }
    /// <summary>Salt name or null.</summary>
    public required string? Salt { get; init; }
    /// <summary>kg per kg oxide.</summary>
    public required double? AcidKgPerKgOxide { get; init; }
    /// <summary>kg per kg oxide.</summary>
    public required double? BaseKgPerKgOxide { get; init; }
    /// <summary>kg per kg oxide.</summary>
    public required double? SaltKgPerKgOxide { get; init; }
    /// <summary>kg/h.</summary>
    public required double? ProductOxideKgPerH { get; init; }
}

/// <summary>One product of a technique.</summary>
public sealed record ProductEntry
{
    /// <summary>Stream.</summary>
    public required string Stream { get; init; }
    /// <summary>Element group.</summary>
    public required List<string> Elements { get; init; }
    /// <summary>Purity (fraction).</summary>
    public required double? Purity { get; init; }
    /// <summary>Recovery (fraction).</summary>
    public required double? Recovery { get; init; }
    /// <summary>Purity target, or null.</summary>
    public required double? PurityTarget { get; init; }
    /// <summary>Recovery target, or null.</summary>
    public required double? RecoveryTarget { get; init; }
    /// <summary>True when the targets are met.</summary>
    public required bool Met { get; init; }
}

/// <summary>One point of the purity-against-stages sweep.</summary>
public sealed record PurityPointEntry
{
    /// <summary>N.</summary>
    public required int TotalStages { get; init; }
    /// <summary>Purity (fraction).</summary>
    public required double? Purity { get; init; }
}

/// <summary>One point of the stages-against-reagents trade-off.</summary>
public sealed record TradeoffEntry
{
    /// <summary>N.</summary>
    public required int TotalStages { get; init; }
    /// <summary>kg per kg oxide.</summary>
    public required double? AcidKgPerKgOxide { get; init; }
    /// <summary>kg per kg oxide.</summary>
    public required double? BaseKgPerKgOxide { get; init; }
    /// <summary>S, or null.</summary>
    public required double? Extraction { get; init; }
}
