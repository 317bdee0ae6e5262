using SxCascade.Flowsheets;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>
/// The validator on flowsheets that once crashed it or took quadratic time: it must report
/// without running solver code on a flowsheet with errors, name its size limits, and report a
/// cycle of cascade feeds once however long the cycle.
/// </summary>
public class ValidatorLimitTests
{
    private static Flowsheet WithCascade(Flowsheet fs, Func<CascadeDefinition, CascadeDefinition> change) =>
        fs with { Cascades = [change(fs.Cascades[0])] };

    [Fact]
    public void Feed_stage_beyond_the_last_stage_is_reported_without_running_the_saturated_totals()
    {
        // 5 + 8 + 6 = 19 stages; the feed at stage 20 sent the saturated stage totals past the end
        var fs = WithCascade(PrNd(extraction: 5, scrub: 8), c => c with { FeedStage = 20 });

        var issue = Assert.Single(FlowsheetValidator.Validate(fs));

        Assert.Equal("cascades.PrNd.feed.stage", issue.Path);
        Assert.Contains("feed stage 20 is outside the extraction section (1..5)", issue.Message);
    }

    [Fact]
    public void Feed_stage_past_every_section_is_reported_without_running_the_saturated_totals()
    {
        var fs = WithCascade(PrNd(), c => c with { FeedStage = 59 });     // 20 + 32 + 6 = 58 stages

        var issue = Assert.Single(FlowsheetValidator.Validate(fs));

        Assert.Contains("feed stage 59 is outside the extraction section (1..20)", issue.Message);
    }

    [Fact]
    public void Stages_beyond_the_limit_are_an_issue_naming_the_limit()
    {
        var fs = WithCascade(PrNd(), c => c with { ExtractionStages = int.MaxValue, FeedStage = int.MaxValue });

        var issue = Assert.Single(FlowsheetValidator.Validate(fs));

        Assert.Equal("cascades.PrNd.extraction.stages", issue.Path);
        // 2147483647 + 32 + 6 = 2147483685
        Assert.Contains("cascade PrNd has 2,147,483,685 stages; at most 100,000 stages per cascade are supported", issue.Message);
    }

    [Fact]
    public void Stage_counts_are_added_without_overflow()
    {
        int max = int.MaxValue;
        var fs = WithCascade(PrNd(), c => c with
        {
            ExtractionStages = max, FeedStage = max,
            Scrub = c.Scrub! with { Stages = max }, Strip = c.Strip! with { Stages = max },
        });

        var issue = Assert.Single(FlowsheetValidator.Validate(fs));

        Assert.Contains("has 6,442,450,941 stages", issue.Message);   // 3 · 2147483647
    }

    [Fact]
    public void Unknowns_beyond_the_limit_are_an_issue_naming_the_limit()
    {
        // 15 elements × 70,000 stages = 1,050,000 unknowns > 1,000,000 (stages alone are within 100,000)
        string[] elements = ["La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y"];
        var d = elements.Select(e => (e, 2.0)).ToArray();
        var feed = Feed(10, elements.Select(e => (e, 0.01)).ToArray());
        var fs = Single(ConstantD(d), feed, new CascadeDefinition("big", "feed", null, 70_000, null, null, new OrganicDefinition(10)));

        var issue = Assert.Single(FlowsheetValidator.Validate(fs));

        Assert.Equal("cascades.big.extraction.stages", issue.Path);
        Assert.Contains("70,000 stages × 15 components = 1,050,000 unknowns; at most 1,000,000 unknowns per cascade", issue.Message);
    }

    [Fact]
    public void Fifteen_elements_on_fifty_thousand_stages_are_within_the_limits()
    {
        // 15 × 50,000 = 750,000 unknowns ≤ 1,000,000
        string[] elements = ["La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y"];
        var fs = Single(ConstantD(elements.Select(e => (e, 2.0)).ToArray()), Feed(10, elements.Select(e => (e, 0.01)).ToArray()),
            new CascadeDefinition("big", "feed", null, 50_000, null, null, new OrganicDefinition(10)));

        Assert.Empty(FlowsheetValidator.Validate(fs));
    }

