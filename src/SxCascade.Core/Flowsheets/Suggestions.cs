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
    public static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
        {
            for (int j = 1; j <= b.Length; j++)
            {
                int cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
            }
        }
        return d[a.Length, b.Length];
    }
}
