namespace SxCascade.Sweeps;

/// <summary>
/// One varied input of a sweep: <c>--vary PATH=LO..HI:COUNT</c>, values spread evenly from
/// <paramref name="Low"/> to <paramref name="High"/> (geometrically with <paramref name="Log"/>).
/// </summary>
/// <param name="Path">The dotted <c>--set</c> path (e.g. <c>cascades.PrNd.scrub.flow</c>).</param>
/// <param name="Low">First value, in the unit the file writes at the path.</param>
/// <param name="High">Last value; may be below <paramref name="Low"/> (a descending axis).</param>
/// <param name="Count">Number of grid values, ≥ 1 (1 only when Low = High); ignored by a Latin hypercube.</param>
/// <param name="Log">Spread evenly in ln(value) (Low and High &gt; 0).</param>
/// <param name="Integer">The path holds a whole number (a stage count): values are rounded half away from zero.</param>
/// <param name="Unit">The unit written after each value in the override (e.g. "L/h"), or "" for a bare number.</param>
public sealed record SweepAxis(string Path, double Low, double High, int Count, bool Log, bool Integer, string Unit)
{
    /// <summary>The value at the fraction <paramref name="t"/> ∈ [0, 1] of the axis (exactly Low at 0 and High at 1).</summary>
    public double At(double t)
    {
        double v = t <= 0 ? Low : t >= 1 ? High
            : Log ? Math.Exp(Math.Log(Low) + t * (Math.Log(High) - Math.Log(Low)))
            : Low + t * (High - Low);
        return Integer ? Math.Round(v, MidpointRounding.AwayFromZero) : v;
    }

    /// <summary>Why the axis cannot be swept, or null: a count below 1 (of a grid), a log axis not above zero, non-finite ends.</summary>
    /// <param name="sampled">A Latin hypercube, which does not use <see cref="Count"/>.</param>
    public string? Problem(bool sampled = false)
    {
        if (!double.IsFinite(Low) || !double.IsFinite(High)) return $"--vary {Path}: the range ends must be finite numbers";
        if (Log && !(Low > 0 && High > 0)) return $"--vary {Path}: --log needs both ends above zero (got {Low}..{High})";
        if (sampled) return null;
        if (Count < 1) return $"--vary {Path}: the number of values must be at least 1 (got {Count})";
        if (Count == 1 && Low != High) return $"--vary {Path}: one value needs equal ends (LO..LO:1); use at least 2 values for {Low}..{High}";
        return null;
    }
}

/// <summary>How the cases of a sweep are drawn.</summary>
/// <param name="LatinHypercube">Null for the full grid; else the sample size N (≥ 1) of a Latin hypercube.</param>
/// <param name="Seed">Seed of the Latin hypercube (its cases are the same for the same seed on every machine).</param>
public sealed record SweepSampling(int? LatinHypercube, ulong Seed);

/// <summary>
/// The cases of a sweep and the order they are solved in. Case k (0-based) has the same values on
/// every machine and in every shard. Cases are grouped into warm-start chains: the first case of
/// a chain starts cold, each next one from the solution of the one before, which is its nearest
/// neighbour (the next grid value along the last axis; for a Latin hypercube the next case along a
/// Z-order curve through the unit cube). Chains are the unit of work of threads and shards, so a
/// case's start, and with it its result to the last digit, depends neither on how many threads or
/// shards run the sweep nor on where it was resumed.
/// </summary>
public sealed class SweepPlan
{
    /// <summary>Longest warm-start chain: short enough to share a sweep among threads and shards.</summary>
    public const int ChainLength = 64;

    private readonly double[][] values;

    /// <summary>The varied inputs.</summary>
    public IReadOnlyList<SweepAxis> Axes { get; }

    /// <summary>How the cases were drawn.</summary>
    public SweepSampling Sampling { get; }

    /// <summary>Cases in warm-start order, each chain a list of case indices.</summary>
    public IReadOnlyList<int[]> Chains { get; }

    /// <summary>Number of cases.</summary>
    public int CaseCount => values.Length;

    /// <summary>The values of case <paramref name="k"/>, one per axis.</summary>
    public IReadOnlyList<double> ValuesOf(int k) => values[k];

    private SweepPlan(IReadOnlyList<SweepAxis> axes, SweepSampling sampling, double[][] values, IReadOnlyList<int[]> chains)
    {
        Axes = axes;
        Sampling = sampling;
        this.values = values;
        Chains = chains;
    }

    /// <summary>Largest number of cases a sweep may have (the case index is an int; a sweep this large takes days).</summary>
    public const long MaxCases = 100_000_000;

    /// <summary>Builds the plan, or returns why not (a bad axis, no axis, a sample size below 1, too many cases).</summary>
    public static (SweepPlan? Plan, string? Problem) Create(IReadOnlyList<SweepAxis> axes, SweepSampling sampling)
    {
        if (axes.Count == 0) return (null, "give at least one --vary PATH=LO..HI:COUNT");
        foreach (var a in axes)
            if (a.Problem(sampling.LatinHypercube is not null) is { } p) return (null, p);
        var duplicate = axes.GroupBy(a => a.Path, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null) return (null, $"--vary {duplicate.Key} is given twice; give each path once");
        if (sampling.LatinHypercube is { } n)
        {
            if (n < 1) return (null, $"--sample lhs:{n}: the sample size must be at least 1");
            var lhs = LatinHypercube(axes, n, sampling.Seed);
            return (new SweepPlan(axes, sampling, lhs, ZOrderChains(axes, lhs)), null);
        }
        long total = 1;
        foreach (var a in axes)
        {
            total *= a.Count;
            if (total > MaxCases) return (null, $"the grid has more than {MaxCases:N0} cases; use fewer values or --sample lhs:N");
        }
        var grid = Grid(axes, (int)total);
        return (new SweepPlan(axes, sampling, grid, GridChains(axes[^1].Count, (int)total)), null);
    }

