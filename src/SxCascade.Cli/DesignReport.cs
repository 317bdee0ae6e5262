using System.Globalization;
using SxCascade.Design;
using SxCascade.IO;
using SxCascade.Results;
using static SxCascade.Cli.NumberFormat;

namespace SxCascade.Cli;

/// <summary>
/// The human-readable result of <c>design</c>: the cut, shortcut and rigorous results side by side,
/// the flows, the specs of the designed cascade with the one-stage-fewer checks, the design curve,
/// the reagents and the effort, as aligned plain-text tables with the unit of every number.
/// </summary>
internal static class DesignReport
{
    /// <summary>Writes the report of <paramref name="d"/>.</summary>
    /// <param name="d">The design.</param>
    /// <param name="s">What was asked (the file as given, a fixed S or organic flow).</param>
    /// <param name="w">Where to write.</param>
    /// <param name="designMilliseconds">Wall time of the design search.</param>
    /// <param name="totalMilliseconds">Gives the wall time since the command started, read last.</param>
    public static void Write(DesignResult d, DesignCommand.Settings s, TextWriter w, double designMilliseconds, Func<double> totalMilliseconds)
    {
        w.WriteLine($"Design of {d.Flowsheet.Name}  ({s.File})");
        w.WriteLine();
        w.WriteLine($"Cut: {d.Cut.Explanation}");
        w.WriteLine();
        WriteComparison(d, s, w);
        WriteFlows(d, w);
        WriteSpecs(d, w);
        WriteCurve(d, w);
        WriteReagents(d.Result.Reagents, w);
        w.WriteLine($"Design: {Diagnostics.Plural(d.Simulations, "cascade simulation")}, {Seconds(designMilliseconds)}; "
            + $"total {Seconds(totalMilliseconds())} wall");
    }

    /// <summary>Shortcut (Xu's theory at the optimum ratios) beside the rigorous design (simulated, at the chosen S).</summary>
    private static void WriteComparison(DesignResult d, DesignCommand.Settings s, TextWriter w)
    {
        var sc = d.Shortcut;
        var c = d.Cascade;
        var achieved = SxCascade.Design.DesignQuality.Achieved(d);
        double em = d.Extraction / (d.Scrub + 1), epm = d.Extraction / d.Scrub;
        string chosenBy = s.Extraction is not null ? "S fixed by --extraction"
            : s.OrganicFlow is not null ? "S fixed by --organic-flow"
            : "S minimising S·(n+m) on the design curve";
        w.WriteLine($"Shortcut and rigorous design (amounts in mol per mol of feed rare earths)");
        var t = new TextTable("", "quantity", ">shortcut", ">rigorous");
        t.Add("f_A", "A in the feed [mol frac]", Value(sc.FeedA), Value(sc.FeedA));
        t.Add("f'_A", "A product split", Value(sc.ProductSplitA), Value(achieved.ProductSplitA));
        t.Add("a", "purification factor of A", Value(sc.PurificationA), Value(achieved.PurificationA));
        t.Add("b", "purification factor of B", Value(sc.PurificationB), Value(achieved.PurificationB));
        t.Add("N_min", "Fenske stages (total reflux)", Fixed(sc.FenskeStages), "");
        t.Add("W_min", "minimum scrub", Value(sc.MinimumScrub), "");
        t.Add("S_min", "minimum extraction", Value(sc.MinimumExtraction), "");
        t.Add("", "controlling section", SxCascade.IO.Documents.FormatNames.Section(sc.Controlling), "");
        t.Add("E_M", "extraction ratio S/(W+1)", Value(sc.ExtractionRatio), Value(em));
        t.Add("E'_M", "scrub ratio S/W", Value(sc.ScrubRatio), Value(epm));
        t.Add("S", "extraction", Value(sc.Extraction), Value(d.Extraction));
        t.Add("W", "scrub", Value(sc.Scrub), Value(d.Scrub));
        t.Add("n", "extraction stages", Fixed(sc.ExtractionStages), Count(c.ExtractionStages));
        t.Add("m", "scrub stages", Fixed(sc.ScrubStages), Count(c.ScrubStages));
        t.Add("n+m", "stages in both sections", Fixed(sc.ExtractionStages + sc.ScrubStages), Count(c.ExtractionStages + c.ScrubStages));
        t.Add("", "feed stage", double.IsFinite(sc.ExtractionStages) ? Count((int)Math.Ceiling(sc.ExtractionStages)) : "-", Count(c.EffectiveFeedStage));
        t.Write(w);
        w.WriteLine("  shortcut: Xu's theory at the optimum extraction ratios (n, m not rounded; feed at stage ⌈n⌉)"
            + (sc.OptimumApproximate ? "; β ≥ 3: the optimum ratios are approximate" : ""));
        w.WriteLine($"  rigorous: fewest stages meeting every spec in simulation, {chosenBy}; f'_A, a, b as the simulated cascade achieves them");
        w.WriteLine();
    }

