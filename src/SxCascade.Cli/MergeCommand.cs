using System.CommandLine;
using System.Text;
using SxCascade.IO;

namespace SxCascade.Cli;

/// <summary>
/// <c>sxcascade merge DIR… --out DIR</c>: joins the shard folders of one sweep into one finished
/// sweep folder (manifest, journal and table sorted by case), equal row for row to the sweep run unsharded.
/// </summary>
internal static class MergeCommand
{
    /// <summary>Shown under "Examples:" in <c>merge --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade merge sweeps/big --out sweeps/big-merged",
        "sxcascade merge sweeps/big/shard-1-of-2 sweeps/big/shard-2-of-2 --out sweeps/big-merged --format parquet",
    ];

    /// <summary>The <c>merge</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var folders = new Argument<string[]>("DIR")
        {
            Description = "Shard folders (DIR/shard-I-of-N of a sweep --shard), or folders holding them. Every shard of the sweep must be given once, finished.",
            Arity = ArgumentArity.OneOrMore,
        };
        var output = new Option<string>("--out", "-o") { Description = "The merged sweep folder (written all or nothing).", HelpName = "DIR", Required = true };
        var format = new Option<string>("--format") { Description = "The table: csv (rows.csv, default) or parquet (rows.parquet).", DefaultValueFactory = _ => "csv" };
        format.AcceptOnlyFromAmong("csv", "parquet");
        var command = new Command("merge", "Join the shards of a sweep into one table, sorted by case.") { folders, output, format };
        command.SetAction(parse => Execute(context, parse.GetValue(folders)!, parse.GetValue(output)!, parse.GetValue(format)!));
        return command;
    }

    /// <summary>Merges; returns the exit code.</summary>
    internal static int Execute(CliContext context, IReadOnlyList<string> folders, string output, string format)
    {
        var stderr = context.Stderr;
        int Usage(string message)
        {
            Diagnostics.WriteUsageErrors([message], "sxcascade merge", stderr);
            return ExitCodes.InvalidInput;
        }
        var shards = new List<string>();
        foreach (var f in folders)
        {
            if (File.Exists(Path.Combine(f, SweepManifest.FileName))) shards.Add(f);
            else if (Directory.Exists(f) && Directory.GetDirectories(f, "shard-*-of-*").Where(d => File.Exists(Path.Combine(d, SweepManifest.FileName)))
                .Order(StringComparer.Ordinal).ToList() is { Count: > 0 } inside) shards.AddRange(inside);
            else return Usage($"{f} is neither a sweep folder (with {SweepManifest.FileName}) nor a folder of shard-I-of-N sweep folders");
        }
        var manifests = new List<(string Folder, SweepManifest Manifest)>();
        foreach (var f in shards)
        {
            var (m, problem) = SweepManifest.Read(f);
            if (m is null) return Usage(problem!);
            manifests.Add((f, m));
        }
        var (first, head) = manifests[0];
        foreach (var (f, m) in manifests)
        {
            if (m.Sweep != head.Sweep)
                return Usage($"{f} and {first} are shards of different sweeps (ids {m.Sweep} and {head.Sweep}; files {m.File} and {head.File}); merge the shards of one sweep");
            if (m.ShardCount != head.ShardCount)
                return Usage($"{f} is shard {m.ShardIndex} of {m.ShardCount} but {first} is of {head.ShardCount}; merge the shards of one split");
        }
        var duplicate = manifests.GroupBy(x => x.Manifest.ShardIndex).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) return Usage($"shard {duplicate.Key} of {head.ShardCount} is given twice: {string.Join(", ", duplicate.Select(d => d.Folder))}");
        var missing = Enumerable.Range(1, head.ShardCount).Except(manifests.Select(x => x.Manifest.ShardIndex)).ToList();
        if (missing.Count > 0) return Usage($"shard(s) {string.Join(", ", missing)} of {head.ShardCount} are missing");

        var lines = new List<(int Case, string Line)>();
        foreach (var (f, m) in manifests.OrderBy(x => x.Manifest.ShardIndex))
        {
            var (rows, problem) = SweepJournal.ReadLines(f);
            if (rows is null) return Usage(problem!);
            if (rows.Count != m.ShardCases)
                return Usage($"{f} is unfinished: {rows.Count} of {m.ShardCases} rows; finish it with sweep --resume (same options) first");
            lines.AddRange(rows);
        }
        var twice = lines.GroupBy(l => l.Case).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null) return Usage($"case {twice.Key} is in more than one shard; the folders are not the shards of one split");
        if (lines.Count != head.Cases) return Usage($"the shards hold {lines.Count} rows, the sweep has {head.Cases} cases");

        var merged = head with { ShardIndex = 1, ShardCount = 1, ShardCases = head.Cases };
        string table = format == "parquet" ? SweepOutput.ParquetName : SweepOutput.CsvName;
        try
        {
            var tx = new OutputTransaction(stderr);
            tx.Directory(output, staging =>
            {
                File.WriteAllBytes(Path.Combine(staging, SweepManifest.FileName), merged.ToJson());
                using (var journal = File.Create(Path.Combine(staging, SweepJournal.FileName)))
                    SweepOutput.WriteCsv(journal, merged.Columns, lines);
                using (var stream = File.Create(Path.Combine(staging, table)))
                {
                    if (format == "parquet") SweepOutput.WriteParquet(stream, merged.Columns, merged.Axes.Count, lines);
                    else SweepOutput.WriteCsv(stream, merged.Columns, lines);
                }
                return [SweepManifest.FileName, SweepJournal.FileName, table];
            });
            tx.Commit();
        }
        catch (OutputException e)
        {
            stderr.WriteLine($"sxcascade: {e.Message}");
            return ExitCodes.InvalidInput;
        }
        context.Stdout.WriteLine($"Merged {manifests.Count} shards, {lines.Count} rows, into {Path.Combine(output, table)}");
        return ExitCodes.Done;
    }
}
