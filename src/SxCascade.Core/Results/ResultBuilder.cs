using SxCascade.Chemistry;
using SxCascade.Flowsheets;

namespace SxCascade.Results;

/// <summary>Turns solved cascades into the result tables: streams, stages, closure, reagents, specs.</summary>
internal static class ResultBuilder
{
    /// <summary>The library entries of <paramref name="fs"/>: its chemistries in use (the top-level one first), then its feeds.</summary>
    internal static List<LibraryUse> LibraryUses(Flowsheet fs)
    {
        var uses = new List<(Provenance Provenance, List<string> UsedBy)>();
        void Add(Provenance? p, string usedBy)
        {
            if (p is null) return;
            var i = uses.FindIndex(u => ReferenceEquals(u.Provenance, p));
            if (i < 0) uses.Add((p, [usedBy]));
            else if (!uses[i].UsedBy.Contains(usedBy)) uses[i].UsedBy.Add(usedBy);
        }
        foreach (var c in fs.Cascades) Add(fs.ChemistryOf(c).Provenance, $"cascade {c.Name}");
        foreach (var f in fs.Feeds) Add(f.Provenance, $"feed {f.Name}");
        return uses.Select(u => new LibraryUse(u.Provenance, u.UsedBy)).ToList();
    }

    public static FlowsheetResult Build(Flowsheet fs, string[] elements, IReadOnlyList<SolvedCascade> solved,
        IReadOnlyList<SolveReport> reports, bool converged, int iterations, double milliseconds)
    {
        int ne = elements.Length;
        var inlets = Inlets(fs, elements, solved);
        var inflow = FlowsheetInflow(inlets, ne);
        var isRe = elements.Select(Elements.IsRareEarth).ToArray();
        var isSpecies = elements.Select(MassActionChemistry.IsSolvedSpecies).ToArray();
        var weights = fs.PurityBasis.Weights(elements);

        var streams = new List<StreamResult>();
        foreach (var inlet in inlets)
            streams.Add(Stream(inlet.Name, inlet.Kind, inlet.Phase, inlet.Flow, inlet.Conc, false) with
            {
                IsInlet = true,
                Acid = inlet.Acid,
                // a feed goes where the graph sends it; an organic, scrub or strip solution enters its own cascade
                To = inlet.Kind == StreamKind.Feed ? fs.Graph.Consumers(inlet.Name).Select(u => u.Name).ToArray() : [StreamRef.Parse(inlet.Name).Unit],
            });
        foreach (var sc in solved)
            foreach (var (name, kind, phase, flow, conc) in sc.Outlets())
            {
                bool recycled = kind == StreamKind.StrippedOrganic && sc.Layout.RecycledOrganic;
                if (!recycled && fs.Graph.IsSplit(name))
                {
                    // a splitter: one part per inlet that takes a share (NAME→CASCADE), the rest under the stream's own name
                    var takers = fs.Graph.Takers(name);
                    double taken = 0;
                    foreach (var (unit, link) in takers)
                    {
                        string part = PartName(name, unit, link, takers);
                        taken += link.Fraction;
                        streams.Add(Stream(part, kind, phase, flow * link.Fraction, conc, false) with { From = sc.Definition.Name, To = [unit.Name] });
                    }
                    double rest = 1 - taken <= 1e-12 ? 0 : 1 - taken;   // shares summing to 1 up to round-off leave nothing
                    streams.Add(Stream(name, kind, phase, flow * rest, conc, rest > 0) with { From = sc.Definition.Name, To = [] });
                    continue;
                }
                bool product = kind == StreamKind.StrippedOrganic ? !recycled : !fs.Graph.IsConsumed(name);
                streams.Add(Stream(name, kind, phase, flow, conc, product) with
                {
                    From = sc.Definition.Name,
                    To = recycled ? [sc.Definition.Name] : fs.Graph.Consumers(name).Select(u => u.Name).ToArray(),
                });
            }

        var balance = new double[ne];
        double maxBalance = 0;
        if (converged)
        {
            for (int e = 0; e < ne; e++)
            {
                balance[e] = elements[e] == MassActionChemistry.Proton
                    ? ProtonBalance(fs, solved, streams, elements, inflow[e])
                    : Closure(e);
                maxBalance = Math.Max(maxBalance, double.IsNaN(balance[e]) ? double.PositiveInfinity : Math.Abs(balance[e]));
            }
        }

        var stages = new List<StageResult>();
        var extractant = new List<ExtractantBalance>();
        double? extractantError = null;
        foreach (var sc in solved)
        {
            var p = sc.Layout;
            for (int j = 0; j < p.Stages; j++)
            {
                var chem = sc.Describe(j);
                var organic = sc.StageConcentrations(j, true);
                if (chem is not null && fs.ChemistryOf(p.Definition) is MassActionChemistry ma)
                {
                    double total = ma.Extractant.Concentration;
                    double Bound(double[] y)
                    {
                        double sum = 0;
                        for (int e = 0; e < ne; e++)
                            if (ma.Laws.TryGetValue(elements[e], out var law)) sum += law.Consumes * y[e];
                        return sum;
                    }
                    double bound = Bound(organic);
                    // e (the root of the stage's extractant balance) against E_total − Σ ν_i·y*_i of the
                    // organic in equilibrium with the stage's aqueous: the reported organic at η = 1,
                    // the equilibrium organic y* that a Murphree stage moves towards at η < 1
                    double equilibriumBound = p.Definition.Efficiency < 1 ? Bound(sc.EquilibriumOrganic(j)) : bound;
                    double error = Math.Abs(chem.FreeExtractant + equilibriumBound - total) / total;
                    extractant.Add(new ExtractantBalance(p.Definition.Name, j + 1, error));
                    extractantError = Math.Max(extractantError ?? 0, double.IsNaN(error) ? double.PositiveInfinity : error);
                    if (p.Definition.Efficiency < 1)
                        // a Murphree stage's organic is not at equilibrium: its free extractant is what the metals leave free
                        chem = chem with { FreeExtractant = total - bound, LoadingFraction = bound / total };
                }
                stages.Add(new StageResult(p.Definition.Name, j + 1, p.Sections[j], p.AqueousOut[j], p.OrganicFlow,
                    sc.StageConcentrations(j, false), organic, chem?.Ph, chem?.FreeExtractant, chem?.LoadingFraction));
            }
            if (fs.ChemistryOf(p.Definition) is MassActionChemistry) extractantError ??= 0;
        }

        var summaries = fs.Cascades.Select(c =>
        {
            var sc = solved.FirstOrDefault(s => s.Definition.Name == c.Name);
            return new CascadeSummary(c.Name, c.ExtractionStages, c.ScrubStages, c.StripStages, c.EffectiveFeedStage, sc?.Layout.OrganicFlow ?? c.Organic.Flow,
                Inventory(sc), fs.ChemistryOf(c).Model) { Contactor = c.Contactor?.Preset.Label, ContactorNote = ContactorNote(c), StageResidenceMinutes = ResidenceMinutes(sc) };
        }).ToArray();

        var reagents = Reagents(fs, solved, streams, elements, isRe);
        // the solver meeting its tolerance is not enough: the result must pass every check (ResultVerdict)
        var failed = converged ? ResultVerdict.Judge(fs, elements, inflow, balance, streams, stages, extractant) : [];
        converged &= failed.Count == 0;
        var specs = converged ? CheckSpecs(fs, streams, elements, inflow) : [];
        return new FlowsheetResult(fs.Name, converged, iterations, maxBalance, elements, balance, streams, stages, summaries,
            reagents, specs, reports, milliseconds)
        {
            FailedChecks = failed, ExtractantBalanceError = extractantError, Warnings = DistributionWarnings(fs, stages, elements), Inflows = inflow,
            Library = LibraryUses(fs), PurityBasis = fs.PurityBasis,
        };

        double Closure(int e)
        {
            double outflow = streams.Where(s => s.IsProduct && !double.IsNaN(s.Concentrations[e])).Sum(s => s.MolarFlow(e));
            // relative to the inflow, or to the solver's smallest residual scale below it (a subnormal feed)
            return inflow[e] > 0 ? (inflow[e] - outflow) / Math.Max(inflow[e], StageInflows.MinimumScale) : 0;
        }

        StreamResult Stream(string name, StreamKind kind, string phase, double flow, double[] conc, bool product)
        {
            double reTotal = 0;
            for (int e = 0; e < ne; e++) if (isRe[e]) reTotal += conc[e] * weights[e];
            var purity = new double[ne];
            var recovery = new double[ne];
            for (int e = 0; e < ne; e++)
            {
                purity[e] = !isRe[e] ? double.NaN : reTotal > 0 ? conc[e] * weights[e] / reTotal : 0;
                // the acid's species have no recovery: extraction releases H⁺, so the acidity out is not a share of the acid in
                recovery[e] = isSpecies[e] ? double.NaN : inflow[e] > 0 ? flow * conc[e] / inflow[e] : 0;
            }
            return new StreamResult(name, kind, phase, flow, conc, purity, recovery, product);
        }
    }

