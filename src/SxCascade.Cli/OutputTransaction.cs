using System.Collections.Concurrent;
using System.Runtime.InteropServices;
using System.Text;
using System.Text.RegularExpressions;

namespace SxCascade.Cli;

/// <summary>
/// The output files and directories of one command, written all or nothing: every command that
/// writes files (<c>run --out</c>, <c>design --write --out</c>, <c>compare --out --report</c>,
/// <c>fit --yaml --out</c>) registers them here and calls <see cref="Commit"/> once.
/// </summary>
/// <remarks>
/// <para>How: a journal listing the targets is written beside each target first
/// (<c>.NAME.sxcascade-TX.journal</c>, TX = process id and a random tag), then every output is
/// staged in full beside its target, on the same file system (<c>.NAME.sxcascade-TX.new</c>) and
/// flushed to disk. Then each is committed by one rename: a file replaces its target (the previous
/// version kept as a hard link <c>.NAME.sxcascade-TX.old</c>); a directory is a complete new
/// directory (ours plus the other entries of the old one, hard-linked) exchanged with the old one
/// (<c>renameat2</c> RENAME_EXCHANGE on Linux; elsewhere the old one is renamed aside first). When
/// all are in, the first journal gets the line <c>done</c>, and the previous versions are deleted.
/// If a step fails, every output already committed is put back; a run killed midway leaves its
/// journal, and the next transaction writing beside it finishes it (<c>done</c>) or undoes it.</para>
/// <para>A staged directory holds a marker file <c>.sxcascade-TX.commit</c> until the end: it tells
/// the new directory from the previous one after an exchange.</para>
/// </remarks>
internal sealed class OutputTransaction
{
    /// <summary>An output as given on the command line.</summary>
    /// <param name="Option">The option naming it (<c>--out</c>), for messages.</param>
    /// <param name="Path">The path as given, or null when the option is not used.</param>
    /// <param name="IsDirectory">A directory of files (<c>--out</c>) rather than one file.</param>
    public readonly record struct Target(string Option, string? Path, bool IsDirectory);

    /// <summary>Thrown by a <see cref="Fault"/> hook to stop a transaction as a killed process would: no undo, no clean-up.</summary>
    internal sealed class SimulatedCrash(string step) : Exception($"simulated crash at {step}");

    /// <summary>For tests: called before each step (journal, stage, commit of each target, done, clean-up); may throw.</summary>
    internal static readonly AsyncLocal<Action<string>?> Fault = new();

    /// <summary>For tests: commit directories as where no atomic exchange exists (old one aside, new one in).</summary>
    internal static readonly AsyncLocal<bool> WithoutExchange = new();

    private const string Format = "sxcascade-output-transaction/1";
    private const string Done = "done";
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private static readonly Regex JournalName = new(@"^\.(?<name>.+)\.sxcascade-(?<tx>(?<pid>\d+)-[0-9a-f]{8})\.journal$", RegexOptions.CultureInvariant);

    /// <summary>Transactions of this process still running (tests run several at once in one process).</summary>
    private static readonly ConcurrentDictionary<string, bool> Running = new();

    private readonly string tx = $"{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";
    private readonly List<Item> items = [];
    private readonly TextWriter notes;

    /// <param name="notes">Where to say what was done with the leftovers of an interrupted run (stderr).</param>
    public OutputTransaction(TextWriter notes) => this.notes = notes;

    /// <summary>One output: a file (<see cref="Write"/> writes the staging path) or a directory (writes into it, returns the names).</summary>
    private sealed class Item(string shown, string target, bool isDirectory, Func<string, IReadOnlyList<string>> write)
    {
        public string Shown { get; } = shown;
        public string Target { get; } = target;
        public bool IsDirectory { get; } = isDirectory;
        public Func<string, IReadOnlyList<string>> Write { get; } = write;
        public bool Existed { get; set; }
        public IReadOnlyList<string> Names { get; set; } = [];
    }

