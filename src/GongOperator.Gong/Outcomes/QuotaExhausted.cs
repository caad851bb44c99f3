namespace GongOperator.Gong;

/// <summary>The company's daily quota is spent on the client side: no call was made; try again at <see cref="Until"/>.</summary>
public sealed record QuotaExhausted : RegistrationOutcome
{
    /// <summary>Creates the outcome.</summary>
    public QuotaExhausted(DateTimeOffset until)
        : base(null, null)
    {
        Until = until;
    }

    /// <summary>The start of the next quota window (00:00 UTC).</summary>
    public DateTimeOffset Until { get; }

    /// <inheritdoc />
    public override DateTimeOffset? RetryNotBefore => Until;
}