    /// <summary>Outside this range of D a correlation is almost surely extrapolated beyond its data.</summary>
    private const double MinPlausibleD = 1e-12, MaxPlausibleD = 1e12;

    /// <summary>
    /// For mass-action chemistry, names each element whose law gives D outside 1e-12…1e12 in some
    /// equilibrium stage, with the stages and pH where it does (one warning per element and cascade).
    /// </summary>
    private static List<string> DistributionWarnings(Flowsheet fs, List<StageResult> stages, string[] elements)
    {
        var warnings = new List<string>();
        foreach (var group in stages.GroupBy(s => s.Cascade))
        {
            var cascade = fs.Cascades.First(c => c.Name == group.Key);
            if (fs.ChemistryOf(cascade) is not MassActionChemistry ma || cascade.Efficiency < 1) continue;
            for (int e = 0; e < elements.Length; e++)
            {
                if (!ma.Laws.TryGetValue(elements[e], out var law) || law.Kind == DistributionLawKind.Constant) continue;
                var outside = group.Where(s => s.Aqueous[e] > 0 && s.Organic[e] / s.Aqueous[e] is var d && (d < MinPlausibleD || d > MaxPlausibleD)).ToList();
                if (outside.Count == 0) continue;
                double lo = outside.Min(s => s.Organic[e] / s.Aqueous[e]), hi = outside.Max(s => s.Organic[e] / s.Aqueous[e]);
                warnings.Add($"{elements[e]} in cascade {group.Key}: its {(law.Kind == DistributionLawKind.LogK ? "log-k law" : "log-d correlation")} gives D from {lo:G3} to {hi:G3} " +
                    $"in stage(s) {string.Join(", ", outside.Select(s => s.Stage))} (pH {outside.Min(s => s.Ph ?? double.NaN):F2}…{outside.Max(s => s.Ph ?? double.NaN):F2}), outside 1e-12…1e12: check the coefficients and the pH range they were fitted over");
            }
        }
        return warnings;
    }

