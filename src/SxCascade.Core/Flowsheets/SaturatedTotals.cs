namespace SxCascade.Flowsheets;

/// <summary>
/// Stage totals of a saturated organic (MODEL.md §3.2). The organic total of every extraction
/// and scrub stage is fixed (L_j, or Y_j = Y_{j-1} + η·(L_j − Y_{j-1}) with a Murphree
/// efficiency), so the total rare-earth balance of those stages is linear and fixes the aqueous
/// totals from the top stage down: A_j·T_j = O·(Y_{j-1} − Y_j) + A↓_j·T_{j+1} + F_j
/// (<see cref="StageLayout.AqueousFromBalance"/>). Strip stages are taken as if the strip liquor
/// carried all the loaded organic's metal (an upper bound of what a reflux scrub returns), and a
/// recycled organic as arriving empty. A stage with T_j ≤ 0 has no steady state in this model.
/// Computed from the layout alone, so that validation checks feasibility without solver code.
/// </summary>
/// <param name="Organic">Y_j, mol/L (NaN in strip stages).</param>
/// <param name="Aqueous">T_j, mol/L (the strip estimate in strip stages).</param>
/// <param name="FirstEmptyStage">0-based stage whose aqueous total is ≤ 0, or -1.</param>
public sealed record SaturatedTotals(double[] Organic, double[] Aqueous, int FirstEmptyStage)
{
    /// <summary>
    /// Totals for <paramref name="layout"/> with <paramref name="inflows"/> and the saturated
    /// loading of each stage (<paramref name="loadings"/>, mol/L, NaN in strip stages); null when
    /// a stage up to the loaded stage has no saturated loading (the model has none).
    /// </summary>
    public static SaturatedTotals? Compute(StageLayout layout, StageInflows inflows, IReadOnlyList<double> loadings)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(inflows);
        ArgumentNullException.ThrowIfNull(loadings);
        int n = layout.Stages, c = inflows.Elements.Length, top = layout.LoadedStage;
        if (double.IsNaN(loadings[0])) return null;
        double o = layout.OrganicFlow, eta = layout.Definition.Efficiency;
        var organic = new double[n];
        var aqueous = new double[n];
        Array.Fill(organic, double.NaN);
        double inlet = layout.RecycledOrganic ? 0 : inflows.OrganicInlet.Sum();
        double y = inlet;
        for (int j = 0; j <= top; j++)
        {
            double l = loadings[j];
            if (double.IsNaN(l)) return null;
            y += eta * (l - y);
            organic[j] = y;
        }
        double above = 0;
        if (layout.StripStart >= 0)
        {
            double strip = o * organic[top] / layout.AqueousOut[layout.StripStart];
            for (int j = layout.StripStart; j < n; j++) aqueous[j] = strip;
            above = strip;
        }
        int empty = -1;
        var external = inflows.External;
        for (int j = top; j >= 0; j--)
        {
            double yPrev = j == 0 ? inlet : organic[j - 1];
            double fed = 0;
            for (int i = 0; i < c; i++) fed += external[j * c + i];
            double total = layout.AqueousFromBalance(j, yPrev, organic[j], above, fed);
            aqueous[j] = total;
            if (!(total > 0) && empty < 0) empty = j;
            above = Math.Max(total, 0);
        }
        return new SaturatedTotals(organic, aqueous, empty);
    }
}
