using System.Globalization;
using System.Text.RegularExpressions;
using SxCascade.Chemistry;
using SxCascade.Flowsheets;
using YamlDotNet.RepresentationModel;

namespace SxCascade.IO;

/// <summary>
/// Maps a flowsheet's YAML tree (FORMAT.md) onto the immutable <see cref="Flowsheet"/> records,
/// converting quantities to engine units and recording every structural problem with its place.
/// </summary>
internal sealed partial class FlowsheetMapper(ReadContext context)
{
    private static readonly string[] TopKeys = ["sxcascade", "name", "description", "chemistry", "feeds", "cascades", "specs", "purity-basis", "solver", "costs"];
    private static readonly string[] FeedKeys = ["flow", "composition", "acid"];
    private static readonly string[] OxideKeys = ["total-oxide", "oxide-percent"];
    private static readonly string[] LibraryFeedKeys = ["library", "total-oxide", "total-rare-earth", "oxide-percent"];
    private static readonly string[] CascadeKeys = ["feed", "feeds", "extraction", "scrub", "strip", "organic", "efficiency", "stage-volume", "contactor", "chemistry", "draws"];
    private static readonly string[] DrawKeys = ["name", "stage", "phase", "flow", "fraction"];
    private static readonly string[] Phases = ["aqueous", "organic"];
    private static readonly string[] ContactorKeys = ["type", "residence-time", "hets", "throughput"];
    private static readonly string[] ContactorTypes = [.. ContactorPreset.Names];
    private static readonly string[] CascadeFeedKeys = ["from", "stage"];
    private static readonly string[] SourceKeys = ["stream", "fraction"];
    private static readonly string[] ExtractionKeys = ["stages"];
    private static readonly string[] ScrubKeys = ["stages", "flow", "acid", "reflux", "composition", "from"];
    private static readonly string[] StripKeys = ["stages", "flow", "acid", "composition"];
    private static readonly string[] OrganicKeys = ["flow", "composition", "recycle", "from"];
    private static readonly string[] SpecKeys = ["stream", "element", "elements", "purity", "recovery"];
    private static readonly string[] SolverKeys = ["tolerance", "max-iterations", "method"];
    private static readonly string[] SolverMethods = ["newton", "substitution"];

    /// <summary>FORMAT.md: oxide-percent values must sum to 100 within this many percent.</summary>
    private const double OxidePercentTolerance = 0.5;

    /// <summary>The flowsheet, or null when any problem was found (all recorded in the context).</summary>
    public Flowsheet? Map(YamlNode root)
    {
        int before = context.Errors.Count;
        if (MapReader.Open(context, new Entry("", "", root, root), "the flowsheet", TopKeys) is not { } top) return null;

        ReadVersion(top);
        var name = top.Text("name", "a short title, e.g. name: Pr/Nd split");
        var description = top.OptionalText("description")?.TrimEnd();
        var chemistry = top.Get("chemistry") is { } c ? ChemistryModels.Read(context, c) : null;
        var feeds = ReadNamed(top.Require("feeds", "e.g. feeds: { leach: { flow: 10 L/h, composition: { Nd: 0.1 mol/L } } }"), "feed", ReadFeed);
        var cascades = ReadNamed(top.Require("cascades", "e.g. cascades: { main: { feed: { from: leach }, extraction: { stages: 5 }, organic: { flow: 10 L/h } } }"),
            "cascade", e => ReadCascade(e, top.Has("chemistry"), chemistry));
        CheckFeedAcidity(top.Has("chemistry"), chemistry);
        var basis = top.Choice("purity-basis", PurityBases.Names) is { } basisName ? PurityBases.Parse(basisName) : PurityBasis.Mole;
        var specs = top.Get("specs") is { } s ? ReadSpecs(s, basis) : [];
        var solver = ReadSolver(top.Map("solver", "solver", SolverKeys, required: false));
        var costs = CostsMapper.Read(context, top.Map("costs", "costs", CostsMapper.Keys, required: false));

        return context.Errors.Count > before ? null
            : new Flowsheet(name, description, chemistry, feeds, cascades, specs, solver) { PurityBasis = basis, Costs = costs };
    }