    /// <summary>
    /// Proton balance (MODEL.md §3.3), relative: acid in (feeds, scrub, strip) + z·(metal taken into
    /// the organic) − base from saponification − acidity out with the aqueous products = 0.
    /// </summary>
    private static double ProtonBalance(Flowsheet fs, IReadOnlyList<SolvedCascade> solved, List<StreamResult> streams, string[] elements, double acidIn)
    {
        int h = Array.IndexOf(elements, MassActionChemistry.Proton);
        double released = 0, baseIn = 0, acidOut = 0, scale = Math.Abs(acidIn);
        foreach (var sc in solved)
        {
            var p = sc.Inflows;
            bool recycle = sc.Layout.RecycledOrganic;
            baseIn += p.Saponification;
            var yIn = recycle ? null : p.OrganicInlet;
            var organicOut = sc.Outlets().Where(o => o.Phase == "organic" && !(o.Kind == StreamKind.StrippedOrganic && recycle));
            for (int i = 0; i < sc.C; i++)
            {
                string el = p.Elements[i];
                if (p.Species.Contains(el)) continue;
                int z = fs.ChemistryOf(sc.Definition).ChargeOf(el);
                int e = p.FlowsheetIndex[i];
                double taken = organicOut.Sum(o => o.Flow * o.Conc[e]) - (yIn is null ? 0 : sc.Layout.OrganicFlow * yIn[i]);
                released += z * taken;
                scale += Math.Abs(z * taken);
            }
        }
        foreach (var s in streams.Where(s => s.IsProduct && s.Phase == "aqueous"))
            acidOut += s.MolarFlow(h);
        scale += baseIn + Math.Abs(acidOut);
        return scale > 0 ? (acidIn + released - baseIn - acidOut) / scale : 0;
    }

    /// <summary>
    /// The name of the share of a split stream that one inlet takes: NAME→CASCADE, with the inlet
    /// (→CASCADE.scrub, →CASCADE.organic, →CASCADE.feeds.K) when the cascade takes it at two inlets.
    /// </summary>
    public static string PartName(string stream, UnitNode unit, FeedLink link, IReadOnlyList<(UnitNode Unit, FeedLink Link)> takers)
    {
        if (takers.Count(t => ReferenceEquals(t.Unit, unit)) == 1) return $"{stream}→{unit.Name}";
        string inlet = link.Index == -1 ? "organic" : link.Index == -2 ? "scrub" : unit.Definition.FeedPath(link.Index);
        return $"{stream}→{unit.Name}.{inlet}";
    }

