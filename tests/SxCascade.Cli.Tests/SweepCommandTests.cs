using System.Diagnostics;
using System.Globalization;
using SxCascade.IO;
using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>
/// <c>sweep</c> and <c>merge</c>: a sweep killed (SIGKILL) at random moments and resumed equals the
/// uninterrupted sweep; shards merged equal the unsharded sweep byte for byte; bad input exits 2.
/// </summary>
public sealed class SweepCommandTests : IDisposable
{
    private readonly string root = FreshTempPath();

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    // 20 × 20 = 400 cases of the Pr/Nd example around its design (scrub 33.1 L/h, organic 225.2 L/h)
    private static readonly string[] Grid =
    [
        "--vary", "cascades.PrNd.scrub.flow=33..40:20",
        "--vary", "cascades.PrNd.organic.flow=200..225:20",
    ];

    // 10 × 10 = 100 cases in 10 warm-start chains, for the shard tests
    private static readonly string[] SmallGrid =
    [
        "--vary", "cascades.PrNd.scrub.flow=33..40:10",
        "--vary", "cascades.PrNd.organic.flow=200..225:10",
    ];

    private static string[] Sweep(string outDir, params string[] more) =>
        ["sweep", Flowsheet("prnd-p507.yaml"), .. Grid, "--out", outDir, "--quiet", .. more];

    private static string[] SmallSweep(string outDir, params string[] more) =>
        ["sweep", Flowsheet("prnd-p507.yaml"), .. SmallGrid, "--out", outDir, "--quiet", .. more];

    private static string[] CsvLines(string folder) => File.ReadAllLines(Path.Combine(folder, SweepOutput.CsvName));

    [Fact]
    public void A_sweep_writes_one_row_per_case_sorted_by_case_with_its_inputs()
    {
        string dir = Path.Combine(root, "a");
        var r = Run(Sweep(dir));
        Assert.True(r.Code == 0, r.ToString());
        var lines = CsvLines(dir);
        Assert.Equal(1 + 400, lines.Length);
        Assert.StartsWith("case,cascades.PrNd.scrub.flow,cascades.PrNd.organic.flow,status,reason,iterations,specs_met,purity.PrNd.raffinate.Pr,", lines[0]);
        // row-major grid, the last axis fastest: case 21 is scrub value 1, organic value 1
        // scrub 33 + 1·(40 − 33)/19, organic 200 + 1·25/19
        var f = lines[22].Split(',');
        Assert.Equal("21", f[0]);
        Assert.Equal(33 + 7.0 / 19, double.Parse(f[1], CultureInfo.InvariantCulture), 12);
        Assert.Equal(200 + 25.0 / 19, double.Parse(f[2], CultureInfo.InvariantCulture), 12);
        Assert.Equal(Enumerable.Range(0, 400).Select(k => k.ToString(CultureInfo.InvariantCulture)), lines.Skip(1).Select(l => l.Split(',')[0]));
        // the design point's neighbourhood converges; a case never converges without closing its balances (≤ 1e-9)
        var converged = lines.Skip(1).Select(Fields).Where(x => x[3] == "converged").ToList();
        Assert.True(converged.Count > 200, $"{converged.Count} of 400 converged");
        Assert.All(converged, x => Assert.True(double.Parse(x[^1], CultureInfo.InvariantCulture) <= 1e-9));
        Assert.All(lines.Skip(1).Select(Fields), x => Assert.True(x[3] == "converged" || x[4].Length > 0, "a failed row has its reason"));
    }

