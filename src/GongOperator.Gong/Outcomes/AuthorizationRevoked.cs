namespace GongOperator.Gong;

/// <summary>
/// Gong's OAuth token endpoint refused the refresh token (400 <c>invalid_grant</c>, or any 400/401): the customer's
/// authorization of the app is gone (revoked, expired, or its single-use refresh token already spent) and only a person
/// re-authorizing the app in Gong brings it back. No integration-settings call was made.
/// </summary>
public sealed record AuthorizationRevoked : RegistrationOutcome
{
    /// <summary>Creates the outcome; <paramref name="error"/> is the token endpoint's <c>error</c> code (never a token).</summary>
    public AuthorizationRevoked(int statusCode, string? error)
        : base(null, error is null ? [] : [error])
    {
        StatusCode = statusCode;
        Error = error;
    }

    /// <summary>The token endpoint's status code (400 or 401).</summary>
    public int StatusCode { get; }

    /// <summary>Its <c>error</c> field, for example <c>invalid_grant</c>; null when it sent none.</summary>
    public string? Error { get; }
}
