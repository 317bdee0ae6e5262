using SxCascade.Flowsheets;
using SxCascade.Results;
using static SxCascade.Cli.NumberFormat;

namespace SxCascade.Cli;

/// <summary>
/// The human-readable result of <c>run</c>: cascades, streams, specs, reagents and the solver,
/// as aligned plain-text tables with the unit of every number.
/// </summary>
internal static class SummaryReport
{
    /// <summary>Writes the summary of <paramref name="result"/>, solved from <paramref name="file"/>.</summary>
    /// <param name="result">A converged result.</param>
    /// <param name="file">The flowsheet file as given on the command line.</param>
    /// <param name="w">Where to write.</param>
    /// <param name="totalMilliseconds">Gives the wall time since the command started, read last.</param>
    public static void Write(FlowsheetResult result, string file, TextWriter w, Func<double> totalMilliseconds)
    {
        w.WriteLine($"{result.Name}  ({file})");
        w.WriteLine();
        WriteLibrary(result, w);
        WriteCascades(result, w);
        WriteStreams(result, w);
        WriteSpecs(result, w);
        WriteProducts(result, w);
        WriteReagents(result, w);
        WriteSolver(result, w, totalMilliseconds);
    }

    /// <summary>The built-in systems and feeds used, each with its tag (indicative ones labelled as such) and source.</summary>
    private static void WriteLibrary(FlowsheetResult result, TextWriter w)
    {
        if (result.Library.Count == 0) return;
        w.WriteLine("Built-in library values used (docs/library.md)");
        foreach (var use in result.Library)
        {
            var p = use.Provenance;
            w.WriteLine($"  {p.Kind} {p.Name} ({string.Join(", ", use.UsedBy)}): {p.TagLabel}");
            w.WriteLine($"    source: {p.Source}");
            if (p.Overridden.Count > 0)
                w.WriteLine($"    from the file instead: {string.Join(", ", p.Overridden)}");
        }
        w.WriteLine();
    }

    private static void WriteCascades(FlowsheetResult result, TextWriter w)
    {
        foreach (var c in result.Cascades)
        {
            w.WriteLine($"Cascade {c.Name} ({c.Model} chemistry)");
            w.WriteLine($"  stages n/m/k:      {c.ExtractionStages}/{c.ScrubStages}/{c.StripStages} "
                + $"(extraction/scrub/strip), {c.TotalStages} in all");
            w.WriteLine($"  feed stage:        {c.FeedStage}");
            w.WriteLine($"  organic flow:      {Value(c.OrganicFlow)} L/h");
            if (c.Contactor is { } contactor)
                w.WriteLine($"  contactor:         {contactor}" + (c.ContactorNote is { } note ? $" ({note})" : ""));
            if (c.StageResidenceMinutes is { } tau)
                w.WriteLine($"  hold-up per stage: {Value(tau)} min of the total flow, {Value(tau * c.TotalStages)} min in all");
            if (c.OrganicInventory is { } inventory)
                w.WriteLine($"  organic inventory: {Value(inventory)} L");
            WriteStageChemistry(result, c.Name, w);
            w.WriteLine();
        }
    }

    /// <summary>
    /// pH, free extractant and loading at the two ends of each section, where the chemistry computes
    /// them (mass action): the first and last stage of the section, in stage order.
    /// </summary>
    private static void WriteStageChemistry(FlowsheetResult result, string cascade, TextWriter w)
    {
        var stages = result.Stages.Where(s => s.Cascade == cascade && s.Ph is not null).ToList();
        if (stages.Count == 0) return;
        var table = new TextTable("section", ">stages", ">pH", ">free extractant [mol/L]", ">loading [%]");
        foreach (var section in stages.GroupBy(s => s.Section))
        {
            var first = section.First();
            var last = section.Last();
            string Ends(Func<StageResult, double?> f, Func<double, string> format) =>
                ReferenceEquals(first, last) ? format(f(first) ?? double.NaN) : $"{format(f(first) ?? double.NaN)} → {format(f(last) ?? double.NaN)}";
            table.Add(section.Key.Name(),
                ReferenceEquals(first, last) ? $"{first.Stage}" : $"{first.Stage} → {last.Stage}",
                Ends(s => s.Ph, v => double.IsFinite(v) ? v.ToString("F2", System.Globalization.CultureInfo.InvariantCulture) : "-"),
                Ends(s => s.FreeExtractant, Value),
                Ends(s => s.LoadingFraction, Percent));
        }
        w.WriteLine("  stage chemistry (first → last stage of each section):");
        table.Write(w, "    ");
    }


