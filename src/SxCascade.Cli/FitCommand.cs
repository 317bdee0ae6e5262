using System.CommandLine;
using System.Runtime.CompilerServices;
using SxCascade.Equilibrium;
using SxCascade.Flowsheets;
using SxCascade.IO;
using SxCascade.IO.Documents;
using SxCascade.Plots;
using static SxCascade.Cli.NumberFormat;

namespace SxCascade.Cli;

/// <summary>
/// <c>sxcascade fit DATA.csv</c>: fits a log-d or log-k distribution law per element to lab
/// shake-test data (<see cref="LawFitter"/>), prints the coefficients with their standard errors,
/// R² and RMS, and the chemistry <c>elements:</c> block as YAML ready to paste; optionally writes
/// the block to a file and a figure and residual table into a directory.
/// </summary>
internal static class FitCommand
{
    /// <summary>Shown under "Examples:" in <c>fit --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade fit flowsheets/data/shake-test-example.csv",
        "sxcascade fit flowsheets/data/shake-test-example.csv --out results/fit --write elements.yaml",
        "sxcascade fit flowsheets/data/shake-test-example.csv --terms constant,ph,log-extractant,ph-extractant --json > fit.json",
        "sxcascade fit lab-data.csv --law log-k",
    ];

    /// <summary>The residual table written under <c>--out</c>.</summary>
    public const string FitCsvFile = "fit.csv";

    /// <summary>Format name of the <c>--json</c> document.</summary>
    public const string JsonFormat = FitDocument.FormatTag;

    /// <summary>What one <c>fit</c> was asked to do.</summary>
    /// <param name="File">Shake-test data file (CSV).</param>
    /// <param name="Law">--law: log-k or log-d.</param>
    /// <param name="Terms">--terms as given (comma-separated log-d terms), or null for the default.</param>
    /// <param name="YamlFile">--write FILE (or its deprecated alias --yaml), or null.</param>
    /// <param name="OutputDirectory">--out DIR, or null.</param>
    /// <param name="Json">--json: the fit as a JSON document on stdout, nothing else.</param>
    /// <param name="Figures">The figure options (<see cref="FigureOptions"/>); null for the defaults.</param>
    internal sealed record Settings(string File, DistributionLawKind Law, string? Terms, string? YamlFile, string? OutputDirectory, bool Json,
        FigureRequest? Figures = null);

    /// <summary>The <c>fit</c> command, writing to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("DATA")
        {
            Description = "Shake-test data (CSV with a header: element; ph, or h [mol/L]; extractant [mol/L] or [% v/v], "
                + "or extractant_total [mol/L]; d, or aq and org [mol/L]). See docs/cli.md.",
        };
        var law = new Option<string>("--law")
        {
            Description = "Law to fit per element: log-d (log10 D = a + b·pH + c·log10 e + d·pH·e; default) "
                + "or log-k (log10 D = log10 K + n·log10 e + z·pH, z the element's charge).",
            DefaultValueFactory = _ => "log-d",
        };
        law.AcceptOnlyFromAmong("log-d", "log-k");
        var terms = new Option<string?>("--terms")
        {
            Description = "log-d terms to fit, comma-separated, from constant, ph, log-extractant, ph-extractant "
                + "(default: constant,ph and log-extractant when the extractant varies).",
            HelpName = "TERMS",
        };
        var yaml = SharedOptions.WriteYaml(
            "Also write the chemistry elements: block to FILE (replaced whole; nothing is written unless the fit succeeds).");
        var output = new Option<string?>("--out", "-o")
        {
            Description = "Write fit.png/.svg (log10 D against pH, data and fitted laws) and fit.csv (residuals) into DIR "
                + "(created if missing; other files in it are kept). Nothing is written unless the fit succeeds.",
            HelpName = "DIR",
        };
        var json = new Option<bool>("--json")
        {
            Description = $"Print the fit as JSON (format {JsonFormat}: coefficients, standard errors, R², RMS, the YAML block) and nothing else on stdout.",
        };
        var command = new Command("fit", "Fit log-k or log-d distribution laws per element to shake-test data (CSV); print the chemistry block as YAML.")
        {
            file, law, terms, yaml, output, json,
        };
        var figures = FigureOptions.AddTo(command);
        command.SetAction(parse => SharedOptions.WarnDeprecated(parse, yaml, context.Stderr) ?? Execute(context, new Settings(
            parse.GetValue(file)!,
            parse.GetValue(law) == "log-k" ? DistributionLawKind.LogK : DistributionLawKind.LogD,
            parse.GetValue(terms),
            parse.GetValue(yaml),
            parse.GetValue(output),
            parse.GetValue(json),
            figures.Read(parse))));
        return command;
    }

    /// <summary>Runs <paramref name="s"/>; returns the exit code (<see cref="ExitCodes"/>).</summary>
    internal static int Execute(CliContext context, Settings s)
    {
        var (stdout, stderr) = (context.Stdout, context.Stderr);
        var usage = UsageProblems(s, out var terms);
        if (usage.Count > 0)
        {
            Diagnostics.WriteUsageErrors(usage, "sxcascade fit", stderr);
            return ExitCodes.InvalidInput;
        }

        var read = SxCascadeEngine.ReadShakeTest(s.File);
        if (!read.Ok)
        {
            Diagnostics.WriteLoadErrors(read.Errors, stderr);
            return ExitCodes.InvalidInput;
        }
        var data = read.Data!;
        if (s.Law == DistributionLawKind.LogK && data.PercentVolume)
        {
            Diagnostics.WriteLoadErrors([new FlowsheetError(s.File, 1, data.ExtractantColumn,
                "the log-k law takes the free extractant in mol/L (docs/model.md §3.3) and this column is in % v/v; "
                + "fit --law log-d, whose correlation may use % v/v, or give the extractant in mol/L")], stderr);
            return ExitCodes.InvalidInput;
        }

        var (fitted, issues) = SxCascadeEngine.TryFit(data, s.Law, terms);
        if (issues.Count > 0)
        {
            // each at the first row of its element
            Diagnostics.WriteLoadErrors(issues.Select(issue => new FlowsheetError(s.File,
                data.Points.First(p => p.Element == issue.Element).Line, 1, Describe(issue, s.Law, data.ExtractantUnit))).ToList(), stderr);
            return ExitCodes.InvalidInput;
        }
        var fits = fitted!.Laws;
        if (fits.FirstOrDefault(f => f.Values.Any(v => !double.IsFinite(v))) is { } failed)
            throw new InvalidOperationException($"the fit of {failed.Element} gave a coefficient that is not finite");

        // a law without an extractant term that is fitted to data over several extractants: not fatal, but say so
        foreach (var fit in fits.Where(f => f.Kind == DistributionLawKind.LogD && !f.Terms.Any(t => t.Contains("extractant", StringComparison.Ordinal))))
        {
            var range = data.Points.Where(p => p.Element == fit.Element).Select(p => p.Extractant).ToArray();
            if (range.Min() < range.Max())
                stderr.WriteLine($"{s.File}: warning: {fit.Element}: the extractant varies ({Value(range.Min())} to {Value(range.Max())} "
                    + $"{data.ExtractantUnit}) but no extractant term is fitted (--terms); the law averages over it");
        }

        string block = ChemistryYamlWriter.ElementsBlock(fits);
        IReadOnlyList<string> written = [];
        if (s.YamlFile is not null || s.OutputDirectory is not null)
        {
            try
            {
                written = WriteFiles(s, block, data, fits, stderr);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"sxcascade: cannot write the fit: {e.Message}");
                return ExitCodes.InvalidInput;
            }
        }

        if (s.Json)
            stdout.Write(DocumentJson.ToJson(FitDocument.From(s.File, s.Law, data, fits)));
        else
            WriteReport(s, data, fits, block, stdout);

        if (written.Count > 0)
        {
            var to = s.Json ? stderr : stdout;
            if (!s.Json) to.WriteLine();
            to.WriteLine($"Wrote {Diagnostics.Plural(written.Count, "file")}:");
            foreach (var path in written) to.WriteLine($"  {path}");
        }
        return ExitCodes.Done;
    }

    /// <summary>Problems of the options, known before the data is read; <paramref name="terms"/> gets the parsed --terms.</summary>
    private static List<string> UsageProblems(Settings s, out IReadOnlyList<string>? terms)
    {
        var problems = new List<string>();
        terms = null;
        problems.AddRange((s.Figures ?? FigureRequest.None).Problems());
        problems.AddRange(OutputTransaction.Problems(
            new("--write", s.YamlFile, IsDirectory: false), new("--out", s.OutputDirectory, IsDirectory: true)));
        if (s.Terms is { } text)
        {
            if (s.Law == DistributionLawKind.LogK)
            {
                problems.Add("--terms selects the terms of the log-d law; the log-k law fits log-k, and extractant-order "
                    + "when the extractant varies (use --law log-d with --terms)");
                return problems;
            }
            var list = new List<string>();
            foreach (var raw in text.Split(','))
            {
                string term = raw.Trim().ToLowerInvariant();
                if (!LawFitter.LogDTerms.Contains(term))
                    problems.Add($"--terms: unknown term '{raw.Trim()}'; {Suggestions.DidYouMean(term, LawFitter.LogDTerms)}"
                        + $"the terms are {string.Join(", ", LawFitter.LogDTerms)}");
                else if (list.Contains(term))
                    problems.Add($"--terms: '{term}' is given twice");
                else
                    list.Add(term);
            }
            terms = list;
        }
        return problems;
    }

    /// <summary>The problem of one element's fit in words: what is wrong and what would make it fittable.</summary>
    private static string Describe(FitIssue issue, DistributionLawKind law, string unit)
    {
        string element = issue.Element, terms = string.Join(", ", issue.Terms);
        string drop = "; add rows at other values or leave a term out with --terms";
        return issue.Kind switch
        {
            FitIssueKind.TooFewPoints => $"{element} has {Diagnostics.Plural(issue.Points, "data point")}, fewer than the {issue.Terms.Count} coefficients "
                + $"of its {LawFitter.LawName(law)} law ({terms}); add rows for {element}"
                + (law == DistributionLawKind.LogD ? " or fit fewer terms with --terms" : ""),
            FitIssueKind.ConstantPh => $"{element}: the pH is {Value(issue.Value)} in every row, so constant and ph cannot both be fitted{drop}",
            FitIssueKind.ConstantExtractantWithConstant => $"{element}: the extractant is {Value(issue.Value)} {unit} in every row, so constant and log-extractant cannot both be fitted{drop}",
            FitIssueKind.ConstantExtractantWithPh => $"{element}: the extractant is {Value(issue.Value)} {unit} in every row, so ph and ph-extractant cannot both be fitted{drop}",
            FitIssueKind.ZeroTerm => $"{element}: {issue.Term} is 0 in every row and cannot be fitted{drop}",
            _ => $"{element}: the data cannot tell the terms {terms} apart (pH and extractant vary together "
                + $"over its {Diagnostics.Plural(issue.Points, "row")}){drop}",
        };
    }

    /// <summary>The coefficient tables, then the YAML block.</summary>
    private static void WriteReport(Settings s, ShakeTestData data, IReadOnlyList<FittedLaw> fits, string block, TextWriter w)
    {
        string free = data.FreeFromTotal ? "free extractant e = extractant_total - z·org" : "e: free extractant";
        w.WriteLine($"Fit of {s.File}: {LawFitter.LawName(s.Law)} law, {Diagnostics.Plural(data.Points.Count, "point")}, "
            + $"{Diagnostics.Plural(fits.Count, "element")} ({string.Join(", ", fits.Select(f => f.Element))})");
        w.WriteLine(s.Law == DistributionLawKind.LogK
            ? $"  log10 D = log-k + extractant-order·log10 e + z·pH  (z the element's charge, fixed; {free}, {data.ExtractantUnit})"
            : $"  log10 D = constant + ph·pH + log-extractant·log10 e + ph-extractant·pH·e  ({free}, {data.ExtractantUnit})");
        w.WriteLine();
        foreach (var fit in fits)
        {
            w.WriteLine($"{fit.Element}: {Diagnostics.Plural(fit.Points, "point")}, R² {Value(fit.RSquared)}, RMS {Value(fit.RootMeanSquare)} (log10 D)");
            var table = new TextTable("term", ">value", ">standard error");
            for (int i = 0; i < fit.Terms.Count; i++) table.Add(fit.Terms[i], Value(fit.Values[i]), Value(fit.StandardErrors[i]));
            table.Write(w);
            if (fit.Kind == DistributionLawKind.LogK)
            {
                string fixedOrder = fit.Terms.Count == 1
                    ? $"; extractant-order = z (the extractant is the same in every row)"
                    : "";
                w.WriteLine($"  z = {fit.Law.Charge} (charge of {fit.Element}){fixedOrder}");
            }
            if (fit.Points == fit.Terms.Count)
                w.WriteLine("  as many points as coefficients: the law passes through them and has no standard errors");
            w.WriteLine();
        }
        w.Write(block);
    }

    /// <summary>
    /// Writes --write and --out, all or nothing (<see cref="OutputTransaction"/>): both are staged in
    /// full beside their targets, then put in place together.
    /// </summary>
    /// <returns>The paths written, as given on the command line.</returns>
    private static IReadOnlyList<string> WriteFiles(Settings s, string block, ShakeTestData data, IReadOnlyList<FittedLaw> fits, TextWriter notes)
    {
        var staged = new OutputTransaction(notes);
        if (s.YamlFile is { } yaml)
            staged.File(yaml, path => OutputDirectory.WriteText(path, w => w.Write(block)));
        if (s.OutputDirectory is { } dir)
        {
            staged.Directory(dir, staging =>
            {
                var laws = fits.ToDictionary(f => f.Element, f => f.Law, StringComparer.Ordinal);
                OutputDirectory.WriteText(Path.Combine(staging, FitCsvFile), w => ShakeTestCsv.WriteFit(data, laws, w));
                string title = $"{Path.GetFileName(s.File)}: {LawFitter.LawName(s.Law)} fit";
                return [.. FitPlot.Save(fits, data.Points, title, staging, s.Figures ?? FigureRequest.None).Select(p => Path.GetFileName(p)), FitCsvFile];
            });
        }
        return staged.Commit();
    }

    /// <summary>
    /// The only call into SxCascade.Plots, in its own never-inlined method (as <see cref="ProfilePlot"/>),
    /// so that ScottPlot and SkiaSharp load only when --out asks for the figure.
    /// </summary>
    private static class FitPlot
    {
        [MethodImpl(MethodImplOptions.NoInlining)]
        public static IReadOnlyList<string> Save(IReadOnlyList<FittedLaw> fits, IReadOnlyList<ShakeTestPoint> points, string title, string directory, FigureRequest figures)
        {
            var (style, formats, _) = figures.Resolve();
            return FitFigure.Save(fits, points, title, directory, style, formats);
        }
    }
}
