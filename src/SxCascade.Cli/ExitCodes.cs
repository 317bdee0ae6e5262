namespace SxCascade.Cli;

/// <summary>Process exit codes of the command-line contract (FORMAT.md).</summary>
internal static class ExitCodes
{
    /// <summary>Done; unmet specs are shown, not fatal (unless <c>--require-specs</c>).</summary>
    public const int Done = 0;

    /// <summary>Internal error: a bug of SxCascade.</summary>
    public const int InternalError = 1;

    /// <summary>Standard output could not be written (a full disk, a closed pipe): reported as such, not as a bug.</summary>
    public const int OutputFailed = 1;

    /// <summary>Invalid input or usage: a bad flowsheet, override, option or output directory.</summary>
    public const int InvalidInput = 2;

    /// <summary>The solver did not converge; nothing was written.</summary>
    public const int NotConverged = 3;

    /// <summary>Specs not met under <c>--require-specs</c>.</summary>
    public const int SpecsNotMet = 4;

    /// <summary>What each code means, as the help lists it.</summary>
    private static readonly IReadOnlyDictionary<int, string> Meaning = new Dictionary<int, string>
    {
        [Done] = "0 done",
        [InternalError] = "1 internal error (a bug) or standard output not writable",
        [InvalidInput] = "2 invalid input or usage",
        [NotConverged] = "3 the solver did not converge or its result failed a check (balances, finite values, loading)",
        [SpecsNotMet] = "4 specs not met under --require-specs",
    };

    /// <summary>
    /// The codes each command can return (the one table of it; every command also has 0, 1 and 2):
    /// only commands that solve return 3, only those with <c>--require-specs</c> return 4.
    /// </summary>
    private static readonly IReadOnlyDictionary<string, int[]> ByCommand = new Dictionary<string, int[]>(StringComparer.Ordinal)
    {
        ["sxcascade"] = [Done, InternalError, InvalidInput, NotConverged, SpecsNotMet],
        ["run"] = [Done, InternalError, InvalidInput, NotConverged, SpecsNotMet],
        ["check"] = [Done, InternalError, InvalidInput],
        ["fit"] = [Done, InternalError, InvalidInput],
        ["design"] = [Done, InternalError, InvalidInput, NotConverged, SpecsNotMet],
        ["compare"] = [Done, InternalError, InvalidInput, NotConverged, SpecsNotMet],
        ["sweep"] = [Done, InternalError, InvalidInput],
        ["merge"] = [Done, InternalError, InvalidInput],
        ["plot"] = [Done, InternalError, InvalidInput],
        ["optimize"] = [Done, InternalError, InvalidInput],
        ["systems"] = [Done, InternalError, InvalidInput],
        ["feeds"] = [Done, InternalError, InvalidInput],
    };

    /// <summary>The "Exit codes:" line of <paramref name="command"/>'s help: the codes it can return, with their meaning.</summary>
    public static string Help(string command)
    {
        var codes = ByCommand.TryGetValue(command, out var c) ? c : ByCommand["sxcascade"];
        string text = string.Join(", ", codes.Select(k => Meaning[k]));
        // "0 done": unmet specs are not fatal where there are specs to meet
        return codes.Contains(SpecsNotMet) ? text.Replace("0 done", "0 done (unmet specs are shown, not fatal)", StringComparison.Ordinal) : text;
    }
}
