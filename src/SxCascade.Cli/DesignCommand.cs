using System.CommandLine;
using System.Diagnostics;
using System.Text;
using SxCascade.Chemistry;
using SxCascade.Design;
using SxCascade.Flowsheets;
using SxCascade.IO;
using static SxCascade.Cli.NumberFormat;

namespace SxCascade.Cli;

/// <summary>
/// <c>sxcascade design FILE</c>: the cut from the specs, shortcut theory on the key pair and the
/// rigorous design (<see cref="Designer"/>): the fewest extraction and scrub stages that meet every
/// spec, at the extraction amount S that minimises S·(n + m) or at a fixed S or organic flow.
/// Prints the shortcut and rigorous results side by side; optionally writes the designed flowsheet
/// and the figures (McCabe–Thiele, design curve, stage profile).
/// </summary>
internal static class DesignCommand
{
    /// <summary>Shown under "Examples:" in <c>design --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade design flowsheets/prnd-p507.yaml",
        "sxcascade design flowsheets/prnd-p507.yaml --write designed.yaml --out results/design",
        "sxcascade design flowsheets/prnd-p507.yaml --organic-flow \"250 L/h\" --set specs.1.purity=0.9995",
        "sxcascade design flowsheets/prnd-p507.yaml --json > design.json",
    ];

    /// <summary>Largest --max-stages: every simulation of a search that large takes seconds.</summary>
    internal const int MaxStagesCeiling = 10_000;

    /// <summary>What one <c>design</c> was asked to do.</summary>
    /// <param name="File">Flowsheet file.</param>
    /// <param name="Overrides">--set PATH=VALUE, in order.</param>
    /// <param name="Extraction">--extraction S, or null.</param>
    /// <param name="OrganicFlow">--organic-flow as given ("225 L/h"), or null.</param>
    /// <param name="Json">--json: the design as a JSON document on stdout, nothing else.</param>
    /// <param name="WriteFile">--write FILE, or null.</param>
    /// <param name="OutputDirectory">--out DIR, or null.</param>
    /// <param name="Quiet">--quiet: no report, no progress, no list of files written.</param>
    /// <param name="MaxStages">--max-stages: the largest cascade the search tries (extraction + scrub + strip stages).</param>
    /// <param name="RequireSpecs">--require-specs: exit code 4 when the designed flowsheet misses a spec.</param>
    /// <param name="Figures">The figure options (<see cref="FigureOptions"/>); null for the defaults.</param>
    internal sealed record Settings(
        string File, IReadOnlyList<string> Overrides, double? Extraction, string? OrganicFlow,
        bool Json, string? WriteFile, string? OutputDirectory, bool Quiet, int MaxStages = DesignOptions.DefaultMaxStages,
        bool RequireSpecs = false, FigureRequest? Figures = null);

    /// <summary>The <c>design</c> command, writing to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var file = SharedOptions.FlowsheetFile();
        var overrides = SharedOptions.Set();
        var extraction = new Option<double?>("--extraction")
        {
            Description = "Fix the extraction amount S (mol extracted per mol of feed rare earths) instead of the S that "
                + "minimises S·(n+m); it must be above S_min.",
            HelpName = "S",
        };
        var organic = new Option<string?>("--organic-flow")
        {
            Description = "Fix the organic flow instead (e.g. \"225 L/h\"; S = O·loading/F).",
            HelpName = "FLOW",
        };
        var json = new Option<bool>("--json")
        {
            Description = $"Print the design as JSON (format {DesignJsonWriter.Format}) and nothing else on stdout; no progress lines.",
        };
        var write = SharedOptions.WriteYaml("Write the designed flowsheet to FILE (YAML that run accepts and that meets the specs; replaced whole, "
            + "nothing is written unless the design succeeds).");
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Write mccabe-thiele.png/.svg, design-curve.png/.svg and stage-profile.png/.svg (the designed cascade) into DIR "
                + "(created if missing; other files in it are kept). Nothing is written unless the design succeeds.",
            HelpName = "DIR",
        };
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "Print no report, no progress lines and no list of files written; errors still go to stderr.",
        };
        var maxStages = new Option<int>("--max-stages")
        {
            Description = $"The largest cascade the search tries, extraction + scrub + strip stages (default {DesignOptions.DefaultMaxStages}); "
                + $"a split that needs more is refused, naming the limit. At most {MaxStagesCeiling}.",
            HelpName = "N",
            DefaultValueFactory = _ => DesignOptions.DefaultMaxStages,
        };
        // the design meets every spec by construction; the check says so in the exit code, as run does
        var requireSpecs = SharedOptions.RequireSpecs("Exit with code 4 when the designed flowsheet does not meet a spec of the file (as run --require-specs).");
        var command = new Command("design",
            "Design a cascade for the purity specs of the file: shortcut theory and the fewest stages that meet every spec (simulated).")
        {
            file, overrides, extraction, organic, json, write, output, quiet, maxStages, requireSpecs,
        };
        var figures = FigureOptions.AddTo(command);
        command.SetAction(parse => SharedOptions.WarnDeprecated(parse, write, context.Stderr) ?? Execute(context, new Settings(
            parse.GetValue(file)!,
            parse.GetValue(overrides) ?? [],
            parse.GetValue(extraction),
            parse.GetValue(organic),
            parse.GetValue(json),
            parse.GetValue(write),
            parse.GetValue(output),
            parse.GetValue(quiet),
            parse.GetValue(maxStages),
            parse.GetValue(requireSpecs),
            figures.Read(parse))));
        return command;
    }

    /// <summary>Runs <paramref name="s"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    internal static int Execute(CliContext context, Settings s)
    {
        var (stdout, stderr) = (context.Stdout, context.Stderr);
        var usage = UsageProblems(s, out double? organicFlow);
        if (usage.Count > 0)
        {
            Diagnostics.WriteUsageErrors(usage, "sxcascade design", stderr);
            return ExitCodes.InvalidInput;
        }

        var loaded = FlowsheetInput.Load(context, s.File, s.Overrides);
        s = s with { File = FlowsheetInput.Name(s.File) };
        if (!loaded.Ok)
        {
            Diagnostics.WriteLoadErrors(loaded.Errors, stderr);
            return ExitCodes.InvalidInput;
        }

        var progress = s.Quiet || s.Json ? null : new LineProgress(line => stderr.WriteLine($"design: {line}"));
        var clock = Stopwatch.StartNew();
        DesignResult d;
        try
        {
            d = SxCascadeEngine.Design(loaded.Flowsheet!, new DesignOptions(s.Extraction, organicFlow, MaxStages: s.MaxStages, Progress: progress));
        }
        catch (DesignException e)
        {
            var issue = new ValidationIssue(e.Path, e.Message);
            var error = loaded.Locate?.Invoke(issue) ?? new FlowsheetError(s.File, 1, 1, e.Message);
            Diagnostics.WriteLoadErrors([error], stderr);
            return ExitCodes.InvalidInput;
        }
        double designMilliseconds = clock.Elapsed.TotalMilliseconds;
        if (!d.Result.Converged)
        {
            // the designed flowsheet's own solve decides, as in run (ResultVerdict)
            Diagnostics.WriteConvergenceFailure(d.Result, s.File, stderr);
            return ExitCodes.NotConverged;
        }

        foreach (var warning in d.Result.Warnings)
            stderr.WriteLine($"{s.File}: warning: {warning}");

        IReadOnlyList<string> written = [];
        if (s.WriteFile is not null || s.OutputDirectory is not null)
        {
            try
            {
                written = WriteFiles(s, d, stderr);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"sxcascade: cannot write the design: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        if (s.Json)
            stdout.Write(DesignJsonWriter.ToJson(d, s.File, designMilliseconds));
        else if (!s.Quiet)
            DesignReport.Write(d, s, stdout, designMilliseconds, () => context.Clock.Elapsed.TotalMilliseconds);

        if (written.Count > 0 && !s.Quiet)
        {
            // with --json, stdout holds the JSON document alone
            var to = s.Json ? stderr : stdout;
            if (!s.Json) to.WriteLine();
            to.WriteLine($"Wrote {Diagnostics.Plural(written.Count, "file")}:");
            foreach (var path in written) to.WriteLine($"  {path}");
        }
        if (s.RequireSpecs && !d.Result.SpecsMet)
        {
            Diagnostics.WriteUnmetSpecs(d.Result, s.File, stderr);
            return ExitCodes.SpecsNotMet;
        }
        return ExitCodes.Done;
    }

    /// <summary>Problems of the options, known before the file is read; <paramref name="organicFlow"/> gets --organic-flow in L/h.</summary>
    private static List<string> UsageProblems(Settings s, out double? organicFlow)
    {
        var problems = new List<string>();
        organicFlow = null;
        if (s.Extraction is not null && s.OrganicFlow is not null)
            problems.Add("give --extraction or --organic-flow, not both (each fixes S)");
        if (s.Extraction is { } x && !(double.IsFinite(x) && x > 0))
            problems.Add($"--extraction must be a positive number (mol extracted per mol fed); got {x}");
        if (s.OrganicFlow is { } text)
        {
            if (!Quantity.TryParse(text, QuantityKind.Flow, null, out double flow, out string error))
                problems.Add($"--organic-flow: {error}");
            else if (!(flow > 0))
                problems.Add($"--organic-flow must be above 0 L/h; got '{text}'");
            else
                organicFlow = flow;
        }
        if (s.MaxStages is < 2 or > MaxStagesCeiling)
            problems.Add($"--max-stages must be a whole number from 2 (one extraction and one scrub stage) to {MaxStagesCeiling}; got {s.MaxStages}");
        problems.AddRange(OutputTransaction.Problems(
            new("--write", s.WriteFile, IsDirectory: false), new("--out", s.OutputDirectory, IsDirectory: true)));
        problems.AddRange((s.Figures ?? FigureRequest.None).Problems());
        return problems;
    }

    /// <summary>
    /// Writes --write and --out, all or nothing (<see cref="OutputTransaction"/>): both are staged
    /// in full beside their targets, then put in place together.
    /// </summary>
    /// <returns>The paths written, as given on the command line.</returns>
    private static IReadOnlyList<string> WriteFiles(Settings s, DesignResult d, TextWriter notes)
    {
        var staged = new OutputTransaction(notes);
        if (s.WriteFile is { } file)
        {
            string yaml = FlowsheetYamlWriter.ToYaml(d.Flowsheet, Header(s, d));
            staged.File(file, path => File.WriteAllText(path, yaml, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false)));
        }
        if (s.OutputDirectory is { } dir)
            staged.Directory(dir, staging => DesignPlots.Save(d, staging, s.Figures ?? FigureRequest.None));
        return staged.Commit();
    }

    /// <summary>The comment lines at the top of the --write file: where the design came from and what it is.</summary>
    internal static IReadOnlyList<string> Header(Settings s, DesignResult d)
    {
        var c = d.Cascade;
        var lines = new List<string>
        {
            $"Designed by sxcascade design from {s.File}" + (s.Overrides.Count > 0 ? $" with --set {string.Join(" --set ", s.Overrides)}" : ""),
            $"cut {string.Join("+", d.Cut.A)} | {string.Join("+", d.Cut.B)}, key pair {d.Cut.HeavyKey}/{d.Cut.LightKey}, β = {Value(d.Cut.Beta)}; "
                + $"S = {Value(d.Extraction)}, W = {Value(d.Scrub)} mol/mol feed "
                + (s.Extraction is not null ? "(fixed by --extraction)" : s.OrganicFlow is not null ? "(fixed by --organic-flow)" : "(minimum S·(n+m))"),
            $"{c.ExtractionStages} extraction + {c.ScrubStages} scrub stages, feed at stage {c.EffectiveFeedStage}; every spec met "
                + $"({string.Join(", ", d.Result.Specs.Select(sp => $"{sp.Stream} {string.Join("+", sp.Elements)} {sp.Kind} {Percent(sp.Value)} %"))})",
            "one extraction or one scrub stage fewer fails a spec at these flows",
        };
        return lines;
    }

    /// <summary>Reports each line at once, on the designer's thread (<see cref="Progress{T}"/> would post it elsewhere).</summary>
    private sealed class LineProgress(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write(value);
    }
}
