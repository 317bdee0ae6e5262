using SxCascade.Equilibrium;
using SxCascade.Flowsheets;

namespace SxCascade.Core.Tests;

/// <summary>Fitting distribution laws to shake-test data.</summary>
public class LawFitterTests
{
    [Fact]
    public void Exact_log_k_data_is_recovered()
    {
        // log10 D = −1.2 + 3·log10 e + 3·pH over a grid of pH and e
        var points = new List<ShakeTestPoint>();
        int line = 2;
        foreach (double ph in new[] { 0.5, 1.0, 1.5, 2.0 })
            foreach (double e in new[] { 0.1, 0.3, 0.5 })
                points.Add(new ShakeTestPoint("Nd", ph, e, -1.2 + 3 * Math.Log10(e) + 3 * ph, line++));
        var fit = LawFitter.Fit(points, DistributionLawKind.LogK, 3, false);
        Assert.Equal(new[] { "log-k", "extractant-order" }, fit.Terms);
        Assert.Equal(-1.2, fit.Values[0], 9);
        Assert.Equal(3.0, fit.Values[1], 9);
        Assert.Equal(1.0, fit.RSquared, 12);
        Assert.Equal(-1.2, fit.Law.LogK, 9);
    }

    [Fact]
    public void Log_d_line_has_the_hand_computed_standard_errors()
    {
        // pH 1..4, log D 0.1, 1.9, 4.2, 5.8: x̄ = 2.5, ȳ = 3.0, Sxx = 5, Sxy = 9.7 → b = 1.94, a = −1.85;
        // residuals 0.01, −0.13, 0.23, −0.11 → SSR = 0.082, σ² = 0.041; se(b) = √(0.041/5) = 0.0905539,
        // se(a) = √(0.041·(1/4 + 2.5²/5)) = √0.0615 = 0.2479919; R² = 1 − 0.082/18.9 = 0.9956614
        double[] ph = [1, 2, 3, 4], logD = [0.1, 1.9, 4.2, 5.8];
        var points = ph.Select((p, i) => new ShakeTestPoint("Pr", p, 0.5, logD[i], i + 2)).ToList();
        var fit = LawFitter.Fit(points, DistributionLawKind.LogD, 3, false);
        Assert.Equal(new[] { "constant", "ph" }, fit.Terms);
        Assert.Equal(-1.85, fit.Values[0], 9);
        Assert.Equal(1.94, fit.Values[1], 9);
        Assert.Equal(0.2479919, fit.StandardErrors[0], 6);
        Assert.Equal(0.0905539, fit.StandardErrors[1], 6);
        Assert.Equal(0.9956614, fit.RSquared, 6);
        Assert.Equal(1.94 * 2.5 - 1.85, LawFitter.Predict(fit.Law, 2.5, 0.5), 9);
    }
}

public class LawFitterSingleExtractantTests
{
    [Fact]
    public void Log_k_at_one_extractant_level_separates_K_from_the_extractant_term()
    {
        // log10 D = −1.2 + 3·log10 0.5 + 3·pH at e = 0.5 only: the order is taken as z = 3 and log10 K = −1.2
        var points = new[] { 0.5, 1.0, 1.5 }.Select((ph, i) => new ShakeTestPoint("Nd", ph, 0.5, -1.2 + 3 * Math.Log10(0.5) + 3 * ph, i + 2)).ToList();
        var fit = LawFitter.Fit(points, DistributionLawKind.LogK, 3, false);
        Assert.Equal(-1.2, fit.Law.LogK, 9);
        Assert.Equal(3, fit.Law.ExtractantOrder);
        Assert.Equal(points[1].LogD, LawFitter.Predict(fit.Law, 1.0, 0.5), 9);
    }
}
