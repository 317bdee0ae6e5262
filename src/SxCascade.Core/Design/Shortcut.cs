namespace SxCascade.Design;

/// <summary>Where the feed enters a fractional-extraction cascade (MODEL.md §5).</summary>
public enum FeedPhase
{
    /// <summary>Aqueous feed at the last extraction stage.</summary>
    Aqueous,
    /// <summary>Loaded-organic feed.</summary>
    Organic,
}

/// <summary>Which section limits the design at the optimum extraction ratios.</summary>
public enum ControllingSection
{
    /// <summary>The extraction section (E_M = 1/√β).</summary>
    Extraction,
    /// <summary>The scrub section (E'_M = √β).</summary>
    Scrub,
}

/// <summary>
/// Shortcut design of a binary key split (Xu Guangxian's countercurrent extraction theory,
/// MODEL.md §5). Flows are rare-earth molar flows per mol of feed rare earths: S extracted,
/// W scrubbed back. A is the more extractable product (organic side), B the raffinate.
/// </summary>
/// <param name="Beta">Separation factor of the key pair β = D_A/D_B (&gt; 1).</param>
/// <param name="FeedA">f_A, mole fraction of A among the feed's rare earths.</param>
/// <param name="PurityA">P_A of the A product.</param>
/// <param name="PurityB">P_B of the B product.</param>
/// <param name="Feed">Feed phase.</param>
/// <param name="ProductSplitA">f'_A, fraction of the feed leaving as A product.</param>
/// <param name="PurificationA">a = [P_A/(1−P_A)]/(f_A/f_B).</param>
/// <param name="PurificationB">b = [P_B/(1−P_B)]/(f_B/f_A).</param>
/// <param name="FenskeStages">N_min = ln(a·b)/ln β, stages at total reflux.</param>
/// <param name="MinimumScrub">W_min (infinite stages).</param>
/// <param name="MinimumExtraction">S_min = W_min + f'_A (aqueous feed) or the organic-feed value.</param>
/// <param name="Controlling">Section that controls at the optimum ratios.</param>
/// <param name="ExtractionRatio">E_M = S/(W+1), the mixed extraction ratio of the extraction section.</param>
/// <param name="ScrubRatio">E'_M = S/W, that of the scrub section.</param>
/// <param name="Extraction">S at the optimum.</param>
/// <param name="Scrub">W at the optimum.</param>
/// <param name="ExtractionStages">Xu's n = lg b / lg(β·E_M).</param>
/// <param name="ScrubStages">Xu's m = lg a / lg(β/E'_M).</param>
/// <param name="OptimumApproximate">True for β ≥ 3, where the simple optimum is only approximate.</param>
public sealed record ShortcutDesign(
    double Beta, double FeedA, double PurityA, double PurityB, FeedPhase Feed,
    double ProductSplitA, double PurificationA, double PurificationB, double FenskeStages,
    double MinimumScrub, double MinimumExtraction, ControllingSection Controlling,
    double ExtractionRatio, double ScrubRatio, double Extraction, double Scrub,
    double ExtractionStages, double ScrubStages, bool OptimumApproximate);

/// <summary>The formulas of MODEL.md §5, each a closed form with its oracle in the tests.</summary>
public static class Shortcut
{
    /// <summary>f'_A = (f_A − (1 − P_B)) / (P_A − (1 − P_B)).</summary>
    public static double ProductSplit(double feedA, double purityA, double purityB) =>
        (feedA - (1 - purityB)) / (purityA - (1 - purityB));

    /// <summary>a = [P_A/(1−P_A)]/(f_A/f_B), b = [P_B/(1−P_B)]/(f_B/f_A).</summary>
    public static (double A, double B) PurificationFactors(double feedA, double purityA, double purityB)
    {
        double feedB = 1 - feedA;
        return (purityA / (1 - purityA) / (feedA / feedB), purityB / (1 - purityB) / (feedB / feedA));
    }

    /// <summary>Minimum stages at total reflux (Fenske analogue): N_min = ln(a·b)/ln β.</summary>
    public static double Fenske(double beta, double a, double b) => Math.Log(a * b) / Math.Log(beta);

    /// <summary>Sharp-split minimum scrub amount W_min = 1/(β − 1) (aqueous feed).</summary>
    public static double SharpMinimumScrub(double beta) => 1 / (beta - 1);

    /// <summary>
    /// Minimum scrub amount (pinch at the feed): aqueous feed W_min = f'_A·(P_A − y*)/(y* − f_A) with
    /// y* = β·f_A/(1 + (β−1)·f_A); organic feed W_min = f_B + 1/(β − 1).
    /// </summary>
    public static double MinimumScrub(double beta, double feedA, double purityA, double purityB, FeedPhase feed = FeedPhase.Aqueous)
    {
        if (feed == FeedPhase.Organic) return 1 - feedA + 1 / (beta - 1);
        double yStar = beta * feedA / (1 + (beta - 1) * feedA);
        return ProductSplit(feedA, purityA, purityB) * (purityA - yStar) / (yStar - feedA);
    }

    /// <summary>Minimum extraction amount: S_min = W_min + f'_A (aqueous feed), 1/(β − 1) (organic feed).</summary>
    public static double MinimumExtraction(double beta, double feedA, double purityA, double purityB, FeedPhase feed = FeedPhase.Aqueous) =>
        feed == FeedPhase.Organic ? 1 / (beta - 1)
            : MinimumScrub(beta, feedA, purityA, purityB) + ProductSplit(feedA, purityA, purityB);

