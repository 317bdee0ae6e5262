using System.Globalization;
using YamlDotNet.Core;
using static SxCascade.IO.YamlEmission;
using Scalar = SxCascade.IO.YamlEmission.Value;
using SxCascade.Chemistry;
using SxCascade.Flowsheets;

namespace SxCascade.IO;

/// <summary>
/// Writes a <see cref="Flowsheet"/> as a flowsheet file (FORMAT.md) that
/// <see cref="FlowsheetLoader"/> reads back to an equal flowsheet: every number is written in its
/// shortest round-trip form ("R", invariant culture) with the base unit of its kind
/// (<c>flow: 225.2 L/h</c>, <c>0.18 mol/L</c>, <c>120 L</c>, <c>322.43 g/mol</c>, <c>975.8 g/L</c>;
/// fractions, ratios and coefficients bare), so no digit is lost or converted.
/// </summary>
/// <remarks>
/// <para>What the file cannot say is written in the form the loader maps it to: a feed's oxide
/// distribution as its element concentrations in mol/L, mass units as mol/L. Values equal to the
/// loader's default are left out (efficiency 1, solver defaults, an element's usual charge,
/// consumes = charge, extractant-order = charge, a zero log-d term, the separation-factor model's
/// NaOH agent); the loader puts the same defaults back. Fields a distribution law's kind does not
/// use (log-k of a log-d law, …) are not written and read back as the loader's defaults.</para>
/// <para>Layout (YamlDotNet's emitter, <see cref="YamlEmission"/>): top-level sections and each feed,
/// cascade and chemistry as block mappings; small mappings (compositions, sections, specs, element
/// laws) on one line in flow style when they fit in <see cref="LineWidth"/> columns, else as block
/// mappings. The emitter quotes text where plain text would read otherwise; the description is a
/// folded block scalar (<c>description: &gt;-</c>) when its text folds back exactly, else a
/// double-quoted string. Lines end with "\n".</para>
/// </remarks>
public static class FlowsheetYamlWriter
{
    /// <summary>Lines are kept within this many columns where the content allows.</summary>
    public const int LineWidth = YamlEmission.LineWidth;

    /// <summary>
    /// Writes <paramref name="fs"/> to <paramref name="w"/>, after <paramref name="header"/> as
    /// comment lines ("# " is prefixed to each line that does not start with '#').
    /// </summary>
    /// <exception cref="ArgumentException">A number is NaN or infinite (the flowsheet is not valid).</exception>
    public static void Write(Flowsheet fs, TextWriter w, IEnumerable<string>? header = null)
    {
        ArgumentNullException.ThrowIfNull(fs);
        ArgumentNullException.ThrowIfNull(w);
        w.Write(ToYaml(fs, header));
    }

    /// <summary>The flowsheet file text of <paramref name="fs"/>; see <see cref="Write"/>.</summary>
    public static string ToYaml(Flowsheet fs, IEnumerable<string>? header = null)
    {
        ArgumentNullException.ThrowIfNull(fs);
        var comments = new List<string>();
        foreach (var line in (header ?? []).SelectMany(h => h.Split('\n')))
        {
            var l = line.TrimEnd('\r');
            // the emitter writes "# " before each comment: a line that is one already keeps its text
            comments.Add(l.StartsWith("# ", StringComparison.Ordinal) ? l[2..] : l.StartsWith('#') ? l[1..] : l);
        }
        // the values are written out, so the tag and source of library values go with them as comments
        var library = new List<(string Where, Provenance P)>();
        if (fs.Chemistry?.Provenance is { } top) library.Add(("chemistry", top));
        foreach (var c in fs.Cascades)
            if (c.Chemistry?.Provenance is { } own) library.Add(($"chemistry of cascade {c.Name}", own));
        foreach (var f in fs.Feeds)
            if (f.Provenance is { } p) library.Add(($"composition of feed {f.Name}", p));
        foreach (var (where, p) in library)
            comments.Add($"{where}: built-in {p.Kind} {p.Name}, {p.TagLabel}; source: {p.Source}");
        var entries = new List<(string, Node)>
        {
            ("sxcascade", new Scalar("1")),
            ("name", Text(fs.Name)),
        };
        if (fs.Description is { } description) entries.Add(("description", Description(description)));
        if (fs.Chemistry is { } chemistry) entries.Add(("chemistry", Chemistry(chemistry)));
        entries.Add(("feeds", Block(fs.Feeds.Select(f => (f.Name, Feed(fs, f))))));
        entries.Add(("cascades", Block(fs.Cascades.Select(c => (c.Name, Cascade(c))))));
        if (fs.Specs.Count > 0) entries.Add(("specs", new Sequence(fs.Specs.Select(Spec).ToList())));
        if (fs.PurityBasis != PurityBasis.Mole) entries.Add(("purity-basis", new Scalar(fs.PurityBasis.Name())));
        if (Solver(fs.Solver) is { } solver) entries.Add(("solver", solver));
        return YamlEmission.Document(new Mapping(entries, BlockOnly: true), comments);
    }