    /// <summary>
    /// The chains of shard <paramref name="index"/> of <paramref name="count"/> (1-based): a
    /// contiguous block of chains, floor((I−1)·C/N) to floor(I·C/N) − 1; the N shards together hold every chain once.
    /// </summary>
    public IReadOnlyList<int[]> ChainsOfShard(int index, int count)
    {
        if (count < 1 || index < 1 || index > count) throw new ArgumentOutOfRangeException(nameof(index), $"shard {index}/{count}");
        long c = Chains.Count;
        int from = (int)((index - 1) * c / count), to = (int)(index * c / count);
        return Chains.Skip(from).Take(to - from).ToList();
    }

    // row-major: the last axis varies fastest
    private static double[][] Grid(IReadOnlyList<SweepAxis> axes, int total)
    {
        var result = new double[total][];
        var idx = new int[axes.Count];
        for (int k = 0; k < total; k++)
        {
            int rest = k;
            for (int a = axes.Count - 1; a >= 0; a--)
            {
                idx[a] = rest % axes[a].Count;
                rest /= axes[a].Count;
            }
            var v = new double[axes.Count];
            for (int a = 0; a < axes.Count; a++)
                v[a] = axes[a].Count == 1 ? axes[a].Low : axes[a].At((double)idx[a] / (axes[a].Count - 1));
            result[k] = v;
        }
        return result;
    }

    // runs of the last axis, cut into pieces of at most ChainLength
    private static List<int[]> GridChains(int run, int total)
    {
        var chains = new List<int[]>();
        for (int start = 0; start < total; start += run)
            for (int from = start; from < start + run; from += ChainLength)
                chains.Add(Enumerable.Range(from, Math.Min(ChainLength, start + run - from)).ToArray());
        return chains;
    }

    /// <summary>
    /// McKay's Latin hypercube: axis a of case k lies in stratum π_a(k) of N equal strata of [0, 1],
    /// at a uniform point inside it, π_a a random permutation (Fisher–Yates); SplitMix64 random
    /// numbers, so the sample is the same on every machine and .NET version.
    /// </summary>
    private static double[][] LatinHypercube(IReadOnlyList<SweepAxis> axes, int n, ulong seed)
    {
        var rng = new SplitMix64(seed);
        var unit = new double[n][];
        for (int k = 0; k < n; k++) unit[k] = new double[axes.Count];
        var perm = new int[n];
        for (int a = 0; a < axes.Count; a++)
        {
            for (int k = 0; k < n; k++) perm[k] = k;
            for (int k = n - 1; k > 0; k--)
            {
                int j = (int)(rng.Next() % (ulong)(k + 1));
                (perm[k], perm[j]) = (perm[j], perm[k]);
            }
            for (int k = 0; k < n; k++) unit[k][a] = (perm[k] + rng.NextDouble()) / n;
        }
        return unit.Select(u => u.Select((t, a) => axes[a].At(t)).ToArray()).ToArray();
    }

    // cases sorted along a Z-order (Morton) curve of the unit cube, cut into chains
    private static List<int[]> ZOrderChains(IReadOnlyList<SweepAxis> axes, double[][] values)
    {
        int d = axes.Count, bits = Math.Max(1, 63 / d);
        ulong Key(double[] v)
        {
            ulong key = 0;
            var cell = new ulong[d];
            for (int a = 0; a < d; a++)
            {
                var ax = axes[a];
                double t = ax.High == ax.Low ? 0
                    : ax.Log ? (Math.Log(v[a]) - Math.Log(ax.Low)) / (Math.Log(ax.High) - Math.Log(ax.Low))
                    : (v[a] - ax.Low) / (ax.High - ax.Low);
                cell[a] = (ulong)Math.Clamp(t * ((1UL << bits) - 1), 0, (1UL << bits) - 1);
            }
            for (int b = bits - 1; b >= 0; b--)
                for (int a = 0; a < d; a++)
                    key = (key << 1) | ((cell[a] >> b) & 1);
            return key;
        }
        var order = Enumerable.Range(0, values.Length).OrderBy(k => Key(values[k])).ThenBy(k => k).ToArray();
        var chains = new List<int[]>();
        for (int from = 0; from < order.Length; from += ChainLength)
            chains.Add(order[from..Math.Min(order.Length, from + ChainLength)]);
        return chains;
    }

    /// <summary>SplitMix64 (Steele, Lea and Flood 2014): a fixed, portable random sequence.</summary>
    private sealed class SplitMix64(ulong seed)
    {
        private ulong state = seed;

        public ulong Next()
        {
            ulong z = state += 0x9E3779B97F4A7C15UL;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }

        // 53 random bits in [0, 1)
        public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));
    }
}
