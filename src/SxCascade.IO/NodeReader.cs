using System.Globalization;
using System.Text.RegularExpressions;
using SxCascade.Chemistry;
using SxCascade.Flowsheets;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SxCascade.IO;

/// <summary>One value of the file with its dotted path and the node that names it (its key, or the list item itself).</summary>
internal readonly record struct Entry(string Name, string Path, YamlNode Key, YamlNode Value);

/// <summary>An accepted range of a number, with the words that describe it in messages.</summary>
internal sealed record Limit(Func<double, bool> Accepts, string Text)
{
    public static readonly Limit Positive = new(v => v > 0, "greater than 0");
    public static readonly Limit NonNegative = new(v => v >= 0, "0 or more");
    /// <summary>0 &lt; v &lt; 1 (a reflux fraction).</summary>
    public static readonly Limit OpenFraction = new(v => v > 0 && v < 1, "between 0 and 1, both excluded");
    /// <summary>0 &lt; v ≤ 1 (efficiency, purity, recovery).</summary>
    public static readonly Limit UpToOne = new(v => v > 0 && v <= 1, "greater than 0 and at most 1 (or 100 %)");
    /// <summary>0 ≤ v ≤ 1 (a saponification fraction).</summary>
    public static readonly Limit ClosedFraction = new(v => v >= 0 && v <= 1, "between 0 and 1 (0 to 100 %)");
    /// <summary>Any finite number (log10 constants and coefficients, which may be negative).</summary>
    public static readonly Limit Any = new(_ => true, "a number");
}

/// <summary>
/// Reading state of one file: the errors found so far, each at the line and column of the node
/// it concerns, and the map from dotted paths to nodes that locates the semantic validator's issues.
/// Reading never stops at an error: a reader records it and returns a placeholder (NaN, 0, "").
/// </summary>
internal sealed partial class ReadContext(string file, OverrideOrigins origins)
{
    private readonly Dictionary<string, Entry> paths = new(StringComparer.Ordinal);

    public List<FlowsheetError> Errors { get; } = [];

    public void Error(YamlNode at, string message) => Errors.Add(Locate(at, message));

    /// <summary>An error at <paramref name="at"/>; nodes from --set are reported where their origin says.</summary>
    public FlowsheetError Locate(YamlNode at, string message) =>
        origins.TryGet(at, out var o)
            ? new FlowsheetError(o.File, o.Line, o.Column, message + o.Note)
            : new FlowsheetError(file, (int)at.Start.Line, (int)at.Start.Column, message);

    /// <summary>
    /// Where errors about <paramref name="at"/> are reported (its own origin when --set supplied it,
    /// else its place in the file), with <paramref name="note"/> appended to their messages.
    /// </summary>
    public OverrideOrigin OriginOf(YamlNode at, string note) =>
        origins.TryGet(at, out var o) ? o with { Note = o.Note + note }
        : new OverrideOrigin(file, (int)at.Start.Line, (int)at.Start.Column, note);

    /// <summary>
    /// Reports every error about <paramref name="node"/> (and, with <paramref name="subtree"/>, every
    /// node below it) at <paramref name="origin"/>: for nodes that are not from the file.
    /// </summary>
    public void Adopt(YamlNode node, OverrideOrigin origin, bool subtree = true)
    {
        if (subtree) origins.Assign(node, origin);
        else origins.AssignOne(node, origin);
    }

    /// <summary>The node to point at for an entry as a whole: its key, or its value when --set supplied that.</summary>
    public YamlNode Pointer(Entry e) => origins.Contains(e.Value) ? e.Value : e.Key;

    public void Record(Entry e) => paths[e.Path] = e;

    /// <summary>
    /// An error for a dotted <paramref name="path"/> (e.g. "cascades.PrNd.feed.stage"), located at the
    /// deepest node of the path that exists in the file.
    /// </summary>
    public FlowsheetError LocatePath(string path, string message)
    {
        var segments = path.Split('.');
        for (int n = segments.Length; n > 0; n--)
        {
            if (paths.TryGetValue(string.Join('.', segments, 0, n), out var e))
                return Locate(Pointer(e), message);
        }
        return new FlowsheetError(file, 1, 1, message);
    }

    public static string Join(string path, string name) => path.Length == 0 ? name : path + "." + name;