    private void ReadVersion(MapReader top)
    {
        if (top.Require("sxcascade", "the format version; start the file with sxcascade: 1") is not { } e) return;
        if (context.Scalar(e, "1") is { } text && text.Trim() != "1")
            context.Error(e.Value, $"unsupported format version '{text}'; this program reads sxcascade: 1");
    }

    /// <summary>A mapping of user-named items (feeds, cascades), each name checked and its value read by <paramref name="read"/>.</summary>
    private List<T> ReadNamed<T>(Entry? entry, string kind, Func<Entry, T?> read) where T : class
    {
        var items = new List<T>();
        if (entry is not { } e || MapReader.Open(context, e, e.Path, keys: null) is not { } map) return items;
        if (map.Entries.Count == 0)
            context.Error(context.Pointer(e), $"{e.Path} is empty; give at least one {kind}");
        foreach (var item in map.Entries)
        {
            context.CheckName(item, kind);
            if (read(item) is { } value) items.Add(value);
        }
        return items;
    }

    private FeedStream? ReadFeed(Entry e)
    {
        if (MapReader.Open(context, e, $"feed '{e.Name}'", FeedKeys) is not { } m) return null;
        var flow = m.Quantity("flow", QuantityKind.Flow, Limit.Positive, "e.g. flow: 10 L/h");
        Provenance? provenance = null;
        var composition = m.Require("composition", "e.g. composition: { Nd: 0.1 mol/L }") is { } c
            ? ReadComposition(c, out provenance)
            : new Dictionary<string, double>();
        var acid = m.OptionalQuantity("acid", QuantityKind.Concentration, Limit.NonNegative) ?? 0.0;
        // acid species are checked once the chemistries the feed meets are known
        var species = m.Get("composition") is { Value: YamlMappingNode map } comp
            ? map.Children.Keys.OfType<YamlScalarNode>().Where(k => k.Value is { } n && FeedStream.AcidSpecies.Contains(n))
                .Select(k => new Entry(k.Value!, ReadContext.Join(comp.Path, k.Value!), k, map.Children[k])).ToList()
            : [];
        feedAcidity.Add(new FeedAcidity(e, m.Has("acid") || species.Any(x => x.Name is "H+" or "HSO4-"), species));
        return new FeedStream(e.Name, flow, composition, acid) { Provenance = provenance };
    }

    /// <summary>What a feed says about its acidity: the feed, whether it gives acid or H⁺/HSO₄⁻, and its acid species entries.</summary>
    private sealed record FeedAcidity(Entry Feed, bool HasAcid, IReadOnlyList<Entry> Species);

    /// <summary>A cascade's aqueous source and its chemistry (null when unknown: missing or in error).</summary>
    private sealed record ChemistryUse(string From, ChemistryDefinition? Chemistry);

    private readonly List<FeedAcidity> feedAcidity = [];
    private readonly List<ChemistryUse> chemistryUses = [];

    /// <summary>
    /// FORMAT.md "Elements and species": a feed lists H+ (and, in sulfate media, HSO4- and SO4--)
    /// only in mass-action chemistry, and in sulfate media must give its acidity (MODEL.md §3.3: the
    /// bisulfate equilibrium needs it). A feed meets the chemistries of the cascades it feeds, or the
    /// default chemistry when no cascade takes it; feeds meeting a chemistry in error are skipped.
    /// </summary>
    private void CheckFeedAcidity(bool hasDefault, ChemistryDefinition? defaultChemistry)
    {
        foreach (var feed in feedAcidity)
        {
            var uses = chemistryUses.Where(u => u.From == feed.Feed.Name).Select(u => u.Chemistry).ToList();
            if (uses.Count == 0 && hasDefault) uses.Add(defaultChemistry);
            if (uses.Any(u => u is null)) continue;
            var massAction = uses.OfType<MassActionChemistry>().ToList();
            bool sulfate = massAction.Any(m => m.Medium == Medium.Sulfate);
            foreach (var s in feed.Species)
            {
                if (massAction.Count == 0)
                    context.Error(s.Key, $"{s.Name} is an acid species; use 'acid:' for the feed's free acid (acid species go in the composition only in mass-action chemistry)");
                else if (s.Name != MassActionChemistry.Proton && !sulfate)
                    context.Error(s.Key, $"{s.Name} is a sulfate species; it goes in a feed's composition only in sulfate media (media: sulfate); use 'acid:' or H+ for the free acid");
            }
            if (sulfate && !feed.HasAcid)
                context.Error(context.Pointer(feed.Feed), $"feed '{feed.Feed.Name}' has no acid information: sulfate media need 'acid:' or H+/HSO4- in the composition (the bisulfate equilibrium needs the acidity)");
        }
    }

