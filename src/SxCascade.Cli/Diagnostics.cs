using SxCascade.IO;
using SxCascade.Results;

namespace SxCascade.Cli;

/// <summary>What the commands write to stderr when they stop: problems of the input, a failed solve, a bug.</summary>
internal static class Diagnostics
{
    /// <summary>Residuals shown of a failed solve: the last ones say how it ended.</summary>
    public const int ResidualsShown = 20;

    /// <summary>Environment variable that adds the stack trace to an internal error.</summary>
    public const string DebugVariable = "SXCASCADE_DEBUG";

    /// <summary>Every problem of a flowsheet, one per line, as FILE:LINE:COLUMN: message.</summary>
    public static void WriteLoadErrors(IEnumerable<FlowsheetError> errors, TextWriter stderr)
    {
        foreach (var e in errors) stderr.WriteLine(e.ToString());
    }

    /// <summary>A command-line usage problem, with the way to the help of the command.</summary>
    public static void WriteUsageErrors(IEnumerable<string> messages, string commandPath, TextWriter stderr)
    {
        foreach (var m in messages) stderr.WriteLine($"sxcascade: {m}");
        stderr.WriteLine($"Try '{commandPath} --help' for the options and an example.");
    }

    /// <summary>
    /// Why the solve failed: for each cascade solve that did not converge, the method, the status,
    /// the iterations, the solver's message and the last <see cref="ResidualsShown"/> residuals.
    /// </summary>
    public static void WriteConvergenceFailure(FlowsheetResult result, string file, TextWriter stderr)
    {
        if (result.FailedChecks.Count > 0)
        {
            WriteFailedChecks(result, file, stderr);
            return;
        }
        stderr.WriteLine($"{file}: the solver did not converge; no output was written");
        foreach (var report in result.Reports.Where(r => !r.Converged))
        {
            string message = string.IsNullOrWhiteSpace(report.Message) ? "" : $": {report.Message}";
            stderr.WriteLine($"  cascade {report.Cascade}, {report.Method}: status {StatusName(report.Status)} after "
                + $"{Plural(report.Iterations, "iteration")}{message}");
            var history = report.ResidualHistory;
            var shown = history.Skip(Math.Max(0, history.Count - ResidualsShown)).Select(NumberFormat.Small);
            string which = history.Count > ResidualsShown ? $"last {ResidualsShown} of {history.Count}" : $"{history.Count}";
            stderr.WriteLine($"    residual history ({which}; largest relative stage residual): "
                + (history.Count == 0 ? "none" : string.Join(" ", shown)));
        }
        foreach (var tear in result.Tears.Where(t => !t.Converged))
        {
            var history = tear.ChangeHistory;
            var shown = history.Skip(Math.Max(0, history.Count - ResidualsShown)).Select(NumberFormat.Small);
            string which = history.Count > ResidualsShown ? $"last {ResidualsShown} of {history.Count}" : $"{history.Count}";
            stderr.WriteLine($"  tear {tear.Stream}, {tear.Method}: status {StatusName(tear.Status)} after {Passes(tear.Iterations)} round its cycle"
                + (string.IsNullOrWhiteSpace(tear.Message) ? "" : $": {tear.Message}"));
            stderr.WriteLine($"    change history ({which}; largest change of the stream's molar flows, relative to each element's inflow): "
                + (history.Count == 0 ? "none" : string.Join(" ", shown)));
        }
        var attempted = result.Reports.Select(r => r.Cascade).ToHashSet(StringComparer.Ordinal);
        var skipped = result.Cascades.Select(c => c.Name).Where(n => !attempted.Contains(n)).ToList();
        if (skipped.Count > 0)
            stderr.WriteLine($"  not solved, as they come after it: {string.Join(", ", skipped)}");
        stderr.WriteLine("  try: more iterations (max-iterations under solver: in the file), the other method "
            + "(--method substitution or newton), or flows and stage counts nearer a feasible design");
    }

    /// <summary>
    /// A solve that met its tolerance but whose result fails checks (ResultVerdict): each failed
    /// check with its value and place, then how each cascade solve ended.
    /// </summary>
    private static void WriteFailedChecks(FlowsheetResult result, string file, TextWriter stderr)
    {
        int n = result.FailedChecks.Count;
        stderr.WriteLine($"{file}: the solver met its tolerance, but the result fails {Plural(n, "check")}, so it is not converged; no output was written");
        foreach (var check in result.FailedChecks)
            stderr.WriteLine($"  {check.Check}: {check.Message}");
        foreach (var report in result.Reports)
        {
            var last = report.ResidualHistory.Count > 0 ? $", last residual {NumberFormat.Small(report.ResidualHistory[^1])}" : "";
            stderr.WriteLine($"  cascade {report.Cascade}, {report.Method}: status {StatusName(report.Status)} after {Plural(report.Iterations, "iteration")}{last}");
        }
        foreach (var tear in result.Tears)
            stderr.WriteLine($"  tear {tear.Stream}, {tear.Method}: status {StatusName(tear.Status)} after {Passes(tear.Iterations)} round its cycle"
                + (tear.ChangeHistory.Count > 0 ? $", last change {NumberFormat.Small(tear.ChangeHistory[^1])}" : ""));
        stderr.WriteLine("  the inputs lie where the model or the solver cannot give a trustworthy answer: check the concentrations, "
            + "flows and chemistry against a feasible design (and a tighter solver.tolerance if a balance is off)");
    }

    /// <summary>A bug: its message and a request to report it; the stack trace only when SXCASCADE_DEBUG=1.</summary>
    public static void WriteInternalError(Exception e, TextWriter stderr)
    {
        stderr.WriteLine($"sxcascade: internal error: {e.Message}");
        stderr.WriteLine("This is a bug in SxCascade; please report it with the flowsheet file and the command line.");
        if (Environment.GetEnvironmentVariable(DebugVariable) == "1")
            stderr.WriteLine(e.ToString());
        else
            stderr.WriteLine($"(set {DebugVariable}=1 to print the details)");
    }

    /// <summary>The status as the result JSON names it: "converged", "max-iterations", "diverged".</summary>
    public static string StatusName(SolveStatus status) => status switch
    {
        SolveStatus.Converged => "converged",
        SolveStatus.MaxIterations => "max-iterations",
        SolveStatus.Diverged => "diverged",
        _ => status.ToString(),
    };

    /// <summary>"1 iteration", "7 iterations".</summary>
    public static string Plural(int n, string noun) => $"{NumberFormat.Count(n)} {noun}{(n == 1 ? "" : "s")}";

    /// <summary>"1 pass", "4 passes".</summary>
    public static string Passes(int n) => $"{NumberFormat.Count(n)} {(n == 1 ? "pass" : "passes")}";

    /// <summary>The specs <paramref name="result"/> does not meet, under <c>--require-specs</c> (exit code 4).</summary>
    public static void WriteUnmetSpecs(FlowsheetResult result, string file, TextWriter stderr)
    {
        var unmet = result.Specs.Where(sp => !sp.Met).ToList();
        stderr.WriteLine($"{file}: {unmet.Count} of {result.Specs.Count} specs not met (--require-specs)");
        foreach (var sp in unmet)
            stderr.WriteLine($"  {sp.Stream} {string.Join("+", sp.Elements)} {sp.Kind}: "
                + $"{NumberFormat.Percent(sp.Value)} % < target {NumberFormat.Percent(sp.Target)} %");
    }
}
