using System.Runtime.CompilerServices;

namespace SxCascade.Flowsheets;

/// <summary>What kind of stream enters a cascade from outside it.</summary>
public enum InletKind
{
    /// <summary>The aqueous feed (an external feed or another cascade's aqueous outlet).</summary>
    Feed,
    /// <summary>The organic entering stage 1 when it is not the recycled stripped organic (fresh or pre-loaded).</summary>
    OrganicInlet,
    /// <summary>The acid scrub solution entering the top scrub stage.</summary>
    ScrubSolution,
    /// <summary>The strip acid entering the last stage.</summary>
    StripSolution,
    /// <summary>Fresh organic making up the bleed of a recycled organic, (1 − r)·O, or a linked organic to the cascade's flow, into stage 1.</summary>
    OrganicMakeUp,
    /// <summary>Another cascade's organic outlet taken whole as the organic inlet (<c>organic.from</c>): an internal stream.</summary>
    LinkedOrganic,
}

/// <summary>A stream entering one stage of a cascade from outside the cascade.</summary>
/// <param name="Name">Stream name: the feed's source, or CASCADE.organic-inlet, CASCADE.scrub-solution, CASCADE.strip-solution.</param>
/// <param name="Kind">What it is.</param>
/// <param name="Phase">Its phase.</param>
/// <param name="Stage">0-based stage it enters.</param>
/// <param name="Flow">Volumetric flow, L/h.</param>
/// <param name="Composition">Metals it carries, mol/L (null for the feed, whose composition comes from its source, and for a fresh organic or a plain acid).</param>
/// <param name="Acid">Free acid, mol/L H⁺ (scrub and strip solutions; 0 otherwise).</param>
public sealed record StageInlet(string Name, InletKind Kind, StreamPhase Phase, int Stage, double Flow,
    IReadOnlyDictionary<string, double>? Composition, double Acid);

/// <summary>A stream leaving one stage of a cascade for outside the cascade.</summary>
/// <param name="Kind">The outlet port.</param>
/// <param name="Stage">0-based stage whose outlet of that phase it is.</param>
/// <param name="Flow">Volumetric flow, L/h.</param>
/// <param name="Recycled">True for the stripped organic returned to stage 1 (it does not leave the cascade).</param>
/// <param name="Port">The port's name ("raffinate", or a side draw's name).</param>
public sealed record StageOutlet(OutletKind Kind, int Stage, double Flow, bool Recycled, string Port)
{
    /// <summary>The phase the outlet carries.</summary>
    public StreamPhase Phase => Kind.Phase();
}