    // ---- the tree (YamlEmission's): scalars already formatted, mappings in order -----------------

    private static Mapping Block(IEnumerable<(string Key, Node Value)> entries) => new(entries.ToList(), BlockOnly: true);

    private static Mapping Flow(params (string Key, Node? Value)[] entries) =>
        new(entries.Where(e => e.Value is not null).Select(e => (e.Key, e.Value!)).ToList());

    private static Mapping Values(IReadOnlyDictionary<string, double> values, Func<double, string> format) =>
        new(values.Select(kv => (kv.Key, (Node)new Scalar(format(kv.Value)))).ToList());

    // ---- the flowsheet's parts ---------------------------------------------------------------------

    private static Node Feed(Flowsheet fs, FeedStream f)
    {
        // A sulfate medium needs the feed's acidity stated: keep "acid:" when it is the only statement.
        bool sulfate = fs.Cascades.Select(c => c.Chemistry).Append(fs.Chemistry)
            .OfType<MassActionChemistry>().Any(m => m.Medium == Medium.Sulfate);
        bool statesAcidity = f.Concentrations.ContainsKey(MassActionChemistry.Proton) || f.Concentrations.ContainsKey("HSO4-");
        var entries = new List<(string, Node)>
        {
            ("flow", new Scalar(Flow(f.Flow))),
            ("composition", Values(f.Concentrations, Molar)),
        };
        if (f.Acid != 0 || (sulfate && !statesAcidity)) entries.Add(("acid", new Scalar(Molar(f.Acid))));
        return new Mapping(entries, BlockOnly: true);
    }

    private static Node Cascade(CascadeDefinition c)
    {
        var entries = new List<(string, Node)>
        {
            c.FeedsListed || c.AdditionalFeeds.Count > 0
                ? ("feeds", new Sequence(c.AllFeeds.Select(f => (Node)Flow(("from", Source(f.From, f.Fraction)), ("stage", f.Stage is { } fs ? new Scalar(Whole(fs)) : null))).ToList()))
                : ("feed", Flow(("from", Source(c.FeedFrom, c.FeedFraction)), ("stage", c.FeedStage is { } s ? new Scalar(Whole(s)) : null))),
            ("extraction", Flow(("stages", new Scalar(Whole(c.ExtractionStages))))),
        };
        if (c.Scrub is { } scrub)
        {
            entries.Add(("scrub", scrub.From is { } scrubFrom
                ? Flow(("stages", new Scalar(Whole(scrub.Stages))), ("from", Source(scrubFrom, scrub.FromFraction)))
                : scrub.Reflux is { } reflux
                ? Flow(("stages", new Scalar(Whole(scrub.Stages))), ("reflux", new Scalar(Number(reflux))))
                : Flow(("stages", new Scalar(Whole(scrub.Stages))), ("flow", new Scalar(Flow(scrub.Flow))), ("acid", new Scalar(Molar(scrub.Acid))),
                    ("composition", scrub.Composition is { Count: > 0 } sc ? Values(sc, Molar) : null))));
        }
        if (c.Strip is { } strip)
            entries.Add(("strip", Flow(("stages", new Scalar(Whole(strip.Stages))), ("flow", new Scalar(Flow(strip.Flow))), ("acid", new Scalar(Molar(strip.Acid))),
                ("composition", strip.Composition is { Count: > 0 } stc ? Values(stc, Molar) : null))));
        entries.Add(("organic", Flow(("from", c.Organic.From is { } linked ? Source(linked, c.Organic.FromFraction) : null),
            ("flow", c.Organic.From is not null && c.Organic.Flow == 0 ? null : new Scalar(Flow(c.Organic.Flow))),
            ("composition", c.Organic.Composition is { } oc ? Values(oc, Molar) : null),
            ("recycle", c.Organic.Recycle is { } r ? new Scalar(Number(r)) : null))));
        // the contactor's preset efficiency is what the loader assumes when the file gives none
        if (c.Efficiency != (c.Contactor?.Preset.Efficiency ?? 1.0)) entries.Add(("efficiency", new Scalar(Number(c.Efficiency))));
        if (c.StageVolume is { } v) entries.Add(("stage-volume", new Scalar(Number(v) + " L")));
        if (c.Contactor is { } contactor) entries.Add(("contactor", Contactor(contactor)));
        if (c.Chemistry is { } chemistry) entries.Add(("chemistry", Chemistry(chemistry)));
        if (c.Draws.Count > 0)
            entries.Add(("draws", new Sequence(c.Draws.Select(d => (Node)Flow(("name", (Text(d.Name))), ("stage", new Scalar(Whole(d.Stage))),
                ("phase", new Scalar(d.Phase == StreamPhase.Organic ? "organic" : "aqueous")),
                ("flow", d.Flow is { } f ? new Scalar(Flow(f)) : null), ("fraction", d.Fraction is { } x ? new Scalar(Number(x)) : null))).ToList())));
        return new Mapping(entries, BlockOnly: true);
    }

