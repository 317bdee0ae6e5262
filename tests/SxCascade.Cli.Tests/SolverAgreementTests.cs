using SxCascade.Flowsheets;
using SxCascade.IO;
using SxCascade.Solvers;

namespace SxCascade.Cli.Tests;

/// <summary>
/// Newton and stage-to-stage substitution agree to 1e-8 on the contract examples and the
/// validation cases in flowsheets/ (the benchmark cases in flowsheets/bench are left to
/// Newton: substitution needs millions of sweeps there).
/// </summary>
public class SolverAgreementTests
{
    public static TheoryData<string> Flowsheets()
    {
        var data = new TheoryData<string>();
        string root = Path.Combine(AppContext.BaseDirectory, "flowsheets");
        foreach (var f in Directory.GetFiles(root, "*.yaml").Concat(Directory.GetFiles(Path.Combine(root, "validation"), "*.yaml"))
                     .OrderBy(f => f, StringComparer.Ordinal))
            data.Add(Path.GetRelativePath(root, f));
        return data;
    }

    [Theory, MemberData(nameof(Flowsheets))]
    public void Newton_and_substitution_agree(string file)
    {
        var loaded = FlowsheetLoader.LoadFile(Path.Combine(AppContext.BaseDirectory, "flowsheets", file));
        Assert.True(loaded.Ok, string.Join("\n", loaded.Errors));
        var fs = loaded.Flowsheet!;
        var newton = FlowsheetSolver.Solve(fs with { Solver = fs.Solver with { Method = SolverMethod.Newton, Tolerance = 1e-13 } }, fallback: false);
        var substitution = FlowsheetSolver.Solve(fs with { Solver = fs.Solver with { Method = SolverMethod.Substitution, Tolerance = 1e-12, MaxIterations = 1_000_000 } }, fallback: false);
        Assert.True(newton.Converged, $"newton: {newton.Reports[^1].Message}");
        Assert.True(substitution.Converged, $"substitution: {substitution.Reports[^1].Message}");
        foreach (var s in newton.Streams)
        {
            var other = substitution.Stream(s.Name)!;
            double scale = s.Concentrations.Where(double.IsFinite).Select(Math.Abs).DefaultIfEmpty(0).Max();
            for (int e = 0; e < s.Concentrations.Count; e++)
            {
                if (!double.IsFinite(s.Concentrations[e])) continue;
                // relative to the element itself, or to the stream's largest concentration for traces
                double diff = Math.Abs(s.Concentrations[e] - other.Concentrations[e]);
                Assert.True(diff <= 1e-8 * Math.Max(Math.Abs(s.Concentrations[e]), 1e-6 * scale),
                    $"{file} {s.Name} {newton.Elements[e]}: newton {s.Concentrations[e]:R} substitution {other.Concentrations[e]:R}");
            }
        }
    }
}
