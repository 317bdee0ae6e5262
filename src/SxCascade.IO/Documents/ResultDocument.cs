using System.Text.Json.Serialization;
using SxCascade.Flowsheets;
using SxCascade.Results;
using static SxCascade.IO.Documents.DocumentJson;

namespace SxCascade.IO.Documents;

/// <summary>
/// The "sxcascade-result/1" document (FORMAT.md "Results", docs/format.md): what <c>run --json</c>
/// prints and <c>summary.json</c> holds. Flows in L/h, concentrations in mol/L, molar flows in mol/h;
/// a number JSON cannot hold (NaN, infinity) or the chemistry does not compute is null.
/// Element-keyed objects keep the flowsheet's element order (H+ and SO4 under "acidity" and "sulfate").
/// </summary>
public sealed record ResultDocument
{
    /// <summary>The format tag.</summary>
    public const string FormatTag = "sxcascade-result/1";

    /// <summary>Always <see cref="FormatTag"/>.</summary>
    public string Format { get; init; } = FormatTag;
    /// <summary>Flowsheet name.</summary>
    public required string Name { get; init; }
    /// <summary>True when every cascade converged and the result passed every check (<see cref="ResultVerdict"/>).</summary>
    public required bool Converged { get; init; }
    /// <summary>Iterations summed over the cascades.</summary>
    public required int Iterations { get; init; }
    /// <summary>Largest relative balance error over the elements.</summary>
    public required double? MaxBalanceError { get; init; }
    /// <summary>Largest relative error of the extractant balance (mass-action chemistry; null otherwise).</summary>
    public required double? ExtractantBalanceError { get; init; }
    /// <summary>Relative balance error per element.</summary>
    public required OrderedDictionary<string, double?> BalanceErrors { get; init; }
    /// <summary>Wall time of the solve in this process, ms.</summary>
    public required double? SolveMs { get; init; }
    /// <summary>Units of the numbers.</summary>
    public required ResultUnits Units { get; init; }
    /// <summary>"mole" or "oxide-mass": what purities are fractions of (MODEL.md §4).</summary>
    public required string PurityBasis { get; init; }
    /// <summary>Every stream.</summary>
    public required List<ResultStream> Streams { get; init; }
    /// <summary>Every stage of every cascade.</summary>
    public required List<ResultStage> Stages { get; init; }
    /// <summary>Reagents and effluent salt.</summary>
    public required ResultReagents Reagents { get; init; }
    /// <summary>The specs, each checked.</summary>
    public required List<ResultSpec> Specs { get; init; }
    /// <summary>Built-in library entries used, with their provenance.</summary>
    public required List<ProvenanceEntry> Provenance { get; init; }
    /// <summary>Shape and inventory of every cascade.</summary>
    public required List<ResultCascade> Cascades { get; init; }
    /// <summary>Convergence report per cascade.</summary>
    public required List<SolverEntry> Solver { get; init; }
    /// <summary>The tear streams of the network's cycles and how each converged (MODEL.md §9); empty without cycles.</summary>
    public List<TearEntry> Tears { get; init; } = [];