    /// <summary>The preset's name alone, or a flow mapping with the values the file set.</summary>
    private static Node Contactor(Contactor c) => c.IsPreset
        ? (Text(c.Preset.Name))
        : Flow(("type", (Text(c.Preset.Name))),
            ("residence-time", c.ResidenceTime is { } t ? new Scalar(Number(t) + " min") : null),
            ("hets", c.Hets is { } h ? new Scalar(Number(h) + " m") : null),
            ("throughput", c.Throughput is { } u ? new Scalar(Number(u) + " m/h") : null));

    private static Node Chemistry(ChemistryDefinition chemistry) => chemistry switch
    {
        ConstantDChemistry d => ConstantD(d),
        SeparationFactorChemistry s => SeparationFactor(s),
        MassActionChemistry m => MassAction(m),
        _ => throw new NotSupportedException($"no writer for chemistry model '{chemistry.Model}'"),
    };

    private static Node ConstantD(ConstantDChemistry d)
    {
        var entries = new List<(string, Node)> { ("model", new Scalar("constant-d")) };
        if (d.DistributionRatios.Count > 0 || d.PerSection.Count == 0)
            entries.Add(("distribution-ratios", Values(d.DistributionRatios, Number)));
        foreach (var (section, key) in new[] { (SectionKind.Extraction, "extraction"), (SectionKind.Scrub, "scrub"), (SectionKind.Strip, "strip") })
        {
            if (d.PerSection.TryGetValue(section, out var map)) entries.Add((key, Values(map, Number)));
        }
        if (d.SaponificationAgent is { } agent) entries.Add(("saponification-agent", (Text(agent))));
        return new Mapping(entries, BlockOnly: true);
    }

    private static Node SeparationFactor(SeparationFactorChemistry s)
    {
        var entries = new List<(string, Node)> { ("model", new Scalar("separation-factor")) };
        if (s.Extractant is { } label) entries.Add(("extractant", Text(label)));
        entries.Add(("separation-factors", Values(s.SeparationFactors, Number)));
        entries.Add(("loading", new Scalar(Molar(s.Loading))));
        if (s.StripDistributionRatios.Count > 0) entries.Add(("strip-distribution-ratios", Values(s.StripDistributionRatios, Number)));
        // the loader's default agent for this model is NaOH; "none" says there is none
        if (s.SaponificationAgent != "NaOH") entries.Add(("saponification-agent", (Text(s.SaponificationAgent ?? "none"))));
        return new Mapping(entries, BlockOnly: true);
    }

    private static Node MassAction(MassActionChemistry m)
    {
        var entries = new List<(string, Node)>
        {
            ("model", new Scalar("mass-action")),
            ("media", new Scalar(m.Medium == Medium.Sulfate ? "sulfate" : "chloride")),
        };
        if (m.Medium == Medium.Sulfate || m.PkaBisulfate != ChemistryModels.DefaultPkaBisulfate)
            entries.Add(("pka-bisulfate", new Scalar(Number(m.PkaBisulfate))));
        var x = m.Extractant;
        // without "agent:" the loader takes NaOH when saponified, none otherwise
        string? agent = x.Agent ?? (x.Saponification > 0 ? "none" : null);
        entries.Add(("extractant", Flow(
            ("name", x.Name is { } name ? (Text(name)) : null),
            ("concentration", new Scalar(Molar(x.Concentration))),
            ("molar-mass", x.MolarMass is { } mm ? new Scalar(Number(mm) + " g/mol") : null),
            ("density", x.Density is { } rho ? new Scalar(Number(rho) + " g/L") : null),
            ("saponification", x.Saponification != 0 || agent is not null ? new Scalar(Number(x.Saponification)) : null),
            ("agent", agent is not null ? (Text(agent)) : null))));
        entries.Add(("elements", new Mapping(m.Laws.Select(kv => (kv.Key, Law(kv.Key, kv.Value))).ToList(), BlockOnly: true)));
        return new Mapping(entries, BlockOnly: true);
    }