    /// <summary>Adds the file <paramref name="path"/>: <paramref name="write"/> gets the staging path and writes the whole file there.</summary>
    public void File(string path, Action<string> write) =>
        items.Add(new Item(path, FullPath(path), false, staging => { write(staging); return []; }));

    /// <summary>
    /// Adds the directory <paramref name="path"/> (created with its parents if missing):
    /// <paramref name="write"/> gets an empty staging directory, writes the files there and returns
    /// their names, in the order they are to be listed. Other entries of an existing directory are kept.
    /// </summary>
    public void Directory(string path, Func<string, IEnumerable<string>> write) =>
        items.Add(new Item(path, FullPath(path), true, staging => write(staging).ToList()));

    /// <summary>Writes everything added, all or nothing.</summary>
    /// <returns>The paths written, as given (a directory's files under the directory as given).</returns>
    /// <exception cref="OutputException">Something could not be written; the message says what, and that nothing was changed (or what was).</exception>
    public IReadOnlyList<string> Commit()
    {
        if (items.Count == 0) return [];
        Running[tx] = true;
        try
        {
            foreach (var parent in items.Select(i => Parent(i.Target)).Distinct()) RecoverLeftovers(parent);
            return CommitAll();
        }
        finally
        {
            Running.TryRemove(tx, out _);
        }
    }

