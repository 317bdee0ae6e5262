using System.Text.Json.Serialization;
using SxCascade.Design;
using SxCascade.Results;
using static SxCascade.IO.Documents.DocumentJson;

namespace SxCascade.IO.Documents;

/// <summary>
/// The "sxcascade-design/1" document of <c>sxcascade design --json</c>: the cut, the shortcut design,
/// the rigorous design (S, W, stage counts, feed stage, flows in L/h), the specs of the designed
/// cascade, the one-stage-fewer checks, the design curve and the reagents. NaN and infinities are null.
/// </summary>
public sealed record DesignDocument
{
    /// <summary>The format tag.</summary>
    public const string FormatTag = "sxcascade-design/1";

    /// <summary>Always <see cref="FormatTag"/>.</summary>
    public string Format { get; init; } = FormatTag;
    /// <summary>The flowsheet file designed, as given (absent when not known).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? File { get; init; }
    /// <summary>Flowsheet name.</summary>
    public required string Name { get; init; }
    /// <summary>Units of the numbers.</summary>
    public required DesignUnits Units { get; init; }
    /// <summary>The cut.</summary>
    public required DesignCut Cut { get; init; }
    /// <summary>Shortcut theory for the key pair.</summary>
    public required DesignShortcut Shortcut { get; init; }
    /// <summary>The simulated design.</summary>
    public required DesignRigorous Rigorous { get; init; }
    /// <summary>Specs of the designed cascade, checked.</summary>
    public required List<DesignSpec> Specs { get; init; }
    /// <summary>One stage fewer in each section.</summary>
    public required List<FewerStageCheck> FewerStageChecks { get; init; }
    /// <summary>Minimum stages against S.</summary>
    public required List<DesignCurveEntry> Curve { get; init; }
    /// <summary>Reagents of the designed cascade.</summary>
    public required DesignReagents Reagents { get; init; }
    /// <summary>Cascade simulations run by the search.</summary>
    public required int Simulations { get; init; }
    /// <summary>Wall time of the design search, ms (absent when not measured).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DesignMs { get; init; }

