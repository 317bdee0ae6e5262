using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
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

    /// <summary>The manifest as JSON.</summary>
    public byte[] ToJson()
    {
        var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, JsonFields.Options))
        {
            w.WriteStartObject();
            w.WriteString("format", FormatName);
            w.WriteString("sweep", Sweep);
            w.WriteString("file", File);
            w.WriteString("file_sha256", FileSha256);
            w.WriteStartArray("overrides");
            foreach (var o in Overrides) w.WriteStringValue(o);
            w.WriteEndArray();
            w.WriteStartArray("axes");
            foreach (var a in Axes)
            {
                w.WriteStartObject();
                w.WriteString("path", a.Path);
                w.WriteNumber("low", a.Low);
                w.WriteNumber("high", a.High);
                w.WriteNumber("count", a.Count);
                w.WriteBoolean("log", a.Log);
                w.WriteBoolean("integer", a.Integer);
                w.WriteString("unit", a.Unit);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (Sampling.LatinHypercube is { } n) w.WriteNumber("lhs", n);
            else w.WriteNull("lhs");
            w.WriteNumber("seed", Sampling.Seed);
            w.WriteNumber("cases", Cases);
            w.WriteStartObject("shard");
            w.WriteNumber("index", ShardIndex);
            w.WriteNumber("count", ShardCount);
            w.WriteNumber("cases", ShardCases);
            w.WriteEndObject();
            w.WriteStartArray("columns");
            foreach (var c in Columns) w.WriteStringValue(c);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    /// <summary>Reads a manifest; returns why it cannot be read instead (not a sweep folder, another format, a damaged file).</summary>
    public static (SweepManifest? Manifest, string? Problem) Read(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!System.IO.File.Exists(path)) return (null, $"{folder} holds no sweep ({FileName} is missing)");
        try
        {
            using var doc = JsonDocument.Parse(System.IO.File.ReadAllBytes(path));
            var r = doc.RootElement;
            if (r.GetProperty("format").GetString() != FormatName)
                return (null, $"{path}: not a {FormatName} manifest");
            var axes = r.GetProperty("axes").EnumerateArray().Select(a => new SweepAxis(
                a.GetProperty("path").GetString()!, a.GetProperty("low").GetDouble(), a.GetProperty("high").GetDouble(),
                a.GetProperty("count").GetInt32(), a.GetProperty("log").GetBoolean(), a.GetProperty("integer").GetBoolean(),
                a.GetProperty("unit").GetString()!)).ToList();
            var lhs = r.GetProperty("lhs");
            var shard = r.GetProperty("shard");
            var m = new SweepManifest(
                r.GetProperty("file").GetString()!, r.GetProperty("file_sha256").GetString()!,
                r.GetProperty("overrides").EnumerateArray().Select(o => o.GetString()!).ToList(), axes,
                new SweepSampling(lhs.ValueKind == JsonValueKind.Null ? null : lhs.GetInt32(), r.GetProperty("seed").GetUInt64()),
                r.GetProperty("cases").GetInt32(), shard.GetProperty("index").GetInt32(), shard.GetProperty("count").GetInt32(),
                shard.GetProperty("cases").GetInt32(), r.GetProperty("columns").EnumerateArray().Select(c => c.GetString()!).ToList());
            if (m.Sweep != r.GetProperty("sweep").GetString()) return (null, $"{path}: the sweep id does not match its contents (the file was edited)");
            return (m, null);
        }
        catch (Exception e) when (e is JsonException or KeyNotFoundException or InvalidOperationException or FormatException or IOException)
        {
            return (null, $"{path}: not a readable {FormatName} manifest ({e.Message})");
        }
    }
}
