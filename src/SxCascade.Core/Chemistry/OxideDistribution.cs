namespace SxCascade.Chemistry;

/// <summary>
/// Rare-earth distributions as ores and magnets are assayed, converted with the oxide masses per
/// metal atom of MODEL.md §4 (<see cref="Elements.OxideMass"/>) and the atomic weights
/// (<see cref="Elements.MolarMass"/>).
/// </summary>
public static class OxideDistribution
{
    /// <summary>
    /// Concentrations in mol/L of a solution of <paramref name="totalOxide"/> g/L rare-earth oxide
    /// distributed as <paramref name="oxidePercent"/> (percent of REO per element):
    /// c_i = T·p_i/100 / M_oxide,i, e.g. 180 g/L at 23.0 % La₂O₃: 180·0.23/162.91 = 0.2541 mol/L La.
    /// </summary>
    public static Dictionary<string, double> Concentrations(double totalOxide, IReadOnlyDictionary<string, double> oxidePercent)
    {
        var c = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var (element, pct) in oxidePercent) c[element] = totalOxide * pct / 100 / Elements.OxideMass(element);
        return c;
    }

    /// <summary>
    /// Mole fractions among the rare earths of an oxide distribution:
    /// x_i = (p_i/M_oxide,i) / Σ_j (p_j/M_oxide,j). Percentages need not sum to 100.
    /// </summary>
    public static Dictionary<string, double> MoleFractions(IReadOnlyDictionary<string, double> oxidePercent)
    {
        double total = oxidePercent.Sum(kv => kv.Value / Elements.OxideMass(kv.Key));
        return oxidePercent.ToDictionary(kv => kv.Key, kv => kv.Value / Elements.OxideMass(kv.Key) / total, StringComparer.Ordinal);
    }

    /// <summary>
    /// The oxide distribution (percent of REO, summing to 100) of rare earths given by element
    /// mass (wt-percent of a magnet, g/L of a liquor): n_i = w_i/M_i, oxide_i = n_i·M_oxide,i,
    /// p_i = 100·oxide_i/Σ oxide. Every key must be a rare earth.
    /// </summary>
    public static Dictionary<string, double> FromElementMass(IReadOnlyDictionary<string, double> elementMass)
    {
        var oxide = elementMass.ToDictionary(kv => kv.Key, kv => kv.Value / Elements.MolarMass(kv.Key) * Elements.OxideMass(kv.Key), StringComparer.Ordinal);
        return Normalised(oxide);
    }

    /// <summary><paramref name="values"/> scaled to sum to 100 (percent).</summary>
    public static Dictionary<string, double> Normalised(IReadOnlyDictionary<string, double> values)
    {
        double sum = values.Values.Sum();
        return values.ToDictionary(kv => kv.Key, kv => kv.Value / sum * 100, StringComparer.Ordinal);
    }
}
