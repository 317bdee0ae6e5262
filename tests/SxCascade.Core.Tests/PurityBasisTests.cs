using SxCascade.Design;
using SxCascade.Flowsheets;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>
/// MODEL.md §4: purity on the basis the user picks, mole fraction among rare earths (default) or
/// oxide mass fraction, with the oxide masses per atom of §4 (Pr6O11/6 = 170.24, Nd2O3/2 = 168.24 g/mol).
/// </summary>
public class PurityBasisTests
{
    [Fact]
    public void Oxide_mass_purity_weighs_each_rare_earth_by_its_oxide_mass()
    {
        var mole = Solve(PrNd());
        var oxide = Solve(PrNd() with { PurityBasis = PurityBasis.OxideMass });
        Assert.Equal(PurityBasis.OxideMass, oxide.PurityBasis);
        var m = mole.Stream("PrNd.raffinate")!;
        var o = oxide.Stream("PrNd.raffinate")!;
        // same solution: only the basis of the purity differs
        Assert.Equal(m.Concentrations, o.Concentrations);
        double pr = m.Concentrations[0], nd = m.Concentrations[1];
        Assert.True(Rel(m.Purity[0], pr / (pr + nd)) < 1e-14);
        // w_Pr = x_Pr·170.24 / (x_Pr·170.24 + x_Nd·168.24)
        Assert.True(Rel(o.Purity[0], pr * 170.24 / (pr * 170.24 + nd * 168.24)) < 1e-14);
        Assert.True(Rel(o.Purity[1], nd * 168.24 / (pr * 170.24 + nd * 168.24)) < 1e-14);
        Assert.True(o.Purity[0] > m.Purity[0]); // Pr's oxide is the heavier per atom
    }

    [Fact]
    public void A_mole_fraction_converts_to_the_oxide_fraction_by_hand()
    {
        // 0.99 mol Pr + 0.01 mol Nd: 0.99·170.24 = 168.5376 g, 0.01·168.24 = 1.6824 g, w = 168.5376/170.22 = 0.9901163
        var r = Solve(PrNd() with { PurityBasis = PurityBasis.OxideMass });
        var s = r.Stream("PrNd.raffinate")!;
        double pr = s.Concentrations[0], nd = s.Concentrations[1];
        double x = pr / (pr + nd);
        double w = x * 170.24 / (x * 170.24 + (1 - x) * 168.24);
        Assert.True(Rel(s.Purity[0], w) < 1e-14);
        Assert.Equal(0.9901163, 0.99 * 170.24 / (0.99 * 170.24 + 0.01 * 168.24), 7);
    }

    [Fact]
    public void Specs_are_checked_on_the_flowsheet_basis()
    {
        // a raffinate target between the mole and oxide-mass purities is met on one basis only
        var mole = Solve(PrNd());
        var oxide = Solve(PrNd() with { PurityBasis = PurityBasis.OxideMass });
        double pm = mole.Stream("PrNd.raffinate")!.Purity[0], po = oxide.Stream("PrNd.raffinate")!.Purity[0];
        double target = 0.5 * (pm + po);
        var specs = new[] { new ProductSpec("PrNd.raffinate", ["Pr"], target, null) };
        var onMole = Solve(PrNd() with { Specs = specs });
        var onOxide = Solve(PrNd() with { Specs = specs, PurityBasis = PurityBasis.OxideMass });
        Assert.False(onMole.Specs[0].Met);
        Assert.True(onOxide.Specs[0].Met);
        Assert.Equal(po, onOxide.Specs[0].Value, 14);
        Assert.Equal(po, onOxide.GroupQuality("PrNd.raffinate", ["Pr"]).Purity, 14);
        Assert.Equal(pm, onMole.GroupQuality("PrNd.raffinate", ["Pr"]).Purity, 14);
    }

    [Fact]
    public void Design_to_oxide_mass_targets_meets_them_on_that_basis()
    {
        var template = PrNd() with
        {
            PurityBasis = PurityBasis.OxideMass,
            Specs = [new ProductSpec("PrNd.raffinate", ["Pr"], 0.99, null), new ProductSpec("PrNd.strip-liquor", ["Nd"], 0.999, null)],
        };
        var d = Designer.Design(template);
        var again = Solve(d.Flowsheet);
        Assert.Equal(PurityBasis.OxideMass, d.Flowsheet.PurityBasis);
        Assert.True(again.SpecsMet, string.Join("; ", again.Specs.Select(s => $"{s.Stream} {s.Kind} {s.Value} < {s.Target}")));
        // the oxide-mass targets became mole fractions for the shortcut: Pr raffinate 0.99 (oxide) is
        // x = (0.99/170.24)/(0.99/170.24 + 0.01/168.24) = 0.0058153/(0.0058153 + 0.0000594) = 0.9898823 mol
        Assert.Equal(0.9898823, d.Cut.PurityB, 7);
    }

    [Fact]
    public void An_oxide_mass_target_below_the_feed_share_is_explained_on_that_basis()
    {
        // the didymium feed's Pr share: mole 0.2544; oxide 0.2544·170.24/(0.2544·170.24 + 0.7456·168.24)
        // = 43.3091/168.7488 = 0.256648. A raffinate target of 0.256 (oxide) is above the mole share
        // but below the oxide one: nothing to separate, said in oxide mass fractions
        var template = PrNd() with
        {
            PurityBasis = PurityBasis.OxideMass,
            Specs = [new ProductSpec("PrNd.raffinate", ["Pr"], 0.256, null), new ProductSpec("PrNd.strip-liquor", ["Nd"], 0.999, null)],
        };
        var e = Assert.Throws<DesignException>(() => Designer.Design(template));
        Assert.Equal("specs.0.purity", e.Path);
        Assert.Contains("purity 0.256 of PrNd.raffinate is not above the feed's B fraction f_B = 0.256648 (oxide mass fractions, purity-basis: oxide-mass)", e.Message);
    }
}
