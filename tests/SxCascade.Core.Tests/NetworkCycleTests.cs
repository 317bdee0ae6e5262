using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>
/// Networks with cycles (MODEL.md §9, issue 11 part 3): tears chosen, converged, every unit and the
/// whole flowsheet closed; the consistency oracles (i) a linked stream replaced by a fixed feed equal
/// to it gives the same answer, (v) two different starts give the same answer; a property test over
/// random networks.
/// </summary>
public class NetworkCycleTests
{
    private static readonly ConstantDChemistry Chemistry = ConstantD(Map(("La", 0.5), ("Ce", 2.0)), strip: Map(("La", 0.05), ("Ce", 0.1)));
    private static readonly FeedStream Ore = new("ore", 10, Map(("La", 0.3), ("Ce", 0.1)), 0);

    private static CascadeDefinition Cascade(string name, string from, int? stage, params CascadeFeed[] more) =>
        new(name, from, stage, 4, new ScrubDefinition(2, 1, 0), new StripDefinition(2, 2, 1), new OrganicDefinition(6))
        {
            AdditionalFeeds = more, FeedsListed = more.Length > 0,
        };

    /// <summary>A takes the ore and B's raffinate; B takes A's strip liquor: the strip liquor goes round A → B → A.</summary>
    private static Flowsheet Loop(ChemistryDefinition? chemistry = null) => new("loop", null, chemistry ?? Chemistry, [Ore],
        [Cascade("A", "ore", 4, new CascadeFeed("B.raffinate", 2)), Cascade("B", "A.strip-liquor", null)], [], new SolverOptions());

    /// <summary>
    /// Per element, in − out of every cascade from the streams as the result reports them (the tear
    /// as its producer gave it, not as its consumer assumed it), relative to what enters the cascade.
    /// </summary>
    internal static double WorstUnitBalance(FlowsheetResult r)
    {
        double worst = 0;
        foreach (var unit in r.Cascades.Select(c => c.Name))
            for (int e = 0; e < r.Elements.Count; e++)
            {
                if (MassActionChemistry.IsSolvedSpecies(r.Elements[e])) continue;
                double @in = 0, @out = 0;
                foreach (var s in r.Streams)
                {
                    double n = s.Flow * s.Concentrations[e];
                    if (double.IsNaN(n)) continue;
                    if (s.To.Contains(unit)) @in += n;
                    if (s.From == unit) @out += n;
                }
                if (@in > 0) worst = Math.Max(worst, Math.Abs(@in - @out) / @in);
            }
        return worst;
    }

    [Fact]
    public void A_strip_liquor_sent_round_two_cascades_converges_closing_every_unit_and_the_flowsheet()
    {
        var r = Solve(Loop());

        var tear = Assert.Single(r.Tears);
        Assert.True(tear.Converged);
        Assert.Contains(tear.Stream, new[] { "A.strip-liquor", "B.raffinate" });
        Assert.True(tear.ChangeHistory[^1] <= 1e-10, $"last change {tear.ChangeHistory[^1]}");
        Assert.True(WorstUnitBalance(r) <= 1e-9, $"unit balance {WorstUnitBalance(r)}");
        // the streams between them are internal; A's raffinate and B's strip liquor leave
        Assert.False(r.Stream("A.strip-liquor")!.IsProduct);
        Assert.False(r.Stream("B.raffinate")!.IsProduct);
        Assert.True(r.Stream("A.raffinate")!.IsProduct && r.Stream("B.strip-liquor")!.IsProduct);
        // flows: B's raffinate is A's strip (2 L/h) plus B's scrub (1 L/h); A's raffinate 10 + 3 + 1 = 14 L/h
        Assert.Equal(3, r.Stream("B.raffinate")!.Flow, 12);
        Assert.Equal(14, r.Stream("A.raffinate")!.Flow, 12);
    }

