using BenchmarkDotNet.Attributes;
using SxCascade.Equilibrium;
using SxCascade.Flowsheets;

namespace SxCascade.Benchmarks;

/// <summary>
/// The fitting target: <see cref="LawFitter.Fit"/> of log-d laws (constant, ph, log-extractant)
/// to 200 synthetic shake-test points, 50 for each of 4 elements, all four fits in one operation.
/// The points are generated in <see cref="Setup"/> from known coefficients with a seeded
/// <see cref="Random"/> (pH 0.5–3, free extractant 0.05–1 mol/L, Gaussian noise of 0.05 in
/// log10 D), so every run fits the same data.
/// </summary>
[Config(typeof(BenchConfig))]
[MemoryDiagnoser]
public class FitBenchmarks
{
    /// <summary>Coefficients the data are generated from: element, constant, ph, log-extractant.</summary>
    public static readonly (string Element, double Constant, double Ph, double LogExtractant)[] Truth =
    [
        ("La", -3.2, 2.9, 2.4), ("Pr", -2.4, 3.0, 2.3), ("Nd", -2.0, 3.1, 2.5), ("Sm", -1.2, 2.8, 2.2),
    ];

    /// <summary>Points per element.</summary>
    public const int PointsPerElement = 50;

    /// <summary>The log-d terms fitted.</summary>
    public static readonly string[] Terms = ["constant", "ph", "log-extractant"];

    private ShakeTestPoint[][] _byElement = null!;

    /// <summary>The 200 points grouped by element (seed 20261129).</summary>
    public static ShakeTestPoint[][] SyntheticPoints()
    {
        var random = new Random(20261129);
        double Gaussian() => Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
        int line = 2;
        return Truth.Select(t => Enumerable.Range(0, PointsPerElement).Select(_ =>
        {
            double ph = 0.5 + 2.5 * random.NextDouble();
            double e = 0.05 + 0.95 * random.NextDouble();
            double logD = t.Constant + t.Ph * ph + t.LogExtractant * Math.Log10(e) + 0.05 * Gaussian();
            return new ShakeTestPoint(t.Element, ph, e, logD, line++);
        }).ToArray()).ToArray();
    }

    /// <summary>Generates the points and checks that a fit recovers the coefficients.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _byElement = SyntheticPoints();
        var fits = FitAll();
        for (int k = 0; k < fits.Length; k++)
        {
            var f = fits[k];
            var t = Truth[k];
            if (f.Points != PointsPerElement || Math.Abs(f.Law.Constant - t.Constant) > 0.2 || Math.Abs(f.Law.Ph - t.Ph) > 0.1
                || Math.Abs(f.Law.LogExtractant - t.LogExtractant) > 0.2 || f.RSquared < 0.99)
                throw new InvalidOperationException($"the fit of {f.Element} does not recover the coefficients: {string.Join(", ", f.Values)}, R² {f.RSquared}");
            Console.WriteLine($"// fit {f.Element}: {string.Join(", ", f.Terms.Zip(f.Values, (n, v) => $"{n} {v:F3}"))}, R² {f.RSquared:F5}, RMS {f.RootMeanSquare:F4}");
        }
    }

    /// <summary>log-d fits of the 4 elements, 200 points in all.</summary>
    [Benchmark]
    public FittedLaw[] Fit200Points_LogD() => FitAll();

    private FittedLaw[] FitAll()
    {
        var fits = new FittedLaw[_byElement.Length];
        for (int k = 0; k < fits.Length; k++)
            fits[k] = LawFitter.Fit(_byElement[k], DistributionLawKind.LogD, 3, false, Terms);
        return fits;
    }
}
