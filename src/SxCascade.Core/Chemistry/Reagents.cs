namespace SxCascade.Chemistry;

/// <summary>
/// Saponification agents: molar mass, base equivalents per mole, and the chloride salt each
/// leaves in the effluent (MODEL.md §4). 3 equivalents of base per RE³⁺ extracted (Xu).
/// </summary>
/// <param name="Name">Formula as written in files (NaOH, NH3, Mg(OH)2, Ca(OH)2).</param>
/// <param name="MolarMass">g/mol of the agent.</param>
/// <param name="Equivalents">mol OH⁻ (or NH₃) per mol of agent.</param>
/// <param name="Salt">Effluent salt formula in chloride media.</param>
/// <param name="SaltMolarMass">g/mol of the salt; one salt formula per mol of agent.</param>
/// <param name="SulfateSalt">Effluent salt in sulfate media.</param>
/// <param name="SulfateSaltMassPerAgent">g of that salt per mol of agent (Na₂SO₄ holds two NaOH: 142.04/2).</param>
public sealed record SaponificationAgent(string Name, double MolarMass, int Equivalents, string Salt, double SaltMolarMass,
    string SulfateSalt, double SulfateSaltMassPerAgent)
{
    /// <summary>Agents known to the engine.</summary>
    public static readonly IReadOnlyList<SaponificationAgent> All =
    [
        new("NaOH", 39.997, 1, "NaCl", 58.44, "Na2SO4", 142.04 / 2),
        new("NH3", 17.031, 1, "NH4Cl", 53.49, "(NH4)2SO4", 132.14 / 2),
        new("Mg(OH)2", 58.319, 2, "MgCl2", 95.21, "MgSO4", 120.37),
        new("Ca(OH)2", 74.093, 2, "CaCl2", 110.98, "CaSO4", 136.14),
    ];

    /// <summary>The agent named <paramref name="name"/> (case-insensitive), or null ("none" or unknown).</summary>
    public static SaponificationAgent? Find(string? name) =>
        name is null ? null : All.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Accepted names for messages.</summary>
    public static IEnumerable<string> Names => All.Select(a => a.Name).Append("none");
}

/// <summary>Acid data (100 % basis).</summary>
public static class Acids
{
    /// <summary>HCl, g/mol.</summary>
    public const double HydrochloricAcidMolarMass = 36.46;

    /// <summary>H₂SO₄, g/mol (two H⁺ per formula).</summary>
    public const double SulfuricAcidMolarMass = 98.079;
}
