using System.Reflection;
using SxCascade.Flowsheets;
using SxCascade.IO;
using SxCascade.Solvers;

namespace SxCascade.Benchmarks;

/// <summary>The flowsheets the benchmarks solve, loaded and validated by the real loader.</summary>
public static class Cases
{
    /// <summary>Pr/Nd contract example: 58 stages, 2 elements.</summary>
    public const string PrNd = "flowsheets/prnd-p507.yaml";

    /// <summary>NdFeB contract example: 18 stages, 3 elements, β(Dy/Nd) ≈ 280.</summary>
    public const string NdFeB = "flowsheets/ndfeb-dy-recovery.yaml";

    /// <summary>Bastnaesite La/Ce | Pr-Lu split: 100 stages, 15 elements.</summary>
    public const string Ore = "flowsheets/bench/ore-15-element-100-stage.yaml";

    /// <summary>D2EHPA chloride La/Ce | Pr-Y split, mass action: 50 stages, 10 elements + H⁺.</summary>
    public const string MassAction = "flowsheets/bench/mass-action-10-element-50-stage.yaml";

    /// <summary>Design template: bastnaesite, 15 elements, cut Nd | Sm.</summary>
    public const string OreDesign = "flowsheets/bench/ore-15-element-nd-sm-design.yaml";

    /// <summary>
    /// The repository root: <c>SXCASCADE_ROOT</c> if set, else the first folder up from the
    /// working directory that holds SxCascade.sln, else the source folder recorded at build time.
    /// </summary>
    public static string RepositoryRoot()
    {
        var env = Environment.GetEnvironmentVariable("SXCASCADE_ROOT");
        if (!string.IsNullOrEmpty(env)) return env;
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "SxCascade.sln"))) return dir.FullName;
        return typeof(Cases).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .First(a => a.Key == "RepositoryRoot").Value!;
    }

    /// <summary>Loads a flowsheet (path relative to the repository root); throws on any error.</summary>
    public static Flowsheet Load(string relativePath)
    {
        string path = Path.Combine(RepositoryRoot(), relativePath);
        var result = FlowsheetLoader.LoadFile(path);
        if (!result.Ok || result.Flowsheet is null)
            throw new InvalidOperationException($"{path} does not load:\n" + string.Join("\n", result.Errors));
        return result.Flowsheet;
    }

    /// <summary>The flowsheet with its solver method replaced.</summary>
    public static Flowsheet With(Flowsheet flowsheet, SolverMethod method) =>
        flowsheet with { Solver = flowsheet.Solver with { Method = method } };

    /// <summary>The first cascade of a flowsheet fed directly by an external feed, compiled.</summary>
    public static CascadeProblem Problem(Flowsheet flowsheet)
    {
        var cascade = flowsheet.Cascades[0];
        var elements = flowsheet.Elements();
        var feed = flowsheet.Feeds.First(f => f.Name == cascade.FeedFrom);
        var conc = new double[elements.Length];
        for (int e = 0; e < elements.Length; e++) conc[e] = feed.Content(elements[e]); // total acidity for H+, as FlowsheetSolver
        return CascadeProblem.Create(cascade, flowsheet.ChemistryOf(cascade), elements, feed.Flow, conc);
    }
}
