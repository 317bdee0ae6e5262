using SxCascade.Chemistry;

namespace SxCascade.IO;

/// <summary>Ready-to-paste flowsheet YAML for the entries of the built-in library (<c>sxcascade systems NAME</c>, <c>feeds NAME</c>).</summary>
public static class LibrarySnippets
{
    /// <summary>
    /// A chemistry block naming <paramref name="system"/>, with the keys the system lacks as lines
    /// to complete (loading required; strip distribution ratios for a cascade with a strip section).
    /// </summary>
    public static string Chemistry(LibrarySystem system)
    {
        var lines = new List<string> { "chemistry:", $"  system: {system.Name}" };
        foreach (var (key, reason) in system.Missing)
        {
            lines.Add(key switch
            {
                "loading" => $"  loading: 0.18 mol/L        # required: {reason}; put your value here",
                "strip-distribution-ratios" => $"  # strip-distribution-ratios: {{ {string.Join(", ", system.Elements.Select(e => $"{e}: 0.01"))} }}   # needed with a strip section: {reason}",
                _ => $"  {key}: …   # {reason}",
            });
        }
        lines.Add("  # any value can be replaced here; element maps merge per element, e.g. separation-factors: { Nd: 7.5 }");
        return string.Join("\n", lines) + "\n";
    }

    /// <summary>A feed using <paramref name="feed"/>, or null when it cannot make a composition.</summary>
    public static string? Feed(LibraryFeed feed)
    {
        if (feed.Unusable is not null) return null;
        var composition = feed.Basis switch
        {
            FeedBasis.GramsPerLitre => $"{{ library: {feed.Name} }}       # the measured g/L; or add total-oxide / total-rare-earth",
            FeedBasis.WeightPercent => $"{{ library: {feed.Name}, total-rare-earth: 0.5 mol/L }}   # or total-oxide: 90 g/L",
            _ => $"{{ library: {feed.Name}, total-oxide: 180 g/L }}   # or total-rare-earth: 1.0 mol/L",
        };
        var name = feed.Name.Split('-')[0];
        return $"feeds:\n  {name}:\n    flow: 10 L/h\n    composition: {composition}\n";
    }

    /// <summary>Mole fractions among rare earths of <paramref name="feed"/>'s distribution (empty when it has none).</summary>
    public static Dictionary<string, double> MoleFractions(LibraryFeed feed)
    {
        var pct = feed.OxidePercent();
        return pct.Count == 0 ? pct : OxideDistribution.MoleFractions(pct);
    }
}