    /// <summary>The document of <paramref name="r"/>.</summary>
    public static ResultDocument From(FlowsheetResult r)
    {
        ArgumentNullException.ThrowIfNull(r);
        IReadOnlyList<string> elements = r.Elements.Select(MassActionChemistry.ResultName).ToArray();
        return new ResultDocument
        {
            Name = r.Name,
            Converged = r.Converged,
            Iterations = r.Iterations,
            MaxBalanceError = Finite(r.MaxBalanceError),
            ExtractantBalanceError = Finite(r.ExtractantBalanceError),
            BalanceErrors = ByElement("balance_errors", elements, r.BalanceErrors),
            SolveMs = Finite(r.SolveMilliseconds),
            Units = new ResultUnits(),
            PurityBasis = r.PurityBasis.Name(),
            Streams = r.Streams.Select(s => new ResultStream
            {
                Name = s.Name,
                Phase = s.Phase,
                Flow = Finite(s.Flow),
                Concentrations = ByElement("concentrations", elements, s.Concentrations),
                Purity = ByElement("purity", elements, s.Purity),
                Recovery = ByElement("recovery", elements, s.Recovery),
                Kind = FormatNames.Stream(s.Kind),
                From = s.From,
                To = s.To.ToList(),
                IsProduct = s.IsProduct,
                IsInlet = s.IsInlet,
                Acid = Finite(s.Acid),
                MolarFlows = ByElement("molar_flows", elements, Enumerable.Range(0, elements.Count).Select(s.MolarFlow).ToArray()),
            }).ToList(),
            Stages = r.Stages.Select(st => new ResultStage
            {
                Cascade = st.Cascade,
                Stage = st.Stage,
                Section = st.Section.Name(),
                Aqueous = ByElement("aqueous", elements, st.Aqueous),
                Organic = ByElement("organic", elements, st.Organic),
                Ph = Finite(st.Ph),
                FreeExtractant = Finite(st.FreeExtractant),
                LoadingFraction = Finite(st.LoadingFraction),
                AqueousFlow = Finite(st.AqueousFlow),
                OrganicFlow = Finite(st.OrganicFlow),
            }).ToList(),
            Reagents = ResultReagents.From(r.Reagents),
            Specs = r.Specs.Select(sp => new ResultSpec
            {
                Stream = sp.Stream,
                Element = sp.Elements.Count == 1 ? sp.Elements[0] : null,
                Elements = sp.Elements.Count == 1 ? null : [.. sp.Elements],
                Kind = sp.Kind,
                Target = Finite(sp.Target),
                Value = Finite(sp.Value),
                Met = sp.Met,
            }).ToList(),
            Provenance = ProvenanceEntry.From(r.Library),
            Cascades = r.Cascades.Select(c => new ResultCascade
            {
                Name = c.Name,
                ExtractionStages = c.ExtractionStages,
                ScrubStages = c.ScrubStages,
                StripStages = c.StripStages,
                FeedStage = c.FeedStage,
                OrganicFlow = Finite(c.OrganicFlow),
                OrganicInventoryL = Finite(c.OrganicInventory),
                StageResidenceMin = Finite(c.StageResidenceMinutes),
                Contactor = c.Contactor,
                Model = c.Model,
            }).ToList(),
            Solver = r.Reports.Select(rep => new SolverEntry
            {
                Cascade = rep.Cascade,
                Method = rep.Method,
                Status = FormatNames.Status(rep.Status),
                Iterations = rep.Iterations,
                ResidualHistory = rep.ResidualHistory.Select(Finite).ToList(),
                Message = rep.Message,
            }).ToList(),
            Tears = r.Tears.Select(t => new TearEntry
            {
                Stream = t.Stream,
                Method = t.Method,
                Status = FormatNames.Status(t.Status),
                Passes = t.Iterations,
                ChangeHistory = t.ChangeHistory.Select(Finite).ToList(),
                Message = t.Message,
            }).ToList(),
        };
    }
}

/// <summary>The units of the result document.</summary>
public sealed record ResultUnits
{
    /// <summary>"L/h".</summary>
    public string Flow { get; init; } = "L/h";
    /// <summary>"mol/L".</summary>
    public string Concentration { get; init; } = "mol/L";
    /// <summary>"mol/h".</summary>
    public string MolarFlow { get; init; } = "mol/h";
}

