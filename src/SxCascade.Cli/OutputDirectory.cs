using System.Text;
using SxCascade.IO;
using SxCascade.Results;

namespace SxCascade.Cli;

/// <summary>
/// The files of <c>run --out DIR</c>, written all or nothing through <see cref="OutputTransaction"/>:
/// DIR becomes a complete new directory (these files and the other entries DIR held) in one rename.
/// </summary>
internal static class OutputDirectory
{
    /// <summary>Stage profile table.</summary>
    public const string StagesFile = "stages.csv";

    /// <summary>Stream table.</summary>
    public const string StreamsFile = "streams.csv";

    /// <summary>The result document (the same as <c>run --json</c>).</summary>
    public const string SummaryFile = "summary.json";

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>
    /// The problem with <paramref name="directory"/> as an output directory, known before solving,
    /// or null when it can be used.
    /// </summary>
    public static string? Problem(string directory) =>
        OutputTransaction.Problems(new OutputTransaction.Target("--out", directory, IsDirectory: true)).FirstOrDefault();

    /// <summary>
    /// Writes stages.csv, streams.csv, summary.json and the stage-profile figures of
    /// <paramref name="result"/> into <paramref name="directory"/> (created with its parents if missing).
    /// </summary>
    /// <param name="directory">DIR.</param>
    /// <param name="result">The solved flowsheet.</param>
    /// <param name="notes">Where notes of the transaction go.</param>
    /// <param name="figures">Figure options; null for the defaults.</param>
    /// <returns>The paths written, under <paramref name="directory"/> as given.</returns>
    /// <exception cref="OutputException">A file could not be written; <paramref name="directory"/> is unchanged.</exception>
    public static IReadOnlyList<string> Write(string directory, FlowsheetResult result, TextWriter notes, FigureRequest? figures = null)
    {
        var staged = new OutputTransaction(notes);
        staged.Directory(directory, staging =>
        {
            WriteText(Path.Combine(staging, StagesFile), w => ResultCsvWriter.WriteStages(result, w));
            WriteText(Path.Combine(staging, StreamsFile), w => ResultCsvWriter.WriteStreams(result, w));
            using (var json = File.Create(Path.Combine(staging, SummaryFile)))
                ResultJsonWriter.Write(result, json);
            var drawn = ProfilePlot.Save(result, staging, figures ?? FigureRequest.None);
            return [StagesFile, StreamsFile, SummaryFile, .. drawn.Select(f => Path.GetFileName(f))];
        });
        return staged.Commit();
    }

    /// <summary>Writes a UTF-8 text file (no byte-order mark, "\n" line ends) through <paramref name="write"/>.</summary>
    public static void WriteText(string path, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(path, append: false, Utf8) { NewLine = "\n" };
        write(writer);
    }
}
