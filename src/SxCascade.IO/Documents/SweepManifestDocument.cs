namespace SxCascade.IO.Documents;

/// <summary>The "sxcascade-sweep/1" document of a sweep folder's <c>manifest.json</c> (<see cref="SweepManifest"/>).</summary>
public sealed record SweepManifestDocument
{
    /// <summary>Always <see cref="SweepManifest.FormatName"/>.</summary>
    public string Format { get; init; } = SweepManifest.FormatName;
    /// <summary>The sweep's identity (<see cref="SweepManifest.Sweep"/>).</summary>
    public required string Sweep { get; init; }
    /// <summary>The flowsheet file as given.</summary>
    public required string File { get; init; }
    /// <summary>SHA-256 of the flowsheet's bytes (hex).</summary>
    public required string FileSha256 { get; init; }
    /// <summary>The fixed <c>--set</c> overrides, in order.</summary>
    public required List<string> Overrides { get; init; }
    /// <summary>The varied inputs.</summary>
    public required List<SweepAxisEntry> Axes { get; init; }
    /// <summary>Latin-hypercube sample size, or null for a full grid.</summary>
    public required int? Lhs { get; init; }
    /// <summary>Seed of the sample.</summary>
    public required ulong Seed { get; init; }
    /// <summary>Cases of the whole sweep.</summary>
    public required int Cases { get; init; }
    /// <summary>Which shard this folder is.</summary>
    public required SweepShardEntry Shard { get; init; }
    /// <summary>The row columns, as in the header of the journal.</summary>
    public required List<string> Columns { get; init; }
}

/// <summary>One varied input of a sweep.</summary>
public sealed record SweepAxisEntry
{
    /// <summary>The <c>--set</c> path.</summary>
    public required string Path { get; init; }
    /// <summary>First value, in <see cref="Unit"/>.</summary>
    public required double Low { get; init; }
    /// <summary>Last value, in <see cref="Unit"/>.</summary>
    public required double High { get; init; }
    /// <summary>Number of values.</summary>
    public required int Count { get; init; }
    /// <summary>Geometric spacing.</summary>
    public required bool Log { get; init; }
    /// <summary>Whole numbers (stage counts).</summary>
    public required bool Integer { get; init; }
    /// <summary>The unit of the values.</summary>
    public required string Unit { get; init; }
}

/// <summary>The shard of a sweep a folder holds.</summary>
public sealed record SweepShardEntry
{
    /// <summary>1-based shard index.</summary>
    public required int Index { get; init; }
    /// <summary>Number of shards.</summary>
    public required int Count { get; init; }
    /// <summary>Cases of this shard.</summary>
    public required int Cases { get; init; }
}