/// <summary>One stream of the result document.</summary>
public sealed record ResultStream
{
    /// <summary>"feed-name" or "CASCADE.outlet".</summary>
    public required string Name { get; init; }
    /// <summary>"aqueous" or "organic".</summary>
    public required string Phase { get; init; }
    /// <summary>L/h.</summary>
    public required double? Flow { get; init; }
    /// <summary>mol/L per element.</summary>
    public required OrderedDictionary<string, double?> Concentrations { get; init; }
    /// <summary>Fraction among rare earths per element, on the purity basis.</summary>
    public required OrderedDictionary<string, double?> Purity { get; init; }
    /// <summary>Fraction of each element's inflow.</summary>
    public required OrderedDictionary<string, double?> Recovery { get; init; }
    /// <summary>"feed", "raffinate", "loaded-organic", "strip-liquor", "stripped-organic", "organic-inlet", "scrub-solution", "strip-solution", "side-draw", "bleed".</summary>
    public required string Kind { get; init; }
    /// <summary>The cascade the stream leaves; null for a stream entering from outside.</summary>
    public required string? From { get; init; }
    /// <summary>The cascades that take the stream (a recycled organic names its own); empty for a product.</summary>
    public required List<string> To { get; init; }
    /// <summary>True when the stream leaves the flowsheet.</summary>
    public required bool IsProduct { get; init; }
    /// <summary>True when the stream enters the flowsheet from outside.</summary>
    public required bool IsInlet { get; init; }
    /// <summary>Acid of an inlet, mol/L of H⁺; null otherwise.</summary>
    public required double? Acid { get; init; }
    /// <summary>mol/h per element.</summary>
    public required OrderedDictionary<string, double?> MolarFlows { get; init; }
}

/// <summary>One stage of the result document (outlet concentrations).</summary>
public sealed record ResultStage
{
    /// <summary>Cascade name.</summary>
    public required string Cascade { get; init; }
    /// <summary>1-based stage number.</summary>
    public required int Stage { get; init; }
    /// <summary>"extraction", "scrub" or "strip".</summary>
    public required string Section { get; init; }
    /// <summary>Aqueous per element, mol/L.</summary>
    public required OrderedDictionary<string, double?> Aqueous { get; init; }
    /// <summary>Organic per element, mol/L (null for aqueous-only species).</summary>
    public required OrderedDictionary<string, double?> Organic { get; init; }
    /// <summary>pH, where the chemistry computes it.</summary>
    public required double? Ph { get; init; }
    /// <summary>Free extractant, mol/L (mass-action).</summary>
    public required double? FreeExtractant { get; init; }
    /// <summary>Fraction of the extractant bound (mass-action).</summary>
    public required double? LoadingFraction { get; init; }
    /// <summary>Aqueous outflow, L/h.</summary>
    public required double? AqueousFlow { get; init; }
    /// <summary>Organic outflow, L/h.</summary>
    public required double? OrganicFlow { get; init; }
}

/// <summary>Reagents of the result document.</summary>
public sealed record ResultReagents
{
    /// <summary>Acid, mol/h.</summary>
    public required double? AcidMolPerH { get; init; }
    /// <summary>Base, mol/h.</summary>
    public required double? BaseMolPerH { get; init; }
    /// <summary>Salt, mol/h.</summary>
    public required double? SaltMolPerH { get; init; }
    /// <summary>Acid (100 %), kg/h.</summary>
    public required double? AcidKgPerH { get; init; }
    /// <summary>Base, kg/h.</summary>
    public required double? BaseKgPerH { get; init; }
    /// <summary>Salt, kg/h.</summary>
    public required double? SaltKgPerH { get; init; }
    /// <summary>kg acid per kg product oxide.</summary>
    public required double? AcidKgPerKgOxide { get; init; }
    /// <summary>kg base per kg product oxide.</summary>
    public required double? BaseKgPerKgOxide { get; init; }
    /// <summary>kg salt per kg product oxide.</summary>
    public required double? SaltKgPerKgOxide { get; init; }
    /// <summary>Product oxide, kg/h.</summary>
    public required double? ProductOxideKgPerH { get; init; }
    /// <summary>Acid name.</summary>
    public required string Acid { get; init; }
    /// <summary>Base name, or null.</summary>
    public required string? Base { get; init; }
    /// <summary>Salt name, or null.</summary>
    public required string? Salt { get; init; }
    /// <summary>Organic held in the stages, L (null without stage volumes).</summary>
    public required double? OrganicInventoryL { get; init; }
    /// <summary>One entry per chemical.</summary>
    public required List<ReagentUseEntry> Uses { get; init; }
    /// <summary>What each cascade takes (its share of the uses; per kg of the flowsheet's product oxide).</summary>
    public List<CascadeReagentsEntry> PerCascade { get; init; } = [];

