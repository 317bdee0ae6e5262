using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Solvers;

/// <summary>A steady-state cascade solver (a strategy: Newton or substitution).</summary>
public interface ISteadyStateSolver
{
    /// <summary>"newton" or "substitution".</summary>
    string Name { get; }

    /// <summary>Solves one cascade. Never throws for a numerical failure: the report says so.</summary>
    /// <param name="problem">The compiled cascade.</param>
    /// <param name="tolerance">Largest relative stage residual accepted.</param>
    /// <param name="maxIterations">Iteration limit.</param>
    /// <param name="initialAqueous">Optional starting aqueous profile (N×C, mol/L).</param>
    CascadeSolution Solve(CascadeProblem problem, double tolerance, int maxIterations, double[]? initialAqueous = null);
}

/// <summary>Solution of one cascade: outlet concentrations of every stage (N×C, mol/L) and the report.</summary>
/// <param name="Aqueous">x at [j·C + i].</param>
/// <param name="Organic">y at [j·C + i].</param>
/// <param name="Report">Convergence report.</param>
public sealed record CascadeSolution(double[] Aqueous, double[] Organic, SolveReport Report);

/// <summary>Starting profiles shared by the solvers.</summary>
internal static class InitialGuess
{
    /// <summary>
    /// A bank filled with solution of the feed's composition (MODEL.md §8): every stage holds the
    /// aqueous feed's concentrations; an element that enters only with the organic or the scrub
    /// solution starts at the concentration it would have if the aqueous carried all of it.
    /// No start is built from a number below <see cref="SmallestNormal"/>: a component with an
    /// inflow that small starts at it (1/x and x·(1/scale) of a subnormal overflow), and H⁺ with
    /// less than <see cref="NeutralAcidity"/> counts as none (<see cref="ProtonStart"/>).
    /// </summary>
    public static double[] FilledBank(CascadeProblem p)
    {
        int n = p.Stages, c = p.C;
        var x = new double[n * c];
        int feed = p.Layout.FeedStage;
        double feedFlow = p.AqueousOut[feed] - (feed + 1 < n ? p.AqueousDown[feed] : 0);
        int h = SolvedProton(p);
        for (int i = 0; i < c; i++)
        {
            double fed = p.External[feed * c + i];
            for (int j = 0; j < n; j++)
            {
                double v = fed > 0 && feedFlow > 0 ? fed / feedFlow : p.Inflow[i] / p.AqueousOut[j];
                // a species with no net inflow (H⁺ under a saponified organic) starts at 1 mmol/L
                x[j * c + i] = i == h ? ProtonStart(v) : v > 0 ? Math.Max(v, SmallestNormal) : NoInflowStart;
            }
        }
        return x;
    }

    /// <summary>Start of a species with no net inflow (H⁺ under a saponified organic), mol/L.</summary>
    private const double NoInflowStart = 1e-3;

    /// <summary>The smallest positive normal double (2⁻¹⁰²²); below it a double has fewer than 53 bits.</summary>
    public const double SmallestNormal = 2.2250738585072014E-308;

    /// <summary>
    /// Free acidity of neutral water, mol/L (pH 7). An acidic extraction stage never has less; a
    /// start below it (a feed of 1e-300 mol/L acid) makes the mass-action organic, ∝ 1/[H⁺]^z,
    /// overflow, so such a start is taken as no acid at all.
    /// </summary>
    public const double NeutralAcidity = 1e-7;

    /// <summary>H⁺ start for an acidity <paramref name="fromFlows"/> the flows give: itself, or 1 mmol/L when below neutral water.</summary>
    private static double ProtonStart(double fromFlows) => fromFlows >= NeutralAcidity ? fromFlows : NoInflowStart;

    /// <summary>Index of H⁺ when the chemistry solves it (mass action), else -1.</summary>
    private static int SolvedProton(CascadeProblem p)
    {
        int h = Array.IndexOf(p.Elements, MassActionChemistry.Proton);
        return h >= 0 && p.Species.Contains(MassActionChemistry.Proton) ? h : -1;
    }