    [Fact]
    public void A_sweep_killed_at_random_moments_and_resumed_equals_the_uninterrupted_one()
    {
        string reference = Path.Combine(root, "reference"), killed = Path.Combine(root, "killed");
        var r = Run(Sweep(reference));
        Assert.True(r.Code == 0, r.ToString());

        // A kill either waits a random time or waits for the journal to reach a random row count. A sweep
        // that finishes before its kill (a fast machine) proves nothing: its folder is removed and the
        // next attempt starts afresh, so the check never depends on how fast the machine is.
        var random = new Random(20261204);
        int kills = 0, midway = 0;
        for (int attempt = 0; attempt < 30 && midway < 5; attempt++)
        {
            using var process = Start(Sweep(killed, "--resume", "--threads", "2"));
            int before = Rows(killed);
            if (attempt % 2 == 0)
                Thread.Sleep(TimeSpan.FromMilliseconds(50 + random.NextDouble() * 400));
            else
            {
                int target = before + 1 + random.Next(Math.Max(1, Math.Min(120, 399 - before)));
                var clock = Stopwatch.StartNew();
                while (Rows(killed) < target && !process.HasExited && clock.Elapsed < TimeSpan.FromSeconds(60)) Thread.Sleep(2);
            }
            if (process.HasExited)
            {
                Assert.True(process.ExitCode == 0, process.StandardError.ReadToEnd());
                Directory.Delete(killed, recursive: true);
                continue;
            }
            process.Kill();
            process.WaitForExit();
            kills++;
            int after = Rows(killed);
            // killed before it made the folder: nothing to check yet
            if (!File.Exists(Path.Combine(killed, SweepJournal.FileName))) continue;
            if (after < 400) midway++;
            // what a kill leaves: complete rows, none twice (ReadLines checks), maybe a torn last line
            var (lines, problem) = SweepJournal.ReadLines(killed);
            Assert.True(problem is null, problem);
            Assert.Equal(lines!.Count, lines.Select(l => l.Case).Distinct().Count());
        }
        Assert.True(midway >= 3, $"{midway} of {kills} kills fell inside the sweep");
        var resumed = Run(Sweep(killed, "--resume"));
        Assert.True(resumed.Code == 0, resumed.ToString());
        Assert.Equal(CsvLines(reference), CsvLines(killed));
        var (all, _) = SweepJournal.ReadLines(killed);
        Assert.Equal(400, all!.Count);
    }

    [Fact]
    public void Shards_merged_equal_the_unsharded_sweep_row_for_row_whatever_their_number()
    {
        string whole = Path.Combine(root, "whole");
        Assert.Equal(0, Run(SmallSweep(whole, "--threads", "1")).Code);
        foreach (int n in new[] { 2, 3, 7 })
        {
            string sharded = Path.Combine(root, $"sharded-{n}"), merged = Path.Combine(root, $"merged-{n}");
            for (int i = 1; i <= n; i++)
            {
                var r = Run(SmallSweep(sharded, "--shard", $"{i}/{n}"));
                Assert.True(r.Code == 0, r.ToString());
            }
            Assert.Equal(n, Directory.GetDirectories(sharded, "shard-*").Length);
            var m = Run("merge", sharded, "--out", merged);
            Assert.True(m.Code == 0, m.ToString());
            Assert.Equal(CsvLines(whole), CsvLines(merged));
        }
    }

    [Fact]
    public void The_shard_comes_from_the_slurm_array_variables()
    {
        string sharded = Path.Combine(root, "slurm"), whole = Path.Combine(root, "whole");
        Assert.Equal(0, Run(SmallSweep(whole)).Code);
        // --array=0-1: IDs 0 and 1, MIN 0, COUNT 2 are shards 1/2 and 2/2
        foreach (var id in new[] { "0", "1" })
        {
            var context = new CliContext(TextWriter.Null, new StringWriter(), Stopwatch.StartNew(), TextReader.Null);
            var s = new SweepCommand.Settings(Flowsheet("prnd-p507.yaml"), [SmallGrid[1], SmallGrid[3]], false, null, 0, [], sharded, "csv", false, null, 2, true);
            var env = new Dictionary<string, string?> { ["SLURM_ARRAY_TASK_ID"] = id, ["SLURM_ARRAY_TASK_COUNT"] = "2", ["SLURM_ARRAY_TASK_MIN"] = "0" };
            Assert.Equal(0, SweepCommand.Execute(context, s, env));
        }
        Assert.True(Directory.Exists(Path.Combine(sharded, "shard-1-of-2")) && Directory.Exists(Path.Combine(sharded, "shard-2-of-2")));
        Assert.Equal(0, Run("merge", sharded, "--out", Path.Combine(root, "merged")).Code);
        Assert.Equal(CsvLines(whole), CsvLines(Path.Combine(root, "merged")));
    }