    /// <summary>The document of <paramref name="d"/>; <paramref name="file"/> and <paramref name="milliseconds"/> are written when not null.</summary>
    public static DesignDocument From(DesignResult d, string? file = null, double? milliseconds = null)
    {
        ArgumentNullException.ThrowIfNull(d);
        var cut = d.Cut;
        var s = d.Shortcut;
        var c = d.Cascade;
        var f = d.Flows;
        var achieved = DesignQuality.Achieved(d);
        var g = d.Result.Reagents;
        return new DesignDocument
        {
            File = file,
            Name = d.Flowsheet.Name,
            Units = new DesignUnits(),
            Cut = new DesignCut
            {
                Cascade = cut.Cascade,
                A = [.. cut.A],
                B = [.. cut.B],
                HeavyKey = cut.HeavyKey,
                LightKey = cut.LightKey,
                Beta = Finite(cut.Beta),
                FeedA = Finite(cut.FeedA),
                PurityA = Finite(cut.PurityA),
                PurityB = Finite(cut.PurityB),
                AProduct = cut.AProduct,
                BProduct = cut.BProduct,
                Explanation = cut.Explanation,
            },
            Shortcut = new DesignShortcut
            {
                Beta = Finite(s.Beta),
                FeedA = Finite(s.FeedA),
                PurityA = Finite(s.PurityA),
                PurityB = Finite(s.PurityB),
                FeedPhase = s.Feed == FeedPhase.Aqueous ? "aqueous" : "organic",
                ProductSplitA = Finite(s.ProductSplitA),
                PurificationA = Finite(s.PurificationA),
                PurificationB = Finite(s.PurificationB),
                FenskeStages = Finite(s.FenskeStages),
                MinimumScrub = Finite(s.MinimumScrub),
                MinimumExtraction = Finite(s.MinimumExtraction),
                ControllingSection = FormatNames.Section(s.Controlling),
                ExtractionRatio = Finite(s.ExtractionRatio),
                ScrubRatio = Finite(s.ScrubRatio),
                Extraction = Finite(s.Extraction),
                Scrub = Finite(s.Scrub),
                ExtractionStages = Finite(s.ExtractionStages),
                ScrubStages = Finite(s.ScrubStages),
                TotalStages = Finite(s.ExtractionStages + s.ScrubStages),
                OptimumApproximate = s.OptimumApproximate,
            },
            Rigorous = new DesignRigorous
            {
                Extraction = Finite(d.Extraction),
                Scrub = Finite(d.Scrub),
                ExtractionRatio = Finite(d.Extraction / (d.Scrub + 1)),
                ScrubRatio = Finite(d.Extraction / d.Scrub),
                ExtractionStages = c.ExtractionStages,
                ScrubStages = c.ScrubStages,
                TotalStages = c.ExtractionStages + c.ScrubStages,
                StripStages = c.StripStages,
                FeedStage = c.EffectiveFeedStage,
                ProductSplitA = Finite(achieved.ProductSplitA),
                PurityA = Finite(achieved.PurityA),
                PurityB = Finite(achieved.PurityB),
                PurificationA = Finite(achieved.PurificationA),
                PurificationB = Finite(achieved.PurificationB),
                Flows = new DesignFlowsEntry
                {
                    FeedRareEarths = Finite(f.FeedRareEarths),
                    Organic = Finite(c.Organic.Flow),
                    ScrubKind = c.Scrub is null ? null : c.Scrub.IsReflux ? "reflux" : "acid",
                    ScrubReflux = c.Scrub is { IsReflux: true } reflux ? Finite(reflux.Reflux!.Value) : null,
                    Scrub = c.Scrub is { IsReflux: false } acid ? Finite(acid.Flow) : null,
                    ScrubAcid = c.Scrub is { IsReflux: false } acid2 ? Finite(acid2.Acid) : null,
                    Strip = c.Strip is { } strip ? Finite(strip.Flow) : null,
                    StripAcid = c.Strip is { } strip2 ? Finite(strip2.Acid) : null,
                },
            },
            Specs = d.Result.Specs.Select(DesignSpec.From).ToList(),
            FewerStageChecks =
            [
                FewerStageCheck.From("extraction", c.ExtractionStages - 1, c.ScrubStages, d.FewerExtractionStages),
                FewerStageCheck.From("scrub", c.ExtractionStages, c.ScrubStages - 1, d.FewerScrubStages),
            ],
            Curve = d.Curve.Select(p => new DesignCurveEntry
            {
                Extraction = Finite(p.Extraction),
                Feasible = p.Feasible,
                ExtractionStages = p.Feasible ? p.ExtractionStages : null,
                ScrubStages = p.Feasible ? p.ScrubStages : null,
                TotalStages = p.Feasible ? p.TotalStages : null,
                Objective = p.Feasible ? Finite(p.Objective) : null,
                Limit = p.Feasible ? null : p.Limit,
                Chosen = p.Feasible && p.Extraction == d.Extraction,
            }).ToList(),
            Reagents = new DesignReagents
            {
                Acid = g.AcidName,
                Base = g.BaseName,
                Salt = g.SaltName,
                AcidKgPerH = Finite(g.AcidKgPerH),
                BaseKgPerH = Finite(g.BaseKgPerH),
                SaltKgPerH = Finite(g.SaltKgPerH),
                ProductOxideKgPerH = Finite(g.ProductOxideKgPerH),
                AcidKgPerKgOxide = Finite(g.AcidKgPerKgOxide),
                BaseKgPerKgOxide = Finite(g.BaseKgPerKgOxide),
                SaltKgPerKgOxide = Finite(g.SaltKgPerKgOxide),
                Uses = ReagentUseEntry.From(g),
            },
            Simulations = d.Simulations,
            DesignMs = Finite(milliseconds),
        };
    }
}

/// <summary>Units of the design document.</summary>
public sealed record DesignUnits
{
    /// <summary>What S, W and f'_A are amounts of.</summary>
    public string Amounts { get; init; } = "mol per mol of feed rare earths (S, W, f'_A)";
    /// <summary>"L/h".</summary>
    public string Flow { get; init; } = "L/h";
    /// <summary>"mol/L".</summary>
    public string Acid { get; init; } = "mol/L";
    /// <summary>"mol/h".</summary>
    public string FeedRareEarths { get; init; } = "mol/h";
}

