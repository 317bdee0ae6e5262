using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Design;

/// <summary>What the simulated design achieves for the key groups, next to what the specs ask.</summary>
/// <param name="ProductSplitA">f'_A achieved: rare earths of the feed's key groups leaving in the A product, mol/mol.</param>
/// <param name="PurityA">Mole fraction of the A group among the A product's rare earths.</param>
/// <param name="PurityB">Mole fraction of the B group among the B product's rare earths.</param>
/// <param name="PurificationA">a achieved, [P_A/(1−P_A)]/(f_A/f_B) (MODEL.md §5).</param>
/// <param name="PurificationB">b achieved, [P_B/(1−P_B)]/(f_B/f_A).</param>
public sealed record AchievedQuality(double ProductSplitA, double PurityA, double PurityB, double PurificationA, double PurificationB);

/// <summary>The achieved split and key-group purities of a design (moved here from the design JSON writer).</summary>
public static class DesignQuality
{
    /// <summary>
    /// The split and key-group purities of the simulated design (<see cref="DesignResult.Result"/>).
    /// Purities are the one group purity of <see cref="StreamResult.GroupPurity"/> on the mole basis,
    /// the basis the shortcut theory works in (MODEL.md §5; an oxide-mass target is converted into it
    /// by the cut); NaN where a product stream is missing.
    /// </summary>
    public static AchievedQuality Achieved(DesignResult d)
    {
        ArgumentNullException.ThrowIfNull(d);
        var r = d.Result;
        var cut = d.Cut;
        int[] a = cut.A.Select(r.IndexOf).Where(i => i >= 0).ToArray();
        int[] b = cut.B.Select(r.IndexOf).Where(i => i >= 0).ToArray();
        double Sum(StreamResult? s, int[] idx) => s is null ? double.NaN : idx.Sum(s.MolarFlow);
        var feed = r.Stream(d.Cascade.FeedFrom);
        var aProduct = r.Stream(cut.AProduct);
        var bProduct = r.Stream(cut.BProduct);
        double fed = Sum(feed, a) + Sum(feed, b);
        double split = (Sum(aProduct, a) + Sum(aProduct, b)) / fed;
        double purityA = aProduct?.GroupPurity(r.Elements, a, PurityBasis.Mole) ?? double.NaN;
        double purityB = bProduct?.GroupPurity(r.Elements, b, PurityBasis.Mole) ?? double.NaN;
        double feedA = cut.FeedA, feedB = 1 - cut.FeedA;
        return new AchievedQuality(split, purityA, purityB,
            purityA / (1 - purityA) / (feedA / feedB), purityB / (1 - purityB) / (feedB / feedA));
    }
}