    /// <summary>The reagents of <paramref name="g"/>.</summary>
    public static ResultReagents From(ReagentSummary g) => new()
    {
        AcidMolPerH = Finite(g.AcidMolPerH),
        BaseMolPerH = Finite(g.BaseMolPerH),
        SaltMolPerH = Finite(g.SaltMolPerH),
        AcidKgPerH = Finite(g.AcidKgPerH),
        BaseKgPerH = Finite(g.BaseKgPerH),
        SaltKgPerH = Finite(g.SaltKgPerH),
        AcidKgPerKgOxide = Finite(g.AcidKgPerKgOxide),
        BaseKgPerKgOxide = Finite(g.BaseKgPerKgOxide),
        SaltKgPerKgOxide = Finite(g.SaltKgPerKgOxide),
        ProductOxideKgPerH = Finite(g.ProductOxideKgPerH),
        Acid = g.AcidName,
        Base = g.BaseName,
        Salt = g.SaltName,
        OrganicInventoryL = Finite(g.OrganicInventoryL),
        Uses = ReagentUseEntry.From(g),
        PerCascade = g.Cascades.Select(c => new CascadeReagentsEntry { Cascade = c.Cascade, Uses = ReagentUseEntry.From(g, c.Uses) }).ToList(),
    };
}

/// <summary>The reagents of one cascade.</summary>
public sealed record CascadeReagentsEntry
{
    /// <summary>The cascade.</summary>
    public required string Cascade { get; init; }
    /// <summary>Its uses.</summary>
    public required List<ReagentUseEntry> Uses { get; init; }
}

/// <summary>One chemical bought or discharged.</summary>
public sealed record ReagentUseEntry
{
    /// <summary>"acid", "base" or "salt".</summary>
    public required string Kind { get; init; }
    /// <summary>Formula (HCl, NaOH, …).</summary>
    public required string Chemical { get; init; }
    /// <summary>mol/h.</summary>
    public required double? MolPerH { get; init; }
    /// <summary>kg/h.</summary>
    public required double? KgPerH { get; init; }
    /// <summary>kg per kg of product oxide.</summary>
    public required double? KgPerKgOxide { get; init; }

    /// <summary>The uses of <paramref name="g"/>.</summary>
    public static List<ReagentUseEntry> From(ReagentSummary g) => From(g, g.Uses);

    /// <summary><paramref name="uses"/> (the flowsheet's, or one cascade's), per kg of <paramref name="g"/>'s product oxide.</summary>
    public static List<ReagentUseEntry> From(ReagentSummary g, IReadOnlyList<ReagentUse> uses) => uses.Select(u => new ReagentUseEntry
    {
        Kind = u.Kind,
        Chemical = u.Chemical,
        MolPerH = Finite(u.MolPerH),
        KgPerH = Finite(u.KgPerH),
        KgPerKgOxide = Finite(g.PerKgOxide(u)),
    }).ToList();
}

/// <summary>One spec checked (one element as "element", a group as "elements").</summary>
public sealed record ResultSpec
{
    /// <summary>Stream name.</summary>
    public required string Stream { get; init; }
    /// <summary>The element of a one-element spec; absent for a group.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Element { get; init; }
    /// <summary>The elements of a group spec; absent for one element.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public List<string>? Elements { get; init; }
    /// <summary>"purity" or "recovery" (…).</summary>
    public required string Kind { get; init; }
    /// <summary>Target fraction.</summary>
    public required double? Target { get; init; }
    /// <summary>Achieved fraction.</summary>
    public required double? Value { get; init; }
    /// <summary>True when met.</summary>
    public required bool Met { get; init; }
}

/// <summary>One built-in library entry used (docs/format.md §10).</summary>
public sealed record ProvenanceEntry
{
    /// <summary>"chemistry" or "feed".</summary>
    public required string Kind { get; init; }
    /// <summary>Entry name.</summary>
    public required string Name { get; init; }
    /// <summary>Where it is used.</summary>
    public required List<string> UsedBy { get; init; }
    /// <summary>Provenance tag.</summary>
    public required string Tag { get; init; }
    /// <summary>What a derived value was derived from, or null.</summary>
    public required string? DerivedFrom { get; init; }
    /// <summary>The label users read.</summary>
    public required string Label { get; init; }
    /// <summary>Source.</summary>
    public required string Source { get; init; }
    /// <summary>Keys the file gave itself.</summary>
    public required List<string> FromFile { get; init; }

