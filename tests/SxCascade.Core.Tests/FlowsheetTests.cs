using SxCascade.Chemistry;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>Murphree efficiency, reflux scrub, linked cascades, reagents and inventory, each against hand arithmetic.</summary>
public class FlowsheetTests
{
    private static Flowsheet Murphree(int stages, double efficiency, SolverMethod method) =>
        Single(ConstantD(("Nd", 2.0)), Feed(10, ("Nd", 0.1)),
            new CascadeDefinition("main", "feed", null, stages, null, null, new OrganicDefinition(10), efficiency), method, 1e-13);

    [Theory]
    [InlineData(SolverMethod.Newton)]
    [InlineData(SolverMethod.Substitution)]
    public void Murphree_efficiency_by_hand(SolverMethod method)
    {
        // one stage, η = 0.5: F = O·η·D·x + A·x → x = 1/(10·0.5·2 + 10) = 1/20 mol/L, raffinate fraction 10·x/1 = 1/2
        Assert.True(Rel(Solve(Murphree(1, 0.5, method)).Stream("main.raffinate")!.Recovery[0], 0.5) <= 1e-12);
        // two stages, η = 0.5, A = O = 10, D = 2: y1 = η·D·x1 = x1; stage 1: 10·x2 = 10·x1 + 10·x1 → x2 = 2·x1;
        // y2 = (1−η)·y1 + η·D·x2 = 2.5·x1; stage 2: 10·y1 + 1 = 10·y2 + 10·x2 → 1 = 35·x1 → fraction 10/35 = 2/7
        // (η = 1 would give Kremser's 1/7)
        Assert.True(Rel(Solve(Murphree(2, 0.5, method)).Stream("main.raffinate")!.Recovery[0], 2.0 / 7) <= 1e-12);
        Assert.True(Rel(Solve(Murphree(2, 1.0, method)).Stream("main.raffinate")!.Recovery[0], 1.0 / 7) <= 1e-12);
    }

    [Fact]
    public void Pr_Nd_reagents_follow_the_stoichiometry()
    {
        var r = Solve(PrNd());
        // acid: scrub 33.1 L/h × 3.0 mol/L + strip 6 L/h × 4.5 mol/L = 99.3 + 27 = 126.3 mol/h HCl, × 36.46 g/mol
        Assert.Equal(126.3, r.Reagents.AcidMolPerH, 10);
        Assert.Equal(126.3 * 36.46 / 1000, r.Reagents.AcidKgPerH, 10);
        // base: 3 NaOH per RE taken up by the saponified organic: 3·O·(L − Σy_recycled) = 3·225.2·(0.18 − Σy_N)
        var recycled = r.Stream("PrNd.stripped-organic")!.Concentrations.Sum();
        Assert.True(recycled is > 0 and < 1e-3);
        double baseMol = 3 * 225.2 * (0.18 - recycled);
        Assert.Equal(baseMol, r.Reagents.BaseMolPerH, 9);
        Assert.Equal("NaOH", r.Reagents.BaseName);
        Assert.Equal(baseMol * 39.997 / 1000, r.Reagents.BaseKgPerH, 9);
        Assert.Equal(baseMol * 58.44 / 1000, r.Reagents.SaltKgPerH, 9);
        // product oxide: 10 L/h × (0.2544 × 170.24 + 0.7456 × 168.24) g/mol = 10 × (43.309056 + 125.439744) = 1687.488 g/h
        Assert.Equal(1.687488, r.Reagents.ProductOxideKgPerH, 9);
        Assert.Equal(r.Reagents.AcidKgPerH / r.Reagents.ProductOxideKgPerH, r.Reagents.AcidKgPerKgOxide, 12);
    }

    [Theory]
    [InlineData("NH3", 17.031, "NH4Cl", 53.49, 1)]
    [InlineData("Mg(OH)2", 58.319, "MgCl2", 95.21, 2)]
    public void Saponification_agent_sets_base_and_salt(string agent, double molarMass, string salt, double saltMass, int equivalents)
    {
        var fs = PrNd() with { Chemistry = ((SeparationFactorChemistry)PrNd().Chemistry!) with { SaponificationAgent = agent } };
        var r = Solve(fs);
        double recycled = r.Stream("PrNd.stripped-organic")!.Concentrations.Sum();
        double mol = 3 * 225.2 * (0.18 - recycled) / equivalents;
        Assert.Equal(mol, r.Reagents.BaseMolPerH, 9);
        Assert.Equal(mol * molarMass / 1000, r.Reagents.BaseKgPerH, 9);
        Assert.Equal(salt, r.Reagents.SaltName);
        Assert.Equal(mol * saltMass / 1000, r.Reagents.SaltKgPerH, 9);
    }

    [Fact]
    public void NH3_per_tonne_of_Nd_oxide_per_unit_extraction()
    {
        // 3 mol NH3 per mol RE extracted: 3 × 17.031 / 168.24 = 0.3037 t NH3 per t Nd2O3 (and NaOH 3 × 39.997 / 168.24 = 0.7132)
        Assert.Equal(0.304, 3 * SaponificationAgent.Find("NH3")!.MolarMass / Elements.OxideMass("Nd"), 3);
        Assert.Equal(0.713, 3 * SaponificationAgent.Find("NaOH")!.MolarMass / Elements.OxideMass("Nd"), 3);
    }