/// <summary>
/// The stage layout of one cascade (MODEL.md §1–2), written once: the section of every stage,
/// the organic flow O, the aqueous flow A_j leaving each stage and A↓_j arriving from the stage
/// below, which inlets enter which stage (feed, organic inlet, scrub and strip solutions), which
/// outlets leave which stage (raffinate, loaded organic, strip liquor, stripped organic), the
/// reflux and the organic recycle. The balance of component i in stage j (in − out, mol/h) is
///   R_ij = O·y_{i,j-1} + A↓_j·c_{i,j+1} + F_ij − O·y_ij − A_j·c_ij
/// with y_{-1} the organic inlet (or y_{N-1} when the stripped organic is recycled); the solvers,
/// the starting profiles, the saturated stage totals and the results all take their flows and
/// this balance from here (<see cref="Residual"/>, <see cref="Inflow"/>,
/// <see cref="AqueousFromBalance"/>, <see cref="LinearBalance"/>). Stages are 0-based.
/// </summary>
public sealed class StageLayout
{
    private StageLayout(CascadeDefinition cascade, IReadOnlyList<double> feedFlows, double linkedOrganic, double linkedScrub)
    {
        Definition = cascade;
        LinkedOrganicFlow = cascade.Organic.From is null ? 0 : linkedOrganic;
        int n = cascade.ExtractionStages, m = cascade.ScrubStages, k = cascade.StripStages, total = n + m + k;
        int feedStage = cascade.EffectiveFeedStage - 1;
        double feedFlow = feedFlows[0];
        FeedStage = feedStage;
        FeedFlow = feedFlow;
        var feeds = cascade.AllFeeds;
        // a linked organic: the linked stream's flow, made up with fresh organic to organic.flow if larger
        OrganicFlow = cascade.Organic.From is null ? cascade.Organic.Flow : Math.Max(cascade.Organic.Flow, linkedOrganic);
        Reflux = cascade.Scrub?.Reflux ?? 0;
        RecycledOrganic = cascade.RecyclesOrganic;
        RecycleFraction = RecycledOrganic ? cascade.Organic.Recycle ?? 1.0 : 0;
        var sections = new SectionKind[total];
        for (int j = 0; j < total; j++)
            sections[j] = j < n ? SectionKind.Extraction : j < n + m ? SectionKind.Scrub : SectionKind.Strip;
        Sections = sections;

        double scrubFlow = cascade.Scrub?.From is null ? ScrubSolutionFlow(cascade) : linkedScrub;
        var aqOut = new double[total];
        for (int j = 0; j < total; j++)
            aqOut[j] = sections[j] switch
            {
                SectionKind.Strip => cascade.Strip!.Flow,
                SectionKind.Scrub => scrubFlow,
                _ => j <= feedStage ? scrubFlow + feedFlow : scrubFlow,
            };
        // further feeds add their flow to every extraction stage at and below the one they enter
        for (int f = 1; f < feeds.Count; f++)
            for (int j = 0; j <= (feeds[f].Stage ?? n) - 1 && j < n; j++) aqOut[j] += feedFlows[f];
        // the aqueous runs down the cascade; at the scrub/strip boundary only the reflux goes on
        var aqDown = new double[total];
        for (int j = 0; j < total - 1; j++)
            aqDown[j] = j == n + m - 1 && k > 0 ? Reflux * aqOut[j + 1] : aqOut[j + 1];
        _drawn = new double[total];
        var draws = ApplyDraws(cascade, aqOut, aqDown, _drawn);
        AqueousOut = aqOut;
        AqueousDown = aqDown;

        var inlets = new List<StageInlet> { new(cascade.FeedFrom, InletKind.Feed, StreamPhase.Aqueous, feedStage, feedFlow, null, 0) };
        for (int f = 1; f < feeds.Count; f++)
            inlets.Add(new(feeds[f].From, InletKind.Feed, StreamPhase.Aqueous, (feeds[f].Stage ?? n) - 1, feedFlows[f], null, 0));
        if (cascade.Organic.From is { } from)
        {
            inlets.Add(new(from, InletKind.LinkedOrganic, StreamPhase.Organic, 0, LinkedOrganicFlow, null, 0));
            if (OrganicFlow > LinkedOrganicFlow)
                inlets.Add(new($"{cascade.Name}.organic-inlet", InletKind.OrganicMakeUp, StreamPhase.Organic, 0, OrganicFlow - LinkedOrganicFlow, null, 0));
        }
        if (cascade.Scrub?.From is { } scrubFrom)
            // the linked scrub enters where an acid scrub would, with no fresh acid; its metals and acidity are the stream's
            inlets.Add(new(scrubFrom, InletKind.ScrubSolution, StreamPhase.Aqueous, cascade.ExtractionStages + cascade.ScrubStages - 1, linkedScrub, null, 0));
        inlets.AddRange(SolutionInlets(cascade));
        Inlets = inlets;

        // the raffinate is what of stage 1's aqueous is not drawn
        var outlets = new List<StageOutlet> { Fixed(OutletKind.Raffinate, 0, cascade.Draws.Count == 0 ? aqOut[0] : aqOut[0] - _drawn[0], false) };
        if (cascade.Strip is null) outlets.Add(Fixed(OutletKind.LoadedOrganic, LoadedStage, OrganicFlow, false));
        else
        {
            outlets.Add(Fixed(OutletKind.StripLiquor, StripStart, (1 - Reflux) * aqOut[StripStart], false));
            outlets.Add(Fixed(OutletKind.StrippedOrganic, total - 1, RecycledOrganic ? RecycledOrganicFlow : OrganicFlow, RecycledOrganic));
            if (RecycledOrganic && RecycleFraction < 1)
                outlets.Add(Fixed(OutletKind.Bleed, total - 1, OrganicFlow * (1 - RecycleFraction), false));
        }
        outlets.AddRange(draws);
        Outlets = outlets;
    }

    private static StageOutlet Fixed(OutletKind kind, int stage, double flow, bool recycled) => new(kind, stage, flow, recycled, kind.PortName());