    /// <summary>
    /// Element concentrations (mol/L) given per element, as a rare-earth oxide distribution, or from
    /// a built-in feed (then <paramref name="provenance"/> says which).
    /// </summary>
    private Dictionary<string, double> ReadComposition(Entry e, out Provenance? provenance)
    {
        provenance = null;
        if (e.Value is YamlMappingNode library && YamlDocuments.KeyOf(library, "library") is not null)
            return ReadLibraryComposition(e, out provenance);
        var oxideForm = e.Value is YamlMappingNode map && OxideKeys.Any(k => YamlDocuments.KeyOf(map, k) is not null);
        return oxideForm ? ReadOxideComposition(e) : ElementConcentrations(e, acidSpecies: true);
    }

    /// <summary>
    /// A built-in feed's rare-earth distribution (docs/library.md) at the file's total:
    /// <c>{ library: NAME, total-oxide: 180 g/L }</c> or <c>{ library: NAME, total-rare-earth: 0.5 mol/L }</c>,
    /// optionally with <c>oxide-percent</c> replacing single elements. The distribution is the
    /// library's oxide percentages normalised to 100 over the listed rare earths (element-mass bases
    /// converted first); elements the file gives take its percentages and the others share the rest
    /// in their library proportions; then c_i as in the oxide
    /// form (total-oxide) or c_i = total·x_i with the mole fractions x_i (total-rare-earth). A g/L
    /// liquor without a total gives its measured concentrations.
    /// </summary>
    private Dictionary<string, double> ReadLibraryComposition(Entry e, out Provenance? provenance)
    {
        provenance = null;
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (MapReader.Open(context, e, "composition", LibraryFeedKeys) is not { } m) return result;
        var names = BuiltInLibrary.Feeds.Select(f => f.Name).ToList();
        var libraryEntry = m.Get("library")!.Value;
        if (context.Scalar(libraryEntry, $"the name of a built-in feed ({string.Join(", ", names)})") is not { } name) return result;
        if (BuiltInLibrary.FindFeed(name) is not { } feed)
        {
            context.Error(libraryEntry.Value, $"unknown built-in feed '{name}'; {BuiltInLibrary.DidYouMean(name, names)}built-in feeds: "
                + $"{string.Join(", ", names)} ('sxcascade feeds' lists them with their sources)");
            return result;
        }
        if (feed.Unusable is { } why)
        {
            context.Error(libraryEntry.Value, $"built-in feed '{name}' cannot make a composition: {why}");
            return result;
        }

        var oxide = m.Get("total-oxide");
        var moles = m.Get("total-rare-earth");
        if (oxide is not null && moles is { } both)
        {
            context.Error(both.Key, "give exactly one of total-oxide (g/L of rare-earth oxide) or total-rare-earth (mol/L of rare earths), not both");
            return result;
        }
        var overridden = new List<string>();
        var percent = feed.OxidePercent();
        if (m.Get("oxide-percent") is { } p)
        {
            var own = context.ElementValues(p, Percent, rareEarthsOnly: true);
            if (own.Values.Any(double.IsNaN)) return result;
            var given = own.Values.Sum();
            if (given > 100 || (given == 100 && percent.Keys.Any(k => !own.ContainsKey(k))))
            {
                context.Error(context.Pointer(p), string.Create(CultureInfo.InvariantCulture,
                    $"{p.Path} sums to {given:0.###} %, leaving nothing for the other elements of built-in feed '{name}'; give less than 100 % in all"));
                return result;
            }
            // the elements given keep their percentages; the others keep their proportions in the rest
            var rest = percent.Where(kv => !own.ContainsKey(kv.Key)).Sum(kv => kv.Value);
            percent = percent.Where(kv => !own.ContainsKey(kv.Key))
                .ToDictionary(kv => kv.Key, kv => kv.Value * (100 - given) / rest, StringComparer.Ordinal);
            foreach (var (element, pct) in own)
            {
                percent[element] = pct;
                overridden.Add($"oxide-percent.{element}");
            }
        }
        provenance = new Provenance("feed", name, feed.Tag, null, feed.Source, overridden);

        if (oxide is { } o)
            return OxideDistribution.Concentrations(context.Quantity(o, QuantityKind.MassConcentration, Limit.Positive), percent);
        if (moles is { } r)
        {
            var total = context.Quantity(r, QuantityKind.Concentration, Limit.Positive);
            return OxideDistribution.MoleFractions(percent).ToDictionary(kv => kv.Key, kv => total * kv.Value, StringComparer.Ordinal);
        }
        if (feed.MeasuredConcentrations() is { } measured && overridden.Count == 0) return measured;
        m.Missing($"composition from built-in feed '{name}' needs its total: give total-oxide (g/L of rare-earth oxide, e.g. total-oxide: 180 g/L) "
            + "or total-rare-earth (mol/L, e.g. total-rare-earth: 0.5 mol/L)", "total-oxide", "total-rare-earth");
        return result;
    }

