namespace GongOperator.GongSimulator;

/// <summary>A Gong company the simulator serves: its credentials and, optionally, its own limits and partner domain.</summary>
/// <remarks>A class rather than a record so that a generated ToString never prints the secret.</remarks>
public sealed class SimulatedCompany
{
    public SimulatedCompany(string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        Name = name;
    }

    /// <summary>The company's name, as the admin API and the call list show it.</summary>
    public string Name { get; }

    /// <summary>Access key for HTTP Basic auth (with <see cref="AccessKeySecret"/>); null for none.</summary>
    public string? AccessKey { get; init; }

    /// <summary>Access key secret for HTTP Basic auth.</summary>
    public string? AccessKeySecret { get; init; }

    /// <summary>OAuth access tokens accepted as <c>Authorization: Bearer</c> for this company.</summary>
    public IReadOnlyList<string> BearerTokens { get; init; } = [];

    /// <summary>The OAuth app's client id at the token endpoint (with <see cref="OAuthClientSecret"/> and <see cref="OAuthRefreshToken"/>); null: no OAuth.</summary>
    public string? OAuthClientId { get; init; }

    /// <summary>The OAuth app's client secret.</summary>
    public string? OAuthClientSecret { get; init; }

    /// <summary>The refresh token the company's authorization starts with (the seed a person would copy).</summary>
    public string? OAuthRefreshToken { get; init; }

    /// <summary>When set, every allowedOrigin's host must be this domain or under it (Gong refuses origins outside the partner's domain).</summary>
    public string? PartnerDomain { get; init; }

    /// <summary>Calls a second for this company; null takes <see cref="GongSimulatorOptions.RatePerSecond"/>.</summary>
    public int? RatePerSecond { get; init; }

    /// <summary>Calls a UTC day for this company; null takes <see cref="GongSimulatorOptions.DailyQuota"/>.</summary>
    public long? DailyQuota { get; init; }

    /// <summary>This company's answer to an origin already registered; null takes <see cref="GongSimulatorOptions.ConflictMode"/>.</summary>
    public SimulatorConflictMode? ConflictMode { get; init; }

    /// <summary>Whether a POST adds to this company's list or replaces it; null takes <see cref="GongSimulatorOptions.RegistrationMode"/>.</summary>
    public SimulatorRegistrationMode? RegistrationMode { get; init; }

    /// <summary>The demo company served when no company is configured: access keys, and an OAuth authorization of the demo app.</summary>
    public static SimulatedCompany Demo => new(GongSimulator.DemoCompanyName)
    {
        AccessKey = GongSimulator.DemoAccessKey,
        AccessKeySecret = GongSimulator.DemoAccessKeySecret,
        OAuthClientId = GongSimulator.DemoOAuthClientId,
        OAuthClientSecret = GongSimulator.DemoOAuthClientSecret,
        OAuthRefreshToken = GongSimulator.DemoOAuthRefreshToken,
    };

    /// <inheritdoc/>
    public override string ToString() => Name;
}
