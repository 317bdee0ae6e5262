using SxCascade.Flowsheets;

namespace SxCascade.IO;

/// <summary>
/// Reads flowsheet files (FORMAT.md): parses the YAML, applies <c>--set PATH=VALUE</c> overrides,
/// maps the tree onto the <see cref="Flowsheet"/> records and runs the semantic
/// <see cref="FlowsheetValidator"/>. Every problem of the file is reported at once, each with its
/// line and column; nothing throws for bad input.
/// </summary>
public static class FlowsheetLoader
{
    /// <summary>
    /// Loads the flowsheet file at <paramref name="path"/>. A missing or unreadable file gives one
    /// error at line 1, column 1.
    /// </summary>
    /// <param name="path">File path; errors carry it as given.</param>
    /// <param name="overrides">Command-line overrides "PATH=VALUE", applied in order.</param>
    public static LoadResult LoadFile(string path, IReadOnlyList<string>? overrides = null)
    {
        var (text, error) = InputFile.Read(path, "flowsheet file");
        if (error is not null) return new LoadResult(null, [error]);
        return Parse(text!, path, overrides);
    }

    /// <summary>Loads a flowsheet from YAML text; <paramref name="fileName"/> names it in errors.</summary>
    /// <param name="yamlText">The flowsheet as YAML.</param>
    /// <param name="fileName">Name used in errors (FILE:LINE:COLUMN).</param>
    /// <param name="overrides">Command-line overrides "PATH=VALUE", applied in order.</param>
    public static LoadResult Parse(string yamlText, string fileName, IReadOnlyList<string>? overrides = null)
    {
        var problems = new List<YamlProblem>();
        var root = YamlDocuments.Parse(yamlText, problems);
        var errors = problems.Select(p => new FlowsheetError(fileName, p.Line, p.Column, p.Message)).ToList();
        if (root is null)
        {
            if (errors.Count == 0)
                errors.Add(new FlowsheetError(fileName, 1, 1, "the file holds no flowsheet; it should start with sxcascade: 1"));
            return new LoadResult(null, Sorted(errors, fileName));
        }
        return FromTree(root, fileName, overrides, errors);
    }

    /// <summary>
    /// Applies <paramref name="overrides"/> to the parsed <paramref name="root"/> (changing it), maps
    /// and validates it; <paramref name="errors"/> holds the parser's problems so far. A sweep keeps
    /// one parsed tree per thread and loads each case from it (<see cref="SweepCases"/>).
    /// </summary>
    internal static LoadResult FromTree(YamlDotNet.RepresentationModel.YamlNode root, string fileName, IReadOnlyList<string>? overrides,
        List<FlowsheetError> errors)
    {
        var origins = Overrides.Apply(root, overrides ?? [], fileName, errors);
        var context = new ReadContext(fileName, origins);
        var flowsheet = new FlowsheetMapper(context).Map(root);
        errors.AddRange(context.Errors);
        if (errors.Count > 0) return new LoadResult(null, Sorted(errors, fileName));

        // Semantic issues leave the mapped flowsheet in the result: the file's structure is sound.
        var issues = FlowsheetValidator.Validate(flowsheet!).Select(Locate).ToList();
        return new LoadResult(flowsheet, Sorted(issues, fileName)) { Locate = Locate };

        // at the key of its path; overrides of the other values its check used are named too, so
        // that with several --set the one that caused it is in the message
        FlowsheetError Locate(ValidationIssue issue)
        {
            var error = context.LocatePath(issue.Path, issue.Message);
            var named = (overrides ?? []).Where(o => OverridePath(o) is { } p && issue.Inputs.Any(i => Nested(p, i))
                && !error.Message.Contains($"--set {o})", StringComparison.Ordinal)).ToList();
            return named.Count == 0 ? error : error with { Message = $"{error.Message} (with --set {string.Join(", --set ", named)})" };
        }
    }

    private static string? OverridePath(string text) => text.IndexOf('=') is > 0 and var eq ? text[..eq].Trim() : null;

    // one path is the other or lies below it: an override of cascades.A.scrub concerns cascades.A.scrub.flow and back
    private static bool Nested(string a, string b) =>
        a == b || a.StartsWith(b + ".", StringComparison.Ordinal) || b.StartsWith(a + ".", StringComparison.Ordinal);

    // The flowsheet file's errors first, then those of --set overrides; each by line, then column.
    private static List<FlowsheetError> Sorted(IEnumerable<FlowsheetError> errors, string fileName) =>
        errors.OrderBy(e => e.File == fileName ? 0 : 1).ThenBy(e => e.Line).ThenBy(e => e.Column).ToList();
}
