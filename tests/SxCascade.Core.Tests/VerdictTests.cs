using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>
/// Issue 10, "wrong answers presented as converged": each reproducer is refused by the validator
/// (with the path of the value) and, solved anyway, is not converged by <see cref="ResultVerdict"/>,
/// which names the failed check. Each test failed before the verdict and the bounds existed.
/// </summary>
public class VerdictTests
{
    private static readonly SolverOptions Default = new();

    private static DistributionLaw ConstantLaw(double d) => new(DistributionLawKind.Constant, 0, 0, d, 0, 0, 0, false, 3, 3);

    private static MassActionChemistry MassAction(params (string, DistributionLaw)[] laws) =>
        new(Medium.Chloride, 1.99, new Extractant("D2EHPA", 0.5, 322.43, 975.8, 0, null), laws.ToDictionary(l => l.Item1, l => l.Item2));

    private static CascadeDefinition Extraction(string name, string from, int stages = 4, double organic = 10, double efficiency = 1) =>
        new(name, from, null, stages, null, null, new OrganicDefinition(organic), efficiency);

    private static FailedCheck Failed(FlowsheetResult r, string check)
    {
        Assert.False(r.Converged, "a result that fails a check must not be converged");
        var found = r.FailedChecks.FirstOrDefault(f => f.Check == check);
        Assert.True(found is not null, $"expected a failed '{check}' check; got: {string.Join(" | ", r.FailedChecks.Select(f => $"{f.Check}: {f.Message}"))}");
        return found!;
    }

    [Fact]
    public void Two_cascades_taking_the_same_feed_whole_are_refused_and_their_double_count_is_not_converged()
    {
        var fs = new Flowsheet("twice", null, ConstantD(("Pr", 0.5), ("Nd", 2.0)), [Feed(10, ("Pr", 0.2), ("Nd", 0.3))],
            [Extraction("A", "feed"), Extraction("B", "feed")], [], Default);

        var issue = Assert.Single(FlowsheetValidator.Validate(fs));
        Assert.Equal("cascades.B.feed.from", issue.Path);
        Assert.Contains("feed 'feed' feeds two inlets whole: cascades A and B", issue.Message);

        // solved anyway: each cascade takes all 2 mol/h of Pr, so 4 mol/h leave for 2 mol/h in:
        // (in − out)/in = (2 − 4)/2 = −1 for Pr, and likewise (3 − 6)/3 = −1 for Nd
        var r = FlowsheetSolver.Solve(fs);
        Assert.Equal(-1.0, r.BalanceErrors[r.IndexOf("Pr")], 12);
        var check = Failed(r, "element balance");
        Assert.Contains("Pr balance of the flowsheet is off by -1.0e+00", check.Message);
    }

    [Fact]
    public void Two_cascades_taking_the_same_outlet_whole_are_refused()
    {
        var fs = new Flowsheet("twice", null, ConstantD(("Pr", 0.5), ("Nd", 2.0)), [Feed(10, ("Pr", 0.2), ("Nd", 0.3))],
            [Extraction("A", "feed"), Extraction("B", "A.raffinate"), Extraction("C", "A.raffinate")], [], Default);

        var issue = Assert.Single(FlowsheetValidator.Validate(fs));
        Assert.Equal("cascades.C.feed.from", issue.Path);
        Assert.Contains("outlet 'A.raffinate' feeds two inlets whole: cascades B and C", issue.Message);
        Failed(FlowsheetSolver.Solve(fs), "element balance");
    }

    [Theory]
    [InlineData(1e300)]
    [InlineData(1e-5)]
    [InlineData(0.0)]
    public void A_tolerance_outside_0_to_1e_minus_6_is_refused(double tolerance)
    {
        var fs = PrNd(SolverMethod.Substitution, tolerance);
        var issue = Assert.Single(FlowsheetValidator.Validate(fs));
        Assert.Equal("solver.tolerance", issue.Path);
        Assert.Contains("at most 1e-6", issue.Message);
    }

    [Fact]
    public void A_loose_tolerance_solved_anyway_is_not_converged_by_its_balances()
    {
        // substitution stops after 0 sweeps at tolerance 1e300: the start profile is far from balanced
        var r = FlowsheetSolver.Solve(PrNd(SolverMethod.Substitution, 1e300), fallback: false);
        Assert.True(r.Reports.Single().Converged, "the solver alone accepts it");
        var check = Failed(r, "element balance");
        Assert.Contains("Pr balance", check.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1_000_001)]
    public void An_iteration_limit_outside_1_to_a_million_is_refused(int limit)
    {
        var fs = PrNd() with { Solver = new SolverOptions(1e-10, limit) };
        var issue = Assert.Single(FlowsheetValidator.Validate(fs));
        Assert.Equal("solver.max-iterations", issue.Path);
        Assert.Contains("from 1 to 1,000,000", issue.Message);
    }

