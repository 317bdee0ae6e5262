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
}
