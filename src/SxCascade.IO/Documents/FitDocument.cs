using SxCascade.Equilibrium;
using SxCascade.Flowsheets;
using static SxCascade.IO.Documents.DocumentJson;

namespace SxCascade.IO.Documents;

/// <summary>
/// The "sxcascade-fit/1" document of <c>sxcascade fit --json</c>: per element the coefficients with
/// their standard errors (null where they cannot be computed), R², RMS and its YAML line; the whole
/// chemistry <c>elements:</c> block as "yaml".
/// </summary>
public sealed record FitDocument
{
    /// <summary>The format tag.</summary>
    public const string FormatTag = "sxcascade-fit/1";

    /// <summary>Always <see cref="FormatTag"/>.</summary>
    public string Format { get; init; } = FormatTag;
    /// <summary>The data file, as given.</summary>
    public required string File { get; init; }
    /// <summary>"log-d" or "log-k".</summary>
    public required string Law { get; init; }
    /// <summary>"mol/L" or "% v/v".</summary>
    public required string ExtractantUnit { get; init; }
    /// <summary>True when the free extractant was computed from extractant_total.</summary>
    public required bool FreeExtractantFromTotal { get; init; }
    /// <summary>Data points over all elements.</summary>
    public required int Points { get; init; }
    /// <summary>One fit per element.</summary>
    public required List<FitElement> Elements { get; init; }
    /// <summary>The chemistry elements: block, as printed.</summary>
    public required string Yaml { get; init; }

    /// <summary>The document of the fits <paramref name="fits"/> of <paramref name="data"/> read from <paramref name="file"/>.</summary>
    public static FitDocument From(string file, DistributionLawKind law, ShakeTestData data, IReadOnlyList<FittedLaw> fits)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(fits);
        return new FitDocument
        {
            File = file,
            Law = LawFitter.LawName(law),
            ExtractantUnit = data.ExtractantUnit,
            FreeExtractantFromTotal = data.FreeFromTotal,
            Points = data.Points.Count,
            Elements = fits.Select(fit => new FitElement
            {
                Element = fit.Element,
                Charge = fit.Law.Charge,
                Points = fit.Points,
                RSquared = Finite(fit.RSquared),
                Rms = Finite(fit.RootMeanSquare),
                Coefficients = Enumerable.Range(0, fit.Terms.Count).Select(i => new FitCoefficient
                {
                    Term = fit.Terms[i], Value = Finite(fit.Values[i]), StandardError = Finite(fit.StandardErrors[i]),
                }).ToList(),
                Yaml = $"{fit.Element}: {ChemistryYamlWriter.Entry(fit)}",
            }).ToList(),
            Yaml = ChemistryYamlWriter.ElementsBlock(fits),
        };
    }
}

/// <summary>The fit of one element.</summary>
public sealed record FitElement
{
    /// <summary>Element symbol.</summary>
    public required string Element { get; init; }
    /// <summary>Charge z.</summary>
    public required int Charge { get; init; }
    /// <summary>Its data points.</summary>
    public required int Points { get; init; }
    /// <summary>R² of log10 D.</summary>
    public required double? RSquared { get; init; }
    /// <summary>RMS of log10 D.</summary>
    public required double? Rms { get; init; }
    /// <summary>The coefficients, in file-key order.</summary>
    public required List<FitCoefficient> Coefficients { get; init; }
    /// <summary>Its line of the YAML block.</summary>
    public required string Yaml { get; init; }
}

/// <summary>One fitted coefficient.</summary>
public sealed record FitCoefficient
{
    /// <summary>Term name (file key).</summary>
    public required string Term { get; init; }
    /// <summary>Value.</summary>
    public required double? Value { get; init; }
    /// <summary>Standard error, or null where it cannot be computed (as many points as coefficients).</summary>
    public required double? StandardError { get; init; }
}
