using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// <c>run --out DIR</c> killed (SIGKILL) at random moments, for real: after each kill DIR holds one
/// whole run, the previous one or the new one, never a mix or a torn file; the next run cleans up.
/// </summary>
public sealed class KillDuringWriteTests : IDisposable
{
    private static readonly string[] Files = ["notes.txt", "stage-profile.png", "stage-profile.svg", "stages.csv", "streams.csv", "summary.json"];

    private readonly string parent = FreshTempPath();
    private readonly string dir;

    public KillDuringWriteTests() => dir = Path.Combine(parent, "prnd");

    public void Dispose()
    {
        if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
    }

    [Fact]
    public void A_run_killed_at_random_moments_leaves_one_whole_run_in_its_directory()
    {
        // the previous run has 30 scrub stages (20 + 30 + 6 = 56 in all), the killed ones the file's 32 (58)
        string[] previous = ["run", "flowsheets/prnd-p507.yaml", "--out", dir, "--quiet", "--set", "cascades.PrNd.scrub.stages=30"];
        string[] next = ["run", "flowsheets/prnd-p507.yaml", "--out", dir, "--quiet"];
        RunToEnd(previous);
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        // a whole run again, timed: the kills fall within its lifetime, half of them within its writing
        var clock = Stopwatch.StartNew();
        double writing;
        using (var timed = Start(previous))
        {
            double started = WaitForWriting(timed, new HashSet<string>()).TotalMilliseconds;
            timed.WaitForExit();
            writing = clock.Elapsed.TotalMilliseconds - started;
            Assert.Equal(0, timed.ExitCode);
        }
        double lifetime = clock.Elapsed.TotalMilliseconds;
        Assert.Equal(56, WholeRun());

        var random = new Random(20261203);
        var seen = new List<int>();
        for (int k = 0; k < 15; k++)
        {
            var hidden = Directory.GetFileSystemEntries(parent, ".prnd.*").ToHashSet();
            using var process = Start(next);
            if (k % 2 == 0)
            {
                // anywhere in its life
                Thread.Sleep(TimeSpan.FromMilliseconds(random.NextDouble() * 1.2 * lifetime));
            }
            else
            {
                // while it writes: after its first hidden entry appears beside DIR
                WaitForWriting(process, hidden);
                Thread.Sleep(TimeSpan.FromMilliseconds(random.NextDouble() * 1.2 * writing));
            }
            try { process.Kill(); } catch (InvalidOperationException) { } // it may have finished
            process.WaitForExit();
            seen.Add(WholeRun());
        }
        Assert.All(seen, stages => Assert.Contains(stages, new[] { 56, 58 }));

        // a run to the end: the new one in DIR, and nothing of the killed ones left beside or in it
        bool journals = Directory.GetFiles(parent, ".prnd.sxcascade-*.journal").Length > 0;
        string stderr = RunToEnd(next);
        // it says so when it dealt with the journal of a killed run
        Assert.Equal(journals, stderr.Contains($"sxcascade: note: an earlier run writing {dir} was interrupted; ", StringComparison.Ordinal));
        Assert.Equal(58, WholeRun());
        Assert.Equal([dir], Directory.GetFileSystemEntries(parent));
        Assert.Equal(Files, Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
    }

    /// <summary>
    /// The stages in all of the run DIR holds, after checking that its files are complete and agree:
    /// summary.json parses, stages.csv has one row per stage of it, streams.csv one row per stream
    /// with the same concentrations, the figures end as such files end.
    /// </summary>
    private int WholeRun()
    {
        // only the files of one run, and at most the hidden marker of a run that was killed after putting DIR in
        var names = Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order().ToList();
        Assert.Equal(Files, names.Where(n => !n!.StartsWith(".sxcascade-", StringComparison.Ordinal)));
        Assert.True(names.Count <= Files.Length + 1, string.Join(", ", names));
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));

        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "summary.json")));
        var cascade = summary.RootElement.GetProperty("cascades")[0];
        int stages = cascade.GetProperty("extraction_stages").GetInt32() + cascade.GetProperty("scrub_stages").GetInt32()
            + cascade.GetProperty("strip_stages").GetInt32();

        string stagesCsv = File.ReadAllText(Path.Combine(dir, "stages.csv"));
        Assert.EndsWith("\n", stagesCsv);
        var rows = stagesCsv.TrimEnd('\n').Split('\n');
        Assert.Equal(1 + stages, rows.Length);
        Assert.All(rows, r => Assert.Equal(rows[0].Count(c => c == ','), r.Count(c => c == ',')));

        var streams = File.ReadAllText(Path.Combine(dir, "streams.csv")).TrimEnd('\n').Split('\n').Select(l => l.Split(',')).ToList();
        var json = summary.RootElement.GetProperty("streams").EnumerateArray().ToList();
        Assert.Equal(1 + json.Count, streams.Count);
        int cPr = Array.IndexOf(streams[0], "c_Pr [mol/L]");
        foreach (var row in streams.Skip(1))
        {
            var stream = json.Single(s => s.GetProperty("name").GetString() == row[0]);
            Assert.Equal(stream.GetProperty("concentrations").GetProperty("Pr").GetDouble(), double.Parse(row[cPr], CultureInfo.InvariantCulture));
        }

        Assert.EndsWith("</svg>", File.ReadAllText(Path.Combine(dir, "stage-profile.svg")).TrimEnd());
        byte[] png = File.ReadAllBytes(Path.Combine(dir, "stage-profile.png"));
        Assert.Equal("IEND"u8.ToArray(), png[^8..^4]); // the last chunk, then its CRC
        return stages;
    }

    /// <summary>How long until <paramref name="process"/> starts writing (a new hidden entry beside DIR), or ends.</summary>
    private TimeSpan WaitForWriting(Process process, IReadOnlySet<string> before)
    {
        var wait = Stopwatch.StartNew();
        while (!process.HasExited && Directory.GetFileSystemEntries(parent, ".prnd.*").All(before.Contains) && wait.Elapsed.TotalSeconds < 20)
            Thread.Sleep(1);
        return wait.Elapsed;
    }

    /// <summary>Runs sxcascade to its end, exit code 0; returns its stderr.</summary>
    private static string RunToEnd(string[] args)
    {
        using var process = Start(args);
        string stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, stderr);
        return stderr;
    }

    /// <summary>sxcascade.dll (copied next to the test assembly) in its own process, as <see cref="ProcessTests"/> starts it.</summary>
    private static Process Start(string[] args)
    {
        string dll = ExternalProcess.SxcascadeDll;
        var start = new ProcessStartInfo(ExternalProcess.DotnetHost)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = false,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Prepend(dll)) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }
}
