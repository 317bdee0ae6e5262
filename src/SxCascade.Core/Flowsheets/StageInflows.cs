namespace SxCascade.Flowsheets;

/// <summary>
/// The molar inflows F_ij of a cascade's stages (mol/h, at [j·C + i]) assembled from its
/// <see cref="StageLayout.Inlets"/>, for the components that enter it, with the organic inlet's
/// concentrations, each component's total inflow and the residual scale of its balances.
/// </summary>
public sealed class StageInflows
{
    /// <summary>
    /// Smallest residual scale of a component, mol/h. A balance is closed relative to the
    /// component's inflow, or to this where the inflow is smaller (a subnormal feed of 5e-324 mol/L):
    /// far below anything measurable, and large enough that flows up to 1e10 L/h times 1/scale stay finite.
    /// </summary>
    public const double MinimumScale = 1e-290;

    private StageInflows(int[] index, string[] elements, double[] external, double[] organicInlet, IReadOnlySet<string> species, double saponification)
    {
        FlowsheetIndex = index;
        Elements = elements;
        External = external;
        OrganicInlet = organicInlet;
        Species = species;
        Saponification = saponification;
        Total = new double[elements.Length];
        Scale = new double[elements.Length];
    }

    /// <summary>Index of each solved element in the flowsheet's element list.</summary>
    public int[] FlowsheetIndex { get; }
    /// <summary>Elements solved (those that enter the cascade), in solve order.</summary>
    public string[] Elements { get; }
    /// <summary>External molar inflow of component i to stage j, mol/h, at [j·C + i].</summary>
    public double[] External { get; }
    /// <summary>Organic inlet concentration to stage 1 when not recycled, mol/L.</summary>
    public double[] OrganicInlet { get; }
    /// <summary>Aqueous species the chemistry solves besides the metals (H⁺, sulfate).</summary>
    public IReadOnlySet<string> Species { get; }
    /// <summary>Base equivalents the saponified organic supplies, mol/h.</summary>
    public double Saponification { get; }
    /// <summary>Total external inflow per component, mol/h (saponification counts negative for H⁺).</summary>
    public double[] Total { get; }
    /// <summary>Residual scale per component, mol/h: the sum of the magnitudes of its external terms (and of the protons the metals can release).</summary>
    public double[] Scale { get; }

