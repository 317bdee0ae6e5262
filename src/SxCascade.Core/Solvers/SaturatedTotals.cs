namespace SxCascade.Solvers;

/// <summary>
/// Stage totals of a saturated organic (MODEL.md §3.2). The organic total of every extraction
/// and scrub stage is fixed (L_j, or Y_j = Y_{j-1} + η·(L_j − Y_{j-1}) with a Murphree
/// efficiency), so the total rare-earth balance of those stages is linear and fixes the aqueous
/// totals from the top stage down: A_j·T_j = O·(Y_{j-1} − Y_j) + A↓_j·T_{j+1} + F_j. Strip
/// stages are taken as if the strip liquor carried all the loaded organic's metal (an upper
/// bound of what a reflux scrub returns), and a recycled organic as arriving empty.
/// A stage with T_j ≤ 0 has no steady state in this model.
/// </summary>
/// <param name="Organic">Y_j, mol/L (NaN in strip stages).</param>
/// <param name="Aqueous">T_j, mol/L (the strip estimate in strip stages).</param>
/// <param name="FirstEmptyStage">0-based stage whose aqueous total is ≤ 0, or -1.</param>
public sealed record SaturatedTotals(double[] Organic, double[] Aqueous, int FirstEmptyStage)
{
    /// <summary>Totals for <paramref name="p"/>, or null when its model has no saturated organic.</summary>
    public static SaturatedTotals? Compute(CascadeProblem p)
    {
        int n = p.Stages, c = p.C, top = p.LoadedStage;
        var eq = p.Equilibrium;
        if (double.IsNaN(eq.SaturatedLoading(0))) return null;
        double o = p.OrganicFlow, eta = p.Efficiency;
        var organic = new double[n];
        var aqueous = new double[n];
        Array.Fill(organic, double.NaN);
        double inlet = p.Recycle ? 0 : p.OrganicInlet.Sum();
        double y = inlet;
        for (int j = 0; j <= top; j++)
        {
            double l = eq.SaturatedLoading(j);
            if (double.IsNaN(l)) return null;
            y += eta * (l - y);
            organic[j] = y;
        }
        double above = 0;
        if (p.StripStart >= 0)
        {
            double strip = o * organic[top] / p.AqueousOut[p.StripStart];
            for (int j = p.StripStart; j < n; j++) aqueous[j] = strip;
            above = strip;
        }
        int empty = -1;
        for (int j = top; j >= 0; j--)
        {
            double yPrev = j == 0 ? inlet : organic[j - 1];
            double fed = 0;
            for (int i = 0; i < c; i++) fed += p.External[j * c + i];
            double total = (o * (yPrev - organic[j]) + p.AqueousDown[j] * above + fed) / p.AqueousOut[j];
            aqueous[j] = total;
            if (!(total > 0) && empty < 0) empty = j;
            above = Math.Max(total, 0);
        }
        return new SaturatedTotals(organic, aqueous, empty);
    }
}