/// <summary>The cut of a design.</summary>
public sealed record DesignCut
{
    /// <summary>Cascade designed.</summary>
    public required string Cascade { get; init; }
    /// <summary>Elements to the organic (A) product.</summary>
    public required List<string> A { get; init; }
    /// <summary>Elements to the raffinate (B).</summary>
    public required List<string> B { get; init; }
    /// <summary>Least extractable A element.</summary>
    public required string HeavyKey { get; init; }
    /// <summary>Most extractable B element.</summary>
    public required string LightKey { get; init; }
    /// <summary>Separation factor of the key pair.</summary>
    public required double? Beta { get; init; }
    /// <summary>Mole fraction of A in the feed's rare earths.</summary>
    public required double? FeedA { get; init; }
    /// <summary>Purity target of A (mole fraction).</summary>
    public required double? PurityA { get; init; }
    /// <summary>Purity target of B (mole fraction).</summary>
    public required double? PurityB { get; init; }
    /// <summary>Stream of the A product.</summary>
    public required string AProduct { get; init; }
    /// <summary>Stream of the B product.</summary>
    public required string BProduct { get; init; }
    /// <summary>One sentence.</summary>
    public required string Explanation { get; init; }
}

/// <summary>Shortcut design (MODEL.md §5).</summary>
public sealed record DesignShortcut
{
    /// <summary>β.</summary>
    public required double? Beta { get; init; }
    /// <summary>f_A.</summary>
    public required double? FeedA { get; init; }
    /// <summary>P_A.</summary>
    public required double? PurityA { get; init; }
    /// <summary>P_B.</summary>
    public required double? PurityB { get; init; }
    /// <summary>"aqueous" or "organic".</summary>
    public required string FeedPhase { get; init; }
    /// <summary>f'_A.</summary>
    public required double? ProductSplitA { get; init; }
    /// <summary>a.</summary>
    public required double? PurificationA { get; init; }
    /// <summary>b.</summary>
    public required double? PurificationB { get; init; }
    /// <summary>N_min.</summary>
    public required double? FenskeStages { get; init; }
    /// <summary>W_min.</summary>
    public required double? MinimumScrub { get; init; }
    /// <summary>S_min.</summary>
    public required double? MinimumExtraction { get; init; }
    /// <summary>"extraction" or "scrub".</summary>
    public required string ControllingSection { get; init; }
    /// <summary>E_M.</summary>
    public required double? ExtractionRatio { get; init; }
    /// <summary>E'_M.</summary>
    public required double? ScrubRatio { get; init; }
    /// <summary>S.</summary>
    public required double? Extraction { get; init; }
    /// <summary>W.</summary>
    public required double? Scrub { get; init; }
    /// <summary>n (real).</summary>
    public required double? ExtractionStages { get; init; }
    /// <summary>m (real).</summary>
    public required double? ScrubStages { get; init; }
    /// <summary>n + m.</summary>
    public required double? TotalStages { get; init; }
    /// <summary>True when the optimum is approximate.</summary>
    public required bool OptimumApproximate { get; init; }
}

/// <summary>The rigorous (simulated) design.</summary>
public sealed record DesignRigorous
{
    /// <summary>S.</summary>
    public required double? Extraction { get; init; }
    /// <summary>W.</summary>
    public required double? Scrub { get; init; }
    /// <summary>S/(W+1).</summary>
    public required double? ExtractionRatio { get; init; }
    /// <summary>S/W.</summary>
    public required double? ScrubRatio { get; init; }
    /// <summary>n.</summary>
    public required int ExtractionStages { get; init; }
    /// <summary>m.</summary>
    public required int ScrubStages { get; init; }
    /// <summary>n + m.</summary>
    public required int TotalStages { get; init; }
    /// <summary>k.</summary>
    public required int StripStages { get; init; }
    /// <summary>Feed stage.</summary>
    public required int FeedStage { get; init; }
    /// <summary>f'_A achieved.</summary>
    public required double? ProductSplitA { get; init; }
    /// <summary>P_A achieved.</summary>
    public required double? PurityA { get; init; }
    /// <summary>P_B achieved.</summary>
    public required double? PurityB { get; init; }
    /// <summary>a achieved.</summary>
    public required double? PurificationA { get; init; }
    /// <summary>b achieved.</summary>
    public required double? PurificationB { get; init; }
    /// <summary>Flows, L/h.</summary>
    public required DesignFlowsEntry Flows { get; init; }
}

/// <summary>Flows of the designed cascade (the scrub's and strip's keys only where it has them).</summary>
public sealed record DesignFlowsEntry
{
    /// <summary>Rare earths fed, mol/h.</summary>
    public required double? FeedRareEarths { get; init; }
    /// <summary>Organic, L/h.</summary>
    public required double? Organic { get; init; }
    /// <summary>"reflux" or "acid"; absent without a scrub.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ScrubKind { get; init; }
    /// <summary>Reflux fraction (reflux scrub).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ScrubReflux { get; init; }
    /// <summary>Scrub solution, L/h (acid scrub).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Scrub { get; init; }
    /// <summary>Scrub acid, mol/L (acid scrub).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? ScrubAcid { get; init; }
    /// <summary>Strip solution, L/h.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Strip { get; init; }
    /// <summary>Strip acid, mol/L.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? StripAcid { get; init; }
}

