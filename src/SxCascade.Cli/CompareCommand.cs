using System.CommandLine;
using System.Text;
using SxCascade.Comparison;
using SxCascade.Flowsheets;
using SxCascade.IO;
using static SxCascade.Cli.NumberFormat;

namespace SxCascade.Cli;

/// <summary>
/// <c>sxcascade compare FILE…</c>: solves (or, with --design, designs to the first file's specs)
/// each flowsheet and prints one table of stages, flows, inventory, reagents per kg of product oxide,
/// product purities and recoveries and solve times; --csv, --json, --out DIR (tables and figures),
/// --report FILE.html (one self-contained page).
/// </summary>
internal static class CompareCommand
{
    /// <summary>Shown under "Examples:" in <c>compare --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade compare flowsheets/prnd-p507.yaml flowsheets/ndfeb-dy-recovery.yaml",
        "sxcascade compare flowsheets/studies/ndpr/bayan-obo/*.yaml --design --out results/compare --report results/compare.html",
        "sxcascade compare a.yaml b.yaml --csv > compare.csv",
    ];

    /// <summary>What one <c>compare</c> was asked to do.</summary>
    /// <param name="Files">Flowsheet files; the first sets the specs under --design.</param>
    /// <param name="Overrides">--set PATH=VALUE, applied to every file.</param>
    /// <param name="Design">--design: design each to the first file's specs.</param>
    /// <param name="Csv">--csv: the table as CSV on stdout, nothing else.</param>
    /// <param name="Json">--json: the comparison as JSON on stdout, nothing else.</param>
    /// <param name="OutputDirectory">--out DIR, or null.</param>
    /// <param name="Report">--report FILE.html, or null.</param>
    /// <param name="SweepPoints">--sweep N: stage counts simulated per technique for the purity curve (null: 9 when figures are written, else none).</param>
    /// <param name="Quiet">--quiet: no table, no progress, no list of files written.</param>
    /// <param name="RequireSpecs">--require-specs: exit code 4 when a technique misses a product target.</param>
    /// <param name="Figures">The figure options of --out (<see cref="FigureOptions"/>); null for the defaults. The report's figures are always at the screen size.</param>
    /// <param name="Deterministic">--deterministic: no solve times in the JSON and CSV written and printed.</param>
    internal sealed record Settings(
        IReadOnlyList<string> Files, IReadOnlyList<string> Overrides, bool Design, bool Csv, bool Json,
        string? OutputDirectory, string? Report, int? SweepPoints, bool Quiet, bool RequireSpecs = false, FigureRequest? Figures = null, bool Deterministic = false)
    {
        /// <summary>Simulations per technique for the purity-against-stages curve: only the figures need it.</summary>
        public int Sweep => SweepPoints ?? (OutputDirectory is not null || Report is not null ? DefaultSweep : 0);
    }

    /// <summary>Sweep points when figures are written and --sweep is not given.</summary>
    public const int DefaultSweep = 9;

    /// <summary>compare.csv under --out.</summary>
    public const string CsvFile = "compare.csv";

    /// <summary>compare.json under --out.</summary>
    public const string JsonFile = "compare.json";

    /// <summary>The <c>compare</c> command, writing to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var files = new Argument<string[]>("FILE")
        {
            Description = "Flowsheet files to compare (two or more make sense; one is allowed). The first sets the specs for --design; - reads one from standard input.",
            Arity = ArgumentArity.OneOrMore,
        };
        var overrides = SharedOptions.Set();
        overrides.Description = "Override a key in every file, e.g. feeds.leach.flow=\"20 L/h\" (dotted path, VALUE in YAML). Repeat for several.";
        var design = new Option<bool>("--design")
        {
            Description = "Design each flowsheet (fewest stages, best S) to the specs of the first file before comparing, "
                + "so the techniques are compared at equal product quality. In linked cascades the one the specs name is designed.",
        };
        var csv = new Option<bool>("--csv")
        {
            Description = "Print the comparison as CSV (one row per technique and product, units in every header) and nothing else on stdout.",
        };
        var json = new Option<bool>("--json")
        {
            Description = $"Print the comparison as JSON (format {ComparisonJsonWriter.Format}) and nothing else on stdout.",
        };
        var output = new Option<string?>("--out", "-o")
        {
            Description = $"Write {CsvFile}, {JsonFile} and the figures (compare-metrics, compare-profiles, compare-purity-stages, "
                + "compare-tradeoff; PNG and SVG) into DIR (created if missing; other files kept). Nothing is written unless the comparison succeeds.",
            HelpName = "DIR",
        };
        var report = new Option<string?>("--report")
        {
            Description = "Write one self-contained HTML page (tables, figures inline as SVG, the flowsheets' provenance notes) that opens offline.",
            HelpName = "FILE.html",
        };
        var sweep = new Option<int?>("--sweep")
        {
            Description = $"Stage counts simulated per technique for the purity-against-stages curve (extraction and scrub sections scaled 0.5× to 1.5×). "
                + $"Default: {DefaultSweep} when --out or --report writes figures, else 0 (the table needs no sweep: N files cost about N runs).",
            HelpName = "N",
        };
        var quiet = new Option<bool>("--quiet", "-q")
        {
            Description = "Print no table, no progress lines and no list of files written; errors still go to stderr.",
        };
        var requireSpecs = SharedOptions.RequireSpecs("Exit with code 4 when a technique does not meet a product target "
            + "(the specs of the first file under --design, else each file's own; default: shown, exit code 0).");
        var command = new Command("compare",
            "Compare techniques: run (or design) several flowsheets and tabulate stages, organic inventory, acid, base and salt per kg of product, purities.")
        {
            files, overrides, design, csv, json, output, report, sweep, quiet, requireSpecs,
        };
        var deterministic = SharedOptions.Deterministic();
        command.Options.Add(deterministic);
        var figures = FigureOptions.AddTo(command);
        command.SetAction(parse => Execute(context, new Settings(
            parse.GetValue(files) ?? [],
            parse.GetValue(overrides) ?? [],
            parse.GetValue(design),
            parse.GetValue(csv),
            parse.GetValue(json),
            parse.GetValue(output),
            parse.GetValue(report),
            parse.GetValue(sweep),
            parse.GetValue(quiet),
            parse.GetValue(requireSpecs),
            figures.Read(parse),
            parse.GetValue(deterministic))));
        return command;
    }

    /// <summary>Runs <paramref name="s"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    internal static int Execute(CliContext context, Settings s)
    {
        var (stdout, stderr) = (context.Stdout, context.Stderr);
        var usage = UsageProblems(s);
        if (usage.Count > 0)
        {
            Diagnostics.WriteUsageErrors(usage, "sxcascade compare", stderr);
            return ExitCodes.InvalidInput;
        }

        // every file's problems at once
        var loaded = s.Files.Select(f => (File: FlowsheetInput.Name(f), Load: FlowsheetInput.Load(context, f, s.Overrides))).ToList();
        var errors = loaded.SelectMany(l => l.Load.Errors).ToList();
        if (errors.Count > 0)
        {
            Diagnostics.WriteLoadErrors(errors, stderr);
            return ExitCodes.InvalidInput;
        }

        var labels = Labels(s.Files);
        var cases = loaded.Select((l, k) => new TechniqueCase(labels[k], l.File, l.Load.Flowsheet!)).ToList();
        var progress = s.Quiet || s.Json || s.Csv ? null : new LineProgress(line => stderr.WriteLine($"compare: {line}"));
        ComparisonResult comparison;
        try
        {
            comparison = SxCascadeEngine.Compare(cases, new CompareOptions(s.Design, s.Sweep, progress));
        }
        catch (CompareException e)
        {
            var load = loaded.First(l => l.File == e.File).Load;
            var error = load.Locate?.Invoke(new ValidationIssue(e.Path, e.Message)) ?? new FlowsheetError(e.File, 1, 1, e.Message);
            Diagnostics.WriteLoadErrors([error], stderr);
            return ExitCodes.InvalidInput;
        }
        catch (CompareSolveException e)
        {
            Diagnostics.WriteConvergenceFailure(e.Result, e.Case.File, stderr);
            return ExitCodes.NotConverged;
        }

        foreach (var t in comparison.Techniques)
            foreach (var warning in t.Result.Warnings)
                stderr.WriteLine($"{t.Case.File}: warning: {warning}");

        // under --deterministic the files and the printed table carry no wall-clock times
        if (s.Deterministic)
            comparison = comparison with { Techniques = comparison.Techniques.Select(t => t with { Milliseconds = double.NaN }).ToList() };
        IReadOnlyList<string> written = [];
        if (s.OutputDirectory is not null || s.Report is not null)
        {
            try
            {
                written = WriteFiles(s, comparison, stderr);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"sxcascade: cannot write the comparison: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        if (s.Json)
            stdout.Write(ComparisonJsonWriter.ToJson(comparison));
        else if (s.Csv)
            ComparisonCsvWriter.Write(comparison, stdout);
        else if (!s.Quiet)
            CompareReport.Write(comparison, stdout, context.Clock.Elapsed.TotalMilliseconds);

        if (written.Count > 0 && !s.Quiet)
        {
            var to = s.Json || s.Csv ? stderr : stdout;
            if (!(s.Json || s.Csv)) to.WriteLine();
            to.WriteLine($"Wrote {Diagnostics.Plural(written.Count, "file")}:");
            foreach (var path in written) to.WriteLine($"  {path}");
        }
        if (s.RequireSpecs && comparison.Techniques.Any(t => t.Products.Any(p => !p.Met)))
        {
            foreach (var t in comparison.Techniques.Where(t => t.Products.Any(p => !p.Met)))
                foreach (var p in t.Products.Where(p => !p.Met))
                    stderr.WriteLine($"{t.Case.File}: {p.Label} not met (--require-specs): purity {NumberFormat.Percent(p.Purity)} %"
                        + (p.PurityTarget is { } pt ? $" (target {NumberFormat.Percent(pt)} %)" : "")
                        + $", recovery {NumberFormat.Percent(p.Recovery)} %" + (p.RecoveryTarget is { } rt ? $" (target {NumberFormat.Percent(rt)} %)" : ""));
            return ExitCodes.SpecsNotMet;
        }
        return ExitCodes.Done;
    }

    private static List<string> UsageProblems(Settings s)
    {
        var problems = new List<string>();
        if (s.Files.Count == 0) problems.Add("give at least one flowsheet file");
        problems.AddRange((s.Figures ?? FigureRequest.None).Problems());
        if (s.Json && s.Csv) problems.Add("give --json or --csv, not both (each prints the comparison alone on stdout)");
        if (s.SweepPoints < 0) problems.Add($"--sweep must be 0 or more; got {s.SweepPoints}");
        if (s.SweepPoints > 100) problems.Add($"--sweep asks for {s.SweepPoints} simulations per technique; at most 100");
        problems.AddRange(OutputTransaction.Problems(
            new("--out", s.OutputDirectory, IsDirectory: true), new("--report", s.Report, IsDirectory: false)));
        var repeated = s.Files.GroupBy(f => Path.GetFullPath(f)).Where(g => g.Count() > 1).Select(g => g.First()).ToList();
        foreach (var f in repeated) problems.Add($"{f} is given more than once; compare each flowsheet once");
        return problems;
    }

    /// <summary>
    /// Short labels for tables and legends: the file names without extension ("stdin" for <c>-</c>), numbered where
    /// two are alike.
    /// </summary>
    internal static IReadOnlyList<string> Labels(IReadOnlyList<string> files)
    {
        var stems = files.Select(f => f == FlowsheetInput.StandardInput ? "stdin" : Path.GetFileNameWithoutExtension(f)).ToList();
        return stems.Select((stem, k) => stems.Count(x => x == stem) > 1 ? $"{stem}-{k + 1}" : stem).ToList();
    }

    /// <summary>The command line of <paramref name="s"/> as it can be typed again (arguments with spaces quoted).</summary>
    internal static string CommandLine(Settings s)
    {
        static string Q(string a) => a.Length > 0 && !a.Any(char.IsWhiteSpace) && !a.Contains('"', StringComparison.Ordinal) ? a : $"\"{a.Replace("\"", "\\\"", StringComparison.Ordinal)}\"";
        var args = new List<string> { "sxcascade", "compare" };
        args.AddRange(s.Files.Select(Q));
        if (s.Design) args.Add("--design");
        foreach (var o in s.Overrides) args.AddRange(["--set", Q(o)]);
        if (s.SweepPoints is { } n) args.AddRange(["--sweep", n.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        if (s.OutputDirectory is { } dir) args.AddRange(["--out", Q(dir)]);
        if (s.Report is { } report) args.AddRange(["--report", Q(report)]);
        if (s.Deterministic) args.Add("--deterministic");
        return string.Join(" ", args);
    }

    /// <summary>--out and --report, all or nothing (<see cref="OutputTransaction"/>).</summary>
    private static IReadOnlyList<string> WriteFiles(Settings s, ComparisonResult c, TextWriter notes)
    {
        var staged = new OutputTransaction(notes);
        // with both at the screen size, the SVG figures are drawn once: written into DIR and inlined in the report
        var figures = s.Figures ?? FigureRequest.None;
        var svgs = s.OutputDirectory is not null && s.Report is not null && figures == FigureRequest.None ? ComparePlots.Svgs(c) : null;
        if (s.OutputDirectory is { } dir)
        {
            staged.Directory(dir, staging =>
            {
                OutputDirectory.WriteText(Path.Combine(staging, CsvFile), w => ComparisonCsvWriter.Write(c, w));
                using (var json = File.Create(Path.Combine(staging, JsonFile)))
                    ComparisonJsonWriter.Write(c, json);
                return [CsvFile, JsonFile, .. ComparePlots.Save(c, staging, figures, svgs)];
            });
        }
        if (s.Report is { } report)
            staged.File(report, path => OutputDirectory.WriteText(path, w => ComparePlots.WriteReport(c, w, svgs, new ReportRun(CommandLine(s), s.Overrides))));
        return staged.Commit();
    }

    /// <summary>Reports each line at once, on the caller's thread.</summary>
    private sealed class LineProgress(Action<string> write) : IProgress<string>
    {
        public void Report(string value) => write(value);
    }
}

/// <summary>The text table of <c>compare</c>: one column per technique.</summary>
internal static class CompareReport
{
    /// <summary>Writes the table, the products and the notes.</summary>
    public static void Write(ComparisonResult c, TextWriter w, double totalMilliseconds)
    {
        var ts = c.Techniques;
        w.WriteLine(c.Designed
            ? $"Comparison of {Diagnostics.Plural(ts.Count, "technique")}, each designed to the specs of {ts[0].Case.File}"
            : $"Comparison of {Diagnostics.Plural(ts.Count, "technique")}, as given");
        w.WriteLine();
        var table = new TextTable(["", .. ts.Select(t => ">" + t.Label)]);
        void Row(string name, Func<TechniqueResult, string> cell) => table.Add([name, .. ts.Select(cell)]);
        Row("contactor", t => t.Contactors);
        Row("scrub", t => t.ScrubModes);
        Row("stages n/m/k", t => $"{t.ExtractionStages}/{t.ScrubStages}/{t.StripStages}");
        Row("stages in all", t => Count(t.TotalStages));
        Row("organic flow [L/h]", t => Value(t.OrganicFlow));
        Row("organic inventory [L]", t => t.OrganicInventory is { } v ? Value(v) : "-");
        Row("acid [kg/kg REO]", t => $"{Value(t.Result.Reagents.AcidKgPerKgOxide)} {t.Result.Reagents.AcidName}");
        Row("base [kg/kg REO]", t => $"{Value(t.Result.Reagents.BaseKgPerKgOxide)} {t.Result.Reagents.BaseName ?? "none"}");
        Row("salt [kg/kg REO]", t => $"{Value(t.Result.Reagents.SaltKgPerKgOxide)} {t.Result.Reagents.SaltName ?? "none"}");
        Row("product oxide [kg/h]", t => Value(t.Result.Reagents.ProductOxideKgPerH));
        Row(c.Designed ? "design time [ms]" : "solve time [ms]", t => double.IsFinite(t.Milliseconds) ? t.Milliseconds.ToString("F1", System.Globalization.CultureInfo.InvariantCulture) : "-");
        table.Write(w);
        w.WriteLine();

        // every technique shares one purity basis (Comparer checks)
        string basis = ts.Count > 0 && ts[0].Result.PurityBasis == PurityBasis.OxideMass ? "purity as oxide mass fraction (purity-basis: oxide-mass)" : "purity as mole fraction among rare earths";
        w.WriteLine($"Products: purity / recovery [%] (targets in brackets; ! = target not met; {basis})");
        var products = new TextTable("technique", "product", ">purity [%]", ">recovery [%]", "");
        foreach (var t in ts)
        {
            if (t.Products.Count == 0) products.Add(t.Label, "(no rare-earth product)");
            foreach (var p in t.Products)
                products.Add(t.Label, p.Label,
                    Percent(p.Purity) + (p.PurityTarget is { } pt ? $" ({Percent(pt)})" : ""),
                    Percent(p.Recovery) + (p.RecoveryTarget is { } rt ? $" ({Percent(rt)})" : ""),
                    p.Met ? "" : "!");
        }
        products.Write(w);
        w.WriteLine();

        w.WriteLine("Flowsheets");
        foreach (var t in ts)
            w.WriteLine($"  {t.Label}: {t.Flowsheet.Name} ({t.Case.File}; products from {t.ProductsFrom})");
        // the built-in library entries, each once, with the techniques that use it (indicative ones labelled so)
        var library = ts.SelectMany(t => t.Result.Library.Select(u => (t.Label, u.Provenance)))
            .GroupBy(x => (x.Provenance.Kind, x.Provenance.Name, x.Provenance.TagLabel, x.Provenance.Source)).ToList();
        if (library.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Built-in library values used (docs/library.md)");
            foreach (var g in library)
            {
                w.WriteLine($"  {g.Key.Kind} {g.Key.Name}: {g.Key.TagLabel} (used by {string.Join(", ", g.Select(x => x.Label).Distinct())})");
                w.WriteLine($"    source: {g.Key.Source}");
            }
        }
        var notes = ts.SelectMany(t => t.Result.Cascades.Where(x => x.ContactorNote is not null).Select(x => $"{t.Label}, {x.Name}: {x.Contactor}: {x.ContactorNote}")).ToList();
        if (notes.Count > 0)
        {
            w.WriteLine();
            w.WriteLine("Contactors");
            foreach (var n in notes) w.WriteLine($"  {n}");
        }
        w.WriteLine();
        w.WriteLine($"Total wall time {Milliseconds(totalMilliseconds)} for {Diagnostics.Plural(ts.Count, "flowsheet")}"
            + $" ({Milliseconds(ts.Sum(t => t.Milliseconds))} solving{(c.Designed ? "/designing" : "")}, the rest loading and sweeps)");
    }
}
