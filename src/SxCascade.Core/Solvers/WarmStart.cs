namespace SxCascade.Solvers;

/// <summary>
/// The solved aqueous profiles of the last case, per cascade, to start the next case from
/// (<see cref="FlowsheetSolver.Solve"/>). A case whose
/// cascade has another number of stages or components starts from the profile resampled onto its
/// stages (linearly in the relative stage position); one the solver cannot finish from the warm
/// start is solved again from the cold start. Not thread-safe: one per chain of cases.
/// </summary>
public sealed class WarmStart
{
    private readonly Dictionary<string, (int Stages, int Components, double[] Aqueous, double[] Flows)> profiles = new(StringComparer.Ordinal);
    private readonly Dictionary<string, double[]> tears = new(StringComparer.Ordinal);

    /// <summary>Cascades with a profile to start from.</summary>
    public int Count => profiles.Count;

    /// <summary>Forgets every profile: the next case starts cold.</summary>
    public void Clear()
    {
        profiles.Clear();
        tears.Clear();
    }

    /// <summary>The last converged concentrations of tear stream <paramref name="stream"/> (a fresh array), or null.</summary>
    internal double[]? TearFor(string stream, int elements) =>
        tears.TryGetValue(stream, out var kept) && kept.Length == elements ? (double[])kept.Clone() : null;

    /// <summary>Keeps the converged concentrations of a tear stream.</summary>
    internal void KeepTear(string stream, double[] concentrations) => tears[stream] = (double[])concentrations.Clone();

    /// <summary>The start for <paramref name="problem"/> (a fresh array the solver may change), or null when none is kept.</summary>
    internal double[]? StartFor(CascadeProblem problem)
    {
        if (!profiles.TryGetValue(problem.Definition.Name, out var kept) || kept.Components != problem.C) return null;
        int n = problem.Stages, c = problem.C;
        var x = new double[n * c];
        if (kept.Stages == n) kept.Aqueous.CopyTo(x, 0);
        else Resample(kept, n, c, x);
        // where the neighbour's flows differ, its stage totals do not fit this case's saturated
        // organic (a start off that manifold costs the Newton more iterations than the cold start,
        // 44 against 13 for 0.2 % more organic): keep its compositions, take this case's totals as
        // the cold start does. With the same flows (another stage count) its totals are the better start.
        if (!Flows(problem).AsSpan().SequenceEqual(kept.Flows)) InitialGuess.BalanceSaturatedTotals(problem, x);
        return x;
    }

    // what sets a cascade's stage totals: organic flow, the distinct aqueous flows, the inflows
    private static double[] Flows(CascadeProblem p) => [p.OrganicFlow, .. p.AqueousOut.Distinct().Order(), .. p.Inflow];

    private static void Resample((int Stages, int Components, double[] Aqueous, double[] Flows) kept, int n, int c, double[] x)
    {
        for (int j = 0; j < n; j++)
        {
            double at = n == 1 ? 0 : (double)j / (n - 1) * (kept.Stages - 1);
            int lo = Math.Min((int)at, kept.Stages - 1), hi = Math.Min(lo + 1, kept.Stages - 1);
            double w = at - lo;
            for (int i = 0; i < c; i++)
                x[j * c + i] = (1 - w) * kept.Aqueous[lo * c + i] + w * kept.Aqueous[hi * c + i];
        }
    }

    /// <summary>Keeps the converged profile of <paramref name="problem"/>'s cascade.</summary>
    internal void Keep(CascadeProblem problem, double[] aqueous) =>
        profiles[problem.Definition.Name] = (problem.Stages, problem.C, (double[])aqueous.Clone(), Flows(problem));
}
