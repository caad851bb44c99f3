namespace GongOperator.Gong;

/// <summary>Gong answered 401 or 403: the credentials are wrong, expired, or lack the integration-settings scope.</summary>
public sealed record Unauthorized : RegistrationOutcome
{
    /// <summary>Creates the outcome.</summary>
    public Unauthorized(int statusCode, string? requestId, IReadOnlyList<string>? errors)
        : base(requestId, errors)
    {
        StatusCode = statusCode;
    }

    /// <summary>401 or 403.</summary>
    public int StatusCode { get; }
}
