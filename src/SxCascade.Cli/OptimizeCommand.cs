using System.CommandLine;
using System.Globalization;
using SxCascade.IO;
using SxCascade.Sweeps;

namespace SxCascade.Cli;

/// <summary>
/// <c>sxcascade optimize FILE --minimize cost|reagents|stages|inventory --vary PATH=LO..HI:N …</c>:
/// the cheapest case of the grid that meets every spec of the file, found by solving the whole grid
/// (the sweep engine, warm-started, in memory), with the specs nearest their limits and the objective
/// one grid step from the optimum along each input.
/// </summary>
internal static class OptimizeCommand
{
    /// <summary>Shown under "Examples:" in <c>optimize --help</c>.</summary>
    public static readonly string[] Examples =
    [
        "sxcascade optimize flowsheets/prnd-p507.yaml --minimize reagents --vary cascades.PrNd.scrub.flow=30..40:21 --vary cascades.PrNd.scrub.stages=28..40:13",
    ];

    private static readonly Dictionary<string, (string Column, string Unit)> Objectives = new(StringComparer.Ordinal)
    {
        ["cost"] = ("cost_per_kg_oxide", "per kg of product oxide"),
        ["reagents"] = ("acid_kg_per_kg_oxide+base_kg_per_kg_oxide", "kg acid and base per kg of product oxide"),
        ["stages"] = ("total_stages", "stages"),
        ["inventory"] = ("organic_l_per_h", "L/h of organic (the inventory's proxy: it moves with the organic flow)"),
    };

    /// <summary>The <c>optimize</c> command.</summary>
    public static Command Create(CliContext context)
    {
        var file = new Argument<string>("FILE") { Description = "The flowsheet file; its specs are the constraints." };
        var minimize = new Option<string>("--minimize") { Description = "cost (needs a costs: block), reagents, stages or inventory.", Required = true };
        minimize.AcceptOnlyFromAmong([.. Objectives.Keys]);
        var vary = new Option<string[]>("--vary") { Description = "An input and its grid, as in sweep: PATH=LO..HI:N (stage counts in whole numbers).", HelpName = "PATH=LO..HI:N" };
        var overrides = SharedOptions.Set();
        var threads = new Option<int>("--threads") { Description = "Threads (default: one per core).", DefaultValueFactory = _ => Environment.ProcessorCount };
        var command = new Command("optimize", "Find the grid case that meets every spec at the least cost, reagents, stages or inventory.")
        {
            file, minimize, vary, overrides, threads,
        };
        command.SetAction(parse => Execute(context, parse.GetValue(file)!, parse.GetValue(minimize)!, parse.GetValue(vary) ?? [],
            parse.GetValue(overrides) ?? [], parse.GetValue(threads)));
        return command;
    }

