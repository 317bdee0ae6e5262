using SxCascade.Chemistry;
using SxCascade.Flowsheets;
using SxCascade.Solvers;
using static SxCascade.Core.Tests.Build;

namespace SxCascade.Core.Tests;

/// <summary>
/// Random flowsheets (sections, flows, β from 1.05 to 1e4, 1–17 elements, trace elements at 1e-12
/// of the feed, Murphree efficiency): every one that validates must converge and close its balance
/// per element to ≤ 1e-9.
/// </summary>
public class PropertyTests
{
    private static readonly string[] Pool = ["La", "Ce", "Pr", "Nd", "Sm", "Eu", "Gd", "Tb", "Dy", "Ho", "Er", "Tm", "Yb", "Lu", "Y", "Sc", "Pm"];

    public static Flowsheet RandomFlowsheet(Random rnd)
    {
        int count = rnd.Next(1, 18);
        var elements = Pool.OrderBy(_ => rnd.Next()).Take(count).ToArray();
        var conc = new Dictionary<string, double>();
        foreach (var e in elements)
            conc[e] = rnd.NextDouble() < 0.15 ? 1e-12 * (0.5 + rnd.NextDouble()) : 0.01 + rnd.NextDouble();
        double feedFlow = 1 + 20 * rnd.NextDouble();
        int n = rnd.Next(1, 40), m = rnd.Next(0, 30), k = rnd.Next(0, 8);
        if (rnd.NextDouble() < 0.05) { n = rnd.Next(60, 120); m = rnd.Next(40, 80); }
        double efficiency = rnd.NextDouble() < 0.25 ? 0.6 + 0.4 * rnd.NextDouble() : 1.0;
        double reTotal = conc.Values.Sum() * feedFlow;
        bool sf = rnd.NextDouble() < 0.7;
        ChemistryDefinition chem;
        double organic;
        ScrubDefinition? scrub = null;
        StripDefinition? strip = k > 0 ? new StripDefinition(k, 0.5 + 10 * rnd.NextDouble(), 3 + 3 * rnd.NextDouble()) : null;
        if (sf)
        {
            // β spread: each element a random extractability over up to four decades
            var beta = elements.ToDictionary(e => e, _ => Math.Pow(10, 4 * rnd.NextDouble()));
            double loading = 0.05 + 0.25 * rnd.NextDouble();
            // a split as a designer would set it: the organic takes the more extractable part of the
            // feed (a random cut in β order) within ±15 %, never all of it
            var byBeta = elements.OrderByDescending(e => beta[e]).ToArray();
            int cut = rnd.Next(1, Math.Max(2, byBeta.Length));
            double taken = byBeta.Take(cut).Sum(e => conc[e]) * feedFlow * (0.85 + 0.3 * rnd.NextDouble());
            taken = Math.Min(taken, 0.95 * reTotal);
            organic = taken / loading;
            // strip sections strip: extraction factor D·O/A ≤ 0.5 for every element
            if (strip is not null)
                strip = strip with { Flow = Math.Max(strip.Flow, 2 * 0.101 * organic) };
            var stripD = elements.ToDictionary(e => e, _ => 0.001 + 0.1 * rnd.NextDouble());
            chem = new SeparationFactorChemistry(null, beta, loading, stripD);
            if (m > 0)
            {
                if (strip is not null && rnd.NextDouble() < 0.3)
                    scrub = new ScrubDefinition(m, 0, 0, 0.1 + 0.8 * rnd.NextDouble());
                else
                {
                    double scrubFlow = 1 + 20 * rnd.NextDouble();
                    double h = 3 * loading * organic * (0.05 + 0.8 * rnd.NextDouble()); // H < 3·L·O
                    scrub = new ScrubDefinition(m, scrubFlow, h / scrubFlow);
                }
            }
        }
        else
        {
            var d = elements.ToDictionary(e => e, _ => Math.Pow(10, -2 + 4 * rnd.NextDouble()));
            var ds = elements.ToDictionary(e => e, _ => Math.Pow(10, -3 + 3 * rnd.NextDouble()));
            chem = ConstantD(d, scrub: m > 0 ? d : null, strip: k > 0 ? ds : null);
            organic = 1 + 30 * rnd.NextDouble();
            if (strip is not null) strip = strip with { Flow = Math.Max(strip.Flow, 2 * 0.101 * organic) };
            if (m > 0) scrub = new ScrubDefinition(m, 1 + 10 * rnd.NextDouble(), 0.5);
        }
        int? feedStage = scrub is not null && rnd.NextDouble() < 0.3 ? rnd.Next(1, n + 1) : null;
        var cascade = new CascadeDefinition("c", "feed", feedStage, n, scrub, strip, new OrganicDefinition(organic), efficiency);
        return new Flowsheet("random", null, chem, [new FeedStream("feed", feedFlow, conc, 0)], [cascade], [], new SolverOptions());
    }

    [Fact]
    public void Every_random_flowsheet_converges_and_closes_its_balances()
    {
        var rnd = new Random(20261129);
        int solved = 0, attempts = 0;
        var failures = new List<string>();
        while (solved < 300 && attempts < 2000)
        {
            attempts++;
            var fs = RandomFlowsheet(rnd);
            if (FlowsheetValidator.Validate(fs).Count > 0) continue;
            solved++;
            var r = FlowsheetSolver.Solve(fs, fallback: false);
            var c = fs.Cascades[0];
            string what = $"#{attempts} {fs.Chemistry!.Model} C={r.Elements.Count} n={c.ExtractionStages} m={c.ScrubStages} k={c.StripStages} η={c.Efficiency:F2} reflux={c.Scrub?.Reflux}";
            if (!r.Converged)
                failures.Add($"{what}: {r.Reports[0].Status} {r.Reports[0].Message} after {r.Reports[0].Iterations}");
            else if (!(r.MaxBalanceError <= 1e-9))
                failures.Add($"{what}: balance error {r.MaxBalanceError:E2}");
            else if (r.Streams.SelectMany(s => s.Concentrations).Any(x => x < 0 || !double.IsFinite(x)))
                failures.Add($"{what}: negative or non-finite concentration");
        }
        Assert.True(solved >= 300, $"only {solved} valid flowsheets in {attempts} attempts");
        Assert.True(failures.Count == 0, $"{failures.Count} of {solved} failed:\n" + string.Join("\n", failures.Take(30)));
    }
}
