using SxCascade.Design;
using SxCascade.IO.Documents;

namespace SxCascade.IO;

/// <summary>
/// Writes a <see cref="DesignResult"/> as the "sxcascade-design/1" JSON document of
/// <c>sxcascade design --json</c> (the typed <see cref="DesignDocument"/>, serialised by <see cref="DocumentJson"/>).
/// </summary>
public static class DesignJsonWriter
{
    /// <summary>Format tag written as "format".</summary>
    public const string Format = DesignDocument.FormatTag;

    /// <summary>Writes the document of <paramref name="d"/> to <paramref name="output"/> as UTF-8 JSON (left open).</summary>
    /// <param name="d">The design.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="file">The flowsheet file designed, as given; written as "file" when not null.</param>
    /// <param name="milliseconds">Wall time of the design search; written as "design_ms" when not null.</param>
    public static void Write(DesignResult d, Stream output, string? file = null, double? milliseconds = null) =>
        DocumentJson.Write(DesignDocument.From(d, file, milliseconds), output);

    /// <summary>The document of <paramref name="d"/> as a string (ends with "\n"); see <see cref="Write"/>.</summary>
    public static string ToJson(DesignResult d, string? file = null, double? milliseconds = null) =>
        DocumentJson.ToJson(DesignDocument.From(d, file, milliseconds));

    /// <summary>Reads the document back; <see cref="System.Text.Json.JsonException"/> when the text is not one.</summary>
    public static DesignDocument Read(string json) => DocumentJson.Read<DesignDocument>(json);
}