    /// <summary>"a mapping", "a list" or "the single value 'x'", for type errors.</summary>
    public static string KindOf(YamlNode node) => node switch
    {
        YamlMappingNode => "a mapping",
        YamlSequenceNode => "a list",
        YamlScalarNode s => $"the single value '{s.Value}'",
        _ => "an alias",
    };

    /// <summary>The text of a scalar entry, or null (with an error) for a mapping, a list or an empty value.</summary>
    public string? Scalar(Entry e, string expected)
    {
        if (e.Value is not YamlScalarNode s)
        {
            Error(e.Value, $"{e.Path} must be {expected}, not {KindOf(e.Value)}");
            return null;
        }
        if (IsEmpty(s))
        {
            Error(Pointer(e), $"{e.Path} has no value; expected {expected}");
            return null;
        }
        return s.Value ?? "";
    }

    /// <summary>True for a value left empty (<c>key:</c>, <c>~</c>, <c>null</c>; not a quoted "").</summary>
    public static bool IsEmpty(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain or YamlDotNet.Core.ScalarStyle.Any, Value: null or "" or "~" or "null" };

    public string Text(Entry e) => Scalar(e, "a single text value") ?? "";

    /// <summary>A quantity in the base unit of <paramref name="kind"/> (Chemistry.Quantity), or NaN.</summary>
    public double Quantity(Entry e, QuantityKind kind, Limit limit, string? element = null)
    {
        if (Scalar(e, $"a number with a unit (in {SxCascade.Chemistry.Quantity.BaseUnit(kind)} when bare)") is not { } text)
            return double.NaN;
        if (!SxCascade.Chemistry.Quantity.TryParse(text, kind, element, out var value, out var problem))
        {
            Error(e.Value, $"{e.Path}: {problem}");
            return double.NaN;
        }
        return Check(e, value, text, limit);
    }

    /// <summary>
    /// A plain dimensionless number (separation factor, distribution ratio, tolerance), or NaN.
    /// With <paramref name="allowPercentSign"/> a trailing "%" is accepted and ignored (the number is already in percent).
    /// </summary>
    public double Number(Entry e, Limit limit, bool allowPercentSign = false)
    {
        if (Scalar(e, "a number") is not { } text) return double.NaN;
        var number = allowPercentSign ? text.TrimEnd().TrimEnd('%') : text;
        if (!double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
        {
            Error(e.Value, $"{e.Path} must be a number (e.g. 1.5); got '{text}'");
            return double.NaN;
        }
        return Check(e, value, text, limit);
    }

    /// <summary>A whole number of at least <paramref name="min"/> (stage counts, iterations), or 0.</summary>
    public int Whole(Entry e, int min)
    {
        if (Scalar(e, "a whole number") is not { } text) return 0;
        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            || value != Math.Floor(value) || value < min || value > int.MaxValue)
        {
            Error(e.Value, $"{e.Path} must be a whole number, {min} or more; got '{text}'");
            return 0;
        }
        return (int)value;
    }

    private double Check(Entry e, double value, string text, Limit limit)
    {
        if (limit.Accepts(value)) return value;
        Error(e.Value, $"{e.Path} must be {limit.Text}; got '{text}'");
        return double.NaN;
    }

