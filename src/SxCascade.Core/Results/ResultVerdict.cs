using System.Globalization;
using SxCascade.Flowsheets;

namespace SxCascade.Results;

/// <summary>A check a solved result failed, so that it is not converged.</summary>
/// <param name="Check">Which check: "element balance", "proton balance", "sulfate balance", "extractant balance", "loading", "finite", "non-negative".</param>
/// <param name="Message">What failed, with the value, where, and the limit.</param>
public sealed record FailedCheck(string Check, string Message);

/// <summary>The extractant balance of one mass-action stage, as the result builder measured it.</summary>
/// <param name="Cascade">Cascade name.</param>
/// <param name="Stage">1-based stage.</param>
/// <param name="RelativeError">|e + Σ ν_i·y*_i − E| / E at the stage's aqueous (y* the equilibrium organic).</param>
internal readonly record struct ExtractantBalance(string Cascade, int Stage, double RelativeError);

/// <summary>
/// The one place that decides whether a solved flowsheet is converged (model.md §8): a solver that
/// met its tolerance is not enough. Every balance the model has (each element over the flowsheet;
/// for mass action the protons, the sulfate and the extractant of every stage) must close to
/// <see cref="BalanceLimit"/>, every concentration of every stream and stage must be finite and
/// not negative, and the extractant loading must lie in [0, 1] (mass action: Σ ν_i·y_i ≤ E;
/// saturated separation factors: Σ y_i ≤ L). Each failed check is named with its value and place.
/// </summary>
public static class ResultVerdict
{
    /// <summary>Largest relative error of any balance a converged result may have.</summary>
    public const double BalanceLimit = 1e-9;

    /// <summary>Loading above 1 by more than round-off (the same relative margin as the balances).</summary>
    private const double LoadingLimit = 1 + BalanceLimit;

    private static readonly CultureInfo Inv = CultureInfo.InvariantCulture;

