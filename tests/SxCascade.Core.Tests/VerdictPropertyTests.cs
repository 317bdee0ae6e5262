using System.Diagnostics;
using SxCascade.Flowsheets;
using SxCascade.Results;
using SxCascade.Solvers;
using Xunit.Abstractions;

namespace SxCascade.Core.Tests;

/// <summary>
/// Issue 10 acceptance: random flowsheets of every chemistry (constant-d, separation-factor,
/// mass-action chloride and sulfate), sections of 1–30 stages, flows and concentrations over
/// decades with edge values, Murphree efficiencies, recycled and pre-loaded organic, and linked
/// cascades (one fed by another's aqueous outlet), solved in process. Each is refused by the
/// validator with a reason, or converged with every balance ≤ 1e-9 and every value finite and
/// bounded (audited here from the streams and stages, not taken from the verdict), or not
/// converged with a named reason; none hangs (a guard of 60 s of wall time per case: the slowest
/// case takes about 1 s on a quiet machine and up to 18 s at a load of 20 on 2 cores, so the guard
/// catches a hang, not a slowdown; speed is the benchmarks' business).
/// </summary>
public class VerdictPropertyTests(ITestOutputHelper output)
{
    private const int Required = 1000;
    private const double CaseLimitSeconds = 60;
    private static readonly string[] RareEarths = ["La", "Ce", "Pr", "Nd", "Sm", "Gd", "Dy", "Y"];

    private enum Kind { ConstantD, SeparationFactor, Chloride, Sulfate }

    private static double LogUniform(Random rnd, double lo, double hi) => Math.Exp(Math.Log(lo) + (Math.Log(hi) - Math.Log(lo)) * rnd.NextDouble());

    /// <summary>Mostly 1–6 stages, one section in ten up to 30 (the runtime stays small).</summary>
    private static int Stages(Random rnd, int min) => rnd.NextDouble() < 0.1 ? rnd.Next(Math.Max(min, 1), 31) : rnd.Next(min, 7);

    /// <summary>A concentration over twelve decades, with edge values: 0, 1e-12, 20 mol/L shared.</summary>
    private static double Concentration(Random rnd, int count) => rnd.NextDouble() switch
    {
        < 0.05 => 0,
        < 0.12 => 1e-12,
        < 0.15 => 20.0 / count,   // the whole solution at the 20 mol/L limit
        _ => LogUniform(rnd, 1e-6, 1.5),
    };

    private static Dictionary<string, double> Composition(Random rnd, string[] elements)
    {
        var c = elements.ToDictionary(e => e, _ => Concentration(rnd, elements.Length), StringComparer.Ordinal);
        if (c.Values.All(v => v == 0)) c[elements[0]] = 0.1;
        return c;
    }

    private static ChemistryDefinition Chemistry(Random rnd, Kind kind, string[] elements, bool strip, bool scrub)
    {
        switch (kind)
        {
            case Kind.ConstantD:
            {
                var d = elements.ToDictionary(e => e, _ => LogUniform(rnd, 1e-3, 1e3));
                var per = new Dictionary<SectionKind, IReadOnlyDictionary<string, double>>();
                if (scrub) per[SectionKind.Scrub] = elements.ToDictionary(e => e, _ => LogUniform(rnd, 1e-2, 1e2));
                if (strip) per[SectionKind.Strip] = elements.ToDictionary(e => e, _ => LogUniform(rnd, 1e-4, 1));
                return new ConstantDChemistry(d, per);
            }
            case Kind.SeparationFactor:
                return new SeparationFactorChemistry(null, elements.ToDictionary(e => e, _ => LogUniform(rnd, 1, 1e4)), LogUniform(rnd, 0.02, 0.5),
                    elements.ToDictionary(e => e, _ => LogUniform(rnd, 1e-4, 0.2)));
            default:
            {
                var laws = new Dictionary<string, DistributionLaw>(StringComparer.Ordinal);
                foreach (var e in elements)
                    laws[e] = rnd.NextDouble() switch
                    {
                        < 0.7 => new DistributionLaw(DistributionLawKind.LogK, -3 + 4 * rnd.NextDouble(), rnd.Next(2, 4), 0, 0, 0, 0, false, 3, 3),
                        < 0.9 => new DistributionLaw(DistributionLawKind.LogD, -1 + 2 * rnd.NextDouble(), 0, 0, 0.5 + rnd.NextDouble(), 1 + 2 * rnd.NextDouble(), 0, false, 3, 3),
                        // a constant D ignores the free extractant: the verdict must catch any overloading
                        _ => new DistributionLaw(DistributionLawKind.Constant, 0, 0, LogUniform(rnd, 1e-2, 1e2), 0, 0, 0, false, 3, 3),
                    };
                double s = rnd.NextDouble() < 0.5 ? 0 : 0.5 * rnd.NextDouble();
                return new MassActionChemistry(kind == Kind.Sulfate ? Medium.Sulfate : Medium.Chloride, 1.99,
                    new Extractant("D2EHPA", LogUniform(rnd, 0.05, 1.5), 322.43, 975.8, s, s > 0 ? "NaOH" : null), laws);
            }
        }
    }