    /// <summary>Concentrations per element; <paramref name="acidSpecies"/> admits H+, HSO4-, SO4-- (a feed; checked against its chemistry later).</summary>
    private Dictionary<string, double> ElementConcentrations(Entry e, bool acidSpecies = false) =>
        context.ElementValues(e, item => context.Quantity(item, QuantityKind.Concentration, Limit.NonNegative, item.Name), acidSpecies: acidSpecies);

    /// <summary>
    /// FORMAT.md oxide form: c_i (mol/L) = total-oxide (g/L) × pct_i/100 / (oxide mass per RE atom of i, MODEL.md §4).
    /// </summary>
    private Dictionary<string, double> ReadOxideComposition(Entry e)
    {
        var result = new Dictionary<string, double>(StringComparer.Ordinal);
        if (MapReader.Open(context, e, "composition", OxideKeys) is not { } m) return result;
        var total = m.Quantity("total-oxide", QuantityKind.MassConcentration, Limit.Positive, "total rare-earth oxide, e.g. total-oxide: 180 g/L");
        if (m.Require("oxide-percent", "e.g. oxide-percent: { La: 23.0, Ce: 50.0, Pr: 6.2, Nd: 18.5, Sm: 0.8 }") is not { } p) return result;
        var percent = context.ElementValues(p, Percent, rareEarthsOnly: true);
        if (percent.Values.Any(double.IsNaN) || percent.Count == 0) return result;
        var sum = percent.Values.Sum();
        if (Math.Abs(sum - 100) > OxidePercentTolerance)
        {
            context.Error(context.Pointer(p), string.Create(CultureInfo.InvariantCulture,
                $"{p.Path} sums to {sum:0.###} %; the oxide percentages must sum to 100 ± {OxidePercentTolerance}"));
        }
        return OxideDistribution.Concentrations(total, percent);
    }

    // An oxide percentage: a bare number of percent ("23.0"), a trailing "%" allowed ("23.0 %").
    private double Percent(Entry item) => context.Number(item, Limit.NonNegative, allowPercentSign: true);