    [Fact]
    public void A_latin_hypercube_gives_one_value_per_stratum_of_each_axis_and_parquet_holds_the_csv_rows()
    {
        string csv = Path.Combine(root, "lhs-csv"), parquet = Path.Combine(root, "lhs-parquet");
        string[] args = ["sweep", Flowsheet("prnd-p507.yaml"), "--vary", "cascades.PrNd.scrub.flow=33..40", "--vary", "cascades.PrNd.organic.flow=200..225",
            "--sample", "lhs:50", "--seed", "7", "--quiet"];
        Assert.Equal(0, Run([.. args, "--out", csv]).Code);
        Assert.Equal(0, Run([.. args, "--out", parquet, "--format", "parquet"]).Code);
        var rows = CsvLines(csv).Skip(1).Select(Fields).ToList();
        Assert.Equal(50, rows.Count);
        // stratum of value v on [lo, hi] with 50 strata: floor((v − lo)/(hi − lo)·50); each of 0..49 once per axis
        static int Stratum(string v, double lo, double hi) => (int)Math.Floor((double.Parse(v, CultureInfo.InvariantCulture) - lo) / (hi - lo) * 50);
        Assert.Equal(Enumerable.Range(0, 50), rows.Select(x => Stratum(x[1], 33, 40)).Order());
        Assert.Equal(Enumerable.Range(0, 50), rows.Select(x => Stratum(x[2], 200, 225)).Order());

        var table = SweepTable.Read(Path.Combine(parquet, SweepOutput.ParquetName));
        Assert.Equal(rows.Select(x => int.Parse(x[0], CultureInfo.InvariantCulture)), table.Ints("case"));
        Assert.Equal(rows.Select(x => double.Parse(x[1], CultureInfo.InvariantCulture)), table.Doubles("cascades.PrNd.scrub.flow").Select(v => v!.Value));
        Assert.Equal(rows.Select(x => x[7].Length == 0 ? (double?)null : double.Parse(x[7], CultureInfo.InvariantCulture)), table.Doubles("purity.PrNd.raffinate.Pr"));
        Assert.Equal(rows.Select(x => x[3]), table.Strings("status"));
    }