    private static CascadeDefinition Cascade(Random rnd, string name, string from, Kind kind, string[] elements, double feedFlow, double feedTotal,
        ChemistryDefinition chemistry, bool own)
    {
        int n = Stages(rnd, 1), m = rnd.NextDouble() < 0.5 ? Stages(rnd, 1) : 0, k = rnd.NextDouble() < 0.5 ? Stages(rnd, 1) : 0;
        bool massAction = kind is Kind.Chloride or Kind.Sulfate;
        double organic;
        if (kind == Kind.SeparationFactor)
        {
            // the saturated model needs an organic that cannot take all the feed (model.md §3.2)
            double l = ((SeparationFactorChemistry)chemistry).Loading;
            organic = Math.Max(feedTotal * feedFlow * (0.1 + 0.8 * rnd.NextDouble()) / l, 1e-6);
        }
        else organic = feedFlow * LogUniform(rnd, 0.05, 20);
        StripDefinition? strip = k > 0 ? new StripDefinition(k, Math.Max(organic * LogUniform(rnd, 0.05, 2), 1e-6), massAction ? LogUniform(rnd, 0.5, 6) : 3) : null;
        ScrubDefinition? scrub = null;
        if (m > 0)
        {
            if (strip is not null && rnd.NextDouble() < 0.3) scrub = new ScrubDefinition(m, 0, 0, 0.05 + 0.9 * rnd.NextDouble());
            else
            {
                double flow = feedFlow * LogUniform(rnd, 0.05, 5);
                double acid = kind == Kind.SeparationFactor
                    ? 3 * ((SeparationFactorChemistry)chemistry).Loading * organic * 0.6 * rnd.NextDouble() / flow   // H/3 below L·O
                    : LogUniform(rnd, 1e-3, 5);
                scrub = new ScrubDefinition(m, flow, Math.Min(acid, 20));
            }
        }
        // organic inlet: fresh, recycled (with a strip section) or pre-loaded with a little of the metals
        Dictionary<string, double>? preload = null;
        double u = rnd.NextDouble();
        if (strip is not null && u < 0.4) preload = null;   // recycled
        else if (u < 0.7) preload = new Dictionary<string, double>(StringComparer.Ordinal);   // fresh
        else
        {
            double capacity = chemistry switch
            {
                SeparationFactorChemistry sf => sf.Loading,
                MassActionChemistry ma => ma.Extractant.Concentration / 3,
                _ => 1,
            };
            preload = elements.ToDictionary(e => e, _ => capacity * 0.3 * rnd.NextDouble() / elements.Length, StringComparer.Ordinal);
        }
        int? feedStage = scrub is not null && rnd.NextDouble() < 0.3 ? rnd.Next(1, n + 1) : null;
        double efficiency = rnd.NextDouble() < 0.3 ? 0.3 + 0.7 * rnd.NextDouble() : 1.0;
        return new CascadeDefinition(name, from, feedStage, n, scrub, strip, new OrganicDefinition(organic, preload), efficiency,
            Chemistry: own ? chemistry : null);
    }