    private CascadeDefinition? ReadCascade(Entry e, bool hasDefaultChemistry, ChemistryDefinition? defaultChemistry)
    {
        if (MapReader.Open(context, e, $"cascade '{e.Name}'", CascadeKeys) is not { } m) return null;

        string from = "";
        int? feedStage = null;
        double feedFraction = 1;
        var more = new List<CascadeFeed>();
        bool listed = m.Has("feeds");
        if (listed && m.Get("feed") is { } both)
            context.Error(both.Key, $"cascade '{e.Name}' has both feed and feeds; give feed for one feed or feeds for several, e.g. feeds: [ {{ from: ore, stage: 14 }}, {{ from: Ce.raffinate, stage: 10 }} ]");
        if (listed)
        {
            var items = context.Items(m.Get("feeds")!.Value, "of feeds, e.g. - { from: ore, stage: 14 }") ?? [];
            if (items is { Count: 0 } && m.Get("feeds") is { } empty)
                context.Error(empty.Value, $"{empty.Path} is empty; list at least one feed, e.g. - {{ from: ore, stage: 14 }}");
            foreach (var item in items)
            {
                if (MapReader.Open(context, item, item.Path, CascadeFeedKeys) is not { } fm) continue;
                var (source, stage, share) = ReadFeed(fm);
                if (item == items[0]) (from, feedStage, feedFraction) = (source, stage, share);
                else more.Add(new CascadeFeed(source, stage) { Fraction = share });
            }
        }
        else if (m.Map("feed", "feed", CascadeFeedKeys, required: true, "e.g. feed: { from: leach, stage: 5 }") is { } feed)
            (from, feedStage, feedFraction) = ReadFeed(feed);
        int extraction = m.Map("extraction", "extraction", ExtractionKeys, required: true, "every cascade has an extraction section, e.g. extraction: { stages: 5 }") is { } x
            ? x.Whole("stages", hint: "e.g. stages: 5")
            : 0;
        var scrub = m.Map("scrub", "scrub", ScrubKeys, required: false) is { } s ? ReadScrub(s) : null;
        var strip = m.Map("strip", "strip", StripKeys, required: false) is { } t ? ReadStrip(t) : null;
        var organic = m.Map("organic", "organic", OrganicKeys, required: true, "e.g. organic: { flow: 10 L/h }") is { } o ? ReadOrganic(o) : null;
        var contactor = m.Get("contactor") is { } ct ? ReadContactor(ct) : null;
        var efficiency = m.OptionalQuantity("efficiency", QuantityKind.Fraction, Limit.UpToOne) ?? contactor?.Preset.Efficiency ?? 1.0;
        var stageVolume = m.OptionalQuantity("stage-volume", QuantityKind.Volume, Limit.Positive);
        var chemistry = m.Get("chemistry") is { } c ? ChemistryModels.Read(context, c) : null;
        if (!hasDefaultChemistry && !m.Has("chemistry"))
            context.Error(e.Key, $"cascade '{e.Name}' has no chemistry; add a top-level chemistry block or a chemistry key in the cascade");
        foreach (var source in more.Select(f => f.From).Prepend(from))
            chemistryUses.Add(new ChemistryUse(source, m.Has("chemistry") ? chemistry : defaultChemistry));

        var draws = m.Get("draws") is { } d ? ReadDraws(d) : [];

        return organic is null ? null
            : new CascadeDefinition(e.Name, from, feedStage, extraction, scrub, strip, organic, efficiency, stageVolume, chemistry, contactor)
            {
                Draws = draws, AdditionalFeeds = more, FeedsListed = listed, FeedFraction = feedFraction,
            };
    }

    /// <summary>One feed <c>{ from, stage }</c> of a cascade.</summary>
    private (string From, int? Stage, double Fraction) ReadFeed(MapReader feed)
    {
        string from = "";
        double fraction = 1;
        if (feed.Require("from", "a feed name or another cascade's outlet, e.g. from: leach") is { } f)
        {
            (from, fraction, var at) = ReadSource(f, "a feed");
            if (from.Length > 0 && !SourcePattern().IsMatch(from))
                context.Error(at, $"{f.Path} must name a feed or a cascade outlet (e.g. leach or LaCe.strip-liquor); got '{from}'");
        }
        return (from, feed.OptionalWhole("stage"), fraction);
    }

    /// <summary>
    /// A source (FORMAT.md "Networks"): <c>from: NAME</c> (the whole stream) or
    /// <c>from: { stream: NAME, fraction: f }</c> (a share 0 &lt; f ≤ 1 of it, a splitter). The node
    /// holding the stream's name comes back for messages about it.
    /// </summary>
    private (string Stream, double Fraction, YamlNode At) ReadSource(Entry f, string inlet)
    {
        switch (f.Value)
        {
            case YamlMappingNode:
            {
                if (MapReader.Open(context, f, f.Path, SourceKeys) is not { } m) return ("", 1, f.Value);
                var stream = m.Require("stream", "the stream split, e.g. stream: PrNd.strip-liquor");
                double fraction = m.OptionalQuantity("fraction", QuantityKind.Fraction, Limit.UpToOne) ?? 1;
                if (!m.Has("fraction"))
                    context.Error(f.Value, $"{f.Path} names a stream but no fraction; give the share taken (e.g. fraction: 0.2), or write from: NAME for the whole stream");
                return (stream is { } e ? context.Text(e) : "", fraction, stream?.Value ?? f.Value);
            }
            case YamlSequenceNode:
                context.Error(f.Value, $"{f.Path}: a mix of several streams is not supported for {inlet} yet; take each stream at its own inlet "
                    + "(several feeds: feeds: [ { from: a, stage: 5 }, { from: b, stage: 5 } ], which mix in their stage)");
                return ("", 1, f.Value);
            default:
                return (context.Text(f), 1, f.Value);
        }
    }

