using System.Runtime.CompilerServices;

namespace SxCascade.Flowsheets;

/// <summary>Phase of a stream or of a cascade's inlet or outlet.</summary>
public enum StreamPhase
{
    /// <summary>The aqueous phase (feeds, raffinates, strip liquors, scrub and strip solutions).</summary>
    Aqueous,
    /// <summary>The organic phase (loaded and stripped organic, the organic inlet).</summary>
    Organic,
}

/// <summary>An outlet port of a cascade (MODEL.md §1); its stream is named CASCADE.PORT.</summary>
public enum OutletKind
{
    /// <summary>Aqueous out of stage 1 (the B product).</summary>
    Raffinate,
    /// <summary>Organic out of the last scrub (or extraction) stage of a cascade without strip (the A product).</summary>
    LoadedOrganic,
    /// <summary>Aqueous out of the first strip stage, less any reflux (the A product).</summary>
    StripLiquor,
    /// <summary>Organic out of the last strip stage (recycled to stage 1 unless the organic inlet is pre-loaded).</summary>
    StrippedOrganic,
    /// <summary>A side draw out of an inner stage (its port is the draw's name).</summary>
    SideDraw,
    /// <summary>The part 1 − r of the stripped organic that is not recycled (<c>organic.recycle: r</c> below 1).</summary>
    Bleed,
}

/// <summary>The file's spelling and the phase of each <see cref="OutletKind"/>.</summary>
public static class OutletKinds
{
    /// <summary>Port names in the order of the enum: raffinate, loaded-organic, strip-liquor, stripped-organic.</summary>
    public static readonly IReadOnlyList<string> Names = ["raffinate", "loaded-organic", "strip-liquor", "stripped-organic", "", "bleed"];

    /// <summary>The port's name in stream names ("strip-liquor"); a side draw's port is the draw's own name.</summary>
    public static string PortName(this OutletKind kind) => kind == OutletKind.SideDraw
        ? throw new ArgumentException("a side draw's port is named by the draw", nameof(kind))
        : Names[(int)kind];

    /// <summary>The phase the port carries (a side draw's is its own; aqueous here).</summary>
    public static StreamPhase Phase(this OutletKind kind) =>
        kind is OutletKind.Raffinate or OutletKind.StripLiquor or OutletKind.SideDraw ? StreamPhase.Aqueous : StreamPhase.Organic;

    /// <summary>"aqueous" or "organic", as results spell a phase.</summary>
    public static string Name(this StreamPhase phase) => phase == StreamPhase.Aqueous ? "aqueous" : "organic";

    /// <summary>The outlet ports a cascade has: raffinate, then the loaded organic, or the strip liquor and the stripped organic.</summary>
    public static IReadOnlyList<OutletKind> Of(CascadeDefinition cascade) => cascade.Strip is null
        ? [OutletKind.Raffinate, OutletKind.LoadedOrganic]
        : cascade.RecyclesOrganic && cascade.Organic.Recycle is < 1
            ? [OutletKind.Raffinate, OutletKind.StripLiquor, OutletKind.StrippedOrganic, OutletKind.Bleed]
            : [OutletKind.Raffinate, OutletKind.StripLiquor, OutletKind.StrippedOrganic];

    /// <summary>Every outlet port of a cascade with its name: the fixed ones (<see cref="Of"/>), then its side draws.</summary>
    public static IReadOnlyList<(OutletKind Kind, string Port, StreamPhase Phase)> Ports(CascadeDefinition cascade) =>
        Of(cascade).Select(k => (k, k.PortName(), k.Phase()))
            .Concat(cascade.Draws.Select(d => (OutletKind.SideDraw, d.Name, d.Phase))).ToArray();
}

