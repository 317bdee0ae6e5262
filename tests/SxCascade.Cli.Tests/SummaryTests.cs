using static SxCascade.Cli.Tests.CliRunner;

namespace SxCascade.Cli.Tests;

/// <summary>The human-readable summary of <c>run</c>: every section, with units.</summary>
public sealed class SummaryTests
{
    private static readonly Lazy<CliRunner.Outcome> PrNd = new(() => Run("run", Flowsheet("prnd-p507.yaml")));

    private static string Text
    {
        get
        {
            Assert.True(PrNd.Value.Code == 0, PrNd.Value.ToString());
            return PrNd.Value.Stdout;
        }
    }

    [Fact]
    public void Title_and_cascade_shape()
    {
        Assert.StartsWith("Pr/Nd split, saponified P507, acid scrub  (", Text);
        Assert.Contains("Cascade PrNd (separation-factor chemistry)", Text);
        Assert.Contains("stages n/m/k:      20/32/6 (extraction/scrub/strip), 58 in all", Text);
        Assert.Contains("feed stage:        20", Text);
        Assert.Contains("organic flow:      225.2 L/h", Text);
    }

    [Fact]
    public void Streams_table_has_units_and_marks_products()
    {
        Assert.Contains("stream                 phase    flow [L/h]  element  c [mol/L]  purity [%]  recovery [%]", Text);
        Assert.Matches(@"\n  \* PrNd\.raffinate +aqueous +43\.10 +Pr +0\.05\d+ +98\.\d+ +99\.\d+\n", Text);
        Assert.Matches(@"\n  \* PrNd\.strip-liquor +aqueous", Text);
        Assert.Matches(@"\n    didymium +aqueous +10\.00 +Pr +0\.2544 +25\.440 +100\.000\n", Text);
        Assert.Matches(@"\n    PrNd\.stripped-organic +organic", Text); // recycled: not a product
    }

    [Fact]
    public void Specs_show_target_value_and_outcome()
    {
        Assert.Matches(@"\n  PrNd\.raffinate +Pr +purity +98\.500 +98\.\d+ +met\n", Text);
        Assert.Matches(@"\n  PrNd\.strip-liquor +Nd +purity +99\.900 +99\.\d+ +met\n", Text);
    }

    [Fact]
    public void Reagents_in_kg_per_hour_and_per_kg_of_oxide()
    {
        Assert.Matches(@"\n  acid \(HCl, 100 %\) +\d+\.\d+ +\d+\.\d+\n", Text);
        Assert.Matches(@"\n  base \(NaOH, saponification\) +\d+\.\d+ +\d+\.\d+\n", Text);
        Assert.Matches(@"\n  salt in effluent \(NaCl\) +\d+\.\d+ +\d+\.\d+\n", Text);
        Assert.Matches(@"\n  product oxide \(REO\) +\d+\.\d+\n", Text);
        Assert.Contains("reagent                      [kg/h]  [kg/kg REO]", Text);
        Assert.Contains("organic inventory: unknown", Text);
    }

    [Fact]
    public void Solver_line_has_method_iterations_closure_and_times()
    {
        Assert.Matches(@"\nSolver: (newton|substitution)[^\n]*, \d+ iterations?, converged\n", Text);
        Assert.Matches(@"\n  balance closure \d\.\de-\d\d \(\|in - out\|/in: Pr (\d\.\de-\d\d|0), Nd (\d\.\de-\d\d|0)\)\n", Text);
        Assert.Matches(@"\n  solve \d+\.\d ms, total \d+\.\d ms wall\n", Text);
    }

    [Fact]
    public void Inventory_is_shown_when_the_stage_volume_is_known()
    {
        var run = Run("run", Flowsheet("prnd-p507.yaml"), "--set", "cascades.PrNd.stage-volume=120 L");

        Assert.True(run.Code == 0, run.ToString());
        Assert.Matches(@"\n  organic inventory: \d+(\.\d+)? L\n", run.Stdout);
    }
}

/// <summary>The reagent table when cascades use different saponification agents.</summary>
public sealed class ReagentTableTests
{
    [Fact]
    public void Several_agents_get_a_row_each_and_a_total()
    {
        // 4 kg/h NaOH and 0.86 kg/h NH3 over 2 kg/h of product oxide: 2.0 and 0.43 kg/kg, total 4.86 kg/h, 2.43 kg/kg
        var g = new SxCascade.Results.ReagentSummary("HCl", "NaOH + NH3", "NaCl + NH4Cl", 10, 121.6, 121.6, 0.3646, 4.86, 7.0, 2.0, null)
        {
            Uses =
            [
                new(SxCascade.Results.ReagentUse.Acid, "HCl", 10, 0.3646),
                new(SxCascade.Results.ReagentUse.Base, "NaOH", 100, 4.0),
                new(SxCascade.Results.ReagentUse.Base, "NH3", 21.6, 0.86),
                new(SxCascade.Results.ReagentUse.Salt, "NaCl", 100, 5.844),
                new(SxCascade.Results.ReagentUse.Salt, "NH4Cl", 21.6, 1.156),
            ],
        };
        var w = new StringWriter();
        SummaryReport.ReagentTable(g).Write(w);
        string text = w.ToString();
        Assert.Matches(@"acid \(HCl, 100 %\) +0\.3646 +0\.1823", text);
        Assert.Matches(@"base \(NaOH, saponification\) +4\.000 +2\.000", text);
        Assert.Matches(@"base \(NH3, saponification\) +0\.8600 +0\.4300", text);
        Assert.Matches(@"base total +4\.860 +2\.430", text);
        Assert.Matches(@"salt in effluent \(NH4Cl\) +1\.156 +0\.5780", text);
        Assert.Matches(@"salt total +7\.000 +3\.500", text);
        Assert.DoesNotContain("acid total", text);
    }
}
