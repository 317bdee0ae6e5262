using SxCascade.Flowsheets;
using SxCascade.Results;

namespace SxCascade.Design;

/// <summary>The cut a design makes: which elements go to the organic (A) and which to the raffinate (B).</summary>
/// <param name="Cascade">Cascade designed.</param>
/// <param name="A">Elements reporting to the organic (A) product, most extractable first.</param>
/// <param name="B">Elements reporting to the raffinate (B), most extractable first.</param>
/// <param name="HeavyKey">The least extractable A element (adjacent to the cut).</param>
/// <param name="LightKey">The most extractable B element (adjacent to the cut).</param>
/// <param name="Beta">Separation factor of the key pair, β(heavy)/β(light).</param>
/// <param name="FeedA">Mole fraction of the A group among the feed's rare earths.</param>
/// <param name="PurityA">Purity target of the A product.</param>
/// <param name="PurityB">Purity target of the B product.</param>
/// <param name="AProduct">Stream name of the A product (strip liquor or loaded organic).</param>
/// <param name="BProduct">Stream name of the B product (raffinate).</param>
public sealed record Cut(string Cascade, IReadOnlyList<string> A, IReadOnlyList<string> B, string HeavyKey, string LightKey, double Beta,
    double FeedA, double PurityA, double PurityB, string AProduct, string BProduct)
{
    /// <summary>One sentence for the output.</summary>
    public string Explanation =>
        $"{string.Join("+", A)} | {string.Join("+", B)}: key pair {HeavyKey}/{LightKey}, β = {Beta:G4}; " +
        $"A ({string.Join(", ", A)}) leaves in {AProduct}, B ({string.Join(", ", B)}) in {BProduct}";
}

/// <summary>Flows of a design in L/h for the actual feed and chemistry.</summary>
/// <param name="FeedRareEarths">F, rare earths fed, mol/h.</param>
/// <param name="Organic">O = S·F/L, L/h.</param>
/// <param name="ScrubFlow">Scrub solution, L/h (acid scrub: 3·W·F/acid).</param>
/// <param name="ScrubAcid">Scrub acid, mol/L.</param>
/// <param name="StripFlow">Strip solution, L/h.</param>
/// <param name="StripAcid">Strip acid, mol/L.</param>
public sealed record DesignFlows(double FeedRareEarths, double Organic, double ScrubFlow, double ScrubAcid, double StripFlow, double StripAcid);

/// <summary>One point of the design curve: the smallest stage counts that meet every spec at extraction amount S.</summary>
/// <param name="Extraction">S, mol extracted per mol fed.</param>
/// <param name="ExtractionStages">n.</param>
/// <param name="ScrubStages">m.</param>
/// <param name="Feasible">False when no cascade up to the stage limit met the specs at this S (<see cref="Limit"/> says why).</param>
public sealed record DesignCurvePoint(double Extraction, int ExtractionStages, int ScrubStages, bool Feasible)
{
    /// <summary>n + m.</summary>
    public int TotalStages => ExtractionStages + ScrubStages;
    /// <summary>S·(n + m), the classical objective balancing reagent use against stages.</summary>
    public double Objective => Extraction * TotalStages;

    /// <summary>The simulation of this point's cascade (feasible points; the strip stages of the search, before the design trims them), for its reagent use.</summary>
    public FlowsheetResult? Result { get; init; }

    /// <summary>The designed cascade at this point (feasible points).</summary>
    public CascadeDefinition? Cascade { get; init; }

    /// <summary>Why no cascade met the specs at this S (infeasible points): the stage limit, or a purity that levels off, and its cause.</summary>
    public string? Limit { get; init; }
}

/// <summary>A rigorous design: the simulated cascade that meets every spec with the fewest stages at its flows.</summary>
/// <param name="Cut">The cut.</param>
/// <param name="Shortcut">Shortcut theory for the key pair.</param>
/// <param name="Extraction">S chosen.</param>
/// <param name="Scrub">W = S − f'_A.</param>
/// <param name="Flows">Flows in L/h.</param>
/// <param name="Flowsheet">The designed flowsheet (runs with <c>run</c> and meets the specs).</param>
/// <param name="Result">Its simulation.</param>
/// <param name="FewerExtractionStages">Simulation with one extraction stage fewer (flows unchanged); fails a spec.</param>
/// <param name="FewerScrubStages">Simulation with one scrub stage fewer; fails a spec.</param>
/// <param name="Curve">Minimum stages against S, ascending S.</param>
/// <param name="Simulations">Cascade simulations run by the search.</param>
public sealed record DesignResult(
    Cut Cut, ShortcutDesign Shortcut, double Extraction, double Scrub, DesignFlows Flows, Flowsheet Flowsheet, FlowsheetResult Result,
    FlowsheetResult? FewerExtractionStages, FlowsheetResult? FewerScrubStages, IReadOnlyList<DesignCurvePoint> Curve, int Simulations)
{
    /// <summary>The designed cascade.</summary>
    public CascadeDefinition Cascade => Flowsheet.Cascades.Single(c => c.Name == Cut.Cascade);
}
