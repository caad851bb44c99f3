namespace GongOperator.Gong;

/// <summary>One allowed iFrame origin for one integration type, as sent to Gong.</summary>
/// <param name="IntegrationType">Gong's name of the integration (DIALER, say); the client sends it as given.</param>
/// <param name="AllowedOrigin">An origin: scheme://host[:port].</param>
public sealed record OriginRegistration(string IntegrationType, string AllowedOrigin);