    /// <summary>
    /// Aqueous side draws, taken from the top one down: a draw of d L/h (or of a fraction of what
    /// leaves its stage s then) leaves with stage s's aqueous outlet, so A_s is unchanged and the
    /// aqueous of every stage below s (down to the raffinate) is d less: A_j −= d for j &lt; s and
    /// A↓_{s-1} = A_s − d. Draws lie in the extraction and scrub stages (validation), where the
    /// aqueous runs unbroken down to stage 1. Without draws the arrays are left untouched.
    /// </summary>
    private static List<StageOutlet> ApplyDraws(CascadeDefinition cascade, double[] aqOut, double[] aqDown, double[] taken)
    {
        var outlets = new List<StageOutlet>();
        if (cascade.Draws.Count == 0) return outlets;
        foreach (var d in cascade.Draws.Where(d => d.Phase == StreamPhase.Aqueous).OrderByDescending(d => d.Stage))
        {
            int s = d.Stage - 1;
            double flow = d.Flow ?? d.Fraction!.Value * (aqOut[s] - taken[s]);
            taken[s] += flow;
            for (int j = 0; j < s; j++) aqOut[j] -= flow;
            outlets.Add(new StageOutlet(OutletKind.SideDraw, s, flow, false, d.Name));
        }
        int top = cascade.ExtractionStages + cascade.ScrubStages - 1;
        for (int j = 0; j < top; j++) aqDown[j] = aqOut[j + 1] - taken[j + 1];
        outlets.Reverse();   // in stage order, the lowest first
        return outlets;
    }

    /// <summary>The layout of <paramref name="cascade"/> (one feed) with an aqueous feed of <paramref name="feedFlow"/> L/h.</summary>
    public static StageLayout Create(CascadeDefinition cascade, double feedFlow)
    {
        ArgumentNullException.ThrowIfNull(cascade);
        if (cascade.AdditionalFeeds.Count > 0)
            throw new ArgumentException($"cascade '{cascade.Name}' has {cascade.AdditionalFeeds.Count + 1} feeds; give the flow of each", nameof(feedFlow));
        return new StageLayout(cascade, [feedFlow], 0, 0);
    }

    /// <summary>The layout of <paramref name="cascade"/> with the flows of its feeds (<see cref="CascadeDefinition.AllFeeds"/>), L/h.</summary>
    /// <param name="cascade">The cascade.</param>
    /// <param name="feedFlows">Flow of each feed, L/h.</param>
    /// <param name="linkedOrganicFlow">Flow of the linked organic (<c>organic.from</c>), L/h; ignored without one.</param>
    /// <param name="linkedScrubFlow">Flow of the linked scrub solution (<c>scrub.from</c>), L/h; ignored without one.</param>
    public static StageLayout Create(CascadeDefinition cascade, IReadOnlyList<double> feedFlows, double linkedOrganicFlow = 0, double linkedScrubFlow = 0)
    {
        ArgumentNullException.ThrowIfNull(cascade);
        ArgumentNullException.ThrowIfNull(feedFlows);
        if (feedFlows.Count != cascade.AdditionalFeeds.Count + 1)
            throw new ArgumentException($"cascade '{cascade.Name}' has {cascade.AdditionalFeeds.Count + 1} feeds; got {feedFlows.Count} flows", nameof(feedFlows));
        return new StageLayout(cascade, feedFlows, linkedOrganicFlow, linkedScrubFlow);
    }

    /// <summary>Flow of the linked organic (<c>organic.from</c>) entering stage 1, L/h (0 without one).</summary>
    public double LinkedOrganicFlow { get; }

    /// <summary>Fresh organic saponified per hour, L/h: O, less the linked organic, which arrives loaded and is not saponified again.</summary>
    public double FreshOrganicFlow => LinkedOrganicFlow == 0 ? OrganicFlow : OrganicFlow - LinkedOrganicFlow;