    /// <summary>One stream entering the flowsheet from outside; concentrations in flowsheet element order, NaN where the phase cannot carry the species.</summary>
    private readonly record struct Inlet(string Name, StreamKind Kind, string Phase, double Flow, double[] Conc, double? Acid);

    /// <summary>
    /// Every stream that enters the flowsheet from outside: the feeds, then per cascade its organic
    /// unless recycled (fresh or pre-loaded), its acid scrub solution (with any rare earths it
    /// carries) and its strip solution. The solved species of mass action are the acid's: H⁺ (total
    /// acidity) and, in sulfate media, H₂SO₄'s sulfate (half the H⁺).
    /// </summary>
    private static List<Inlet> Inlets(Flowsheet fs, string[] elements, IReadOnlyList<SolvedCascade> solved)
    {
        var inlets = new List<Inlet>();
        foreach (var f in fs.Feeds)
            inlets.Add(new Inlet(f.Name, StreamKind.Feed, "aqueous", f.Flow, elements.Select(f.Content).ToArray(), f.Acid));
        foreach (var c in fs.Cascades)
        {
            var species = fs.ChemistryOf(c).SolvedSpecies;
            double[] Aqueous(IReadOnlyDictionary<string, double>? composition, double acid) => elements.Select(el =>
                !species.Contains(el) ? composition?.GetValueOrDefault(el) ?? 0
                : el == MassActionChemistry.Proton ? acid : 0.5 * acid).ToArray();
            // a linked organic (organic.from) is internal; its fresh make-up, if any, follows from the solved layout
            IEnumerable<StageInlet> makeUp = c.Organic.From is null ? [] : solved.FirstOrDefault(x => ReferenceEquals(x.Definition, c))?.Layout.Inlets.Where(s => s.Kind == InletKind.OrganicMakeUp) ?? [];
            foreach (var s in makeUp.Concat(StageLayout.SolutionInlets(c)))
                inlets.Add(s.Kind is InletKind.OrganicInlet or InletKind.OrganicMakeUp
                    ? new Inlet(s.Name, StreamKind.OrganicInlet, "organic", s.Flow,
                        elements.Select(el => species.Contains(el) ? double.NaN : s.Composition?.GetValueOrDefault(el) ?? 0).ToArray(), null)
                    : new Inlet(s.Name, s.Kind == InletKind.ScrubSolution ? StreamKind.ScrubSolution : StreamKind.StripSolution, "aqueous",
                        s.Flow, Aqueous(s.Composition, s.Acid), s.Acid));
        }
        return inlets;
    }

    /// <summary>External inflow per element, mol/h: the sum over <paramref name="inlets"/> of flow × concentration.</summary>
    private static double[] FlowsheetInflow(List<Inlet> inlets, int elementCount)
    {
        var inflow = new double[elementCount];
        foreach (var inlet in inlets)
            for (int e = 0; e < elementCount; e++)
                if (!double.IsNaN(inlet.Conc[e])) inflow[e] += inlet.Flow * inlet.Conc[e];
        return inflow;
    }

    /// <summary>
    /// Organic held in the stages, L: V·O/(O + A_j) summed over stages with a fixed stage volume V,
    /// or τ·O per stage with a contactor's hold-up time τ (each phase held in proportion to its flow).
    /// </summary>
    private static double? Inventory(SolvedCascade? sc)
    {
        if (sc is null) return null;
        var p = sc.Layout;
        if (sc.Definition.StageVolume is { } v)
        {
            double total = 0;
            for (int j = 0; j < p.Stages; j++) total += v * p.OrganicFlow / (p.OrganicFlow + p.AqueousOut[j]);
            return total;
        }
        return sc.Definition.Contactor is { } c ? p.Stages * c.ResidenceMinutes / 60.0 * p.OrganicFlow : null;
    }

