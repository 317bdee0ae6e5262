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

    /// <summary><c>--deterministic</c>: no wall-clock times in the files, so identical runs give identical files.</summary>
    public static Option<bool> Deterministic() => new("--deterministic")
    {
        Description = "Leave wall-clock times out of the JSON and CSV written (solve_ms is null), so that two identical runs "
            + "give byte-identical files (figures are identical in any case).",
    };
}
