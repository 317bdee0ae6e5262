using System.Text;
using System.Text.Json;
using SxCascade.Flowsheets;
using SxCascade.Results;

using static SxCascade.IO.JsonFields;

namespace SxCascade.IO;

/// <summary>
/// Writes a <see cref="FlowsheetResult"/> as the "sxcascade-result/1" JSON document of FORMAT.md
/// ("Results"): flows in L/h, concentrations in mol/L, molar flows in mol/h. Numbers are written in
/// the shortest form that parses back to the same double; NaN and infinities become null (so
/// does a value the chemistry does not compute: the organic "H+" entry, a stage's pH, free
/// extractant and loading fraction, the extractant balance error outside mass-action chemistry).
/// UTF-8, indented, "\n" line endings, independent of the current culture.
/// </summary>
public static class ResultJsonWriter
{
    /// <summary>Format tag written as "format".</summary>
    public const string Format = "sxcascade-result/1";


    /// <summary>Writes <paramref name="result"/> to <paramref name="output"/> as UTF-8 JSON (left open).</summary>
    public static void Write(FlowsheetResult result, Stream output)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(output);
        using (var w = new Utf8JsonWriter(output, Options))
        {
            WriteResult(w, result);
        }
        output.WriteByte((byte)'\n');
        output.Flush();
    }

    /// <summary>The JSON document of <paramref name="result"/> as a string (ends with "\n").</summary>
    public static string ToJson(FlowsheetResult result)
    {
        using var buffer = new MemoryStream();
        Write(result, buffer);
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>Lower-case section name as in the file format: "extraction", "scrub", "strip".</summary>
    internal static string SectionName(SectionKind section) => section switch
    {
        SectionKind.Extraction => "extraction",
        SectionKind.Scrub => "scrub",
        SectionKind.Strip => "strip",
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, null),
    };

    /// <summary>Stream role as in the outlet names of MODEL.md §1: "feed", "raffinate", "loaded-organic", …</summary>
    internal static string KindName(StreamKind kind) => kind switch
    {
        StreamKind.Feed => "feed",
        StreamKind.Raffinate => "raffinate",
        StreamKind.LoadedOrganic => "loaded-organic",
        StreamKind.StripLiquor => "strip-liquor",
        StreamKind.StrippedOrganic => "stripped-organic",
        StreamKind.OrganicInlet => "organic-inlet",
        StreamKind.ScrubSolution => "scrub-solution",
        StreamKind.StripSolution => "strip-solution",
        StreamKind.SideDraw => "side-draw",
        StreamKind.Bleed => "bleed",
        _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
    };

    private static string StatusName(SolveStatus status) => status switch
    {
        SolveStatus.Converged => "converged",
        SolveStatus.MaxIterations => "max-iterations",
        SolveStatus.Diverged => "diverged",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    private static void WriteResult(Utf8JsonWriter w, FlowsheetResult r)
    {
        // keys by element: total acidity and total sulfate under names of their own (docs/format.md)
        IReadOnlyList<string> elements = r.Elements.Select(MassActionChemistry.ResultName).ToArray();
        w.WriteStartObject();
        w.WriteString("format", Format);
        w.WriteString("name", r.Name);
        w.WriteBoolean("converged", r.Converged);
        w.WriteNumber("iterations", r.Iterations);
        Number(w, "max_balance_error", r.MaxBalanceError);
        Number(w, "extractant_balance_error", r.ExtractantBalanceError);
        ByElement(w, "balance_errors", elements, r.BalanceErrors);
        Number(w, "solve_ms", r.SolveMilliseconds);

        w.WriteStartObject("units");
        w.WriteString("flow", "L/h");
        w.WriteString("concentration", "mol/L");
        w.WriteString("molar_flow", "mol/h");
        w.WriteEndObject();
        // MODEL.md §4: what streams[].purity and the purity specs are fractions of
        w.WriteString("purity_basis", r.PurityBasis.Name());

        w.WriteStartArray("streams");
        foreach (var s in r.Streams)
        {
            w.WriteStartObject();
            w.WriteString("name", s.Name);
            w.WriteString("phase", s.Phase);
            Number(w, "flow", s.Flow);
            ByElement(w, "concentrations", elements, s.Concentrations);
            ByElement(w, "purity", elements, s.Purity);
            ByElement(w, "recovery", elements, s.Recovery);
            w.WriteString("kind", KindName(s.Kind));
            w.WriteBoolean("is_product", s.IsProduct);
            w.WriteBoolean("is_inlet", s.IsInlet);
            Number(w, "acid", s.Acid);
            w.WriteStartObject("molar_flows");
            for (int i = 0; i < elements.Count; i++) Number(w, elements[i], s.MolarFlow(i));
            w.WriteEndObject();
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("stages");
        foreach (var st in r.Stages)
        {
            w.WriteStartObject();
            w.WriteString("cascade", st.Cascade);
            w.WriteNumber("stage", st.Stage);
            w.WriteString("section", SectionName(st.Section));
            ByElement(w, "aqueous", elements, st.Aqueous);
            ByElement(w, "organic", elements, st.Organic);
            Number(w, "ph", st.Ph);
            Number(w, "free_extractant", st.FreeExtractant);
            Number(w, "loading_fraction", st.LoadingFraction);
            Number(w, "aqueous_flow", st.AqueousFlow);
            Number(w, "organic_flow", st.OrganicFlow);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        var g = r.Reagents;
        w.WriteStartObject("reagents");
        Number(w, "acid_mol_per_h", g.AcidMolPerH);
        Number(w, "base_mol_per_h", g.BaseMolPerH);
        Number(w, "salt_mol_per_h", g.SaltMolPerH);
        Number(w, "acid_kg_per_h", g.AcidKgPerH);
        Number(w, "base_kg_per_h", g.BaseKgPerH);
        Number(w, "salt_kg_per_h", g.SaltKgPerH);
        Number(w, "acid_kg_per_kg_oxide", g.AcidKgPerKgOxide);
        Number(w, "base_kg_per_kg_oxide", g.BaseKgPerKgOxide);
        Number(w, "salt_kg_per_kg_oxide", g.SaltKgPerKgOxide);
        Number(w, "product_oxide_kg_per_h", g.ProductOxideKgPerH);
        w.WriteString("acid", g.AcidName);
        StringOrNull(w, "base", g.BaseName);
        StringOrNull(w, "salt", g.SaltName);
        Number(w, "organic_inventory_l", g.OrganicInventoryL);
        WriteReagentUses(w, g);
        w.WriteEndObject();

        w.WriteStartArray("specs");
        foreach (var sp in r.Specs)
        {
            w.WriteStartObject();
            w.WriteString("stream", sp.Stream);
            if (sp.Elements.Count == 1)
                w.WriteString("element", sp.Elements[0]);
            else
            {
                w.WriteStartArray("elements");
                foreach (var e in sp.Elements) w.WriteStringValue(e);
                w.WriteEndArray();
            }
            w.WriteString("kind", sp.Kind);
            Number(w, "target", sp.Target);
            Number(w, "value", sp.Value);
            w.WriteBoolean("met", sp.Met);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        WriteProvenance(w, r.Library);

        w.WriteStartArray("cascades");
        foreach (var c in r.Cascades)
        {
            w.WriteStartObject();
            w.WriteString("name", c.Name);
            w.WriteNumber("extraction_stages", c.ExtractionStages);
            w.WriteNumber("scrub_stages", c.ScrubStages);
            w.WriteNumber("strip_stages", c.StripStages);
            w.WriteNumber("feed_stage", c.FeedStage);
            Number(w, "organic_flow", c.OrganicFlow);
            Number(w, "organic_inventory_l", c.OrganicInventory);
            Number(w, "stage_residence_min", c.StageResidenceMinutes);
            if (c.Contactor is { } contactor) w.WriteString("contactor", contactor);
            else w.WriteNull("contactor");
            w.WriteString("model", c.Model);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteStartArray("solver");
        foreach (var rep in r.Reports)
        {
            w.WriteStartObject();
            w.WriteString("cascade", rep.Cascade);
            w.WriteString("method", rep.Method);
            w.WriteString("status", StatusName(rep.Status));
            w.WriteNumber("iterations", rep.Iterations);
            w.WriteStartArray("residual_history");
            foreach (var x in rep.ResidualHistory) NumberValue(w, x);
            w.WriteEndArray();
            StringOrNull(w, "message", rep.Message);
            w.WriteEndObject();
        }
        w.WriteEndArray();

        w.WriteEndObject();
    }

    /// <summary>
    /// The built-in library entries the flowsheet used (an extension of FORMAT.md's result): kind,
    /// name, where used, tag (and the label users read, "indicative (typical literature value, not
    /// measured)" for indicative entries), source, and the keys the file gave itself.
    /// </summary>
    /// <summary>
    /// "uses": one entry per chemical (kind, chemical, mol/h, kg/h, kg per kg oxide); several of a
    /// kind where cascades use different media or saponification agents. Shared with the design JSON.
    /// </summary>
    internal static void WriteReagentUses(Utf8JsonWriter w, ReagentSummary g)
    {
        w.WriteStartArray("uses");
        foreach (var u in g.Uses)
        {
            w.WriteStartObject();
            w.WriteString("kind", u.Kind);
            w.WriteString("chemical", u.Chemical);
            Number(w, "mol_per_h", u.MolPerH);
            Number(w, "kg_per_h", u.KgPerH);
            Number(w, "kg_per_kg_oxide", g.PerKgOxide(u));
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    internal static void WriteProvenance(Utf8JsonWriter w, IReadOnlyList<LibraryUse> uses)
    {
        w.WriteStartArray("provenance");
        foreach (var use in uses)
        {
            var p = use.Provenance;
            w.WriteStartObject();
            w.WriteString("kind", p.Kind);
            w.WriteString("name", p.Name);
            w.WriteStartArray("used_by");
            foreach (var u in use.UsedBy) w.WriteStringValue(u);
            w.WriteEndArray();
            w.WriteString("tag", Provenance.TagName(p.Tag));
            StringOrNull(w, "derived_from", p.DerivedFrom);
            w.WriteString("label", p.TagLabel);
            w.WriteString("source", p.Source);
            w.WriteStartArray("from_file");
            foreach (var k in p.Overridden) w.WriteStringValue(k);
            w.WriteEndArray();
            w.WriteEndObject();
        }
        w.WriteEndArray();
    }

    /// <summary>An object keyed by element symbol, in the order of <paramref name="elements"/>.</summary>
    private static void ByElement(Utf8JsonWriter w, string name, IReadOnlyList<string> elements, IReadOnlyList<double> values)
    {
        if (values.Count != elements.Count)
            throw new ArgumentException($"'{name}' has {values.Count} values for {elements.Count} elements", nameof(values));
        w.WriteStartObject(name);
        for (int i = 0; i < elements.Count; i++) Number(w, elements[i], values[i]);
        w.WriteEndObject();
    }
}
