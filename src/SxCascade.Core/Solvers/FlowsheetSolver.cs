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
    public static FlowsheetResult Solve(Flowsheet flowsheet, bool fallback = true, Sweeps.WarmStart? warm = null)
    {
        var clock = Stopwatch.StartNew();
        var elements = flowsheet.Elements();
        var options = flowsheet.Solver;
        var order = SolveOrder(flowsheet);
        var solved = new List<SolvedCascade>();
        var reports = new List<SolveReport>();
        var outlets = new Dictionary<string, (double Flow, double[] Conc)>(StringComparer.Ordinal);
        bool converged = true;
        int iterations = 0;
        foreach (var cascade in order)
        {
            var (feedFlow, feedConc) = FeedOf(flowsheet, cascade, elements, outlets);
            var problem = CascadeProblem.Create(cascade, flowsheet.ChemistryOf(cascade), elements, feedFlow, feedConc);
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

    /// <summary>Cascades ordered so that each comes after the cascade whose outlet feeds it.</summary>
    public static IReadOnlyList<CascadeDefinition> SolveOrder(Flowsheet flowsheet)
    {
        var byName = flowsheet.Cascades.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var done = new HashSet<string>(StringComparer.Ordinal);
        var order = new List<CascadeDefinition>();
        var visiting = new HashSet<string>(StringComparer.Ordinal);
        void Visit(CascadeDefinition c)
        {
            if (done.Contains(c.Name)) return;
            if (!visiting.Add(c.Name)) throw new InvalidOperationException($"cascade feeds form a cycle through '{c.Name}'");
            var upstream = UpstreamCascade(c.FeedFrom);
            if (upstream is not null && byName.TryGetValue(upstream, out var u)) Visit(u);
            visiting.Remove(c.Name);
            done.Add(c.Name);
            order.Add(c);
        }
        foreach (var c in flowsheet.Cascades) Visit(c);
        return order;
    }

    /// <summary>"LaCe" for "LaCe.strip-liquor"; null for a feed name.</summary>
    public static string? UpstreamCascade(string source)
    {
        int dot = source.IndexOf('.');
        return dot < 0 ? null : source[..dot];
    }

    private static (double Flow, double[] Conc) FeedOf(Flowsheet fs, CascadeDefinition cascade, string[] elements,
        Dictionary<string, (double Flow, double[] Conc)> outlets)
    {
        if (outlets.TryGetValue(cascade.FeedFrom, out var outlet)) return outlet;
        var feed = fs.Feeds.First(f => f.Name == cascade.FeedFrom);
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