    private static void WriteFlows(DesignResult d, TextWriter w)
    {
        var c = d.Cascade;
        var f = d.Flows;
        w.WriteLine($"Flows of the design (feed {d.Cascade.FeedFrom}: {Value(f.FeedRareEarths)} mol/h rare earths)");
        var t = new TextTable("stream", ">flow [L/h]", ">acid [mol/L]");
        t.Add("organic", Value(c.Organic.Flow), "");
        if (c.Scrub is { IsReflux: true } reflux)
            t.Add($"scrub: reflux of {Percent(reflux.Reflux!.Value)} % of the A product", "", "");
        else if (c.Scrub is { } scrub)
            t.Add("scrub solution", Value(scrub.Flow), Value(scrub.Acid));
        if (c.Strip is { } strip)
            t.Add($"strip solution ({strip.Stages} stages)", Value(strip.Flow), Value(strip.Acid));
        t.Write(w);
        w.WriteLine();
    }

    /// <summary>The specs of the designed cascade, then what one stage fewer in either section does.</summary>
    private static void WriteSpecs(DesignResult d, TextWriter w)
    {
        var c = d.Cascade;
        w.WriteLine($"Specs of the designed cascade (n = {c.ExtractionStages}, m = {c.ScrubStages})");
        var t = new TextTable("stream", "element", "kind", ">target [%]", ">value [%]", "result");
        foreach (var sp in d.Result.Specs)
            t.Add(sp.Stream, string.Join("+", sp.Elements), sp.Kind, Percent(sp.Target), Percent(sp.Value), sp.Met ? "met" : "NOT MET");
        t.Write(w);
        w.WriteLine(Fewer("one extraction stage fewer", "n", c.ExtractionStages - 1, d.FewerExtractionStages));
        w.WriteLine(Fewer("one scrub stage fewer", "m", c.ScrubStages - 1, d.FewerScrubStages));
        w.WriteLine();
    }

    /// <summary>"  one extraction stage fewer (n = 26): PrNd.raffinate Pr purity 98.41 % &lt; 98.500 % — fails".</summary>
    internal static string Fewer(string what, string symbol, int stages, FlowsheetResult? r)
    {
        string head = $"  {what} ({symbol} = {stages})";
        if (stages < 1) return $"  {what}: not possible ({symbol} = {stages + 1})";
        if (r is null) return $"{head}: the simulation did not converge";
        var failed = r.Specs.Where(sp => !sp.Met).ToList();
        if (failed.Count == 0) return $"{head}: still meets every spec";
        return $"{head}: " + string.Join("; ", failed.Select(sp =>
            $"{sp.Stream} {string.Join("+", sp.Elements)} {sp.Kind} {Percent(sp.Value)} % < {Percent(sp.Target)} %")) + " — fails";
    }

    private static void WriteCurve(DesignResult d, TextWriter w)
    {
        w.WriteLine("Design curve (fewest stages meeting every spec at each S; * the design)");
        var t = new TextTable("", ">S", ">n", ">m", ">n+m", ">S·(n+m)");
        var points = d.Curve.ToList();
        var c = d.Cascade;
        bool onCurve = points.Any(p => p.Feasible && p.Extraction == d.Extraction);
        if (!onCurve)
            points.Add(new DesignCurvePoint(d.Extraction, c.ExtractionStages, c.ScrubStages, true));
        foreach (var p in points.OrderBy(p => p.Extraction))
        {
            string mark = p.Feasible && p.Extraction == d.Extraction ? "*" : "";
            if (p.Feasible)
                t.Add(mark, Value(p.Extraction), Count(p.ExtractionStages), Count(p.ScrubStages), Count(p.TotalStages), Fixed(p.Objective));
            else
                t.Add(mark, Value(p.Extraction), "-", "-", "-", "-");
        }
        t.Write(w);
        if (d.Curve.Any(p => !p.Feasible))
            w.WriteLine($"  -: no cascade within the stage limit meets the specs at that S");
        w.WriteLine();
    }

    private static void WriteReagents(ReagentSummary g, TextWriter w)
    {
        w.WriteLine("Reagents of the design (stoichiometry: docs/model.md §4)");
        SummaryReport.ReagentTable(g).Write(w);
        w.WriteLine();
    }

    /// <summary>Two decimals, for stage numbers that are not whole: "26.14".</summary>
    private static string Fixed(double v) => double.IsFinite(v) ? v.ToString("F2", CultureInfo.InvariantCulture) : "-";

    /// <summary>"2.41 s".</summary>
    private static string Seconds(double ms) => (ms / 1000).ToString("F2", CultureInfo.InvariantCulture) + " s";
}