    /// <summary>Oracle (i): the tear replaced by a fixed feed equal to the solved stream gives the same network to 1e-9 (now acyclic).</summary>
    [Fact]
    public void The_cycle_opened_at_its_solved_stream_gives_the_same_answer()
    {
        var loop = Solve(Loop());
        var back = loop.Stream("B.raffinate")!;
        var fixedFeed = new FeedStream("back", back.Flow, loop.Elements.Select((e, i) => (e, back.Concentrations[i])).ToDictionary(x => x.e, x => x.Item2), 0);
        var open = new Flowsheet("open", null, Chemistry, [Ore, fixedFeed],
            [Cascade("A", "ore", 4, new CascadeFeed("back", 2)), Cascade("B", "A.strip-liquor", null)], [], new SolverOptions());
        var r = Solve(open);
        Assert.Empty(r.Tears);
        foreach (var name in new[] { "A.raffinate", "A.strip-liquor", "B.raffinate", "B.strip-liquor" })
            for (int e = 0; e < r.Elements.Count; e++)
                Assert.True(Rel(r.Stream(name)!.Concentrations[e], loop.Stream(name)!.Concentrations[e]) <= 1e-9, $"{name} {r.Elements[e]}");
    }

    /// <summary>Oracle (v): from the cold start and from the tears of a very different case, the same answer to 1e-9.</summary>
    [Fact]
    public void A_cycle_converged_from_two_different_starts_gives_the_same_answer()
    {
        var cold = Solve(Loop());
        var warm = new WarmStart();
        var other = Loop() with { Feeds = [new FeedStream("ore", 10, Map(("La", 0.01), ("Ce", 0.9)), 0)] };
        Assert.True(FlowsheetSolver.Solve(other, warm: warm).Converged);
        var fromOther = FlowsheetSolver.Solve(Loop(), warm: warm);
        Assert.True(fromOther.Converged);
        foreach (var s in cold.Streams)
            for (int e = 0; e < cold.Elements.Count; e++)
            {
                double a = fromOther.Stream(s.Name)!.Concentrations[e], b = s.Concentrations[e];
                Assert.True(Math.Abs(a - b) <= 1e-9 * Math.Max(Math.Abs(b), 1e-12), $"{s.Name} {cold.Elements[e]}: {a} against {b}");
            }
    }

    /// <summary>
    /// Oracle (iv): one cascade (extraction 4, scrub 3, strip 2, fresh organic) equals two cascades
    /// linked by its whole organic where the sections line up: A is the extraction section (the ore
    /// and B's raffinate, the aqueous coming down from the scrub, enter its stage 4); B takes A's
    /// loaded organic and is the scrub and strip (its 3 "extraction" stages have the scrub's D, as
    /// the chemistry gives the scrub no D of its own; the scrub solution enters its stage 3 as a
    /// metal-free feed of the scrub flow). A and B feed each other: a cycle. Every stream the two
    /// share agrees to 1e-9.
    /// </summary>
    [Fact]
    public void Two_cascades_linked_by_the_whole_organic_equal_one_cascade_where_the_sections_line_up()
    {
        var fresh = new OrganicDefinition(6, Map(("La", 0.0)));   // fresh, not recycled, in both
        var one = new Flowsheet("one", null, Chemistry, [Ore],
            [new CascadeDefinition("S", "ore", 4, 4, new ScrubDefinition(3, 1.5, 0), new StripDefinition(2, 2, 1), fresh)], [], new SolverOptions());
        var scrubSolution = new FeedStream("scrub-solution", 1.5, Map(("La", 0.0), ("Ce", 0.0)), 0);
        var a = new CascadeDefinition("A", "ore", 4, 4, null, null, fresh) { AdditionalFeeds = [new CascadeFeed("B.raffinate", 4)], FeedsListed = true };
        var b = new CascadeDefinition("B", "scrub-solution", 3, 3, null, new StripDefinition(2, 2, 1), new OrganicDefinition(0) { From = "A.loaded-organic" });
        var two = new Flowsheet("two", null, Chemistry, [Ore, scrubSolution], [a, b], [], new SolverOptions());
        var r1 = Solve(one);
        var r2 = Solve(two);
        Assert.Single(r2.Tears);
        foreach (var (single, linked) in new[] { ("S.raffinate", "A.raffinate"), ("S.strip-liquor", "B.strip-liquor"), ("S.stripped-organic", "B.stripped-organic") })
            for (int e = 0; e < r1.Elements.Count; e++)
            {
                double x = r1.Stream(single)!.Concentrations[e], y = r2.Stream(linked)!.Concentrations[e];
                Assert.True(Math.Abs(x - y) <= 1e-9 * Math.Max(Math.Abs(x), 1e-12), $"{linked} {r1.Elements[e]}: {y} against {x}");
            }
        // the stages line up too: stage 5 of S (its first scrub stage) is stage 1 of B
        var s5 = r1.Stages.Single(s => s.Cascade == "S" && s.Stage == 5);
        var b1 = r2.Stages.Single(s => s.Cascade == "B" && s.Stage == 1);
        for (int e = 0; e < r1.Elements.Count; e++)
            Assert.True(Math.Abs(s5.Aqueous[e] - b1.Aqueous[e]) <= 1e-9 * Math.Max(s5.Aqueous[e], 1e-12), $"stage {r1.Elements[e]}");
    }

