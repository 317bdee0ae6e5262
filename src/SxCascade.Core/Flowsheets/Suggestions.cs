namespace SxCascade.Flowsheets;

/// <summary>"Did you mean" suggestions for misspelt keys, element symbols and model names.</summary>
public static class Suggestions
{
    /// <summary>Longest name for which a suggestion is looked for.</summary>
    private const int MaxLength = 100;

    /// <summary>
    /// The candidate nearest to <paramref name="given"/> by edit distance (ignoring case), or null
    /// when none is close enough to be a likely typo (at most one edit per three characters, 1..3).
    /// Ties go to the earlier candidate, so callers list the most likely names first.
    /// </summary>
    public static string? Nearest(string given, IEnumerable<string> candidates)
    {
        // a name this long is no typo of a key; and the distance is at least the difference in
        // length, so candidates that differ more are skipped: time stays linear in the candidates
        if (given.Length > MaxLength) return null;
        var g = given.ToLowerInvariant();
        int limit = Math.Clamp(g.Length / 3, 1, 3);
        string? best = null;
        int bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            if (Math.Abs(candidate.Length - g.Length) > limit) continue;
            int d = Distance(g, candidate.ToLowerInvariant());
            if (d < bestDistance)
            {
                best = candidate;
                bestDistance = d;
            }
        }
        return bestDistance <= limit ? best : null;
    }

    /// <summary>"did you mean 'x'? " when a candidate is near, else the empty string.</summary>
    public static string DidYouMean(string given, IEnumerable<string> candidates) =>
        Nearest(given, candidates) is { } near ? $"did you mean '{near}'? " : "";

    /// <summary>
    /// Optimal string alignment distance: insertions, deletions, substitutions and transpositions
    /// of adjacent characters each cost 1, so "scrbu" is one edit from "scrub".
    /// </summary>
    public static int Distance(string a, string b) => SxCascade.Chemistry.Spelling.Distance(a, b);
}
