using System.Text;
using System.Text.Json;
using static SxCascade.IO.JsonFields;

namespace SxCascade.IO;

/// <summary>The document of <c>sxcascade check --json</c>: valid or not, every error located, and what the flowsheet holds.</summary>
public static class CheckJsonWriter
{
    /// <summary>Format tag written as "format".</summary>
    public const string Format = "sxcascade-check/1";

    /// <summary>The JSON document of <paramref name="loaded"/>, named <paramref name="file"/> (ends with "\n").</summary>
    public static string ToJson(string file, LoadResult loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, Options))
        {
            w.WriteStartObject();
            w.WriteString("format", Format);
            w.WriteString("file", file);
            w.WriteBoolean("valid", loaded.Ok);
            w.WriteStartArray("errors");
            foreach (var e in loaded.Errors)
            {
                w.WriteStartObject();
                w.WriteString("file", e.File);
                w.WriteNumber("line", e.Line);
                w.WriteNumber("column", e.Column);
                w.WriteString("message", e.Message);
                w.WriteEndObject();
            }
            w.WriteEndArray();
            if (loaded.Ok)
            {
                var f = loaded.Flowsheet!;
                w.WriteNumber("cascades", f.Cascades.Count);
                w.WriteNumber("stages", f.Cascades.Sum(c => c.TotalStages));
                w.WriteStartArray("elements");
                foreach (var element in f.Elements()) w.WriteStringValue(element);
                w.WriteEndArray();
            }
            w.WriteEndObject();
        }
        buffer.WriteByte((byte)'\n');
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