    [Theory]
    [InlineData("cascades.PrNd.scrub.flw=30..40:3", "unknown key 'flw' in scrub; did you mean 'flow'?")]
    [InlineData("cascades.PrNd.extraction.stages.x=1..2:2", "has no 'x'")]
    [InlineData("cascades.PrNd.scrub.stages=0..10:3", "stages")]
    [InlineData("cascades.PrNd.scrub.flow=40..30", "no number of values N")]
    [InlineData("cascades.PrNd.scrub.flow=35..40:0", "at least 1")]
    [InlineData("cascades.PrNd.scrub.flow=-1..40:5:log", "above zero")]
    public void A_bad_vary_exits_2_with_the_reason(string vary, string reason)
    {
        var r = Run("sweep", Flowsheet("prnd-p507.yaml"), "--vary", vary, "--out", Path.Combine(root, "bad"));
        Assert.Equal(2, r.Code);
        Assert.Contains(reason, r.Stderr);
        NoStackTrace(r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(root, "bad")));
    }

    [Theory]
    [InlineData("--sample", "lhs:0", "at least 1")]
    [InlineData("--shard", "4/3", "from 1 to 3")]
    [InlineData("--shard", "0/3", "from 1 to 3")]
    public void A_bad_sample_or_shard_exits_2(string option, string value, string reason)
    {
        var r = Run("sweep", Flowsheet("prnd-p507.yaml"), "--vary", "cascades.PrNd.scrub.flow=35..40:3", option, value, "--out", Path.Combine(root, "bad"));
        Assert.Equal(2, r.Code);
        Assert.Contains(reason, r.Stderr);
        Assert.False(Directory.Exists(Path.Combine(root, "bad")));
    }

    [Fact]
    public void Merging_shards_of_different_sweeps_or_an_incomplete_split_exits_2()
    {
        string a = Path.Combine(root, "a"), b = Path.Combine(root, "b");
        Assert.Equal(0, Run(Sweep(a, "--shard", "1/2")).Code);
        Assert.Equal(0, Run(["sweep", Flowsheet("prnd-p507.yaml"), "--vary", "cascades.PrNd.scrub.flow=34..40:20", "--vary", "cascades.PrNd.organic.flow=200..225:20",
            "--out", b, "--quiet", "--shard", "2/2"]).Code);
        var different = Run("merge", Path.Combine(a, "shard-1-of-2"), Path.Combine(b, "shard-2-of-2"), "--out", Path.Combine(root, "m"));
        Assert.Equal(2, different.Code);
        Assert.Contains("different sweeps", different.Stderr);
        var missing = Run("merge", a, "--out", Path.Combine(root, "m"));
        Assert.Equal(2, missing.Code);
        Assert.Contains("shard(s) 2 of 2 are missing", missing.Stderr);
        Assert.False(Directory.Exists(Path.Combine(root, "m")));
    }

    [Fact]
    public void Resuming_with_other_options_or_rerunning_without_resume_exits_2()
    {
        string dir = Path.Combine(root, "r");
        Assert.Equal(0, Run(Sweep(dir)).Code);
        var again = Run(Sweep(dir));
        Assert.Equal(2, again.Code);
        Assert.Contains("--resume", again.Stderr);
        var other = Run("sweep", Flowsheet("prnd-p507.yaml"), "--vary", "cascades.PrNd.scrub.flow=34..40:5", "--out", dir, "--resume");
        Assert.Equal(2, other.Code);
        Assert.Contains("another sweep", other.Stderr);
    }

    // RFC 4180 fields of one line (a reason may be quoted and hold commas)
    private static string[] Fields(string line)
    {
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        bool quoted = false;
        for (int i = 0; i < line.Length; i++)
        {
            char c = line[i];
            if (quoted && c == '"' && i + 1 < line.Length && line[i + 1] == '"') { field.Append('"'); i++; }
            else if (c == '"') quoted = !quoted;
            else if (c == ',' && !quoted) { fields.Add(field.ToString()); field.Clear(); }
            else field.Append(c);
        }
        fields.Add(field.ToString());
        return [.. fields];
    }

    [Fact]
    public void A_price_can_be_varied_and_the_cost_per_kg_moves_by_its_reagent_use()
    {
        string file = Path.Combine(root, "costs.yaml"), dir = Path.Combine(root, "costs");
        Directory.CreateDirectory(root);
        File.WriteAllText(file, File.ReadAllText(Flowsheet("prnd-p507.yaml")) + """
            costs:
              reagents:
                HCl: { price: 0.2, tag: indicative, source: test }
                NaOH: { price: 0.45, tag: indicative, source: test }
              stage: { price: 3000, tag: indicative, source: test }
            """);
        var r = Run("sweep", file, "--vary", "costs.reagents.HCl.price=0.1..0.3:3", "--out", dir, "--quiet");
        Assert.True(r.Code == 0, r.ToString());
        var lines = CsvLines(dir);
        var head = Fields(lines[0]).ToList();
        var rows = lines.Skip(1).Select(Fields).ToList();
        double Col(int row, string name) => double.Parse(rows[row][head.IndexOf(name)], CultureInfo.InvariantCulture);
        // 0.1 more per kg of HCl costs 0.1 × acid kg/h more per hour, ÷ product oxide kg/h per kg
        double step = 0.1 * Col(0, "acid_kg_per_h") / Col(0, "product_oxide_kg_per_h");
        Assert.Equal(step, Col(1, "cost_per_kg_oxide") - Col(0, "cost_per_kg_oxide"), 9);
        Assert.Equal(step, Col(2, "cost_per_kg_oxide") - Col(1, "cost_per_kg_oxide"), 9);
        // stages: 58 × 3000 per year ÷ 8000 h = 21.75 per hour, in every case
        Assert.Equal(21.75 + 0.1 * Col(0, "acid_kg_per_h") + 0.45 * Col(0, "base_kg_per_h"), Col(0, "cost_per_h"), 9);
    }

    [Fact]
    public void A_parquet_sweep_plots_as_a_heat_map_and_an_unknown_column_exits_2()
    {
        string dir = Path.Combine(root, "plot");
        Assert.Equal(0, Run(SmallSweep(dir, "--format", "parquet")).Code);
        string png = Path.Combine(root, "heat.png");
        var r = Run("plot", Path.Combine(dir, SweepOutput.ParquetName), "--x", "cascades.PrNd.scrub.flow", "--y", "cascades.PrNd.organic.flow",
            "--color", "purity.PrNd.raffinate.Pr", "--out", png);
        Assert.True(r.Code == 0, r.ToString());
        Assert.True(new FileInfo(png).Length > 1000 && File.Exists(Path.ChangeExtension(png, ".svg")));
        var bad = Run("plot", Path.Combine(dir, SweepOutput.ParquetName), "--x", "cascades.PrNd.scrub.flow", "--color", "purity", "--out", png);
        Assert.Equal(2, bad.Code);
        Assert.Contains("not a numeric column", bad.Stderr);
    }

    private static int Rows(string folder)
    {
        var path = Path.Combine(folder, SweepJournal.FileName);
        if (!File.Exists(path)) return 0;
        using var s = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        int n = 0, b;
        while ((b = s.ReadByte()) >= 0) if (b == '\n') n++;
        return Math.Max(0, n - 1);
    }

    private static Process Start(string[] args)
    {
        var start = new ProcessStartInfo(ExternalProcess.DotnetHost)
        {
            WorkingDirectory = AppContext.BaseDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in args.Prepend(ExternalProcess.SxcascadeDll)) start.ArgumentList.Add(arg);
        return Process.Start(start)!;
    }
}