    /// <summary>The contactor's values and which of them are the preset's (tagged) rather than the file's.</summary>
    private static string? ContactorNote(CascadeDefinition c)
    {
        if (c.Contactor is not { } k) return null;
        var p = k.Preset;
        var parts = new List<string>();
        bool presetEfficiency = c.Efficiency == p.Efficiency;
        parts.Add($"efficiency {c.Efficiency:0.###}" + (presetEfficiency ? " preset" : " from the file"));
        if (c.StageVolume is { } v) parts.Add($"stage volume {v:G4} L from the file");
        else if (p.HetsMetres is { } h)
            parts.Add($"HETS {k.Hets ?? h:G3} m{(k.Hets is null ? " preset" : "")}, throughput {k.Throughput ?? p.ThroughputMetresPerHour:G3} m/h{(k.Throughput is null ? " preset" : "")}");
        else parts.Add($"hold-up {k.ResidenceMinutes:G3} min per stage{(k.ResidenceTime is null ? " preset" : "")}");
        bool anyPreset = presetEfficiency || (c.StageVolume is null && (k.ResidenceTime is null && k.Hets is null || k.Throughput is null && p.HetsMetres is not null));
        return string.Join(", ", parts) + (anyPreset ? $"; preset values are {p.Tag}: typical textbook ranges, not measured" : "");
    }

    /// <summary>Mean hold-up time per stage, min: V/(O + A_j) averaged over stages, or the contactor's τ; null when neither is given.</summary>
    private static double? ResidenceMinutes(SolvedCascade? sc)
    {
        if (sc is null) return null;
        var p = sc.Layout;
        if (sc.Definition.StageVolume is { } v)
        {
            double sum = 0;
            for (int j = 0; j < p.Stages; j++) sum += 60.0 * v / (p.OrganicFlow + p.AqueousOut[j]);
            return sum / p.Stages;
        }
        return sc.Definition.Contactor?.ResidenceMinutes;
    }

    /// <summary>
    /// Acid bought (scrub and strip acid; HCl, or H₂SO₄ at two H⁺ per formula in sulfate media),
    /// base from saponification (mass-action: s·E·O, the base its proton balance neutralises;
    /// otherwise 3 per RE³⁺ the organic takes up, Xu) and the effluent salt of the base, each
    /// cascade with its own chemistry's medium and agent. Cascades that use different chemicals
    /// give one use per chemical; the totals add their masses and moles and name them all.
    /// </summary>
    private static ReagentSummary Reagents(Flowsheet fs, IReadOnlyList<SolvedCascade> solved, List<StreamResult> streams,
        string[] elements, bool[] isRe)
    {
        var uses = new List<ReagentUse>();
        var perCascade = new List<CascadeReagents>();
        List<ReagentUse> own = [];
        void Add(string kind, string chemical, double mol, double kg)
        {
            foreach (var list in new[] { uses, own })
            {
                int k = list.FindIndex(u => u.Kind == kind && u.Chemical == chemical);
                if (k < 0) list.Add(new ReagentUse(kind, chemical, mol, kg));
                else list[k] = list[k] with { MolPerH = list[k].MolPerH + mol, KgPerH = list[k].KgPerH + kg };
            }
        }
        bool anySulfate = false;
        foreach (var sc in solved)
        {
            own = [];
            perCascade.Add(new CascadeReagents(sc.Definition.Name, own));
            var c = sc.Definition;
            var chemistry = fs.ChemistryOf(c);
            bool sulfate = chemistry is MassActionChemistry { Medium: Medium.Sulfate };
            anySulfate |= sulfate;
            double protons = 0;
            foreach (var s in sc.Layout.Inlets)
                if (s.Kind is InletKind.ScrubSolution or InletKind.StripSolution) protons += s.Flow * s.Acid;
            if (protons > 0)
            {
                double acidMol = sulfate ? protons / 2 : protons;
                Add(ReagentUse.Acid, sulfate ? "H2SO4" : "HCl", acidMol,
                    acidMol * (sulfate ? Acids.SulfuricAcidMolarMass : Acids.HydrochloricAcidMolarMass) / 1000.0);
            }
            var agent = SaponificationAgent.Find(chemistry.SaponificationAgent);
            if (agent is null) continue;
            double baseMol = BaseEquivalents(sc, chemistry, elements, isRe) / agent.Equivalents;
            Add(ReagentUse.Base, agent.Name, baseMol, baseMol * agent.MolarMass / 1000.0);
            Add(ReagentUse.Salt, sulfate ? agent.SulfateSalt : agent.Salt,
                sulfate && agent.Equivalents == 1 ? baseMol / 2 : baseMol,
                baseMol * (sulfate ? agent.SulfateSaltMassPerAgent : agent.SaltMolarMass) / 1000.0);
        }
        double oxide = 0;
        foreach (var s in streams.Where(s => s.IsProduct))
            for (int e = 0; e < elements.Length; e++)
                if (isRe[e]) oxide += s.MolarFlow(e) * Elements.OxideMass(elements[e]) / 1000.0;
        double? inventory = null;
        foreach (var sc in solved)
            if (Inventory(sc) is { } v) inventory = (inventory ?? 0) + v;
        string? Names(string kind) => uses.Any(u => u.Kind == kind) ? string.Join(" + ", uses.Where(u => u.Kind == kind).Select(u => u.Chemical)) : null;
        double Sum(string kind, Func<ReagentUse, double> f) => uses.Where(u => u.Kind == kind).Sum(f);
        return new ReagentSummary(Names(ReagentUse.Acid) ?? (anySulfate ? "H2SO4" : "HCl"), Names(ReagentUse.Base), Names(ReagentUse.Salt),
            Sum(ReagentUse.Acid, u => u.MolPerH), Sum(ReagentUse.Base, u => u.MolPerH), Sum(ReagentUse.Salt, u => u.MolPerH),
            Sum(ReagentUse.Acid, u => u.KgPerH), Sum(ReagentUse.Base, u => u.KgPerH), Sum(ReagentUse.Salt, u => u.KgPerH),
            oxide, inventory)
        { Uses = uses, Cascades = perCascade };
    }

