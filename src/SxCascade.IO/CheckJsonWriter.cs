using SxCascade.IO.Documents;

namespace SxCascade.IO;

/// <summary>The document of <c>sxcascade check --json</c> (<see cref="CheckDocument"/>): valid or not, every error located, and what the flowsheet holds.</summary>
public static class CheckJsonWriter
{
    /// <summary>Format tag written as "format".</summary>
    public const string Format = CheckDocument.FormatTag;

    /// <summary>The JSON document of <paramref name="loaded"/>, named <paramref name="file"/> (ends with "\n").</summary>
    public static string ToJson(string file, LoadResult loaded) => DocumentJson.ToJson(CheckDocument.From(file, loaded));

    /// <summary>Reads the document back; <see cref="System.Text.Json.JsonException"/> when the text is not one.</summary>
    public static CheckDocument Read(string json) => DocumentJson.Read<CheckDocument>(json);
}
