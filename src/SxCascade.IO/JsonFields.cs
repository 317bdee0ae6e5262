using System.Text.Encodings.Web;
using System.Text.Json;

namespace SxCascade.IO;

/// <summary>Writer options and field helpers shared by the JSON documents (results, designs).</summary>
internal static class JsonFields
{
    /// <summary>Indented, "\n" line endings; element names, "β" and "→" stay readable (never embedded in HTML).</summary>
    public static readonly JsonWriterOptions Options = new()
    {
        Indented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>A number field; NaN, infinities and null become JSON null.</summary>
    public static void Number(Utf8JsonWriter w, string name, double? value)
    {
        w.WritePropertyName(name);
        NumberValue(w, value);
    }

    // Utf8JsonWriter formats doubles in the shortest round-trip form, culture-independent;
    // JSON has no NaN or infinity, so those are written as null.
    public static void NumberValue(Utf8JsonWriter w, double? value)
    {
        if (value is { } v && double.IsFinite(v)) w.WriteNumberValue(v);
        else w.WriteNullValue();
    }

    /// <summary>A string field, or null.</summary>
    public static void StringOrNull(Utf8JsonWriter w, string name, string? value)
    {
        if (value is null) w.WriteNull(name);
        else w.WriteString(name, value);
    }
}