    /// <summary>FORMAT.md "Networks": <c>draws: [ { name, stage, phase, flow } or { …, fraction } ]</c>, each with a flow or a fraction, not both.</summary>
    private List<SideDraw> ReadDraws(Entry e)
    {
        var draws = new List<SideDraw>();
        foreach (var item in context.Items(e, "of side draws, e.g. - { name: eu-cut, stage: 30, phase: aqueous, flow: 4 L/h }") ?? [])
        {
            if (MapReader.Open(context, item, item.Path, DrawKeys) is not { } m) continue;
            string name = "";
            if (m.Require("name", "e.g. name: eu-cut") is { } n)
            {
                name = context.Text(n);
                if (name.Length > 0 && !DrawNamePattern().IsMatch(name))
                    context.Error(n.Value, $"{n.Path} '{name}' is not valid; a draw name may contain only letters, digits, '-' and '_' (its stream is CASCADE.{name})");
            }
            int stage = m.Whole("stage", hint: "the stage whose outlet the draw takes, e.g. stage: 30");
            var phase = m.Choice("phase", Phases) == "organic" ? StreamPhase.Organic : StreamPhase.Aqueous;
            if (!m.Has("phase")) m.Missing($"missing required key 'phase' in {item.Path}: aqueous or organic", "phase");
            var flow = m.OptionalQuantity("flow", QuantityKind.Flow, Limit.Positive);
            var fraction = m.OptionalQuantity("fraction", QuantityKind.Fraction, Limit.OpenFraction);
            if (m.Get("flow") is not null && m.Get("fraction") is { } both)
                context.Error(both.Key, $"{item.Path} has both flow and fraction; give the flow taken (e.g. flow: 4 L/h) or the fraction of the stage's outlet (e.g. fraction: 0.1)");
            if (!m.Has("flow") && !m.Has("fraction"))
                m.Missing($"{item.Path} sets neither flow nor fraction; give one, e.g. flow: 4 L/h or fraction: 0.1", "flow", "fraction");
            draws.Add(new SideDraw(name, stage, phase, flow, fraction));
        }
        return draws;
    }

    [GeneratedRegex("^[A-Za-z0-9_-]+$")]
    private static partial Regex DrawNamePattern();

    /// <summary>
    /// <c>contactor: mixer-settler</c> (the preset) or <c>contactor: { type: pulsed-column, hets: 0.8 m, throughput: 25 m/h }</c>:
    /// residence-time for mixer-settlers and centrifugal contactors, hets and throughput for pulsed columns.
    /// </summary>
    private Contactor? ReadContactor(Entry e)
    {
        if (e.Value is YamlScalarNode)
            return context.Scalar(e, $"one of {string.Join(", ", ContactorTypes)}") is { } name ? Preset(e, name) : null;
        if (MapReader.Open(context, e, "contactor", ContactorKeys) is not { } m) return null;
        if (m.Require("type", $"one of {string.Join(", ", ContactorTypes)}") is not { } t || context.Scalar(t, "a contactor type") is not { } typeName)
            return null;
        if (Preset(t, typeName) is not { } contactor) return null;
        bool column = contactor.Preset.HetsMetres is not null;
        foreach (var key in column ? new[] { "residence-time" } : ["hets", "throughput"])
        {
            if (m.Get(key) is { } wrong)
                context.Error(wrong.Key, column
                    ? $"a pulsed column's hold-up follows from hets and throughput (τ = hets / throughput); remove {key} or give hets: 0.8 m, throughput: 25 m/h"
                    : $"{key} belongs to a pulsed column; a {contactor.Preset.Label} takes residence-time (e.g. residence-time: 15 min)");
        }
        return column
            ? contactor with
            {
                Hets = m.OptionalQuantity("hets", QuantityKind.Length, Limit.Positive),
                Throughput = m.OptionalQuantity("throughput", QuantityKind.Velocity, Limit.Positive),
            }
            : contactor with { ResidenceTime = m.OptionalQuantity("residence-time", QuantityKind.Time, Limit.Positive) };
    }

