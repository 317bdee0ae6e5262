using SxCascade.Solvers;
using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Sweeps;

/// <summary>How a sweep case ended.</summary>
public static class CaseStatus
{
    /// <summary>Solved; every balance closes and every check of <see cref="ResultVerdict"/> passed.</summary>
    public const string Converged = "converged";

    /// <summary>The solver did not converge, or its result failed a check; the reason says which.</summary>
    public const string Failed = "failed";

    /// <summary>The case's values make an invalid flowsheet (e.g. a feed stage beyond the extraction stages); nothing was solved.</summary>
    public const string Invalid = "invalid";
}

/// <summary>
/// One case of a sweep: its inputs and what the solve gave. <see cref="Metrics"/> are aligned with
/// <see cref="SweepMetrics.Names"/>; NaN where the case has no value (not converged, or undefined).
/// </summary>
/// <param name="Case">0-based case index in the <see cref="SweepPlan"/>.</param>
/// <param name="Values">The value of each axis, in axis order (the unit the file writes).</param>
/// <param name="Status">One of <see cref="CaseStatus"/>.</param>
/// <param name="Reason">Why the case failed or is invalid (one line); "" when converged.</param>
/// <param name="Iterations">Solver iterations, all attempts included (0 when invalid).</param>
/// <param name="SpecsMet">Every spec met (false when not converged).</param>
/// <param name="Metrics">Purities, recoveries, reagents, stages (see <see cref="SweepMetrics"/>).</param>
public sealed record SweepRow(int Case, IReadOnlyList<double> Values, string Status, string Reason, int Iterations, bool SpecsMet,
    IReadOnlyList<double> Metrics);

/// <summary>
/// The result columns of a sweep, fixed by its base flowsheet: purity and recovery of the element
/// group of each spec in its stream (fractions), reagents (kg/h and kg per kg of product oxide),
/// total stages, organic flow (L/h) and the largest balance error.
/// </summary>
public sealed class SweepMetrics
{
    private readonly List<(string Stream, IReadOnlyList<string> Elements)> groups;
    private readonly bool costed;

    /// <summary>Column names, in row order.</summary>
    public IReadOnlyList<string> Names { get; }

    /// <summary>The columns for sweeps of <paramref name="flowsheet"/>.</summary>
    public SweepMetrics(Flowsheet flowsheet)
    {
        groups = flowsheet.Specs
            .Select(s => (s.Stream, s.Elements))
            .DistinctBy(g => g.Stream + "|" + string.Join("+", g.Elements))
            .ToList();
        var names = new List<string>();
        foreach (var (stream, elements) in groups)
        {
            string g = string.Join("+", elements);
            names.Add($"purity.{stream}.{g}");
            names.Add($"recovery.{stream}.{g}");
        }
        names.AddRange(Fixed);
        costed = flowsheet.Costs is not null;
        if (costed) names.AddRange(["cost_per_h", "cost_per_kg_oxide"]);
        Names = names;
    }

    private static readonly string[] Fixed =
    [
        "acid_kg_per_h", "base_kg_per_h", "salt_kg_per_h", "product_oxide_kg_per_h",
        "acid_kg_per_kg_oxide", "base_kg_per_kg_oxide", "total_stages", "organic_l_per_h", "max_balance_error",
    ];

    /// <summary>The row of case <paramref name="k"/> from its flowsheet and result (costs at the case's own prices).</summary>
    public SweepRow Row(int k, IReadOnlyList<double> values, Flowsheet flowsheet, FlowsheetResult result)
    {
        var m = new double[Names.Count];
        if (!result.Converged)
        {
            Array.Fill(m, double.NaN);
            return new SweepRow(k, values, CaseStatus.Failed, FailureReason(result), result.Iterations, false, m);
        }
        int c = 0;
        foreach (var (stream, elements) in groups)
        {
            var (purity, recovery) = result.GroupQuality(stream, elements);
            m[c++] = purity;
            m[c++] = recovery;
        }
        var r = result.Reagents;
        m[c++] = r.AcidKgPerH;
        m[c++] = r.BaseKgPerH;
        m[c++] = r.SaltKgPerH;
        m[c++] = r.ProductOxideKgPerH;
        m[c++] = r.AcidKgPerKgOxide;
        m[c++] = r.BaseKgPerKgOxide;
        m[c++] = result.Cascades.Sum(s => s.TotalStages);
        m[c++] = result.Cascades.Sum(s => s.OrganicFlow);
        m[c++] = result.MaxBalanceError;
        if (costed)
        {
            var cost = flowsheet.Costs is { } prices ? Costs.CostResult.Compute(prices, flowsheet, result) : null;
            m[c++] = cost?.TotalPerH ?? double.NaN;
            m[c++] = cost?.PerKgOxide ?? double.NaN;
        }
        return new SweepRow(k, values, CaseStatus.Converged, "", result.Iterations, result.SpecsMet, m);
    }

