using System.CommandLine;

namespace SxCascade.Cli;

/// <summary>The argument and options that several commands share, so they read the same everywhere.</summary>
internal static class SharedOptions
{
    /// <summary>The flowsheet file argument.</summary>
    public static Argument<string> FlowsheetFile() => new("FILE")
    {
        Description = "Flowsheet file (YAML, sxcascade: 1; see docs/format.md); - reads it from standard input.",
    };

    /// <summary>
    /// <c>--set PATH=VALUE</c>, repeatable. One value per <c>--set</c>: with several values per
    /// token, the FILE argument after <c>--set a=1</c> would be taken as a second override.
    /// </summary>
    public static Option<string[]> Set() => new("--set")
    {
        Description = "Override a key of the file, e.g. cascades.PrNd.scrub.stages=30 or specs.0.purity=0.99 "
            + "(dotted path, list items by index, VALUE in YAML). Repeat --set for several overrides.",
        HelpName = "PATH=VALUE",
        Arity = ArgumentArity.OneOrMore,
        AllowMultipleArgumentsPerToken = false,
    };

    /// <summary>The old name of <c>--write</c> in <c>fit</c>; still accepted, with a note on stderr.</summary>
    public const string DeprecatedYamlAlias = "--yaml";

    /// <summary>
    /// <c>--write FILE</c>: the one name for "write the YAML this command makes (the designed flowsheet,
    /// the fitted chemistry block) to FILE"; <c>--yaml</c> is its deprecated alias (docs/cli.md).
    /// </summary>
    public static Option<string?> WriteYaml(string description) => new("--write", DeprecatedYamlAlias)
    {
        Description = description + " (--yaml: the old name, deprecated)",
        HelpName = "FILE",
    };

    /// <summary>
    /// Writes "--yaml is deprecated" to <paramref name="stderr"/> when <paramref name="option"/> was given
    /// by its deprecated alias; returns null, so that the command goes on (<c>?? Execute(…)</c>).
    /// </summary>
    public static int? WarnDeprecated(System.CommandLine.ParseResult parse, Option option, TextWriter stderr)
    {
        if (parse.GetResult(option) is { IdentifierToken.Value: DeprecatedYamlAlias })
            stderr.WriteLine($"sxcascade: warning: {DeprecatedYamlAlias} is deprecated; use --write (same meaning)");
        return null;
    }

    /// <summary><c>--require-specs</c> of the commands that check specs (run, design, compare): unmet specs give exit code 4.</summary>
    public static Option<bool> RequireSpecs(string description) => new("--require-specs") { Description = description };

    /// <summary><c>--deterministic</c>: no wall-clock times in the files, so identical runs give identical files.</summary>
    public static Option<bool> Deterministic() => new("--deterministic")
    {
        Description = "Leave wall-clock times out of the JSON and CSV written (solve_ms is null), so that two identical runs "
            + "give byte-identical files (figures are identical in any case).",
    };
}
