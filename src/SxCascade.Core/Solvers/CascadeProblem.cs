using SxCascade.Equilibrium;
using SxCascade.Flowsheets;

namespace SxCascade.Solvers;

/// <summary>
/// One cascade compiled to numbers (MODEL.md §1–2): stage flows, external molar inflows per
/// stage, the organic inlet, and the bound equilibrium model. Stages are 0-based here
/// (index j is stage j+1 of the file). Only elements that enter the cascade are solved.
/// </summary>
public sealed class CascadeProblem
{
    private CascadeProblem(CascadeDefinition definition, string[] elements, int[] flowsheetIndex, SectionKind[] sections,
        double organicFlow, double[] aqueousOut, double[] aqueousDown, double[] external, double[] organicInlet,
        bool recycle, double reflux, IStageEquilibrium equilibrium)
    {
        Definition = definition;
        Elements = elements;
        FlowsheetIndex = flowsheetIndex;
        Sections = sections;
        OrganicFlow = organicFlow;
        AqueousOut = aqueousOut;
        AqueousDown = aqueousDown;
        External = external;
        OrganicInlet = organicInlet;
        Recycle = recycle;
        Reflux = reflux;
        Equilibrium = equilibrium;
        Inflow = new double[C];
        Scale = new double[C];
        for (int i = 0; i < C; i++)
        {
            double s = recycle ? 0 : organicFlow * organicInlet[i], a = Math.Abs(s);
            for (int j = 0; j < Stages; j++)
            {
                s += external[j * C + i];
                a += Math.Abs(external[j * C + i]);
            }
            Inflow[i] = s;
            Scale[i] = a;
        }
    }

    /// <summary>Aqueous species the chemistry solves besides the metals (H⁺, sulfate).</summary>
    public IReadOnlySet<string> Species { get; private init; } = new HashSet<string>();

    /// <summary>Base equivalents the saponified organic supplies, mol/h.</summary>
    public double Saponification { get; private init; }

    /// <summary>The cascade as written in the file.</summary>
    public CascadeDefinition Definition { get; }
    /// <summary>Elements solved, in solve order.</summary>
    public string[] Elements { get; }
    /// <summary>Index of each solved element in the flowsheet's element list.</summary>
    public int[] FlowsheetIndex { get; }
    /// <summary>Number of stages N.</summary>
    public int Stages => Sections.Length;
    /// <summary>Number of solved elements C.</summary>
    public int C => Elements.Length;
    /// <summary>Section of each stage.</summary>
    public SectionKind[] Sections { get; }
    /// <summary>Organic flow O, L/h (constant through the cascade).</summary>
    public double OrganicFlow { get; }
    /// <summary>A_j: aqueous flow leaving stage j, L/h.</summary>
    public double[] AqueousOut { get; }
    /// <summary>Aqueous flow from stage j+1 into stage j, L/h (0 at the top and at the strip/scrub boundary unless reflux).</summary>
    public double[] AqueousDown { get; }
    /// <summary>External molar inflow of element i to stage j, mol/h, at [j·C + i].</summary>
    public double[] External { get; }
    /// <summary>Organic inlet concentration to stage 1 when not recycled, mol/L.</summary>
    public double[] OrganicInlet { get; }
    /// <summary>True when the stripped organic (out of stage N) is the organic inlet of stage 1.</summary>
    public bool Recycle { get; }
    /// <summary>Fraction r of the strip liquor returned to the top scrub stage (0 without reflux scrub).</summary>
    public double Reflux { get; }
    /// <summary>Murphree efficiency η.</summary>
    public double Efficiency => Definition.Efficiency;
    /// <summary>The bound equilibrium model.</summary>
    public IStageEquilibrium Equilibrium { get; }
    /// <summary>Total external inflow per component, mol/h (saponification counts negative for H⁺).</summary>
    public double[] Inflow { get; }
    /// <summary>Residual scale per component, mol/h: the sum of the magnitudes of its external terms (and of the protons the metals can release).</summary>
    public double[] Scale { get; }
    /// <summary>0-based index of the first strip stage, or -1.</summary>
    public int StripStart => Definition.Strip is null ? -1 : Definition.ExtractionStages + Definition.ScrubStages;
    /// <summary>0-based index of the last scrub (or extraction, without scrub) stage.</summary>
    public int LoadedStage => Definition.ExtractionStages + Definition.ScrubStages - 1;

    /// <summary>Aqueous volumetric flow of the scrub solution entering stage n+m, L/h.</summary>
    public static double ScrubSolutionFlow(CascadeDefinition c) =>
        c.Scrub is null ? 0 : c.Scrub.IsReflux ? c.Scrub.Reflux!.Value * (c.Strip?.Flow ?? 0) : c.Scrub.Flow;