    /// <summary>
    /// Saturated separation factors make the cycle nonlinear: the Pr/Nd example's strip liquor
    /// polished in a second cascade whose raffinate (Pr-richer) goes back to the Pr/Nd cut's feed
    /// stage. Broyden converges it; every unit closes.
    /// </summary>
    [Fact]
    public void A_cycle_of_saturated_cascades_converges()
    {
        var prnd = PrNd();
        var main = prnd.Cascades[0] with { AdditionalFeeds = [new CascadeFeed("Polish.raffinate", 20)], FeedsListed = true };
        var polish = new CascadeDefinition("Polish", "PrNd.strip-liquor", 8, 8, new ScrubDefinition(8, 3, 3.0), new StripDefinition(4, 4, 4.5), new OrganicDefinition(40));
        var fs = prnd with { Cascades = [main, polish], Specs = [] };
        Assert.Empty(FlowsheetValidator.Validate(fs));
        var r = FlowsheetSolver.Solve(fs, fallback: false);
        Assert.True(r.Converged, string.Join("; ", r.Reports.Select(x => $"{x.Cascade} {x.Method} {x.Status} {x.Message}").Concat(r.Tears.Select(t => $"{t.Stream} {t.Status} {t.Message} {string.Join(" ", t.ChangeHistory.Select(v => v.ToString("G3")))}")).Concat(r.FailedChecks.Select(f => f.Message))));
        var tear = Assert.Single(r.Tears);
        Assert.True(tear.Iterations >= 3, $"{tear.Iterations} passes");
        Assert.True(WorstUnitBalance(r) <= 1e-9, $"unit balance {WorstUnitBalance(r)}");
        // what goes back carries Pr and Nd; the products are PrNd's raffinate and Polish's strip liquor
        var back = r.Stream("Polish.raffinate")!;
        Assert.False(back.IsProduct);
        Assert.True(back.MolarFlow(r.IndexOf("Pr")) > 0 && back.MolarFlow(r.IndexOf("Nd")) > 0);
        Assert.Equal(["PrNd.raffinate", "Polish.strip-liquor"], r.Streams.Where(s => s.IsProduct && s.Phase == "aqueous").Select(s => s.Name));
    }

    /// <summary>A tear whose reported value is off what its consumer used (here by 1e-6) fails the unit balance of the consumer, so the result is not converged.</summary>
    [Fact]
    public void A_tear_off_what_its_consumer_used_fails_the_unit_balance()
    {
        var fs = Loop();
        var r = Solve(fs);
        Assert.Empty(ResultVerdict.Judge(fs, r.Elements, r.Inflows, r.BalanceErrors, r.Streams, r.Stages, []));
        string tear = r.Tears[0].Stream;
        var streams = r.Streams.Select(s => s.Name == tear ? s with { Concentrations = s.Concentrations.Select(c => c * (1 + 1e-6)).ToArray() } : s).ToList();
        var failed = ResultVerdict.Judge(fs, r.Elements, r.Inflows, r.BalanceErrors, streams, r.Stages, []);
        var check = Assert.Single(failed);
        Assert.Equal("unit balance", check.Check);
        Assert.Contains("balance of cascade", check.Message);
    }

