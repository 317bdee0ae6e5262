using SxCascade.IO.Documents;

namespace SxCascade.IO;

/// <summary>
/// The built-in library as JSON ("sxcascade-library/1", <see cref="LibraryDocument"/>), for
/// <c>sxcascade systems --json</c> and <c>feeds --json</c>.
/// </summary>
public static class LibraryJsonWriter
{
    /// <summary>Format tag written as "format".</summary>
    public const string Format = LibraryDocument.FormatTag;

    /// <summary>The given systems (all details) as a document { format, systems: [...] }.</summary>
    public static string Systems(IEnumerable<LibrarySystem> systems) =>
        DocumentJson.ToJson(new LibraryDocument { Systems = systems.Select(LibrarySystemEntry.From).ToList() });

    /// <summary>The given feeds (all details) as a document { format, feeds: [...] }.</summary>
    public static string Feeds(IEnumerable<LibraryFeed> feeds) =>
        DocumentJson.ToJson(new LibraryDocument { Feeds = feeds.Select(LibraryFeedEntry.From).ToList() });

    /// <summary>Reads either document back; <see cref="System.Text.Json.JsonException"/> when the text is not one.</summary>
    public static LibraryDocument Read(string json) => DocumentJson.Read<LibraryDocument>(json);
}
