using SxCascade.Flowsheets;
using SxCascade.Results;
using Xunit.Abstractions;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>
/// Validation against a peer open-source model (docs/validation.md): the PrOMMiS steady-state
/// solvent-extraction test case, 3 counter-current stages of 5 % v/v D2EHPA on a sulfuric-acid
/// coal-refuse leach (prommis/prommis, src/prommis/solvent_extraction/tests/test_solvent_extraction_steady.py,
/// inputs from solvent_extraction_steady.py, chemistry from solvent_extraction_reaction_package.py,
/// aqueous acid chemistry from properties/sulfuric_acid_leaching_properties.py). Its equations are
/// those of our mass-action model in sulfate media: log10 D = m·pH + B per rare earth (pH of the
/// stage outlet), constant D for Al, Ca, Fe and Sc, z H⁺ released per ion extracted (2 for Ca, 3
/// otherwise), HSO₄⁻ ⇌ H⁺ + SO₄²⁻ with Ka = 10^-1.99 mol/L, equal and constant phase flows.
/// Its published outlet concentrations (asserted there to 1e-4 relative) must be matched here to 1e-3.
/// </summary>
public class ValidationTests(ITestOutputHelper output)
{
    /// <summary>Molar masses PrOMMiS converts mg/L with, g/mol (aqueous and organic packages agree for metals).</summary>
    private static readonly Dictionary<string, double> Mw = new(StringComparer.Ordinal)
    {
        ["H+"] = 1.0, ["HSO4-"] = 97.0, ["SO4--"] = 96.0,
        ["Sc"] = 44.946, ["Y"] = 88.905, ["La"] = 138.905, ["Ce"] = 140.116, ["Pr"] = 140.907, ["Nd"] = 144.242,
        ["Sm"] = 150.36, ["Gd"] = 157.25, ["Dy"] = 162.50, ["Al"] = 26.982, ["Ca"] = 40.078, ["Fe"] = 55.845,
        ["DEHPA"] = 322.431,
    };

    /// <summary>Aqueous feed (aqueous_inlet_state), mg/L; 62.01 L/h.</summary>
    private static readonly (string, double)[] AqueousFeed =
    [
        ("H+", 10.75), ("SO4--", 100), ("HSO4-", 1e4), ("Al", 422.375), ("Ca", 109.542), ("Fe", 688.266), ("Sc", 0.032),
        ("Y", 0.124), ("La", 0.986), ("Ce", 2.277), ("Pr", 0.303), ("Nd", 0.946), ("Sm", 0.097), ("Gd", 0.2584), ("Dy", 0.047),
    ];

    /// <summary>Organic inlet (organic_inlet_state), mg/L of each metal; 62.01 L/h; free D2EHPA 975.8e3·5/100 mg/L.</summary>
    private static readonly (string, double)[] OrganicInlet =
    [
        ("Al", 1.267e-5), ("Ca", 2.684e-5), ("Fe", 2.873e-6), ("Sc", 1.734), ("Y", 2.179e-5), ("La", 0.000105), ("Ce", 0.00031),
        ("Pr", 3.711e-5), ("Nd", 0.000165), ("Sm", 1.701e-5), ("Gd", 3.357e-5), ("Dy", 8.008e-6),
    ];

    private const double Dosage = 5;                 // % v/v D2EHPA (reaction package extractant_dosage)
    private const double DehpaDensity = 975.8;       // g/L
    private const double Flow = 62.01;               // L/h, both phases

    /// <summary>Published aqueous outlet (test_solution, aqueous_outlet), mg/L.</summary>
    private static readonly (string, double)[] ExpectedAqueous =
    [
        ("H+", 39.5131), ("SO4--", 2056.395), ("HSO4-", 8023.225), ("Al", 399.95), ("Ca", 102.336), ("Ce", 2.1056), ("Dy", 0.0010159),
        ("Fe", 585.5947), ("Gd", 0.19119), ("La", 0.91421), ("Nd", 0.8801), ("Pr", 0.27631), ("Sc", 0.0027415), ("Sm", 0.08669), ("Y", 4.27601e-06),
    ];

