namespace GongOperator.Gong;

/// <summary>One allowed iFrame origin for one integration type, as sent to Gong.</summary>
/// <param name="IntegrationType">EMAIL_COMPOSER, ACCOUNT_PAGES or DIALER.</param>
/// <param name="AllowedOrigin">An origin: scheme://host[:port].</param>
public sealed record OriginRegistration(string IntegrationType, string AllowedOrigin);