    [Fact]
    public void Absurd_concentrations_and_flows_are_refused_with_the_path_of_each_value()
    {
        var chem = MassAction(("Pr", new DistributionLaw(DistributionLawKind.LogK, -1.3, 3, 0, 0, 0, 0, false, 3, 3)));
        var feed = new FeedStream("leach", 2e9, Map(("Pr", 1e100)), 25);
        var cascade = new CascadeDefinition("c", "leach", null, 4, new ScrubDefinition(2, 5, 21), new StripDefinition(2, 0, 3),
            new OrganicDefinition(5, Map(("Pr", 0.2))));
        var fs = new Flowsheet("absurd", null, chem, [feed], [cascade], [], Default);

        var paths = FlowsheetValidator.Validate(fs).Select(i => i.Path).ToList();
        Assert.Contains("feeds.leach.flow", paths);                       // 2e9 L/h > 1e9 L/h
        Assert.Contains("feeds.leach.composition.Pr", paths);             // 1e100 mol/L > 20 mol/L
        Assert.Contains("feeds.leach.acid", paths);                       // 25 mol/L > 20 mol/L
        Assert.Contains("cascades.c.scrub.acid", paths);                  // 21 mol/L > 20 mol/L
        Assert.Contains("cascades.c.strip.flow", paths);                  // 0 L/h is not > 0
        // pre-loaded 0.2 mol/L Pr binds ν·y = 3·0.2 = 0.6 mol/L of a 0.5 mol/L extractant
        Assert.Contains("cascades.c.organic.composition", paths);
    }

    [Fact]
    public void A_solution_above_20_mol_per_litre_in_all_is_refused()
    {
        // 15 + 6 = 21 mol/L: each value within range, the sum not
        var fs = PrNd() with { Feeds = [new FeedStream("didymium", 10, Map(("Pr", 15.0), ("Nd", 6.0)), 0)] };
        var issue = Assert.Single(FlowsheetValidator.Validate(fs), i => i.Path == "feeds.didymium.composition");
        Assert.Contains("21 mol/L in all", issue.Message);
    }

