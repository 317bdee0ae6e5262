using System.Reflection;
using NetArchTest.Rules;
using SxCascade.Flowsheets;

namespace SxCascade.Core.Tests;

/// <summary>
/// The dependency arrows of the code (STYLE.md "Layout"), checked on the compiled assemblies with
/// NetArchTest. The Core namespaces form a layered stack, each depending only on those below it:
///   Chemistry ← Flowsheets ← Equilibrium ← Results ← Solvers ← Design ← Comparison
/// (Results hold the result records and the tables built from solved cascades; the solvers
/// produce them). Core touches no file and no console and knows nothing of IO, Plots or Cli;
/// Plots and IO know nothing of each other or of Cli.
/// </summary>
public class ArchitectureTests
{
    /// <summary>The Core namespaces, lowest first: each may depend only on those before it.</summary>
    private static readonly string[] Layers =
    [
        "SxCascade.Chemistry", "SxCascade.Flowsheets", "SxCascade.Equilibrium", "SxCascade.Results", "SxCascade.Costs",
        "SxCascade.Solvers", "SxCascade.Design", "SxCascade.Comparison", "SxCascade.Sweeps",
    ];

    private static readonly Assembly Core = typeof(Flowsheet).Assembly;
    private static readonly Assembly Io = typeof(IO.FlowsheetLoader).Assembly;
    private static readonly Assembly Plots = typeof(Plots.ComparisonFigures).Assembly;

    /// <summary>Types of <paramref name="assembly"/> in namespace <paramref name="ns"/> that depend on any of <paramref name="targets"/>, with what they use.</summary>
    private static List<string> Offenders(Assembly assembly, string ns, params string[] targets)
    {
        var result = Types.InAssembly(assembly).That().ResideInNamespace(ns).ShouldNot().HaveDependencyOnAny(targets).GetResult();
        return result.IsSuccessful ? [] : result.FailingTypes.Select(t => $"{t.FullName}: {t.Explanation}").ToList();
    }

    /// <summary>The namespaces above <paramref name="layer"/> in <paramref name="order"/>.</summary>
    private static string[] Above(string[] order, int layer) => order[(layer + 1)..];

    [Fact]
    public void EveryCoreNamespaceIsALayer()
    {
        var namespaces = Core.GetTypes().Select(t => t.Namespace).OfType<string>().Where(n => n.StartsWith("SxCascade.", StringComparison.Ordinal))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        Assert.Equal(Layers.Order(StringComparer.Ordinal), namespaces);
    }

    [Fact]
    public void CoreNamespacesDependOnlyOnTheLayersBelow()
    {
        var offenders = new List<string>();
        for (int k = 0; k < Layers.Length - 1; k++)
            offenders.AddRange(Offenders(Core, Layers[k], Above(Layers, k)));
        Assert.Empty(offenders);
    }

    /// <summary>
    /// The rule detects a dependency that exists: read upside down (Comparison lowest), every layer
    /// but the top one depends on one "above" it, so the same check must find offenders in each.
    /// Guards against a rule that passes because it matches nothing.
    /// </summary>
    [Fact]
    public void LayerRuleFindsADependencyAgainstTheArrows()
    {
        var reversed = Layers.Reverse().ToArray();
        for (int k = 0; k < reversed.Length - 1; k++)
            Assert.True(Offenders(Core, reversed[k], Above(reversed, k)).Count > 0, $"{reversed[k]} should be found depending on a namespace below it");
        // and the known edge Flowsheets → Chemistry (Elements) by name
        Assert.Contains(Offenders(Core, "SxCascade.Flowsheets", "SxCascade.Chemistry"), o => o.Contains("SxCascade.Flowsheets.", StringComparison.Ordinal));
    }

    /// <summary>
    /// The namespace graph itself, edge by edge from the IL, has no cycle (a topological order
    /// exists), independently of the order the layers are listed in.
    /// </summary>
    [Fact]
    public void CoreNamespaceGraphHasNoCycle()
    {
        var edges = Layers.ToDictionary(a => a, a => Layers.Where(b => b != a && Offenders(Core, a, b).Count > 0).ToHashSet());
        var left = new HashSet<string>(Layers);
        while (left.Count > 0)
        {
            // a namespace that depends on nothing still left can go next
            var next = left.FirstOrDefault(a => !edges[a].Overlaps(left));
            Assert.True(next is not null, $"the namespaces {string.Join(", ", left)} form a dependency cycle: "
                + string.Join("; ", left.Select(a => $"{a} → {string.Join(", ", edges[a].Where(left.Contains))}")));
            left.Remove(next!);
        }
        // the stack rests on Chemistry, which depends on no other Core namespace
        Assert.Empty(edges["SxCascade.Chemistry"]);
    }

    [Fact]
    public void CoreTouchesNoFileAndNoConsole()
    {
        var result = Types.InAssembly(Core).ShouldNot().HaveDependencyOnAny("System.IO", "System.Console").GetResult();
        Assert.True(result.IsSuccessful, string.Join("\n", result.FailingTypes?.Select(t => $"{t.FullName}: {t.Explanation}") ?? []));
    }

    [Fact]
    public void CoreDoesNotReferenceIoPlotsOrCli()
    {
        var result = Types.InAssembly(Core).ShouldNot().HaveDependencyOnAny("SxCascade.IO", "SxCascade.Plots", "SxCascade.Cli").GetResult();
        Assert.True(result.IsSuccessful, string.Join("\n", result.FailingTypes?.Select(t => t.FullName) ?? []));
        var referenced = Core.GetReferencedAssemblies().Select(a => a.Name).ToList();
        Assert.DoesNotContain(referenced, n => n is "SxCascade.IO" or "SxCascade.Plots" or "sxcascade");
    }

    [Fact]
    public void PlotsDoNotReferenceIoOrCli()
    {
        var result = Types.InAssembly(Plots).ShouldNot().HaveDependencyOnAny("SxCascade.IO", "SxCascade.Cli").GetResult();
        Assert.True(result.IsSuccessful, string.Join("\n", result.FailingTypes?.Select(t => t.FullName) ?? []));
        Assert.DoesNotContain(Plots.GetReferencedAssemblies(), a => a.Name is "SxCascade.IO" or "sxcascade");
    }

    [Fact]
    public void IoDoesNotReferencePlotsOrCli()
    {
        var result = Types.InAssembly(Io).ShouldNot().HaveDependencyOnAny("SxCascade.Plots", "SxCascade.Cli").GetResult();
        Assert.True(result.IsSuccessful, string.Join("\n", result.FailingTypes?.Select(t => t.FullName) ?? []));
        Assert.DoesNotContain(Io.GetReferencedAssemblies(), a => a.Name is "SxCascade.Plots" or "sxcascade");
    }

    /// <summary>Validation checks the model key against the keys the chemistry definitions declare; the registry of models must bind exactly those.</summary>
    [Fact]
    public void ModelKeysOfTheDefinitionsAreTheRegistrysKeys() =>
        Assert.Equal(ChemistryDefinition.ModelKeys, Equilibrium.EquilibriumModels.Keys);
}
