using System.CommandLine;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using SxCascade.Equilibrium;
using SxCascade.Flowsheets;
using SxCascade.IO;
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
        "sxcascade fit flowsheets/data/shake-test-example.csv --out results/fit --yaml elements.yaml",
        "sxcascade fit flowsheets/data/shake-test-example.csv --terms constant,ph,log-extractant,ph-extractant --json > fit.json",
        "sxcascade fit lab-data.csv --law log-k",
    ];

    /// <summary>The residual table written under <c>--out</c>.</summary>
    public const string FitCsvFile = "fit.csv";

    /// <summary>Format name of the <c>--json</c> document.</summary>
    public const string JsonFormat = "sxcascade-fit/1";

    /// <summary>Smallest singular value, relative to the largest, of the column-scaled design for the terms to count as independent.</summary>
    private const double IndependenceTolerance = 1e-9;

    /// <summary>What one <c>fit</c> was asked to do.</summary>
    /// <param name="File">Shake-test data file (CSV).</param>
    /// <param name="Law">--law: log-k or log-d.</param>
    /// <param name="Terms">--terms as given (comma-separated log-d terms), or null for the default.</param>
    /// <param name="YamlFile">--yaml FILE, or null.</param>
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
        var yaml = new Option<string?>("--yaml")
        {
            Description = "Also write the chemistry elements: block to FILE (replaced whole; nothing is written unless the fit succeeds).",
            HelpName = "FILE",
        };
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
        command.SetAction(parse => Execute(context, new Settings(
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

        var read = ShakeTestCsv.ReadFile(s.File);
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

        var problems = new List<FlowsheetError>();
        var fits = new List<FittedLaw>();
        foreach (var element in data.Elements)
        {
            var own = data.Points.Where(p => p.Element == element).ToList();
            var chosen = TermsFor(own, s.Law, terms);
            if (Problem(own, s.Law, chosen, data.ExtractantUnit) is { } problem)
            {
                problems.Add(new FlowsheetError(s.File, own[0].Line, 1, problem));
                continue;
            }
            fits.Add(Fit(own, s.Law, chosen, data.PercentVolume));
        }
        if (problems.Count > 0)
        {
            Diagnostics.WriteLoadErrors(problems, stderr);
            return ExitCodes.InvalidInput;
        }
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
            stdout.Write(ToJson(s, data, fits, block));
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
            new("--yaml", s.YamlFile, IsDirectory: false), new("--out", s.OutputDirectory, IsDirectory: true)));
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

    /// <summary>The coefficients fitted for one element, in file-key order (as <see cref="LawFitter"/> names them).</summary>
    private static string[] TermsFor(IReadOnlyList<ShakeTestPoint> points, DistributionLawKind law, IReadOnlyList<string>? terms)
    {
        bool extractantVaries = points.Select(p => p.Extractant).Distinct().Count() > 1;
        if (law == DistributionLawKind.LogK)
            return extractantVaries ? ["log-k", "extractant-order"] : ["log-k"];
        var chosen = terms ?? (extractantVaries ? ["constant", "ph", "log-extractant"] : ["constant", "ph"]);
        return LawFitter.LogDTerms.Where(chosen.Contains).ToArray();
    }

    /// <summary>
    /// Why the data of one element cannot give the coefficients <paramref name="terms"/>: too few
    /// points, or terms the data cannot tell apart; null when it can.
    /// </summary>
    private static string? Problem(IReadOnlyList<ShakeTestPoint> points, DistributionLawKind law, string[] terms, string unit)
    {
        string element = points[0].Element;
        string lawName = LawName(law);
        if (points.Count < terms.Length)
            return $"{element} has {Diagnostics.Plural(points.Count, "data point")}, fewer than the {terms.Length} coefficients "
                + $"of its {lawName} law ({string.Join(", ", terms)}); add rows for {element}"
                + (law == DistributionLawKind.LogD ? " or fit fewer terms with --terms" : "");

        bool Has(params string[] names) => names.All(terms.Contains);
        var phs = points.Select(p => p.Ph).Distinct().ToArray();
        var extractants = points.Select(p => p.Extractant).Distinct().ToArray();
        string drop = "; add rows at other values or leave a term out with --terms";
        if (phs.Length == 1 && Has("constant", "ph"))
            return $"{element}: the pH is {Value(phs[0])} in every row, so constant and ph cannot both be fitted{drop}";
        if (extractants.Length == 1 && Has("constant", "log-extractant"))
            return $"{element}: the extractant is {Value(extractants[0])} {unit} in every row, so constant and log-extractant cannot both be fitted{drop}";
        if (extractants.Length == 1 && Has("ph", "ph-extractant"))
            return $"{element}: the extractant is {Value(extractants[0])} {unit} in every row, so ph and ph-extractant cannot both be fitted{drop}";

        // anything else that makes the columns dependent, e.g. pH and extractant varied together
        var design = Matrix<double>.Build.Dense(points.Count, terms.Length, (i, j) => Basis(terms[j], points[i]));
        for (int j = 0; j < terms.Length; j++)
        {
            double norm = design.Column(j).L2Norm();
            if (norm == 0) return $"{element}: {terms[j]} is 0 in every row and cannot be fitted{drop}";
            design.SetColumn(j, design.Column(j) / norm);
        }
        // the singular values of the rows × terms matrix are those of R of its thin QR (terms × terms):
        // its SVD would allocate rows × rows
        var singular = design.QR(MathNet.Numerics.LinearAlgebra.Factorization.QRMethod.Thin).R.Svd(computeVectors: false).S;
        if (singular.Minimum() < IndependenceTolerance * singular.Maximum())
            return $"{element}: the data cannot tell the terms {string.Join(", ", terms)} apart (pH and extractant vary together "
                + $"over its {Diagnostics.Plural(points.Count, "row")}){drop}";
        return null;
    }

    /// <summary>The value a coefficient multiplies in log10 D (MODEL.md §3.3).</summary>
    private static double Basis(string term, ShakeTestPoint p) => term switch
    {
        "constant" or "log-k" => 1,
        "ph" => p.Ph,
        "log-extractant" or "extractant-order" => Math.Log10(p.Extractant),
        "ph-extractant" => p.Ph * p.Extractant,
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, null),
    };

    /// <summary>The law of one element (log-d terms as chosen; log-k with the order fitted when the extractant varies).</summary>
    private static FittedLaw Fit(IReadOnlyList<ShakeTestPoint> points, DistributionLawKind law, string[] terms, bool percentVolume)
    {
        int charge = Chemistry.Elements.DefaultCharge(points[0].Element);
        return LawFitter.Fit(points, law, charge, percentVolume, law == DistributionLawKind.LogD ? terms : null);
    }

    private static string LawName(DistributionLawKind law) => law == DistributionLawKind.LogK ? "log-k" : "log-d";

    /// <summary>The coefficient tables, then the YAML block.</summary>
    private static void WriteReport(Settings s, ShakeTestData data, IReadOnlyList<FittedLaw> fits, string block, TextWriter w)
    {
        string free = data.FreeFromTotal ? "free extractant e = extractant_total - z·org" : "e: free extractant";
        w.WriteLine($"Fit of {s.File}: {LawName(s.Law)} law, {Diagnostics.Plural(data.Points.Count, "point")}, "
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

    /// <summary>The --json document (format <see cref="JsonFormat"/>); standard errors that cannot be computed are null.</summary>
    private static string ToJson(Settings s, ShakeTestData data, IReadOnlyList<FittedLaw> fits, string block)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, NewLine = "\n" }))
        {
            json.WriteStartObject();
            json.WriteString("format", JsonFormat);
            json.WriteString("file", s.File);
            json.WriteString("law", LawName(s.Law));
            json.WriteString("extractant_unit", data.ExtractantUnit);
            json.WriteBoolean("free_extractant_from_total", data.FreeFromTotal);
            json.WriteNumber("points", data.Points.Count);
            json.WriteStartArray("elements");
            foreach (var fit in fits)
            {
                json.WriteStartObject();
                json.WriteString("element", fit.Element);
                json.WriteNumber("charge", fit.Law.Charge);
                json.WriteNumber("points", fit.Points);
                Number(json, "r_squared", fit.RSquared);
                Number(json, "rms", fit.RootMeanSquare);
                json.WriteStartArray("coefficients");
                for (int i = 0; i < fit.Terms.Count; i++)
                {
                    json.WriteStartObject();
                    json.WriteString("term", fit.Terms[i]);
                    Number(json, "value", fit.Values[i]);
                    Number(json, "standard_error", fit.StandardErrors[i]);
                    json.WriteEndObject();
                }
                json.WriteEndArray();
                json.WriteString("yaml", $"{fit.Element}: {ChemistryYamlWriter.Entry(fit)}");
                json.WriteEndObject();
            }
            json.WriteEndArray();
            json.WriteString("yaml", block);
            json.WriteEndObject();
        }
        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void Number(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value)) json.WriteNumber(name, value);
        else json.WriteNull(name);
    }

    /// <summary>
    /// Writes --yaml and --out, all or nothing (<see cref="OutputTransaction"/>): both are staged in
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
                string title = $"{Path.GetFileName(s.File)}: {LawName(s.Law)} fit";
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