    /// <summary>Checks a feed or cascade name: letters, digits, '-' and '_' (FORMAT.md).</summary>
    public void CheckName(Entry e, string what)
    {
        if (!NamePattern().IsMatch(e.Name))
            Error(e.Key, $"{what} name '{e.Name}' is not valid; names may contain only letters, digits, '-' and '_'");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex NamePattern();

    /// <summary>True for a known element symbol (and a rare earth when asked); otherwise records an error.</summary>
    public bool CheckElement(YamlNode at, string symbol, string where, bool rareEarthsOnly = false)
    {
        if (!Elements.IsKnown(symbol))
        {
            var known = rareEarthsOnly ? Elements.RareEarths : Elements.KnownSymbols;
            Error(at, $"unknown element '{symbol}' in {where}; {Suggestions.DidYouMean(symbol, known)}known: {string.Join(", ", known)}");
            return false;
        }
        if (rareEarthsOnly && !Elements.IsRareEarth(symbol))
        {
            Error(at, $"'{symbol}' in {where} is not a rare earth; oxide percentages are given for {string.Join(", ", Elements.RareEarths)}");
            return false;
        }
        return true;
    }

    /// <summary>
    /// A map from element symbol to a value read by <paramref name="read"/>, e.g. { Pr: 1.0, Nd: 1.5 }.
    /// Unknown symbols are errors (their value is NaN); an empty map is an error when <paramref name="requireAny"/>.
    /// The aqueous acid species (H+, HSO4-, SO4--) are errors unless <paramref name="acidSpecies"/> admits them.
    /// </summary>
    public Dictionary<string, double> ElementValues(Entry e, Func<Entry, double> read, bool rareEarthsOnly = false, bool requireAny = true, bool acidSpecies = false)
    {
        var values = new Dictionary<string, double>(StringComparer.Ordinal);
        if (MapReader.Open(this, e, e.Path, keys: null) is not { } map) return values;
        // a rejected symbol keeps a NaN value, so that checks over the whole map (sums) are skipped
        foreach (var item in map.Entries)
        {
            bool ok = CheckElement(item.Key, item.Name, e.Path, rareEarthsOnly);
            if (ok && !acidSpecies && FeedStream.AcidSpecies.Contains(item.Name))
            {
                Error(item.Key, $"{item.Name} is an aqueous acid species, not a metal; {e.Path} lists metals only (a feed gives its acid with 'acid:')");
                ok = false;
            }
            values[item.Name] = ok ? read(item) : double.NaN;
        }
        if (requireAny && map.Entries.Count == 0)
            Error(Pointer(e), $"{e.Path} lists no elements; give at least one, e.g. {{ Nd: ... }}");
        return values;
    }

    /// <summary>The items of a list entry, each recorded under PATH.INDEX; null (with an error) when not a list.</summary>
    public IReadOnlyList<Entry>? Items(Entry e, string expected)
    {
        if (e.Value is not YamlSequenceNode list)
        {
            Error(e.Value, $"{e.Path} must be a list ({expected}), not {KindOf(e.Value)}");
            return null;
        }
        var items = new List<Entry>();
        for (int i = 0; i < list.Children.Count; i++)
        {
            var index = i.ToString(CultureInfo.InvariantCulture);
            var item = new Entry(index, Join(e.Path, index), list.Children[i], list.Children[i]);
            Record(item);
            items.Add(item);
        }
        return items;
    }
}

/// <summary>
/// A YAML mapping being read: checks its keys against the valid ones (suggesting the nearest for
/// a typo), records every entry's path, and reads required and optional values.
/// </summary>
internal sealed class MapReader
{
    private readonly ReadContext context;
    private readonly Dictionary<string, Entry> entries = new(StringComparer.Ordinal);
    // keys already suggested for a misspelt key: their absence is not reported a second time
    private readonly HashSet<string> suggested = new(StringComparer.Ordinal);

    private MapReader(ReadContext context, Entry self, string what, YamlMappingNode map, IReadOnlyList<string>? keys)
    {
        this.context = context;
        Self = self;
        What = what;
        YamlNode? previousValue = null;
        string previousName = "";
        foreach (var (keyNode, value) in map.Children)
        {
            var (before, beforeName) = (previousValue, previousName);
            previousValue = value;
            previousName = (keyNode as YamlScalarNode)?.Value ?? "";
            if (keyNode is not YamlScalarNode { Value: { } name })
            {
                context.Error(keyNode, $"keys in {what} must be plain names, not {ReadContext.KindOf(keyNode)}");
                continue;
            }
            if (DecimalCommaSplit(before, keyNode) is { } written)
            {
                // { Pr: 0,2544 mol/L }: the comma ended the entry "Pr: 0" and began a key "2544 mol/L"
                context.Error(before!, $"{ReadContext.Join(self.Path, beforeName)}: {SxCascade.Chemistry.Quantity.CommaAdvice(written, null)} "
                    + $"(in a '{{ … }}' mapping a comma separates entries, so '{written}' reads as the value {((YamlScalarNode)before!).Value} and a key '{name}')");
                continue;
            }
            if (keys is not null && !keys.Contains(name))
            {
                if (Suggestions.Nearest(name, keys) is { } near) suggested.Add(near);
                context.Error(keyNode, $"unknown key '{name}' in {what}; {Suggestions.DidYouMean(name, keys)}valid: {string.Join(", ", keys)}");
                continue;
            }
            var entry = new Entry(name, ReadContext.Join(self.Path, name), keyNode, value);
            entries[name] = entry;
            context.Record(entry);
        }
    }

