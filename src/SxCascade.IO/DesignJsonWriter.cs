using System.Text;
using System.Text.Json;
using SxCascade.Design;
using SxCascade.Results;

using static SxCascade.IO.JsonFields;

namespace SxCascade.IO;

/// <summary>
/// Writes a <see cref="DesignResult"/> as the "sxcascade-design/1" JSON document of
/// <c>sxcascade design --json</c>: the cut, the shortcut design, the rigorous design (S, W, stage
/// counts, feed stage, flows in L/h), the specs of the designed cascade, the one-stage-fewer checks,
/// the design curve and the reagents. Numbers are written in the shortest form that parses back to
/// the same double, in the invariant culture; NaN and infinities become null. UTF-8, indented,
/// "\n" line endings.
/// </summary>
public static class DesignJsonWriter
{
    /// <summary>Format tag written as "format".</summary>
    public const string Format = "sxcascade-design/1";


    /// <summary>What the simulated design achieves for the key groups, next to what the specs ask.</summary>
    /// <param name="ProductSplitA">f'_A achieved: rare earths of the feed leaving in the A product, mol/mol.</param>
    /// <param name="PurityA">Mole fraction of the A group among the A product's rare earths.</param>
    /// <param name="PurityB">Mole fraction of the B group among the B product's rare earths.</param>
    /// <param name="PurificationA">a achieved, [P_A/(1−P_A)]/(f_A/f_B).</param>
    /// <param name="PurificationB">b achieved, [P_B/(1−P_B)]/(f_B/f_A).</param>
    public sealed record Achieved(double ProductSplitA, double PurityA, double PurityB, double PurificationA, double PurificationB);

