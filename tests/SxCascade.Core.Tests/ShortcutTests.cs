using SxCascade.Design;

namespace SxCascade.Core.Tests;

/// <summary>MODEL.md §5 and §7 design oracles.</summary>
public class ShortcutTests
{
    [Fact]
    public void Fenske_minimum_stages()
    {
        // β = 1.5, P_A = P_B = 0.999, f_A = 0.5: a = b = 999 → ln(999²)/ln 1.5 = 34.07
        var (a, b) = Shortcut.PurificationFactors(0.5, 0.999, 0.999);
        Assert.Equal(999, a, 9);
        Assert.Equal(Math.Log(999.0 * 999) / Math.Log(1.5), Shortcut.Fenske(1.5, a, b), 12);
        Assert.Equal(34.07, Shortcut.Fenske(1.5, a, b), 2);
        // β = 2, P_A = 0.999, P_B = 0.9999: a = 999, b = 9999 → ln(9 989 001)/ln 2 = 23.25
        (a, b) = Shortcut.PurificationFactors(0.5, 0.999, 0.9999);
        Assert.Equal(9999, b, 7);
        Assert.Equal(23.25, Shortcut.Fenske(2, a, b), 2);
    }

    [Fact]
    public void Sharp_split_minimum_scrub()
    {
        // W_min = 1/(β − 1): β = 1.5 → 2, β = 2 → 1
        Assert.Equal(2.0, Shortcut.SharpMinimumScrub(1.5), 12);
        Assert.Equal(1.0, Shortcut.SharpMinimumScrub(2), 12);
        // the general form tends to it for a sharp split of an equimolar feed: f'_A → f_A, P_A → 1,
        // y* = 2·0.5/1.5 = 2/3, W_min = 0.5·(1 − 2/3)/(2/3 − 0.5) = 1
        Assert.Equal(1.0, Shortcut.MinimumScrub(2, 0.5, 1 - 1e-12, 1 - 1e-12), 9);
        Assert.Equal(2.0, Shortcut.MinimumScrub(1.5, 0.5, 1 - 1e-12, 1 - 1e-12), 9);
        // organic feed: W_min = f_B + 1/(β−1), S_min = 1/(β − 1)
        Assert.Equal(0.5 + 1.0, Shortcut.MinimumScrub(2, 0.5, 0.99, 0.99, FeedPhase.Organic), 12);
        Assert.Equal(1.0, Shortcut.MinimumExtraction(2, 0.5, 0.99, 0.99, FeedPhase.Organic), 12);
    }

    [Fact]
    public void Optimum_ratios_for_the_binary_example_have_the_scrub_section_in_control()
    {
        // β = 2, f_A = 0.5, P_A = 0.999, P_B = 0.9999: f'_A = 0.4999/0.9989 = 0.500450,
        // f'_B = 0.49955 < √2/(1+√2) = 0.5858 → scrub controls, E'_M = √2 = 1.4142,
        // E_M = f'_A·√2/(f'_A + √2 − 1) = 0.7738
        var d = Shortcut.Design(2, 0.5, 0.999, 0.9999);
        Assert.Equal(0.4999 / 0.9989, d.ProductSplitA, 12);
        Assert.Equal(ControllingSection.Scrub, d.Controlling);
        Assert.Equal(Math.Sqrt(2), d.ScrubRatio, 12);
        double split = 0.4999 / 0.9989;
        Assert.Equal(split * Math.Sqrt(2) / (split + Math.Sqrt(2) - 1), d.ExtractionRatio, 12);
        Assert.Equal(0.7738, d.ExtractionRatio, 4);
        Assert.Equal(1.4142, d.ScrubRatio, 4);
        // the amounts reproduce the ratios: E_M = S/(W+1), E'_M = S/W, S − W = f'_A
        Assert.Equal(d.ExtractionRatio, d.Extraction / (d.Scrub + 1), 12);
        Assert.Equal(d.ScrubRatio, d.Extraction / d.Scrub, 12);
        Assert.Equal(d.ProductSplitA, d.Extraction - d.Scrub, 12);
        Assert.False(d.OptimumApproximate);
    }