    /// <summary>
    /// Starts every stage from the aqueous rare-earth totals of <see cref="SaturatedTotals"/>
    /// (keeping the filled bank's composition), so that no stage is drained while the
    /// compositions settle. Does nothing for a model without a saturated organic.
    /// </summary>
    public static void BalanceSaturatedTotals(CascadeProblem p, double[] x)
    {
        if (double.IsNaN(p.Equilibrium.SaturatedLoading(0))) return;
        var loadings = new double[p.Stages];
        for (int j = 0; j < loadings.Length; j++) loadings[j] = p.Equilibrium.SaturatedLoading(j);
        var totals = SaturatedTotals.Compute(p.Layout, p.Inflows, loadings);
        if (totals is null) return;
        for (int j = 0; j < p.Stages; j++)
            if (totals.Aqueous[j] > 0) Rescale(x, j, p.C, totals.Aqueous[j]);
    }

    /// <summary>
    /// For a chemistry that solves H⁺ (MODEL.md §3.3): starts every stage's H⁺ at the acidity that
    /// the acid flows alone give it (feed, scrub and strip acid, less the base of the saponified
    /// organic in stage 1), as if no metal moved between the phases, instead of the feed's acidity
    /// in every stage. The aqueous flows only downwards, so this is a back substitution from the
    /// last stage. A stage where the base wins, or whose acidity falls below neutral water
    /// (<see cref="NeutralAcidity"/>), starts at 1 mmol/L, like a species with no net inflow.
    /// Does nothing when H⁺ is not solved.
    /// </summary>
    public static void BalanceProtons(CascadeProblem p, double[] x)
    {
        int n = p.Stages, c = p.C, h = SolvedProton(p);
        if (h < 0) return;
        double below = 0;
        for (int j = n - 1; j >= 0; j--)
        {
            // the stage balance with no metal moving: nothing in or out with the organic
            below = p.Layout.AqueousFromBalance(j, 0, 0, below, p.External[j * c + h]);
            x[j * c + h] = ProtonStart(below);
        }
    }

    /// <summary>
    /// Elements that enter only with the organic or the scrub solution (none in the aqueous feed):
    /// the filled bank puts all of their inflow in the aqueous, x_ij = inflow_i/A_j, as if none
    /// stayed in the organic that brought it. Instead each stage starts with the inflow distributed
    /// between the phases by the element's distribution ratio at the start,
    /// x_ij = inflow_i/(A_j + O·D_ij), D_ij = y*_ij/x_ij from the equilibrium of the current start
    /// (two passes, as D of a loaded organic depends on x). Call after the other start
    /// corrections (H⁺ sets D in mass action). Solved species (H⁺, sulfate) are left as they are.
    /// </summary>
    public static void DistributeOrganicOnly(CascadeProblem p, double[] x)
    {
        int n = p.Stages, c = p.C, feed = p.Layout.FeedStage;
        var only = new bool[c];
        bool any = false;
        for (int i = 0; i < c; i++)
        {
            only[i] = !(p.External[feed * c + i] > 0) && p.Inflow[i] > 0 && !p.Species.Contains(p.Elements[i]);
            any |= only[i];
        }
        if (!any) return;
        var y = new double[c];
        for (int pass = 0; pass < 2; pass++)
            for (int j = 0; j < n; j++)
            {
                var xj = x.AsSpan(j * c, c);
                p.Equilibrium.Evaluate(j, xj, y, default);
                for (int i = 0; i < c; i++)
                {
                    if (!only[i] || !(xj[i] > 0)) continue;
                    double d = y[i] / xj[i];
                    if (!double.IsFinite(d) || d < 0) continue;
                    xj[i] = Math.Max(p.Inflow[i] / (p.AqueousOut[j] + p.OrganicFlow * d), SmallestNormal);
                }
            }
    }

    private static void Rescale(double[] x, int j, int c, double total)
    {
        double sum = 0;
        for (int i = 0; i < c; i++) sum += x[j * c + i];
        if (sum <= 0) return;
        for (int i = 0; i < c; i++) x[j * c + i] *= total / sum;
    }
}
