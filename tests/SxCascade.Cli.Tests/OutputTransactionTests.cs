using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// <see cref="OutputTransaction"/>: several outputs of one command written all or nothing, a failure
/// at any step undone, a crash at any step finished or undone by the next transaction beside it, and
/// special files refused before anything is computed.
/// </summary>
public sealed class OutputTransactionTests : IDisposable
{
    private readonly string parent = FreshTempPath();
    private readonly string dir, file;

    public OutputTransactionTests()
    {
        Directory.CreateDirectory(parent);
        (dir, file) = (Path.Combine(parent, "out"), Path.Combine(parent, "report.txt"));
    }

    public void Dispose()
    {
        OutputTransaction.Fault.Value = null;
        OutputTransaction.WithoutExchange.Value = false;
        if (Directory.Exists(parent)) Directory.Delete(parent, recursive: true);
    }

    /// <summary>A previous run: out/ with a.txt, b.txt and a file of the user's (notes.txt, sub/keep.txt); report.txt.</summary>
    private void Previous()
    {
        Directory.CreateDirectory(Path.Combine(dir, "sub"));
        File.WriteAllText(Path.Combine(dir, "a.txt"), "old a");
        File.WriteAllText(Path.Combine(dir, "b.txt"), "old b");
        File.WriteAllText(Path.Combine(dir, "notes.txt"), "mine");
        File.WriteAllText(Path.Combine(dir, "sub", "keep.txt"), "mine too");
        File.WriteAllText(file, "old report");
    }

    /// <summary>A transaction writing version <paramref name="v"/> of out/ (a.txt, b.txt) and report.txt, in that order.</summary>
    private static OutputTransaction Version(string v, string dir, string file, TextWriter? notes = null)
    {
        var tx = new OutputTransaction(notes ?? TextWriter.Null);
        tx.Directory(dir, staging =>
        {
            File.WriteAllText(Path.Combine(staging, "a.txt"), $"{v} a");
            File.WriteAllText(Path.Combine(staging, "b.txt"), $"{v} b");
            return ["a.txt", "b.txt"];
        });
        tx.File(file, path => File.WriteAllText(path, $"{v} report"));
        return tx;
    }

    /// <summary>"old" or "new" when every output is that version, whole; anything else is a failure.</summary>
    private string State()
    {
        string a = File.ReadAllText(Path.Combine(dir, "a.txt")), b = File.ReadAllText(Path.Combine(dir, "b.txt"));
        string report = File.ReadAllText(file);
        string v = a.Split(' ')[0];
        Assert.Equal([$"{v} a", $"{v} b", $"{v} report"], new[] { a, b, report });
        // the user's files are there in either version
        Assert.Equal("mine", File.ReadAllText(Path.Combine(dir, "notes.txt")));
        Assert.Equal("mine too", File.ReadAllText(Path.Combine(dir, "sub", "keep.txt")));
        return v;
    }