    /// <summary>The cascade as written.</summary>
    public CascadeDefinition Definition { get; }
    /// <summary>Number of stages N.</summary>
    public int Stages => Sections.Length;
    /// <summary>Section of each stage.</summary>
    public SectionKind[] Sections { get; }
    /// <summary>Organic flow O, L/h (constant through the cascade).</summary>
    public double OrganicFlow { get; }
    /// <summary>A_j: aqueous flow leaving stage j, L/h.</summary>
    public double[] AqueousOut { get; }
    /// <summary>A↓_j: aqueous flow from stage j+1 into stage j, L/h (0 at the last stage, and at the scrub/strip boundary unless reflux).</summary>
    public double[] AqueousDown { get; }
    /// <summary>0-based stage the (first) aqueous feed enters.</summary>
    public int FeedStage { get; }
    /// <summary>Flow of the (first) aqueous feed, L/h.</summary>
    public double FeedFlow { get; }
    /// <summary>Fraction r of the strip liquor returned to the top scrub stage (0 without reflux scrub).</summary>
    public double Reflux { get; }
    /// <summary>True when the stripped organic (out of stage N) is the organic inlet of stage 1.</summary>
    public bool RecycledOrganic { get; }
    /// <summary>r: fraction of the stripped organic returned to stage 1 (1 for a full recycle, 0 when not recycled); the rest is bled and made up with fresh organic.</summary>
    public double RecycleFraction { get; }
    /// <summary>r·O: the recycled part of the organic flow, L/h.</summary>
    public double RecycledOrganicFlow => OrganicFlow * RecycleFraction;

    /// <summary>
    /// The organic inlet of stage 1 when recycled: r·y_N of the stripped organic
    /// <paramref name="stripped"/> (the fresh make-up carries none), mol/L, into <paramref name="inlet"/>.
    /// </summary>
    public void RecycledInlet(ReadOnlySpan<double> stripped, Span<double> inlet)
    {
        double r = RecycleFraction;
        if (r == 1.0)
        {
            stripped.CopyTo(inlet);
            return;
        }
        for (int i = 0; i < stripped.Length; i++) inlet[i] = r * stripped[i];
    }
    /// <summary>0-based index of the first strip stage, or -1.</summary>
    public int StripStart => Definition.Strip is null ? -1 : Definition.ExtractionStages + Definition.ScrubStages;
    /// <summary>0-based index of the last scrub (or extraction, without scrub) stage: where the loaded organic leaves.</summary>
    public int LoadedStage => Definition.ExtractionStages + Definition.ScrubStages - 1;
    /// <summary>0-based stage the scrub solution (or the reflux) enters: the top scrub stage.</summary>
    public int ScrubStage => LoadedStage;
    /// <summary>Streams entering from outside the cascade: the feed first, then <see cref="SolutionInlets"/>.</summary>
    public IReadOnlyList<StageInlet> Inlets { get; }
    /// <summary>Streams leaving the cascade's stages: the raffinate first, then the loaded organic, or the strip liquor and the stripped organic.</summary>
    public IReadOnlyList<StageOutlet> Outlets { get; }

    /// <summary>Aqueous volumetric flow of the scrub solution entering stage n+m, L/h (the reflux of the strip liquor, or the acid scrub's flow).</summary>
    public static double ScrubSolutionFlow(CascadeDefinition c) =>
        c.Scrub is null ? 0 : c.Scrub.IsReflux ? c.Scrub.Reflux!.Value * (c.Strip?.Flow ?? 0) : c.Scrub.Flow;

    /// <summary>
    /// The inlets of a cascade other than its feed, which do not depend on the feed: the organic
    /// unless recycled (fresh or pre-loaded, stage 1), the acid scrub solution (top scrub stage)
    /// and the strip solution (last stage).
    /// </summary>
    public static IReadOnlyList<StageInlet> SolutionInlets(CascadeDefinition c)
    {
        ArgumentNullException.ThrowIfNull(c);
        var inlets = new List<StageInlet>(3);
        if (c.Organic.From is not null) { }   // the linked organic and its make-up need the linked flow (the layout adds them)
        else if (!c.RecyclesOrganic)
            inlets.Add(new($"{c.Name}.organic-inlet", InletKind.OrganicInlet, StreamPhase.Organic, 0, c.Organic.Flow, c.Organic.Composition, 0));
        else if (c.Organic.Recycle is { } r and < 1)
            // the fresh make-up of a bled organic: (1 − r)·O with no metal
            inlets.Add(new($"{c.Name}.organic-inlet", InletKind.OrganicMakeUp, StreamPhase.Organic, 0, c.Organic.Flow * (1 - r), null, 0));
        if (c.Scrub is { IsReflux: false, From: null } s)
            inlets.Add(new($"{c.Name}.scrub-solution", InletKind.ScrubSolution, StreamPhase.Aqueous, c.ExtractionStages + s.Stages - 1, s.Flow, s.Composition, s.Acid));
        if (c.Strip is { } st)
            inlets.Add(new($"{c.Name}.strip-solution", InletKind.StripSolution, StreamPhase.Aqueous, c.TotalStages - 1, st.Flow, st.Composition, st.Acid));
        return inlets;
    }