    public static Flowsheet RandomFlowsheet(Random rnd)
    {
        var kind = (Kind)rnd.Next(4);
        var elements = RareEarths.OrderBy(_ => rnd.Next()).Take(rnd.Next(1, 5)).ToArray();
        var conc = Composition(rnd, elements);
        double acid = kind is Kind.Chloride or Kind.Sulfate ? rnd.NextDouble() switch { < 0.05 => 0, < 0.1 => 1e-12, _ => LogUniform(rnd, 1e-4, 2) } : 0;
        if (kind == Kind.Sulfate) conc["SO4--"] = 1.5 * conc.Values.Sum() + acid / 2 + LogUniform(rnd, 1e-3, 1);
        // keep the solution within 20 mol/L in all: some edge values make it just that
        double total = conc.Values.Sum() + acid;
        if (total > 20) foreach (var e in conc.Keys.ToList()) conc[e] *= 20 / total * (1 - 1e-12);
        double feedFlow = rnd.NextDouble() < 0.05 ? 1e-3 : rnd.NextDouble() < 0.05 ? 1e6 : LogUniform(rnd, 0.1, 1e3);
        var feed = new FeedStream("feed", feedFlow, conc, acid);
        double metals = elements.Sum(e => conc[e]);
        var chem = Chemistry(rnd, kind, elements, strip: true, scrub: true);
        var first = Cascade(rnd, "A", "feed", kind, elements, feedFlow, metals, chem, own: false);
        var cascades = new List<CascadeDefinition> { first };
        if (rnd.NextDouble() < 0.3)
        {
            // a linked cascade on one of A's aqueous outlets, with its own chemistry of the same kind
            string outlet = first.Strip is not null && rnd.NextDouble() < 0.5 ? "A.strip-liquor" : "A.raffinate";
            var chem2 = Chemistry(rnd, kind, elements, strip: true, scrub: true);
            double flow2 = outlet == "A.raffinate" ? feedFlow + CascadeProblem.ScrubSolutionFlow(first) : first.Strip!.Flow;
            cascades.Add(Cascade(rnd, "B", outlet, kind, elements, flow2, metals * 0.5, chem2, own: true));
        }
        return new Flowsheet("random", null, chem, [feed], cascades, [], new SolverOptions());
    }

