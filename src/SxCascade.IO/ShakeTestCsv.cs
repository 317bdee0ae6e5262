using System.Globalization;
using System.Text;
using CsvHelper;
using SxCascade.Chemistry;
using SxCascade.Equilibrium;
using SxCascade.Flowsheets;

namespace SxCascade.IO;

/// <summary>
/// Shake-test data read from a CSV file: one equilibrium per row, as <see cref="LawFitter"/> takes it.
/// </summary>
/// <param name="Points">The rows, in file order: element, pH, free extractant (in <see cref="ExtractantUnit"/>), log10 D, line.</param>
/// <param name="PercentVolume">True when the extractant column is in % v/v, false for mol/L.</param>
/// <param name="ExtractantColumn">1-based character column of the extractant's header cell (line 1), for messages.</param>
/// <param name="FreeFromTotal">True when the free extractant was computed as total − z·org (column <c>extractant_total</c>).</param>
public sealed record ShakeTestData(IReadOnlyList<ShakeTestPoint> Points, bool PercentVolume, int ExtractantColumn, bool FreeFromTotal)
{
    /// <summary>"% v/v" or "mol/L": the unit of <see cref="ShakeTestPoint.Extractant"/>.</summary>
    public string ExtractantUnit => PercentVolume ? ShakeTestCsv.PercentVolumeUnit : "mol/L";

    /// <summary>The elements of the data, rare earths in atomic order first (<see cref="Elements.Sorted"/>).</summary>
    public IReadOnlyList<string> Elements => Chemistry.Elements.Sorted(Points.Select(p => p.Element));
}

/// <summary>
/// Outcome of reading shake-test data: the data when every row was sound, otherwise every problem.
/// </summary>
/// <param name="Data">The data, or null when there was any error.</param>
/// <param name="Errors">Every problem of the file, by line and column.</param>
public sealed record ShakeTestReadResult(ShakeTestData? Data, IReadOnlyList<FlowsheetError> Errors)
{
    /// <summary>True when the file was read without any error.</summary>
    public bool Ok => Data is not null && Errors.Count == 0;
}

/// <summary>
/// Reads lab shake-test data for <c>sxcascade fit</c> and writes the fit's residual table.
/// </summary>
/// <remarks>
/// <para>
/// The first line names the columns (any order, case-insensitive, a unit in brackets allowed:
/// <c>extractant [% v/v]</c>): <c>element</c>; <c>ph</c>, or <c>h</c> (also <c>acid</c>) in mol/L
/// with pH = −log10 h; <c>extractant</c> (free, mol/L or % v/v), or <c>extractant_total</c> (mol/L)
/// with both phase concentrations, the free extractant being total − z·org (MODEL.md §3.3, ν = z);
/// <c>d</c>, or both <c>aq</c> and <c>org</c> (mol/L, mmol/L, g/L, mg/L, … converted with the
/// element's molar mass) with D = org/aq; and optionally <c>sample</c>, a label that is not used.
/// A column without a unit is in the base unit (mol/L). Any other column is an error.
/// </para>
/// <para>
/// Fields are separated by commas and may be quoted ("…", with "" for a quote); numbers are in
/// the invariant culture ("0.5", "1e-3"). Blank lines, and lines of empty fields only, are
/// skipped. Every problem is reported at once as FILE:LINE:COLUMN (COLUMN counts characters,
/// as in an editor); nothing throws for bad input.
/// </para>
/// </remarks>
public static class ShakeTestCsv
{
    /// <summary>The volume-percent unit of an extractant column.</summary>
    public const string PercentVolumeUnit = "% v/v";

    /// <summary>The columns a file may have, for messages.</summary>
    public static readonly IReadOnlyList<string> Columns =
        ["element", "ph", "h", "acid", "extractant", "extractant_total", "d", "aq", "org", "sample"];

    private const string Example = "element,ph,extractant [mol/L],d";

    /// <summary>Accepted equilibrium pH (also as −log10 h): the fit squares it, so it must be of laboratory size.</summary>
    public const double MinPh = -3, MaxPh = 16;