    /// <summary>
    /// A random network of 2–6 cascades (seeded): each cascade takes an unused feed or an unused
    /// aqueous outlet of any cascade (later ones included, so cycles form), maybe a second feed, a
    /// linked scrub and a linked organic; every stream feeds at most one inlet. Chemistry linear
    /// (constant D) or saturated separation factors.
    /// </summary>
    private static Flowsheet RandomNetwork(Random random)
    {
        int n = 2 + random.Next(5);
        var names = Enumerable.Range(0, n).Select(i => $"C{i}").ToArray();
        bool[] strip = names.Select(_ => random.NextDouble() < 0.7).ToArray();
        bool[] scrub = names.Select(_ => random.NextDouble() < 0.7).ToArray();
        var aqueous = new List<string>();
        var organic = new List<string>();
        for (int i = 0; i < n; i++)
        {
            aqueous.Add($"{names[i]}.raffinate");
            if (strip[i]) aqueous.Add($"{names[i]}.strip-liquor");
            else organic.Add($"{names[i]}.loaded-organic");
        }
        var feeds = new List<FeedStream>
        {
            new("f0", 5 + 10 * random.NextDouble(), Map(("La", 0.1 + 0.3 * random.NextDouble()), ("Ce", 0.05 + 0.2 * random.NextDouble()), ("Pr", 0.05 * random.NextDouble())), 0),
            new("f1", 2 + 5 * random.NextDouble(), Map(("La", 0.1 * random.NextDouble()), ("Ce", 0.1 + 0.2 * random.NextDouble()), ("Pr", 0.1 * random.NextDouble())), 0),
        };
        var unused = new List<string> { "f0", "f1" };
        unused.AddRange(aqueous);
        var unusedOrganic = new List<string>(organic);
        string Take(List<string> pool, Func<string, bool> allowed)
        {
            var choices = pool.Where(allowed).ToList();
            if (choices.Count == 0) return "";
            // the feeds first while they last, so that every feed is taken
            var feedChoice = choices.Where(c => c is "f0" or "f1").ToList();
            string pick = feedChoice.Count > 0 && random.NextDouble() < 0.6 ? feedChoice[0] : choices[random.Next(choices.Count)];
            pool.Remove(pick);
            return pick;
        }
        var cascades = new List<CascadeDefinition>();
        for (int i = 0; i < n; i++)
        {
            string own = names[i] + ".";
            int stages = 2 + random.Next(5);
            string first = i < 2 ? Take(unused, c => c == (i == 0 ? "f0" : "f1")) : Take(unused, c => !c.StartsWith(own, StringComparison.Ordinal));
            if (first.Length == 0)
            {
                // nothing left to take: a feed of its own
                first = $"f{feeds.Count}";
                feeds.Add(new(first, 1 + 5 * random.NextDouble(), Map(("La", 0.2 * random.NextDouble()), ("Ce", 0.05 + 0.2 * random.NextDouble()), ("Pr", 0.05 * random.NextDouble())), 0));
            }
            var more = new List<CascadeFeed>();
            if (random.NextDouble() < 0.5 && Take(unused, c => !c.StartsWith(own, StringComparison.Ordinal)) is { Length: > 0 } second)
                more.Add(new CascadeFeed(second, 1 + random.Next(stages)));
            ScrubDefinition? sc = scrub[i] ? new ScrubDefinition(1 + random.Next(4), 0.5 + 2 * random.NextDouble(), 1) : null;
            if (sc is not null && random.NextDouble() < 0.4 && Take(unused, c => c.Contains('.', StringComparison.Ordinal) && !c.StartsWith(own, StringComparison.Ordinal)) is { Length: > 0 } linked)
                sc = sc with { From = linked };
            var org = new OrganicDefinition(4 + 20 * random.NextDouble());
            if (random.NextDouble() < 0.4 && Take(unusedOrganic, c => !c.StartsWith(own, StringComparison.Ordinal)) is { Length: > 0 } linkedOrganic)
                org = new OrganicDefinition(0) { From = linkedOrganic };   // the linked stream's flow
            cascades.Add(new CascadeDefinition(names[i], first, stages, stages, sc, strip[i] ? new StripDefinition(1 + random.Next(3), 1 + 3 * random.NextDouble(), 4) : null, org)
                { AdditionalFeeds = more, FeedsListed = more.Count > 0 });
        }
        ChemistryDefinition chemistry = random.NextDouble() < 0.5
            ? ConstantD(Map(("La", 0.3 + random.NextDouble()), ("Ce", 1 + 3 * random.NextDouble()), ("Pr", 2 + 3 * random.NextDouble())), strip: Map(("La", 0.02), ("Ce", 0.05), ("Pr", 0.05)))
            : new SeparationFactorChemistry("P507", Map(("La", 1.0), ("Ce", 2 + 2 * random.NextDouble()), ("Pr", 4 + 2 * random.NextDouble())), 0.18, Map(("La", 0.01), ("Ce", 0.01), ("Pr", 0.01)));
        return new Flowsheet("random", null, chemistry, feeds, cascades, [], new SolverOptions());
    }

