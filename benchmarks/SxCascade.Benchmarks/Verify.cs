using System.Diagnostics;
using System.Globalization;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;

namespace SxCascade.Benchmarks;

/// <summary>
/// <c>verify</c>: solves each benchmark case once and prints what a benchmark table does not show
/// (iterations, closure, specs), plus the Newton allocation check done by hand with
/// <see cref="GC.GetAllocatedBytesForCurrentThread"/>.
/// </summary>
public static class Verify
{
    /// <summary>Largest relative closure a converged case may have (MODEL.md §2).</summary>
    public const double ClosureLimit = 1e-9;

    /// <summary>Throws unless <paramref name="result"/> converged and closes to <see cref="ClosureLimit"/>.</summary>
    public static void Check(Flowsheet flowsheet, FlowsheetResult result)
    {
        if (!result.Converged)
            throw new InvalidOperationException($"'{flowsheet.Name}' ({flowsheet.Solver.Method}) did not converge: "
                + string.Join("; ", result.Reports.Select(r => r.Message)));
        if (!(result.MaxBalanceError <= ClosureLimit))
            throw new InvalidOperationException($"'{flowsheet.Name}' ({flowsheet.Solver.Method}) closes only to {result.MaxBalanceError:E2}");
    }

    /// <summary>Runs the check; returns the process exit code.</summary>
    /// <param name="files">Flowsheet files to check instead of the benchmark cases (Newton, then substitution if
    /// VERIFY_SUBSTITUTION=1); paths relative to the working directory.</param>
    public static int Run(IReadOnlyList<string> files)
    {
        var inv = CultureInfo.InvariantCulture;
        int failures = 0;
        var cases = new (string File, SolverMethod Method)[]
        {
            (Cases.PrNd, SolverMethod.Newton), (Cases.PrNd, SolverMethod.Substitution),
            (Cases.Ore, SolverMethod.Newton), (Cases.NdFeB, SolverMethod.Newton),
            (Cases.MassAction, SolverMethod.Newton),
        };
        if (files.Count > 0)
            cases = files.SelectMany(f => Environment.GetEnvironmentVariable("VERIFY_SUBSTITUTION") == "1"
                ? new[] { (Path.GetFullPath(f), SolverMethod.Newton), (Path.GetFullPath(f), SolverMethod.Substitution) }
                : new[] { (Path.GetFullPath(f), SolverMethod.Newton) }).ToArray();
        foreach (var (file, method) in cases)
        {
            var fs = Cases.With(Cases.Load(file), method);
            FlowsheetSolver.Solve(fs, fallback: false); // JIT
            var clock = Stopwatch.StartNew();
            var r = FlowsheetSolver.Solve(fs, fallback: false);
            clock.Stop();
            Console.WriteLine(string.Format(inv, "{0} [{1}]: converged {2}, {3} iterations, closure {4:E2}, {5:F3} ms",
                file, method, r.Converged, r.Iterations, r.MaxBalanceError, clock.Elapsed.TotalMilliseconds));
            foreach (var rep in r.Reports)
            {
                Console.WriteLine($"    {rep.Cascade} {rep.Method}: {rep.Status}, {rep.Iterations} iterations {rep.Message}");
                if (!rep.Converged || Environment.GetEnvironmentVariable("VERIFY_HISTORY") == "1")
                    Console.WriteLine("    residuals: " + string.Join(" ", rep.ResidualHistory
                        .Where((_, k) => k % Math.Max(1, rep.ResidualHistory.Count / 60) == 0).Select(v => v.ToString("E1", inv))));
            }
            foreach (var s in r.Specs)
                Console.WriteLine(string.Format(inv, "    spec {0} {1} {2}: {3:F6} (target {4}) {5}",
                    s.Stream, string.Join("+", s.Elements), s.Kind, s.Value, s.Target, s.Met ? "met" : "NOT met"));
            foreach (var st in r.Streams.Where(s => s.IsProduct))
            {
                var top = Enumerable.Range(0, r.Elements.Count).OrderByDescending(i => st.Purity[i]).Take(4)
                    .Select(i => string.Format(inv, "{0} {1:G4}", r.Elements[i], st.Purity[i]));
                Console.WriteLine($"    {st.Name}: {string.Join(", ", top)}");
            }
            try { Check(fs, r); }
            catch (InvalidOperationException e) { Console.WriteLine("    FAILED: " + e.Message); failures++; }
        }

        if (files.Count > 0) return failures == 0 ? 0 : 1;

        // Newton loop allocations: same tolerance and limit, starts needing different iteration counts
        var problem = Cases.Problem(Cases.Load(Cases.PrNd));
        var solver = new NewtonSolver();
        foreach (var start in Enum.GetValues<NewtonStart>())
        {
            var x0 = NewtonLoopBenchmarks.StartingProfile(problem, start);
            solver.Solve(problem, NewtonLoopBenchmarks.Tolerance, NewtonLoopBenchmarks.MaxIterations, x0);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var s = solver.Solve(problem, NewtonLoopBenchmarks.Tolerance, NewtonLoopBenchmarks.MaxIterations, x0);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            Console.WriteLine(string.Format(inv, "Pr/Nd NewtonSolver.Solve from {0}: {1}, {2} iterations, {3} residual-history entries, {4} B allocated",
                start, s.Report.Status, s.Report.Iterations, s.Report.ResidualHistory.Count, bytes));
        }
        foreach (double tol in new[] { 1e-4, 1e-12 })
        {
            var s = solver.Solve(problem, tol, NewtonLoopBenchmarks.MaxIterations);
            Console.WriteLine(string.Format(inv, "Pr/Nd NewtonSolver.Solve at tolerance {0:E0}: {1} iterations", tol, s.Report.Iterations));
        }

        // the march (implicit Euler) path: the mass-action case stopped at two limits
        var march = Cases.Problem(Cases.Load(Cases.MassAction));
        var measured = new List<(int Limit, int Entries, long Bytes)>();
        foreach (int limit in NewtonMarchBenchmarks.Limits)
        {
            solver.Solve(march, NewtonMarchBenchmarks.Tolerance, limit);
            long before = GC.GetAllocatedBytesForCurrentThread();
            var s = solver.Solve(march, NewtonMarchBenchmarks.Tolerance, limit);
            long bytes = GC.GetAllocatedBytesForCurrentThread() - before;
            measured.Add((limit, s.Report.ResidualHistory.Count, bytes));
            Console.WriteLine(string.Format(inv, "Mass action 10x50 NewtonSolver.Solve limited to {0}: {1}, {2} iterations, {3} residual-history entries, {4} B allocated",
                limit, s.Report.Status, s.Report.Iterations, s.Report.ResidualHistory.Count, bytes));
        }
        long expected = 8L * (measured[1].Limit - measured[0].Limit) + 8L * (measured[1].Entries - measured[0].Entries);
        long got = measured[1].Bytes - measured[0].Bytes;
        Console.WriteLine($"Mass action 10x50 difference: {got} B; history buffer and report copy account for {expected} B: {(got == expected ? "nothing else is allocated" : "MISMATCH")}");
        if (got != expected) failures++;

        // the fitting and design targets, one timed run each (the first includes JIT)
        var points = FitBenchmarks.SyntheticPoints();
        var fitClock = Stopwatch.StartNew();
        foreach (var group in points)
            SxCascade.Equilibrium.LawFitter.Fit(group, DistributionLawKind.LogD, 3, false, FitBenchmarks.Terms);
        Console.WriteLine(string.Format(inv, "Fit of {0} points ({1} elements): {2:F1} ms including JIT",
            points.Sum(g => g.Length), points.Length, fitClock.Elapsed.TotalMilliseconds));
        foreach (var file in new[] { Cases.PrNd, Cases.OreDesign })
        {
            var template = Cases.Load(file);
            var clock = Stopwatch.StartNew();
            try
            {
                var d = SxCascade.Design.Designer.Design(template, new SxCascade.Design.DesignOptions());
                clock.Stop();
                Console.WriteLine(string.Format(inv, "Design {0}: {1:F0} ms including JIT; {2}", file, clock.Elapsed.TotalMilliseconds,
                    DesignBenchmarks.Describe(DesignBenchmarks.Check(d))));
            }
            catch (Exception e) when (e is SxCascade.Design.DesignException or InvalidOperationException)
            {
                Console.WriteLine($"Design {file}: FAILED: {e.Message}");
                failures++;
            }
        }
        return failures == 0 ? 0 : 1;
    }
}