    /// <summary>The split and key-group purities of the simulated design (<see cref="DesignResult.Result"/>).</summary>
    public static Achieved AchievedBy(DesignResult d)
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
        double aInA = Sum(aProduct, a), bInA = Sum(aProduct, b);
        double aInB = Sum(bProduct, a), bInB = Sum(bProduct, b);
        double split = (aInA + bInA) / fed;
        double purityA = aInA / (aInA + bInA), purityB = bInB / (aInB + bInB);
        double feedA = cut.FeedA, feedB = 1 - cut.FeedA;
        return new Achieved(split, purityA, purityB,
            purityA / (1 - purityA) / (feedA / feedB), purityB / (1 - purityB) / (feedB / feedA));
    }

    /// <summary>Writes the document of <paramref name="d"/> to <paramref name="output"/> as UTF-8 JSON (left open).</summary>
    /// <param name="d">The design.</param>
    /// <param name="output">Where to write.</param>
    /// <param name="file">The flowsheet file designed, as given; written as "file" when not null.</param>
    /// <param name="milliseconds">Wall time of the design search; written as "design_ms" when not null.</param>
    public static void Write(DesignResult d, Stream output, string? file = null, double? milliseconds = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        ArgumentNullException.ThrowIfNull(output);
        using (var w = new Utf8JsonWriter(output, Options))
        {
            WriteDesign(w, d, file, milliseconds);
        }
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    /// <summary>The document of <paramref name="d"/> as a string (ends with "\n"); see <see cref="Write"/>.</summary>
    public static string ToJson(DesignResult d, string? file = null, double? milliseconds = null)
    {
        using var buffer = new MemoryStream();
        Write(d, buffer, file, milliseconds);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>"extraction" or "scrub".</summary>
    public static string SectionName(ControllingSection section) => section switch
    {
        ControllingSection.Extraction => "extraction",
        ControllingSection.Scrub => "scrub",
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, null),
    };

    private static void WriteDesign(Utf8JsonWriter w, DesignResult d, string? file, double? milliseconds)
    {
        w.WriteStartObject();
        w.WriteString("format", Format);
        if (file is not null) w.WriteString("file", file);
        w.WriteString("name", d.Flowsheet.Name);

        w.WriteStartObject("units");
        w.WriteString("amounts", "mol per mol of feed rare earths (S, W, f'_A)");
        w.WriteString("flow", "L/h");
        w.WriteString("acid", "mol/L");
        w.WriteString("feed_rare_earths", "mol/h");
        w.WriteEndObject();

        var cut = d.Cut;
        w.WriteStartObject("cut");
        w.WriteString("cascade", cut.Cascade);
        Strings(w, "a", cut.A);
        Strings(w, "b", cut.B);
        w.WriteString("heavy_key", cut.HeavyKey);
        w.WriteString("light_key", cut.LightKey);
        Number(w, "beta", cut.Beta);
        Number(w, "feed_a", cut.FeedA);
        Number(w, "purity_a", cut.PurityA);
        Number(w, "purity_b", cut.PurityB);
        w.WriteString("a_product", cut.AProduct);
        w.WriteString("b_product", cut.BProduct);
        w.WriteString("explanation", cut.Explanation);
        w.WriteEndObject();

        var s = d.Shortcut;
        w.WriteStartObject("shortcut");
        Number(w, "beta", s.Beta);
        Number(w, "feed_a", s.FeedA);
        Number(w, "purity_a", s.PurityA);
        Number(w, "purity_b", s.PurityB);
        w.WriteString("feed_phase", s.Feed == FeedPhase.Aqueous ? "aqueous" : "organic");
        Number(w, "product_split_a", s.ProductSplitA);
        Number(w, "purification_a", s.PurificationA);
        Number(w, "purification_b", s.PurificationB);
        Number(w, "fenske_stages", s.FenskeStages);
        Number(w, "minimum_scrub", s.MinimumScrub);
        Number(w, "minimum_extraction", s.MinimumExtraction);
        w.WriteString("controlling_section", SectionName(s.Controlling));
        Number(w, "extraction_ratio", s.ExtractionRatio);
        Number(w, "scrub_ratio", s.ScrubRatio);
        Number(w, "extraction", s.Extraction);
        Number(w, "scrub", s.Scrub);
        Number(w, "extraction_stages", s.ExtractionStages);
        Number(w, "scrub_stages", s.ScrubStages);
        Number(w, "total_stages", s.ExtractionStages + s.ScrubStages);
        w.WriteBoolean("optimum_approximate", s.OptimumApproximate);
        w.WriteEndObject();

        var c = d.Cascade;
        var f = d.Flows;
        var achieved = AchievedBy(d);
        w.WriteStartObject("rigorous");
        Number(w, "extraction", d.Extraction);
        Number(w, "scrub", d.Scrub);
        Number(w, "extraction_ratio", d.Extraction / (d.Scrub + 1));
        Number(w, "scrub_ratio", d.Extraction / d.Scrub);
        w.WriteNumber("extraction_stages", c.ExtractionStages);
        w.WriteNumber("scrub_stages", c.ScrubStages);
        w.WriteNumber("total_stages", c.ExtractionStages + c.ScrubStages);
        w.WriteNumber("strip_stages", c.StripStages);
        w.WriteNumber("feed_stage", c.EffectiveFeedStage);
        Number(w, "product_split_a", achieved.ProductSplitA);
        Number(w, "purity_a", achieved.PurityA);
        Number(w, "purity_b", achieved.PurityB);
        Number(w, "purification_a", achieved.PurificationA);
        Number(w, "purification_b", achieved.PurificationB);
        w.WriteStartObject("flows");
        Number(w, "feed_rare_earths", f.FeedRareEarths);
        Number(w, "organic", c.Organic.Flow);
        if (c.Scrub is { IsReflux: true } reflux)
        {
            w.WriteString("scrub_kind", "reflux");
            Number(w, "scrub_reflux", reflux.Reflux!.Value);
        }
        else if (c.Scrub is { } scrub)
        {
            w.WriteString("scrub_kind", "acid");
            Number(w, "scrub", scrub.Flow);
            Number(w, "scrub_acid", scrub.Acid);
        }
        if (c.Strip is { } strip)
        {
            Number(w, "strip", strip.Flow);
            Number(w, "strip_acid", strip.Acid);
        }
        w.WriteEndObject();
        w.WriteEndObject();

        w.WriteStartArray("specs");
        foreach (var sp in d.Result.Specs) Spec(w, sp);
        w.WriteEndArray();

        w.WriteStartArray("fewer_stage_checks");
        Fewer(w, "extraction", c.ExtractionStages - 1, c.ScrubStages, d.FewerExtractionStages);
        Fewer(w, "scrub", c.ExtractionStages, c.ScrubStages - 1, d.FewerScrubStages);
        w.WriteEndArray();

        w.WriteStartArray("curve");
        foreach (var p in d.Curve)
        {
            w.WriteStartObject();
            Number(w, "extraction", p.Extraction);
            w.WriteBoolean("feasible", p.Feasible);
            if (p.Feasible)
            {
                w.WriteNumber("extraction_stages", p.ExtractionStages);
                w.WriteNumber("scrub_stages", p.ScrubStages);
                w.WriteNumber("total_stages", p.TotalStages);
                Number(w, "objective", p.Objective);
            }
            else if (p.Limit is { } limit)
                w.WriteString("limit", limit);
            w.WriteBoolean("chosen", p.Feasible && p.Extraction == d.Extraction);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        var g = d.Result.Reagents;
        w.WriteStartObject("reagents");
        w.WriteString("acid", g.AcidName);
        StringOrNull(w, "base", g.BaseName);
        StringOrNull(w, "salt", g.SaltName);
        Number(w, "acid_kg_per_h", g.AcidKgPerH);
        Number(w, "base_kg_per_h", g.BaseKgPerH);
        Number(w, "salt_kg_per_h", g.SaltKgPerH);
        Number(w, "product_oxide_kg_per_h", g.ProductOxideKgPerH);
        Number(w, "acid_kg_per_kg_oxide", g.AcidKgPerKgOxide);
        Number(w, "base_kg_per_kg_oxide", g.BaseKgPerKgOxide);
        Number(w, "salt_kg_per_kg_oxide", g.SaltKgPerKgOxide);
        ResultJsonWriter.WriteReagentUses(w, g);
        w.WriteEndObject();

        w.WriteNumber("simulations", d.Simulations);
        if (milliseconds is { } ms) Number(w, "design_ms", ms);
        w.WriteEndObject();
    }

    /// <summary>One one-stage-fewer check: the stage counts tried and the specs it fails (null result: not possible or not converged).</summary>
    private static void Fewer(Utf8JsonWriter w, string section, int n, int m, FlowsheetResult? r)
    {
        w.WriteStartObject();
        w.WriteString("section", section);
        w.WriteNumber("extraction_stages", n);
        w.WriteNumber("scrub_stages", m);
        bool possible = n >= 1 && m >= 1;
        w.WriteBoolean("possible", possible);
        if (r is null)
        {
            w.WriteNull("specs_met");
            w.WriteString("note", possible ? "the simulation did not converge" : $"the {section} section has a single stage");
        }
        else
        {
            w.WriteBoolean("specs_met", r.SpecsMet);
            w.WriteStartArray("failed");
            foreach (var sp in r.Specs.Where(x => !x.Met)) Spec(w, sp);
            w.WriteEndArray();
        }
        w.WriteEndObject();
    }

    private static void Spec(Utf8JsonWriter w, SpecResult sp)
    {
        w.WriteStartObject();
        w.WriteString("stream", sp.Stream);
        Strings(w, "elements", sp.Elements);
        w.WriteString("kind", sp.Kind);
        Number(w, "target", sp.Target);
        Number(w, "value", sp.Value);
        w.WriteBoolean("met", sp.Met);
        w.WriteEndObject();
    }

    private static void Strings(Utf8JsonWriter w, string name, IEnumerable<string> values)
    {
        w.WriteStartArray(name);
        foreach (var v in values) w.WriteStringValue(v);
        w.WriteEndArray();
    }
}
