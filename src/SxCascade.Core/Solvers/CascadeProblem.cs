using SxCascade.Equilibrium;
using SxCascade.Flowsheets;

namespace SxCascade.Solvers;

/// <summary>
/// One cascade compiled to numbers (MODEL.md §1–2): its <see cref="StageLayout"/> (stage flows,
/// inlets, outlets, the one stage balance), its <see cref="StageInflows"/> (external molar inflows
/// per stage, the organic inlet) and the bound equilibrium model. Stages are 0-based here (index
/// j is stage j+1 of the file). Only elements that enter the cascade are solved.
/// </summary>
public sealed class CascadeProblem
{
    private CascadeProblem(StageLayout layout, StageInflows inflows, IStageEquilibrium equilibrium)
    {
        Layout = layout;
        Inflows = inflows;
        Equilibrium = equilibrium;
    }

    /// <summary>The stage layout: flows, inlets, outlets and the stage balance.</summary>
    public StageLayout Layout { get; }
    /// <summary>The molar inflows of the solved components.</summary>
    public StageInflows Inflows { get; }

    /// <summary>Aqueous species the chemistry solves besides the metals (H⁺, sulfate).</summary>
    public IReadOnlySet<string> Species => Inflows.Species;

    /// <summary>Base equivalents the saponified organic supplies, mol/h.</summary>
    public double Saponification => Inflows.Saponification;

    /// <summary>The cascade as written in the file.</summary>
    public CascadeDefinition Definition => Layout.Definition;
    /// <summary>Elements solved, in solve order.</summary>
    public string[] Elements => Inflows.Elements;
    /// <summary>Index of each solved element in the flowsheet's element list.</summary>
    public int[] FlowsheetIndex => Inflows.FlowsheetIndex;
    /// <summary>Number of stages N.</summary>
    public int Stages => Layout.Stages;
    /// <summary>Number of solved elements C.</summary>
    public int C => Inflows.Elements.Length;
    /// <summary>Section of each stage.</summary>
    public SectionKind[] Sections => Layout.Sections;
    /// <summary>Organic flow O, L/h (constant through the cascade).</summary>
    public double OrganicFlow => Layout.OrganicFlow;
    /// <summary>A_j: aqueous flow leaving stage j, L/h.</summary>
    public double[] AqueousOut => Layout.AqueousOut;
    /// <summary>Aqueous flow from stage j+1 into stage j, L/h (0 at the top and at the strip/scrub boundary unless reflux).</summary>
    public double[] AqueousDown => Layout.AqueousDown;
    /// <summary>External molar inflow of element i to stage j, mol/h, at [j·C + i].</summary>
    public double[] External => Inflows.External;
    /// <summary>Organic inlet concentration to stage 1 when not recycled, mol/L.</summary>
    public double[] OrganicInlet => Inflows.OrganicInlet;
    /// <summary>True when the stripped organic (out of stage N) is the organic inlet of stage 1.</summary>
    public bool Recycle => Layout.RecycledOrganic;
    /// <summary>Fraction r of the strip liquor returned to the top scrub stage (0 without reflux scrub).</summary>
    public double Reflux => Layout.Reflux;
    /// <summary>Murphree efficiency η.</summary>
    public double Efficiency => Definition.Efficiency;
    /// <summary>The bound equilibrium model.</summary>
    public IStageEquilibrium Equilibrium { get; }
    /// <summary>Total external inflow per component, mol/h (saponification counts negative for H⁺).</summary>
    public double[] Inflow => Inflows.Total;
    /// <summary>Residual scale per component, mol/h: the sum of the magnitudes of its external terms (and of the protons the metals can release).</summary>
    public double[] Scale => Inflows.Scale;
    /// <summary>0-based index of the first strip stage, or -1.</summary>
    public int StripStart => Layout.StripStart;
    /// <summary>0-based index of the last scrub (or extraction, without scrub) stage.</summary>
    public int LoadedStage => Layout.LoadedStage;

    /// <summary>Aqueous volumetric flow of the scrub solution entering stage n+m, L/h (<see cref="StageLayout.ScrubSolutionFlow"/>).</summary>
    public static double ScrubSolutionFlow(CascadeDefinition c) => StageLayout.ScrubSolutionFlow(c);

    /// <summary>
    /// Compiles <paramref name="cascade"/> with its aqueous feed (<paramref name="feedFlow"/> L/h,
    /// concentrations in flowsheet element order).
    /// </summary>
    public static CascadeProblem Create(CascadeDefinition cascade, ChemistryDefinition chemistry, IReadOnlyList<string> flowsheetElements,
        double feedFlow, ReadOnlySpan<double> feedConcentrations) =>
        Create(StageLayout.Create(cascade, feedFlow), chemistry, flowsheetElements, [feedConcentrations.ToArray()]);

    /// <summary>
    /// Compiles a cascade laid out as <paramref name="layout"/> (with the flows of its feeds) with
    /// the concentrations of each feed (flowsheet element order, one array per feed).
    /// </summary>
    /// <param name="layout">The stage layout (flows of its feeds and of a linked organic).</param>
    /// <param name="chemistry">The cascade's chemistry.</param>
    /// <param name="flowsheetElements">The flowsheet's elements.</param>
    /// <param name="feedConcentrations">Each feed's concentrations, mol/L.</param>
    /// <param name="linkedOrganic">The linked organic's concentrations (<c>organic.from</c>), mol/L, or null.</param>
    /// <param name="linkedScrub">The linked scrub solution's concentrations (<c>scrub.from</c>), mol/L, or null.</param>
    public static CascadeProblem Create(StageLayout layout, ChemistryDefinition chemistry, IReadOnlyList<string> flowsheetElements,
        IReadOnlyList<double[]> feedConcentrations, double[]? linkedOrganic = null, double[]? linkedScrub = null)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var cascade = layout.Definition;
        var inflows = StageInflows.Create(layout, chemistry, flowsheetElements, feedConcentrations, linkedOrganic, linkedScrub);
        var binding = new CascadeBinding(cascade, inflows.Elements, layout.Sections, layout.OrganicFlow, layout);
        return new CascadeProblem(layout, inflows, EquilibriumModels.Bind(chemistry, binding));
    }
}
