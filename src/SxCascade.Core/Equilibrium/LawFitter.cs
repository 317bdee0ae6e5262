using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.LinearAlgebra.Factorization;
using SxCascade.Flowsheets;

namespace SxCascade.Equilibrium;

/// <summary>One shake-test equilibrium: an element's distribution ratio at a pH and free extractant.</summary>
/// <param name="Element">Element symbol.</param>
/// <param name="Ph">Equilibrium pH.</param>
/// <param name="Extractant">Free extractant in the unit of the fit (mol/L or % v/v).</param>
/// <param name="LogD">log10 D measured.</param>
/// <param name="Line">Line of the data file, for messages.</param>
public sealed record ShakeTestPoint(string Element, double Ph, double Extractant, double LogD, int Line);

/// <summary>A fitted distribution law of one element.</summary>
/// <param name="Element">Element symbol.</param>
/// <param name="Kind">log-k or log-d.</param>
/// <param name="Terms">Names of the fitted coefficients (file keys: log-k, extractant-order, constant, ph, log-extractant, ph-extractant).</param>
/// <param name="Values">Fitted values.</param>
/// <param name="StandardErrors">Standard error of each value (NaN with no degrees of freedom).</param>
/// <param name="RSquared">Coefficient of determination of log10 D.</param>
/// <param name="RootMeanSquare">RMS residual of log10 D.</param>
/// <param name="Points">Data points used.</param>
/// <param name="Law">The law, ready for a mass-action chemistry.</param>
public sealed record FittedLaw(string Element, DistributionLawKind Kind, IReadOnlyList<string> Terms, IReadOnlyList<double> Values,
    IReadOnlyList<double> StandardErrors, double RSquared, double RootMeanSquare, int Points, DistributionLaw Law);

/// <summary>
/// Fits distribution laws to shake-test data by linear least squares on log10 D (each law is
/// linear in its coefficients), solved by a thin QR factorization of the rows × terms design
/// matrix, so memory grows linearly with the rows. log-k: log10 D = log10 K + n·log10 e + z·pH (z fixed by the
/// element's charge); log-d: log10 D = a + b·pH + c·log10 e + d·pH·e with the chosen terms.
/// When the extractant never varies, the default terms leave the extractant out (log-k then takes
/// the order n = z); terms chosen explicitly are fitted as given.
/// </summary>
public static partial class LawFitter
{
    /// <summary>log-d terms in file order.</summary>
    public static readonly IReadOnlyList<string> LogDTerms = ["constant", "ph", "log-extractant", "ph-extractant"];

    /// <summary>Fits one element's law; <paramref name="terms"/> selects log-d terms (null: constant, ph and, when the extractant varies, log-extractant).</summary>
    public static FittedLaw Fit(IReadOnlyList<ShakeTestPoint> points, DistributionLawKind kind, int charge, bool percentVolume,
        IReadOnlyList<string>? terms = null)
    {
        if (points.Count == 0) throw new ArgumentException("no data points", nameof(points));
        string element = points[0].Element;
        bool extractantVaries = ExtractantVaries(points);
        string[] names = TermsFor(points, kind, terms);
        Func<ShakeTestPoint, double>[] basis = names.Select<string, Func<ShakeTestPoint, double>>(n => p => Basis(n, p)).ToArray();
        int m = points.Count, k = basis.Length;
        double offset(ShakeTestPoint p) => kind == DistributionLawKind.LogK ? charge * p.Ph : 0;
        var y = Vector<double>.Build.Dense(m, i => points[i].LogD - offset(points[i]));
        var design = Matrix<double>.Build.Dense(m, k, (i, j) => basis[j](points[i]));
        var solution = design.QR(QRMethod.Thin).Solve(y);
        var values = solution.ToArray();
        var fitted = design * solution;
        double mean = points.Average(p => p.LogD), ssTot = 0, ssRes = 0;
        for (int i = 0; i < m; i++)
        {
            double r = y[i] - fitted[i];
            ssRes += r * r;
            ssTot += (points[i].LogD - mean) * (points[i].LogD - mean);
        }
        var errors = m > k ? StandardErrors(design, ssRes / (m - k)) : Enumerable.Repeat(double.NaN, k).ToArray();
        double Get(string name) => Array.IndexOf(names, name) is var i and >= 0 ? values[i] : 0;
        // with one extractant level the order cannot be fitted: it is taken as the charge, and the
        // intercept log10 K + n·log10 e splits into log10 K = intercept − z·log10 e
        double logK = kind != DistributionLawKind.LogK || extractantVaries ? Get("log-k") : Get("log-k") - charge * Math.Log10(points[0].Extractant);
        if (kind == DistributionLawKind.LogK && !extractantVaries) values[0] = logK;
        var law = kind == DistributionLawKind.LogK
            ? new DistributionLaw(DistributionLawKind.LogK, logK, extractantVaries ? Get("extractant-order") : charge, 0, 0, 0, 0, percentVolume, charge, charge)
            : new DistributionLaw(DistributionLawKind.LogD, 0, 0, Get("constant"), Get("ph"), Get("log-extractant"), Get("ph-extractant"), percentVolume, charge, charge);
        return new FittedLaw(element, kind, names, values, errors, ssTot > 0 ? 1 - ssRes / ssTot : 1, Math.Sqrt(ssRes / m), m, law);
    }

    /// <summary>√diag(σ²·(XᵀX)⁻¹): the ordinary least-squares standard errors.</summary>
    private static double[] StandardErrors(Matrix<double> design, double variance)
    {
        var covariance = (design.TransposeThisAndMultiply(design)).Inverse() * variance;
        return Enumerable.Range(0, design.ColumnCount).Select(i => Math.Sqrt(covariance[i, i])).ToArray();
    }

    /// <summary>log10 D the law predicts at a pH and free extractant (in the law's unit).</summary>
    public static double Predict(DistributionLaw law, double ph, double extractant) => law.Kind switch
    {
        DistributionLawKind.LogK => law.LogK + law.ExtractantOrder * Math.Log10(extractant) + law.Charge * ph,
        DistributionLawKind.LogD => law.Constant + law.Ph * ph + law.LogExtractant * Math.Log10(extractant) + law.PhExtractant * ph * extractant,
        _ => Math.Log10(law.Constant),
    };
}