    private readonly double[] _drawn;

    /// <summary>Aqueous side-drawn from stage j, L/h (0 without a draw there).</summary>
    public double AqueousDrawn(int j) => _drawn[j];

    /// <summary>The outlet of kind <paramref name="kind"/>, or null when the cascade has none.</summary>
    public StageOutlet? Outlet(OutletKind kind) => Outlets.FirstOrDefault(o => o.Kind == kind);

    /// <summary>
    /// What enters stage j of component i, mol/h: O·φ·y_in + A↓_j·c_below + F (the aqueous from
    /// below only where there is a stage below). φ is the share of the arriving organic counted
    /// (the Murphree η in a stage flash; 1 in the balance).
    /// </summary>
    /// <param name="j">0-based stage.</param>
    /// <param name="organicIn">y_{j-1} (the organic inlet at stage 1), mol/L.</param>
    /// <param name="aqueousBelow">c_{j+1}, mol/L (ignored at the last stage).</param>
    /// <param name="external">F_ij, mol/h.</param>
    /// <param name="organicShare">φ.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Inflow(int j, double organicIn, double aqueousBelow, double external, double organicShare = 1.0) =>
        OrganicFlow * organicIn * organicShare + (j + 1 < Sections.Length ? AqueousDown[j] * aqueousBelow : 0) + external;

    /// <summary>The balance R_ij = O·y_{j-1} + A↓_j·c_{j+1} + F_ij − O·y_j − A_j·c_j, mol/h (in − out).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double Residual(int j, double organicIn, double organicOut, double aqueousBelow, double aqueous, double external) =>
        Inflow(j, organicIn, aqueousBelow, external) - OrganicFlow * organicOut - AqueousOut[j] * aqueous;

    /// <summary>
    /// The aqueous c_j that closes the balance of stage j for given organic in and out and aqueous
    /// from below: c_j = (O·(y_{j-1} − y_j) + A↓_j·c_{j+1} + F_j)/A_j, mol/L (a back substitution
    /// from the last stage; A↓ is 0 at the last stage).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public double AqueousFromBalance(int j, double organicIn, double organicOut, double aqueousBelow, double external) =>
        (OrganicFlow * (organicIn - organicOut) + AqueousDown[j] * aqueousBelow + external) / AqueousOut[j];

    /// <summary>
    /// The balance of stage j linear in x for y = D·x: the coefficients of x_{j-1}, x_j and x_{j+1},
    /// O·D_{j-1}, −(O·D_j + A_j) and A↓_j (0 where there is no such stage).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void LinearBalance(int j, double distributionAbove, double distribution, out double lower, out double diagonal, out double upper)
    {
        lower = j > 0 ? OrganicFlow * distributionAbove : 0;
        diagonal = -(OrganicFlow * distribution + AqueousOut[j]);
        upper = j + 1 < Sections.Length ? AqueousDown[j] : 0;
    }

    /// <summary>
    /// The molar inflows of the cascade for a feed of <paramref name="feedConcentrations"/> (mol/L,
    /// in the order of <paramref name="flowsheetElements"/>) under <paramref name="chemistry"/>
    /// (<see cref="StageInflows.Create"/>).
    /// </summary>
    public StageInflows Inflows(ChemistryDefinition chemistry, IReadOnlyList<string> flowsheetElements, ReadOnlySpan<double> feedConcentrations) =>
        StageInflows.Create(this, chemistry, flowsheetElements, [feedConcentrations.ToArray()]);

    /// <summary>The molar inflows for feeds of these concentrations, one array per feed (<see cref="StageInflows.Create"/>).</summary>
    public StageInflows Inflows(ChemistryDefinition chemistry, IReadOnlyList<string> flowsheetElements, IReadOnlyList<double[]> feedConcentrations) =>
        StageInflows.Create(this, chemistry, flowsheetElements, feedConcentrations);
}