    private IReadOnlyList<string> CommitAll()
    {
        int committed = 0;
        bool journaled = false;
        var created = new List<string>(); // the parent directories made here
        try
        {
            Step("journal");
            foreach (var item in items)
            {
                if (Problem(item.Shown, item.Target, item.IsDirectory) is { } problem) throw new IOException(problem);
                for (string? up = Parent(item.Target); up is not null && Kind(up) == EntryKind.None; up = Path.GetDirectoryName(up))
                    created.Add(up);
                System.IO.Directory.CreateDirectory(Parent(item.Target));
                item.Existed = Kind(item.Target) != EntryKind.None;
            }
            journaled = true; // from here on, what is beside the targets is ours to undo
            string journal = JournalText(items.Select(i => (i.IsDirectory, i.Existed, i.Target)));
            foreach (var item in items) WriteDurably(Name(item.Target, "journal"), journal);

            foreach (var item in items)
            {
                Step($"stage {item.Shown}");
                Stage(item);
            }
            foreach (var item in items)
            {
                Step($"commit {item.Shown}");
                CommitOne(item);
                committed++;
            }
            Step(Done);
            System.IO.File.AppendAllText(Name(items[0].Target, "journal"), Done + "\n", Utf8);
            SyncFile(Name(items[0].Target, "journal"));
        }
        catch (Exception e) when (e is not SimulatedCrash)
        {
            string undo = "";
            try
            {
                if (journaled) Recover(tx, items.Select(i => (i.IsDirectory, i.Existed, i.Target)).ToList(), done: false);
            }
            catch (Exception u) when (u is IOException or UnauthorizedAccessException)
            {
                created.Clear(); // what is left in them may be needed
                undo = $"; undoing it failed too ({u.Message}): look for .NAME.sxcascade-{tx}.* beside "
                    + string.Join(", ", items.Select(i => i.Shown)) + " (the previous versions are the .new directories and .old files)";
            }
            foreach (string made in created.OrderByDescending(d => d.Length)) // the deepest first
            {
                try { System.IO.Directory.Delete(made); }
                catch (Exception d) when (d is IOException or UnauthorizedAccessException) { } // not empty: someone else's now
            }
            string changed = undo.Length > 0
                ? undo
                : $"; nothing was changed ({string.Join(", ", items.Select(i => i.Shown))} as before{(committed > 0 ? ", the outputs already in place were put back" : "")})";
            if (e is not (IOException or UnauthorizedAccessException)) throw; // a fault of ours, not of the file system: shown as such, after the undo
            throw new OutputException(e.Message + changed, e);
        }

        // every output is in: the previous versions go; a failure here leaves only hidden leftovers for the next run
        Step("clean-up");
        try
        {
            Recover(tx, items.Select(i => (i.IsDirectory, i.Existed, i.Target)).ToList(), done: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            notes.WriteLine($"sxcascade: note: the previous outputs could not all be removed ({e.Message}); the next run beside them removes them");
        }
        return items.SelectMany(i => i.IsDirectory ? i.Names.Select(n => Path.Combine(i.Shown, n)) : [i.Shown]).ToList();
    }

    private static void Step(string step) => Fault.Value?.Invoke(step);

    private void Stage(Item item)
    {
        string staging = Name(item.Target, "new");
        if (!item.IsDirectory)
        {
            item.Write(staging);
            SyncFile(staging);
            return;
        }
        System.IO.Directory.CreateDirectory(staging);
        System.IO.File.WriteAllText(Path.Combine(staging, Marker(tx)), "");
        item.Names = item.Write(staging);
        foreach (var name in item.Names) SyncFile(Path.Combine(staging, name));
        if (item.Existed)
        {
            Posix.CopyModeAndOwner(item.Target, staging);
            CarryOver(item.Target, staging, item.Names.ToHashSet(StringComparer.Ordinal), item.Shown);
        }
        Posix.SyncDirectory(staging);
    }

    /// <summary>Hard-links (or copies) every entry of the old directory that we do not replace into the new one.</summary>
    private static void CarryOver(string from, string to, IReadOnlySet<string> ours, string shown)
    {
        foreach (string entry in System.IO.Directory.EnumerateFileSystemEntries(from))
        {
            string name = Path.GetFileName(entry);
            var kind = Kind(entry);
            if (IsMarker(name)) continue;
            if (ours.Contains(name))
            {
                if (kind == EntryKind.Regular) continue;
                throw new IOException($"{Path.Combine(shown, name)} is {Describe(kind)}, where a file of the results is to go; move it away");
            }
            string copy = Path.Combine(to, name);
            if (kind == EntryKind.Directory)
            {
                System.IO.Directory.CreateDirectory(copy);
                Posix.CopyModeAndOwner(entry, copy);
                CarryOver(entry, copy, new HashSet<string>(), Path.Combine(shown, name));
            }
            else if (!Posix.Link(entry, copy))
            {
                if (kind != EntryKind.Regular)
                    throw new IOException($"{Path.Combine(shown, name)} ({Describe(kind)}) cannot be kept: this file system has no hard links");
                System.IO.File.Copy(entry, copy);
            }
        }
    }

    private void CommitOne(Item item)
    {
        string staging = Name(item.Target, "new");
        if (!item.IsDirectory)
        {
            // the previous version stays reachable until the end; the target is never missing
            if (item.Existed && !Posix.Link(item.Target, Name(item.Target, "old")))
                System.IO.File.Copy(item.Target, Name(item.Target, "old"));
            System.IO.File.Move(staging, item.Target, overwrite: true);
        }
        else if (!item.Existed)
        {
            System.IO.Directory.Move(staging, item.Target);
        }
        else if (WithoutExchange.Value || !Posix.Exchange(staging, item.Target))
        {
            // no atomic exchange here: the old one aside, the new one in (a kill between the two is undone by the next run)
            System.IO.Directory.Move(item.Target, Name(item.Target, "old"));
            Step($"aside {item.Shown}");
            System.IO.Directory.Move(staging, item.Target);
        }
        Posix.SyncDirectory(Parent(item.Target));
    }

    /// <summary>
    /// Finishes (<paramref name="done"/>) or undoes the transaction <paramref name="id"/> on its targets,
    /// from whatever state a failure or a kill left: each step is a rename or a delete, and running it
    /// again after an interruption gives the same end state.
    /// </summary>
    private static void Recover(string id, IReadOnlyList<(bool IsDirectory, bool Existed, string Target)> targets, bool done)
    {
        foreach (var (isDirectory, existed, target) in targets)
        {
            string staged = Name(target, "new", id), old = Name(target, "old", id), trash = Name(target, "trash", id);
            if (done)
            {
                if (isDirectory) Delete(Path.Combine(target, Marker(id)));
            }
            else if (isDirectory)
            {
                // ours is the one with the marker; the previous one is at .old (renamed aside) or .new (exchanged)
                if (Kind(Path.Combine(target, Marker(id))) == EntryKind.Regular)
                {
                    Delete(trash);
                    System.IO.Directory.Move(target, trash);
                }
                if (existed && Kind(target) == EntryKind.None)
                {
                    if (Kind(old) == EntryKind.Directory) System.IO.Directory.Move(old, target);
                    else if (Kind(staged) == EntryKind.Directory && Kind(Path.Combine(staged, Marker(id))) == EntryKind.None)
                        System.IO.Directory.Move(staged, target);
                }
            }
            else
            {
                // committed when the staged file is gone and the previous version is kept (or there was none and ours is there)
                bool committed = Kind(staged) == EntryKind.None && (existed ? Kind(old) != EntryKind.None : Kind(target) != EntryKind.None);
                if (committed && existed) System.IO.File.Move(old, target, overwrite: true);
                else if (committed) Delete(target);
            }
            Delete(staged);
            Delete(old);
            Delete(trash);
        }
        // the first journal says "done"; it goes last
        foreach (var (_, _, target) in targets.Reverse()) Delete(Name(target, "journal", id));
        foreach (var parent in targets.Select(t => Parent(t.Target)).Distinct()) Posix.SyncDirectory(parent);
    }

    /// <summary>Finishes or undoes the transactions of processes that are gone, whose journals are in <paramref name="parent"/>.</summary>
    private void RecoverLeftovers(string parent)
    {
        if (!System.IO.Directory.Exists(parent)) return;
        var journals = System.IO.Directory.GetFiles(parent, ".*.sxcascade-*.journal")
            .Select(j => (Path: j, Match: JournalName.Match(Path.GetFileName(j)))).Where(j => j.Match.Success).ToList();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (journal, m) in journals)
        {
            // every target of a transaction has its journal: one is enough (and the others are gone with it)
            string id = m.Groups["tx"].Value;
            if (!seen.Add(id) || Running.ContainsKey(id) || Alive(int.Parse(m.Groups["pid"].Value, System.Globalization.CultureInfo.InvariantCulture))) continue;
            var targets = ReadJournal(journal);
            if (targets is null)
            {
                Delete(journal); // cut short while being written: nothing was staged yet
                continue;
            }
            bool done = System.IO.File.Exists(Name(targets[0].Target, "journal", id))
                && System.IO.File.ReadAllLines(Name(targets[0].Target, "journal", id)).Contains(Done);
            Recover(id, targets, done);
            notes.WriteLine($"sxcascade: note: an earlier run writing {string.Join(", ", targets.Select(t => t.Target))} was interrupted; "
                + (done ? "its outputs were all in place, and its leftovers were removed" : "its changes were undone"));
        }
    }

