namespace GongOperator.Gong.Tests.Support;

/// <summary>Companies used across tests; the secrets are recognisable so tests can search for them.</summary>
public static class Companies
{
    public const string Secret = "S3CRET-never-print-7f3a9c";
    public const string Token = "T0KEN-never-print-b81e44";

    public static GongCompany Acme { get; } = new(new Uri("https://company-17.api.gong.io"), new BasicCredentials("acme-key", Secret));

    public static GongCompany Globex { get; } = new(new Uri("https://company-18.api.gong.io"), new BasicCredentials("globex-key", Secret + "-globex"));

    public static GongCompany Bearer { get; } = new(new Uri("https://eu.api.gong.io"), new BearerCredentials(Token));
}