    /// <summary>
    /// Optimum mixed extraction ratios: if f'_B &gt; √β/(1+√β) the extraction section controls,
    /// E_M = 1/√β and E'_M = E_M·f'_B/(E_M − f'_A); otherwise the scrub section controls,
    /// E'_M = √β and E_M = f'_A·√β/(f'_A + √β − 1).
    /// </summary>
    public static (ControllingSection Section, double ExtractionRatio, double ScrubRatio) OptimumRatios(double beta, double productSplitA)
    {
        double root = Math.Sqrt(beta), splitB = 1 - productSplitA;
        if (splitB > root / (1 + root))
        {
            double em = 1 / root;
            return (ControllingSection.Extraction, em, em * splitB / (em - productSplitA));
        }
        return (ControllingSection.Scrub, productSplitA * root / (productSplitA + root - 1), root);
    }

    /// <summary>Xu's stage numbers: n = lg b / lg(β·E_M), m = lg a / lg(β/E'_M).</summary>
    public static (double N, double M) XuStages(double beta, double extractionRatio, double scrubRatio, double a, double b) =>
        (Math.Log10(b) / Math.Log10(beta * extractionRatio), Math.Log10(a) / Math.Log10(beta / scrubRatio));

    /// <summary>
    /// Exact fraction of one element to the raffinate for constant stage factors E (extraction) and
    /// E' (scrub), aqueous feed at stage n, rare-earth-free organic and scrub: Φ = U/(U + V) with
    /// U = Σ_{j=0..m} E'^(−j), V = Σ_{j=1..n} E^j.
    /// </summary>
    public static double RaffinateFraction(double e, double ePrime, int n, int m)
    {
        double u = 0, v = 0;
        for (int j = 0; j <= m; j++) u += Math.Pow(ePrime, -j);
        for (int j = 1; j <= n; j++) v += Math.Pow(e, j);
        return u / (u + v);
    }

    /// <summary>Extraction and scrub amounts for mixed extraction ratios, aqueous feed: W = f'_A/(E'_M − 1), S = f'_A·E'_M/(E'_M − 1).</summary>
    public static (double S, double W) Amounts(double productSplitA, double scrubRatio) =>
        (productSplitA * scrubRatio / (scrubRatio - 1), productSplitA / (scrubRatio - 1));

    /// <summary>
    /// Fraction of an element's inflow on the loaded organic that a counter-current strip section of
    /// <paramref name="stages"/> stages fed with metal-free acid leaves on the stripped organic
    /// (Kremser): φ = (ε − 1)/(ε^(k+1) − 1) with the stripping factor ε = A/(D·O); φ = 1/(k + 1) at ε = 1.
    /// </summary>
    /// <param name="strippingFactor">ε = strip flow/(D_strip·organic flow), &gt; 0.</param>
    /// <param name="stages">k ≥ 0 strip stages.</param>
    public static double StripLeak(double strippingFactor, int stages)
    {
        double e = strippingFactor;
        if (Math.Abs(e - 1) < 1e-9) return 1.0 / (stages + 1);
        // (ε − 1)/(ε^(k+1) − 1) overflows for large ε·k; in logs it is ≈ ε^(−k)·(1 − 1/ε) there
        double logPower = (stages + 1) * Math.Log(e);
        return logPower > 700 ? Math.Exp(Math.Log(e - 1) - logPower) : (e - 1) / (Math.Exp(logPower) - 1);
    }

    /// <summary>
    /// Largest fraction φ of the A product's metal that may ride the stripped organic back to stage 1
    /// and still let the raffinate reach P_B: the organic leaves the scrub section with the product
    /// split f'_A, the strip liquor gets f'_A·(1 − φ), and even a pure A product then leaves the
    /// raffinate A = f_A − f'_A·(1 − φ) in 1 − f'_A·(1 − φ); the raffinate purity holds while
    /// f'_A·(1 − φ) ≥ (f_A − (1 − P_B))/P_B, i.e. φ ≤ (1 − P_A)/P_B.
    /// </summary>
    public static double MaximumStripLeak(double purityA, double purityB) => (1 - purityA) / purityB;

    /// <summary>
    /// Raffinate purity at an A product of purity 1 when the fraction φ of the product split f'_A
    /// returns with the stripped organic: 1 − (f_A − f'_A·(1 − φ))/(1 − f'_A·(1 − φ)), the highest any
    /// number of extraction and scrub stages reaches at those flows.
    /// </summary>
    public static double LeakLimitedPurityB(double feedA, double productSplitA, double leak)
    {
        double a = productSplitA * (1 - leak);
        return 1 - (feedA - a) / (1 - a);
    }

    /// <summary>Fewest strip stages k with <see cref="StripLeak"/>(ε, k) ≤ <paramref name="leak"/> (ε &gt; 1), at most <paramref name="limit"/>.</summary>
    public static int StripStagesFor(double strippingFactor, double leak, int limit)
    {
        int k = 1;
        while (k < limit && StripLeak(strippingFactor, k) > leak) k++;
        return k;
    }

    /// <summary>The whole shortcut design of a key split (aqueous feed unless told).</summary>
    public static ShortcutDesign Design(double beta, double feedA, double purityA, double purityB, FeedPhase feed = FeedPhase.Aqueous)
    {
        double split = ProductSplit(feedA, purityA, purityB);
        var (a, b) = PurificationFactors(feedA, purityA, purityB);
        var (section, em, epm) = OptimumRatios(beta, split);
        var (s, w) = Amounts(split, epm);
        var (n, m) = XuStages(beta, em, epm, a, b);
        return new ShortcutDesign(beta, feedA, purityA, purityB, feed, split, a, b, Fenske(beta, a, b),
            MinimumScrub(beta, feedA, purityA, purityB, feed), MinimumExtraction(beta, feedA, purityA, purityB, feed),
            section, em, epm, s, w, n, m, beta >= 3);
    }
}
