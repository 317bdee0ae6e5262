using System.Diagnostics;
using System.Globalization;
using System.Text;
using CsvHelper;
using SxCascade.Sweeps;

namespace SxCascade.IO;

/// <summary>
/// The row store of a sweep folder: <c>journal.csv</c>, one CSV line per finished case, appended
/// in the order the cases finish, beside <c>manifest.json</c> (<see cref="SweepManifest"/>).
/// </summary>
/// <remarks>
/// Why no row is lost or torn when the process is killed (SIGKILL) at any moment:
/// <list type="bullet">
/// <item>The folder starts complete: the manifest and the journal's header line are written to
/// temporary files, flushed to disk and renamed in (the journal first), so a folder with a
/// manifest always has a journal with a header. No row is written before.</item>
/// <item>A row is one line (a reason's line breaks become spaces), formatted in memory and
/// written with one write call ending in its '\n'; once that call returns the row is in the
/// kernel's page cache and survives the process. The journal is flushed to disk (fsync) at most a
/// second after a row and when the sweep ends, so a power cut loses at most that second.</item>
/// <item>A kill inside the write call can leave only the start of a line: a last line without
/// its '\n'. <see cref="Open"/> (resuming) cuts it off before appending, and every reader
/// (<see cref="ReadLines"/>) ignores it; the case is solved again.</item>
/// <item>A resumed sweep writes only the cases that have no complete line, so no case appears twice.</item>
/// <item>The journal is opened for writing with an exclusive lock, so two processes never append to one folder.</item>
/// </list>
/// </remarks>
public sealed class SweepJournal : IDisposable
{
    /// <summary>The journal's file name in a sweep folder.</summary>
    public const string FileName = "journal.csv";

    private static readonly CsvWriterOptions Options = CsvWriterOptions.Default with
    {
        NewLine = "\n",
        FormatProvider = CultureInfo.InvariantCulture,
        TrueValue = "true",
        FalseValue = "false",
    };

    private readonly FileStream stream;
    private readonly StringWriter text = new(CultureInfo.InvariantCulture);
    private readonly CsvWriter csv;
    private readonly object gate = new();
    private readonly Stopwatch sinceSync = Stopwatch.StartNew();
    private bool unsynced;

    /// <summary>The cases that have a complete row (read when opened, then each appended one).</summary>
    public HashSet<int> Done { get; }

    private SweepJournal(FileStream stream, HashSet<int> done)
    {
        this.stream = stream;
        Done = done;
        csv = CsvWriter.Create(text, Options, leaveOpen: true);
    }

    /// <summary>The header line of a journal (and of rows.csv) with <paramref name="columns"/>.</summary>
    public static string Header(IReadOnlyList<string> columns)
    {
        using var w = new StringWriter(CultureInfo.InvariantCulture);
        using (var c = CsvWriter.Create(w, Options, leaveOpen: true))
        {
            foreach (var name in columns) c.WriteField(name);
            c.EndRecord();
        }
        return w.ToString();
    }

    /// <summary>The columns of a sweep's rows: case, each axis path, status, reason, iterations, specs_met, then the metrics.</summary>
    public static IReadOnlyList<string> Columns(IReadOnlyList<SweepAxis> axes, SweepMetrics metrics) =>
        ["case", .. axes.Select(a => a.Path), "status", "reason", "iterations", "specs_met", .. metrics.Names];

    /// <summary>Starts a new sweep folder (created if missing): manifest and journal header, both complete on disk before this returns.</summary>
    public static SweepJournal Create(string folder, SweepManifest manifest)
    {
        Directory.CreateDirectory(folder);
        string journal = Path.Combine(folder, FileName), manifestPath = Path.Combine(folder, SweepManifest.FileName);
        WriteDurably(journal + ".tmp", Encoding.UTF8.GetBytes(Header(manifest.Columns)));
        WriteDurably(manifestPath + ".tmp", manifest.ToJson());
        File.Move(journal + ".tmp", journal, overwrite: true);
        File.Move(manifestPath + ".tmp", manifestPath, overwrite: true);
        return Open(folder).Journal!;
    }

