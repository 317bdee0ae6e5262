using System.Diagnostics;
using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Solvers;

/// <summary>
/// Solves a whole flowsheet as a network (MODEL.md §9): the blocks of its <see cref="NetworkPlan"/>
/// in solve order, a single cascade by the chosen solver with substitution as the fallback of
/// Newton, a cycle by passes round it that converge its tear streams (<see cref="TearIteration"/>);
/// then builds the result tables (streams, stages, closure, reagents, specs).
/// </summary>
public static class FlowsheetSolver
{
    /// <summary>
    /// Solves <paramref name="flowsheet"/>. Numerical failure is reported in the result, not thrown.
    /// With <paramref name="warm"/> (a sweep's previous case), each cascade starts from its
    /// profile where it has one, and each tear from its last value, and the converged profiles and
    /// tears are kept in it; a cascade the warm start does not converge is solved again from the cold start.
    /// </summary>
    /// <param name="flowsheet">A flowsheet that passed <see cref="FlowsheetValidator"/>.</param>
    /// <param name="fallback">Try substitution when Newton fails.</param>
    /// <param name="warm">Profiles to start from and to keep; null starts cold.</param>
    public static FlowsheetResult Solve(Flowsheet flowsheet, bool fallback = true, WarmStart? warm = null)
    {
        var clock = Stopwatch.StartNew();
        var network = new NetworkState(flowsheet, fallback);
        var plan = NetworkPlan.Of(flowsheet.Graph);
        if (plan.FlowProblem is not null) throw new InvalidOperationException(plan.FlowProblem);
        var solved = new List<SolvedCascade>();
        var tears = new List<TearReport>();
        bool converged = true;
        foreach (var block in plan.Blocks)
        {
            if (!block.IsCycle)
            {
                var sc = network.Solve(plan.Layout(block.Units[0]), warm, network.Reports);
                if (sc is null) { converged = false; break; }
                solved.Add(sc);
                continue;
            }
            var (cycle, reports) = TearIteration.Solve(network, plan, block, warm);
            tears.AddRange(reports);
            if (cycle is null) { converged = false; break; }
            solved.AddRange(cycle);
        }
        clock.Stop();
        return ResultBuilder.Build(flowsheet, network.Elements, solved, network.Reports, converged, network.Iterations, clock.Elapsed.TotalMilliseconds)
            with { Tears = tears };
    }

    /// <summary>Solver instance for a method.</summary>
    public static ISteadyStateSolver SolverFor(SolverMethod method) =>
        method == SolverMethod.Substitution ? new SubstitutionSolver() : new NewtonSolver();

    /// <summary>
    /// What a network solve knows so far: the value of every outlet solved, the assumed values of
    /// the tears of the cycle being solved, the reports and iterations of every cascade solve.
    /// </summary>
    internal sealed class NetworkState(Flowsheet flowsheet, bool fallback)
    {
        private readonly bool _fallback = fallback;
        private readonly Dictionary<string, (double Flow, double[] Conc)> _outlets = new(StringComparer.Ordinal);

        public Flowsheet Flowsheet { get; } = flowsheet;
        public string[] Elements { get; } = flowsheet.Elements();
        public List<SolveReport> Reports { get; } = [];
        public int Iterations { get; private set; }

        /// <summary>Assumed values of the tear streams of the cycle being solved (they take precedence over what a pass has produced).</summary>
        public Dictionary<string, (double Flow, double[] Conc)> Tears { get; } = new(StringComparer.Ordinal);

        /// <summary>The value of an outlet solved (flow L/h, concentrations in flowsheet element order).</summary>
        public (double Flow, double[] Conc) Outlet(string name) => _outlets[name];

        /// <summary>
        /// Solves one cascade at its layout with its inflows taken from the feeds, the tears and the
        /// outlets solved so far; records its outlets. Null when it does not converge. A cycle passes a
        /// tighter <paramref name="tolerance"/> than the flowsheet's.
        /// </summary>
        public SolvedCascade? Solve(StageLayout layout, WarmStart? warm, List<SolveReport> reports, double? tolerance = null)
        {
            var unit = Flowsheet.Graph.Unit(layout.Definition);
            var options = tolerance is { } t ? Flowsheet.Solver with { Tolerance = t } : Flowsheet.Solver;
            var feeds = unit.Feeds.Select(Source).ToList();
            double[]? organic = unit.OrganicLink is { } link ? Source(link) : null;
            double[]? scrub = unit.ScrubLink is { } scrubLink ? Source(scrubLink) : null;
            var problem = CascadeProblem.Create(layout, Flowsheet.ChemistryOf(layout.Definition), Elements, feeds, organic, scrub);
            int before = reports.Count;
            var start = warm?.StartFor(problem);
            var solution = start is null ? null : SolveCascade(problem, options, fallback: false, reports, start);
            if (solution is null || !solution.Report.Converged) solution = SolveCascade(problem, options, _fallback, reports);
            for (int k = before; k < reports.Count; k++) Iterations += reports[k].Iterations;
            if (!solution.Report.Converged) return null;
            warm?.Keep(problem, solution.Aqueous);
            var sc = new SolvedCascade(problem.Layout, problem.Inflows, problem.Equilibrium, solution.Aqueous, solution.Organic, Elements.Length);
            foreach (var (name, _, _, flow, conc) in sc.Outlets())
                _outlets[name] = (flow, conc);
            return sc;
        }

        private double[] Source(FeedLink link)
        {
            if (link.Feed is { } feed)
            {
                var conc = new double[Elements.Length];
                for (int e = 0; e < Elements.Length; e++) conc[e] = feed.Content(Elements[e]);
                return conc;
            }
            string name = link.Source.ToString();
            return Tears.TryGetValue(name, out var tear) ? tear.Conc : _outlets[name].Conc;
        }

        private CascadeSolution SolveCascade(CascadeProblem problem, SolverOptions options, bool fallback, List<SolveReport> reports, double[]? start = null)
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

    }
}
