namespace SxCascade.Flowsheets;

/// <summary>
/// A problem found in a flowsheet. <see cref="Path"/> is the dotted key path of the offending
/// value in the file (e.g. "cascades.PrNd.scrub.flow"); the file reader maps it to line and column.
/// </summary>
/// <param name="Path">Dotted key path; list items as "specs.0".</param>
/// <param name="Message">What is wrong and what would be valid.</param>
public sealed record ValidationIssue(string Path, string Message)
{
    /// <summary>
    /// Dotted paths of the other values the check used (e.g. the organic flow for a scrub acid that
    /// strips too much), so that a reader can name a command-line override of any of them with the issue.
    /// </summary>
    public IReadOnlyList<string> Inputs { get; init; } = [];
}
