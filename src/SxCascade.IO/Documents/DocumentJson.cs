using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;

namespace SxCascade.IO.Documents;

/// <summary>
/// The one serialiser of the JSON documents (result, design, comparison, check, fit, library):
/// System.Text.Json source generation over the typed document records, snake_case names,
/// indented with "\n" line endings, element names, "β" and "→" unescaped, numbers in the
/// shortest form that parses back to the same double (culture-independent). A document ends with "\n".
/// </summary>
public static class DocumentJson
{
    /// <summary>The serialiser's options (shared by every document).</summary>
    public static readonly JsonSerializerOptions Options = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        WriteIndented = true,
        NewLine = "\n",
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        RespectNullableAnnotations = true,
    };

    private static readonly DocumentJsonContext Context = new(Options);

    /// <summary>The metadata of <typeparamref name="T"/> (a document record) in the generated context.</summary>
    public static JsonTypeInfo<T> Info<T>() => (JsonTypeInfo<T>)Context.GetTypeInfo(typeof(T))!;

    /// <summary>Writes <paramref name="document"/> to <paramref name="output"/> (left open), then "\n".</summary>
    public static void Write<T>(T document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        JsonSerializer.Serialize(output, document, Info<T>());
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    /// <summary><paramref name="document"/> as text, ending with "\n".</summary>
    public static string ToJson<T>(T document)
    {
        using var buffer = new MemoryStream();
        Write(document, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Reads a document of type <typeparamref name="T"/>; throws <see cref="JsonException"/> when the text is not one.</summary>
    public static T Read<T>(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return JsonSerializer.Deserialize(json, Info<T>()) ?? throw new JsonException("the document is null");
    }

    /// <summary>Reads a document of type <typeparamref name="T"/> from <paramref name="input"/>.</summary>
    public static T Read<T>(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return JsonSerializer.Deserialize(input, Info<T>()) ?? throw new JsonException("the document is null");
    }

    /// <summary>A finite number, or null (JSON has no NaN or infinity).</summary>
    internal static double? Finite(double value) => double.IsFinite(value) ? value : null;

    /// <summary>A finite number, or null.</summary>
    internal static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    /// <summary>An object keyed by element symbol, in the order of <paramref name="elements"/>.</summary>
    internal static OrderedDictionary<string, double?> ByElement(string name, IReadOnlyList<string> elements, IReadOnlyList<double> values)
    {
        if (values.Count != elements.Count)
            throw new ArgumentException($"'{name}' has {values.Count} values for {elements.Count} elements", nameof(values));
        var map = new OrderedDictionary<string, double?>(elements.Count, StringComparer.Ordinal);
        for (int i = 0; i < elements.Count; i++) map.Add(elements[i], Finite(values[i]));
        return map;
    }
}

/// <summary>Source-generated metadata of every JSON document.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(ResultDocument))]
[JsonSerializable(typeof(DesignDocument))]
[JsonSerializable(typeof(ComparisonDocument))]
[JsonSerializable(typeof(CheckDocument))]
[JsonSerializable(typeof(FitDocument))]
[JsonSerializable(typeof(LibraryDocument))]
[JsonSerializable(typeof(SweepManifestDocument))]
internal sealed partial class DocumentJsonContext : JsonSerializerContext;
