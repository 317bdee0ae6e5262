using System.Text;
using SxCascade.IO;
using SxCascade.Results;

namespace SxCascade.Cli;

/// <summary>
/// The files of <c>run --out DIR</c>, written all or nothing: everything goes into a hidden staging
/// directory beside DIR first, and only when every file is complete is it moved into place. A new
/// DIR is the staging directory renamed; an existing DIR keeps its other files and gets ours
/// replaced one by one (each by a rename, so no file is ever half-written).
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
    public static string? Problem(string directory)
    {
        if (string.IsNullOrWhiteSpace(directory)) return "--out needs a directory name";
        if (File.Exists(directory)) return $"--out {directory}: a file of that name exists; give a directory";
        if (Path.GetDirectoryName(Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory))) is null)
            return $"--out {directory}: give a directory below the root";
        return null;
    }

    /// <summary>
    /// Writes stages.csv, streams.csv, summary.json and the stage-profile figures of
    /// <paramref name="result"/> into <paramref name="directory"/> (created with its parents if missing).
    /// </summary>
    /// <returns>The paths written, under <paramref name="directory"/> as given.</returns>
    /// <exception cref="IOException">A file could not be written; <paramref name="directory"/> is unchanged.</exception>
    /// <exception cref="UnauthorizedAccessException">No permission; <paramref name="directory"/> is unchanged.</exception>
    public static IReadOnlyList<string> Write(string directory, FlowsheetResult result)
    {
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        string parent = Path.GetDirectoryName(target)
            ?? throw new IOException($"'{directory}' has no parent directory to stage the output in");
        Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(target)}.sxcascade-{Guid.NewGuid():N}");
        Directory.CreateDirectory(staging);
        try
        {
            WriteText(Path.Combine(staging, StagesFile), w => ResultCsvWriter.WriteStages(result, w));
            WriteText(Path.Combine(staging, StreamsFile), w => ResultCsvWriter.WriteStreams(result, w));
            using (var json = File.Create(Path.Combine(staging, SummaryFile)))
                ResultJsonWriter.Write(result, json);
            var figures = ProfilePlot.Save(result, staging);

            var names = new List<string> { StagesFile, StreamsFile, SummaryFile };
            names.AddRange(figures.Select(f => Path.GetFileName(f)));
            if (Directory.Exists(target))
            {
                foreach (var name in names)
                    File.Move(Path.Combine(staging, name), Path.Combine(target, name), overwrite: true);
            }
            else
            {
                Directory.Move(staging, target);
            }
            return names.Select(n => Path.Combine(directory, n)).ToList();
        }
        finally
        {
            if (Directory.Exists(staging)) Directory.Delete(staging, recursive: true);
        }
    }

    private static void WriteText(string path, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(path, append: false, Utf8) { NewLine = "\n" };
        write(writer);
    }
}
