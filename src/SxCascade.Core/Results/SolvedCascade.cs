using SxCascade.Equilibrium;
using SxCascade.Flowsheets;

namespace SxCascade.Results;

/// <summary>
/// A solved cascade as the results read it: its stage layout and inflows, the bound equilibrium
/// and the stage profiles (x and y at [j·C + i], mol/L), with its outlets in flowsheet element order.
/// </summary>
internal sealed class SolvedCascade(StageLayout layout, StageInflows inflows, IStageEquilibrium equilibrium,
    double[] aqueous, double[] organic, int elementCount)
{
    private readonly double[] _x = aqueous, _y = organic;

    public StageLayout Layout { get; } = layout;
    public StageInflows Inflows { get; } = inflows;
    public IStageEquilibrium Equilibrium { get; } = equilibrium;
    public CascadeDefinition Definition => Layout.Definition;
    /// <summary>Solved components C.</summary>
    public int C => Inflows.Elements.Length;

    /// <summary>
    /// Concentrations of stage j (0-based) in flowsheet order: the aqueous content the flows carry
    /// (total acidity for H⁺), or the organic (NaN for species that stay in the aqueous).
    /// </summary>
    public double[] StageConcentrations(int j, bool organic)
    {
        var full = new double[elementCount];
        int c = C;
        ReadOnlySpan<double> src = organic ? _y.AsSpan(j * c, c) : _x.AsSpan(j * c, c);
        if (!organic && Equilibrium.HasSpeciation)
        {
            var content = new double[c];
            Equilibrium.AqueousContent(j, src, content, default);
            src = content;
        }
        for (int i = 0; i < c; i++)
            full[Inflows.FlowsheetIndex[i]] = organic && Inflows.Species.Contains(Inflows.Elements[i]) ? double.NaN : src[i];
        return full;
    }

    /// <summary>
    /// The organic in equilibrium with stage j's aqueous outlet, y*(x_j), in flowsheet order (NaN
    /// for species that stay in the aqueous): what a Murphree stage's organic moves towards.
    /// </summary>
    public double[] EquilibriumOrganic(int j)
    {
        var full = new double[elementCount];
        int c = C;
        var yStar = new double[c];
        Equilibrium.Evaluate(j, _x.AsSpan(j * c, c), yStar, default);
        for (int i = 0; i < c; i++)
            full[Inflows.FlowsheetIndex[i]] = Inflows.Species.Contains(Inflows.Elements[i]) ? double.NaN : yStar[i];
        return full;
    }

    /// <summary>pH, free extractant and loading of stage j, where the chemistry has them.</summary>
    public StageChemistry? Describe(int j) => Equilibrium.Describe(j, _x.AsSpan(j * C, C));

    /// <summary>
    /// Outlets as the layout places them (<see cref="StageLayout.Outlets"/>): name, kind, phase,
    /// flow (L/h), concentrations of the stage's outlet of that phase (flowsheet order), and
    /// whether it is the recycled stripped organic.
    /// </summary>
    public IEnumerable<(string Name, StreamKind Kind, string Phase, double Flow, double[] Conc)> Outlets() =>
        Layout.Outlets.Select(o => (new StreamRef(Definition.Name, o.Port).ToString(), KindOf(o.Kind), o.Phase.Name(), o.Flow,
            StageConcentrations(o.Stage, o.Phase == StreamPhase.Organic)));

    /// <summary>The result's stream kind of an outlet port.</summary>
    public static StreamKind KindOf(OutletKind kind) => kind switch
    {
        OutletKind.Raffinate => StreamKind.Raffinate,
        OutletKind.LoadedOrganic => StreamKind.LoadedOrganic,
        OutletKind.StripLiquor => StreamKind.StripLiquor,
        OutletKind.SideDraw => StreamKind.SideDraw,
        OutletKind.Bleed => StreamKind.Bleed,
        _ => StreamKind.StrippedOrganic,
    };
}
