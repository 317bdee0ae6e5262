using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using SxCascade.Flowsheets;

namespace SxCascade.Equilibrium;

/// <summary>Why one element's data cannot give the coefficients asked for (<see cref="LawFitter.Check"/>).</summary>
public enum FitIssueKind
{
    /// <summary>Fewer points than coefficients.</summary>
    TooFewPoints,
    /// <summary>The pH is the same in every row, so constant and ph cannot both be fitted.</summary>
    ConstantPh,
    /// <summary>The extractant is the same in every row, so constant and log-extractant cannot both be fitted.</summary>
    ConstantExtractantWithConstant,
    /// <summary>The extractant is the same in every row, so ph and ph-extractant cannot both be fitted.</summary>
    ConstantExtractantWithPh,
    /// <summary>A term's column is 0 in every row.</summary>
    ZeroTerm,
    /// <summary>The columns are dependent in another way (pH and extractant varied together).</summary>
    Dependent,
}

/// <summary>A problem of one element's fit, as data (the command line words it).</summary>
/// <param name="Kind">What is wrong.</param>
/// <param name="Element">The element.</param>
/// <param name="Points">Its data points.</param>
/// <param name="Terms">The coefficients asked for, in file-key order.</param>
/// <param name="Value">The pH or extractant that does not vary (NaN otherwise).</param>
/// <param name="Term">The term that is 0 in every row (<see cref="FitIssueKind.ZeroTerm"/>), or null.</param>
public sealed record FitIssue(FitIssueKind Kind, string Element, int Points, IReadOnlyList<string> Terms, double Value = double.NaN, string? Term = null);

public static partial class LawFitter
{
    /// <summary>Smallest singular value, relative to the largest, of the column-scaled design for the terms to count as independent.</summary>
    public const double IndependenceTolerance = 1e-9;

    /// <summary>"log-k" or "log-d", the law's key.</summary>
    public static string LawName(DistributionLawKind kind) => kind == DistributionLawKind.LogK ? "log-k" : "log-d";

    /// <summary>True when the points hold more than one extractant level.</summary>
    public static bool ExtractantVaries(IReadOnlyList<ShakeTestPoint> points) => points.Select(p => p.Extractant).Distinct().Count() > 1;

    /// <summary>
    /// The coefficients fitted for one element, in file-key order: log-k, and extractant-order when the
    /// extractant varies; log-d the given <paramref name="terms"/> (null: constant, ph and, when the
    /// extractant varies, log-extractant).
    /// </summary>
    public static string[] TermsFor(IReadOnlyList<ShakeTestPoint> points, DistributionLawKind kind, IReadOnlyList<string>? terms = null)
    {
        bool varies = ExtractantVaries(points);
        if (kind == DistributionLawKind.LogK)
            return varies ? ["log-k", "extractant-order"] : ["log-k"];
        var chosen = terms ?? (varies ? ["constant", "ph", "log-extractant"] : ["constant", "ph"]);
        return LogDTerms.Where(chosen.Contains).ToArray();
    }

    /// <summary>
    /// The value a coefficient multiplies in log10 D (MODEL.md §3.3; log-k: log10 D − z·pH =
    /// log10 K + n·log10 e): 1, pH, log10 e or pH·e.
    /// </summary>
    public static double Basis(string term, ShakeTestPoint p) => term switch
    {
        "constant" or "log-k" => 1,
        "ph" => p.Ph,
        "log-extractant" or "extractant-order" => Math.Log10(p.Extractant),
        "ph-extractant" => p.Ph * p.Extractant,
        _ => throw new ArgumentOutOfRangeException(nameof(term), term, null),
    };

    /// <summary>
    /// Why the data of one element cannot give the coefficients <paramref name="terms"/>: too few
    /// points, or terms the data cannot tell apart (the rank of the column-scaled design, from the
    /// singular values of R of its thin QR); null when it can.
    /// </summary>
    public static FitIssue? Check(IReadOnlyList<ShakeTestPoint> points, IReadOnlyList<string> terms)
    {
        ArgumentNullException.ThrowIfNull(points);
        if (points.Count == 0) throw new ArgumentException("no data points", nameof(points));
        string element = points[0].Element;
        FitIssue Issue(FitIssueKind kind, double value = double.NaN, string? term = null) => new(kind, element, points.Count, terms, value, term);
        if (points.Count < terms.Count) return Issue(FitIssueKind.TooFewPoints);

        bool Has(params string[] names) => names.All(terms.Contains);
        var phs = points.Select(p => p.Ph).Distinct().ToArray();
        var extractants = points.Select(p => p.Extractant).Distinct().ToArray();
        if (phs.Length == 1 && Has("constant", "ph")) return Issue(FitIssueKind.ConstantPh, phs[0]);
        if (extractants.Length == 1 && Has("constant", "log-extractant")) return Issue(FitIssueKind.ConstantExtractantWithConstant, extractants[0]);
        if (extractants.Length == 1 && Has("ph", "ph-extractant")) return Issue(FitIssueKind.ConstantExtractantWithPh, extractants[0]);

        var design = Matrix<double>.Build.Dense(points.Count, terms.Count, (i, j) => Basis(terms[j], points[i]));
        for (int j = 0; j < terms.Count; j++)
        {
            double norm = design.Column(j).L2Norm();
            if (norm == 0) return Issue(FitIssueKind.ZeroTerm, term: terms[j]);
            design.SetColumn(j, design.Column(j) / norm);
        }
        // the singular values of the rows × terms matrix are those of R of its thin QR (terms × terms):
        // its SVD would allocate rows × rows
        var singular = design.QR(QRMethod.Thin).R.Svd(computeVectors: false).S;
        return singular.Minimum() < IndependenceTolerance * singular.Maximum() ? Issue(FitIssueKind.Dependent) : null;
    }
}
