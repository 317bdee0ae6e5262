using System.Text.Json.Serialization;

namespace SxCascade.IO.Documents;

/// <summary>The "sxcascade-check/1" document of <c>sxcascade check --json</c>.</summary>
public sealed record CheckDocument
{
    /// <summary>The format tag.</summary>
    public const string FormatTag = "sxcascade-check/1";

    /// <summary>Always <see cref="FormatTag"/>.</summary>
    public string Format { get; init; } = FormatTag;
    /// <summary>The file checked, as given ("-" for standard input).</summary>
    public required string File { get; init; }
    /// <summary>True when the flowsheet loads and validates.</summary>
    public required bool Valid { get; init; }
    /// <summary>Every problem, located.</summary>
    public required List<CheckError> Errors { get; init; }
    /// <summary>Number of cascades (valid files only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Cascades { get; init; }
    /// <summary>Stages over all cascades (valid files only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? Stages { get; init; }
    /// <summary>The elements (valid files only).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Elements { get; init; }

    /// <summary>The document of <paramref name="loaded"/>, named <paramref name="file"/>.</summary>
    public static CheckDocument From(string file, LoadResult loaded)
    {
        ArgumentNullException.ThrowIfNull(loaded);
        var f = loaded.Ok ? loaded.Flowsheet! : null;
        return new CheckDocument
        {
            File = file,
            Valid = loaded.Ok,
            Errors = loaded.Errors.Select(e => new CheckError { File = e.File, Line = e.Line, Column = e.Column, Message = e.Message }).ToList(),
            Cascades = f?.Cascades.Count,
            Stages = f?.Cascades.Sum(c => c.TotalStages),
            Elements = f is null ? null : [.. f.Elements()],
        };
    }
}

/// <summary>One located problem: FILE:LINE:COLUMN: message.</summary>
public sealed record CheckError
{
    /// <summary>File.</summary>
    public required string File { get; init; }
    /// <summary>1-based line.</summary>
    public required int Line { get; init; }
    /// <summary>1-based column.</summary>
    public required int Column { get; init; }
    /// <summary>What is wrong and what would be valid.</summary>
    public required string Message { get; init; }
}