    /// <summary>
    /// The text "0,2544 mol/L" when <paramref name="key"/> ("2544 mol/L") follows the whole-number
    /// value <paramref name="value"/> ("0") of the entry before it across a bare comma on the same
    /// line: a decimal comma that the flow mapping split in two. Null otherwise.
    /// </summary>
    private static string? DecimalCommaSplit(YamlNode? value, YamlNode key)
    {
        if (value is not YamlScalarNode { Style: ScalarStyle.Plain, Value: { Length: > 0 } number } || key is not YamlScalarNode { Style: ScalarStyle.Plain, Value: { Length: > 0 } rest }
            || !char.IsDigit(rest[0]) || value.End.Line != key.Start.Line || key.Start.Column != value.End.Column + 1)
            return null;
        string written = number + "," + rest;
        return SxCascade.Chemistry.Quantity.DecimalComma(written) is null ? null : written;
    }

    /// <summary>The entry this mapping is the value of.</summary>
    public Entry Self { get; }

    /// <summary>How messages name this mapping ("scrub", "feed 'leach'").</summary>
    public string What { get; }

    /// <summary>Entries in file order.</summary>
    public IReadOnlyCollection<Entry> Entries => entries.Values;

    /// <summary>
    /// Reads <paramref name="e"/> as a mapping with the given valid <paramref name="keys"/> (null: any
    /// key, e.g. names of feeds). Returns null, with an error, when the value is not a mapping.
    /// </summary>
    public static MapReader? Open(ReadContext context, Entry e, string what, IReadOnlyList<string>? keys)
    {
        if (e.Value is YamlMappingNode map) return new MapReader(context, e, what, map, keys);
        var expected = keys is null ? "a mapping" : $"a mapping with keys {string.Join(", ", keys)}";
        if (ReadContext.IsEmpty(e.Value))
            context.Error(context.Pointer(e), $"{e.Path} has no value; expected {expected}");
        else
            context.Error(e.Value, $"{(e.Path.Length == 0 ? "a flowsheet" : e.Path)} must be {expected}, not {ReadContext.KindOf(e.Value)}");
        return null;
    }

    public bool Has(string key) => entries.ContainsKey(key);

    public Entry? Get(string key) => entries.TryGetValue(key, out var e) ? e : null;

    /// <summary>The entry of a required key; records "missing required key" when absent.</summary>
    public Entry? Require(string key, string? hint = null)
    {
        if (entries.TryGetValue(key, out var e)) return e;
        Missing($"missing required key '{key}' in {What}{(hint is null ? "" : $" ({hint})")}", key);
        return null;
    }

    /// <summary>Records that something required is missing, unless a misspelt key already pointed at <paramref name="key"/>.</summary>
    public void Missing(string message, params string[] key)
    {
        if (!key.Any(suggested.Contains)) context.Error(context.Pointer(Self), message);
    }

    public MapReader? Map(string key, string what, IReadOnlyList<string>? keys, bool required, string? hint = null) =>
        (required ? Require(key, hint) : Get(key)) is { } e ? Open(context, e, what, keys) : null;

    public double Quantity(string key, QuantityKind kind, Limit limit, string? hint = null) =>
        Require(key, hint) is { } e ? context.Quantity(e, kind, limit) : double.NaN;

    public double? OptionalQuantity(string key, QuantityKind kind, Limit limit) =>
        Get(key) is { } e ? context.Quantity(e, kind, limit) : null;

    public int Whole(string key, int min = 1, string? hint = null) =>
        Require(key, hint) is { } e ? context.Whole(e, min) : 0;

    public int? OptionalWhole(string key, int min = 1) => Get(key) is { } e ? context.Whole(e, min) : null;

    public string Text(string key, string? hint = null) => Require(key, hint) is { } e ? context.Text(e) : "";

    public string? OptionalText(string key) => Get(key) is { } e ? context.Text(e) : null;

    /// <summary>A value from a fixed set (e.g. newton, substitution); returns the matching choice or null.</summary>
    public string? Choice(string key, IReadOnlyList<string> choices)
    {
        if (Get(key) is not { } e || context.Scalar(e, $"one of {string.Join(", ", choices)}") is not { } text) return null;
        if (choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase)) is { } match) return match;
        context.Error(e.Value, $"{e.Path} '{text}' is not known; {Suggestions.DidYouMean(text, choices)}valid: {string.Join(", ", choices)}");
        return null;
    }
}