    [Fact]
    public void Every_random_flowsheet_is_refused_or_converged_and_audited_or_not_converged_with_a_reason_within_10_s()
    {
        var rnd = new Random(20261203);
        var clock = Stopwatch.StartNew();
        int solved = 0, attempts = 0, refused = 0, converged = 0, byCheck = 0, worstCase = -1;
        double worst = 0;
        var byKind = new Dictionary<string, (int Solved, int Converged)>();
        var failures = new List<string>();
        var checks = new Dictionary<string, int>();
        var examples = new List<string>();
        var slowest = new List<(double Seconds, string What)>();
        while (solved < Required && attempts < 20 * Required)
        {
            attempts++;
            var fs = RandomFlowsheet(rnd);
            var issues = FlowsheetValidator.Validate(fs);
            if (issues.Count > 0)
            {
                refused++;
                if (issues.Any(i => string.IsNullOrWhiteSpace(i.Message) || string.IsNullOrWhiteSpace(i.Path))) failures.Add($"#{attempts}: a validation issue without path or message");
                continue;
            }
            solved++;
            var one = Stopwatch.StartNew();
            // as `run` solves it: Newton, then the substitution fallback with its default limit, which
            // stops by itself when it stagnates (model.md §8)
            var r = FlowsheetSolver.Solve(fs);
            double seconds = one.Elapsed.TotalSeconds;
            if (seconds > worst) (worst, worstCase) = (seconds, attempts);
            string what = Describe(attempts, fs);
            slowest.Add((seconds, $"{what}: {string.Join(", ", r.Reports.Select(x => $"{x.Method} {x.Status} {x.Iterations}"))}"));
            if (seconds > CaseLimitSeconds) failures.Add($"{what}: {seconds:F1} s > {CaseLimitSeconds} s");
            string model = fs.Chemistry is MassActionChemistry ma ? $"mass-action {ma.Medium}".ToLowerInvariant() : fs.Chemistry!.Model;
            var counts = byKind.GetValueOrDefault(model);
            byKind[model] = (counts.Solved + 1, counts.Converged + (r.Converged ? 1 : 0));
            if (r.Converged)
            {
                converged++;
                failures.AddRange(Audit(fs, r).Select(a => $"{what}: converged, but {a}"));
            }
            else if (r.FailedChecks.Count > 0)
            {
                byCheck++;   // the solver met its tolerance: before the verdict this was "converged"
                foreach (var f in r.FailedChecks)
                {
                    checks[f.Check] = checks.GetValueOrDefault(f.Check) + 1;
                    if (checks[f.Check] == 1) examples.Add($"{what}: {f.Check}: {f.Message}");
                }
                if (r.FailedChecks.Any(f => string.IsNullOrWhiteSpace(f.Check) || string.IsNullOrWhiteSpace(f.Message)))
                    failures.Add($"{what}: a failed check without a name or message");
            }
            else if (r.Reports.All(x => x.Converged))
                failures.Add($"{what}: not converged without a failed check or a failed solve");
        }
        output.WriteLine($"{solved} solved ({converged} converged, {byCheck} not converged by a failed check), {refused} refused by the validator, in {attempts} attempts; " +
            $"{clock.Elapsed.TotalSeconds:F1} s in all, slowest case #{worstCase} {worst * 1000:F0} ms");
        foreach (var (model, c) in byKind.OrderBy(k => k.Key)) output.WriteLine($"  {model}: {c.Solved} solved, {c.Converged} converged");
        output.WriteLine("  failed checks: " + string.Join(", ", checks.OrderBy(k => k.Key).Select(k => $"{k.Key} {k.Value}")));
        foreach (var e in examples) output.WriteLine($"    first {e}");
        foreach (var (t, w) in slowest.OrderByDescending(x => x.Seconds).Take(3)) output.WriteLine($"  slow: {t * 1000:F0} ms {w}");
        Assert.True(solved >= Required, $"only {solved} valid flowsheets in {attempts} attempts");
        Assert.True(byKind.Count == 4 && byKind.Values.All(c => c.Converged >= 50), "every chemistry must give converged cases: " + string.Join(", ", byKind.Select(k => $"{k.Key} {k.Value}")));
        Assert.True(failures.Count == 0, $"{failures.Count} failures:\n" + string.Join("\n", failures.Take(30)));
    }

    private static string Describe(int attempt, Flowsheet fs) =>
        $"#{attempt} {fs.Chemistry!.Model} " + string.Join(" + ", fs.Cascades.Select(c =>
            $"{c.Name}[{c.FeedFrom} n={c.ExtractionStages} m={c.ScrubStages}{(c.Scrub?.IsReflux == true ? "r" : "")} k={c.StripStages} η={c.Efficiency:F2} " +
            $"{(c.RecyclesOrganic ? "recycle" : c.Organic.Composition!.Count > 0 ? "pre-loaded" : "fresh")}]"));

