namespace GongOperator.LocalCluster.Server;

/// <summary>metadata.generateName: the prefix (cut to 58 characters) plus five random characters from Kubernetes' alphabet.</summary>
internal static class NameGenerator
{
    private const string Alphabet = "bcdfghjklmnpqrstvwxz2456789";
    private const int Attempts = 8;

    /// <summary>A generated name that <paramref name="isFree"/> accepts, or null when none was found in a few attempts (the real server answers 409 then too).</summary>
    public static string? FreeName(string prefix, Func<string, bool> isFree)
    {
        for (var attempt = 0; attempt < Attempts; attempt++)
        {
            var candidate = Generate(prefix);
            if (isFree(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Generate(string prefix)
    {
        if (prefix.Length > 58)
        {
            prefix = prefix[..58];
        }

        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = Alphabet[Random.Shared.Next(Alphabet.Length)];
        }

        return prefix + new string(suffix);
    }
}