    private Contactor? Preset(Entry e, string name)
    {
        if (ContactorPreset.Find(name) is { } preset) return new Contactor(preset);
        context.Error(e.Value, $"unknown contactor '{name}'; {Suggestions.DidYouMean(name, ContactorTypes)}available: {string.Join(", ", ContactorTypes)}");
        return null;
    }

    [GeneratedRegex(@"^[A-Za-z0-9_-]+(\.[A-Za-z0-9_-]+)?$")]
    private static partial Regex SourcePattern();

    /// <summary>Acid scrub { stages, flow, acid } or reflux scrub { stages, reflux } with 0 &lt; reflux &lt; 1.</summary>
    private ScrubDefinition ReadScrub(MapReader m)
    {
        var stages = m.Whole("stages", hint: "e.g. stages: 8");
        if (m.Get("from") is { } linked)
        {
            // a linked scrub: another cascade's aqueous outlet is the scrub solution, with its own flow, metals and acid
            foreach (var key in new[] { "flow", "acid", "reflux", "composition" })
                if (m.Get(key) is { } other)
                    context.Error(other.Key, $"a linked scrub (scrub.from) is the other cascade's stream as it is; remove {key}, or remove from for an acid or reflux scrub");
            var (from, fraction, at) = ReadSource(linked, "a linked scrub");
            if (from.Length > 0 && (!SourcePattern().IsMatch(from) || !from.Contains('.', StringComparison.Ordinal)))
                context.Error(at, $"{linked.Path} must name another cascade's aqueous outlet (e.g. PrNd.strip-liquor); got '{from}'");
            return new ScrubDefinition(stages, 0, 0) { From = from, FromFraction = fraction };
        }
        if (m.Get("reflux") is { } reflux)
        {
            if (m.Has("flow") || m.Has("acid"))
                context.Error(reflux.Key, "a scrub takes either reflux (a reflux scrub) or flow and acid (an acid scrub), not both");
            m.OptionalQuantity("flow", QuantityKind.Flow, Limit.Positive);
            m.OptionalQuantity("acid", QuantityKind.Concentration, Limit.NonNegative);
            if (m.Get("composition") is { } rc)
                context.Error(rc.Key, "a reflux scrub is part of the strip liquor, whose composition follows from the solve; composition belongs to an acid scrub (flow and acid)");
            var r = context.Quantity(reflux, QuantityKind.Fraction, Limit.OpenFraction);
            return new ScrubDefinition(stages, 0, 0, r);
        }
        if (!m.Has("flow") && !m.Has("acid"))
        {
            m.Missing("scrub needs flow and acid (an acid scrub, e.g. flow: 33 L/h, acid: 3.0 mol/L) or reflux (a reflux scrub, e.g. reflux: 0.8)",
                "flow", "acid", "reflux");
            return new ScrubDefinition(stages, double.NaN, double.NaN);
        }
        var flow = m.Quantity("flow", QuantityKind.Flow, Limit.Positive, "e.g. flow: 33 L/h");
        var acid = m.Quantity("acid", QuantityKind.Concentration, Limit.NonNegative, "e.g. acid: 3.0 mol/L");
        return new ScrubDefinition(stages, flow, acid, null, m.Get("composition") is { } sc ? ElementConcentrations(sc) : null);
    }

    private StripDefinition ReadStrip(MapReader m) => new(
        m.Whole("stages", hint: "e.g. stages: 6"),
        m.Quantity("flow", QuantityKind.Flow, Limit.Positive, "e.g. flow: 6 L/h"),
        m.Quantity("acid", QuantityKind.Concentration, Limit.NonNegative, "e.g. acid: 4.5 mol/L"))
    {
        Composition = m.Get("composition") is { } c ? ElementConcentrations(c) : null,
    };