    /// <summary>
    /// Independent audit of a converged result: each metal's and the sulfate's flowsheet balance
    /// recomputed from the inlets as written and the product streams; the proton and extractant
    /// balances as reported; every value finite; metals not negative; loading within [0, 1].
    /// </summary>
    private static List<string> Audit(Flowsheet fs, FlowsheetResult r)
    {
        var problems = new List<string>();
        if (r.FailedChecks.Count > 0) problems.Add("failed checks: " + string.Join("; ", r.FailedChecks.Select(f => f.Message)));
        var elements = r.Elements;
        for (int e = 0; e < elements.Count; e++)
        {
            string el = elements[e];
            if (el == MassActionChemistry.Proton)
            {
                if (!(Math.Abs(r.BalanceErrors[e]) <= 1e-9)) problems.Add($"proton balance {r.BalanceErrors[e]:E2}");
                continue;
            }
            // in: feeds, pre-loaded organic, scrub solutions, and H2SO4's sulfate (½ per H⁺) of scrub and strip acid
            double inflow = fs.Feeds.Sum(f => f.Flow * f.Content(el));
            foreach (var c in fs.Cascades)
            {
                if (!c.RecyclesOrganic) inflow += c.Organic.Flow * (c.Organic.Composition?.GetValueOrDefault(el) ?? 0);
                if (c.Scrub is { IsReflux: false } s) inflow += s.Flow * (s.Composition?.GetValueOrDefault(el) ?? 0);
                if (el == MassActionChemistry.Sulfate && fs.ChemistryOf(c) is MassActionChemistry { Medium: Medium.Sulfate })
                    inflow += 0.5 * ((c.Scrub is { IsReflux: false } a ? a.Flow * a.Acid : 0) + (c.Strip is { } st ? st.Flow * st.Acid : 0));
            }
            double outflow = r.Streams.Where(s => s.IsProduct && !double.IsNaN(s.Concentrations[e])).Sum(s => s.Flow * s.Concentrations[e]);
            if (!(Math.Abs(inflow - outflow) <= 1e-9 * inflow)) problems.Add($"{el} in {inflow:G6} mol/h, out {outflow:G6} mol/h");
        }
        if (fs.Cascades.Any(c => fs.ChemistryOf(c) is MassActionChemistry) && !(r.ExtractantBalanceError <= 1e-9))
            problems.Add($"extractant balance {r.ExtractantBalanceError:E2}");
        foreach (var s in r.Stages)
        {
            var chem = fs.ChemistryOf(fs.Cascades.First(c => c.Name == s.Cascade));
            for (int e = 0; e < elements.Count; e++)
            {
                bool species = chem.SolvedSpecies.Contains(elements[e]);
                // below 0 only by round-off: a molar flow within 1e-9 of the element's inflow
                double roundOff = 1e-9 * r.Inflows[e];
                if (!double.IsFinite(s.Aqueous[e]) || !species && s.Aqueous[e] * s.AqueousFlow < -roundOff) problems.Add($"aqueous {elements[e]} {s.Aqueous[e]} in stage {s.Stage} of {s.Cascade}");
                if (!species && !(s.Organic[e] * s.OrganicFlow >= -roundOff && double.IsFinite(s.Organic[e]))) problems.Add($"organic {elements[e]} {s.Organic[e]} in stage {s.Stage} of {s.Cascade}");
            }
            double loading = chem switch
            {
                MassActionChemistry ma => elements.Select((el, e) => ma.Laws.TryGetValue(el, out var law) ? law.Consumes * s.Organic[e] : 0).Sum() / ma.Extractant.Concentration,
                SeparationFactorChemistry sf => elements.Select((el, e) => sf.SeparationFactors.ContainsKey(el) ? s.Organic[e] : 0).Sum() / sf.Loading,
                _ => 0,
            };
            if (!(loading >= 0 && loading <= 1 + 1e-9)) problems.Add($"loading {100 * loading:F3} % in stage {s.Stage} of {s.Cascade}");
            if (s.Ph is { } ph && !double.IsFinite(ph)) problems.Add($"pH {ph} in stage {s.Stage} of {s.Cascade}");
            if (s.FreeExtractant is { } fe && !(fe >= 0 && double.IsFinite(fe))) problems.Add($"free extractant {fe} in stage {s.Stage} of {s.Cascade}");
        }
        foreach (var s in r.Streams)
            for (int e = 0; e < elements.Count; e++)
                if (!(s.Phase == "organic" && double.IsNaN(s.Concentrations[e])) && !double.IsFinite(s.Concentrations[e]))
                    problems.Add($"{elements[e]} {s.Concentrations[e]} in stream {s.Name}");
        return problems.Distinct().Take(5).ToList();
    }
}