    /// <summary>
    /// Base equivalents (mol OH⁻/h) a cascade's saponification supplies: mass action s·E·O (its
    /// proton balance neutralises them), otherwise 3 per RE³⁺ the organic takes up in the
    /// extraction section (Xu).
    /// </summary>
    private static double BaseEquivalents(SolvedCascade sc, ChemistryDefinition chemistry, string[] elements, bool[] isRe)
    {
        var c = sc.Definition;
        var p = sc.Layout;
        if (chemistry is MassActionChemistry) return sc.Inflows.Saponification;
        double pickedUp = 0;
        var yTop = sc.StageConcentrations(c.ExtractionStages - 1, true);
        for (int e = 0; e < elements.Length; e++)
            if (isRe[e]) pickedUp += yTop[e];
        var yIn = p.RecycledOrganic ? sc.StageConcentrations(p.Stages - 1, true) : elements.Select(el => c.Organic.Composition?.GetValueOrDefault(el) ?? 0).ToArray();
        if (c.Organic.From is not null)
        {
            // the linked organic as it enters stage 1 (its metal came loaded; only what is taken up beyond it needs base)
            Array.Clear(yIn);
            for (int i = 0; i < sc.C; i++) yIn[sc.Inflows.FlowsheetIndex[i]] = sc.Inflows.OrganicInlet[i];
        }
        if (p.RecycledOrganic && p.RecycleFraction < 1)
            // the organic entering stage 1 is r of the stripped organic and fresh make-up
            for (int e = 0; e < yIn.Length; e++) yIn[e] *= p.RecycleFraction;
        for (int e = 0; e < elements.Length; e++)
            if (isRe[e]) pickedUp -= yIn[e];
        return 3 * p.OrganicFlow * Math.Max(pickedUp, 0);
    }

    private static List<SpecResult> CheckSpecs(Flowsheet fs, List<StreamResult> streams, string[] elements, double[] inflow)
    {
        var results = new List<SpecResult>();
        foreach (var spec in fs.Specs)
        {
            var s = streams.FirstOrDefault(x => x.Name == spec.Stream);
            if (s is null) continue;
            var idx = spec.Elements.Select(e => Array.IndexOf(elements, e)).Where(i => i >= 0).ToArray();
            if (spec.Purity is { } target)
            {
                double value = s.GroupPurity(elements, idx, fs.PurityBasis);
                if (double.IsNaN(value)) value = 0;   // no rare earth in the stream: nothing of the group either
                results.Add(new SpecResult(spec.Stream, spec.Elements, "purity", target, value, value >= target));
            }
            if (spec.Recovery is { } rTarget)
            {
                double groupIn = idx.Sum(i => inflow[i]), groupOut = idx.Sum(i => s.MolarFlow(i));
                double value = groupIn > 0 ? groupOut / groupIn : 0;
                results.Add(new SpecResult(spec.Stream, spec.Elements, "recovery", rTarget, value, value >= rTarget));
            }
        }
        return results;
    }
}
