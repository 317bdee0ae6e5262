namespace SxCascade.Flowsheets;

/// <summary>
/// Cascades solved together (MODEL.md §9): one cascade on its own, or a cycle of cascades (a
/// strongly connected set of the feed graph) with the tear streams that open it.
/// </summary>
/// <param name="Units">The cascades in the order a pass solves them: each after the cascades feeding it, the tears apart.</param>
/// <param name="Tears">The streams (CASCADE.PORT) whose values a pass assumes and the network converges; empty for a single cascade.</param>
public sealed record NetworkBlock(IReadOnlyList<UnitNode> Units, IReadOnlyList<string> Tears)
{
    /// <summary>True when the block is a cycle, solved by iterating its tears.</summary>
    public bool IsCycle => Tears.Count > 0;
}

/// <summary>
/// How a flowsheet's network is solved: its blocks in solve order (each after every block that
/// feeds it), the tear streams of each cycle, and the stage layout of every cascade with the flows
/// that go round the cycles. Phase flows do not depend on compositions (MODEL.md §1), so they
/// are found first, as the fixed point of the flows of the tear streams: affine in those flows,
/// it is one small linear solve, checked by a pass. Built once per flowsheet value; validation
/// reports its <see cref="FlowProblem"/>, and the solver takes its layouts.
/// </summary>
public sealed class NetworkPlan
{
    /// <summary>Most candidate streams of one cycle for which the smallest tear set is searched exhaustively.</summary>
    private const int ExhaustiveCandidates = 24;

    private readonly Dictionary<UnitNode, StageLayout> _layouts = [];
    private readonly Dictionary<string, double> _tearFlows = new(StringComparer.Ordinal);

    private NetworkPlan(FlowsheetGraph graph)
    {
        Graph = graph;
        Blocks = Decompose(graph);
    }

    private bool _flowsSolved;

    // The flows on first use: validation asks for them only once the stages and draws are in range.
    private void EnsureFlows()
    {
        lock (_layouts)
        {
            if (_flowsSolved) return;
            foreach (var block in Blocks)
            {
                if (_flowProblem is not null) break;
                if (!block.IsCycle) Lay(block.Units[0], block, _ => 0);
                else SolveFlows(block);
            }
            _flowsSolved = true;
        }
    }

