using SxCascade.Flowsheets;

namespace SxCascade.Equilibrium;

/// <summary>
/// The registry of equilibrium models, by file key (as Cantera picks <c>thermo: ideal-gas</c>).
/// Adding a model adds one line here.
/// </summary>
public static class EquilibriumModels
{
    private static readonly Dictionary<string, Func<ChemistryDefinition, CascadeBinding, IStageEquilibrium>> Factories = new(StringComparer.Ordinal)
    {
        ["constant-d"] = (d, b) => new ConstantDistribution((ConstantDChemistry)d, b),
        ["separation-factor"] = (d, b) => new SaturatedSeparationFactor((SeparationFactorChemistry)d, b),
        ["mass-action"] = (d, b) => new MassActionEquilibrium((MassActionChemistry)d, b),
    };

    /// <summary>Model keys the engine can solve.</summary>
    public static IReadOnlyCollection<string> Keys => Factories.Keys;

    /// <summary>True when a model of this key can be solved.</summary>
    public static bool IsKnown(string key) => Factories.ContainsKey(key);

    /// <summary>Binds <paramref name="chemistry"/> to one cascade.</summary>
    public static IStageEquilibrium Bind(ChemistryDefinition chemistry, CascadeBinding binding) =>
        Factories.TryGetValue(chemistry.Model, out var f)
            ? f(chemistry, binding)
            : throw new ArgumentException($"unknown chemistry model '{chemistry.Model}'", nameof(chemistry));
}
