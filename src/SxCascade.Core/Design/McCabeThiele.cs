namespace SxCascade.Design;

/// <summary>
/// The McCabe–Thiele construction of the key pair of a shortcut design (MODEL.md §5), in mole
/// fractions of the more extractable product A: x in the aqueous, y in the organic. The
/// equilibrium curve, the extraction and scrub operating lines, and the stage staircase that
/// <c>sxcascade design --out</c> draws.
/// </summary>
/// <remarks>
/// Both operating lines meet the diagonal at the product compositions (x = 1 − P_B and x = P_A,
/// because S − W = f'_A) and each other on the feed line (x = f_A, the overall balance of A).
/// </remarks>
public static class McCabeThiele
{
    /// <summary>Equilibrium of the key pair: y = βx/(1 + (β−1)x).</summary>
    public static double Equilibrium(double beta, double x) => beta * x / (1 + (beta - 1) * x);

    /// <summary>The extraction operating line solved for x_{i+1}: x = (S·y + f'_B·(1−P_B))/(W + 1).</summary>
    public static double ExtractionLine(ShortcutDesign d, double extraction, double scrub, double y)
    {
        ArgumentNullException.ThrowIfNull(d);
        return (extraction * y + (1 - d.ProductSplitA) * (1 - d.PurityB)) / (scrub + 1);
    }

    /// <summary>The scrub operating line solved for x_{i+1}: x = (S·y − f'_A·P_A)/W.</summary>
    public static double ScrubLine(ShortcutDesign d, double extraction, double scrub, double y)
    {
        ArgumentNullException.ThrowIfNull(d);
        return (extraction * y - d.ProductSplitA * d.PurityA) / scrub;
    }

    /// <summary>
    /// The staircase, as drawn: it starts at the raffinate on the diagonal, (x_1, x_1) with
    /// x_1 = 1 − P_B, then for each stage i = 1..n+m rises to the equilibrium curve, (x_i, y_i) with
    /// y_i = βx_i/(1+(β−1)x_i), and runs to the operating line, (x_{i+1}, y_i) with x_{i+1} from
    /// <see cref="ExtractionLine"/> for i ≤ n and <see cref="ScrubLine"/> after. 1 + 2(n+m) points.
    /// </summary>
    /// <param name="d">The shortcut design: β, P_A, P_B, f'_A.</param>
    /// <param name="extraction">S, mol extracted per mol fed.</param>
    /// <param name="scrub">W, mol scrubbed per mol fed (&gt; 0 when there are scrub stages).</param>
    /// <param name="extractionStages">n ≥ 0.</param>
    /// <param name="scrubStages">m ≥ 0.</param>
    public static IReadOnlyList<(double X, double Y)> Steps(ShortcutDesign d, double extraction, double scrub, int extractionStages, int scrubStages)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentOutOfRangeException.ThrowIfNegative(extractionStages);
        ArgumentOutOfRangeException.ThrowIfNegative(scrubStages);
        double x = 1 - d.PurityB;
        var points = new List<(double X, double Y)>(1 + 2 * (extractionStages + scrubStages)) { (x, x) };
        for (int i = 1; i <= extractionStages + scrubStages; i++)
        {
            double y = Equilibrium(d.Beta, x);
            points.Add((x, y));
            x = i <= extractionStages ? ExtractionLine(d, extraction, scrub, y) : ScrubLine(d, extraction, scrub, y);
            points.Add((x, y));
        }
        return points;
    }

}