    private static string JournalText(IEnumerable<(bool IsDirectory, bool Existed, string Target)> targets)
    {
        var text = new StringBuilder(Format + "\n");
        foreach (var (isDirectory, existed, target) in targets)
            text.Append(isDirectory ? "dir" : "file").Append('\t').Append(existed ? '1' : '0').Append('\t').Append(target).Append('\n');
        return text.Append("end\n").ToString();
    }

    /// <summary>The targets of a journal, or null when it was not written to the end.</summary>
    private static List<(bool IsDirectory, bool Existed, string Target)>? ReadJournal(string path)
    {
        var lines = System.IO.File.ReadAllLines(path, Utf8);
        int end = Array.IndexOf(lines, "end");
        if (lines.Length == 0 || lines[0] != Format || end < 2) return null;
        var fields = lines[1..end].Select(l => l.Split('\t', 3)).ToList();
        if (fields.Any(f => f.Length != 3 || !Path.IsPathFullyQualified(f[2]))) return null; // not one of ours
        return fields.Select(f => (f[0] == "dir", f[1] == "1", f[2])).ToList();
    }

    private static bool Alive(int pid)
    {
        if (pid == Environment.ProcessId) return false; // not one of ours (Running): an earlier process with our id
        if (OperatingSystem.IsLinux())
        {
            try
            {
                // a killed process not yet reaped by its parent is a zombie: gone for our purposes
                string stat = System.IO.File.ReadAllText($"/proc/{pid}/stat");
                return stat[(stat.LastIndexOf(')') + 2)..].FirstOrDefault() != 'Z';
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return false;
            }
        }
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            return false;
        }
    }

    /// <summary>The problems of <paramref name="targets"/> as outputs, known before anything is computed (exit code 2).</summary>
    public static List<string> Problems(params Target[] targets)
    {
        var given = targets.Where(t => t.Path is not null).ToList();
        var problems = new List<string>();
        foreach (var t in given)
        {
            if (string.IsNullOrWhiteSpace(t.Path)) problems.Add($"{t.Option} needs a {(t.IsDirectory ? "directory" : "file")} name");
            else if (Problem($"{t.Option} {t.Path}", FullPath(t.Path), t.IsDirectory) is { } problem) problems.Add(problem);
        }
        var named = given.Where(t => !string.IsNullOrWhiteSpace(t.Path)).Select(t => (t.Option, t.Path, t.IsDirectory, Full: FullPath(t.Path!))).ToList();
        for (int i = 0; i < named.Count; i++)
            for (int j = 0; j < named.Count; j++)
            {
                var (a, b) = (named[i], named[j]);
                if (i < j && a.Full == b.Full)
                    problems.Add($"{a.Option} and {b.Option} both name {a.Path}; give each output its own path");
                else if (i != j && b.IsDirectory && a.Full.StartsWith(b.Full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                    problems.Add($"{a.Option} {a.Path} is inside {b.Option} {b.Path}; give it a path outside that directory");
            }
        return problems;
    }

    /// <summary>Why <paramref name="full"/> cannot be this output (<paramref name="shown"/> in the message), or null.</summary>
    private static string? Problem(string shown, string full, bool isDirectory)
    {
        string wanted = isDirectory ? "a directory (new or existing)" : "a regular file (new or existing)";
        if (Path.GetDirectoryName(full) is null) return $"{shown}: give a path below the root";
        if (full.IndexOfAny(['\t', '\n', '\r']) >= 0) return $"{shown}: give a path without tabs or line breaks";
        var kind = Kind(full);
        if (kind == EntryKind.Symlink)
            return $"{shown} is a symbolic link (to {new FileInfo(full).LinkTarget}); outputs are written in place of their path, "
                + $"so give the path it points to, or another name: {wanted}";
        if (kind != EntryKind.None && kind != (isDirectory ? EntryKind.Directory : EntryKind.Regular))
            return $"{shown} is {Describe(kind)}; give {wanted}";
        if (isDirectory && kind == EntryKind.Directory && Posix.IsMountPoint(full))
            return $"{shown} is a mount point, which cannot be replaced by a rename (the output directory is replaced whole by a new one); "
                + $"give a directory inside it (e.g. {Path.Combine(full, "results")})";
        if (isDirectory)
        {
            string cwd = Path.TrimEndingDirectorySeparator(System.IO.Directory.GetCurrentDirectory());
            if (cwd == full || cwd.StartsWith(full + Path.DirectorySeparatorChar, StringComparison.Ordinal))
                return $"{shown} holds the current directory, and the output directory is replaced whole by a new one; give a directory of its own (e.g. results/NAME)";
        }
        // the nearest existing ancestor must be a directory we can create the rest in
        for (string? up = Path.GetDirectoryName(full); up is not null; up = Path.GetDirectoryName(up))
        {
            var upKind = Kind(up);
            if (upKind == EntryKind.None) continue;
            if (upKind is not (EntryKind.Directory or EntryKind.Symlink) || !System.IO.Directory.Exists(up))
                return $"{shown}: {up} is {Describe(upKind)}, so no directory can be made below it; give {wanted} in a directory";
            break;
        }
        return null;
    }

    private static string Describe(EntryKind kind) => kind switch
    {
        EntryKind.Regular => "a file",
        EntryKind.Directory => "a directory",
        EntryKind.Symlink => "a symbolic link",
        EntryKind.Fifo => "a named pipe (FIFO)",
        EntryKind.Socket => "a socket",
        EntryKind.CharacterDevice => "a character device",
        EntryKind.BlockDevice => "a block device",
        _ => "missing",
    };

    private static string FullPath(string path) => Path.TrimEndingDirectorySeparator(Path.GetFullPath(path));

    private static string Parent(string full) => Path.GetDirectoryName(full) ?? throw new IOException($"{full} has no parent directory");

    /// <summary>A name beside <paramref name="target"/> for the transaction <paramref name="id"/>: new, old, trash or journal.</summary>
    private static string Name(string target, string role, string id) =>
        Path.Combine(Parent(target), $".{Path.GetFileName(target)}.sxcascade-{id}.{role}");

    private string Name(string target, string role) => Name(target, role, tx);

    private static string Marker(string id) => $".sxcascade-{id}.commit";

    private static bool IsMarker(string name) => name.StartsWith(".sxcascade-", StringComparison.Ordinal) && name.EndsWith(".commit", StringComparison.Ordinal);

    private static void WriteDurably(string path, string text)
    {
        System.IO.File.WriteAllText(path, text, Utf8);
        SyncFile(path);
    }

    private static void SyncFile(string path)
    {
        using var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite);
        file.Flush(flushToDisk: true);
    }

    private static void Delete(string path)
    {
        switch (Kind(path))
        {
            case EntryKind.None: return;
            case EntryKind.Directory: System.IO.Directory.Delete(path, recursive: true); return;
            default: System.IO.File.Delete(path); return;
        }
    }

    /// <summary>What is at a path, the last component not followed if a symbolic link.</summary>
    internal enum EntryKind { None, Regular, Directory, Symlink, Fifo, Socket, CharacterDevice, BlockDevice }

    internal static EntryKind Kind(string path)
    {
        if (OperatingSystem.IsLinux()) return Posix.Kind(path);
        var info = new FileInfo(path);
        if (info.LinkTarget is not null) return EntryKind.Symlink;
        if (System.IO.Directory.Exists(path)) return EntryKind.Directory;
        return info.Exists ? EntryKind.Regular : EntryKind.None;
    }

    /// <summary>The few system calls .NET has no API for (Linux; elsewhere the callers fall back).</summary>
    private static class Posix
    {
        private const int AtFdCwd = -100, AtSymlinkNoFollow = 0x100, RenameExchange = 2;
        private const uint StatxType = 1, StatxUid = 8, StatxGid = 0x10;

        [DllImport("libc", SetLastError = true)]
        private static extern int renameat2(int olddirfd, string oldpath, int newdirfd, string newpath, uint flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int link(string oldpath, string newpath);

        [DllImport("libc", SetLastError = true)]
        private static extern int statx(int dirfd, string path, int flags, uint mask, byte[] buffer);

        [DllImport("libc", SetLastError = true)]
        private static extern int lchown(string path, uint owner, uint group);

        [DllImport("libc", SetLastError = true)]
        private static extern int open(string path, int flags);

        [DllImport("libc", SetLastError = true)]
        private static extern int fsync(int fd);

        [DllImport("libc", SetLastError = true)]
        private static extern int close(int fd);

        /// <summary>Swaps two existing entries atomically; false where the system or file system cannot (then nothing happened).</summary>
        public static bool Exchange(string a, string b)
        {
            if (!OperatingSystem.IsLinux()) return false;
            if (renameat2(AtFdCwd, a, AtFdCwd, b, RenameExchange) == 0) return true;
            int errno = Marshal.GetLastPInvokeError();
            if (errno is 22 or 38 or 95) return false; // EINVAL, ENOSYS, EOPNOTSUPP: not supported here
            throw Error(errno, $"cannot exchange {a} and {b}");
        }

        /// <summary>A hard link; false where hard links are not possible (then a copy is needed).</summary>
        public static bool Link(string existing, string path)
        {
            if (!OperatingSystem.IsLinux()) return false;
            if (link(existing, path) == 0) return true;
            int errno = Marshal.GetLastPInvokeError();
            if (errno is 1 or 18 or 31 or 95) return false; // EPERM, EXDEV, EMLINK, EOPNOTSUPP
            throw Error(errno, $"cannot link {existing} to {path}");
        }

        public static EntryKind Kind(string path)
        {
            var buffer = new byte[256];
            if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, buffer) != 0)
            {
                int errno = Marshal.GetLastPInvokeError();
                if (errno is 2 or 20) return EntryKind.None; // ENOENT, ENOTDIR
                throw Error(errno, $"cannot look at {path}");
            }
            return (BitConverter.ToUInt16(buffer, 28) & 0xF000) switch // stx_mode
            {
                0x8000 => EntryKind.Regular,
                0x4000 => EntryKind.Directory,
                0xA000 => EntryKind.Symlink,
                0x1000 => EntryKind.Fifo,
                0xC000 => EntryKind.Socket,
                0x2000 => EntryKind.CharacterDevice,
                0x6000 => EntryKind.BlockDevice,
                _ => EntryKind.Regular,
            };
        }

        /// <summary>Whether a file system is mounted on the directory <paramref name="path"/> (false where this cannot be told).</summary>
        public static bool IsMountPoint(string path)
        {
            if (!OperatingSystem.IsLinux()) return false;
            byte[] own = new byte[256], up = new byte[256];
            if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxType, own) != 0) return false;
            const ulong MountRoot = 0x2000; // STATX_ATTR_MOUNT_ROOT, known since Linux 5.8
            if ((BitConverter.ToUInt64(own, 56) & MountRoot) != 0) return (BitConverter.ToUInt64(own, 8) & MountRoot) != 0; // stx_attributes_mask, stx_attributes
            // older kernels: another device than the parent's (stx_dev_major, stx_dev_minor)
            return Path.GetDirectoryName(path) is { } parent && statx(AtFdCwd, parent, 0, StatxType, up) == 0
                && BitConverter.ToUInt64(own, 136) != BitConverter.ToUInt64(up, 136);
        }

        /// <summary>
        /// Gives the directory <paramref name="to"/> the permissions and, where allowed (as root), the
        /// owner of <paramref name="from"/>: the new DIR is the old one to its owner.
        /// </summary>
        public static void CopyModeAndOwner(string from, string to)
        {
            if (OperatingSystem.IsWindows()) return;
            var buffer = new byte[256];
            if (OperatingSystem.IsLinux() && statx(AtFdCwd, from, AtSymlinkNoFollow, StatxUid | StatxGid, buffer) == 0)
            {
                uint uid = BitConverter.ToUInt32(buffer, 20), gid = BitConverter.ToUInt32(buffer, 24); // stx_uid, stx_gid
                _ = lchown(to, uid, gid); // not permitted unless root or the same owner: then it stays ours, as any new directory
            }
            System.IO.File.SetUnixFileMode(to, System.IO.File.GetUnixFileMode(from)); // after the owner, which may clear set-id bits
        }

        /// <summary>Makes the entries of a directory (renames, new names) durable; best effort.</summary>
        public static void SyncDirectory(string path)
        {
            if (!OperatingSystem.IsLinux()) return;
            int fd = open(path, 0);
            if (fd < 0) return;
            fsync(fd);
            close(fd);
        }

        private static IOException Error(int errno, string what) => new($"{what}: {Marshal.GetPInvokeErrorMessage(errno)}");
    }
}

/// <summary>An output could not be written; the message says why and what was (not) changed.</summary>
internal sealed class OutputException(string message, Exception inner) : IOException(message, inner);
