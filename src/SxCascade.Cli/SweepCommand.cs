using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using SxCascade.IO;
using SxCascade.Sweeps;

namespace SxCascade.Cli;

/// <summary>
/// <c>sxcascade sweep FILE --vary PATH=LO..HI:N … --out DIR</c>: solves a grid or a Latin
/// hypercube of cases on every core, each row written to DIR/journal.csv as soon as it is
/// solved, then the table sorted by case (rows.csv or rows.parquet).
/// </summary>
/// <remarks>
/// The rows are the one deliberate exception to writing outputs all or nothing through
/// <see cref="OutputTransaction"/>: a sweep of hours must keep what it solved when it is killed.
/// <see cref="SweepJournal"/> says how no row is lost or torn; the finished table is written
/// through <see cref="OutputTransaction"/>.
/// </remarks>
internal static class SweepCommand
{
    /// <summary>Shown under "Examples:" in <c>sweep --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade sweep flowsheets/prnd-p507.yaml --vary cascades.PrNd.scrub.flow=25..40:16 --vary cascades.PrNd.scrub.stages=24..40:17 --out sweeps/prnd",
        "sxcascade sweep flowsheets/prnd-p507.yaml --vary cascades.PrNd.organic.flow=150..300 --vary cascades.PrNd.scrub.flow=20..45 --sample lhs:10000 --seed 7 --out sweeps/lhs --format parquet",
        "sxcascade sweep flowsheets/prnd-p507.yaml --vary cascades.PrNd.scrub.flow=25..40:1000 --out sweeps/big --shard 3/8",
        "sxcascade sweep flowsheets/prnd-p507.yaml --vary cascades.PrNd.scrub.flow=25..40:1000 --out sweeps/big --resume",
    ];

    /// <summary>The environment variables of a Slurm job array that give the shard (1-based index from ID − MIN + 1).</summary>
    public const string SlurmId = "SLURM_ARRAY_TASK_ID", SlurmCount = "SLURM_ARRAY_TASK_COUNT", SlurmMin = "SLURM_ARRAY_TASK_MIN";

    /// <summary>What one <c>sweep</c> was asked to do.</summary>
    internal sealed record Settings(string File, IReadOnlyList<string> Vary, bool Log, string? Sample, ulong Seed,
        IReadOnlyList<string> Overrides, string Out, string Format, bool Resume, string? Shard, int Threads, bool Quiet);

    /// <summary>The <c>sweep</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The flowsheet file (YAML); its values at the varied paths are replaced case by case." };
        var vary = new Option<string[]>("--vary")
        {
            Description = "An input to vary: PATH=LO..HI:N, N values from LO to HI (both included) at any --set PATH, in the unit "
                + "the file writes there; ':log' after N spreads them geometrically. Whole-number ends at a whole-number key "
                + "(a stage count) give whole numbers. With --sample, N may be left out. Repeat for a grid of several inputs.",
            HelpName = "PATH=LO..HI:N",
            AllowMultipleArgumentsPerToken = false,
        };
        var log = new Option<bool>("--log") { Description = "Spread every axis geometrically (as ':log' on each)." };
        var sample = new Option<string?>("--sample") { Description = "lhs:N: a Latin-hypercube sample of N cases instead of the full grid.", HelpName = "lhs:N" };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the Latin hypercube (default 0); the same seed gives the same cases everywhere.", DefaultValueFactory = _ => 0 };
        var overrides = SharedOptions.Set();
        var output = new Option<string>("--out", "-o")
        {
            Description = "The sweep folder: manifest.json, journal.csv (rows as they are solved) and, when done, rows.csv or rows.parquet "
                + "sorted by case. With a shard, its folder DIR/shard-I-of-N.",
            HelpName = "DIR",
            Required = true,
        };
        var format = new Option<string>("--format") { Description = "The finished table: csv (rows.csv, default) or parquet (rows.parquet).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var resume = new Option<bool>("--resume") { Description = "Finish the sweep in DIR: solve only the cases without a row (the same sweep, or exit 2). Starts it if DIR holds none." };
        var shard = new Option<string?>("--shard")
        {
            Description = $"I/N: run shard I of N (1-based), a fixed share of the cases; default from {SlurmId} and {SlurmCount} in a Slurm job array. Join shards with 'sxcascade merge'.",
            HelpName = "I/N",
        };
        var threads = new Option<int>("--threads") { Description = "Threads (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "No progress lines on stderr." };
        var command = new Command("sweep", "Solve a grid or Latin-hypercube sample of variations of a flowsheet; one row per case (inputs, purities, recoveries, reagents, convergence).")
        {
            file, vary, log, sample, seed, overrides, output, format, resume, shard, threads, quiet,
        };
        command.SetAction(parse => Execute(context, new Settings(parse.GetValue(file)!, parse.GetValue(vary) ?? [], parse.GetValue(log),
            parse.GetValue(sample), parse.GetValue(seed), parse.GetValue(overrides) ?? [], parse.GetValue(output)!, parse.GetValue(format)!,
            parse.GetValue(resume), parse.GetValue(shard), parse.GetValue(threads), parse.GetValue(quiet))));
        return command;
    }

    /// <summary>
    /// The cases of FILE with the fixed <paramref name="overrides"/>, and the flowsheet they start from;
    /// null after writing every problem to <paramref name="stderr"/> (sweep and optimize load alike).
    /// </summary>
    internal static (SweepCases Cases, Flowsheets.Flowsheet Flowsheet)? LoadCases(string file, IReadOnlyList<string> overrides, TextWriter stderr)
    {
        var (cases, readError) = SweepCases.FromFile(file, overrides);
        if (cases is null)
        {
            Diagnostics.WriteLoadErrors([readError!], stderr);
            return null;
        }
        var loaded = cases.LoadBase();
        if (!loaded.Ok)
        {
            Diagnostics.WriteLoadErrors(loaded.Errors, stderr);
            return null;
        }
        return (cases, loaded.Flowsheet!);
    }

    /// <summary>Runs <paramref name="s"/>; returns the exit code.</summary>
    internal static int Execute(CliContext context, Settings s, IReadOnlyDictionary<string, string?>? environment = null)
    {
        var stderr = context.Stderr;
        int Usage(string message)
        {
            Diagnostics.WriteUsageErrors([message], "sxcascade sweep", stderr);
            return ExitCodes.InvalidInput;
        }
        if (s.File == FlowsheetInput.StandardInput) return Usage("sweep reads FILE from a file, not standard input (a resumed sweep reads it again)");
        if (s.Threads < 1) return Usage($"--threads must be at least 1 (got {s.Threads})");
        if (LoadCases(s.File, s.Overrides, stderr) is not var (cases, baseFlowsheet)) return ExitCodes.InvalidInput;

        int? lhs = null;
        if (s.Sample is { } sample)
        {
            if (!sample.StartsWith("lhs:", StringComparison.Ordinal) || !int.TryParse(sample.AsSpan(4), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
                return Usage($"--sample {sample}: expected lhs:N with a whole number N ≥ 1, e.g. lhs:1000");
            if (n < 1) return Usage($"--sample {sample}: the sample size must be at least 1");
            lhs = n;
        }
        var axes = new List<SweepAxis>();
        foreach (var v in s.Vary)
        {
            var (axis, problem) = ParseAxis(v, s.Log, lhs is not null, cases);
            if (problem is not null) return Usage(problem);
            // both ends must make a valid flowsheet: a path the file cannot take, or a value outside the valid range, stops here
            foreach (var end in new[] { axis!.Low, axis.High }.Distinct())
            {
                var (_, errors) = cases.Build([axis], [end]);
                if (errors.Count > 0)
                    return Usage($"--vary {v}: at {SweepCases.Override(axis, end)}: " + string.Join("; ", errors.Select(e => e.Message)));
            }
            axes.Add(axis);
        }
        var (plan, planProblem) = SweepPlan.Create(axes, new SweepSampling(lhs, s.Seed));
        if (plan is null) return Usage(planProblem!);

        var (shardIndex, shardCount, shardProblem) = Shard(s.Shard, environment);
        if (shardProblem is not null) return Usage(shardProblem);
        var chains = plan.ChainsOfShard(shardIndex, shardCount);
        var metrics = new SweepMetrics(baseFlowsheet);
        var manifest = new SweepManifest(s.File, cases.Sha256, s.Overrides, axes, plan.Sampling, plan.CaseCount, shardIndex, shardCount,
            chains.Sum(c => c.Length), SweepJournal.Columns(axes, metrics));
        string folder = shardCount == 1 ? s.Out : Path.Combine(s.Out, ShardFolder(shardIndex, shardCount));

        SweepJournal journal;
        try
        {
            if (File.Exists(Path.Combine(folder, SweepManifest.FileName)))
            {
                if (!s.Resume) return Usage($"{folder} already holds a sweep; add --resume to finish it, or choose another --out");
                var (existing, problem) = SweepManifest.Read(folder);
                if (existing is null) return Usage(problem!);
                if (existing.Sweep != manifest.Sweep || existing.ShardIndex != shardIndex || existing.ShardCount != shardCount)
                    return Usage($"--resume: {folder} holds another sweep (id {existing.Sweep}, shard {existing.ShardIndex}/{existing.ShardCount}, "
                        + $"file {existing.File}) than this one (id {manifest.Sweep}, shard {shardIndex}/{shardCount}); give the same FILE, --set, --vary, --sample and --seed");
                var (opened, openProblem) = SweepJournal.Open(folder);
                if (opened is null) return Usage(openProblem!);
                journal = opened;
            }
            else journal = SweepJournal.Create(folder, manifest);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"sxcascade: cannot write the sweep to {folder}: {e.Message}");
            return ExitCodes.InvalidInput;
        }

        var progress = new Progress(manifest.ShardCases, journal.Done.Count);
        using (journal)
        using (var reporter = s.Quiet ? null : new Timer(_ => progress.Write(stderr), null, 2000, 2000))
        {
            var before = journal.Done.ToHashSet();
            SweepEngine.Run(plan, chains, k =>
            {
                var (flowsheet, errors) = cases.Build(axes, plan.ValuesOf(k));
                return (flowsheet, flowsheet is null ? string.Join("; ", errors.Select(e => e.ToString())) : null);
            }, metrics, before, row =>
            {
                journal.Append(row);
                progress.Add(row.Status);
            }, s.Threads);
        }
        if (!s.Quiet) progress.Write(stderr, final: true);

        var (lines, readProblem) = SweepJournal.ReadLines(folder);
        if (lines is null) return Usage(readProblem!);
        string table = Path.Combine(folder, s.Format == "parquet" ? SweepOutput.ParquetName : SweepOutput.CsvName);
        try
        {
            var tx = new OutputTransaction(stderr);
            tx.File(table, staging =>
            {
                using var stream = File.Create(staging);
                if (s.Format == "parquet") SweepOutput.WriteParquet(stream, manifest.Columns, axes.Count, lines);
                else SweepOutput.WriteCsv(stream, manifest.Columns, lines);
            });
            tx.Commit();
        }
        catch (OutputException e)
        {
            stderr.WriteLine($"sxcascade: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        if (!s.Quiet) context.Stdout.WriteLine($"Wrote {lines.Count} rows to {table}");
        return ExitCodes.Done;
    }

    /// <summary>The folder of shard I of N under the sweep's --out: shard-I-of-N.</summary>
    public static string ShardFolder(int index, int count) => $"shard-{index}-of-{count}";

    // PATH=LO..HI:N[:log]
    internal static (SweepAxis? Axis, string? Problem) ParseAxis(string text, bool log, bool sampled, SweepCases cases)
    {
        string Bad(string why) => $"--vary {text}: {why}; expected PATH=LO..HI:N, e.g. cascades.PrNd.scrub.flow=25..40:16";
        int eq = text.IndexOf('=');
        if (eq <= 0) return (null, Bad("no PATH="));
        string path = text[..eq].Trim(), range = text[(eq + 1)..].Trim();
        var parts = range.Split(':');
        bool axisLog = log;
        if (parts.Length == 3 && parts[2] == "log") axisLog = true;
        else if (parts.Length > 2) return (null, Bad($"'{string.Join(':', parts[2..])}' after N; only ':log' may follow"));
        var ends = parts[0].Split("..");
        if (ends.Length != 2) return (null, Bad("the range must be LO..HI"));
        if (!double.TryParse(ends[0], NumberStyles.Float, CultureInfo.InvariantCulture, out double lo)
            || !double.TryParse(ends[1], NumberStyles.Float, CultureInfo.InvariantCulture, out double hi))
            return (null, Bad($"'{parts[0]}' is not two numbers"));
        int count = 0;
        if (parts.Length >= 2 && !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out count))
            return (null, Bad($"N '{parts[1]}' is not a whole number"));
        if (parts.Length < 2 && !sampled) return (null, Bad("no number of values N (only --sample lhs:N may leave it out)"));
        var (whole, unit) = cases.At(path);
        bool integer = whole && IsWhole(ends[0]) && IsWhole(ends[1]);
        var axis = new SweepAxis(path, lo, hi, sampled && parts.Length < 2 ? 1 : count, axisLog, integer, unit);
        if (axis.Problem(sampled) is { } p) return (null, p);
        return (axis, null);
    }

    private static bool IsWhole(string s) => long.TryParse(s.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out _);

    // --shard I/N, else the Slurm array variables, else 1/1
    private static (int Index, int Count, string? Problem) Shard(string? option, IReadOnlyDictionary<string, string?>? environment)
    {
        string? Env(string name) => environment is null ? Environment.GetEnvironmentVariable(name) : environment.GetValueOrDefault(name);
        if (option is not null)
        {
            var parts = option.Split('/');
            if (parts.Length != 2 || !int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int i)
                || !int.TryParse(parts[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int n))
                return (0, 0, $"--shard {option}: expected I/N with whole numbers, e.g. 3/8");
            if (n < 1) return (0, 0, $"--shard {option}: the number of shards must be at least 1");
            if (i < 1 || i > n) return (0, 0, $"--shard {option}: the shard index must be from 1 to {n}");
            return (i, n, null);
        }
        if (Env(SlurmId) is not { Length: > 0 } id) return (1, 1, null);
        if (!int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out int task)
            || !int.TryParse(Env(SlurmCount), NumberStyles.None, CultureInfo.InvariantCulture, out int count))
            return (0, 0, $"{SlurmId}={id} {SlurmCount}={Env(SlurmCount)}: expected whole numbers (or give --shard I/N)");
        int min = int.TryParse(Env(SlurmMin), NumberStyles.None, CultureInfo.InvariantCulture, out int m) ? m : 1;
        int index = task - min + 1;
        if (count < 1 || index < 1 || index > count)
            return (0, 0, $"{SlurmId}={id} ({SlurmMin}={min}) with {SlurmCount}={count} is shard {index} of {count}, out of range; submit the array as --array=1-N (or give --shard I/N)");
        return (index, count, null);
    }

    /// <summary>Counts and the progress line: done, failed, rate, time left.</summary>
    private sealed class Progress(int total, int already)
    {
        private readonly Stopwatch clock = Stopwatch.StartNew();
        private int solved, failed;

        public void Add(string status)
        {
            Interlocked.Increment(ref solved);
            if (status != CaseStatus.Converged) Interlocked.Increment(ref failed);
        }

        public void Write(TextWriter stderr, bool final = false)
        {
            int n = Volatile.Read(ref solved), f = Volatile.Read(ref failed), done = already + n;
            double seconds = clock.Elapsed.TotalSeconds, rate = seconds > 0 ? n / seconds * 60 : 0;
            int width = 30, filled = total == 0 ? width : (int)((long)done * width / total);
            string left = final ? $"in {Duration(seconds)}" : rate > 0 ? $"{Duration((total - done) / (rate / 60))} left" : "time left unknown";
            lock (stderr)
                stderr.WriteLine(FormattableString.Invariant(
                    $"sweep [{new string('#', filled)}{new string('.', width - filled)}] {done}/{total} done, {f} failed, {rate:F0} cases/min, {left}"));
        }

        private static string Duration(double s) => s >= 3600 ? FormattableString.Invariant($"{s / 3600:F1} h")
            : s >= 60 ? FormattableString.Invariant($"{(int)(s / 60)} min {(int)(s % 60)} s") : FormattableString.Invariant($"{s:F1} s");
    }
}
