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
    public (Flowsheet? Flowsheet, IReadOnlyList<FlowsheetError> Errors) Build(IReadOnlyList<SweepAxis> axes, IReadOnlyList<double> values)
    {
        var all = new List<string>(overrides.Count + axes.Count);
        all.AddRange(overrides);
        for (int a = 0; a < axes.Count; a++) all.Add(Override(axes[a], values[a]));
        var loaded = FlowsheetLoader.Parse(text, File, all);
        return loaded.Ok ? (loaded.Flowsheet, []) : (null, loaded.Errors);
    }
}
