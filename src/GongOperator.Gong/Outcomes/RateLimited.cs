namespace GongOperator.Gong;

/// <summary>Gong answered 429 (now or earlier, for this company): no call to the company before <see cref="Until"/>.</summary>
public sealed record RateLimited : RegistrationOutcome
{
    /// <summary>Creates the outcome.</summary>
    public RateLimited(DateTimeOffset until, string? requestId, IReadOnlyList<string>? errors)
        : base(requestId, errors)
    {
        Until = until;
    }

    /// <summary>When the company opens again (from Retry-After).</summary>
    public DateTimeOffset Until { get; }

    /// <inheritdoc />
    public override DateTimeOffset? RetryNotBefore => Until;
}
