namespace SxCascade.Chemistry;

/// <summary>
/// Element data: standard atomic weights (g/mol), charges, and the oxide mass per metal atom
/// (MODEL.md §4) used for oxide-based feeds, purities and reagent intensities.
/// </summary>
public static class Elements
{
    /// <summary>Rare earths in the order of increasing atomic number, then Y and Sc.</summary>
    public static readonly IReadOnlyList<string> RareEarths =
        ["La", "Ce", "Pr", "Nd", "Pm", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y", "Sc"];

    private static readonly Dictionary<string, double> AtomicMass = new(StringComparer.Ordinal)
    {
        ["La"] = 138.905, ["Ce"] = 140.116, ["Pr"] = 140.908, ["Nd"] = 144.242, ["Pm"] = 145.0,
        ["Sm"] = 150.36, ["Eu"] = 151.964, ["Gd"] = 157.25, ["Tb"] = 158.925, ["Dy"] = 162.500,
        ["Ho"] = 164.930, ["Er"] = 167.259, ["Tm"] = 168.934, ["Yb"] = 173.045, ["Lu"] = 174.967,
        ["Y"] = 88.906, ["Sc"] = 44.956,
        ["Fe"] = 55.845, ["Al"] = 26.982, ["Ca"] = 40.078, ["Mg"] = 24.305, ["Na"] = 22.990,
        ["K"] = 39.098, ["NH4"] = 18.038, ["Co"] = 58.933, ["Ni"] = 58.693, ["Cu"] = 63.546,
        ["Mn"] = 54.938, ["Zn"] = 65.38, ["B"] = 10.81, ["Th"] = 232.038, ["U"] = 238.029,
        ["H+"] = 1.008, ["HSO4-"] = 97.07, ["SO4--"] = 96.06, ["Cl"] = 35.45,
    };

    // MODEL.md §4: oxide mass per RE atom (g/mol). Sc2O3/2 and Pm2O3/2 are computed from atomic weights.
    private static readonly Dictionary<string, double> OxideMassPerAtom = new(StringComparer.Ordinal)
    {
        ["La"] = 162.91, ["Ce"] = 172.11, ["Pr"] = 170.24, ["Nd"] = 168.24, ["Sm"] = 174.36,
        ["Eu"] = 175.96, ["Gd"] = 181.25, ["Tb"] = 186.93, ["Dy"] = 186.50, ["Ho"] = 188.93,
        ["Er"] = 191.26, ["Tm"] = 192.93, ["Yb"] = 197.04, ["Lu"] = 198.97, ["Y"] = 112.91,
        ["Sc"] = 68.955, ["Pm"] = 169.0,
    };

    private static readonly Dictionary<string, string> OxideFormula = new(StringComparer.Ordinal)
    {
        ["La"] = "La2O3", ["Ce"] = "CeO2", ["Pr"] = "Pr6O11", ["Nd"] = "Nd2O3", ["Pm"] = "Pm2O3",
        ["Sm"] = "Sm2O3", ["Eu"] = "Eu2O3", ["Gd"] = "Gd2O3", ["Tb"] = "Tb4O7", ["Dy"] = "Dy2O3",
        ["Ho"] = "Ho2O3", ["Er"] = "Er2O3", ["Tm"] = "Tm2O3", ["Yb"] = "Yb2O3", ["Lu"] = "Lu2O3",
        ["Y"] = "Y2O3", ["Sc"] = "Sc2O3",
    };

    /// <summary>True for a known element or species symbol.</summary>
    public static bool IsKnown(string symbol) => AtomicMass.ContainsKey(symbol);

    /// <summary>True for La…Lu, Y, Sc.</summary>
    public static bool IsRareEarth(string symbol) => OxideMassPerAtom.ContainsKey(symbol);

    /// <summary>All symbols this program knows, for error messages.</summary>
    public static IEnumerable<string> KnownSymbols => AtomicMass.Keys;

    /// <summary>Standard atomic weight in g/mol (formula mass for ions).</summary>
    public static double MolarMass(string symbol) =>
        AtomicMass.TryGetValue(symbol, out var m) ? m : throw new ArgumentException($"unknown element '{symbol}'", nameof(symbol));

    /// <summary>Oxide mass per metal atom in g/mol (e.g. Nd2O3/2 = 168.24), MODEL.md §4.</summary>
    public static double OxideMass(string symbol) =>
        OxideMassPerAtom.TryGetValue(symbol, out var m) ? m : throw new ArgumentException($"'{symbol}' is not a rare earth", nameof(symbol));

    /// <summary>
    /// Weight of each element in a purity: 1 per mole, or with <paramref name="oxideMass"/> its oxide
    /// mass per atom, for a rare earth; 0 for anything else (purity is a fraction among the rare earths).
    /// </summary>
    public static double[] PurityWeights(IReadOnlyList<string> elements, bool oxideMass) =>
        elements.Select(e => !IsRareEarth(e) ? 0.0 : oxideMass ? OxideMass(e) : 1.0).ToArray();

    /// <summary>Oxide formula as reported in assays (La2O3, CeO2, Pr6O11, …).</summary>
    public static string OxideName(string symbol) => OxideFormula.TryGetValue(symbol, out var f) ? f : symbol;

    /// <summary>Default ionic charge: 3 for rare earths, Al, Fe(III); 2 for Ca, Mg, …; 1 for Na, K, NH4.</summary>
    public static int DefaultCharge(string symbol) => symbol switch
    {
        "Ca" or "Mg" or "Co" or "Ni" or "Cu" or "Mn" or "Zn" => 2,
        "Na" or "K" or "NH4" or "H+" or "HSO4-" => 1,
        "SO4--" => -2,
        "Th" or "U" => 4,
        _ => 3,
    };

    /// <summary>Sort key: rare earths in atomic order first, then others alphabetically.</summary>
    public static int Order(string symbol)
    {
        for (int i = 0; i < RareEarths.Count; i++)
            if (RareEarths[i] == symbol) return i;
        return 100;
    }

    /// <summary>Sorts symbols by <see cref="Order"/>, then ordinal.</summary>
    public static string[] Sorted(IEnumerable<string> symbols) =>
        symbols.Distinct().OrderBy(Order).ThenBy(s => s, StringComparer.Ordinal).ToArray();
}