    /// <summary>Runs the search; returns the exit code.</summary>
    internal static int Execute(CliContext context, string file, string minimize, IReadOnlyList<string> vary, IReadOnlyList<string> overrides, int threads)
    {
        var (stdout, stderr) = (context.Stdout, context.Stderr);
        int Usage(string message)
        {
            Diagnostics.WriteUsageErrors([message], "sxcascade optimize", stderr);
            return ExitCodes.InvalidInput;
        }
        if (SweepCommand.LoadCases(file, overrides, stderr) is not var (cases, baseFlowsheet)) return ExitCodes.InvalidInput;
        if (baseFlowsheet.Specs.Count == 0) return Usage($"{file} has no specs: there is nothing to meet");
        if (minimize == "cost" && baseFlowsheet.Costs is null) return Usage($"--minimize cost needs a costs: block in {file} (docs/format.md §8a)");
        var axes = new List<SweepAxis>();
        foreach (var v in vary)
        {
            var (axis, problem) = SweepCommand.ParseAxis(v, false, false, cases);
            if (problem is not null) return Usage(problem);
            foreach (var end in new[] { axis!.Low, axis.High }.Distinct())
                if (cases.Build([axis], [end]).Errors is { Count: > 0 } errors)
                    return Usage($"--vary {v}: at {SweepCases.Override(axis, end)}: " + string.Join("; ", errors.Select(e => e.Message)));
            axes.Add(axis);
        }
        var (plan, planProblem) = SweepPlan.Create(axes, new SweepSampling(null, 0));
        if (plan is null) return Usage(planProblem!);

        var metrics = new SweepMetrics(baseFlowsheet);
        var rows = new SweepRow[plan.CaseCount];
        SweepEngine.Run(plan, plan.Chains, k =>
        {
            var (f, e) = cases.Build(axes, plan.ValuesOf(k));
            return (f, f is null ? string.Join("; ", e.Select(x => x.ToString())) : null);
        }, metrics, new HashSet<int>(), row => rows[row.Case] = row, Math.Max(1, threads));

        var names = metrics.Names.ToList();
        double Objective(SweepRow r) => Objectives[minimize].Column.Split('+').Sum(c => r.Metrics[names.IndexOf(c)]);
        double Reagents(SweepRow r) => r.Metrics[names.IndexOf("acid_kg_per_kg_oxide")] + r.Metrics[names.IndexOf("base_kg_per_kg_oxide")];
        bool Feasible(SweepRow r) => r.Status == CaseStatus.Converged && r.SpecsMet;
        var feasible = rows.Where(Feasible).ToList();
        if (feasible.Count == 0)
            return Usage($"none of the {plan.CaseCount} cases meets every spec of {file}; widen or move the --vary ranges");
        // least objective; cases within 1e-9 of it (relative: the rounding of sums) tie, and of those
        // the fewest stages, then the least reagents, then the first case wins
        double least = feasible.Min(Objective);
        double Stages(SweepRow r) => r.Metrics[names.IndexOf("total_stages")];
        var best = feasible.Where(r => Objective(r) <= least + 1e-9 * Math.Abs(least))
            .OrderBy(Stages).ThenBy(Reagents).ThenBy(r => r.Case).First();

        stdout.WriteLine($"{file}: minimum {minimize} over {plan.CaseCount} cases ({feasible.Count} meet every spec)");
        for (int a = 0; a < axes.Count; a++)
            stdout.WriteLine($"  {axes[a].Path} = {Num(best.Values[a])}{(axes[a].Unit.Length > 0 ? " " + axes[a].Unit : "")}");
        stdout.WriteLine($"  {minimize}: {Num(Objective(best))} {Objectives[minimize].Unit}");
        stdout.WriteLine("Specs (active: the one step that breaks it is next to the optimum)");
        var neighbours = Neighbours(plan, axes, best.Case).Select(n => (n.Axis, n.Step, Row: rows[n.Case])).ToList();
        for (int s = 0; s < baseFlowsheet.Specs.Count; s++)
        {
            var spec = baseFlowsheet.Specs[s];
            string group = string.Join("+", spec.Elements);
            int col = names.IndexOf($"{(spec.Purity is null ? "recovery" : "purity")}.{spec.Stream}.{group}");
            double target = spec.Purity ?? spec.Recovery ?? double.NaN, value = best.Metrics[col];
            bool active = neighbours.Any(n => n.Row.Status == CaseStatus.Converged && n.Row.Metrics[col] < target);
            stdout.WriteLine($"  {spec.Stream} {group} {(spec.Purity is null ? "recovery" : "purity")} {NumberFormat.Percent(value)} % "
                + $">= {NumberFormat.Percent(target)} %{(active ? "  active" : "")}");
        }
        stdout.WriteLine("One grid step from the optimum");
        foreach (var (axis, step, row) in neighbours)
        {
            string what = row.Status != CaseStatus.Converged ? $"{row.Status}: {row.Reason}"
                : !row.SpecsMet ? $"breaks a spec ({minimize} {Num(Objective(row))})"
                : Objective(row) <= least + 1e-9 * Math.Abs(least)
                    ? $"ties ({minimize} {Num(Objective(row))}, equal to 1e-9) with {Num(Stages(row))} stages against {Num(Stages(best))}"
                : $"{minimize} {Num(Objective(row))} ({(Objective(row) - Objective(best) >= 0 ? "+" : "")}{Num(Objective(row) - Objective(best))})";
            stdout.WriteLine($"  {axes[axis].Path} {(step > 0 ? "+1" : "-1")} step ({Num(row.Values[axis])}): {what}");
        }
        return ExitCodes.Done;
    }

    private static string Num(double v) => v.ToString("G6", CultureInfo.InvariantCulture);

    // the grid cases one step along each axis from case k (row-major, the last axis fastest)
    private static IEnumerable<(int Axis, int Step, int Case)> Neighbours(SweepPlan plan, IReadOnlyList<SweepAxis> axes, int k)
    {
        int stride = 1;
        var strides = new int[axes.Count];
        for (int a = axes.Count - 1; a >= 0; a--)
        {
            strides[a] = stride;
            stride *= axes[a].Count;
        }
        for (int a = 0; a < axes.Count; a++)
        {
            int index = k / strides[a] % axes[a].Count;
            if (index > 0) yield return (a, -1, k - strides[a]);
            if (index < axes[a].Count - 1) yield return (a, +1, k + strides[a]);
        }
    }
}
