using System.Globalization;
using System.Text;
using ScottPlot;

namespace SxCascade.Plots;

/// <summary>
/// How numbers and formulas are set in every figure. Sub- and superscripts are the Unicode
/// characters (10⁻³, S<sub>min</sub> as Sₘᵢₙ, NH₃): they are ordinary text to ScottPlot, so they come out
/// the same in PNG, SVG and PDF and stay editable as text in SVG and PDF.
/// </summary>
public static class Typography
{
    private const string Digits = "0123456789+-−=()";
    private const string SuperDigits = "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾";
    private const string SubDigits = "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎";
    private const string SubLetters = "aehijklmnoprstuvx";
    private const string SubLetterGlyphs = "ₐₑₕᵢⱼₖₗₘₙₒₚᵣₛₜᵤᵥₓ";

    /// <summary>The glyphs a figure font must have.</summary>
    public const string RequiredGlyphs = "⁰¹²³⁻₂₃ₘᵢₙ→−·²";

    /// <summary>
    /// A sans-serif face that is installed and has <see cref="RequiredGlyphs"/>, or null for
    /// ScottPlot's default (which falls back to a serif face on many Linux machines).
    /// </summary>
    public static string? SansFont { get; } = FindSansFont();

    /// <summary>"10⁻³", "10⁰", "10²": the decade 10^<paramref name="exponent"/>.</summary>
    public static string PowerOfTen(int exponent) => "10" + Superscript(exponent.ToString(CultureInfo.InvariantCulture));

    /// <summary>"2×10⁻⁴": <paramref name="mantissa"/> × 10^<paramref name="exponent"/>.</summary>
    public static string Scientific(int mantissa, int exponent) =>
        mantissa == 1 ? PowerOfTen(exponent) : $"{mantissa.ToString(CultureInfo.InvariantCulture)}×{PowerOfTen(exponent)}";

    /// <summary>Digits and signs as superscripts ("-3" → "⁻³"); other characters unchanged.</summary>
    public static string Superscript(string text) => Map(text, Digits, SuperDigits);

    /// <summary>Digits, signs and the letters that have one as subscripts ("min" → "ₘᵢₙ", "3" → "₃").</summary>
    public static string Subscript(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Map(Map(text, Digits, SubDigits), SubLetters, SubLetterGlyphs);
    }

    /// <summary>
    /// A formula with its counts set as subscripts: "NH3" → "NH₃", "Nd2O3" → "Nd₂O₃", "H2SO4" → "H₂SO₄".
    /// A digit is a count when it follows a letter or a closing bracket.
    /// </summary>
    public static string Formula(string formula)
    {
        ArgumentNullException.ThrowIfNull(formula);
        var b = new StringBuilder(formula.Length);
        for (int i = 0; i < formula.Length; i++)
        {
            char c = formula[i];
            bool count = char.IsAsciiDigit(c) && i > 0 && (char.IsLetter(formula[i - 1]) || formula[i - 1] == ')' || SubDigits.Contains(b[^1]));
            b.Append(count ? SubDigits[c - '0'] : c);
        }
        return b.ToString();
    }

    /// <summary>
    /// A whole number with a thin space between thousands ("12 345", "1 000"; four digits stay "2500"),
    /// the one thousands format of every figure.
    /// </summary>
    public static string Count(long n)
    {
        string digits = Math.Abs(n).ToString(CultureInfo.InvariantCulture);
        string sign = n < 0 ? "−" : "";
        if (digits.Length <= 4) return sign + digits;
        var b = new StringBuilder();
        for (int i = 0; i < digits.Length; i++)
        {
            if (i > 0 && (digits.Length - i) % 3 == 0) b.Append('\u2009');
            b.Append(digits[i]);
        }
        return sign + b;
    }

    /// <summary>Three significant digits, whole numbers from 100 on with <see cref="Count"/>: "2.73", "225", "3 265".</summary>
    public static string Value(double v) =>
        !double.IsFinite(v) ? "-" : Math.Abs(v) >= 100 ? Count((long)Math.Round(v)) : v.ToString("G3", CultureInfo.InvariantCulture);

    private static string Map(string text, string from, string to)
    {
        ArgumentNullException.ThrowIfNull(text);
        var b = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            int k = from.IndexOf(c, StringComparison.Ordinal);
            b.Append(k < 0 ? c : to[k]);
        }
        return b.ToString();
    }

    // GetTypeface may hand back a fallback face, so the family name is compared too.
    private static string? FindSansFont() =>
        new[] { "DejaVu Sans", "Segoe UI", "Helvetica", "Arial", "Liberation Sans", "Noto Sans" }.FirstOrDefault(name =>
            Fonts.GetTypeface(name, bold: false, italic: false) is { } face
            && string.Equals(face.FamilyName, name, StringComparison.OrdinalIgnoreCase)
            && face.ContainsGlyphs(RequiredGlyphs));
}