    /// <summary>The entries of <paramref name="uses"/>.</summary>
    public static List<ProvenanceEntry> From(IReadOnlyList<LibraryUse> uses) => uses.Select(use => new ProvenanceEntry
    {
        Kind = use.Provenance.Kind,
        Name = use.Provenance.Name,
        UsedBy = [.. use.UsedBy],
        Tag = SxCascade.Flowsheets.Provenance.TagName(use.Provenance.Tag),
        DerivedFrom = use.Provenance.DerivedFrom,
        Label = use.Provenance.TagLabel,
        Source = use.Provenance.Source,
        FromFile = [.. use.Provenance.Overridden],
    }).ToList();
}

/// <summary>Shape and inventory of one cascade.</summary>
public sealed record ResultCascade
{
    /// <summary>Cascade name.</summary>
    public required string Name { get; init; }
    /// <summary>n.</summary>
    public required int ExtractionStages { get; init; }
    /// <summary>m.</summary>
    public required int ScrubStages { get; init; }
    /// <summary>k.</summary>
    public required int StripStages { get; init; }
    /// <summary>Feed stage.</summary>
    public required int FeedStage { get; init; }
    /// <summary>L/h.</summary>
    public required double? OrganicFlow { get; init; }
    /// <summary>L (null without stage volume).</summary>
    public required double? OrganicInventoryL { get; init; }
    /// <summary>min (null without stage volume or contactor).</summary>
    public required double? StageResidenceMin { get; init; }
    /// <summary>Contactor type, or null.</summary>
    public required string? Contactor { get; init; }
    /// <summary>Chemistry model key.</summary>
    public required string Model { get; init; }
}

/// <summary>Convergence report of one cascade.</summary>
public sealed record SolverEntry
{
    /// <summary>Cascade name.</summary>
    public required string Cascade { get; init; }
    /// <summary>"newton" or "substitution".</summary>
    public required string Method { get; init; }
    /// <summary>"converged", "max-iterations" or "diverged".</summary>
    public required string Status { get; init; }
    /// <summary>Iterations.</summary>
    public required int Iterations { get; init; }
    /// <summary>Largest relative residual after each iteration.</summary>
    public required List<double?> ResidualHistory { get; init; }
    /// <summary>Why it stopped, or null.</summary>
    public required string? Message { get; init; }
}

/// <summary>Convergence of one tear stream of a cycle.</summary>
public sealed record TearEntry
{
    /// <summary>The torn stream, CASCADE.PORT.</summary>
    public required string Stream { get; init; }
    /// <summary>"broyden".</summary>
    public required string Method { get; init; }
    /// <summary>"converged", "max-iterations" or "diverged".</summary>
    public required string Status { get; init; }
    /// <summary>Passes round the cycle.</summary>
    public required int Passes { get; init; }
    /// <summary>After each pass, the largest change of the stream's molar flows relative to each element's inflow to the cycle.</summary>
    public required List<double?> ChangeHistory { get; init; }
    /// <summary>Why it stopped, or null.</summary>
    public required string? Message { get; init; }
}

/// <summary>The names the documents give to enumerations (the file format's).</summary>
public static class FormatNames
{
    /// <summary>Stream role as in the outlet names of MODEL.md §1.</summary>
    public static string Stream(StreamKind kind) => kind switch
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

    /// <summary>"converged", "max-iterations", "diverged".</summary>
    public static string Status(SolveStatus status) => status switch
    {
        SolveStatus.Converged => "converged",
        SolveStatus.MaxIterations => "max-iterations",
        SolveStatus.Diverged => "diverged",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>"extraction" or "scrub".</summary>
    public static string Section(SxCascade.Design.ControllingSection section) => section switch
    {
        SxCascade.Design.ControllingSection.Extraction => "extraction",
        SxCascade.Design.ControllingSection.Scrub => "scrub",
        _ => throw new ArgumentOutOfRangeException(nameof(section), section, null),
    };
}