    [Fact]
    public void A_feed_of_1e100_mol_per_litre_solved_anyway_is_not_converged()
    {
        // model.md §3.3 example with Pr at 1e100 mol/L: the proton balance then closes to only ~1e-8
        var chem = new MassActionChemistry(Medium.Chloride, 1.99, new Extractant("D2EHPA", 0.5, 322.43, 975.8, 0.2, "NaOH"),
            new Dictionary<string, DistributionLaw>
            {
                ["Pr"] = new(DistributionLawKind.LogK, -1.30, 3, 0, 0, 0, 0, false, 3, 3),
                ["Nd"] = new(DistributionLawKind.LogK, -1.15, 3, 0, 0, 0, 0, false, 3, 3),
            });
        var fs = new Flowsheet("huge", null, chem, [new FeedStream("leach", 10, Map(("Pr", 1e100), ("Nd", 0.06)), 0.01)],
            [Extraction("loading", "leach", organic: 5)], [], Default);
        Assert.Contains(FlowsheetValidator.Validate(fs), i => i.Path == "feeds.leach.composition.Pr");

        var r = FlowsheetSolver.Solve(fs);
        Assert.False(r.Converged, $"converged with proton balance {r.BalanceErrors[r.IndexOf("H+")]:E2} and extractant balance {r.ExtractantBalanceError:E2}");
        Assert.NotEmpty(r.FailedChecks);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.7)]
    public void Mass_action_laws_that_ignore_the_free_extractant_overload_it_and_are_not_converged(double efficiency)
    {
        // constant D of 50 and 80 in 4 stages at O/A = 0.5 take nearly all of the metal:
        // y(Pr) = 10 L/h·0.5 mol/L / 5 L/h = 1.0 mol/L, y(Nd) = 10·1.5/5 = 3.0 mol/L, bound
        // Σ ν·y = 3·(1.0 + 3.0) = 12 mol/L of E = 0.5 mol/L: loading 2400 % (nothing caps it)
        var chem = MassAction(("Pr", ConstantLaw(50)), ("Nd", ConstantLaw(80)));
        var fs = new Flowsheet("flat", null, chem, [new FeedStream("leach", 10, Map(("Pr", 0.5), ("Nd", 1.5)), 0.01)],
            [Extraction("loading", "leach", organic: 5, efficiency: efficiency)], [], Default);
        Assert.Empty(FlowsheetValidator.Validate(fs));

        var r = FlowsheetSolver.Solve(fs);
        var loading = Failed(r, "loading");
        Assert.Contains("in stage 4 of loading", loading.Message);
        Assert.Contains("of E = 0.5 mol/L", loading.Message);
        if (efficiency == 1.0) Assert.Contains("loading 2400 %", loading.Message);
        Assert.Contains("constant d", loading.Message);
        // the extractant balance is computed at every efficiency (it was reported 0 at η < 1):
        // e ≥ 0 with Σ ν·y* ≫ E cannot close e + Σ ν·y* = E
        Assert.True(r.ExtractantBalanceError > 1, $"extractant balance {r.ExtractantBalanceError}");
        Failed(r, "extractant balance");
    }

    [Fact]
    public void A_murphree_mass_action_cascade_that_is_feasible_closes_its_extractant_balance()
    {
        // the example of format.md §6 at η = 0.8: every check passes, extractant balance computed (not skipped)
        var chem = new MassActionChemistry(Medium.Chloride, 1.99, new Extractant("D2EHPA", 0.5, 322.43, 975.8, 0.2, "NaOH"),
            new Dictionary<string, DistributionLaw>
            {
                ["Pr"] = new(DistributionLawKind.LogK, -1.30, 3, 0, 0, 0, 0, false, 3, 3),
                ["Nd"] = new(DistributionLawKind.LogK, -1.15, 3, 0, 0, 0, 0, false, 3, 3),
            });
        var fs = new Flowsheet("ok", null, chem, [new FeedStream("leach", 10, Map(("Pr", 0.02), ("Nd", 0.06)), 0.01)],
            [Extraction("loading", "leach", organic: 5, efficiency: 0.8)], [], Default);
        var r = Solve(fs);
        Assert.Empty(r.FailedChecks);
        Assert.True(r.ExtractantBalanceError <= 1e-9, $"extractant balance {r.ExtractantBalanceError}");
        Assert.All(r.Stages, s => Assert.InRange(s.LoadingFraction!.Value, 0, 1));
    }

    [Fact]
    public void A_non_finite_or_negative_value_fails_its_check_by_name()
    {
        var fs = new Flowsheet("t", null, ConstantD(("Nd", 2.0)), [Feed(10, ("Nd", 0.1))], [Extraction("c", "feed", stages: 2)], [], Default);
        string[] elements = ["Nd"];
        var stages = new List<StageResult>
        {
            new("c", 1, SectionKind.Extraction, 10, 10, [0.01], [double.NaN], null),
            new("c", 2, SectionKind.Extraction, 10, 10, [-0.02], [-1e-12], null),
        };
        // inflow 10 L/h · 0.1 mol/L = 1 mol/h: −0.02 mol/L · 10 L/h = −0.2 mol/h is far below 0, while
        // −1e-12 mol/L · 10 L/h = −1e-11 mol/h is within the 1e-9 mol/h the balances resolve (round-off)
        var failed = ResultVerdict.Judge(fs, elements, [1.0], [0.0], [], stages, []);
        Assert.Contains(failed, f => f.Check == "finite" && f.Message.Contains("Nd NaN mol/L in stage 1 of c, organic"));
        var negative = Assert.Single(failed, f => f.Check == "non-negative");
        Assert.Contains("Nd -2.0e-02 mol/L in stage 2 of c, aqueous", negative.Message);
        Assert.DoesNotContain("more place", negative.Message);
    }

    [Fact]
    public void A_saturated_organic_above_its_loading_fails_the_loading_check()
    {
        // L = 0.18 mol/L; a stage whose organic holds 0.1 + 0.1 = 0.2 mol/L is at 0.2/0.18 = 111.1 %
        var fs = PrNd();
        var stages = new List<StageResult> { new("PrNd", 3, SectionKind.Extraction, 10, 225.2, [0.1, 0.1], [0.1, 0.1], null) };
        var failed = ResultVerdict.Judge(fs, ["Pr", "Nd"], [2.544, 7.456], [0.0, 0.0], [], stages, []);
        var check = Assert.Single(failed);
        Assert.Equal("loading", check.Check);
        Assert.Contains("loading 111.1 % in stage 3 of PrNd", check.Message);
    }
}