    [Fact]
    public void Extraction_section_controls_a_B_rich_feed()
    {
        // f_A = 0.2, β = 1.5: f'_B ≈ 0.8 > √1.5/(1+√1.5) = 0.5505 → E_M = 1/√1.5, E'_M = E_M·f'_B/(E_M − f'_A)
        var d = Shortcut.Design(1.5, 0.2, 0.99, 0.99);
        Assert.Equal(ControllingSection.Extraction, d.Controlling);
        Assert.Equal(1 / Math.Sqrt(1.5), d.ExtractionRatio, 12);
        double split = (0.2 - 0.01) / (0.99 - 0.01);
        Assert.Equal(d.ExtractionRatio * (1 - split) / (d.ExtractionRatio - split), d.ScrubRatio, 12);
    }

    [Fact]
    public void Xu_stage_numbers_and_phi()
    {
        // n = lg b / lg(β·E_M), m = lg a / lg(β/E'_M): β = 2, E_M = 0.75, E'_M = 1.5, a = b = 100 → n = 2/lg 1.5, m = 2/lg(4/3)
        var (n, m) = Shortcut.XuStages(2, 0.75, 1.5, 100, 100);
        Assert.Equal(2 / Math.Log10(1.5), n, 12);
        Assert.Equal(2 / Math.Log10(4.0 / 3), m, 12);
        // Φ(E = 2, E' = 0.5, n = 5, m = 3) = 15/77
        Assert.Equal(15.0 / 77, Shortcut.RaffinateFraction(2, 0.5, 5, 3), 14);
    }
    [Fact]
    public void Strip_leak_is_kremser_and_its_limit_leaves_the_raffinate_at_its_target()
    {
        // one stage: O·y_in = O·y + A·x with y = D·x, so y/y_in = 1/(1 + ε)
        Assert.Equal(1.0 / 6, Shortcut.StripLeak(5, 1), 12);
        // two stages: (ε − 1)/(ε³ − 1) = 4/124
        Assert.Equal(4.0 / 124, Shortcut.StripLeak(5, 2), 12);
        // ε = 1: 1/(k + 1)
        Assert.Equal(0.25, Shortcut.StripLeak(1, 3), 12);
        // large ε·k does not overflow: ≈ ε^(−k)·(1 − 1/ε) = 10^(−400)·0.9 underflows to 0, never NaN
        Assert.Equal(0, Shortcut.StripLeak(10, 400));
        // k with 4/(5^(k+1) − 1) ≤ 1e-6: 5^(k+1) ≥ 4·10⁶ + 1, k + 1 ≥ log₅(4·10⁶) = 9.45, so k = 9
        Assert.Equal(9, Shortcut.StripStagesFor(5, 1e-6, 100));
        Assert.True(Shortcut.StripLeak(5, 8) > 1e-6);
        // the largest leak: (1 − P_A)/P_B = 1e-5/0.9999
        double most = Shortcut.MaximumStripLeak(0.99999, 0.9999);
        Assert.Equal(1e-5 / 0.9999, most, 15);
        // at that leak, a pure A product leaves the raffinate exactly at P_B (f_A = 0.2, f'_A from the targets)
        double split = Shortcut.ProductSplit(0.2, 0.99999, 0.9999);
        Assert.Equal(0.9999, Shortcut.LeakLimitedPurityB(0.2, split, most), 12);
        // no leak: 1 − (f_A − f'_A)/(1 − f'_A), with f'_A = 0.1999/0.99989 = 0.199922
        Assert.Equal(1 - (0.2 - split) / (1 - split), Shortcut.LeakLimitedPurityB(0.2, split, 0), 15);
        Assert.True(Shortcut.LeakLimitedPurityB(0.2, split, 0) > 0.9999);
    }
}
