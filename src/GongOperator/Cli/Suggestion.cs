namespace GongOperator.Cli;

/// <summary>The known name a mistyped flag or subcommand most likely meant (a swap, a missing or extra letter).</summary>
internal static class Suggestion
{
    /// <summary>The closest of <paramref name="known"/> to <paramref name="typed"/>, or null when none is close.</summary>
    public static string? Closest(string typed, IEnumerable<string> known)
    {
        var bare = typed.TrimStart('-');
        var names = known.ToList();

        // "--state" for "--state-dir": a prefix that fits one name only is the likeliest meaning, however short.
        var prefixed = names.Where(n => bare.Length >= 3 && n.TrimStart('-').StartsWith(bare, StringComparison.Ordinal)).Take(2).ToList();
        if (prefixed.Count == 1)
        {
            return prefixed[0];
        }

        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in names)
        {
            var distance = Distance(bare, candidate.TrimStart('-'));
            if (distance < bestDistance)
            {
                (best, bestDistance) = (candidate, distance);
            }
        }

        // Beyond a third of the word, the "suggestion" would be a different word, not a typo.
        return best is not null && bestDistance <= Math.Max(1, bare.Length / 3) ? best : null;
    }

    /// <summary>Edit distance counting a swap of two neighbours as one edit (optimal string alignment).</summary>
    private static int Distance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (var i = 0; i <= a.Length; i++)
        {
            d[i, 0] = i;
        }

        for (var j = 0; j <= b.Length; j++)
        {
            d[0, j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + cost);
                if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
                {
                    d[i, j] = Math.Min(d[i, j], d[i - 2, j - 2] + 1);
                }
            }
        }

        return d[a.Length, b.Length];
    }
}
