using SxCascade.IO.Documents;
using SxCascade.Results;

namespace SxCascade.IO;

/// <summary>
/// Writes a <see cref="FlowsheetResult"/> as the "sxcascade-result/1" JSON document of FORMAT.md
/// ("Results"), the typed <see cref="ResultDocument"/> serialised by <see cref="DocumentJson"/>:
/// flows in L/h, concentrations in mol/L, molar flows in mol/h. NaN and infinities become null (so
/// does a value the chemistry does not compute: the organic "H+" entry, a stage's pH, free
/// extractant and loading fraction, the extractant balance error outside mass-action chemistry).
/// UTF-8, indented, "\n" line endings, independent of the current culture.
/// </summary>
public static class ResultJsonWriter
{
    /// <summary>Format tag written as "format".</summary>
    public const string Format = ResultDocument.FormatTag;

    /// <summary>Writes <paramref name="result"/> to <paramref name="output"/> as UTF-8 JSON (left open).</summary>
    public static void Write(FlowsheetResult result, Stream output) => DocumentJson.Write(ResultDocument.From(result), output);

    /// <summary>The JSON document of <paramref name="result"/> as a string (ends with "\n").</summary>
    public static string ToJson(FlowsheetResult result) => DocumentJson.ToJson(ResultDocument.From(result));
}

/// <summary>Reads the "sxcascade-result/1" document that <see cref="ResultJsonWriter"/> writes.</summary>
public static class ResultJsonReader
{
    /// <summary>The document in <paramref name="json"/>; <see cref="System.Text.Json.JsonException"/> when it is not one.</summary>
    public static ResultDocument Read(string json) => Check(DocumentJson.Read<ResultDocument>(json));

    /// <summary>The document read from <paramref name="input"/>.</summary>
    public static ResultDocument Read(Stream input) => Check(DocumentJson.Read<ResultDocument>(input));

    private static ResultDocument Check(ResultDocument d) => d.Format == ResultDocument.FormatTag ? d
        : throw new System.Text.Json.JsonException($"the document's format is '{d.Format}', not '{ResultDocument.FormatTag}'");
}