/// <summary>
/// A reference to a stream as the file writes it: a feed (<c>ore</c>) or a cascade's outlet
/// (<c>LaCe.strip-liquor</c>). The one place where such a name is taken apart.
/// </summary>
/// <param name="Unit">The feed's name, or the cascade's name for an outlet.</param>
/// <param name="Port">The outlet port's name ("raffinate"), or null for a feed.</param>
public readonly record struct StreamRef(string Unit, string? Port)
{
    /// <summary>Reads "ore" or "LaCe.raffinate" (names hold no '.', so the first '.' separates the port).</summary>
    public static StreamRef Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        int dot = text.IndexOf('.');
        return dot < 0 ? new StreamRef(text, null) : new StreamRef(text[..dot], text[(dot + 1)..]);
    }

    /// <summary>The stream of outlet <paramref name="kind"/> of cascade <paramref name="cascade"/>.</summary>
    public static StreamRef Outlet(string cascade, OutletKind kind) => new(cascade, kind.PortName());

    /// <summary>True for a cascade outlet, false for a feed.</summary>
    public bool IsOutlet => Port is not null;

    /// <summary>The outlet kind the port names, or null (a feed, or a port no cascade has).</summary>
    public OutletKind? Kind => Port is null || Port.Length == 0 ? null : OutletKinds.Names.ToList().IndexOf(Port) is var k and >= 0 ? (OutletKind)k : null;

    /// <summary>The stream's name as the file writes it.</summary>
    public override string ToString() => Port is null ? Unit : $"{Unit}.{Port}";
}

/// <summary>An outlet port of a cascade, with the stream it names.</summary>
/// <param name="Unit">The cascade.</param>
/// <param name="Kind">The port.</param>
/// <param name="Port">The port's name ("raffinate", or a side draw's name).</param>
/// <param name="Phase">The phase it carries.</param>
public sealed record OutletPort(string Unit, OutletKind Kind, string Port, StreamPhase Phase)
{
    /// <summary>The outlet's stream.</summary>
    public StreamRef Stream => new(Unit, Port);
    /// <summary>"LaCe.raffinate".</summary>
    public string Name => Stream.ToString();
}

/// <summary>One feed inlet of a cascade and the stream it takes.</summary>
public sealed class FeedLink
{
    internal FeedLink(int index, CascadeFeed feed)
    {
        Index = index;
        Definition = feed;
        Source = StreamRef.Parse(feed.From);
    }

    /// <summary>Place among the cascade's feeds (0 for the first; -1 for the linked organic of <c>organic.from</c>, -2 for the linked scrub of <c>scrub.from</c>).</summary>
    public int Index { get; }
    /// <summary>The feed as written.</summary>
    public CascadeFeed Definition { get; }
    /// <summary>The stream it takes.</summary>
    public StreamRef Source { get; }
    /// <summary>Share of the stream it takes (1: whole).</summary>
    public double Fraction => Definition.Fraction;
    /// <summary>True when it takes the stream whole.</summary>
    public bool Whole => Definition.Fraction == 1;
    /// <summary>The external feed it takes, or null (a cascade's outlet, or nothing that exists).</summary>
    public FeedStream? Feed { get; internal set; }
    /// <summary>The cascade whose outlet it takes, or null.</summary>
    public UnitNode? Unit { get; internal set; }
    /// <summary>The outlet of <see cref="Unit"/> it takes, or null (also when that cascade has no such port).</summary>
    public OutletPort? Outlet { get; internal set; }
}

/// <summary>A cascade in the graph: its definition, its outlet ports and where its feeds come from.</summary>
public sealed class UnitNode
{
    internal UnitNode(CascadeDefinition definition)
    {
        Definition = definition;
        Feeds = definition.AllFeeds.Select((f, k) => new FeedLink(k, f)).ToArray();
        if (definition.Organic.From is { } from) OrganicLink = new FeedLink(-1, new CascadeFeed(from, null) { Fraction = definition.Organic.FromFraction });
        if (definition.Scrub?.From is { } scrub) ScrubLink = new FeedLink(-2, new CascadeFeed(scrub, null) { Fraction = definition.Scrub.FromFraction });
        Outlets = OutletKinds.Ports(definition).Select(p => new OutletPort(definition.Name, p.Kind, p.Port, p.Phase)).ToArray();
    }

