using Microsoft.Extensions.Logging;

namespace GongOperator.GongSimulator;

/// <summary>How to start a <see cref="GongSimulator"/>.</summary>
public sealed class GongSimulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one (read it back from <see cref="GongSimulator.BaseAddress"/>).</summary>
    public int Port { get; init; }

    /// <summary>The companies served; when empty, the demo company (<see cref="SimulatedCompany.Demo"/>) alone.</summary>
    public IReadOnlyList<SimulatedCompany> Companies { get; init; } = [];

    /// <summary>Calls a second per company (Gong's default: 3), unless the company sets its own.</summary>
    public int RatePerSecond { get; init; } = 3;

    /// <summary>Calls per UTC day per company (Gong's default: 10,000), unless the company sets its own.</summary>
    public long DailyQuota { get; init; } = 10_000;

    /// <summary>The answer to an origin already registered, unless the company sets its own.</summary>
    public SimulatorConflictMode ConflictMode { get; init; } = SimulatorConflictMode.Conflict;

    /// <summary>Whether a POST adds to a company's list or replaces it, unless the company sets its own (default: add).</summary>
    public SimulatorRegistrationMode RegistrationMode { get; init; } = SimulatorRegistrationMode.Add;

    /// <summary>Lifetime of the OAuth access tokens the token endpoint issues (its <c>expires_in</c>; Gong's is commonly a day).</summary>
    public TimeSpan TokenLifetime { get; init; } = TimeSpan.FromDays(1);

    /// <summary>TCP port of the companies' own API host (<c>api_base_url_for_customer</c>); 0 picks a free one.</summary>
    public int CustomerApiPort { get; init; }

    /// <summary>Faults in force from the start (as if posted to <c>/_simulator/faults</c> once serving).</summary>
    public SimulatorFaultSpec? Faults { get; init; }

    /// <summary>The clock of the rate limits, quota windows, storms and latency; a FakeTimeProvider makes them testable.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Where the simulator logs each call; none when null.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }

    /// <summary>Called after each call to the Gong endpoint has been answered (from the server's threads).</summary>
    public Action<SimulatedCall>? OnCall { get; init; }

    /// <summary>Every problem with these options, one sentence each; empty when they can start a simulator.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (TimeProvider is null)
        {
            errors.Add("a TimeProvider is required");
        }

        if (Port is < 0 or > 65535)
        {
            errors.Add("the port must be from 0 to 65535");
        }

        if (CustomerApiPort is < 0 or > 65535 || (CustomerApiPort != 0 && CustomerApiPort == Port))
        {
            errors.Add("the customer API port must be from 0 to 65535 and differ from the port");
        }

        if (TokenLifetime < TimeSpan.FromSeconds(1))
        {
            errors.Add("the token lifetime must be at least 1 second");
        }

        if (RatePerSecond < 1)
        {
            errors.Add("the rate per second must be at least 1");
        }

        if (DailyQuota < 1)
        {
            errors.Add("the daily quota must be at least 1");
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var tokens = new HashSet<string>(StringComparer.Ordinal);
        foreach (var c in Companies ?? [])
        {
            if (!names.Add(c.Name))
            {
                errors.Add($"company '{c.Name}' is configured twice");
            }

            if ((c.AccessKey is null) != (c.AccessKeySecret is null) || c.AccessKey?.Length == 0 || c.AccessKeySecret?.Length == 0)
            {
                errors.Add($"company '{c.Name}' needs both a non-empty access key and its secret, or neither");
            }

            if (c.AccessKey is not null && c.AccessKey.Contains(':', StringComparison.Ordinal))
            {
                errors.Add($"company '{c.Name}' has an access key with ':', which HTTP Basic cannot carry");
            }

            var oauthParts = new[] { c.OAuthClientId, c.OAuthClientSecret, c.OAuthRefreshToken }.Count(v => !string.IsNullOrEmpty(v));
            if (oauthParts is not (0 or 3) || c.OAuthClientId?.Contains(':', StringComparison.Ordinal) == true)
            {
                errors.Add($"company '{c.Name}' needs an OAuth client id (without ':'), client secret and refresh token, or none of them");
            }

            if (c.AccessKey is null && c.BearerTokens.Count == 0 && oauthParts == 0)
            {
                errors.Add($"company '{c.Name}' has no credentials (an access key and secret, a bearer token, or an OAuth authorization)");
            }

            if (c.AccessKey is { Length: > 0 } key && !keys.Add(key))
            {
                errors.Add($"the access key of company '{c.Name}' is used by another company too");
            }

            foreach (var token in c.BearerTokens)
            {
                if (string.IsNullOrWhiteSpace(token) || !tokens.Add(token))
                {
                    errors.Add($"company '{c.Name}' has an empty bearer token or one another company uses too");
                }
            }

            if (c.PartnerDomain is { } domain && domain.Trim().Trim('.').Length == 0)
            {
                errors.Add($"company '{c.Name}' has an empty partner domain");
            }

            if (c.RatePerSecond is < 1 || c.DailyQuota is < 1)
            {
                errors.Add($"company '{c.Name}' needs a rate and a daily quota of at least 1");
            }
        }

        if (Faults is not null)
        {
            errors.AddRange(Faults.Validate(Companies is { Count: > 0 } ? names : [GongSimulator.DemoCompanyName]));
        }

        return errors;
    }
}
