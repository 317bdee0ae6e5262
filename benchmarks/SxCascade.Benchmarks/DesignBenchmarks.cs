using BenchmarkDotNet.Attributes;
using SxCascade.Design;
using SxCascade.Flowsheets;

namespace SxCascade.Benchmarks;

/// <summary>
/// The design targets: a whole rigorous design search (<see cref="Designer.Design"/> with the
/// default options: 10 design-curve points plus the shortcut optimum, stage search at each, up to
/// 400 stages) on the Pr/Nd binary split and on the 15-element bastnaesite feed cut at Nd | Sm
/// (β = 9, the target case), plus, for comparison, the same feed cut at Ce | Pr (β = 1.6, the
/// 100-stage benchmark file used as a template), which needs many more stages. Each operation takes seconds and runs hundreds of cascade simulations, so the job is short
/// (<see cref="LongRunConfig"/>: 1 warm-up, 3 measured iterations, one operation each).
/// </summary>
[Config(typeof(LongRunConfig))]
[MemoryDiagnoser]
public class DesignBenchmarks
{
    private Flowsheet _template = null!;

    /// <summary>Loads the Pr/Nd template and checks its design.</summary>
    [GlobalSetup(Target = nameof(PrNd_Design))]
    public void SetupPrNd() => Setup(Cases.PrNd);

    /// <summary>Loads the Nd | Sm template and checks its design.</summary>
    [GlobalSetup(Target = nameof(Ore15_NdSm_Design))]
    public void SetupNdSm() => Setup(Cases.OreDesign);

    /// <summary>Loads the Ce | Pr template and checks its design.</summary>
    [GlobalSetup(Target = nameof(Ore15_CePr_Design))]
    public void SetupCePr() => Setup(Cases.Ore);

    /// <summary>Loads a template and checks that its design succeeds and meets its specs.</summary>
    private void Setup(string file)
    {
        _template = Cases.Load(file);
        Console.WriteLine($"// design {file}: " + Describe(Check(Designer.Design(_template, new DesignOptions()))));
    }

    /// <summary>Throws unless the designed cascade converged and meets every spec.</summary>
    public static DesignResult Check(DesignResult d)
    {
        if (!d.Result.Converged || d.Result.Specs.Any(s => !s.Met))
            throw new InvalidOperationException($"design of '{d.Flowsheet.Name}' does not meet its specs");
        return d;
    }

    /// <summary>One line: cut, stages, flows, simulations.</summary>
    public static string Describe(DesignResult d) =>
        FormattableString.Invariant($"cut {d.Cut.HeavyKey}/{d.Cut.LightKey} (β {d.Cut.Beta:G4}), S = {d.Extraction:G4}, n = {d.Cascade.ExtractionStages}, m = {d.Cascade.ScrubStages}, ") +
        FormattableString.Invariant($"organic {d.Flows.Organic:F1} L/h, {d.Simulations} simulations, specs ") +
        string.Join("; ", d.Result.Specs.Select(s => FormattableString.Invariant($"{s.Stream} {s.Value:G6} ≥ {s.Target}")));

    /// <summary>Pr/Nd binary split (flowsheets/prnd-p507.yaml).</summary>
    [Benchmark]
    public DesignResult PrNd_Design() => Designer.Design(_template, new DesignOptions());

    /// <summary>15-element bastnaesite feed, cut Nd | Sm (flowsheets/bench/ore-15-element-nd-sm-design.yaml).</summary>
    [Benchmark]
    public DesignResult Ore15_NdSm_Design() => Designer.Design(_template, new DesignOptions());

    /// <summary>15-element bastnaesite feed, cut Ce | Pr (flowsheets/bench/ore-15-element-100-stage.yaml as the template); no target, for comparison.</summary>
    [Benchmark]
    public DesignResult Ore15_CePr_Design() => Designer.Design(_template, new DesignOptions());
}

/// <summary>
/// The acceptance range of the design: the Pr/Nd example's feed, chemistry and specs (f_A = 0.7456,
/// Nd ≥ 99.9 % in the strip liquor, Pr ≥ 98.5 % in the raffinate) with the Nd/Pr separation factor
/// set from 1.05 to 10⁴; each design must finish in ≤ 2 s and meet its specs (checked once in the
/// setup) or name the limit it hit. Default options: 10 curve points plus the shortcut optimum, up
/// to 400 stages per cascade.
/// </summary>
[Config(typeof(LongRunConfig))]
[MemoryDiagnoser]
public class BinaryDesignBenchmarks
{
    private Flowsheet _template = null!;

    /// <summary>β of the key pair Nd/Pr.</summary>
    [Params(1.05, 1.1, 1.5, 2.0, 5.0, 10.0, 100.0, 1000.0, 1e4)]
    public double Beta { get; set; }

    /// <summary>Loads the Pr/Nd example with Nd's separation factor set to <see cref="Beta"/> and checks its design.</summary>
    [GlobalSetup]
    public void Setup()
    {
        var fs = Cases.Load(Cases.PrNd);
        var chem = (SeparationFactorChemistry)fs.Chemistry!;
        _template = fs with { Chemistry = chem with { SeparationFactors = new Dictionary<string, double>(chem.SeparationFactors) { ["Nd"] = Beta } } };
        Console.WriteLine($"// design β = {Beta}: " + DesignBenchmarks.Describe(DesignBenchmarks.Check(Designer.Design(_template, new DesignOptions()))));
    }

    /// <summary>The whole design search.</summary>
    [Benchmark]
    public DesignResult Binary_Design() => Designer.Design(_template, new DesignOptions());
}
