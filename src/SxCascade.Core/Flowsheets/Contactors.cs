namespace SxCascade.Flowsheets;

/// <summary>
/// A contactor type as a preset of stage efficiency and hold-up (issue 4, "techniques"): what a
/// cascade's <c>contactor:</c> key stands for when the file does not give the values itself.
/// Every stage holds the two phases for <see cref="ResidenceMinutes"/> at their flows (no slip
/// between the phases), so a stage's volume is τ·(O + A) and its organic τ·O.
/// </summary>
/// <param name="Name">Key in files (mixer-settler, centrifugal-contactor, pulsed-column).</param>
/// <param name="Label">Words for tables and legends.</param>
/// <param name="Efficiency">Murphree stage efficiency.</param>
/// <param name="ResidenceMinutes">Hold-up time of the total flow per stage, min (pulsed column: HETS / throughput).</param>
/// <param name="HetsMetres">Pulsed column: height equivalent to a theoretical stage, m.</param>
/// <param name="ThroughputMetresPerHour">Pulsed column: total superficial flow (aqueous + organic) per column cross-section, m/h.</param>
/// <param name="Tag">Provenance tag of the preset values (shared/data/README.md).</param>
/// <param name="Source">Where the values come from.</param>
public sealed record ContactorPreset(string Name, string Label, double Efficiency, double ResidenceMinutes, double? HetsMetres,
    double? ThroughputMetresPerHour, string Tag, string Source)
{
    private const string TextbookRange =
        "typical ranges of textbook contactor chapters (e.g. Rydberg, Cox, Musikas, Choppin, Solvent Extraction Principles and Practice, "
        + "2nd ed., 2004); a mid-range choice, not checked against a primary table";

    /// <summary>The presets, by name.</summary>
    public static readonly IReadOnlyList<ContactorPreset> All =
    [
        // mixer ~3 min plus settler ~12 min of the total flow
        new("mixer-settler", "mixer-settler", 0.95, 15, null, null, "indicative", TextbookRange),
        // annular centrifugal contactors hold the phases for seconds
        new("centrifugal-contactor", "centrifugal contactor", 0.95, 0.5, null, null, "indicative", TextbookRange),
        // stages are theoretical (efficiency 1), each HETS high; τ = HETS / throughput = 1 m / 20 m/h = 3 min
        new("pulsed-column", "pulsed column", 1.0, 60.0 * 1.0 / 20, 1.0, 20, "indicative", TextbookRange),
    ];

    /// <summary>The preset called <paramref name="name"/>, or null.</summary>
    public static ContactorPreset? Find(string name) => All.FirstOrDefault(p => p.Name == name);

    /// <summary>The names, for messages.</summary>
    public static IEnumerable<string> Names => All.Select(p => p.Name);
}

/// <summary>A cascade's contactor: a preset with the values the file gave in its place.</summary>
/// <param name="Preset">The contactor type.</param>
/// <param name="ResidenceTime">Hold-up time per stage given by the file, min (mixer-settler, centrifugal contactor), or null for the preset's.</param>
/// <param name="Hets">HETS given by the file, m (pulsed column), or null.</param>
/// <param name="Throughput">Throughput given by the file, m/h (pulsed column), or null.</param>
public sealed record Contactor(ContactorPreset Preset, double? ResidenceTime = null, double? Hets = null, double? Throughput = null)
{
    /// <summary>Hold-up time of the total flow per stage, min.</summary>
    public double ResidenceMinutes => Preset.HetsMetres is { } presetHets
        ? 60.0 * (Hets ?? presetHets) / (Throughput ?? Preset.ThroughputMetresPerHour!.Value)
        : ResidenceTime ?? Preset.ResidenceMinutes;

    /// <summary>True when the file changed none of the preset's values.</summary>
    public bool IsPreset => ResidenceTime is null && Hets is null && Throughput is null;

    /// <summary>Volume of a stage through which <paramref name="totalFlow"/> L/h pass, L.</summary>
    public double StageVolume(double totalFlow) => ResidenceMinutes / 60.0 * totalFlow;
}
