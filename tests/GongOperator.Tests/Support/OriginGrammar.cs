using System.Globalization;
using System.Text;

namespace GongOperator.Tests.Support;

/// <summary>
/// Generates allowedOrigin values from the origin grammar (scheme://host[:port], DNS labels, the length bounds) and
/// its near misses: one small mutation of a valid origin, each aimed at one rule's edge (a port of 0 or 65536, a
/// 64-character label, a 254-character host, an upper-case letter, a trailing slash...). Seeded, so a failure repeats.
/// </summary>
internal sealed class OriginGrammar(int seed)
{
    private const string LabelInner = "abcdefghijklmnopqrstuvwxyz0123456789-";
    private const string LabelEdge = "abcdefghijklmnopqrstuvwxyz0123456789";

    private static readonly string[] NearMissPorts = ["0", "00", "080", "65536", "70000", "99999", "100000", "", "-1", "8a", "+80", " 80"];
    private static readonly string[] BadCharacters = ["_", " ", "!", "é", "~", "%", "\t", "ı", "ｆ"];
    private static readonly string[] Suffixes = ["/", "/path", "?q=1", "#f", "\n", " ", "/.", ":80/"];
    private static readonly string[] BadSchemes = ["ftp://", "HTTPS://", "Http://", "ws://", "", "https:/", "https//", "https:///", "//"];

    private readonly Random _random = new(seed);

    /// <summary>A valid origin or (about half the time) a near miss.</summary>
    public string Next() => _random.Next(2) == 0 ? Valid() : NearMiss();

    /// <summary>An origin of the grammar, often at a bound (63-character labels, 253-character hosts, ports 1 and 65535).</summary>
    public string Valid()
    {
        var scheme = _random.Next(2) == 0 ? "https://" : "http://";
        var port = _random.Next(3) switch
        {
            0 => "",
            1 => ":" + Pick(["1", "9", "10", "80", "443", "999", "1000", "8080", "9999", "10000", "59999", "60000", "64999", "65499", "65529", "65535"]),
            _ => ":" + _random.Next(1, 65536).ToString(CultureInfo.InvariantCulture),
        };
        var hostLength = _random.Next(4) == 0 ? _random.Next(240, 254) : _random.Next(1, 40);
        // The schema's 267 is https:// + a 253-character host + :65535; keep a valid origin within it.
        hostLength = Math.Min(hostLength, 267 - scheme.Length - port.Length);
        return scheme + Host(hostLength, maxLabel: 63) + port;
    }

    /// <summary>A valid origin with one mutation aimed at one rule.</summary>
    public string NearMiss()
    {
        var scheme = _random.Next(2) == 0 ? "https://" : "http://";
        var host = Host(_random.Next(1, 30), maxLabel: 63);
        return _random.Next(14) switch
        {
            0 => scheme + host + ":" + Pick(NearMissPorts),
            1 => scheme + Host(_random.Next(64, 70), maxLabel: 64 + _random.Next(0, 6), exactLabel: true),
            2 => scheme + Host(_random.Next(254, 261 - (scheme.Length - 7)), maxLabel: 63),
            3 => scheme + Host(_random.Next(254, 300), maxLabel: 63) + ":" + _random.Next(1, 65536).ToString(CultureInfo.InvariantCulture),
            4 => scheme + Insert(host, ((char)('A' + _random.Next(26))).ToString()),
            5 => scheme + Insert(host, Pick(BadCharacters)),
            6 => scheme + Pick(["-" + host, host + "-", host.Replace(".", "-.", StringComparison.Ordinal) + "x", "a-." + host]),
            7 => scheme + Pick(["." + host, host + ".", host + "..a", "a..b"]),
            8 => scheme + host + Pick(Suffixes),
            9 => scheme + Pick(["user@", "user:pw@", "@"]) + host,
            10 => scheme + Pick(["*.", "*"]) + host,
            11 => Pick(BadSchemes) + host,
            12 => scheme + Pick(["[::1]", "[::1]:80", host + ":80:80", host + "::80", ""]),
            _ => Pick(["", " " + scheme + host, scheme + host + "\r\n"]),
        };
    }

    private string Pick(string[] choices) => choices[_random.Next(choices.Length)];

    private string Insert(string host, string what)
    {
        var at = _random.Next(host.Length + 1);
        return host[..at] + what + host[at..];
    }

    /// <summary>A host of exactly <paramref name="length"/> characters: labels of at most <paramref name="maxLabel"/> joined by dots.</summary>
    private string Host(int length, int maxLabel, bool exactLabel = false)
    {
        var labels = new List<string>();
        var left = length;
        while (left > 0)
        {
            // Never leave a remainder of 1: it would need an empty label after the dot.
            var size = exactLabel && labels.Count == 0 ? Math.Min(maxLabel, left) : Math.Min(left, _random.Next(1, maxLabel + 1));
            if (left - size == 1)
            {
                size = size > 1 ? size - 1 : size + 1;
            }

            labels.Add(Label(size));
            left -= size + 1;
        }

        var host = string.Join('.', labels);
        return host.Length > length ? host[..length].TrimEnd('.', '-') : host;
    }

    private string Label(int size)
    {
        var text = new StringBuilder(size);
        for (var i = 0; i < size; i++)
        {
            var alphabet = i == 0 || i == size - 1 ? LabelEdge : LabelInner;
            text.Append(alphabet[_random.Next(alphabet.Length)]);
        }

        return text.ToString();
    }
}