    /// <summary>
    /// Opens an existing sweep folder's journal to append to it (resuming): cuts off a torn last line
    /// and reads which cases are done. Returns why not instead (no journal, in use by another process,
    /// a line that is not a row of this sweep).
    /// </summary>
    public static (SweepJournal? Journal, string? Problem) Open(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return (null, $"{folder} holds no {FileName}");
        FileStream stream;
        try
        {
            stream = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.Read, bufferSize: 0);
        }
        catch (IOException e)
        {
            return (null, $"cannot open {path} for writing; is another sweep writing to {folder}? ({e.Message})");
        }
        var bytes = new byte[stream.Length];
        stream.ReadExactly(bytes);
        int end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        if (end < bytes.Length)
        {
            stream.SetLength(end);
            stream.Flush(flushToDisk: true);
        }
        stream.Seek(end, SeekOrigin.Begin);
        var (lines, problem) = Lines(bytes.AsSpan(0, end), path);
        if (problem is not null)
        {
            stream.Dispose();
            return (null, problem);
        }
        return (new SweepJournal(stream, lines!.Select(l => l.Case).ToHashSet()), null);
    }

    /// <summary>
    /// The complete rows of the journal in <paramref name="folder"/> as (case, line without '\n'), in
    /// file order; a torn last line is left out. Returns why not instead (a duplicate case, a bad line).
    /// </summary>
    public static (List<(int Case, string Line)>? Lines, string? Problem) ReadLines(string folder)
    {
        var path = Path.Combine(folder, FileName);
        if (!File.Exists(path)) return (null, $"{folder} holds no {FileName}");
        byte[] bytes;
        using (var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)) 
        {
            bytes = new byte[s.Length];
            s.ReadExactly(bytes);
        }
        int end = Array.LastIndexOf(bytes, (byte)'\n') + 1;
        return Lines(bytes.AsSpan(0, end), path);
    }

    private static (List<(int Case, string Line)>? Lines, string? Problem) Lines(ReadOnlySpan<byte> complete, string path)
    {
        var all = Encoding.UTF8.GetString(complete).Split('\n');
        var result = new List<(int, string)>();
        var seen = new HashSet<int>();
        // all[0] is the header, the last item is the empty text after the last '\n'
        for (int i = 1; i < all.Length - 1; i++)
        {
            var line = all[i];
            int comma = line.IndexOf(',');
            if (comma <= 0 || !int.TryParse(line.AsSpan(0, comma), NumberStyles.None, CultureInfo.InvariantCulture, out int k))
                return (null, $"{path}:{i + 1}:1: not a row of a sweep (it should start with the case number)");
            if (!seen.Add(k)) return (null, $"{path}:{i + 1}:1: case {k} appears twice");
            result.Add((k, line));
        }
        return (result, null);
    }

    /// <summary>Appends <paramref name="row"/> as one line (thread-safe); flushes to disk if the last flush is a second old.</summary>
    public void Append(SweepRow row)
    {
        lock (gate)
        {
            var sb = text.GetStringBuilder();
            sb.Clear();
            Format(csv, row);
            csv.Flush();
            var bytes = Encoding.UTF8.GetBytes(sb.ToString());
            stream.Write(bytes);
            Done.Add(row.Case);
            unsynced = true;
            if (sinceSync.ElapsedMilliseconds >= 1000) Sync();
        }
    }

    /// <summary>Flushes the journal to disk.</summary>
    public void Sync()
    {
        lock (gate)
        {
            if (unsynced) stream.Flush(flushToDisk: true);
            unsynced = false;
            sinceSync.Restart();
        }
    }

    private static void Format(CsvWriter w, SweepRow row)
    {
        w.WriteField(row.Case);
        foreach (var v in row.Values) w.WriteField(v);
        w.WriteField(row.Status);
        w.WriteField(SweepMetrics.OneLine(row.Reason));
        w.WriteField(row.Iterations);
        w.WriteField(row.SpecsMet);
        foreach (var m in row.Metrics)
        {
            if (double.IsNaN(m)) w.WriteField("");
            else w.WriteField(m);
        }
        w.EndRecord();
    }

    /// <summary>Writes a whole file and flushes it to disk.</summary>
    internal static void WriteDurably(string path, byte[] bytes)
    {
        using var s = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None);
        s.Write(bytes);
        s.Flush(flushToDisk: true);
    }

    /// <inheritdoc />
    public void Dispose()
    {
        Sync();
        csv.Dispose();
        stream.Dispose();
    }
}