    /// <summary>One element's law: exactly one of log-k, log-d, d, plus what differs from the loader's defaults.</summary>
    private static Node Law(string element, DistributionLaw law)
    {
        var entries = new List<(string, Node)>();
        switch (law.Kind)
        {
            case DistributionLawKind.LogK:
                entries.Add(("log-k", new Scalar(Number(law.LogK))));
                if (law.ExtractantOrder != law.Charge) entries.Add(("extractant-order", new Scalar(Number(law.ExtractantOrder))));
                break;
            case DistributionLawKind.LogD:
                var terms = new List<(string, Node)>();
                foreach (var (key, value) in new[] { ("constant", law.Constant), ("ph", law.Ph), ("log-extractant", law.LogExtractant), ("ph-extractant", law.PhExtractant) })
                {
                    if (value != 0) terms.Add((key, new Scalar(Number(value))));
                }
                if (terms.Count == 0) terms.Add(("constant", new Scalar("0")));
                entries.Add(("log-d", new Mapping(terms)));
                break;
            default:
                entries.Add(("d", new Scalar(Number(law.Constant))));
                break;
        }
        if (law.Charge != Elements.DefaultCharge(element)) entries.Add(("charge", new Scalar(Whole(law.Charge))));
        if (law.Consumes != law.Charge) entries.Add(("consumes", new Scalar(Number(law.Consumes))));
        if (law.Kind == DistributionLawKind.LogD && law.PercentVolume) entries.Add(("extractant-unit", (Text("% v/v"))));
        return new Mapping(entries);
    }

    private static Node Spec(ProductSpec s) => Flow(
        ("stream", (Text(s.Stream))),
        ("element", s.Elements.Count == 1 ? (Text(s.Elements[0])) : null),
        ("elements", s.Elements.Count != 1 ? new Sequence(s.Elements.Select(e => (Node)(Text(e))).ToList()) : null),
        ("purity", s.Purity is { } p ? new Scalar(Number(p)) : null),
        ("recovery", s.Recovery is { } r ? new Scalar(Number(r)) : null));

    private static Node? Solver(SolverOptions solver)
    {
        var defaults = new SolverOptions();
        var entries = new List<(string, Node)>();
        if (solver.Tolerance != defaults.Tolerance) entries.Add(("tolerance", new Scalar(Number(solver.Tolerance))));
        if (solver.MaxIterations is { } max) entries.Add(("max-iterations", new Scalar(Whole(max))));
        if (solver.Method != defaults.Method) entries.Add(("method", new Scalar(solver.Method == SolverMethod.Substitution ? "substitution" : "newton")));
        return entries.Count == 0 ? null : new Mapping(entries, BlockOnly: true);
    }

    // ---- numbers and text --------------------------------------------------------------------------

    /// <summary>The shortest text that parses back to the same double: "225.2", "3", "-1.5", "1e-12".</summary>
    private static string Number(double value)
    {
        if (!double.IsFinite(value)) throw new ArgumentException($"cannot write {value} in a flowsheet: numbers must be finite", nameof(value));
        return value.ToString("R", CultureInfo.InvariantCulture).Replace('E', 'e');
    }

    private static string Flow(double litresPerHour) => Number(litresPerHour) + " L/h";

    private static string Molar(double molPerLitre) => Number(molPerLitre) + " mol/L";

    private static string Whole(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static Value Text(string value) => YamlEmission.Text(value);

    // from: NAME for the whole stream, from: { stream: NAME, fraction: f } for a share
    private static Node Source(string stream, double fraction) =>
        fraction == 1 ? Text(stream) : Flow(("stream", Text(stream)), ("fraction", new Scalar(Number(fraction))));

    /// <summary>
    /// A folded block scalar (the emitter wraps it at spaces) when the text folds back exactly: no
    /// leading or trailing white space on any line, no empty first or last line, no tabs or control
    /// characters; else a double-quoted string.
    /// </summary>
    private static Value Description(string description)
    {
        var lines = description.Split('\n');
        bool foldable = lines[0].Length > 0 && lines[^1].Length > 0
            && lines.All(l => l.Length == 0 || (!char.IsWhiteSpace(l[0]) && !char.IsWhiteSpace(l[^1])))
            && !description.Any(ch => (ch < ' ' && ch != '\n') || ch is '\u007F' or '\u0085' or '\u2028' or '\u2029' or '\uFEFF');
        return new Value(description, foldable ? ScalarStyle.Folded : ScalarStyle.DoubleQuoted);
    }
}
