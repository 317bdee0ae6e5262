using SxCascade.Flowsheets;

namespace SxCascade.IO;

/// <summary>
/// One problem of a flowsheet file, at a 1-based line and column. <see cref="File"/> is the file
/// name as given, or "--set" for a problem of the K-th command-line override (then Line = K).
/// </summary>
/// <param name="File">File name as given to the loader, or "--set".</param>
/// <param name="Line">1-based line.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Message">What is wrong and what would be valid.</param>
public sealed record FlowsheetError(string File, int Line, int Column, string Message)
{
    /// <summary>The compiler-style form FILE:LINE:COLUMN: message (FORMAT.md, command-line contract).</summary>
    public override string ToString() => $"{File}:{Line}:{Column}: {Message}";
}

/// <summary>
/// Outcome of loading a flowsheet. <see cref="Flowsheet"/> is set when the file maps onto the
/// flowsheet records, even if the semantic validation then found problems; <see cref="Ok"/>
/// is true only when there is a flowsheet and no error at all.
/// </summary>
/// <param name="Flowsheet">The mapped flowsheet, or null when the file could not be mapped.</param>
/// <param name="Errors">Every problem found, sorted by file (the flowsheet before "--set"), line and column.</param>
public sealed record LoadResult(Flowsheet? Flowsheet, IReadOnlyList<FlowsheetError> Errors)
{
    /// <summary>True when the flowsheet loaded and validated without any error.</summary>
    public bool Ok => Flowsheet is not null && Errors.Count == 0;

    /// <summary>
    /// Places a problem found later (by the design search, say) at the file location of a dotted
    /// key path, as validation issues are placed; null when the file did not map.
    /// </summary>
    public Func<ValidationIssue, FlowsheetError>? Locate { get; init; }
}