    private static void WriteStreams(FlowsheetResult result, TextWriter w)
    {
        w.WriteLine("Streams (* = product: leaves the flowsheet)");
        var table = new TextTable("  stream", "phase", ">flow [L/h]", "element", ">c [mol/L]", ">purity [%]", ">recovery [%]");
        // an inlet that brings no element (a fresh organic; an acid solution where the acid is not
        // solved for) is left out here; summary.json lists every inlet
        foreach (var s in result.Streams.Where(s => !s.IsInlet || s.Concentrations.Any(c => c > 0)))
        {
            // an organic carries no acidity or sulfate: their rows are left out there
            var rows = Enumerable.Range(0, result.Elements.Count)
                .Where(e => s.Phase != "organic" || !MassActionChemistry.IsSolvedSpecies(result.Elements[e])).ToList();
            foreach (int e in rows)
            {
                bool first = e == rows[0];
                table.Add(
                    first ? (s.IsProduct ? "* " : "  ") + s.Name : "",
                    first ? s.Phase : "",
                    first ? Value(s.Flow) : "",
                    MassActionChemistry.ResultName(result.Elements[e]),
                    Value(s.Concentrations[e]),
                    Percent(s.Purity[e]),
                    Percent(s.Recovery[e]));
            }
        }
        table.Write(w);
        w.WriteLine(result.PurityBasis == PurityBasis.OxideMass
            ? "  purity: oxide mass fraction among rare-earth oxides (purity-basis: oxide-mass); recovery: fraction of the element's inflow to the flowsheet"
            : "  purity: mole fraction among rare earths; recovery: fraction of the element's inflow to the flowsheet");
        if (result.Elements.Contains(MassActionChemistry.Proton))
            w.WriteLine($"  {MassActionChemistry.TotalAcidity}: total acidity [H+] + [HSO4-] - Kw/[H+], mol/L of H+ equivalents (the flowsheet's H+ is free H+); no recovery: extraction releases H+");
        if (result.Elements.Contains(MassActionChemistry.Sulfate))
            w.WriteLine($"  {MassActionChemistry.TotalSulfate}: total sulfate [HSO4-] + [SO4--], mol/L");
        w.WriteLine();
    }

    private static void WriteSpecs(FlowsheetResult result, TextWriter w)
    {
        if (result.Specs.Count == 0)
        {
            w.WriteLine("Specs: none in the file");
            w.WriteLine();
            return;
        }
        w.WriteLine("Specs");
        var table = new TextTable("stream", "element", "kind", ">target [%]", ">value [%]", "result");
        foreach (var sp in result.Specs)
            table.Add(sp.Stream, string.Join("+", sp.Elements), sp.Kind, Percent(sp.Target), Percent(sp.Value), sp.Met ? "met" : "NOT MET");
        table.Write(w);
        int unmet = result.Specs.Count(s => !s.Met);
        if (unmet > 0)
            w.WriteLine($"  {unmet} of {result.Specs.Count} specs NOT MET (not fatal; --require-specs turns this into exit code 4)");
        w.WriteLine();
    }

    /// <summary>Acid, base, effluent salt and product oxide in kg/h and kg per kg REO (shared with the design report).</summary>
    internal static TextTable ReagentTable(ReagentSummary g)
    {
        var table = new TextTable("reagent", ">[kg/h]", ">[kg/kg REO]");
        // one row per chemical where cascades use several of a kind, then their total
        void Rows(string kind, string label, string? names, double kg, double perOxide)
        {
            var uses = g.Uses.Where(u => u.Kind == kind).ToList();
            if (uses.Count > 1)
            {
                foreach (var u in uses) table.Add(label.Replace("{0}", u.Chemical), Value(u.KgPerH), Value(g.PerKgOxide(u)));
                table.Add($"{kind} total", Value(kg), Value(perOxide));
            }
            else table.Add(label.Replace("{0}", names ?? "none"), Value(kg), Value(perOxide));
        }
        Rows(ReagentUse.Acid, "acid ({0}, 100 %)", g.AcidName, g.AcidKgPerH, g.AcidKgPerKgOxide);
        if (g.BaseName is not null)
            Rows(ReagentUse.Base, "base ({0}, saponification)", g.BaseName, g.BaseKgPerH, g.BaseKgPerKgOxide);
        else
            table.Add("base (no saponification agent)", "0", "0");
        Rows(ReagentUse.Salt, "salt in effluent ({0})", g.SaltName, g.SaltKgPerH, g.SaltKgPerKgOxide);
        table.Add("product oxide (REO)", Value(g.ProductOxideKgPerH), "");
        return table;
    }

