using System.Globalization;

namespace SxCascade.Chemistry;

/// <summary>What a quantity measures; fixes its base unit inside the engine (MODEL.md §1).</summary>
public enum QuantityKind
{
    /// <summary>Volumetric flow, base unit L/h.</summary>
    Flow,
    /// <summary>Molar concentration, base unit mol/L (mass units need the element's molar mass).</summary>
    Concentration,
    /// <summary>Dimensionless fraction, base unit 1 ("36 %" is 0.36).</summary>
    Fraction,
    /// <summary>Volume, base unit L.</summary>
    Volume,
    /// <summary>Mass concentration of a whole material (total oxide), base unit g/L.</summary>
    MassConcentration,
    /// <summary>Molar mass, base unit g/mol.</summary>
    MolarMass,
    /// <summary>Density, base unit g/L.</summary>
    Density,
    /// <summary>Time, base unit min.</summary>
    Time,
    /// <summary>Length, base unit m.</summary>
    Length,
    /// <summary>Superficial velocity (flow per cross-section, m³/m²/h), base unit m/h.</summary>
    Velocity,
}

/// <summary>
/// Parses quantities written as "number unit" strings ("10 L/h", "25 g/L", "36 %") into the
/// engine's base units. A bare number is already in the base unit.
/// </summary>
public static class Quantity
{
    private static readonly Dictionary<string, double> FlowUnits = new(StringComparer.Ordinal)
    {
        ["L/h"] = 1, ["l/h"] = 1, ["m3/h"] = 1000, ["m³/h"] = 1000, ["mL/min"] = 0.06, ["ml/min"] = 0.06,
        ["L/min"] = 60, ["l/min"] = 60, ["mL/h"] = 1e-3, ["ml/h"] = 1e-3, ["m3/d"] = 1000.0 / 24, ["L/s"] = 3600,
        ["L/d"] = 1.0 / 24,
    };
    private static readonly Dictionary<string, double> MolarUnits = new(StringComparer.Ordinal)
    {
        ["mol/L"] = 1, ["mol/l"] = 1, ["M"] = 1, ["mmol/L"] = 1e-3, ["mmol/l"] = 1e-3, ["mM"] = 1e-3, ["umol/L"] = 1e-6, ["µmol/L"] = 1e-6,
    };
    // mass concentration units in g/L
    private static readonly Dictionary<string, double> MassUnits = new(StringComparer.Ordinal)
    {
        ["g/L"] = 1, ["g/l"] = 1, ["mg/L"] = 1e-3, ["mg/l"] = 1e-3, ["kg/m3"] = 1, ["ug/L"] = 1e-6, ["µg/L"] = 1e-6, ["kg/L"] = 1000,
    };
    private static readonly Dictionary<string, double> VolumeUnits = new(StringComparer.Ordinal)
    {
        ["L"] = 1, ["l"] = 1, ["m3"] = 1000, ["m³"] = 1000, ["mL"] = 1e-3, ["ml"] = 1e-3,
    };
    private static readonly Dictionary<string, double> FractionUnits = new(StringComparer.Ordinal) { ["%"] = 0.01 };
    private static readonly Dictionary<string, double> MolarMassUnits = new(StringComparer.Ordinal) { ["g/mol"] = 1, ["kg/mol"] = 1000 };
    private static readonly Dictionary<string, double> TimeUnits = new(StringComparer.Ordinal) { ["min"] = 1, ["s"] = 1.0 / 60, ["h"] = 60 };
    private static readonly Dictionary<string, double> LengthUnits = new(StringComparer.Ordinal) { ["m"] = 1, ["cm"] = 0.01, ["mm"] = 0.001 };
    private static readonly Dictionary<string, double> VelocityUnits = new(StringComparer.Ordinal)
    {
        ["m/h"] = 1, ["m3/m2/h"] = 1, ["m³/m²/h"] = 1, ["m/s"] = 3600, ["mm/s"] = 3.6,
    };

