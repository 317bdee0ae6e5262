using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using SxCascade.IO.Documents;
using SxCascade.Sweeps;

namespace SxCascade.IO;

/// <summary>
/// What a sweep folder holds (<c>manifest.json</c>, format <c>sxcascade-sweep/1</c>): the sweep's
/// identity (flowsheet, overrides, axes, sampling, columns) and which shard of it the folder is.
/// Shards of one sweep have the same <see cref="Sweep"/> id; a resumed sweep must have the manifest's.
/// </summary>
/// <param name="File">The flowsheet file as given.</param>
/// <param name="FileSha256">SHA-256 of the flowsheet's bytes (hex).</param>
/// <param name="Overrides">The fixed <c>--set</c> overrides, in order.</param>
/// <param name="Axes">The varied inputs.</param>
/// <param name="Sampling">Grid or Latin hypercube.</param>
/// <param name="Cases">Cases of the whole sweep.</param>
/// <param name="ShardIndex">1-based shard index (1 for an unsharded sweep).</param>
/// <param name="ShardCount">Number of shards (1 for an unsharded sweep).</param>
/// <param name="ShardCases">Cases of this shard.</param>
/// <param name="Columns">The row columns, as in the header of the journal.</param>
public sealed record SweepManifest(string File, string FileSha256, IReadOnlyList<string> Overrides, IReadOnlyList<SweepAxis> Axes,
    SweepSampling Sampling, int Cases, int ShardIndex, int ShardCount, int ShardCases, IReadOnlyList<string> Columns)
{
    /// <summary>The format name of the manifest.</summary>
    public const string FormatName = "sxcascade-sweep/1";

    /// <summary>The manifest's file name in a sweep folder.</summary>
    public const string FileName = "manifest.json";

    /// <summary>The sweep's identity: SHA-256 (hex, first 16 bytes) of everything but the shard and the file's name.</summary>
    public string Sweep
    {
        get
        {
            var text = new StringBuilder();
            text.Append(FileSha256).Append('\n');
            foreach (var o in Overrides) text.Append("set ").Append(o).Append('\n');
            foreach (var a in Axes)
                text.Append(CultureInfo.InvariantCulture, $"vary {a.Path} {a.Low:R} {a.High:R} {a.Count} {a.Log} {a.Integer} {a.Unit}\n");
            text.Append(CultureInfo.InvariantCulture, $"sample {Sampling.LatinHypercube?.ToString(CultureInfo.InvariantCulture) ?? "grid"} {Sampling.Seed} {Cases}\n");
            text.Append(string.Join(',', Columns));
            return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..32];
        }
    }

    /// <summary>The manifest as JSON (one document record, <see cref="SweepManifestDocument"/>).</summary>
    public byte[] ToJson()
    {
        using var buffer = new MemoryStream();
        DocumentJson.Write(ToDocument(), buffer);
        return buffer.ToArray();
    }

    /// <summary>The manifest's document record.</summary>
    public SweepManifestDocument ToDocument() => new()
    {
        Sweep = Sweep,
        File = File,
        FileSha256 = FileSha256,
        Overrides = Overrides.ToList(),
        Axes = Axes.Select(a => new SweepAxisEntry { Path = a.Path, Low = a.Low, High = a.High, Count = a.Count, Log = a.Log, Integer = a.Integer, Unit = a.Unit }).ToList(),
        Lhs = Sampling.LatinHypercube,
        Seed = Sampling.Seed,
        Cases = Cases,
        Shard = new SweepShardEntry { Index = ShardIndex, Count = ShardCount, Cases = ShardCases },
        Columns = Columns.ToList(),
    };

    /// <summary>Reads a manifest; returns why it cannot be read instead (not a sweep folder, another format, a damaged file).</summary>
    public static (SweepManifest? Manifest, string? Problem) Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!System.IO.File.Exists(path)) return (null, $"{folder} holds no sweep ({FileName} is missing)");
        try
        {
            var d = DocumentJson.Read<SweepManifestDocument>(System.IO.File.ReadAllText(path));
            if (d.Format != FormatName)
                return (null, $"{path}: not a {FormatName} manifest");
            var m = new SweepManifest(d.File, d.FileSha256, d.Overrides, d.Axes.Select(a => new SweepAxis(a.Path, a.Low, a.High, a.Count, a.Log, a.Integer, a.Unit)).ToList(),
                new SweepSampling(d.Lhs, d.Seed), d.Cases, d.Shard.Index, d.Shard.Count, d.Shard.Cases, d.Columns);
            if (m.Sweep != d.Sweep) return (null, $"{path}: the sweep id does not match its contents (the file was edited)");
            return (m, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            return (null, $"{path}: not a readable {FormatName} manifest ({e.Message})");
        }
    }
}