    /// <summary>Published organic outlet (test_solution, organic_outlet), mg/L.</summary>
    private static readonly (string, double)[] ExpectedOrganic =
    [
        ("Al", 22.4249), ("Ca", 7.2059), ("Ce", 0.17168), ("DEHPA", 46086.719), ("Dy", 0.045992), ("Fe", 102.6712), ("Gd", 0.06723),
        ("La", 0.07189), ("Nd", 0.06606), ("Pr", 0.026727), ("Sc", 1.7632), ("Sm", 0.010323), ("Y", 0.12401),
    ];

    /// <summary>Rare-earth correlation coefficients of the reaction package: m = m0 + m1·dosage, B = B0 + B1·log10(dosage).</summary>
    private static readonly (string El, double M0, double M1, double B0, double B1)[] Correlations =
    [
        ("Ce", 0.30916, 0.04816, -1.66021, -0.38599), ("Y", 1.63166, 0.15166, -2.12601, 0.26612),
        ("Gd", 1.0225, 0.0195, -2.24143, 0.03065), ("Dy", 1.70783, 0.06443, -2.42226, -0.02538),
        ("Sm", 0.81233, -0.02247, -2.12172, 0.17414), ("Nd", 0.31183, 0.03763, -1.62372, -0.38096),
        ("La", 0.54, 0, -1.93, 0), ("Pr", 0.29, 0, -1.48, 0),
    ];

    /// <summary>Constant D (K1, K_corr = 1) and charge of the impurities.</summary>
    private static readonly (string El, double D, int Charge)[] Constants =
        [("Sc", 632.4976, 3), ("Al", 0.0531, 3), ("Ca", 0.0658, 2), ("Fe", 0.1496, 3)];

    private static double Mol(string species, double mgPerL) => mgPerL / 1000 / Mw[species];

    /// <summary>
    /// The PrOMMiS case in SxCascade terms (docs/validation.md, "Mapping"); <paramref name="pka"/>,
    /// <paramref name="calciumCharge"/> and <paramref name="ndSlope"/> are varied only to show the comparison discriminates.
    /// </summary>
    public static Flowsheet PrommisCase(SolverMethod method = SolverMethod.Newton, double pka = 1.99, int calciumCharge = 2, double ndSlope = 1.0)
    {
        var laws = new Dictionary<string, DistributionLaw>(StringComparer.Ordinal);
        foreach (var (el, m0, m1, b0, b1) in Correlations)
            laws[el] = new DistributionLaw(DistributionLawKind.LogD, 0, 0, b0 + b1 * Math.Log10(Dosage),
                (m0 + m1 * Dosage) * (el == "Nd" ? ndSlope : 1.0), 0, 0, false, 3, 3);
        foreach (var (el, d, z) in Constants)
        {
            int charge = el == "Ca" ? calciumCharge : z;
            laws[el] = new DistributionLaw(DistributionLawKind.Constant, 0, 0, d, 0, 0, 0, false, charge, charge);
        }

        var organic = OrganicInlet.ToDictionary(p => p.Item1, p => Mol(p.Item1, p.Item2), StringComparer.Ordinal);
        // PrOMMiS feeds 5 % v/v of FREE D2EHPA next to the pre-loaded metals; our E_total counts the bound extractant too
        double free = Mol("DEHPA", DehpaDensity * 1000 * Dosage / 100);
        double total = free + organic.Sum(p => laws[p.Key].Consumes * p.Value);
        var chemistry = new MassActionChemistry(Medium.Sulfate, pka, new Extractant("D2EHPA", total, 322.431, DehpaDensity, 0, null), laws);

        var feed = new FeedStream("leach", Flow, AqueousFeed.ToDictionary(p => p.Item1, p => Mol(p.Item1, p.Item2), StringComparer.Ordinal), 0);
        var cascade = new CascadeDefinition("solex", "leach", null, 3, null, null, new OrganicDefinition(Flow, organic));
        return new Flowsheet("PrOMMiS solvent_extraction_steady, 5 % D2EHPA, 3 stages", null, chemistry, [feed], [cascade], [],
            new SolverOptions(1e-12, null, method));
    }

    /// <summary>One published outlet value next to ours.</summary>
    private sealed record Deviation(string Phase, string Species, double Ours, double Theirs)
    {
        public double Relative => Rel(Ours, Theirs);
    }