    /// <summary>Every check the result fails; empty when it is a converged solution.</summary>
    /// <param name="fs">The flowsheet solved.</param>
    /// <param name="elements">Element order of the arrays.</param>
    /// <param name="inflow">What enters the flowsheet per element, mol/h: a negative value whose molar flow is within <see cref="BalanceLimit"/> of it is round-off.</param>
    /// <param name="balance">Relative balance error per element (protons and sulfate included).</param>
    /// <param name="streams">Every stream.</param>
    /// <param name="stages">Every stage.</param>
    /// <param name="extractant">The extractant balance of every mass-action stage.</param>
    internal static List<FailedCheck> Judge(Flowsheet fs, IReadOnlyList<string> elements, IReadOnlyList<double> inflow, IReadOnlyList<double> balance,
        IReadOnlyList<StreamResult> streams, IReadOnlyList<StageResult> stages, IReadOnlyList<ExtractantBalance> extractant)
    {
        // a concentration below 0 by less than the balances resolve (its molar flow within 1e-9 of the
        // inflow, or of the closure's 1e-290 mol/h floor for a subnormal inflow) is round-off
        bool Negative(int e, double v, double flow) =>
            v < 0 && !(-v * flow <= BalanceLimit * Math.Max(inflow[e], StageInflows.MinimumScale));
        var failed = new List<FailedCheck>();
        for (int e = 0; e < elements.Count; e++)
        {
            double b = balance[e];
            if (Math.Abs(b) <= BalanceLimit) continue;
            var (check, what) = elements[e] switch
            {
                MassActionChemistry.Proton => ("proton balance", "the proton balance"),
                MassActionChemistry.Sulfate => ("sulfate balance", "the sulfate balance"),
                var el => ("element balance", $"the {el} balance"),
            };
            failed.Add(new(check, $"{what} of the flowsheet is off by {Small(b)} (in − out, relative to what enters; at most {Small(BalanceLimit)} either way)"));
        }

        // every cascade closes with the streams as reported: in a cycle, the tear as its producer gave it
        var unitBalance = new Worst("unit balance");
        var into = new Dictionary<string, List<StreamResult>>(StringComparer.Ordinal);
        var outOf = new Dictionary<string, List<StreamResult>>(StringComparer.Ordinal);
        foreach (var s in streams)
        {
            foreach (var to in s.To.Distinct()) (into.TryGetValue(to, out var l) ? l : into[to] = []).Add(s);
            if (s.From is { } from) (outOf.TryGetValue(from, out var l) ? l : outOf[from] = []).Add(s);
        }
        foreach (var c in fs.Cascades)
            for (int e = 0; e < elements.Count; e++)
            {
                if (MassActionChemistry.IsSolvedSpecies(elements[e])) continue;
                double @in = 0, @out = 0;
                foreach (var s in into.GetValueOrDefault(c.Name, []))
                    if (s.Flow * s.Concentrations[e] is var n && !double.IsNaN(n)) @in += n;
                foreach (var s in outOf.GetValueOrDefault(c.Name, []))
                    if (s.Flow * s.Concentrations[e] is var n && !double.IsNaN(n)) @out += n;
                if (!(@in > 0)) continue;
                double error = Math.Abs(@in - @out) / Math.Max(@in, StageInflows.MinimumScale);
                unitBalance.Add(error, !(error <= BalanceLimit), $"the {elements[e]} balance of cascade {c.Name}");
            }
        unitBalance.Report(failed, (v, at) => $"{at} is off by {Small(v)} (in − out over its inlet and outlet streams, relative to what enters it; at most {Small(BalanceLimit)})");

        var worstExtractant = new Worst("extractant balance");
        foreach (var x in extractant)
            worstExtractant.Add(x.RelativeError, !(x.RelativeError <= BalanceLimit), $"stage {x.Stage} of {x.Cascade}");
        worstExtractant.Report(failed, (v, at) => $"the extractant balance e + Σ ν·y = E is off by {Small(v)} in {at} (at most {Small(BalanceLimit)})");

        var finite = new Worst("finite");
        var negative = new Worst("non-negative");
        var loading = new Worst("loading");
        var loadingText = new Dictionary<string, string>(StringComparer.Ordinal);
        var chemistries = new Dictionary<string, ChemistryDefinition>(StringComparer.Ordinal);
        foreach (var c in fs.Cascades) chemistries[c.Name] = fs.ChemistryOf(c);
        foreach (var s in stages)
        {
            var chemistry = chemistries[s.Cascade];
            string at = $"stage {s.Stage} of {s.Cascade}";
            CheckFlow(finite, negative, s.AqueousFlow, $"aqueous flow out of {at}");
            CheckFlow(finite, negative, s.OrganicFlow, $"organic flow out of {at}");
            for (int e = 0; e < elements.Count; e++)
            {
                CheckAqueous(finite, negative, elements[e], s.Aqueous[e], Negative(e, s.Aqueous[e], s.AqueousFlow), $"{at}, aqueous");
                if (!chemistry.SolvedSpecies.Contains(elements[e]))
                    CheckValue(finite, negative, elements[e], s.Organic[e], Negative(e, s.Organic[e], s.OrganicFlow), $"{at}, organic");
            }
            if (s.Ph is { } ph && !double.IsFinite(ph)) finite.Add(double.NaN, true, $"pH {Small(ph)} in {at}");
            if (s.FreeExtractant is { } fe && !double.IsFinite(fe)) finite.Add(double.NaN, true, $"free extractant {Small(fe)} mol/L in {at}");
            var (fraction, text) = Loading(chemistry, elements, s);
            if (fraction is { } f)
            {
                bool bad = !(f >= 0 && f <= LoadingLimit);
                loading.Add(f, bad, at);
                if (bad && !loadingText.ContainsKey(at)) loadingText[at] = text;
            }
        }
        foreach (var s in streams)
        {
            CheckFlow(finite, negative, s.Flow, $"flow of stream {s.Name}");
            for (int e = 0; e < elements.Count; e++)
            {
                double v = s.Concentrations[e];
                if (s.Phase == "organic" && double.IsNaN(v) && elements[e] is MassActionChemistry.Proton or MassActionChemistry.Sulfate) continue;
                if (s.Phase == "aqueous") CheckAqueous(finite, negative, elements[e], v, Negative(e, v, s.Flow), $"stream {s.Name}");
                else CheckValue(finite, negative, elements[e], v, Negative(e, v, s.Flow), $"stream {s.Name}");
            }
        }
        finite.Report(failed, (_, at) => $"a value is not a finite number: {at}");
        negative.Report(failed, (_, at) => $"a concentration or flow is negative: {at}");
        loading.Report(failed, (v, at) => $"loading {Percent(v)} % in {at} (at most 100 %): {loadingText.GetValueOrDefault(at, "")}");
        return failed;
    }

