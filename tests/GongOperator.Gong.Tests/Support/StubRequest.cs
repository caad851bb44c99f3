using System.Text.Json;

namespace GongOperator.Gong.Tests.Support;

/// <summary>One request the stub Gong received, with the fake time it arrived at.</summary>
public sealed record StubRequest(Uri Uri, string? Authorization, string Body, DateTimeOffset At)
{
    /// <summary>The allowedOrigin of each element of integrationTypeSettings, in order.</summary>
    public IReadOnlyList<string> Origins
    {
        get
        {
            using var doc = JsonDocument.Parse(Body);
            return doc.RootElement.GetProperty("integrationTypeSettings").EnumerateArray()
                .Select(e => e.GetProperty("allowedOrigin").GetString()!)
                .ToArray();
        }
    }

    public string Host => Uri.Authority;
}