/// <summary>A spec as the design and comparison documents write it (always "elements").</summary>
public sealed record DesignSpec
{
    /// <summary>Stream.</summary>
    public required string Stream { get; init; }
    /// <summary>Elements.</summary>
    public required List<string> Elements { get; init; }
    /// <summary>"purity" or "recovery".</summary>
    public required string Kind { get; init; }
    /// <summary>Target.</summary>
    public required double? Target { get; init; }
    /// <summary>Achieved.</summary>
    public required double? Value { get; init; }
    /// <summary>True when met.</summary>
    public required bool Met { get; init; }

    /// <summary>The entry of <paramref name="sp"/>.</summary>
    public static DesignSpec From(SpecResult sp) => new()
    {
        Stream = sp.Stream, Elements = [.. sp.Elements], Kind = sp.Kind, Target = Finite(sp.Target), Value = Finite(sp.Value), Met = sp.Met,
    };
}

/// <summary>One one-stage-fewer check.</summary>
public sealed record FewerStageCheck
{
    /// <summary>"extraction" or "scrub".</summary>
    public required string Section { get; init; }
    /// <summary>n tried.</summary>
    public required int ExtractionStages { get; init; }
    /// <summary>m tried.</summary>
    public required int ScrubStages { get; init; }
    /// <summary>False when the section has a single stage.</summary>
    public required bool Possible { get; init; }
    /// <summary>Whether it meets the specs (null: not simulated or not converged).</summary>
    public required bool? SpecsMet { get; init; }
    /// <summary>Why there is no result.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Note { get; init; }
    /// <summary>The specs it fails.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<DesignSpec>? Failed { get; init; }

    /// <summary>The check of stage counts <paramref name="n"/>, <paramref name="m"/> (null result: not possible or not converged).</summary>
    public static FewerStageCheck From(string section, int n, int m, FlowsheetResult? r)
    {
        bool possible = n >= 1 && m >= 1;
        return new FewerStageCheck
        {
            Section = section,
            ExtractionStages = n,
            ScrubStages = m,
            Possible = possible,
            SpecsMet = r?.SpecsMet,
            Note = r is not null ? null : possible ? "the simulation did not converge" : $"the {section} section has a single stage",
            Failed = r?.Specs.Where(x => !x.Met).Select(DesignSpec.From).ToList(),
        };
    }
}

/// <summary>One point of the design curve.</summary>
public sealed record DesignCurveEntry
{
    /// <summary>S.</summary>
    public required double? Extraction { get; init; }
    /// <summary>True when a cascade met the specs at this S.</summary>
    public required bool Feasible { get; init; }
    /// <summary>n (feasible points).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ExtractionStages { get; init; }
    /// <summary>m (feasible points).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ScrubStages { get; init; }
    /// <summary>n + m (feasible points).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? TotalStages { get; init; }
    /// <summary>S·(n + m) (feasible points).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Objective { get; init; }
    /// <summary>Why infeasible.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Limit { get; init; }
    /// <summary>True for the chosen S.</summary>
    public required bool Chosen { get; init; }
}

/// <summary>Reagents of the design document.</summary>
public sealed record DesignReagents
{
    /// <summary>Acid name.</summary>
    public required string Acid { get; init; }
    /// <summary>Base name or null.</summary>
    public required string? Base { get; init; }
    /// <summary>Salt name or null.</summary>
    public required string? Salt { get; init; }
    /// <summary>kg/h.</summary>
    public required double? AcidKgPerH { get; init; }
    /// <summary>kg/h.</summary>
    public required double? BaseKgPerH { get; init; }
    /// <summary>kg/h.</summary>
    public required double? SaltKgPerH { get; init; }
    /// <summary>kg/h.</summary>
    public required double? ProductOxideKgPerH { get; init; }
    /// <summary>kg per kg oxide.</summary>
    public required double? AcidKgPerKgOxide { get; init; }
    /// <summary>kg per kg oxide.</summary>
    public required double? BaseKgPerKgOxide { get; init; }
    /// <summary>kg per kg oxide.</summary>
    public required double? SaltKgPerKgOxide { get; init; }
    /// <summary>One entry per chemical.</summary>
    public required List<ReagentUseEntry> Uses { get; init; }
}