    /// <summary>The units accepted for a kind, for error messages.</summary>
    public static IReadOnlyCollection<string> AcceptedUnits(QuantityKind kind) => kind switch
    {
        QuantityKind.Flow => FlowUnits.Keys,
        QuantityKind.Concentration => MolarUnits.Keys.Concat(MassUnits.Keys).ToArray(),
        QuantityKind.Fraction => FractionUnits.Keys,
        QuantityKind.Volume => VolumeUnits.Keys,
        QuantityKind.MassConcentration => MassUnits.Keys,
        QuantityKind.MolarMass => MolarMassUnits.Keys,
        QuantityKind.Density => MassUnits.Keys,
        QuantityKind.Time => TimeUnits.Keys,
        QuantityKind.Length => LengthUnits.Keys,
        QuantityKind.Velocity => VelocityUnits.Keys,
        _ => [],
    };

    /// <summary>Base unit of a kind, for messages and headers.</summary>
    public static string BaseUnit(QuantityKind kind) => kind switch
    {
        QuantityKind.Flow => "L/h",
        QuantityKind.Concentration => "mol/L",
        QuantityKind.Fraction => "fraction",
        QuantityKind.Volume => "L",
        QuantityKind.MassConcentration => "g/L",
        QuantityKind.MolarMass => "g/mol",
        QuantityKind.Density => "g/L",
        QuantityKind.Time => "min",
        QuantityKind.Length => "m",
        QuantityKind.Velocity => "m/h",
        _ => "",
    };

    /// <summary>
    /// Parses <paramref name="text"/> as a quantity of <paramref name="kind"/>. For a mass
    /// concentration of an element ("25 g/L"), <paramref name="element"/> gives the molar mass.
    /// Returns false with a message that lists the accepted units when the text is not valid.
    /// </summary>
    public static bool TryParse(string text, QuantityKind kind, string? element, out double value, out string error)
    {
        value = double.NaN;
        error = "";
        var s = text.Trim();
        int split = 0;
        while (split < s.Length && (char.IsDigit(s[split]) || s[split] is '.' or '-' or '+' or 'e' or 'E'))
        {
            // 'e' only as an exponent: must follow a digit and precede a digit or sign
            if (s[split] is 'e' or 'E' && !(split > 0 && char.IsDigit(s[split - 1]) && split + 1 < s.Length && (char.IsDigit(s[split + 1]) || s[split + 1] is '-' or '+')))
                break;
            split++;
        }
        var numberText = s[..split];
        var unit = s[split..].Trim();
        if (CommaAdvice(s, text) is { } advice)
        {
            error = $"{advice} (a point marks the decimals)";
            return false;
        }
        if (!double.TryParse(numberText, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) || !double.IsFinite(number))
        {
            error = $"'{text}' is not a number with a unit (e.g. \"{Example(kind)}\")";
            return false;
        }
        if (unit.Length == 0)
        {
            value = number;
            return true;
        }
        double? factor = kind switch
        {
            QuantityKind.Flow => Lookup(FlowUnits, unit),
            QuantityKind.Fraction => Lookup(FractionUnits, unit),
            QuantityKind.Volume => Lookup(VolumeUnits, unit),
            QuantityKind.MassConcentration or QuantityKind.Density => Lookup(MassUnits, unit),
            QuantityKind.MolarMass => Lookup(MolarMassUnits, unit),
            QuantityKind.Time => Lookup(TimeUnits, unit),
            QuantityKind.Length => Lookup(LengthUnits, unit),
            QuantityKind.Velocity => Lookup(VelocityUnits, unit),
            QuantityKind.Concentration => Lookup(MolarUnits, unit) ?? MassToMolar(unit, element),
            _ => null,
        };
        if (factor is null)
        {
            if (kind == QuantityKind.Concentration && MassUnits.ContainsKey(unit) && (element is null || !Elements.IsKnown(element)))
                error = $"unit '{unit}' is a mass concentration and needs a known element to convert; use mol/L here";
            else
                error = $"unknown unit '{unit}' for a {Describe(kind)}; {SuggestUnit(unit, AcceptedUnits(kind))}accepted: {string.Join(", ", AcceptedUnits(kind))} (or a bare number in {BaseUnit(kind)})";
            return false;
        }
        value = number * factor.Value;
        return true;
    }

