namespace SxCascade.Flowsheets;

/// <summary>
/// How far a value of the built-in library can be trusted (the provenance tags of the project's
/// reference data, docs/library.md).
/// </summary>
public enum ProvenanceTag
{
    /// <summary>Read in the primary source named.</summary>
    Measured,
    /// <summary>Quoted from a source that cites the primary one.</summary>
    Secondary,
    /// <summary>Computed from tagged values; the computation is named with the value.</summary>
    Derived,
    /// <summary>A typical literature value, not checked against a primary table: never to be shown as measured.</summary>
    Indicative,
}

/// <summary>
/// Where a chemistry or a feed composition came from when the flowsheet took it from the built-in
/// library (<c>chemistry: { system: p507-hcl }</c>, <c>composition: { library: bayan-obo, … }</c>).
/// Reports show it next to every result that depends on it.
/// </summary>
/// <param name="Kind">"system" (a chemistry) or "feed" (a rare-earth distribution).</param>
/// <param name="Name">Library name, e.g. p507-hcl.</param>
/// <param name="Tag">Tag of the library entry as a whole (its weakest value).</param>
/// <param name="DerivedFrom">For <see cref="ProvenanceTag.Derived"/>: the tags of the values it was computed from, as text; else null.</param>
/// <param name="Source">The literature source.</param>
/// <param name="Overridden">Keys (or elements) the flowsheet file gave itself instead of the library's values, in file order.</param>
public sealed record Provenance(string Kind, string Name, ProvenanceTag Tag, string? DerivedFrom, string Source, IReadOnlyList<string> Overridden)
{
    /// <summary>How an indicative value is labelled wherever it is shown.</summary>
    public const string IndicativeLabel = "indicative (typical literature value, not measured)";

    /// <summary>The tag as file and JSON name it: measured, secondary, derived, indicative.</summary>
    public static string TagName(ProvenanceTag tag) => tag switch
    {
        ProvenanceTag.Measured => "measured",
        ProvenanceTag.Secondary => "secondary",
        ProvenanceTag.Derived => "derived",
        ProvenanceTag.Indicative => "indicative",
        _ => throw new ArgumentOutOfRangeException(nameof(tag), tag, null),
    };

    /// <summary>The tag from its name, or null for an unknown name.</summary>
    public static ProvenanceTag? ParseTag(string name) => name switch
    {
        "measured" => ProvenanceTag.Measured,
        "secondary" => ProvenanceTag.Secondary,
        "derived" => ProvenanceTag.Derived,
        "indicative" => ProvenanceTag.Indicative,
        _ => null,
    };

    /// <summary>
    /// The tag as users read it: "measured", "derived (from secondary values)", and for indicative
    /// values always <see cref="IndicativeLabel"/>.
    /// </summary>
    public static string Label(ProvenanceTag tag, string? derivedFrom = null) => tag switch
    {
        ProvenanceTag.Indicative => IndicativeLabel,
        ProvenanceTag.Derived when derivedFrom is { Length: > 0 } from => $"derived (from {from})",
        _ => TagName(tag),
    };

    /// <summary><see cref="Label(ProvenanceTag, string?)"/> of this entry.</summary>
    public string TagLabel => Label(Tag, DerivedFrom);
}