    /// <summary><c>organic: { flow, composition, recycle }</c>, or a linked organic <c>{ from: CASCADE.loaded-organic, flow }</c> whose flow is optional.</summary>
    private OrganicDefinition ReadOrganic(MapReader m)
    {
        string? from = null;
        double fromFraction = 1;
        if (m.Get("from") is { } f)
        {
            (from, fromFraction, var at) = ReadSource(f, "a linked organic");
            if (from.Length > 0 && (!SourcePattern().IsMatch(from) || !from.Contains('.', StringComparison.Ordinal)))
                context.Error(at, $"{f.Path} must name another cascade's organic outlet (e.g. LaCe.loaded-organic); got '{from}'");
        }
        double flow = from is null
            ? m.Quantity("flow", QuantityKind.Flow, Limit.Positive, "e.g. flow: 225 L/h")
            : m.OptionalQuantity("flow", QuantityKind.Flow, Limit.Positive) ?? 0;
        return new OrganicDefinition(flow, m.Get("composition") is { } c ? ElementConcentrations(c) : null)
        {
            Recycle = m.OptionalQuantity("recycle", QuantityKind.Fraction, Limit.UpToOne),
            From = from,
            FromFraction = fromFraction,
        };
    }

    private List<ProductSpec> ReadSpecs(Entry e, PurityBasis basis)
    {
        var specs = new List<ProductSpec>();
        foreach (var item in context.Items(e, "of targets, e.g. - { stream: PrNd.raffinate, element: Pr, purity: 0.99 }") ?? [])
        {
            if (MapReader.Open(context, item, item.Path, SpecKeys) is not { } m) continue;
            var stream = m.Text("stream", "e.g. stream: PrNd.raffinate");
            var elements = ReadSpecElements(m);
            var purity = m.OptionalQuantity("purity", QuantityKind.Fraction, Limit.UpToOne);
            if (purity is not null && basis == PurityBasis.OxideMass && elements.FirstOrDefault(x => !Elements.IsRareEarth(x)) is { } other)
                context.Error((m.Get("element") ?? m.Get("elements"))!.Value.Value,
                    $"{item.Path}: {other} has no rare-earth oxide, so a purity on the oxide-mass basis (purity-basis: oxide-mass) cannot include it; " +
                    "name rare earths only (La…Lu, Y, Sc), or use purity-basis: mole");
            var recovery = m.OptionalQuantity("recovery", QuantityKind.Fraction, Limit.UpToOne);
            if (!m.Has("purity") && !m.Has("recovery"))
                m.Missing($"{item.Path} sets neither purity nor recovery; give at least one, e.g. purity: 0.99", "purity", "recovery");
            specs.Add(new ProductSpec(stream, elements, purity, recovery));
        }
        return specs;
    }

    private List<string> ReadSpecElements(MapReader m)
    {
        var single = m.Get("element");
        var group = m.Get("elements");
        if (single is { } s && group is { } g)
            context.Error(g.Key, $"{m.What} has both element and elements; give element for one element or elements for a group");
        if (single is null && group is null)
        {
            m.Missing($"missing required key 'element' (or 'elements' for a group) in {m.What}", "element", "elements");
            return [];
        }
        var symbols = new List<string>();
        if (single is { } one && context.Scalar(one, "an element symbol, e.g. Nd") is { } symbol && context.CheckElement(one.Value, symbol, one.Path))
            symbols.Add(symbol);
        if (group is { } many)
        {
            var items = context.Items(many, "of element symbols, e.g. [Nd, Pr]");
            if (items is { Count: 0 })
                context.Error(many.Value, $"{many.Path} is empty; list at least one element, e.g. [Nd, Pr]");
            foreach (var item in items ?? [])
            {
                if (context.Scalar(item, "an element symbol") is { } sym && context.CheckElement(item.Value, sym, many.Path))
                    symbols.Add(sym);
            }
        }
        return symbols;
    }

    private SolverOptions ReadSolver(MapReader? m)
    {
        var defaults = new SolverOptions();
        if (m is null) return defaults;
        var method = m.Choice("method", SolverMethods) switch
        {
            "substitution" => SolverMethod.Substitution,
            _ => SolverMethod.Newton,
        };
        return new SolverOptions(
            m.Get("tolerance") is { } t ? context.Number(t, Limit.Positive) : defaults.Tolerance,
            m.OptionalWhole("max-iterations"),
            method);
    }
}
