using System.Text;
using SxCascade.IO;
using SxCascade.Results;

namespace SxCascade.Cli;

/// <summary>
/// The files of <c>run --out DIR</c>, written all or nothing (<see cref="StagedOutput"/>): everything
/// goes into a hidden staging directory beside DIR first, and only when every file is complete is it
/// moved into place. A new DIR is the staging directory renamed; an existing DIR keeps its other
/// files and gets ours replaced one by one (each by a rename, so no file is ever half-written).
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
        using var staged = new StagedOutput();
        staged.Directory(directory, staging =>
        {
            WriteText(Path.Combine(staging, StagesFile), w => ResultCsvWriter.WriteStages(result, w));
            WriteText(Path.Combine(staging, StreamsFile), w => ResultCsvWriter.WriteStreams(result, w));
            using (var json = File.Create(Path.Combine(staging, SummaryFile)))
                ResultJsonWriter.Write(result, json);
            var figures = ProfilePlot.Save(result, staging);
            return [StagesFile, StreamsFile, SummaryFile, .. figures.Select(f => Path.GetFileName(f))];
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

/// <summary>
/// Output files and directories written all or nothing (<c>run --out</c>, <c>design --write --out</c>):
/// each is first written in full to a hidden staging place beside its target
/// (<c>.NAME.sxcascade-…</c>), and <see cref="Commit"/> moves everything into place only when all of
/// it is complete. A new directory is its staging directory renamed; an existing one keeps its
/// other files and gets ours replaced one by one, each by a rename, so no file is ever half-written.
/// Disposing removes whatever was staged and not committed.
/// </summary>
internal sealed class StagedOutput : IDisposable
{
    private readonly List<Item> items = [];

    /// <summary>One staged target: a file (<see cref="Names"/> null) or a directory with the file names written into it.</summary>
    private sealed record Item(string Shown, string Target, string Staging, IReadOnlyList<string>? Names);

    /// <summary>
    /// Stages the file <paramref name="path"/>: <paramref name="write"/> gets the staging path beside
    /// it (its directory is created if missing) and writes the whole file there.
    /// </summary>
    public void File(string path, Action<string> write)
    {
        string target = Path.GetFullPath(path);
        string parent = Path.GetDirectoryName(target) ?? throw new IOException($"'{path}' has no directory");
        System.IO.Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(target)}.sxcascade-{Guid.NewGuid():N}");
        items.Add(new Item(path, target, staging, null));
        write(staging);
    }

    /// <summary>
    /// Stages files for <paramref name="directory"/>: <paramref name="write"/> gets a fresh staging
    /// directory beside it (the parents are created if missing), writes the files there and returns
    /// their names, in the order they are to be listed.
    /// </summary>
    public void Directory(string directory, Func<string, IEnumerable<string>> write)
    {
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(directory));
        string parent = Path.GetDirectoryName(target)
            ?? throw new IOException($"'{directory}' has no parent directory to stage the output in");
        System.IO.Directory.CreateDirectory(parent);
        string staging = Path.Combine(parent, $".{Path.GetFileName(target)}.sxcascade-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(staging);
        var item = new Item(directory, target, staging, []);
        items.Add(item);
        items[^1] = item with { Names = write(staging).ToList() };
    }

    /// <summary>Moves everything staged into place, in the order staged.</summary>
    /// <returns>The paths written, as given (directory files under the directory as given).</returns>
    public IReadOnlyList<string> Commit()
    {
        var written = new List<string>();
        foreach (var item in items)
        {
            if (item.Names is null)
            {
                System.IO.File.Move(item.Staging, item.Target, overwrite: true);
                written.Add(item.Shown);
                continue;
            }
            if (System.IO.Directory.Exists(item.Target))
            {
                foreach (var name in item.Names)
                    System.IO.File.Move(Path.Combine(item.Staging, name), Path.Combine(item.Target, name), overwrite: true);
            }
            else
            {
                System.IO.Directory.Move(item.Staging, item.Target);
            }
            written.AddRange(item.Names.Select(n => Path.Combine(item.Shown, n)));
        }
        return written;
    }

    /// <summary>Removes every staging file and directory still there (all of them unless committed).</summary>
    public void Dispose()
    {
        foreach (var item in items)
        {
            try
            {
                if (item.Names is null)
                {
                    if (System.IO.File.Exists(item.Staging)) System.IO.File.Delete(item.Staging);
                }
                else if (System.IO.Directory.Exists(item.Staging))
                {
                    System.IO.Directory.Delete(item.Staging, recursive: true);
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // a leftover hidden staging entry is harmless; the error that brought us here matters more
            }
        }
    }
}
