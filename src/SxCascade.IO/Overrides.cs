using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SxCascade.Flowsheets;
using YamlDotNet.RepresentationModel;

namespace SxCascade.IO;

/// <summary>Where a node that came from a <c>--set</c> override is reported, and the note added to its messages.</summary>
/// <param name="File">The flowsheet file (a replaced value) or "--set" (an added key).</param>
/// <param name="Line">1-based line: of the replaced value, or K for the K-th override.</param>
/// <param name="Column">1-based column.</param>
/// <param name="Note">Appended to every message about the node: " (value from --set PATH=VALUE)".</param>
internal sealed record OverrideOrigin(string File, int Line, int Column, string Note);

/// <summary>The nodes that overrides put into the tree, each with the place its errors are reported.</summary>
internal sealed class OverrideOrigins
{
    private readonly Dictionary<YamlNode, OverrideOrigin> origins = new(ReferenceEqualityComparer.Instance);

    public bool TryGet(YamlNode node, [MaybeNullWhen(false)] out OverrideOrigin origin) => origins.TryGetValue(node, out origin);

    public bool Contains(YamlNode node) => origins.ContainsKey(node);

    public void Assign(YamlNode subtree, OverrideOrigin origin)
    {
        foreach (var node in subtree.AllNodes) origins[node] = origin;
    }

    /// <summary>Sets the origin of <paramref name="node"/> alone, not of the nodes below it.</summary>
    public void AssignOne(YamlNode node, OverrideOrigin origin) => origins[node] = origin;
}

/// <summary>
/// <c>--set PATH=VALUE</c> overrides (FORMAT.md, command-line contract), applied to the YAML tree
/// before it is mapped, so an overridden value is checked exactly like one written in the file.
/// PATH is dotted, list items by index (specs.0.purity); VALUE is a YAML scalar or flow node.
/// </summary>
internal static class Overrides
{
    /// <summary>The file name of errors located in an override; the line is the override's 1-based index.</summary>
    public const string SetFile = "--set";

    /// <summary>
    /// Applies <paramref name="overrides"/> in order to <paramref name="root"/>. An existing node is
    /// replaced (its errors are reported at the replaced node's place); a missing last key of an
    /// existing mapping is added (reported at --set:K:1). Problems go to <paramref name="errors"/>.
    /// </summary>
    public static OverrideOrigins Apply(YamlNode root, IReadOnlyList<string> overrides, string file, List<FlowsheetError> errors)
    {
        var origins = new OverrideOrigins();
        for (int k = 0; k < overrides.Count; k++)
        {
            if (ApplyOne(root, overrides[k], k + 1, file, origins) is { } problem)
                errors.Add(new FlowsheetError(SetFile, k + 1, 1, problem));
        }
        return origins;
    }

    // Returns the problem with this override, or null when it was applied.
    private static string? ApplyOne(YamlNode root, string text, int index, string file, OverrideOrigins origins)
    {
        int eq = text.IndexOf('=');
        var path = eq < 0 ? "" : text[..eq].Trim();
        var segments = path.Split('.');
        if (path.Length == 0 || segments.Any(s => s.Length == 0))
            return $"malformed override '{text}'; expected PATH=VALUE with a dotted PATH, e.g. cascades.PrNd.scrub.stages=30";

        var problems = new List<YamlProblem>();
        var value = YamlDocuments.Parse(text[(eq + 1)..], problems);
        if (problems.Count > 0)
            return $"the value of --set {path} is not valid YAML ({problems[0].Message}); quote it or write a YAML value such as 30 or {{ Nd: 0.1 mol/L }}";
        value ??= new YamlScalarNode("");
        var note = $" (value from --set {text})";

        var parent = root;
        for (int i = 0; i < segments.Length - 1; i++)
        {
            var child = Child(parent, segments[i]);
            if (child is null && parent is YamlMappingNode built && FromLibrary(built))
            {
                // below `system:` or `library:` the values the file does not write come from the
                // library, and a map the file writes merges with the library's per element: so a
                // path to one of them may be new from here on (the loader checks the keys)
                var created = new YamlMappingNode();
                var createdKey = new YamlScalarNode(segments[i]);
                built.Add(createdKey, created);
                var origin = new OverrideOrigin(SetFile, index, 1, note);
                origins.Assign(createdKey, origin);
                origins.Assign(created, origin);
                child = created;
            }
            if (child is null)
                return $"cannot apply --set {text}: {Missing(parent, segments, i)}";
            parent = child;
        }

        var last = segments[^1];
        var existing = Child(parent, last);
        if (existing is not null)
        {
            // a value an earlier override put in: in the file it stays where that one replaced it,
            // but a key an earlier override added is reported at this override's number
            var at = !origins.TryGet(existing, out var previous) ? new OverrideOrigin(file, (int)existing.Start.Line, (int)existing.Start.Column, note)
                : previous.File == SetFile ? new OverrideOrigin(SetFile, index, 1, note)
                : previous with { Note = note };
            Replace(parent, last, value);
            origins.Assign(value, at);
            return null;
        }
        if (parent is YamlMappingNode map)
        {
            var key = new YamlScalarNode(last);
            map.Add(key, value);
            var at = new OverrideOrigin(SetFile, index, 1, note);
            origins.Assign(key, at);
            origins.Assign(value, at);
            return null;
        }
        return $"cannot apply --set {text}: {Missing(parent, segments, segments.Length - 1)}";
    }

    /// <summary>The node at the dotted <paramref name="path"/> below <paramref name="root"/>, or null when the file does not write it.</summary>
    public static YamlNode? Find(YamlNode root, string path)
    {
        YamlNode? node = root;
        foreach (var segment in path.Split('.'))
            if ((node = node is null ? null : Child(node, segment)) is null) return null;
        return node;
    }

    /// <summary>A mapping that takes its values from the built-in library (chemistry `system:`, feed composition `library:`).</summary>
    private static bool FromLibrary(YamlMappingNode map) =>
        YamlDocuments.KeyOf(map, "system") is not null || YamlDocuments.KeyOf(map, "library") is not null;

    internal static YamlNode? Child(YamlNode parent, string segment) => parent switch
    {
        YamlMappingNode map => YamlDocuments.KeyOf(map, segment) is { } key ? map.Children[key] : null,
        YamlSequenceNode list => int.TryParse(segment, NumberStyles.None, CultureInfo.InvariantCulture, out var i) && i < list.Children.Count
            ? list.Children[i] : null,
        _ => null,
    };

    internal static void Replace(YamlNode parent, string segment, YamlNode value)
    {
        if (parent is YamlMappingNode map) map.Children[YamlDocuments.KeyOf(map, segment)!] = value;
        else ((YamlSequenceNode)parent).Children[int.Parse(segment, CultureInfo.InvariantCulture)] = value;
    }

    // Why segments[i] cannot be found below the node reached by segments[..i].
    private static string Missing(YamlNode parent, string[] segments, int i)
    {
        var where = i == 0 ? "the flowsheet" : string.Join('.', segments[..i]);
        return parent switch
        {
            YamlMappingNode map => $"{where} has no key '{segments[i]}'; " +
                Suggestions.DidYouMean(segments[i], map.Children.Keys.OfType<YamlScalarNode>().Select(k => k.Value ?? "")) +
                "only the last key of PATH may be new",
            YamlSequenceNode list => $"{where} is a list of {list.Children.Count} item(s); '{segments[i]}' is not an index from 0 to {list.Children.Count - 1}",
            _ => $"{where} is a single value, so it has no '{segments[i]}'",
        };
    }
}