/// <summary><c>optimize</c>: the grid's cheapest case meeting every spec, checked against the sweep of the same grid.</summary>
public sealed class OptimizeCommandTests : IDisposable
{
    private readonly string root = FreshTempPath();

    public void Dispose()
    {
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    // a grid through the file's design (scrub 33.1 L/h: 32.1 + 5·0.2; organic 225.2 L/h: 223.2 + 5·0.4; 32 scrub stages): 11 × 11 × 5 = 605 cases
    private static readonly string[] Grid =
    [
        "--vary", "cascades.PrNd.scrub.flow=32.1..34.1:11", "--vary", "cascades.PrNd.organic.flow=223.2..227.2:11", "--vary", "cascades.PrNd.scrub.stages=30..34:5",
    ];

    [Fact]
    public void The_optimum_is_the_least_reagent_case_of_the_sweep_that_meets_every_spec_and_no_step_from_it_is_better()
    {
        var o = Run(["optimize", Flowsheet("prnd-p507.yaml"), "--minimize", "reagents", .. Grid]);
        Assert.True(o.Code == 0, o.ToString());
        string dir = Path.Combine(root, "grid");
        Assert.Equal(0, Run(["sweep", Flowsheet("prnd-p507.yaml"), .. Grid, "--out", dir, "--quiet"]).Code);
        var lines = File.ReadAllLines(Path.Combine(dir, SweepOutput.CsvName));
        var head = lines[0].Split(',').ToList();
        // (the converged rows have no quoted reason, so a plain split is safe for them)
        var rows = lines.Skip(1).Where(l => l.Contains(",converged,,", StringComparison.Ordinal)).Select(l => l.Split(',')).ToList();
        double V(string[] r, string c) => double.Parse(r[head.IndexOf(c)], CultureInfo.InvariantCulture);
        double Reagents(string[] r) => V(r, "acid_kg_per_kg_oxide") + V(r, "base_kg_per_kg_oxide");
        var feasible = rows.Where(r => r[head.IndexOf("specs_met")] == "true").ToList();
        double least = feasible.Min(Reagents);
        var best = feasible.Where(r => Reagents(r) <= least * (1 + 1e-9)).OrderBy(r => V(r, "total_stages")).First();
        Assert.Contains($"cascades.PrNd.scrub.flow = {V(best, "cascades.PrNd.scrub.flow").ToString("G6", CultureInfo.InvariantCulture)} L/h", o.Stdout);
        Assert.Contains($"cascades.PrNd.scrub.stages = {V(best, "cascades.PrNd.scrub.stages").ToString(CultureInfo.InvariantCulture)}", o.Stdout);
        // one step along any input: a spec broken, or more reagents, or (stages) as many reagents with more stages
        foreach (var line in o.Stdout.Split('\n').Where(l => l.Contains(" step (", StringComparison.Ordinal)))
            Assert.True(line.Contains("breaks a spec", StringComparison.Ordinal) || line.Contains("(+", StringComparison.Ordinal)
                || (line.Contains("ties", StringComparison.Ordinal) && line.Contains($"stages against {V(best, "total_stages")}", StringComparison.Ordinal)
                    && !line.Contains($"with {V(best, "total_stages") - 1} stages", StringComparison.Ordinal))
                || line.Contains("invalid", StringComparison.Ordinal) || line.Contains("failed", StringComparison.Ordinal), line);
        // the file's own design is a case of the grid and meets the specs: the optimum uses no more reagents than it
        var design = Run("run", Flowsheet("prnd-p507.yaml"), "--json").Json().RootElement.GetProperty("reagents");
        Assert.True(Reagents(best) <= design.GetProperty("acid_kg_per_kg_oxide").GetDouble() + design.GetProperty("base_kg_per_kg_oxide").GetDouble() + 1e-9);
    }

    [Fact]
    public void Minimizing_cost_without_a_costs_block_exits_2()
    {
        var o = Run(["optimize", Flowsheet("prnd-p507.yaml"), "--minimize", "cost", .. Grid]);
        Assert.Equal(2, o.Code);
        Assert.Contains("needs a costs: block", o.Stderr);
    }
}