    /// <summary>Accepted |log10 D|: D from 1e-30 to 1e30.</summary>
    public const double MaxAbsLogD = 30;

    /// <summary>Most free extractant accepted, in the column's unit (mol/L or % v/v).</summary>
    public const double MaxExtractant = 100;

    private enum Role { Element, Ph, Acid, Extractant, ExtractantTotal, D, Aqueous, Organic, Sample }

    /// <summary>One header cell that was understood.</summary>
    private sealed record Column(Role Role, string Name, int Index, int At, string? Unit, double Factor, bool Percent);

    /// <summary>One field of a line: its text (unquoted) and the 1-based character column where it starts.</summary>
    private readonly record struct Field(string Text, int At);

    /// <summary>
    /// Reads the file at <paramref name="path"/>. A missing or unreadable file gives one error at line 1, column 1.
    /// </summary>
    /// <param name="path">File path; errors carry it as given.</param>
    public static ShakeTestReadResult ReadFile(string path)
    {
        var (text, error) = InputFile.Read(path, "data file");
        if (error is not null) return new ShakeTestReadResult(null, [error]);
        return Parse(text!, path);
    }

    /// <summary>Reads shake-test data from CSV text; <paramref name="fileName"/> names it in errors.</summary>
    public static ShakeTestReadResult Parse(string text, string fileName)
    {
        ArgumentNullException.ThrowIfNull(text);
        var errors = new List<FlowsheetError>();
        void Error(int line, int column, string message) => errors.Add(new FlowsheetError(fileName, line, column, message));

        var lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++) lines[i] = lines[i].TrimEnd('\r');
        if (lines.Length > 0 && lines[0].StartsWith('\uFEFF')) lines[0] = lines[0][1..];

        int headerIndex = Array.FindIndex(lines, l => !string.IsNullOrWhiteSpace(l));
        if (headerIndex < 0)
        {
            Error(1, 1, $"the file is empty; its first line names the columns, e.g. {Example}");
            return new ShakeTestReadResult(null, errors);
        }
        if (headerIndex > 0)
        {
            Error(1, 1, $"the first line must name the columns, e.g. {Example}; it is blank");
            return new ShakeTestReadResult(null, errors);
        }
        var header = Split(lines[0], 1, Error);
        if (header is null) return new ShakeTestReadResult(null, errors);
        if (header.Length == 1 && header[0].Text.Contains(';'))
        {
            Error(1, 1, "the columns are separated by ';'; this reads comma-separated values with '.' as the decimal point "
                + $"(e.g. {Example}; in a spreadsheet, export as CSV with a comma separator)");
            return new ShakeTestReadResult(null, errors);
        }
        // rows are read by the header's columns: with a bad header, its problems alone are reported
        var columns = ReadHeader(header, Error);
        if (columns is null) return new ShakeTestReadResult(null, Sorted(errors));

