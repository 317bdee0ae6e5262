using System.Globalization;

namespace SxCascade.Cli;

/// <summary>
/// Number formats of the human-readable output, all in the invariant culture. Values in one table
/// can span many orders of magnitude (a pure product next to its trace impurities), so each format
/// switches to an exponent where fixed decimals would print zeros.
/// </summary>
internal static class NumberFormat
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    /// <summary>Four significant digits: "0.2544", "43.10", "225.2", "5.960e-04"; "-" for a missing value.</summary>
    public static string Value(double v)
    {
        if (!double.IsFinite(v)) return "-";
        if (v == 0) return "0";
        double a = Math.Abs(v);
        if (a < 1e-3 || a >= 1e5) return v.ToString("0.000e+00", Invariant);
        int decimals = Math.Max(0, 3 - (int)Math.Floor(Math.Log10(a)));
        return v.ToString("F" + decimals.ToString(Invariant), Invariant);
    }

    /// <summary>
    /// A fraction as a percentage: "25.440", "0.980", "3.4e-05"; close to 100 % with enough decimals
    /// to show the distance from 100 ("99.99950"), which is what a purity is judged by, and as
    /// "100 - 2.9e-12" when that distance is below 1e-5 %.
    /// </summary>
    public static string Percent(double fraction)
    {
        if (!double.IsFinite(fraction)) return "-";
        double p = fraction * 100;
        if (p == 0) return "0";
        if (Math.Abs(p) < 1e-3) return p.ToString("0.0e+00", Invariant);
        int decimals = 3;
        if (p > 99.9 && p < 100)
        {
            double impurity = 100 - p;
            if (impurity < 1e-5) return "100 - " + Small(impurity);
            decimals = Math.Clamp((int)Math.Ceiling(-Math.Log10(impurity)) + 1, 3, 6);
        }
        return p.ToString("F" + decimals.ToString(Invariant), Invariant);
    }

    /// <summary>Two significant digits with an exponent, as residuals and balance errors are read: "1.2e-03".</summary>
    public static string Small(double v) =>
        !double.IsFinite(v) ? "-" : v == 0 ? "0" : v.ToString("0.0e+00", Invariant);

    /// <summary>Milliseconds with one decimal: "12.3 ms".</summary>
    public static string Milliseconds(double ms) => ms.ToString("F1", Invariant) + " ms";

    /// <summary>An integer in the invariant culture.</summary>
    public static string Count(int n) => n.ToString(Invariant);
}
