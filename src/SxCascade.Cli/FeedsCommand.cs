using System.CommandLine;
using SxCascade.Chemistry;
using SxCascade.IO;
using static SxCascade.Cli.NumberFormat;

namespace SxCascade.Cli;

/// <summary>
/// <c>sxcascade feeds [NAME]</c>: the built-in feed distributions, or one with its values as the
/// source gives them, the oxide distribution and mole fractions SxCascade makes of them, its tag
/// and source, and a feed to paste into a flowsheet.
/// </summary>
internal static class FeedsCommand
{
    /// <summary>Shown under "Examples:" in <c>feeds --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade feeds",
        "sxcascade feeds bayan-obo",
        "sxcascade feeds hdd-ndfeb-magnet --json",
    ];

    /// <summary>The command's shape: list, one entry, JSON, unknown names.</summary>
    private static readonly LibraryCommand<LibraryFeed> Shape = new(
        "feeds", "feed",
        "List the built-in feed distributions (composition: { library: NAME, total-oxide: … }), or show one with its values, provenance and source.",
        () => BuiltInLibrary.Feeds, e => e.Name, f => LibraryJsonWriter.Feeds(f), WriteList, WriteFeed);

    /// <summary>The <c>feeds</c> command, writing to <paramref name="context"/>.</summary>
    public static Command Create(CliContext context) => Shape.Create(context);

    /// <summary>Writes the list or feed <paramref name="name"/>; 2 for an unknown name.</summary>
    internal static int Execute(CliContext context, string? name, bool json) => Shape.Execute(context, name, json);

    private static void WriteList(TextWriter w)
    {
        w.WriteLine("Built-in feed distributions (use in a feed: composition: { library: NAME, total-oxide: 180 g/L })");
        var table = new TextTable("name", "basis", "rare earths", "tag", "source");
        foreach (var f in BuiltInLibrary.Feeds)
        {
            var elements = Elements.Sorted(f.RareEarths.Select(kv => kv.Key)).ToList();
            table.Add(f.Name, f.BasisText, LibraryText.ElementRange(elements) + (f.Unusable is null ? "" : " (partial: not usable)"),
                LibraryText.ShortTag(f.Tag, null), LibraryText.Shorten(f.Source));
        }
        table.Write(w);
        w.WriteLine($"  {LibraryText.TagKey}");
        w.WriteLine("  'sxcascade feeds NAME' shows every value, the distribution made of it and a feed to paste.");
    }

    private static void WriteFeed(LibraryFeed f, TextWriter w)
    {
        w.WriteLine($"{f.Name}: {f.Title}");
        w.WriteLine($"  basis:  {f.BasisText}");
        w.WriteLine($"  tag:    {f.TagLabel}");
        w.WriteLine($"  source: {f.Source}");
        w.WriteLine();

        var pct = f.OxidePercent();
        var x = LibrarySnippets.MoleFractions(f);
        w.WriteLine($"Values (every value with tag {LibraryText.ShortTag(f.Tag, null)})");
        var table = new TextTable("element", $">listed [{f.Unit}]", "oxide", ">oxide [% of REO]", ">mole fraction among REs");
        foreach (var (e, v) in f.RareEarths.OrderBy(kv => Elements.Order(kv.Key)))
            table.Add(e, LibraryFeed.Number(v), Elements.OxideName(e),
                pct.TryGetValue(e, out var p) ? Value(p) : "-", x.TryGetValue(e, out var m) ? Value(m) : "-");
        foreach (var (e, v) in f.Others)
            table.Add(e, LibraryFeed.Number(v), "", "not used", "not used");
        table.Write(w);
        w.WriteLine($"  listed rare earths sum to {LibraryFeed.Number(f.RawRareEarthSum)} {f.Unit}"
            + (f.Unusable is null ? "; the distribution is normalised to 100 % of REO over them" : ""));
        if (f.Basis is FeedBasis.WeightPercent or FeedBasis.GramsPerLitre)
            w.WriteLine("  element masses converted to oxide with the oxide masses of docs/model.md §4 (n = w/M, oxide = n·M_oxide)");
        if (f.Others.Count > 0)
            w.WriteLine($"  not rare earths, listed only (never put in a composition): {string.Join(", ", f.Others.Select(kv => kv.Key))}");
        foreach (var (group, v) in f.Groups)
            w.WriteLine($"  {group} rare earths: {LibraryFeed.Number(v)} % of REO");
        foreach (var d in f.Derived)
            w.WriteLine($"  {d.Key} in the reference data (derived there, for comparison): {d.Display}");
        w.WriteLine();

        if (f.Unusable is { } why)
        {
            w.WriteLine($"Cannot make a composition: {why}.");
            return;
        }
        if (f.Basis == FeedBasis.GramsPerLitre)
            w.WriteLine("Without a total the feed has the measured concentrations: "
                + string.Join(", ", f.MeasuredConcentrations()!.Select(kv => $"{kv.Key} {Value(kv.Value)} mol/L")) + ".");
        w.WriteLine("Paste into a flowsheet (give one of total-oxide or total-rare-earth; oxide-percent: { … } replaces single elements):");
        foreach (var line in LibrarySnippets.Feed(f)!.TrimEnd('\n').Split('\n')) w.WriteLine($"  {line}");
    }
}