    /// <summary>
    /// Acceptance: over 300 random networks, each is rejected by validation, or solves with every
    /// element closed over the flowsheet and over every cascade to 1e-9, or reports that it did not
    /// converge; never an exception, never a converged result that fails a balance. Enough of them
    /// have cycles and converge for the property to say something.
    /// </summary>
    [Fact]
    public void Random_networks_converge_closing_every_balance_or_say_they_did_not()
    {
        var random = new Random(20261204);
        int rejected = 0, converged = 0, failed = 0, cycles = 0, convergedCycles = 0;
        for (int k = 0; k < 300; k++)
        {
            var fs = RandomNetwork(random);
            if (FlowsheetValidator.Validate(fs).Count > 0)
            {
                rejected++;
                continue;
            }
            bool cyclic = NetworkPlan.Of(fs.Graph).Blocks.Any(b => b.IsCycle);
            cycles += cyclic ? 1 : 0;
            var r = FlowsheetSolver.Solve(fs);
            if (!r.Converged)
            {
                failed++;
                Assert.True(r.Reports.Any(x => !x.Converged) || r.Tears.Any(t => !t.Converged) || r.FailedChecks.Count > 0, $"network {k}: not converged without saying why");
                continue;
            }
            converged++;
            convergedCycles += cyclic ? 1 : 0;
            Assert.True(r.MaxBalanceError <= 1e-9, $"network {k}: flowsheet balance {r.MaxBalanceError}");
            Assert.True(WorstUnitBalance(r) <= 1e-9, $"network {k}: unit balance {WorstUnitBalance(r)}");
            Assert.All(r.Tears, t => Assert.True(t.Converged));
            Assert.Equal(cyclic, r.Tears.Count > 0);
        }
        Assert.True(converged >= 100 && convergedCycles >= 30, $"{converged} converged ({convergedCycles} with cycles), {failed} did not, {rejected} rejected, {cycles} with cycles");
    }
}

/// <summary>Reagents per cascade and the product table of a network (issue 11 part 4, MODEL.md §9).</summary>
public class NetworkReagentTests
{
    /// <summary>The Pr/Nd cut with its strip liquor polished in a second cascade (both HCl, as Build.PrNd).</summary>
    private static FlowsheetResult Polished()
    {
        var prnd = PrNd();
        var polish = new CascadeDefinition("Polish", "PrNd.strip-liquor", 8, 8, new ScrubDefinition(8, 3, 3.0), new StripDefinition(4, 4, 4.5), new OrganicDefinition(40));
        return Solve(prnd with { Cascades = [prnd.Cascades[0], polish], Specs = [] });
    }

    /// <summary>
    /// Acid enters where each cascade's scrub and strip solutions do: Pr/Nd 33.1 L/h × 3 M + 6 L/h × 4.5 M
    /// = 126.3 mol/h, Polish 3 × 3 + 4 × 4.5 = 27 mol/h of HCl (36.46 g/mol); the network's use is their sum.
    /// </summary>
    [Fact]
    public void Each_cascade_takes_the_acid_of_its_own_solutions_and_the_network_their_sum()
    {
        var r = Polished();
        var g = r.Reagents;
        Assert.Equal(["PrNd", "Polish"], g.Cascades.Select(c => c.Cascade));
        double hcl = 36.46 / 1000;
        Assert.Equal(126.3 * hcl, g.Cascades[0].KgPerH(ReagentUse.Acid), 3);
        Assert.Equal(27 * hcl, g.Cascades[1].KgPerH(ReagentUse.Acid), 3);
        foreach (var kind in new[] { ReagentUse.Acid, ReagentUse.Base, ReagentUse.Salt })
            Assert.Equal(g.Uses.Where(u => u.Kind == kind).Sum(u => u.KgPerH), g.Cascades.Sum(c => c.KgPerH(kind)), 12);
    }

    /// <summary>The product table: each product stream with its main rare earth, whose recovery is its molar flow over the 10 L/h × 0.2544/0.7456 M fed.</summary>
    [Fact]
    public void The_product_table_names_each_products_main_element_with_its_purity_and_recovery()
    {
        var r = Polished();
        var products = r.Products();
        Assert.Equal(["PrNd.raffinate", "Polish.raffinate", "Polish.strip-liquor"], products.Select(p => p.Stream));
        var nd = products.Single(p => p.Stream == "Polish.strip-liquor");
        Assert.Equal("Nd", nd.Element);
        var s = r.Stream("Polish.strip-liquor")!;
        int i = r.IndexOf("Nd");
        Assert.Equal(s.MolarFlow(i) / (10 * 0.7456), nd.Recovery, 9);
        double re = s.Concentrations[r.IndexOf("Pr")] + s.Concentrations[i];   // the rare earths of the flowsheet: Pr and Nd
        Assert.Equal(s.Concentrations[i] / re, nd.Purity, 9);
        Assert.Equal("Pr", products[0].Element);
    }
}