    private static Flowsheet Linked(int n, bool cycle, int organicPrFrom = -1)
    {
        var cascades = new List<CascadeDefinition>();
        for (int i = 0; i < n; i++)
        {
            string from = i == 0 && !cycle ? "feed" : $"c{(i + n - 1) % n}.raffinate";
            var organic = i == organicPrFrom ? new OrganicDefinition(1, Map(("Pr", 0.01))) : new OrganicDefinition(1);
            cascades.Add(new CascadeDefinition($"c{i}", from, null, 2, null, null, organic));
        }
        if (cycle) cascades.Add(new CascadeDefinition("z", "feed", null, 2, null, null, new OrganicDefinition(1)));
        return new Flowsheet("chain", null, ConstantD(("Nd", 2.0)), [Feed(10, ("Nd", 0.1))], cascades, [], new SolverOptions());
    }

    [Fact]
    public void A_cycle_of_two_thousand_cascades_is_one_short_issue()
    {
        var issue = Assert.Single(FlowsheetValidator.Validate(Linked(2000, cycle: true)));

        // the aqueous goes round the 2,000 cascades whole: its flow has no steady value
        Assert.StartsWith("cascades.c", issue.Path);
        Assert.Contains("the cycle through cascades c0, c1, c2, c3, … (2,000 cascades in all) keeps a phase going round that never leaves the flowsheet", issue.Message);
        Assert.True(issue.Message.Length < 300, issue.Message);
    }

    [Fact]
    public void A_short_cycle_names_every_member()
    {
        var issue = Assert.Single(FlowsheetValidator.Validate(Linked(3, cycle: true)));

        Assert.Contains("the cycle through cascades c0, c1, c2 keeps a phase going round that never leaves the flowsheet", issue.Message);
    }

    [Fact]
    public void A_cycle_entered_from_outside_is_named_from_its_first_member_in_the_file()
    {
        // p takes q's raffinate; r and q feed each other: the walk from p enters the cycle at q,
        // but r comes first in the file, so the issue is at r and names the cycle from r
        CascadeDefinition Cascade(string name, string from) => new(name, from, null, 2, null, null, new OrganicDefinition(1));
        var fs = new Flowsheet("cycle", null, ConstantD(("Nd", 2.0)), [Feed(10, ("Nd", 0.1))],
            [Cascade("p", "q.raffinate"), Cascade("r", "q.raffinate"), Cascade("q", "r.raffinate"), Cascade("z", "feed")], [], new SolverOptions());

        var issues = FlowsheetValidator.Validate(fs);

        // r and q pass their raffinates round whole, so nothing leaves; p and r both taking q's raffinate whole is a second issue
        Assert.Equal(2, issues.Count);
        Assert.Contains(issues, i => i.Path == "cascades.r.feed.from" && i.Message.Contains("the cycle through cascades r, q keeps a phase going round", StringComparison.Ordinal));
        Assert.Contains(issues, i => i.Message.StartsWith("outlet 'q.raffinate' feeds two inlets whole: cascades p and r", StringComparison.Ordinal));
        // with p fed from the feed, only the cycle is left
        var fixedUp = fs with { Cascades = [Cascade("p", "feed"), Cascade("r", "q.raffinate"), Cascade("q", "r.raffinate")] };
        var cycle = Assert.Single(FlowsheetValidator.Validate(fixedUp));
        Assert.Contains("the cycle through cascades r, q keeps a phase going round", cycle.Message);
        Assert.Equal("cascades.r.feed.from", cycle.Path);
    }

    [Fact]
    public void Elements_reach_every_cascade_downstream_of_where_they_enter()
    {
        // Pr enters on the organic of c1000 and flows down the chain: c1000..c1999 lack a ratio for it
        var issues = FlowsheetValidator.Validate(Linked(2000, cycle: false, organicPrFrom: 1000));

        Assert.Equal(1000, issues.Count);
        Assert.All(issues, i => Assert.Contains("no distribution ratio for Pr", i.Message));
        Assert.Contains("cascade c1000;", issues[0].Message + ";");
        Assert.Contains("cascade c1999", issues[^1].Message);
    }
}
