using System.CommandLine;
using SxCascade.Flowsheets;
using SxCascade.IO;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade.Cli;

/// <summary><c>sxcascade run FILE</c>: load, solve, report; optionally write the result files.</summary>
internal static class RunCommand
{
    /// <summary>Shown under "Examples:" in <c>run --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade run flowsheets/prnd-p507.yaml",
        "sxcascade run flowsheets/prnd-p507.yaml --out results/prnd --set cascades.PrNd.scrub.stages=30",
        "sxcascade run flowsheets/prnd-p507.yaml --json --method substitution > result.json",
    ];

    /// <summary>What one <c>run</c> was asked to do.</summary>
    /// <param name="File">Flowsheet file.</param>
    /// <param name="OutputDirectory">--out DIR, or null.</param>
    /// <param name="Json">--json: the result document on stdout, nothing else.</param>
    /// <param name="Overrides">--set PATH=VALUE, in order.</param>
    /// <param name="Method">--method, or null for the file's solver.method.</param>
    /// <param name="RequireSpecs">--require-specs: unmet specs give exit code 4.</param>
    /// <param name="Quiet">--quiet: no summary, no list of files written.</param>
    /// <param name="Figures">The figure options (<see cref="FigureOptions"/>); null for the defaults.</param>
    /// <param name="Deterministic">--deterministic: solve_ms null in the JSON written and printed.</param>
    internal sealed record Settings(
        string File, string? OutputDirectory, bool Json, IReadOnlyList<string> Overrides,
        SolverMethod? Method, bool RequireSpecs, bool Quiet, FigureRequest? Figures = null, bool Deterministic = false);

    /// <summary>The <c>run</c> command, writing to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var file = SharedOptions.FlowsheetFile();
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Write stages.csv, streams.csv, summary.json and stage-profile.png/.svg into DIR "
                + "(created if missing; other files in it are kept). Nothing is written unless the run succeeds.",
            HelpName = "DIR",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print the result as JSON (format sxcascade-result/1, as summary.json) and nothing else on stdout.",
        };
        var overrides = SharedOptions.Set();
        var method = new Option<string?>("--method")
        {
            Description = "Solver, overriding solver.method of the file: newton (default; falls back to "
                + "substitution if it fails) or substitution.",
        };
        method.AcceptOnlyFromAmong("newton", "substitution");
        var requireSpecs = SharedOptions.RequireSpecs("Exit with code 4 when a spec of the file is not met (default: unmet specs are shown, exit code 0).");
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "Print no summary and no list of files written; errors still go to stderr.",
        };
        var deterministic = SharedOptions.Deterministic();

        var command = new Command("run", "Solve a flowsheet and report streams, specs, reagents and convergence.")
        {
            file, output, json, overrides, method, requireSpecs, quiet, deterministic,
        };
        var figures = FigureOptions.AddTo(command);
        command.SetAction(parse => Execute(context, new Settings(
            parse.GetValue(file)!,
            parse.GetValue(output),
            parse.GetValue(json),
            parse.GetValue(overrides) ?? [],
            parse.GetValue(method) switch
            {
                "newton" => SolverMethod.Newton,
                "substitution" => SolverMethod.Substitution,
                _ => null,
            },
            parse.GetValue(requireSpecs),
            parse.GetValue(quiet),
            figures.Read(parse),
            parse.GetValue(deterministic))));
        return command;
    }

    /// <summary>Runs <paramref name="s"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    internal static int Execute(CliContext context, Settings s)
    {
        var (stdout, stderr) = (context.Stdout, context.Stderr);
        var usage = new List<string>();
        if (s.OutputDirectory is { } dir && OutputDirectory.Problem(dir) is { } problem) usage.Add(problem);
        usage.AddRange((s.Figures ?? FigureRequest.None).Problems());
        if (usage.Count > 0)
        {
            Diagnostics.WriteUsageErrors(usage, "sxcascade run", stderr);
            return ExitCodes.InvalidInput;
        }

        var loaded = FlowsheetInput.Load(context, s.File, s.Overrides);
        s = s with { File = FlowsheetInput.Name(s.File) };
        if (!loaded.Ok)
        {
            Diagnostics.WriteLoadErrors(loaded.Errors, stderr);
            return ExitCodes.InvalidInput;
        }
        var flowsheet = loaded.Flowsheet!;
        if (s.Method is { } m)
            flowsheet = flowsheet with { Solver = flowsheet.Solver with { Method = m } };

        var result = SxCascadeEngine.Solve(flowsheet, fallback: true);
        if (!result.Converged)
        {
            Diagnostics.WriteConvergenceFailure(result, s.File, stderr);
            return ExitCodes.NotConverged;
        }

        // things to check that do not stop the run (e.g. a correlation far outside its range)
        foreach (var warning in result.Warnings)
            stderr.WriteLine($"{s.File}: warning: {warning}");

        // what the files and the JSON carry: without the wall time under --deterministic
        var recorded = s.Deterministic ? result with { SolveMilliseconds = double.NaN } : result;
        IReadOnlyList<string> written = [];
        if (s.OutputDirectory is { } outDir)
        {
            try
            {
                written = OutputDirectory.Write(outDir, recorded, stderr, s.Figures);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"sxcascade: cannot write the results to {outDir}: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        if (s.Json)
            stdout.Write(ResultJsonWriter.ToJson(recorded));
        else if (!s.Quiet)
        {
            SummaryReport.Write(result, s.File, stdout, () => context.Clock.Elapsed.TotalMilliseconds);
            CostReport.Write(flowsheet, result, stdout);
        }

        if (written.Count > 0 && !s.Quiet)
        {
            // with --json, stdout holds the JSON document alone
            var to = s.Json ? stderr : stdout;
            if (!s.Json) to.WriteLine();
            to.WriteLine($"Wrote {written.Count} files:");
            foreach (var path in written) to.WriteLine($"  {path}");
        }

        if (s.RequireSpecs && !result.SpecsMet)
        {
            Diagnostics.WriteUnmetSpecs(result, s.File, stderr);
            return ExitCodes.SpecsNotMet;
        }
        return ExitCodes.Done;
    }
}