    /// <summary>
    /// Compiles <paramref name="cascade"/> with its aqueous feed (<paramref name="feedFlow"/> L/h,
    /// concentrations in flowsheet element order).
    /// </summary>
    public static CascadeProblem Create(CascadeDefinition cascade, ChemistryDefinition chemistry, IReadOnlyList<string> flowsheetElements,
        double feedFlow, ReadOnlySpan<double> feedConcentrations)
    {
        int n = cascade.ExtractionStages, m = cascade.ScrubStages, k = cascade.StripStages, total = n + m + k;
        int feedStage = cascade.EffectiveFeedStage - 1;

        // elements that enter this cascade
        var active = new List<int>();
        for (int e = 0; e < flowsheetElements.Count; e++)
        {
            string el = flowsheetElements[e];
            bool enters = feedConcentrations[e] > 0 || chemistry.SolvedSpecies.Contains(el)
                || (cascade.Organic.Composition?.GetValueOrDefault(el) ?? 0) > 0
                || (cascade.Scrub?.Composition?.GetValueOrDefault(el) ?? 0) > 0;
            if (enters) active.Add(e);
        }
        var index = active.ToArray();
        var elements = index.Select(e => flowsheetElements[e]).ToArray();
        int c = elements.Length;

        var sections = new SectionKind[total];
        for (int j = 0; j < total; j++)
            sections[j] = j < n ? SectionKind.Extraction : j < n + m ? SectionKind.Scrub : SectionKind.Strip;

        double scrubFlow = ScrubSolutionFlow(cascade);
        double reflux = cascade.Scrub?.Reflux ?? 0;
        var aqOut = new double[total];
        for (int j = 0; j < total; j++)
            aqOut[j] = sections[j] switch
            {
                SectionKind.Strip => cascade.Strip!.Flow,
                SectionKind.Scrub => scrubFlow,
                _ => j <= feedStage ? scrubFlow + feedFlow : scrubFlow,
            };
        var aqDown = new double[total];
        for (int j = 0; j < total - 1; j++)
            aqDown[j] = j == n + m - 1 && k > 0 ? reflux * aqOut[j + 1] : aqOut[j + 1];

        var external = new double[total * c];
        for (int i = 0; i < c; i++)
        {
            external[feedStage * c + i] += feedFlow * feedConcentrations[index[i]];
            if (cascade.Scrub is { IsReflux: false, Composition: { } sc })
                external[(n + m - 1) * c + i] += cascade.Scrub.Flow * sc.GetValueOrDefault(elements[i]);
        }
        var inlet = new double[c];
        if (cascade.Organic.Composition is { } oc)
            for (int i = 0; i < c; i++) inlet[i] = oc.GetValueOrDefault(elements[i]);
        AddAcids(cascade, chemistry, elements, external, inlet);

        var binding = new CascadeBinding(cascade, elements, sections, cascade.Organic.Flow);
        var equilibrium = EquilibriumModels.Bind(chemistry, binding);
        var problem = new CascadeProblem(cascade, elements, index, sections, cascade.Organic.Flow, aqOut, aqDown, external, inlet,
            cascade.RecyclesOrganic, reflux, equilibrium)
        {
            Species = chemistry.SolvedSpecies.ToHashSet(StringComparer.Ordinal),
            Saponification = chemistry.SaponificationPerLitre * cascade.Organic.Flow,
        };
        int h = Array.IndexOf(elements, MassActionChemistry.Proton);
        if (h >= 0)
            // extraction can release z protons per metal ion: part of the proton balance's scale
            for (int i = 0; i < c; i++)
                if (i != h && !chemistry.SolvedSpecies.Contains(elements[i]))
                    problem.Scale[h] += chemistry.ChargeOf(elements[i]) * problem.Scale[i];
        return problem;
    }

    /// <summary>
    /// For a chemistry that solves H⁺ (and sulfate): scrub and strip acid enter as H⁺ (with half as
    /// much sulfate in sulfate media, H₂SO₄), and the saponified organic neutralises s·E·O of
    /// acidity in stage 1, where it first meets the aqueous (MODEL.md §3.3). A pre-loaded organic
    /// counts −Σ z_i·y_i of organic "protons", the bookkeeping that makes extraction release z H⁺.
    /// </summary>
    private static void AddAcids(CascadeDefinition cascade, ChemistryDefinition chemistry, string[] elements, double[] external, double[] inlet)
    {
        int c = elements.Length, h = Array.IndexOf(elements, MassActionChemistry.Proton);
        if (h < 0) return;
        int so4 = Array.IndexOf(elements, MassActionChemistry.Sulfate);
        int n = cascade.ExtractionStages, m = cascade.ScrubStages, total = cascade.TotalStages;
        void Acid(int stage, double molPerH)
        {
            external[stage * c + h] += molPerH;
            if (so4 >= 0) external[stage * c + so4] += molPerH / 2;
        }
        if (cascade.Scrub is { IsReflux: false } scrub) Acid(n + m - 1, scrub.Flow * scrub.Acid);
        if (cascade.Strip is { } strip) Acid(total - 1, strip.Flow * strip.Acid);
        external[h] -= chemistry.SaponificationPerLitre * cascade.Organic.Flow;
        double organicProtons = 0;
        for (int i = 0; i < c; i++)
            if (i != h && i != so4) organicProtons -= chemistry.ChargeOf(elements[i]) * inlet[i];
        inlet[h] = organicProtons;
    }
}
