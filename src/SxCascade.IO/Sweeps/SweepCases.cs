using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using SxCascade.Flowsheets;
using SxCascade.Sweeps;
using YamlDotNet.RepresentationModel;

namespace SxCascade.IO;

/// <summary>
/// The flowsheets of a sweep's cases: the file's text with the fixed <c>--set</c> overrides and,
/// per case, one override per axis (<c>PATH=VALUE UNIT</c>), loaded and validated by
/// <see cref="FlowsheetLoader"/> exactly as <c>run --set</c> would load them.
/// </summary>
public sealed class SweepCases
{
    private readonly string text;
    private readonly IReadOnlyList<string> overrides;

    /// <summary>The file as named in errors.</summary>
    public string File { get; }

    /// <summary>SHA-256 of the file's bytes (hex).</summary>
    public string Sha256 { get; }

    private SweepCases(string text, string file, IReadOnlyList<string> overrides)
    {
        this.text = text;
        File = file;
        this.overrides = overrides;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));
        trees = new ThreadLocal<Tree>(() => new Tree(text));
    }

    /// <summary>Reads the flowsheet file once; a missing or unreadable file gives one error at 1:1.</summary>
    public static (SweepCases? Cases, FlowsheetError? Error) FromFile(string path, IReadOnlyList<string> overrides)
    {
        var (text, error) = InputFile.Read(path, "flowsheet file");
        return error is not null ? (null, error) : (new SweepCases(text!, path, overrides), null);
    }

    /// <summary>The base flowsheet (fixed overrides only), as <see cref="FlowsheetLoader.Parse"/> loads it.</summary>
    public LoadResult LoadBase() => FlowsheetLoader.Parse(text, File, overrides);

    /// <summary>Reads the sweep's file text once.</summary>
    public static SweepCases FromText(string text, string file, IReadOnlyList<string> overrides) => new(text, file, overrides);

    /// <summary>
    /// The override text of one axis value: the shortest round-trip number (a whole number for an
    /// integer axis), then the unit the file writes at the path.
    /// </summary>
    public static string Override(SweepAxis axis, double value) =>
        $"{axis.Path}={value.ToString("R", CultureInfo.InvariantCulture)}{(axis.Unit.Length > 0 ? " " + axis.Unit : "")}";

    /// <summary>
    /// What the file writes at <paramref name="path"/>: whether it is a bare whole number (a stage
    /// count) and the unit after the number ("33.1 L/h" gives "L/h"); ("", false) where the file does not write it.
    /// </summary>
    public (bool WholeNumber, string Unit) At(string path)
    {
        var root = YamlDocuments.Parse(text, []);
        if (root is null) return (false, "");
        Overrides.Apply(root, overrides, File, []);
        if (Overrides.Find(root, path) is not YamlScalarNode { Value: { } v }) return (false, "");
        v = v.Trim();
        int space = v.IndexOf(' ');
        if (space < 0) return (long.TryParse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _), "");
        return (false, double.TryParse(v[..space], NumberStyles.Float, CultureInfo.InvariantCulture, out _) ? v[(space + 1)..].Trim() : "");
    }

    /// <summary>The flowsheet with the axes at <paramref name="values"/>, or every error of it (FILE:LINE:COLUMN: message).</summary>
    /// <remarks>
    /// Each thread parses the file once and keeps the tree: a case puts back the nodes the previous
    /// case replaced at the axis paths (and takes out the keys it added) and applies its own
    /// overrides, so it is loaded exactly as a fresh parse with the same overrides, errors at the
    /// same places, without parsing the text again.
    /// </remarks>
    public (Flowsheet? Flowsheet, IReadOnlyList<FlowsheetError> Errors) Build(IReadOnlyList<SweepAxis> axes, IReadOnlyList<double> values)
    {
        var all = new List<string>(overrides.Count + axes.Count);
        all.AddRange(overrides);
        for (int a = 0; a < axes.Count; a++) all.Add(Override(axes[a], values[a]));
        var tree = trees.Value!;
        if (tree.Root is null)
        {
            var loaded = FlowsheetLoader.Parse(text, File, all);
            return loaded.Ok ? (loaded.Flowsheet, []) : (null, loaded.Errors);
        }
        tree.Restore(all.Select(o => o.IndexOf('=') is > 0 and var eq ? o[..eq].Trim() : o));
        var result = FlowsheetLoader.FromTree(tree.Root, File, all, []);
        return result.Ok ? (result.Flowsheet, []) : (null, result.Errors);
    }

    private readonly ThreadLocal<Tree> trees;

    // one thread's parsed file: the nodes at the axis paths as parsed, to put back before each case
    private sealed class Tree
    {
        public YamlNode? Root { get; }
        private readonly List<(YamlNode? Parent, string Key, YamlNode? Original)> order = [];
        private readonly HashSet<string> seen = new(StringComparer.Ordinal);

        public Tree(string text)
        {
            var problems = new List<YamlProblem>();
            Root = YamlDocuments.Parse(text, problems);
            if (problems.Count > 0) Root = null;
        }

        // puts back every node an earlier case replaced (the last first) and takes out the keys it
        // added, then remembers what the file has at the paths not seen before
        public void Restore(IEnumerable<string> paths)
        {
            foreach (var (parent, key, original) in order.AsEnumerable().Reverse())
            {
                if (parent is null) continue;
                if (original is not null) Overrides.Replace(parent, key, original);
                else if (parent is YamlMappingNode map && YamlDocuments.KeyOf(map, key) is { } added) map.Children.Remove(added);
            }
            foreach (var path in paths)
            {
                if (!seen.Add(path)) continue;
                var segments = path.Split('.');
                var parent = segments.Length == 1 ? Root : Overrides.Find(Root!, string.Join('.', segments[..^1]));
                order.Add((parent, segments[^1], parent is null ? null : Overrides.Child(parent, segments[^1])));
            }
        }
    }
}