    /// <summary>The cascade as written.</summary>
    public CascadeDefinition Definition { get; }
    /// <summary>The cascade's name.</summary>
    public string Name => Definition.Name;
    /// <summary>Its feeds, the first one first.</summary>
    public IReadOnlyList<FeedLink> Feeds { get; }
    /// <summary>The stream its first aqueous feed comes from.</summary>
    public StreamRef FeedSource => Feeds[0].Source;
    /// <summary>The external feed its first feed takes, or null (fed by a cascade, or by nothing that exists).</summary>
    public FeedStream? Feed => Feeds[0].Feed;
    /// <summary>The cascade whose outlet is its first feed, or null.</summary>
    public UnitNode? FeedUnit => Feeds[0].Unit;
    /// <summary>The outlet of <see cref="FeedUnit"/> that feeds it, or null (also when the cascade has no such port).</summary>
    public OutletPort? FeedOutlet => Feeds[0].Outlet;
    /// <summary>The organic outlet of another cascade it takes as its organic inlet (<c>organic.from</c>), or null.</summary>
    public FeedLink? OrganicLink { get; }
    /// <summary>The aqueous outlet of another cascade it takes as its scrub solution (<c>scrub.from</c>), or null.</summary>
    public FeedLink? ScrubLink { get; }
    /// <summary>Every link to a stream it takes: its feeds, then its linked organic and linked scrub if any.</summary>
    public IEnumerable<FeedLink> Links => Feeds.Append(OrganicLink).Append(ScrubLink).OfType<FeedLink>();
    /// <summary>The cascades whose outlets feed it (any of its feeds, its linked organic and scrub), each once.</summary>
    public IEnumerable<UnitNode> Upstream => Links.Select(f => f.Unit).OfType<UnitNode>().Distinct();
    /// <summary>Its outlet ports (raffinate first).</summary>
    public IReadOnlyList<OutletPort> Outlets { get; }

    /// <summary>The port of kind <paramref name="kind"/> (the first side draw for <see cref="OutletKind.SideDraw"/>), or null when the cascade has none.</summary>
    public OutletPort? Outlet(OutletKind kind) => Outlets.FirstOrDefault(o => o.Kind == kind);

    /// <summary>The port named <paramref name="port"/>, or null.</summary>
    public OutletPort? Outlet(string port) => Outlets.FirstOrDefault(o => o.Port == port);
}

/// <summary>
/// The flowsheet as a graph (FORMAT.md "Networks"): cascades as units with outlet ports, joined to
/// the feeds and to one another by the streams their feeds name. Built once per flowsheet value
/// (<see cref="Of"/>, <see cref="Flowsheet.Graph"/>) and used by validation, the solver (solve
/// order, feed of each cascade), results (which outlets are products), design and comparison;
/// nothing else reads a stream name apart. It is built for any flowsheet, also one that fails
/// validation: a source that does not exist is left unresolved.
/// </summary>
public sealed class FlowsheetGraph
{
    private static readonly ConditionalWeakTable<Flowsheet, FlowsheetGraph> Cache = new();

    private readonly Dictionary<string, UnitNode> _units = new(StringComparer.Ordinal);
    private readonly Dictionary<string, FeedStream> _feeds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, OutletPort> _outlets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<UnitNode>> _consumers = new(StringComparer.Ordinal);

    private FlowsheetGraph(Flowsheet flowsheet)
    {
        Flowsheet = flowsheet;
        foreach (var f in flowsheet.Feeds) _feeds.TryAdd(f.Name, f);
        var units = new List<UnitNode>(flowsheet.Cascades.Count);
        foreach (var c in flowsheet.Cascades)
        {
            var node = new UnitNode(c);
            units.Add(node);
            if (!_units.TryAdd(c.Name, node)) continue;
            foreach (var o in node.Outlets) _outlets.TryAdd(o.Name, o);
        }
        Units = units;
        foreach (var node in units)
            foreach (var link in node.Links)
            {
                var source = link.Source;
                if (source.IsOutlet)
                {
                    if (_units.TryGetValue(source.Unit, out var up))
                    {
                        link.Unit = up;
                        link.Outlet = up.Outlet(source.Port!);
                    }
                }
                else if (_feeds.TryGetValue(source.Unit, out var feed)) link.Feed = feed;
                string name = source.ToString();
                if (!_consumers.TryGetValue(name, out var list)) _consumers[name] = list = [];
                if (!list.Contains(node)) list.Add(node);
            }
        StreamNames = flowsheet.Feeds.Select(f => f.Name).Concat(units.SelectMany(u => u.Outlets.Select(o => o.Name))).ToArray();
    }