/// <summary>Splitters (<c>from: { stream, fraction }</c>, FORMAT.md "Networks"): a share of a stream feeds an inlet, the rest is a product.</summary>
public class SplitterTests
{
    private static readonly ConstantDChemistry Chemistry = ConstantD(Map(("La", 0.5), ("Ce", 2.0)), strip: Map(("La", 0.05), ("Ce", 0.1)));
    private static readonly FeedStream Ore = new("ore", 10, Map(("La", 0.3), ("Ce", 0.1)), 0);

    private static CascadeDefinition Cascade(string name, string from, double fraction = 1) =>
        new(name, from, null, 4, new ScrubDefinition(2, 1, 0), new StripDefinition(2, 2, 1), new OrganicDefinition(6)) { FeedFraction = fraction };

    private static Flowsheet Split(double fraction) =>
        new("split", null, Chemistry, [Ore], [Cascade("A", "ore"), Cascade("B", "A.strip-liquor", fraction)], [], new SolverOptions());

    /// <summary>
    /// B takes 0.6 of A's strip liquor: the same B as one fed by a feed of 0.6 × 2 L/h of that liquor's
    /// composition (solved apart, an independent acyclic flowsheet); the other 0.4 × 2 L/h is a product.
    /// </summary>
    [Fact]
    public void A_share_of_a_stream_feeds_like_a_feed_of_that_flow_and_the_rest_is_a_product()
    {
        var r = Solve(Split(0.6));
        var part = r.Stream("A.strip-liquor→B")!;
        var rest = r.Stream("A.strip-liquor")!;
        Assert.Equal(0.6 * 2, part.Flow, 12);
        Assert.Equal(0.4 * 2, rest.Flow, 12);
        Assert.False(part.IsProduct);
        Assert.True(rest.IsProduct);
        Assert.Equal(["B"], part.To);
        Assert.True(NetworkCycleTests.WorstUnitBalance(r) <= 1e-9);

        var liquor = new FeedStream("liquor", 1.2, r.Elements.Select((e, i) => (e, part.Concentrations[i])).ToDictionary(x => x.e, x => x.Item2), 0);
        var alone = Solve(new Flowsheet("alone", null, Chemistry, [liquor], [Cascade("B", "liquor")], [], new SolverOptions()));
        foreach (var name in new[] { "B.raffinate", "B.strip-liquor" })
            for (int e = 0; e < r.Elements.Count; e++)
                Assert.True(Rel(r.Stream(name)!.Concentrations[e], alone.Stream(name)!.Concentrations[e]) <= 1e-9, $"{name} {r.Elements[e]}");
    }

    [Fact]
    public void Shares_summing_above_one_and_a_share_of_a_feed_are_errors()
    {
        var over = new Flowsheet("over", null, Chemistry, [Ore],
            [Cascade("A", "ore"), Cascade("B", "A.strip-liquor", 0.7), Cascade("C", "A.strip-liquor", 0.5)], [], new SolverOptions());
        var issue = Assert.Single(FlowsheetValidator.Validate(over));
        Assert.Equal("cascades.C.feed.from", issue.Path);
        Assert.Contains("the shares of 'A.strip-liquor' taken by cascades B and C sum to 0.7 + 0.5 = 1.2; they may sum to at most 1", issue.Message);

        var feedShare = new Flowsheet("feed share", null, Chemistry, [Ore], [Cascade("A", "ore", 0.5)], [], new SolverOptions());
        var share = Assert.Single(FlowsheetValidator.Validate(feedShare));
        Assert.Contains("give the feed the flow taken (feeds.ore.flow: 5 L/h)", share.Message);

        // 0.7 + 0.3 takes it all: valid, and the rest (0 L/h) is no product
        var all = new Flowsheet("all", null, Chemistry, [Ore],
            [Cascade("A", "ore"), Cascade("B", "A.strip-liquor", 0.7), Cascade("C", "A.strip-liquor", 0.3)], [], new SolverOptions());
        var r = Solve(all);
        Assert.False(r.Stream("A.strip-liquor")!.IsProduct);
        Assert.Equal(0, r.Stream("A.strip-liquor")!.Flow, 12);
    }
}