    /// <summary>A network's products: each product stream with its main rare earth, purity and recovery.</summary>
    private static void WriteProducts(FlowsheetResult result, TextWriter w)
    {
        if (result.Cascades.Count < 2) return;
        var products = result.Products();
        if (products.Count == 0) return;
        w.WriteLine("Products of the network (recovery: of the element's inflow to the flowsheet)");
        var table = new TextTable("stream", "element", ">purity [%]", ">recovery [%]", ">flow [L/h]", ">oxide [kg/h]");
        foreach (var p in products)
            table.Add(p.Stream, p.Element, Percent(p.Purity), Percent(p.Recovery), Value(p.Flow), Value(p.OxideKgPerH));
        table.Write(w);
        w.WriteLine();
    }

    private static void WriteReagents(FlowsheetResult result, TextWriter w)
    {
        var g = result.Reagents;
        w.WriteLine("Reagents (stoichiometry: docs/model.md §4)");
        ReagentTable(g).Write(w);
        if (g.Cascades.Count >= 2)
        {
            // where the network takes its reagents: base only where fresh organic is saponified, acid where acid enters
            double acid = g.AcidKgPerH, @base = g.BaseKgPerH;
            var table = new TextTable("cascade", ">acid [kg/h]", ">[% of acid]", ">base [kg/h]", ">[% of base]", ">salt [kg/h]");
            foreach (var c in g.Cascades)
            {
                double a = c.KgPerH(ReagentUse.Acid), b = c.KgPerH(ReagentUse.Base);
                table.Add(c.Cascade, Value(a), acid > 0 ? Percent(a / acid) : "", Value(b), @base > 0 ? Percent(b / @base) : "", Value(c.KgPerH(ReagentUse.Salt)));
            }
            w.WriteLine("  per cascade:");
            table.Write(w);
        }
        w.WriteLine(g.OrganicInventoryL is { } inventory
            ? $"  organic inventory: {Value(inventory)} L"
            : "  organic inventory: unknown (give stage-volume or contactor in the cascade to compute it)");
        w.WriteLine();
    }

    private static void WriteSolver(FlowsheetResult result, TextWriter w, Func<double> totalMilliseconds)
    {
        var perElement = result.Elements.Select((e, i) => $"{(e == MassActionChemistry.Proton ? "protons" : MassActionChemistry.ResultName(e))} {Small(Math.Abs(result.BalanceErrors[i]))}");
        w.WriteLine($"Solver: {MethodText(result)}, {Diagnostics.Plural(result.Iterations, "iteration")}, converged");
        w.WriteLine($"  balance closure {Small(result.MaxBalanceError)} (|in - out|/in: {string.Join(", ", perElement)})");
        foreach (var t in result.Tears)
            w.WriteLine($"  tear {t.Stream}: {t.Method}, converged in {Diagnostics.Passes(t.Iterations)} round its cycle (last change {Small(t.ChangeHistory[^1])})");
        w.WriteLine($"  solve {Milliseconds(result.SolveMilliseconds)}, total {Milliseconds(totalMilliseconds())} wall");
    }

    /// <summary>"newton"; "substitution (after newton: diverged on PrNd)" when the fallback was used.</summary>
    internal static string MethodText(FlowsheetResult result)
    {
        var parts = new List<string>();
        foreach (var group in result.Reports.GroupBy(r => r.Cascade, StringComparer.Ordinal))
        {
            var reports = group.ToList();
            var last = reports[^1];
            string text = reports.Count == 1
                ? last.Method
                : $"{last.Method} (after {string.Join(", ", reports.Take(reports.Count - 1).Select(r => $"{r.Method}: {Diagnostics.StatusName(r.Status)}"))} on {group.Key})";
            if (!parts.Contains(text)) parts.Add(text);
        }
        return parts.Count == 0 ? "none" : string.Join("; ", parts);
    }
}