    /// <summary>
    /// Loading of a stage's organic as a fraction, with what it is made of, or null without a
    /// loading limit: mass action Σ ν_i·y_i / E (the bound extractant over the total), saturated
    /// separation factors Σ y_i / L.
    /// </summary>
    private static (double? Fraction, string Text) Loading(ChemistryDefinition chemistry, IReadOnlyList<string> elements, StageResult s)
    {
        switch (chemistry)
        {
            case MassActionChemistry ma:
            {
                double bound = 0;
                for (int e = 0; e < elements.Count; e++)
                    if (ma.Laws.TryGetValue(elements[e], out var law) && s.Organic[e] is var y && !double.IsNaN(y)) bound += law.Consumes * y;
                double total = ma.Extractant.Concentration;
                bool flat = ma.Laws.Values.Any(l => l.Kind == DistributionLawKind.Constant
                    || l.Kind == DistributionLawKind.LogK && l.ExtractantOrder == 0 || l.Kind == DistributionLawKind.LogD && l.LogExtractant == 0 && l.PhExtractant == 0);
                string why = flat
                    ? "; a law whose D does not fall as the free extractant is used up (a constant d, or no extractant term) lets the organic take more metal than it can bind: give every law its extractant-order or log-extractant term, or lower the metal fed"
                    : "";
                return (bound / total, $"the organic binds {Fixed(bound)} mol/L of extractant (Σ ν·y) of E = {Fixed(total)} mol/L, so its free extractant would be {Fixed(total - bound)} mol/L{why}");
            }
            case SeparationFactorChemistry sf:
            {
                double held = 0;
                for (int e = 0; e < elements.Count; e++)
                    if (sf.SeparationFactors.ContainsKey(elements[e]) && s.Organic[e] is var y && !double.IsNaN(y)) held += y;
                return (held / sf.Loading, $"the organic holds {Fixed(held)} mol/L of metals, above its saturation loading L = {Fixed(sf.Loading)} mol/L");
            }
            default:
                return (null, "");
        }
    }

    private static void CheckFlow(Worst finite, Worst negative, double v, string what)
    {
        if (!double.IsFinite(v)) finite.Add(double.NaN, true, $"{what} is {Small(v)}");
        else if (v < 0) negative.Add(v, true, $"{what} is {Small(v)} L/h");
    }

    /// <summary>An aqueous content: total acidity (H⁺) may be negative (more base than acid), but must be finite.</summary>
    private static void CheckAqueous(Worst finite, Worst negative, string element, double v, bool isNegative, string at)
    {
        if (element == MassActionChemistry.Proton)
        {
            if (!double.IsFinite(v)) finite.Add(double.NaN, true, $"H+ (total acidity) {Small(v)} in {at}");
            return;
        }
        CheckValue(finite, negative, element, v, isNegative, at);
    }

    private static void CheckValue(Worst finite, Worst negative, string element, double v, bool isNegative, string at)
    {
        if (!double.IsFinite(v)) finite.Add(double.NaN, true, $"{element} {Small(v)} mol/L in {at}");
        else if (isNegative) negative.Add(v, true, $"{element} {Small(v)} mol/L in {at}");
    }

    /// <summary>The worst failure of one check and how many places failed it, so that a report stays short.</summary>
    private sealed class Worst(string check)
    {
        private double _value = double.NaN;
        private string? _at;
        private int _count;

        public void Add(double value, bool bad, string at)
        {
            if (!bad) return;
            _count++;
            // NaN (not a number) is the worst of all; otherwise the largest magnitude
            if (_at is null || double.IsNaN(value) && !double.IsNaN(_value) || !double.IsNaN(_value) && Math.Abs(value) > Math.Abs(_value))
            {
                _value = value;
                _at = at;
            }
        }

        public void Report(List<FailedCheck> failed, Func<double, string, string> message)
        {
            if (_at is null) return;
            string more = _count > 1 ? $"; {_count - 1} more {(_count == 2 ? "place fails" : "places fail")} this check" : "";
            failed.Add(new FailedCheck(check, message(_value, _at) + more));
        }
    }

    private static string Small(double v) => double.IsNaN(v) ? "NaN" : double.IsInfinity(v) ? (v > 0 ? "∞" : "−∞") : v.ToString("0.0e+00", Inv);

    private static string Fixed(double v) => v.ToString("G3", Inv);

    private static string Percent(double fraction) => (100 * fraction).ToString("G4", Inv);
}
