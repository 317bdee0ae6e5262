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
    /// <summary>
    /// Solves <paramref name="flowsheet"/>. Numerical failure is reported in the result, not thrown.
    /// With <paramref name="warm"/> (a sweep's previous case), each cascade starts from its
    /// profile where it has one, and the converged profiles are kept in it; a cascade the warm
    /// start does not converge is solved again from the cold start.
    /// </summary>
    /// <param name="flowsheet">A flowsheet that passed <see cref="FlowsheetValidator"/>.</param>
    /// <param name="fallback">Try substitution when Newton fails.</param>
    /// <param name="warm">Profiles to start from and to keep; null starts cold.</param>
    public static FlowsheetResult Solve(Flowsheet flowsheet, bool fallback = true, WarmStart? warm = null)
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
            var feeds = unit.Feeds.Select(link => FeedOf(link, elements, outlets)).ToList();
            var organic = unit.OrganicLink is { } link ? FeedOf(link, elements, outlets) : default;
            var scrub = unit.ScrubLink is { } scrubLink ? FeedOf(scrubLink, elements, outlets) : default;
            var layout = StageLayout.Create(cascade, feeds.Select(f => f.Flow).ToList(), organic.Flow, scrub.Flow);
            var problem = CascadeProblem.Create(layout, flowsheet.ChemistryOf(cascade), elements, feeds.Select(f => f.Conc).ToList(), organic.Conc, scrub.Conc);
            int before = reports.Count;
            var start = warm?.StartFor(problem);
            var solution = start is null ? null : SolveCascade(problem, options, fallback: false, reports, start);
            if (solution is null || !solution.Report.Converged) solution = SolveCascade(problem, options, fallback, reports);
            for (int k = before; k < reports.Count; k++) iterations += reports[k].Iterations;
            if (!solution.Report.Converged)
            {
                converged = false;
                break;
            }
            warm?.Keep(problem, solution.Aqueous);
            var sc = new SolvedCascade(problem.Layout, problem.Inflows, problem.Equilibrium, solution.Aqueous, solution.Organic, elements.Length);
            solved.Add(sc);
            foreach (var (name, _, _, flow, conc) in sc.Outlets())
                outlets[name] = (flow, conc);
        }
        clock.Stop();
        return ResultBuilder.Build(flowsheet, elements, solved, reports, converged, iterations, clock.Elapsed.TotalMilliseconds);
    }

    /// <summary>Solver instance for a method.</summary>
    public static ISteadyStateSolver SolverFor(SolverMethod method) =>
        method == SolverMethod.Substitution ? new SubstitutionSolver() : new NewtonSolver();

    private static CascadeSolution SolveCascade(CascadeProblem problem, SolverOptions options, bool fallback, List<SolveReport> reports,
        double[]? start = null)
    {
        var solver = SolverFor(options.Method);
        int limit = options.MaxIterations ?? (options.Method == SolverMethod.Substitution ? SubstitutionSolver.DefaultMaxIterations : NewtonSolver.DefaultMaxIterations);
        var solution = solver.Solve(problem, options.Tolerance, limit, start);
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

    private static (double Flow, double[] Conc) FeedOf(FeedLink link, string[] elements,
        Dictionary<string, (double Flow, double[] Conc)> outlets)
    {
        if (link.Outlet is { } outlet) return outlets[outlet.Name];
        var feed = link.Feed ?? throw new InvalidOperationException($"no feed named '{link.Source}'");
        var conc = new double[elements.Length];
        for (int e = 0; e < elements.Length; e++) conc[e] = feed.Content(elements[e]);
        return (feed.Flow, conc);
    }
}