    /// <summary>
    /// Assembles the inflows of <paramref name="layout"/>: the feed (concentrations in flowsheet
    /// element order) at the feed stage, the metals of an acid scrub solution at the top scrub
    /// stage, the organic inlet; and for a chemistry that solves H⁺ the acids of the scrub and
    /// strip solutions and the base of the saponified organic (<see cref="AddAcids"/>). Only
    /// elements that enter the cascade (or that the chemistry solves) are kept.
    /// </summary>
    /// <param name="layout">The cascade's stage layout.</param>
    /// <param name="chemistry">Its chemistry.</param>
    /// <param name="flowsheetElements">The flowsheet's elements.</param>
    /// <param name="feedConcentrations">Each feed's concentrations, mol/L, in flowsheet element order.</param>
    /// <param name="linkedOrganic">The linked organic's concentrations (<c>organic.from</c>), mol/L, in flowsheet element order (NaN counts as 0), or null.</param>
    /// <param name="linkedScrub">The linked scrub solution's concentrations (<c>scrub.from</c>, acidity included), mol/L, in flowsheet element order, or null.</param>
    public static StageInflows Create(StageLayout layout, ChemistryDefinition chemistry, IReadOnlyList<string> flowsheetElements, IReadOnlyList<double[]> feedConcentrations,
        double[]? linkedOrganic = null, double[]? linkedScrub = null)
    {
        ArgumentNullException.ThrowIfNull(feedConcentrations);
        var feeds = layout?.Inlets.Where(s => s.Kind == InletKind.Feed).ToList() ?? throw new ArgumentNullException(nameof(layout));
        if (feeds.Count != feedConcentrations.Count)
            throw new ArgumentException($"cascade '{layout.Definition.Name}' has {feeds.Count} feeds; got {feedConcentrations.Count} compositions", nameof(feedConcentrations));
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(chemistry);
        var cascade = layout.Definition;
        var scrub = layout.Inlets.FirstOrDefault(s => s.Kind == InletKind.ScrubSolution);
        var strip = layout.Inlets.FirstOrDefault(s => s.Kind == InletKind.StripSolution);
        // elements that enter this cascade
        var active = new List<int>();
        for (int e = 0; e < flowsheetElements.Count; e++)
        {
            string el = flowsheetElements[e];
            bool enters = feedConcentrations.Any(f => f[e] > 0) || chemistry.SolvedSpecies.Contains(el)
                || (cascade.Organic.Composition?.GetValueOrDefault(el) ?? 0) > 0
                || (linkedOrganic is not null && linkedOrganic[e] > 0)
                || (linkedScrub is not null && linkedScrub[e] > 0)
                || (cascade.Scrub?.Composition?.GetValueOrDefault(el) ?? 0) > 0
                || (strip?.Composition?.GetValueOrDefault(el) ?? 0) > 0;
            if (enters) active.Add(e);
        }
        var index = active.ToArray();
        var elements = index.Select(e => flowsheetElements[e]).ToArray();
        int c = elements.Length, total = layout.Stages;

        var external = new double[total * c];
        for (int i = 0; i < c; i++)
        {
            for (int f = 0; f < feeds.Count; f++)
                external[feeds[f].Stage * c + i] += feeds[f].Flow * feedConcentrations[f][index[i]];
            if (scrub is { Composition: { } sc })
                external[scrub.Stage * c + i] += scrub.Flow * sc.GetValueOrDefault(elements[i]);
            if (cascade.Scrub?.From is not null && linkedScrub is not null && scrub is not null && double.IsFinite(linkedScrub[index[i]]))
                // the linked scrub brings what the stream carries, its acidity (H⁺, sulfate) included
                external[scrub.Stage * c + i] += scrub.Flow * linkedScrub[index[i]];
            if (strip is { Composition: { } stc })
                external[strip.Stage * c + i] += strip.Flow * stc.GetValueOrDefault(elements[i]);
        }
        var inlet = new double[c];
        if (cascade.Organic.Composition is { } oc)
            for (int i = 0; i < c; i++) inlet[i] = oc.GetValueOrDefault(elements[i]);
        if (cascade.Organic.From is not null && linkedOrganic is not null)
        {
            // the linked stream diluted by the fresh make-up: y_in = y_linked·L/O
            double share = layout.LinkedOrganicFlow / layout.OrganicFlow;
            for (int i = 0; i < c; i++)
                inlet[i] = linkedOrganic[index[i]] is var y && double.IsFinite(y) ? (share == 1.0 ? y : y * share) : 0;
        }
        AddAcids(layout, chemistry, elements, external, inlet);

        var inflows = new StageInflows(index, elements, external, inlet, chemistry.SolvedSpecies.ToHashSet(StringComparer.Ordinal),
            chemistry.SaponificationPerLitre * layout.FreshOrganicFlow);
        bool recycle = layout.RecycledOrganic;
        for (int i = 0; i < c; i++)
        {
            double s = recycle ? 0 : layout.OrganicFlow * inlet[i], a = Math.Abs(s);
            for (int j = 0; j < total; j++)
            {
                s += external[j * c + i];
                a += Math.Abs(external[j * c + i]);
            }
            inflows.Total[i] = s;
            inflows.Scale[i] = a;
        }
        int h = Array.IndexOf(elements, MassActionChemistry.Proton);
        if (h >= 0)
            // extraction can release z protons per metal ion: part of the proton balance's scale
            for (int i = 0; i < c; i++)
                if (i != h && !chemistry.SolvedSpecies.Contains(elements[i]))
                    inflows.Scale[h] += chemistry.ChargeOf(elements[i]) * inflows.Scale[i];
        return inflows;
    }

    /// <summary>
    /// For a chemistry that solves H⁺ (and sulfate): scrub and strip acid enter as H⁺ (with half as
    /// much sulfate in sulfate media, H₂SO₄), and the saponified organic neutralises s·E·O of
    /// acidity in stage 1, where it first meets the aqueous (MODEL.md §3.3). A pre-loaded organic
    /// counts −Σ z_i·y_i of organic "protons", the bookkeeping that makes extraction release z H⁺.
    /// </summary>
    private static void AddAcids(StageLayout layout, ChemistryDefinition chemistry, string[] elements, double[] external, double[] inlet)
    {
        int c = elements.Length, h = Array.IndexOf(elements, MassActionChemistry.Proton);
        if (h < 0) return;
        int so4 = Array.IndexOf(elements, MassActionChemistry.Sulfate);
        void Acid(int stage, double molPerH)
        {
            external[stage * c + h] += molPerH;
            if (so4 >= 0) external[stage * c + so4] += molPerH / 2;
        }
        foreach (var s in layout.Inlets)
            if (s.Kind is InletKind.ScrubSolution or InletKind.StripSolution) Acid(s.Stage, s.Flow * s.Acid);
        external[h] -= chemistry.SaponificationPerLitre * layout.FreshOrganicFlow;
        double organicProtons = 0;
        for (int i = 0; i < c; i++)
            if (i != h && i != so4) organicProtons -= chemistry.ChargeOf(elements[i]) * inlet[i];
        inlet[h] = organicProtons;
    }
}