        var points = new List<ShakeTestPoint>();
        for (int i = 1; i < lines.Length; i++)
        {
            int line = i + 1;
            if (string.IsNullOrWhiteSpace(lines[i])) continue;
            var fields = Split(lines[i], line, Error);
            if (fields is null || fields.All(f => f.Text.Trim().Length == 0)) continue;
            if (fields.Length != header.Length)
            {
                int at = fields.Length > header.Length ? fields[header.Length].At : lines[i].Length + 1;
                Error(line, at, $"this row has {fields.Length} fields; the header names {header.Length} columns "
                    + $"({string.Join(",", header.Select(h => h.Text.Trim()))})");
                continue;
            }
            if (ReadRow(columns, fields, line, Error) is { } point) points.Add(point);
        }
        if (errors.Count == 0 && points.Count == 0)
            Error(1, 1, "the file has no data rows; give one row per shake test below the header");
        if (errors.Count > 0) return new ShakeTestReadResult(null, Sorted(errors));
        var extractant = columns.Single(c => c.Role is Role.Extractant or Role.ExtractantTotal);
        return new ShakeTestReadResult(
            new ShakeTestData(points, extractant.Percent, extractant.At, extractant.Role == Role.ExtractantTotal), []);
    }

    private static List<FlowsheetError> Sorted(IEnumerable<FlowsheetError> errors) =>
        errors.OrderBy(e => e.Line).ThenBy(e => e.Column).ToList();

    /// <summary>
    /// The columns of the header, or null when a column is missing, unknown, repeated or has a bad unit
    /// (every such problem is reported).
    /// </summary>
    private static Column[]? ReadHeader(Field[] header, Action<int, int, string> error)
    {
        var columns = new List<Column>();
        bool ok = true;
        for (int i = 0; i < header.Length; i++)
        {
            var (text, at) = (header[i].Text.Trim(), header[i].At);
            string name = text, unit = "";
            int open = text.IndexOf('[');
            if (open >= 0)
            {
                if (!text.EndsWith(']'))
                {
                    error(1, at, $"column '{text}': a unit goes in brackets at the end, e.g. 'extractant [mol/L]'");
                    ok = false;
                    continue;
                }
                name = text[..open].Trim();
                unit = text[(open + 1)..^1].Trim();
            }
            string key = name.ToLowerInvariant().Replace(' ', '_').Replace('-', '_');
            if (key.Length == 0)
            {
                error(1, at, $"column {i + 1} has no name; the columns are {string.Join(", ", Columns)}");
                ok = false;
                continue;
            }
            Role? role = key switch
            {
                "element" => Role.Element,
                "ph" => Role.Ph,
                "h" or "acid" => Role.Acid,
                "extractant" => Role.Extractant,
                "extractant_total" => Role.ExtractantTotal,
                "d" => Role.D,
                "aq" => Role.Aqueous,
                "org" => Role.Organic,
                "sample" => Role.Sample,
                _ => null,
            };
            if (role is not { } r)
            {
                error(1, at, $"unknown column '{name}'; {Suggestions.DidYouMean(key, Columns)}the columns are {string.Join(", ", Columns)}");
                ok = false;
                continue;
            }
            if (CheckUnit(r, key, unit, out double factor, out bool percent) is { } problem)
            {
                error(1, at, problem);
                ok = false;
                continue;
            }
            if (columns.FirstOrDefault(c => c.Role == r) is { } twice)
            {
                error(1, at, $"column '{key}' repeats column '{twice.Name}'; give each quantity once");
                ok = false;
                continue;
            }
            columns.Add(new Column(r, key, i, at, unit.Length == 0 ? null : unit, factor, percent));
        }

        bool Has(Role role) => columns.Any(c => c.Role == role);
        Column Get(Role role) => columns.First(c => c.Role == role);
        if (!ok) return null;

        // which quantity each pair of alternatives gives, and what is missing
        if (!Has(Role.Element))
            Missing("element", "the element symbol of each row, e.g. Nd");
        if (Has(Role.Ph) && Has(Role.Acid))
            Conflict(Get(Role.Acid), "ph", "give the pH or the acidity h, not both");
        else if (!Has(Role.Ph) && !Has(Role.Acid))
            Missing("ph", "the equilibrium pH, or a column 'h [mol/L]' with the free acidity (pH = -log10 h)");
        if (Has(Role.Extractant) && Has(Role.ExtractantTotal))
            Conflict(Get(Role.ExtractantTotal), "extractant", "give the free extractant or the total, not both");
        else if (!Has(Role.Extractant) && !Has(Role.ExtractantTotal))
            Missing("extractant", "the free extractant of each row, e.g. 'extractant [mol/L]' or 'extractant [% v/v]'");
        if (Has(Role.D) && (Has(Role.Aqueous) || Has(Role.Organic)))
            Conflict(Get(Has(Role.Aqueous) ? Role.Aqueous : Role.Organic), "d", "give D or both phase concentrations (aq and org), not both");
        else if (!Has(Role.D))
        {
            if (!Has(Role.Aqueous) && !Has(Role.Organic))
                Missing("d", "the distribution ratio D of each row, or both phase concentrations 'aq [mol/L]' and 'org [mol/L]' (D = org/aq)");
            else if (!Has(Role.Aqueous))
                Missing("aq", "the aqueous concentration at equilibrium, beside org (D = org/aq)");
            else if (!Has(Role.Organic))
                Missing("org", "the organic concentration at equilibrium, beside aq (D = org/aq)");
        }
        if (Has(Role.ExtractantTotal) && !Has(Role.Organic) && ok)
        {
            var total = Get(Role.ExtractantTotal);
            error(1, total.At, "column 'extractant_total' needs the phase concentrations aq and org: the free extractant is "
                + "total - z·org; with a 'd' column, give the free extractant as 'extractant' instead");
            ok = false;
        }
        return ok ? columns.ToArray() : null;

        void Missing(string column, string what)
        {
            error(1, 1, $"missing column '{column}': {what}; e.g. {Example}");
            ok = false;
        }

        void Conflict(Column c, string other, string what)
        {
            error(1, c.At, $"columns '{other}' and '{c.Name}': {what}");
            ok = false;
        }
    }

    /// <summary>The problem with <paramref name="unit"/> for a column of <paramref name="role"/>, or null with its factor to the base unit.</summary>
    private static string? CheckUnit(Role role, string name, string unit, out double factor, out bool percent)
    {
        factor = 1;
        percent = false;
        if (unit.Length == 0) return null;
        switch (role)
        {
            case Role.Element or Role.Sample:
                return $"column '{name}' is text and takes no unit; got [{unit}]";
            case Role.Ph or Role.D:
                return unit == "-" ? null : $"column '{name}' is dimensionless: give no unit or [-]; got [{unit}]";
            case Role.Extractant or Role.ExtractantTotal when IsPercentVolume(unit):
                percent = true;
                return role == Role.ExtractantTotal
                    ? $"column '{name}' must be in mol/L: the metal bound in the organic (z·org, mol/L) is subtracted from it; got [{unit}]"
                    : null;
            case Role.Aqueous or Role.Organic:
                // mass units convert with each row's element; check the unit with any element
                if (Quantity.TryParse("1 " + unit, QuantityKind.Concentration, "Nd", out _, out var massError)) return null;
                return $"column '{name}': {massError}";
            default:
                if (Quantity.TryParse("1 " + unit, QuantityKind.Concentration, null, out factor, out var molarError)) return null;
                return role is Role.Extractant
                    ? $"column '{name}': {molarError} (the free extractant may also be in [{PercentVolumeUnit}])"
                    : $"column '{name}': {molarError}";
        }
    }

    private static bool IsPercentVolume(string unit) =>
        string.Equals(unit.Replace(" ", ""), "%v/v", StringComparison.OrdinalIgnoreCase);

    /// <summary>The point of one data row, or null after reporting every problem of the row.</summary>
    private static ShakeTestPoint? ReadRow(Column[] columns, Field[] fields, int line, Action<int, int, string> error)
    {
        bool ok = true;
        Field FieldOf(Column c) => fields[c.Index];
        Column? Find(Role role) => columns.FirstOrDefault(c => c.Role == role);

        // the element first: mass concentrations convert with its molar mass
        var elementColumn = Find(Role.Element)!;
        var (elementField, symbol) = (FieldOf(elementColumn), FieldOf(elementColumn).Text.Trim());
        string? element = null;
        if (symbol.Length == 0)
            Fail(elementField, "no element in this row; give its symbol, e.g. Nd");
        else if (FeedStream.AcidSpecies.Contains(symbol))
            Fail(elementField, $"{symbol} is an aqueous acid species, not an extracted metal; give the acidity in the 'ph' or 'h' column");
        else if (!Elements.IsKnown(symbol))
            Fail(elementField, $"unknown element '{symbol}'; {Suggestions.DidYouMean(symbol, Elements.KnownSymbols)}known: {string.Join(", ", Elements.KnownSymbols)}");
        else
            element = symbol;

        double ph = double.NaN;
        var phSource = Find(Role.Ph) ?? Find(Role.Acid)!;
        if (phSource.Role == Role.Ph)
        {
            if (Number(phSource) is { } value) ph = value;
        }
        else if (Positive(phSource, "pH = -log10 h needs h > 0") is { } h) ph = ShakeTestReduction.PhFromAcidity(h);
        if (double.IsFinite(ph) && ph is < MinPh or > MaxPh)
        {
            Fail(FieldOf(phSource), phSource.Role == Role.Ph
                ? $"ph: {FieldOf(phSource).Text.Trim()} is outside the accepted range {MinPh:G} to {MaxPh:G}"
                : $"{phSource.Name}: {FieldOf(phSource).Text.Trim()} gives pH = {Text(ph)}, outside the accepted range {MinPh:G} to {MaxPh:G} (h from 1e-16 to 1000 mol/L)");
            ph = double.NaN;
        }

        double? extractant = null, total = null;
        var extractantColumn = Find(Role.Extractant) ?? Find(Role.ExtractantTotal)!;
        if (extractantColumn.Role == Role.Extractant)
            extractant = Positive(extractantColumn, "the law takes log10 of the free extractant");
        else
            total = Positive(extractantColumn, "the free extractant is total - z·org");

        double? logD = null;
        if (Find(Role.D) is { } dColumn)
        {
            if (Positive(dColumn, "log10 D needs D > 0") is { } d) logD = ShakeTestReduction.LogDistributionRatio(d);
        }
        else
        {
            var (aqColumn, orgColumn) = (Find(Role.Aqueous)!, Find(Role.Organic)!);
            var aq = Positive(aqColumn, "D = org/aq", element);
            var org = Positive(orgColumn, "log10 D needs D = org/aq > 0", element);
            if (aq is { } a && org is { } o) logD = ShakeTestReduction.LogDistributionRatio(a, o);
            if (total is { } t && org is { } bound && element is not null)
            {
                int z = Elements.DefaultCharge(element);
                double free = ShakeTestReduction.FreeExtractant(t, z, bound);
                if (free > 0) extractant = free;
                else
                    Fail(FieldOf(extractantColumn), $"free extractant total - z·org = {Text(t)} - {z}·{Text(bound)} = {Text(free)} mol/L "
                        + "is not > 0; check the total and org (both in mol/L)");
            }
        }
        if (extractant is > MaxExtractant)
        {
            Fail(FieldOf(extractantColumn), $"{extractantColumn.Name}: free extractant {Text(extractant.Value)} is above the accepted {MaxExtractant:G} {(extractantColumn.Percent ? PercentVolumeUnit : "mol/L")}");
            extractant = null;
        }
        if (logD is { } range && Math.Abs(range) > MaxAbsLogD)
        {
            var dField = Find(Role.D) is { } dc ? FieldOf(dc) : FieldOf(Find(Role.Organic)!);
            Fail(dField, $"D = {Text(Math.Pow(10, range))} is outside the accepted range 1e-{MaxAbsLogD:G} to 1e{MaxAbsLogD:G}");
            logD = null;
        }
        return ok && element is not null && double.IsFinite(ph) && extractant is { } e && logD is { } ld
            ? new ShakeTestPoint(element, ph, e, ld, line)
            : null;

        void Fail(Field f, string message)
        {
            error(line, f.At, message);
            ok = false;
        }

        // a finite number in the column's base unit (for a mass unit, converted with the row's element)
        double? Number(Column c, string? forElement = null)
        {
            var f = FieldOf(c);
            var text = f.Text.Trim();
            if (text.Length == 0)
            {
                Fail(f, $"no value in column '{c.Name}'");
                return null;
            }
            if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
            {
                Fail(f, $"{c.Name}: '{text}' is not a number (invariant culture: '.' as the decimal point, e.g. 0.25 or 1e-3)");
                return null;
            }
            if (!double.IsFinite(value))
            {
                Fail(f, $"{c.Name}: '{text}' is not a finite number");
                return null;
            }
            double factor = c.Factor;
            if (c.Role is Role.Aqueous or Role.Organic && c.Unit is { } unit)
            {
                if (forElement is null) return null; // the element's own error is reported
                Quantity.TryParse("1 " + unit, QuantityKind.Concentration, forElement, out factor, out _);
            }
            return value * factor;
        }

        double? Positive(Column c, string why, string? forElement = null)
        {
            if (Number(c, forElement) is not { } value) return null;
            if (value > 0) return value;
            Fail(FieldOf(c), $"{c.Name} must be > 0 ({why}); got '{FieldOf(c).Text.Trim()}'");
            return null;
        }
    }

    private static string Text(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    /// <summary>
    /// The fields of one line with their starting columns (the first non-blank character; the
    /// opening quote of a quoted field), or null after reporting a malformed quote.
    /// </summary>
    private static Field[]? Split(string line, int lineNumber, Action<int, int, string> error)
    {
        var fields = new List<Field>();
        int i = 0;
        while (true)
        {
            int start = i;
            while (i < line.Length && line[i] is ' ' or '\t') i++;
            if (i < line.Length && line[i] == '"')
            {
                int quote = i;
                var text = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= line.Length)
                    {
                        error(lineNumber, quote + 1, "this quoted field has no closing quote (a field may not span lines)");
                        return null;
                    }
                    if (line[i] == '"')
                    {
                        if (i + 1 < line.Length && line[i + 1] == '"')
                        {
                            text.Append('"');
                            i += 2;
                            continue;
                        }
                        i++;
                        break;
                    }
                    text.Append(line[i++]);
                }
                while (i < line.Length && line[i] is ' ' or '\t') i++;
                if (i < line.Length && line[i] != ',')
                {
                    error(lineNumber, i + 1, "unexpected text after a closing quote; put a comma between fields");
                    return null;
                }
                fields.Add(new Field(text.ToString(), quote + 1));
            }
            else
            {
                int end = line.IndexOf(',', i);
                if (end < 0) end = line.Length;
                fields.Add(new Field(line[start..end], (i < end ? i : start) + 1));
                i = end;
            }
            if (i >= line.Length) return fields.ToArray();
            i++; // the comma
        }
    }

    /// <summary>
    /// fit.csv: one row per data point in file order. Columns: element, line, ph [-],
    /// free_extractant [UNIT], log10_d_measured [-], log10_d_fitted [-], residual [-] (measured −
    /// fitted). Invariant culture, "\n" line ends, round-trip numbers. <paramref name="w"/> is left open.
    /// </summary>
    /// <param name="data">The data that was fitted.</param>
    /// <param name="laws">The fitted law of every element of the data.</param>
    /// <param name="w">Where to write.</param>
    public static void WriteFit(ShakeTestData data, IReadOnlyDictionary<string, DistributionLaw> laws, TextWriter w)
    {
        ArgumentNullException.ThrowIfNull(data);
        ArgumentNullException.ThrowIfNull(laws);
        ArgumentNullException.ThrowIfNull(w);
        // built here rather than in a static field, so that reading data never loads CsvHelper
        var options = CsvWriterOptions.Default with { NewLine = "\n", FormatProvider = CultureInfo.InvariantCulture };
        using var csv = CsvWriter.Create(w, options, leaveOpen: true);
        foreach (var name in new[] { "element", "line", "ph [-]", $"free_extractant [{data.ExtractantUnit}]",
                     "log10_d_measured [-]", "log10_d_fitted [-]", "residual [-]" })
            csv.WriteField(name);
        csv.EndRecord();
        foreach (var p in data.Points)
        {
            double fitted = LawFitter.Predict(laws[p.Element], p.Ph, p.Extractant);
            csv.WriteField(p.Element);
            csv.WriteField(p.Line);
            csv.WriteField(p.Ph);
            csv.WriteField(p.Extractant);
            csv.WriteField(p.LogD);
            csv.WriteField(fitted);
            csv.WriteField(p.LogD - fitted);
            csv.EndRecord();
        }
        csv.Flush();
    }
}