    /// <summary>Solves <paramref name="flowsheet"/> (checking every balance) and pairs each published outlet value with ours, mol/L.</summary>
    private static List<Deviation> Compare(Flowsheet flowsheet, out FlowsheetResult result)
    {
        var r = result = Solve(flowsheet);
        Assert.True(r.ExtractantBalanceError <= 1e-9, $"extractant balance {r.ExtractantBalanceError}");
        Assert.True(Math.Abs(r.BalanceErrors[r.IndexOf("H+")]) <= 1e-9, $"proton balance {r.BalanceErrors[r.IndexOf("H+")]}");
        Assert.True(Math.Abs(r.BalanceErrors[r.IndexOf("SO4--")]) <= 1e-9, $"sulfate balance {r.BalanceErrors[r.IndexOf("SO4--")]}");

        var raffinate = r.Stream("solex.raffinate")!;
        var loaded = r.Stream("solex.loaded-organic")!;
        var stage1 = r.Stages.Single(s => s.Stage == 1);
        var stage3 = r.Stages.Single(s => s.Stage == 3);
        // the raffinate's species: free H⁺ from the stage-1 pH; HSO₄⁻ and SO₄²⁻ from total sulfate and Ka
        var chemistry = (MassActionChemistry)flowsheet.Chemistry!;
        double h = Math.Pow(10, -stage1.Ph!.Value), ka = Math.Pow(10, -chemistry.PkaBisulfate);
        double sulfate = raffinate.Concentrations[r.IndexOf("SO4--")];
        var species = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["H+"] = h, ["HSO4-"] = sulfate * h / (h + ka), ["SO4--"] = sulfate * ka / (h + ka),
        };
        var list = new List<Deviation>();
        foreach (var (s, mg) in ExpectedAqueous)
            list.Add(new("aqueous", s, species.TryGetValue(s, out var v) ? v : raffinate.Concentrations[r.IndexOf(s)], Mol(s, mg)));
        foreach (var (s, mg) in ExpectedOrganic)
            list.Add(new("organic", s, s == "DEHPA" ? stage3.FreeExtractant!.Value : loaded.Concentrations[r.IndexOf(s)], Mol(s, mg)));
        return list;
    }

    [Theory]
    [InlineData(SolverMethod.Newton)]
    [InlineData(SolverMethod.Substitution)]
    public void Prommis_three_stage_D2EHPA_sulfate_case_matches_its_published_outlets(SolverMethod method)
    {
        var deviations = Compare(PrommisCase(method), out var r);
        foreach (var d in deviations)
            output.WriteLine($"{d.Phase,-8} {d.Species,-6} PrOMMiS {d.Theirs * 1000 * Mw[d.Species],14:G7} mg/L  SxCascade {d.Ours * 1000 * Mw[d.Species],14:G7} mg/L  rel {d.Relative:E2}");
        foreach (var s in r.Stages)
            output.WriteLine($"stage {s.Stage}: pH {s.Ph:F6}, free D2EHPA {s.FreeExtractant:G7} mol/L, " +
                string.Join(", ", r.Elements.Select((e, i) => $"{e} aq {s.Aqueous[i]:G6} org {s.Organic[i]:G6}")));
        Assert.Equal(ExpectedAqueous.Length + ExpectedOrganic.Length, deviations.Count);
        var failures = deviations.Where(d => !(d.Relative <= 1e-3)).ToList();
        Assert.True(failures.Count == 0, string.Join("\n", failures.Select(d => $"{d.Phase} {d.Species}: {d.Ours} vs {d.Theirs} mol/L (rel {d.Relative:E2})")));
    }

    [Theory]
    [InlineData(2.00, 2, 1.0)]   // bisulfate pKa off by 0.01
    [InlineData(1.99, 3, 1.0)]   // Ca counted as trivalent in the proton and extractant balances
    [InlineData(1.99, 2, 1.01)]  // Nd pH slope 1 % off
    public void The_comparison_detects_small_departures_from_the_peer_equations(double pka, int calciumCharge, double ndSlope)
    {
        var worst = Compare(PrommisCase(SolverMethod.Newton, pka, calciumCharge, ndSlope), out _).MaxBy(d => d.Relative)!;
        output.WriteLine($"worst: {worst.Phase} {worst.Species} rel {worst.Relative:E2}");
        Assert.True(worst.Relative > 1e-3, $"a perturbed model still matched to {worst.Relative:E2}");
    }
}