    /// <summary>The plan of <paramref name="graph"/>. Its sources must resolve (validation checks that first).</summary>
    public static NetworkPlan Of(FlowsheetGraph graph)
    {
        ArgumentNullException.ThrowIfNull(graph);
        return Cache.GetValue(graph, g => new NetworkPlan(g));
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<FlowsheetGraph, NetworkPlan> Cache = new();

    /// <summary>The graph planned.</summary>
    public FlowsheetGraph Graph { get; }

    /// <summary>The blocks in solve order.</summary>
    public IReadOnlyList<NetworkBlock> Blocks { get; }

    /// <summary>Every tear stream, block by block.</summary>
    public IReadOnlyList<string> Tears => Blocks.SelectMany(b => b.Tears).ToList();

    private string? _flowProblem;
    private NetworkBlock? _flowProblemAt;

    /// <summary>Why the flows of a cycle have no steady value (they grow without bound: nothing leaves it), or null.</summary>
    public string? FlowProblem
    {
        get { EnsureFlows(); return _flowProblem; }
    }

    /// <summary>The cycle <see cref="FlowProblem"/> is about, or null.</summary>
    public NetworkBlock? FlowProblemAt
    {
        get { EnsureFlows(); return _flowProblemAt; }
    }

    /// <summary>The stage layout of <paramref name="unit"/> at the network's steady flows.</summary>
    public StageLayout Layout(UnitNode unit)
    {
        EnsureFlows();
        return _layouts.TryGetValue(unit, out var l) ? l : throw new InvalidOperationException(_flowProblem ?? $"cascade '{unit.Name}' has no layout");
    }

    /// <summary>Flow of a tear stream, L/h.</summary>
    public double TearFlow(string stream)
    {
        EnsureFlows();
        return _tearFlows[stream];
    }

    /// <summary>The flow of the stream a link takes, L/h, once its source is laid out.</summary>
    private double Flow(FeedLink link, NetworkBlock block, Func<string, double> tear)
    {
        if (link.Feed is { } feed) return feed.Flow * link.Fraction;
        string name = link.Source.ToString();
        if (block.Tears.Contains(name)) return tear(name) * link.Fraction;
        return _layouts[link.Unit!].Outlets.First(o => o.Port == link.Outlet!.Port).Flow * link.Fraction;
    }

    private StageLayout Lay(UnitNode unit, NetworkBlock block, Func<string, double> tear)
    {
        var feeds = unit.Feeds.Select(f => Flow(f, block, tear)).ToList();
        double organic = unit.OrganicLink is { } o ? Flow(o, block, tear) : 0, scrub = unit.ScrubLink is { } s ? Flow(s, block, tear) : 0;
        var layout = StageLayout.Create(unit.Definition, feeds, organic, scrub);
        _layouts[unit] = layout;
        return layout;
    }

    private double OutletFlow(string stream)
    {
        var r = StreamRef.Parse(stream);
        var unit = Graph.Unit(r.Unit)!;
        return _layouts[unit].Outlets.First(o => o.Port == r.Port).Flow;
    }

    /// <summary>One pass over a cycle with the tear flows <paramref name="t"/>: the tear flows it gives back.</summary>
    private double[] Pass(NetworkBlock block, double[] t)
    {
        foreach (var u in block.Units) _layouts.Remove(u);
        double Tear(string name) => t[IndexOf(block.Tears, name)];
        foreach (var u in block.Units) Lay(u, block, Tear);
        return block.Tears.Select(OutletFlow).ToArray();
    }

    private static int IndexOf(IReadOnlyList<string> list, string name)
    {
        for (int i = 0; i < list.Count; i++)
            if (list[i] == name) return i;
        throw new InvalidOperationException($"'{name}' is not a tear stream");
    }

    /// <summary>
    /// The tear flows t = a + M·t of a cycle: M and a from passes at t = 1 and t = 1 + e_k, then
    /// (I − M)·t = a. The flows have a steady value only when (I − M)⁻¹ ≥ 0 (M ≥ 0 with spectral
    /// radius below 1): otherwise some flow goes round without leaving and grows without bound.
    /// A pass at the solution checks it (a linked organic made up to organic.flow is not affine
    /// everywhere); where it disagrees, passes of substitution finish the fixed point.
    /// </summary>
    private void SolveFlows(NetworkBlock block)
    {
        int n = block.Tears.Count;
        var ones = Enumerable.Repeat(1.0, n).ToArray();
        var g0 = Pass(block, ones);
        var m = new double[n, n];
        for (int k = 0; k < n; k++)
        {
            var tk = (double[])ones.Clone();
            tk[k] += 1;
            var gk = Pass(block, tk);
            for (int i = 0; i < n; i++) m[i, k] = gk[i] - g0[i];
        }
        var a = new double[n];
        for (int i = 0; i < n; i++)
        {
            a[i] = g0[i];
            for (int k = 0; k < n; k++) a[i] -= m[i, k];
        }
        var inverse = Invert(m);
        double[]? t = null;
        if (inverse is not null && inverse.Cast<double>().All(v => v >= -1e-12))
        {
            t = new double[n];
            for (int i = 0; i < n; i++)
                for (int k = 0; k < n; k++) t[i] += inverse[i, k] * a[k];
        }
        if (t is not null)
            for (int pass = 0; pass < 200; pass++)
            {
                var g = Pass(block, t);
                double change = 0;
                for (int i = 0; i < n; i++) change = Math.Max(change, Math.Abs(g[i] - t[i]) / Math.Max(Math.Abs(g[i]), 1e-300));
                t = g;
                if (change <= 1e-14) break;
            }
        if (t is null || t.Any(v => !(v > 0 && double.IsFinite(v))))
        {
            _flowProblemAt = block;
            var named = block.Units.OrderBy(u => Graph.Units.ToList().IndexOf(u)).Select(u => u.Name).ToList();
            string members = named.Count <= 4 ? string.Join(", ", named) : string.Join(", ", named.Take(4)) + $", … ({named.Count:N0} cascades in all)";
            _flowProblem = $"the cycle through cascades {members} keeps a phase going round that never leaves the flowsheet, so its flow grows without bound; "
                + "let it out: leave one of the outlets that go round as a product, or feed one of these cascades from a feed stream";
            foreach (var u in block.Units) _layouts.Remove(u);
            return;
        }
        for (int i = 0; i < n; i++) _tearFlows[block.Tears[i]] = t[i];
        Pass(block, t);
    }

    private static double[,]? Invert(double[,] m)
    {
        int n = m.GetLength(0);
        var a = new double[n, 2 * n];
        for (int i = 0; i < n; i++)
        {
            for (int k = 0; k < n; k++) a[i, k] = (i == k ? 1 : 0) - m[i, k];
            a[i, n + i] = 1;
        }
        for (int c = 0; c < n; c++)
        {
            int p = c;
            for (int r = c + 1; r < n; r++) if (Math.Abs(a[r, c]) > Math.Abs(a[p, c])) p = r;
            if (!(Math.Abs(a[p, c]) > 1e-12)) return null;
            for (int k = 0; k < 2 * n; k++) (a[c, k], a[p, k]) = (a[p, k], a[c, k]);
            double d = a[c, c];
            for (int k = 0; k < 2 * n; k++) a[c, k] /= d;
            for (int r = 0; r < n; r++)
            {
                if (r == c || a[r, c] == 0) continue;
                double f = a[r, c];
                for (int k = 0; k < 2 * n; k++) a[r, k] -= f * a[c, k];
            }
        }
        var inv = new double[n, n];
        for (int i = 0; i < n; i++)
            for (int k = 0; k < n; k++) inv[i, k] = a[i, n + k];
        return inv;
    }

    /// <summary>
    /// The strongly connected sets of the feed graph (Tarjan), in solve order: each after every set
    /// that feeds it, file order between independent ones; a cycle with its tears.
    /// </summary>
    private static List<NetworkBlock> Decompose(FlowsheetGraph graph)
    {
        var units = graph.Units;
        var fileOrder = new Dictionary<UnitNode, int>();
        for (int i = 0; i < units.Count; i++) fileOrder.TryAdd(units[i], i);
        var component = Tarjan(units, fileOrder);
        int count = component.Values.DefaultIfEmpty(-1).Max() + 1;
        var members = Enumerable.Range(0, count).Select(_ => new List<UnitNode>()).ToList();
        foreach (var u in units) if (component.TryGetValue(u, out int k) && !members[k].Contains(u)) members[k].Add(u);
        // each set after the sets that feed it, depth first up the feeds from each cascade in file
        // order, as FlowsheetGraph.SolveOrder places an acyclic flowsheet
        var blocks = new List<NetworkBlock>(count);
        var placed = new bool[count];
        var upstream = Enumerable.Range(0, count).Select(k => members[k].SelectMany(u => u.Upstream).Where(component.ContainsKey)
            .Select(up => component[up]).Where(c => c != k).Distinct().ToList()).ToList();
        var stack = new Stack<(int Set, int Next)>();
        foreach (var u in fileOrder.Keys)
        {
            if (placed[component[u]]) continue;
            stack.Push((component[u], 0));
            while (stack.Count > 0)
            {
                var (k, next) = stack.Pop();
                if (placed[k]) continue;
                if (next < upstream[k].Count)
                {
                    stack.Push((k, next + 1));
                    if (!placed[upstream[k][next]]) stack.Push((upstream[k][next], 0));
                    continue;
                }
                placed[k] = true;
                var set = members[k].OrderBy(m => fileOrder[m]).ToList();
                bool selfLinked = set.Count == 1 && set[0].Links.Any(l => ReferenceEquals(l.Unit, set[0]));
                blocks.Add(set.Count == 1 && !selfLinked ? new NetworkBlock(set, []) : Cycle(set, fileOrder));
            }
        }
        return blocks;
    }

    private static Dictionary<UnitNode, int> Tarjan(IReadOnlyList<UnitNode> units, Dictionary<UnitNode, int> fileOrder)
    {
        var index = new Dictionary<UnitNode, int>();
        var low = new Dictionary<UnitNode, int>();
        var onStack = new HashSet<UnitNode>();
        var stack = new Stack<UnitNode>();
        var component = new Dictionary<UnitNode, int>();
        int next = 0, components = 0;
        var work = new Stack<(UnitNode Unit, IEnumerator<UnitNode> Up)>();
        foreach (var start in fileOrder.Keys)
        {
            if (index.ContainsKey(start)) continue;
            void Open(UnitNode u)
            {
                index[u] = low[u] = next++;
                stack.Push(u);
                onStack.Add(u);
                work.Push((u, u.Upstream.Where(fileOrder.ContainsKey).GetEnumerator()));
            }
            Open(start);
            while (work.Count > 0)
            {
                var (u, up) = work.Peek();
                if (up.MoveNext())
                {
                    var v = up.Current;
                    if (!index.ContainsKey(v)) Open(v);
                    else if (onStack.Contains(v)) low[u] = Math.Min(low[u], index[v]);
                    continue;
                }
                work.Pop();
                if (work.Count > 0) low[work.Peek().Unit] = Math.Min(low[work.Peek().Unit], low[u]);
                if (low[u] != index[u]) continue;
                UnitNode w;
                do
                {
                    w = stack.Pop();
                    onStack.Remove(w);
                    component[w] = components;
                } while (!ReferenceEquals(w, u));
                components++;
            }
        }
        _ = units;
        return component;
    }

    /// <summary>
    /// A cycle's tears: the fewest streams whose removal leaves its links without a cycle (searched
    /// by size, candidates in file order, so the choice is deterministic; beyond
    /// <see cref="ExhaustiveCandidates"/> streams,
    /// the streams that run back against the file order), and the pass order of the opened graph.
    /// </summary>
    private static NetworkBlock Cycle(List<UnitNode> set, Dictionary<UnitNode, int> fileOrder)
    {
        var inside = set.ToHashSet();
        var links = set.SelectMany(u => u.Links.Where(l => l.Unit is { } up && inside.Contains(up)).Select(l => (To: u, From: l.Unit!, Stream: l.Source.ToString()))).ToList();
        var candidates = links.Select(l => l.Stream).Distinct().ToList();
        List<UnitNode>? Order(IReadOnlySet<string> torn)
        {
            var indegree = set.ToDictionary(u => u, _ => 0);
            var edges = links.Where(l => !torn.Contains(l.Stream)).Select(l => (l.From, l.To)).Distinct().ToList();
            foreach (var (_, to) in edges) indegree[to]++;
            var ready = new SortedSet<(int, UnitNode)>(Comparer<(int, UnitNode)>.Create((a, b) => a.Item1.CompareTo(b.Item1)));
            foreach (var u in set) if (indegree[u] == 0) ready.Add((fileOrder[u], u));
            var order = new List<UnitNode>();
            while (ready.Count > 0)
            {
                var (_, u) = ready.Min;
                ready.Remove(ready.Min);
                order.Add(u);
                foreach (var (from, to) in edges)
                    if (ReferenceEquals(from, u) && --indegree[to] == 0) ready.Add((fileOrder[to], to));
            }
            return order.Count == set.Count ? order : null;
        }
        if (candidates.Count <= ExhaustiveCandidates)
            for (int size = 1; size <= candidates.Count; size++)
                foreach (var subset in Subsets(candidates.Count, size))
                {
                    var torn = subset.Select(i => candidates[i]).ToHashSet(StringComparer.Ordinal);
                    if (Order(torn) is { } order) return new NetworkBlock(order, subset.Select(i => candidates[i]).ToList());
                    if (size >= 4 && candidates.Count > 12) goto greedy;
                }
        greedy:
        // every stream that runs back against the file order: what is left runs forward, so has no cycle
        var back = links.Where(l => fileOrder[l.From] >= fileOrder[l.To]).Select(l => l.Stream).Distinct().ToList();
        return new NetworkBlock(Order(back.ToHashSet(StringComparer.Ordinal))!, back);
    }

    private static IEnumerable<int[]> Subsets(int n, int size)
    {
        var pick = Enumerable.Range(0, size).ToArray();
        while (true)
        {
            yield return (int[])pick.Clone();
            int i = size - 1;
            while (i >= 0 && pick[i] == n - size + i) i--;
            if (i < 0) yield break;
            pick[i]++;
            for (int k = i + 1; k < size; k++) pick[k] = pick[k - 1] + 1;
        }
    }
}