    [Fact]
    public void Organic_inventory_is_stage_volume_times_organic_fraction()
    {
        // Kremser cascade: 5 stages of 120 L, O = A = 10 L/h → 5 × 120 × 10/20 = 300 L
        var fs = Single(ConstantD(("Nd", 2.0)), Feed(10, ("Nd", 0.1)),
            new CascadeDefinition("main", "feed", null, 5, null, null, new OrganicDefinition(10), StageVolume: 120));
        var r = Solve(fs);
        Assert.Equal(300, r.Cascades[0].OrganicInventory!.Value, 10);
        Assert.Equal(300, r.Reagents.OrganicInventoryL!.Value, 10);
    }

    [Fact]
    public void Reflux_scrub_returns_part_of_the_strip_liquor()
    {
        var chem = new SeparationFactorChemistry(null, Map(("Pr", 1.0), ("Nd", 1.5)), 0.18, Map(("Pr", 0.01), ("Nd", 0.01)));
        var fs = Single(chem, Feed(10, ("Pr", 0.2544), ("Nd", 0.7456)),
            new CascadeDefinition("c", "feed", null, 20, new ScrubDefinition(25, 0, 0, 0.8), new StripDefinition(6, 40, 4.5), new OrganicDefinition(120)));
        var r = Solve(fs);
        // the product strip liquor is (1 − 0.8) of the strip flow; the rest is the scrub solution
        Assert.Equal(0.2 * 40, r.Stream("c.strip-liquor")!.Flow, 12);
        Assert.Equal(0.8 * 40 + 10, r.Stream("c.raffinate")!.Flow, 12);
        // no scrub acid is bought with a reflux scrub: acid is the strip's only, 40 × 4.5
        Assert.Equal(180, r.Reagents.AcidMolPerH, 10);
        Assert.True(r.Stream("c.strip-liquor")!.Purity[r.IndexOf("Nd")] > 0.99);
    }

    [Fact]
    public void Linked_cascades_pass_the_strip_liquor_on()
    {
        var chem = new SeparationFactorChemistry(null, Map(("La", 1.0), ("Ce", 3.0), ("Pr", 4.8), ("Nd", 7.2)), 0.18,
            Map(("La", 0.01), ("Ce", 0.01), ("Pr", 0.01), ("Nd", 0.01)));
        var feed = Feed(10, ("La", 0.25), ("Ce", 0.5), ("Pr", 0.06), ("Nd", 0.19));
        // LaCe cut first (organic takes Ce, Pr, Nd ≈ 7.5 mol/h), then Ce | PrNd on its strip liquor
        var first = new CascadeDefinition("LaCe", "feed", null, 12, new ScrubDefinition(12, 10, 1.0), new StripDefinition(4, 10, 4), new OrganicDefinition(60));
        var second = new CascadeDefinition("CePr", "LaCe.strip-liquor", null, 15, new ScrubDefinition(15, 8, 1.0), new StripDefinition(4, 6, 4), new OrganicDefinition(25));
        var fs = new Flowsheet("two", null, chem, [feed], [second, first], [], new SolverOptions());
        var r = Solve(fs);
        Assert.False(r.Stream("LaCe.strip-liquor")!.IsProduct);
        Assert.True(r.Stream("CePr.raffinate")!.IsProduct);
        // the second cascade's products add up to what the first sent on, element by element
        var fed = r.Stream("LaCe.strip-liquor")!;
        for (int e = 0; e < r.Elements.Count; e++)
        {
            double outflow = r.Stream("CePr.raffinate")!.MolarFlow(e) + r.Stream("CePr.strip-liquor")!.MolarFlow(e);
            Assert.True(Math.Abs(outflow - fed.MolarFlow(e)) <= 1e-9 * (fed.MolarFlow(e) + 1e-300) + 1e-15, r.Elements[e]);
        }
        Assert.True(r.Stream("LaCe.raffinate")!.Purity[r.IndexOf("La")] > 0.9);
    }

    [Fact]
    public void Newton_loop_allocates_nothing_per_iteration()
    {
        // the same problem stopped after 4 and after 12 iterations: the extra 8 iterations may
        // allocate only the longer residual histories (8 B per entry in each of three buffers: the
        // stage-totals Newton's history, the full Newton's history and the report's copy), nothing
        // per iteration
        var fs = PrNd();
        var p = CascadeProblem.Create(fs.Cascades[0], fs.Chemistry!, fs.Elements(), 10, [0.2544, 0.7456]);
        var solver = new NewtonSolver();
        solver.Solve(p, 1e-12, 200); // warm up JIT
        long Measure(int iterations)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            var s = solver.Solve(p, 1e-30, iterations);
            long after = GC.GetAllocatedBytesForCurrentThread();
            Assert.Equal(iterations, s.Report.Iterations);
            return after - before;
        }
        long few = Measure(4), more = Measure(12);
        Assert.True(more - few <= 3 * 8 * 8 + 32, $"{few} B for 4 iterations, {more} B for 12");
    }
}
