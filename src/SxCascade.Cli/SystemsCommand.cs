using System.CommandLine;
using SxCascade.Flowsheets;
using SxCascade.IO;

namespace SxCascade.Cli;

/// <summary>
/// <c>sxcascade systems [NAME]</c>: the built-in chemistry systems, or one with every value, its
/// provenance tag and source, the reference data behind it and a block to paste into a flowsheet.
/// </summary>
internal static class SystemsCommand
{
    /// <summary>Shown under "Examples:" in <c>systems --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade systems",
        "sxcascade systems p507-hcl",
        "sxcascade systems d2ehpa-chloride --json > d2ehpa.json",
    ];

    /// <summary>The command's shape: list, one entry, JSON, unknown names.</summary>
    private static readonly LibraryCommand<LibrarySystem> Shape = new(
        "systems", "system",
        "List the built-in chemistry systems (chemistry: { system: NAME }), or show one with every value, its provenance and source.",
        () => BuiltInLibrary.Systems, e => e.Name, s => LibraryJsonWriter.Systems(s), WriteList, WriteSystem);

    /// <summary>The <c>systems</c> command, writing to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context) => Shape.Create(context);

    /// <summary>Writes the list or system <paramref name="name"/>; 2 for an unknown name.</summary>
    internal static int Execute(CliContext context, string? name, bool json) => Shape.Execute(context, name, json);

    private static void WriteList(TextWriter w)
    {
        w.WriteLine("Built-in chemistry systems (use in a flowsheet: chemistry: { system: NAME })");
        var table = new TextTable("name", "model", "elements", "tag", "source");
        foreach (var s in BuiltInLibrary.Systems)
            table.Add(s.Name, s.Model, LibraryText.ElementRange(s.Elements), LibraryText.ShortTag(s.Tag, s.DerivedFrom), LibraryText.Shorten(s.Source));
        table.Write(w);
        w.WriteLine($"  {LibraryText.TagKey}");
        w.WriteLine("  'sxcascade systems NAME' shows every value with its tag, the full source and a block to paste.");
    }

    private static void WriteSystem(LibrarySystem s, TextWriter w)
    {
        w.WriteLine($"{s.Name}: {s.Title}");
        w.WriteLine($"  model:      {s.Model}");
        w.WriteLine($"  tag:        {s.TagLabel}");
        w.WriteLine($"  source:     {s.Source}");
        if (s.Conditions is { } conditions) w.WriteLine($"  conditions: {conditions}");
        foreach (var note in s.Notes) w.WriteLine($"  note:       {note}");
        w.WriteLine();

        w.WriteLine("Values (as a flowsheet writes them under chemistry:)");
        var table = new TextTable("key", "element", ">value", "tag", "basis");
        foreach (var v in s.Values)
            table.Add(v.Key, v.Element ?? "", v.Text, LibraryText.ShortTag(v.Tag, v.DerivedFrom), v.Basis ?? "");
        table.Write(w);
        w.WriteLine($"  {LibraryText.TagKey}");
        foreach (var group in s.Values.Where(v => v.Note is not null).GroupBy(v => v.Key))
            w.WriteLine($"  {group.Key}: {group.First().Note}");
        foreach (var (key, reason) in s.Missing)
            w.WriteLine($"  {key}: not in this system ({reason}); the flowsheet gives it");
        w.WriteLine();

        if (s.Data.Count > 0)
        {
            w.WriteLine("Reference data, as recorded (docs/library.md)");
            int width = s.Data.Max(d => d.Key.Length) + 1;
            foreach (var d in s.Data) w.WriteLine($"  {(d.Key + ":").PadRight(width)} {d.Display}");
            w.WriteLine();
        }

        w.WriteLine("Paste into a flowsheet:");
        foreach (var line in LibrarySnippets.Chemistry(s).TrimEnd('\n').Split('\n')) w.WriteLine($"  {line}");
    }
}

/// <summary>Texts the <c>systems</c> and <c>feeds</c> commands share: tags in tables, element ranges, long sources.</summary>
internal static class LibraryText
{
    /// <summary>The line under a table that explains its short tags.</summary>
    public const string TagKey =
        "tags: measured (read in the primary source), secondary (quoted from a citing source), derived (computed from tagged values), "
        + Provenance.IndicativeLabel;

    /// <summary>A tag for a table cell; indicative ones still say they are not measured.</summary>
    public static string ShortTag(ProvenanceTag tag, string? derivedFrom) => tag switch
    {
        ProvenanceTag.Indicative => "indicative (not measured)",
        ProvenanceTag.Derived when derivedFrom is { } from => from.Contains(' ', StringComparison.Ordinal) ? "derived" : $"derived from {from}",
        _ => Provenance.TagName(tag),
    };

    /// <summary>"La, Ce, Pr, Nd" for a few elements, "15: La…Lu, Y" for many.</summary>
    public static string ElementRange(IReadOnlyList<string> elements) =>
        elements.Count <= 5 ? string.Join(", ", elements) : $"{elements.Count}: {elements[0]}…{elements[^1]}";

    /// <summary>The source cut to a table cell ("…" marks the cut).</summary>
    public static string Shorten(string text, int width = 60) => text.Length <= width ? text : text[..(width - 1)].TrimEnd() + "…";
}
