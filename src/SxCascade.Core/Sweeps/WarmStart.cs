using SxCascade.Solvers;

namespace SxCascade.Sweeps;

/// <summary>
/// The solved aqueous profiles of the last case, per cascade, to start the next case from
/// (<see cref="FlowsheetSolver.Solve"/>). A case whose
/// cascade has another number of stages or components starts from the profile resampled onto its
/// stages (linearly in the relative stage position); one the solver cannot finish from the warm
/// start is solved again from the cold start. Not thread-safe: one per chain of cases.
/// </summary>
public sealed class WarmStart
{
    private readonly Dictionary<string, (int Stages, int Components, double[] Aqueous)> profiles = new(StringComparer.Ordinal);

    /// <summary>Cascades with a profile to start from.</summary>
    public int Count => profiles.Count;

    /// <summary>Forgets every profile: the next case starts cold.</summary>
    public void Clear() => profiles.Clear();

    /// <summary>The start for <paramref name="problem"/> (a fresh array the solver may change), or null when none is kept.</summary>
    internal double[]? StartFor(CascadeProblem problem)
    {
        if (!profiles.TryGetValue(problem.Definition.Name, out var kept) || kept.Components != problem.C) return null;
        int n = problem.Stages, c = problem.C;
        if (kept.Stages == n) return (double[])kept.Aqueous.Clone();
        var x = new double[n * c];
        for (int j = 0; j < n; j++)
        {
            double at = n == 1 ? 0 : (double)j / (n - 1) * (kept.Stages - 1);
            int lo = Math.Min((int)at, kept.Stages - 1), hi = Math.Min(lo + 1, kept.Stages - 1);
            double w = at - lo;
            for (int i = 0; i < c; i++)
                x[j * c + i] = (1 - w) * kept.Aqueous[lo * c + i] + w * kept.Aqueous[hi * c + i];
        }
        return x;
    }

    /// <summary>Keeps the converged profile of <paramref name="problem"/>'s cascade.</summary>
    internal void Keep(CascadeProblem problem, double[] aqueous) =>
        profiles[problem.Definition.Name] = (problem.Stages, problem.C, (double[])aqueous.Clone());
}
