using System.Diagnostics;
using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Solvers;

/// <summary>
/// Solves a whole flowsheet: cascades in feed order (a cascade fed by another's outlet after
/// it), each by the chosen solver with substitution as the fallback of Newton, then builds the
/// result tables (streams, stages, closure, reagents, specs).
/// </summary>
public static class FlowsheetSolver
{
    /// <summary>Solves <paramref name="flowsheet"/>. Numerical failure is reported in the result, not thrown.</summary>
    /// <param name="flowsheet">A flowsheet that passed <see cref="FlowsheetValidator"/>.</param>
    /// <param name="fallback">Try substitution when Newton fails.</param>
    public static FlowsheetResult Solve(Flowsheet flowsheet, bool fallback = true)
    {
        var clock = Stopwatch.StartNew();
        var elements = flowsheet.Elements();
        var options = flowsheet.Solver;
        var order = flowsheet.Graph.SolveOrder();
        var solved = new List<SolvedCascade>();
        var reports = new List<SolveReport>();
        var outlets = new Dictionary<string, (double Flow, double[] Conc)>(StringComparer.Ordinal);
        bool converged = true;
        int iterations = 0;
        foreach (var unit in order)
        {
            var cascade = unit.Definition;
            var (feedFlow, feedConc) = FeedOf(unit, elements, outlets);
            var problem = CascadeProblem.Create(cascade, flowsheet.ChemistryOf(cascade), elements, feedFlow, feedConc);
            int before = reports.Count;
            var solution = SolveCascade(problem, options, fallback, reports);
            for (int k = before; k < reports.Count; k++) iterations += reports[k].Iterations;
            if (!solution.Report.Converged)
            {
                converged = false;
                break;
            }
            var sc = new SolvedCascade(problem, solution, elements.Length);
            solved.Add(sc);
            foreach (var (name, flow, conc) in sc.AqueousOutlets())
                outlets[name] = (flow, conc);
        }
        clock.Stop();
        return ResultBuilder.Build(flowsheet, elements, solved, reports, converged, iterations, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Solver instance for a method.</summary>
    public static ISteadyStateSolver SolverFor(SolverMethod method) =>
        method == SolverMethod.Substitution ? new SubstitutionSolver() : new NewtonSolver();

    private static CascadeSolution SolveCascade(CascadeProblem problem, SolverOptions options, bool fallback, List<SolveReport> reports)
    {
        var solver = SolverFor(options.Method);
        int limit = options.MaxIterations ?? (options.Method == SolverMethod.Substitution ? SubstitutionSolver.DefaultMaxIterations : NewtonSolver.DefaultMaxIterations);
        var solution = solver.Solve(problem, options.Tolerance, limit);
        reports.Add(solution.Report);
        if (solution.Report.Converged || !fallback || options.Method != SolverMethod.Newton) return solution;
        // the fallback honours an iteration limit the user gave
        var second = new SubstitutionSolver().Solve(problem, options.Tolerance, options.MaxIterations ?? SubstitutionSolver.DefaultMaxIterations);
        reports.Add(second.Report);
        return second;
    }

    /// <summary>Cascades ordered so that each comes after the cascade whose outlet feeds it (<see cref="FlowsheetGraph.SolveOrder"/>).</summary>
    public static IReadOnlyList<CascadeDefinition> SolveOrder(Flowsheet flowsheet) =>
        flowsheet.Graph.SolveOrder().Select(u => u.Definition).ToList();

    /// <summary>"LaCe" for "LaCe.strip-liquor"; null for a feed name (<see cref="StreamRef.Parse"/>).</summary>
    public static string? UpstreamCascade(string source) => StreamRef.Parse(source) is { IsOutlet: true } s ? s.Unit : null;

    private static (double Flow, double[] Conc) FeedOf(UnitNode unit, string[] elements,
        Dictionary<string, (double Flow, double[] Conc)> outlets)
    {
        if (unit.FeedOutlet is { } outlet) return outlets[outlet.Name];
        var feed = unit.Feed ?? throw new InvalidOperationException($"cascade '{unit.Name}' has no feed named '{unit.FeedSource}'");
        var conc = new double[elements.Length];
        for (int e = 0; e < elements.Length; e++) conc[e] = feed.Content(elements[e]);
        return (feed.Flow, conc);
    }
}

/// <summary>A solved cascade with its outlets in flowsheet element order.</summary>
internal sealed class SolvedCascade(CascadeProblem problem, CascadeSolution solution, int elementCount)
{
    public CascadeProblem Problem { get; } = problem;
    public CascadeSolution Solution { get; } = solution;
    public CascadeDefinition Definition => Problem.Definition;

    /// <summary>
    /// Concentrations of stage j (0-based) in flowsheet order: the aqueous content the flows carry
    /// (total acidity for H⁺), or the organic (NaN for species that stay in the aqueous).
    /// </summary>
    public double[] StageConcentrations(int j, bool organic)
    {
        var full = new double[elementCount];
        int c = Problem.C;
        ReadOnlySpan<double> src = organic ? Solution.Organic.AsSpan(j * c, c) : Solution.Aqueous.AsSpan(j * c, c);
        if (!organic && Problem.Equilibrium.HasSpeciation)
        {
            var content = new double[c];
            Problem.Equilibrium.AqueousContent(j, src, content, default);
            src = content;
        }
        for (int i = 0; i < c; i++)
            full[Problem.FlowsheetIndex[i]] = organic && Problem.Species.Contains(Problem.Elements[i]) ? double.NaN : src[i];
        return full;
    }

    /// <summary>
    /// The organic in equilibrium with stage j's aqueous outlet, y*(x_j), in flowsheet order (NaN
    /// for species that stay in the aqueous): what a Murphree stage's organic moves towards.
    /// </summary>
    public double[] EquilibriumOrganic(int j)
    {
        var full = new double[elementCount];
        int c = Problem.C;
        var yStar = new double[c];
        Problem.Equilibrium.Evaluate(j, Solution.Aqueous.AsSpan(j * c, c), yStar, default);
        for (int i = 0; i < c; i++)
            full[Problem.FlowsheetIndex[i]] = Problem.Species.Contains(Problem.Elements[i]) ? double.NaN : yStar[i];
        return full;
    }

    /// <summary>pH, free extractant and loading of stage j, where the chemistry has them.</summary>
    public Equilibrium.StageChemistry? Describe(int j) =>
        Problem.Equilibrium.Describe(j, Solution.Aqueous.AsSpan(j * Problem.C, Problem.C));

    /// <summary>Outlets: name, kind, phase, flow (L/h), concentrations (flowsheet order).</summary>
    public IEnumerable<(string Name, StreamKind Kind, string Phase, double Flow, double[] Conc)> Outlets()
    {
        var d = Definition;
        var p = Problem;
        yield return ($"{d.Name}.raffinate", StreamKind.Raffinate, "aqueous", p.AqueousOut[0], StageConcentrations(0, false));
        if (d.Strip is null)
            yield return ($"{d.Name}.loaded-organic", StreamKind.LoadedOrganic, "organic", p.OrganicFlow, StageConcentrations(p.LoadedStage, true));
        else
        {
            yield return ($"{d.Name}.strip-liquor", StreamKind.StripLiquor, "aqueous", (1 - p.Reflux) * p.AqueousOut[p.StripStart], StageConcentrations(p.StripStart, false));
            yield return ($"{d.Name}.stripped-organic", StreamKind.StrippedOrganic, "organic", p.OrganicFlow, StageConcentrations(p.Stages - 1, true));
        }
    }

    /// <summary>Aqueous outlets that another cascade may take as its feed.</summary>
    public IEnumerable<(string Name, double Flow, double[] Conc)> AqueousOutlets() =>
        Outlets().Where(o => o.Phase == "aqueous").Select(o => (o.Name, o.Flow, o.Conc));
}