    /// <summary>The graph of <paramref name="flowsheet"/>, built on first use and kept for that flowsheet value.</summary>
    public static FlowsheetGraph Of(Flowsheet flowsheet)
    {
        ArgumentNullException.ThrowIfNull(flowsheet);
        return Cache.GetValue(flowsheet, f => new FlowsheetGraph(f));
    }

    /// <summary>The flowsheet it describes.</summary>
    public Flowsheet Flowsheet { get; }

    /// <summary>Every cascade, in file order.</summary>
    public IReadOnlyList<UnitNode> Units { get; }

    /// <summary>Every stream name the flowsheet can produce: the feeds, then each cascade's outlets.</summary>
    public IReadOnlyList<string> StreamNames { get; }

    /// <summary>The cascade named <paramref name="name"/> (the first, when names repeat), or null.</summary>
    public UnitNode? Unit(string name) => _units.GetValueOrDefault(name);

    /// <summary>The cascade of <paramref name="definition"/>.</summary>
    public UnitNode Unit(CascadeDefinition definition) =>
        Units.FirstOrDefault(u => ReferenceEquals(u.Definition, definition)) ?? Unit(definition.Name)
        ?? throw new ArgumentException($"cascade '{definition.Name}' is not in this flowsheet", nameof(definition));

    /// <summary>The external feed named <paramref name="name"/>, or null.</summary>
    public FeedStream? Feed(string name) => _feeds.GetValueOrDefault(name);

    /// <summary>The cascade outlet a stream name refers to, or null (a feed, or no such outlet).</summary>
    public OutletPort? Outlet(string stream) => _outlets.GetValueOrDefault(stream);

    /// <summary>The cascade a stream name belongs to (the outlet's cascade), or null for a feed or an unknown cascade.</summary>
    public UnitNode? UnitOf(string stream) => StreamRef.Parse(stream) is { IsOutlet: true } s ? Unit(s.Unit) : null;

    /// <summary>The cascades whose feed is the stream <paramref name="stream"/>, in file order.</summary>
    public IReadOnlyList<UnitNode> Consumers(string stream) => _consumers.TryGetValue(stream, out var list) ? list : [];

    /// <summary>True when some cascade takes the stream as its feed (so it is not a product).</summary>
    public bool IsConsumed(string stream) => _consumers.ContainsKey(stream);

    /// <summary>Every link that takes <paramref name="stream"/>, in file order of the cascades taking it.</summary>
    public IReadOnlyList<(UnitNode Unit, FeedLink Link)> Takers(string stream) =>
        Consumers(stream).SelectMany(u => u.Links.Where(l => l.Source.ToString() == stream).Select(l => (u, l))).ToList();

    /// <summary>True when some cascade takes only a share of <paramref name="stream"/> (a splitter): the stream is then reported in parts.</summary>
    public bool IsSplit(string stream) => Takers(stream).Any(t => !t.Link.Whole);

    /// <summary>Streams that some cascade takes, each with its takers in file order.</summary>
    public IEnumerable<(string Stream, IReadOnlyList<UnitNode> Takers)> Links => _consumers.Select(kv => (kv.Key, (IReadOnlyList<UnitNode>)kv.Value));

    /// <summary>The streams an aqueous inlet can take: the feeds, then every raffinate and strip liquor.</summary>
    public IReadOnlyList<string> AqueousSources() =>
        Flowsheet.Feeds.Select(f => f.Name)
            .Concat(Units.SelectMany(u => u.Outlets.Where(o => o.Phase == StreamPhase.Aqueous).Select(o => o.Name))).ToList();

    /// <summary>The cascades downstream of <paramref name="unit"/>: those fed by one of its outlets.</summary>
    public IEnumerable<UnitNode> Downstream(UnitNode unit) => Units.Where(u => u.Upstream.Contains(unit));

    /// <summary>
    /// Cascades in solve order (<see cref="NetworkPlan.Blocks"/>): each after the cascades whose
    /// outlets feed it (depth first from each cascade in file order), a cycle's cascades together
    /// in the order its passes solve them.
    /// </summary>
    public IReadOnlyList<UnitNode> SolveOrder() => NetworkPlan.Of(this).Blocks.SelectMany(b => b.Units).ToList();
}