    /// <summary>"0,2544 mol/L" → "0.2544 mol/L": the text with its decimal comma as a point, or null when it has none.</summary>
    public static string? DecimalComma(string text)
    {
        var s = text.Trim();
        int i = s.Length > 0 && s[0] is '+' or '-' ? 1 : 0, digits = i;
        while (i < s.Length && char.IsDigit(s[i])) i++;
        if (i == digits || i + 1 >= s.Length || s[i] != ',' || !char.IsDigit(s[i + 1])) return null;
        return s[..i] + "." + s[(i + 1)..];
    }

    /// <summary>
    /// "decimal comma in '0,2544 mol/L'? write 0.2544 mol/L" for a number written with a comma (the
    /// quoted part only with <paramref name="quoted"/>); "1,000" may also be a thousands separator,
    /// so it gets both readings ("write 1.000 L/h or 1000 L/h"). Null when the number has no comma.
    /// </summary>
    public static string? CommaAdvice(string text, string? quoted)
    {
        if (DecimalComma(text) is not { } asDecimal) return null;
        var t = text.Trim();
        var grouped = System.Text.RegularExpressions.Regex.Match(t, @"^[+-]?[1-9]\d{0,2}(,\d{3})+(?!\d)");
        string where = quoted is null ? "" : $" in '{quoted}'";
        return grouped.Success
            ? $"decimal comma or thousands separator{where}? write {asDecimal} or {grouped.Value.Replace(",", "", StringComparison.Ordinal)}{t[grouped.Length..]}"
            : $"decimal comma{where}? write {asDecimal}";
    }

    /// <summary>
    /// "did you mean 'L/h'? " for a near miss of an accepted unit: "hr" for "h" ("L/hr", "m3/hr"),
    /// a different case ("l/H"), or one typo; else the empty string.
    /// </summary>
    private static string SuggestUnit(string unit, IReadOnlyCollection<string> accepted)
    {
        string hours = unit.Replace("hr", "h", StringComparison.OrdinalIgnoreCase).Replace("hour", "h", StringComparison.OrdinalIgnoreCase);
        string? near = accepted.FirstOrDefault(a => a == hours)
            ?? accepted.FirstOrDefault(a => string.Equals(a, hours, StringComparison.OrdinalIgnoreCase))
            // one edit only: units are short, and 'gal/min' is not a typo of 'mL/min'
            ?? accepted.Where(a => Spelling.Distance(unit.ToLowerInvariant(), a.ToLowerInvariant()) <= 1)
                .OrderBy(a => Spelling.Distance(unit, a)).FirstOrDefault();
        return near is null ? "" : $"did you mean '{near}'? ";
    }

    private static string Describe(QuantityKind kind) => kind switch
    {
        QuantityKind.MassConcentration => "mass concentration",
        QuantityKind.MolarMass => "molar mass",
        _ => kind.ToString().ToLowerInvariant(),
    };

    private static double? Lookup(Dictionary<string, double> table, string unit) => table.TryGetValue(unit, out var f) ? f : null;

    private static double? MassToMolar(string unit, string? element)
    {
        if (element is null || !Elements.IsKnown(element) || !MassUnits.TryGetValue(unit, out var gPerL)) return null;
        return gPerL / Elements.MolarMass(element);
    }

    private static string Example(QuantityKind kind) => kind switch
    {
        QuantityKind.Flow => "10 L/h",
        QuantityKind.Concentration => "0.18 mol/L",
        QuantityKind.Fraction => "36 %",
        QuantityKind.Volume => "120 L",
        QuantityKind.MassConcentration => "180 g/L",
        QuantityKind.MolarMass => "322.43 g/mol",
        QuantityKind.Density => "975.8 g/L",
        QuantityKind.Time => "15 min",
        QuantityKind.Length => "1.0 m",
        QuantityKind.Velocity => "20 m/h",
        _ => "1",
    };
}