    /// <summary>Nothing but the two targets beside them, and no marker inside the directory.</summary>
    private void NoLeftovers()
    {
        Assert.Equal(new[] { dir, file }.Order(), Directory.GetFileSystemEntries(parent).Order());
        Assert.Equal(new[] { "a.txt", "b.txt", "notes.txt", "sub" }, Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Commit_puts_everything_in_place_keeps_other_entries_and_lists_what_it_wrote()
    {
        Previous();
        File.CreateSymbolicLink(Path.Combine(dir, "sub", "link"), "keep.txt");

        var written = Version("new", dir, file).Commit();

        Assert.Equal([Path.Combine(dir, "a.txt"), Path.Combine(dir, "b.txt"), file], written);
        Assert.Equal("new", State());
        // the link came over as a link, not as a copy of what it points to
        Assert.Equal("keep.txt", new FileInfo(Path.Combine(dir, "sub", "link")).LinkTarget);
        File.Delete(Path.Combine(dir, "sub", "link"));
        NoLeftovers();
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public void The_new_directory_has_the_permissions_and_the_owner_of_the_old_one()
    {
        Previous();
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute;
        File.SetUnixFileMode(dir, mode);
        File.SetUnixFileMode(Path.Combine(dir, "sub"), UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        bool root = Owner(parent) == "0:0";
        // as root, the directory of another user stays theirs
        if (root) Assert.Equal(0, chown(dir, 1234, 5678));

        Version("new", dir, file).Commit();

        Assert.Equal("new", State());
        Assert.Equal(mode, File.GetUnixFileMode(dir));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute, File.GetUnixFileMode(Path.Combine(dir, "sub")));
        Assert.Equal(root ? "1234:5678" : Owner(parent), Owner(dir));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int chown(string path, uint owner, uint group);

    private static string Owner(string path)
    {
        using var stat = System.Diagnostics.Process.Start(new System.Diagnostics.ProcessStartInfo("stat", ["-c", "%u:%g", path]) { RedirectStandardOutput = true })!;
        string owner = stat.StandardOutput.ReadToEnd().Trim();
        stat.WaitForExit();
        return owner;
    }

    [Fact]
    public void A_failure_while_staging_the_second_output_changes_nothing()
    {
        Previous();
        var tx = Version("new", dir, file);
        tx.File(Path.Combine(parent, "third.txt"), _ => throw new IOException("disk full (simulated)"));

        var e = Assert.Throws<OutputException>(() => tx.Commit());

        Assert.StartsWith("disk full (simulated); nothing was changed (", e.Message);
        Assert.Equal("old", State());
        NoLeftovers();
    }

    [Theory]
    [InlineData("commit " + "DIR")]   // the directory fails: nothing was in yet
    [InlineData("commit " + "FILE")]  // the file fails after the directory was exchanged: the directory is put back
    [InlineData("done")]              // both are in, the journal cannot be marked: both are put back
    public void A_failure_at_a_commit_step_puts_back_what_was_already_in(string step)
    {
        Previous();
        step = step.Replace("DIR", dir, StringComparison.Ordinal).Replace("FILE", file, StringComparison.Ordinal);
        OutputTransaction.Fault.Value = s => { if (s == step) throw new IOException($"failed at {s} (simulated)"); };

        var e = Assert.Throws<OutputException>(() => Version("new", dir, file).Commit());

        Assert.Contains("nothing was changed", e.Message);
        Assert.Equal("old", State());
        NoLeftovers();
    }

    [Fact]
    public void A_failure_between_the_renames_of_a_directory_renamed_aside_puts_it_back()
    {
        Previous();
        OutputTransaction.WithoutExchange.Value = true;
        OutputTransaction.Fault.Value = s => { if (s == $"aside {dir}") throw new IOException("simulated"); };

        var e = Assert.Throws<OutputException>(() => Version("new", dir, file).Commit());

        Assert.Contains("nothing was changed", e.Message);
        Assert.Equal("old", State());
        NoLeftovers();
    }

    [Fact]
    public void A_failure_on_new_targets_removes_what_was_already_in_and_the_directories_made_for_them()
    {
        string deep = Path.Combine(parent, "made", "for", "it");
        OutputTransaction.Fault.Value = s => { if (s == $"commit {file}") throw new IOException("simulated"); };

        Assert.Throws<OutputException>(() => Version("new", Path.Combine(deep, "out"), file).Commit());

        Assert.Empty(Directory.GetFileSystemEntries(parent));
    }

    /// <summary>
    /// A crash (no undo, no clean-up, as SIGKILL) at each step in turn: the outputs are each whole
    /// at once; the next transaction beside them first finishes the crashed one (crash after "done")
    /// or undoes it (before), so that all outputs are one version, and removes every leftover.
    /// </summary>
    [Theory]
    [InlineData(false)]
    [InlineData(true)] // the old directory renamed aside, then the new one in: two steps
    public void A_crash_at_any_step_is_finished_or_undone_by_the_next_transaction(bool withoutExchange)
    {
        OutputTransaction.WithoutExchange.Value = withoutExchange;
        var steps = new List<string>();
        Previous();
        OutputTransaction.Fault.Value = steps.Add;
        Version("new", dir, file).Commit();
        // journal, stage out, stage report, commit out (aside: between its two renames), commit report, done, clean-up
        Assert.Equal(["journal", $"stage {dir}", $"stage {file}", $"commit {dir}", .. withoutExchange ? [$"aside {dir}"] : Array.Empty<string>(),
            $"commit {file}", "done", "clean-up"], steps);

        foreach (var crashAt in steps)
        {
            Directory.Delete(dir, recursive: true);
            File.Delete(file);
            Previous();
            OutputTransaction.Fault.Value = s => { if (s == crashAt) throw new OutputTransaction.SimulatedCrash(s); };
            Assert.Throws<OutputTransaction.SimulatedCrash>(() => Version("new", dir, file).Commit());
            // each output is whole right after the crash: the directory is exchanged in one rename
            // (or, renamed aside, missing until the next transaction puts it back)
            if (crashAt == $"aside {dir}") Assert.False(Directory.Exists(dir));
            else Assert.Equal(crashAt is "done" or "clean-up" || crashAt == $"commit {file}" ? "new" : "old",
                File.ReadAllText(Path.Combine(dir, "a.txt")).Split(' ')[0]);

            // the next one stops at its first step, right after it dealt with the leftovers
            using var notes = new StringWriter();
            OutputTransaction.Fault.Value = s => { if (s == "journal") throw new OutputTransaction.SimulatedCrash(s); };
            Assert.Throws<OutputTransaction.SimulatedCrash>(() => Version("next", dir, file, notes).Commit());

            Assert.Equal(crashAt == "clean-up" ? "new" : "old", State());
            NoLeftovers();
            // a crash before the journals leaves nothing to recover; any later one is reported
            if (crashAt != "journal") Assert.Contains("was interrupted", notes.ToString());
        }
    }

    [Fact]
    public void A_transaction_running_in_this_process_is_not_taken_for_a_leftover()
    {
        Previous();
        string other = Path.Combine(parent, "other.txt");
        // while the first is between its commits, a second one writes beside it
        OutputTransaction.Fault.Value = s =>
        {
            if (s != $"commit {file}") return;
            OutputTransaction.Fault.Value = null;
            var second = new OutputTransaction(TextWriter.Null);
            second.File(other, path => File.WriteAllText(path, "other"));
            second.Commit();
        };

        Version("new", dir, file).Commit();

        Assert.Equal("new", State());
        Assert.Equal("other", File.ReadAllText(other));
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int mkfifo(string path, uint mode);

    public static TheoryData<string, string, bool, string> SpecialFiles() => new()
    {
        { "fifo", "--report", false, "is a named pipe (FIFO); give a regular file" },
        { "symlink", "--report", false, "is a symbolic link (to " },
        { "/dev/null", "--report", false, "/dev/null is a character device; give a regular file" },
        { "directory", "--report", false, "is a directory; give a regular file" },
        { "fifo", "--out", true, "is a named pipe (FIFO); give a directory" },
        { "symlink", "--out", true, "is a symbolic link (to " },
        { "file", "--out", true, "is a file; give a directory" },
        { "below-file", "--out", true, "is a file, so no directory can be made below it" },
    };

    [Theory]
    [MemberData(nameof(SpecialFiles))]
    public void Special_files_and_the_wrong_kind_of_entry_are_refused_before_anything_is_computed(string what, string option, bool isDirectory, string message)
    {
        string path = what switch
        {
            "/dev/null" => "/dev/null",
            "below-file" => Path.Combine(parent, "file", "out"),
            _ => Path.Combine(parent, what),
        };
        switch (what)
        {
            case "fifo": Assert.Equal(0, mkfifo(path, 0x1B6)); break; // 0666
            case "symlink": Directory.CreateDirectory(Path.Combine(parent, "target")); File.CreateSymbolicLink(path, Path.Combine(parent, "target")); break;
            case "directory": Directory.CreateDirectory(path); break;
            case "file": File.WriteAllText(path, "x"); break;
            case "below-file": File.WriteAllText(Path.Combine(parent, "file"), "x"); break;
        }
        var before = Directory.GetFileSystemEntries(parent, "*", SearchOption.AllDirectories).Order().ToList();

        Assert.Contains(message, Assert.Single(OutputTransaction.Problems(new OutputTransaction.Target(option, path, isDirectory))));
        // through the command: exit 2 before the flowsheets are even read (they do not exist)
        var run = option == "--out"
            ? Run("compare", Path.Combine(parent, "missing.yaml"), "--out", path)
            : Run("compare", Path.Combine(parent, "missing.yaml"), "--report", path);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains(message, run.Stderr);
        Assert.DoesNotContain("missing.yaml", run.Stderr);
        NoStackTrace(run.Stderr);
        Assert.Equal(before, Directory.GetFileSystemEntries(parent, "*", SearchOption.AllDirectories).Order());
    }

    [Fact]
    public void A_mount_point_as_out_is_refused_before_anything_is_computed()
    {
        // a file system mounted below the root, e.g. /dev/pts or /dev/shm (field 5 of mountinfo: the mount point)
        string mount = File.ReadAllLines("/proc/self/mountinfo").Select(l => l.Split(' ')[4])
            .First(m => (m.StartsWith("/dev/", StringComparison.Ordinal) || m.StartsWith("/sys/", StringComparison.Ordinal)) && Directory.Exists(m));

        var run = Run("compare", Path.Combine(parent, "missing.yaml"), "--out", mount);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains($"--out {mount} is a mount point, which cannot be replaced by a rename", run.Stderr);
        Assert.Contains($"give a directory inside it (e.g. {mount}/results)", run.Stderr);
        // an ordinary directory is not one
        Assert.Empty(OutputTransaction.Problems(new OutputTransaction.Target("--out", parent, true)));
    }

    [Fact]
    public void Outputs_that_overlap_are_refused()
    {
        Assert.Contains("--report and --out both name", Assert.Single(OutputTransaction.Problems(new("--report", dir, false), new("--out", dir, true))));
        Assert.Contains("is inside --out", Assert.Single(OutputTransaction.Problems(new("--write", Path.Combine(dir, "x.yaml"), false), new("--out", dir, true))));
        Assert.Contains("holds the current directory", Assert.Single(OutputTransaction.Problems(new OutputTransaction.Target("--out", ".", true))));
        Assert.Empty(OutputTransaction.Problems(new("--write", file, false), new("--out", dir, true), new("--yaml", null, false)));
    }

    [Fact]
    public void Compare_report_failing_after_out_was_committed_puts_out_back()
    {
        Previous();
        OutputTransaction.Fault.Value = s => { if (s == $"commit {file}") throw new IOException("no space left on device (simulated)"); };

        var run = Run("compare", Flowsheet("prnd-p507.yaml"), "--sweep", "0", "--out", dir, "--report", file);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains($"sxcascade: cannot write the comparison: no space left on device (simulated); nothing was changed ({dir}, {file} as before, "
            + "the outputs already in place were put back)", run.Stderr);
        Assert.Equal("old", State());
        NoLeftovers();
    }

    [Fact]
    public void Fit_out_failing_after_yaml_was_committed_puts_the_yaml_back()
    {
        Previous();
        OutputTransaction.Fault.Value = s => { if (s == $"commit {dir}") throw new IOException("simulated"); };

        var run = Run("fit", ExampleData(), "--write", file, "--out", dir);

        Assert.True(run.Code == 2, run.ToString());
        Assert.Contains("nothing was changed", run.Stderr);
        Assert.Equal("old", State());
        NoLeftovers();
    }

    /// <summary>flowsheets/data/shake-test-example.csv in the source tree this test was compiled from.</summary>
    private static string ExampleData([CallerFilePath] string source = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(source)!, "..", "..", "flowsheets", "data", "shake-test-example.csv"));
}