    /// <summary>The row of a case whose flowsheet is invalid.</summary>
    public SweepRow Invalid(int k, IReadOnlyList<double> values, string reason)
    {
        var m = new double[Names.Count];
        Array.Fill(m, double.NaN);
        return new SweepRow(k, values, CaseStatus.Invalid, OneLine(reason), 0, false, m);
    }

    private static string FailureReason(FlowsheetResult result)
    {
        if (result.FailedChecks.Count > 0)
            return OneLine("result failed a check: " + string.Join("; ", result.FailedChecks.Select(f => f.Message)));
        var last = result.Reports.LastOrDefault(r => !r.Converged);
        if (last is null) return "not converged";
        return OneLine($"cascade {last.Cascade}, {last.Method}: {last.Status} after {last.Iterations} iterations"
            + (string.IsNullOrWhiteSpace(last.Message) ? "" : ": " + last.Message));
    }

    /// <summary>A reason as one line (a row of the journal is one line).</summary>
    public static string OneLine(string text) => text.ReplaceLineEndings(" ").Replace('\u0085', ' ').Replace('\u2028', ' ').Replace('\u2029', ' ');
}

/// <summary>
/// Runs the chains of a sweep on several threads: each chain in order, each case warm-started
/// from the one before (<see cref="WarmStart"/>). A case already done (a resumed sweep) is solved
/// again only where a later case of its chain needs its start, and not given to the sink again.
/// </summary>
public static class SweepEngine
{
    /// <summary>Runs <paramref name="chains"/>; <paramref name="sink"/> gets each new row (from several threads at once).</summary>
    /// <param name="plan">The sweep.</param>
    /// <param name="chains">The chains to run (all of the plan's, or a shard's).</param>
    /// <param name="build">The flowsheet of case k, or the reason it is invalid.</param>
    /// <param name="metrics">The result columns.</param>
    /// <param name="done">Cases already written (skipped at the sink).</param>
    /// <param name="sink">Receives each row as soon as it is solved; must be thread-safe.</param>
    /// <param name="threads">Threads (≥ 1).</param>
    /// <param name="cancel">Stops between cases.</param>
    public static void Run(SweepPlan plan, IReadOnlyList<int[]> chains, Func<int, (Flowsheet? Flowsheet, string? Invalid)> build,
        SweepMetrics metrics, IReadOnlySet<int> done, Action<SweepRow> sink, int threads, CancellationToken cancel = default)
    {
        var options = new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, threads), CancellationToken = cancel };
        var source = System.Collections.Concurrent.Partitioner.Create(chains, System.Collections.Concurrent.EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(source, options, chain =>
        {
            int last = chain.Length - 1;
            while (last >= 0 && done.Contains(chain[last])) last--;
            var warm = new WarmStart();
            for (int i = 0; i <= last; i++)
            {
                cancel.ThrowIfCancellationRequested();
                int k = chain[i];
                var values = plan.ValuesOf(k);
                var (flowsheet, invalid) = build(k);
                SweepRow row;
                if (flowsheet is null) row = metrics.Invalid(k, values, invalid ?? "invalid flowsheet");
                else row = metrics.Row(k, values, flowsheet, Solvers.FlowsheetSolver.Solve(flowsheet, fallback: true, warm));
                if (!done.Contains(k)) sink(row);
            }
        });
    }
}
