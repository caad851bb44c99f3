using System.Text.Json;
using GongOperator.Resources;

namespace GongOperator.Tests.Packaging;

/// <summary>charts/examples/tenant: a tenant's Deployment plus its GongIntegrationOrigin.</summary>
public sealed class TenantChartTests
{
    private const string TenantNamespace = "tenant-acme";

    private static Task<IReadOnlyList<RenderedObject>> RenderAsync(params string[] extra) =>
        Renders.HelmTemplateAsync(Renders.TenantChart, "acme", TenantNamespace, ["--set", "host=acme.partner.com", .. extra]);

    [Fact]
    public async Task Helm_lint_is_clean()
    {
        var result = await Renders.HelmLintAsync(Renders.TenantChart, "--set", "host=acme.partner.com");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("0 chart(s) failed", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tenant_gets_a_deployment_and_an_origin_for_its_host()
    {
        var objects = await RenderAsync();

        Assert.Equal(["Deployment/-/acme", "GongIntegrationOrigin/-/acme-dialer"], objects.Kinds());
        var origin = objects.Single("GongIntegrationOrigin");
        Assert.Equal("gongoperator.io/v1alpha1", origin.ApiVersion);
        Assert.Equal("DIALER", origin.StringAt("spec", "integrationType"));
        Assert.Equal("https://acme.partner.com", origin.StringAt("spec", "allowedOrigin"));
        Assert.Null(origin.At("spec", "credentialsSecretRef"));
        // What the CRD (and so the API server) accepts.
        Assert.Null(OriginRules.Validate(origin.StringAt("spec", "allowedOrigin")));
    }

    [Fact]
    public async Task The_integration_type_and_credentials_secret_are_values()
    {
        var objects = await RenderAsync("--set", "integrationType=EMAIL_COMPOSER", "--set", "credentialsSecretName=gong-credentials-acme", "--set", "host=acme.partner.com:8443");

        var origin = objects.Single("GongIntegrationOrigin", "acme-email-composer");
        Assert.Equal("EMAIL_COMPOSER", origin.StringAt("spec", "integrationType"));
        Assert.Equal("gong-credentials-acme", origin.StringAt("spec", "credentialsSecretRef", "name"));
        Assert.Equal("https://acme.partner.com:8443", origin.StringAt("spec", "allowedOrigin"));
        Assert.Null(OriginRules.Validate(origin.StringAt("spec", "allowedOrigin")));
    }

    [Fact]
    public async Task An_OAuth_seed_in_the_values_becomes_a_Secret_the_origin_uses()
    {
        var objects = await RenderAsync("--set", "oauth.clientId=app", "--set", "oauth.clientSecret=client-secret", "--set", "oauth.refreshToken=refresh-token", "--set", "oauth.baseUrl=https://company-17.api.gong.io");

        Assert.Equal(["Deployment/-/acme", "GongIntegrationOrigin/-/acme-dialer", "Secret/-/acme-gong-oauth"], objects.Kinds());
        Assert.Equal("acme-gong-oauth", objects.Single("GongIntegrationOrigin").StringAt("spec", "credentialsSecretRef", "name"));
        var seed = objects.Single("Secret");
        Assert.Equal(
            ["app", "client-secret", "refresh-token", "https://company-17.api.gong.io"],
            new[] { "clientId", "clientSecret", "refreshToken", "baseUrl" }.Select(k => seed.StringAt("stringData", k)));
    }

    [Theory]
    [InlineData("oauth.refreshToken=", "oauth needs clientId, clientSecret and refreshToken: refreshToken missing")]
    [InlineData("credentialsSecretName=gong", "give either credentialsSecretName or oauth, not both")]
    public async Task A_partial_OAuth_seed_or_one_beside_a_Secret_name_is_refused(string set, string message)
    {
        var result = await Renders.HelmTemplateRawAsync(
            Renders.TenantChart, "acme", TenantNamespace, "--set", "host=acme.partner.com", "--set", "oauth.clientId=app", "--set", "oauth.clientSecret=cs", "--set", "oauth.refreshToken=rt", "--set", set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(message, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Installing_without_a_host_fails_with_a_clear_message()
    {
        var result = await Renders.HelmTemplateRawAsync(Renders.TenantChart, "acme", TenantNamespace);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("host is required", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host=Acme.Partner.com", "/host")]
    [InlineData("host=https://acme.partner.com", "/host")]
    [InlineData("integrationType=CHAT", "/integrationType")]
    [InlineData("replicas=one", "/replicas")]
    [InlineData("hostname=acme.partner.com", "")]
    public async Task The_schema_refuses_bad_values_and_unknown_keys(string set, string path)
    {
        var result = await Renders.HelmTemplateRawAsync(Renders.TenantChart, "acme", TenantNamespace, "--set", "host=acme.partner.com", "--set", set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains($"at '{path}'", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public void The_schema_accepts_exactly_the_integration_types_the_crd_does()
    {
        using var schema = JsonDocument.Parse(File.ReadAllText(Path.Combine(Renders.TenantChart, "values.schema.json")));

        var types = schema.RootElement.GetProperty("properties").GetProperty("integrationType").GetProperty("enum")
            .EnumerateArray().Select(t => t.GetString());

        Assert.Equal(IntegrationTypes.All, types);
    }

    [Fact]
    public async Task The_tenant_pod_runs_non_root_without_privileges()
    {
        var deployment = (await RenderAsync()).Single("Deployment");

        Assert.Equal("true", deployment.StringAt("spec", "template", "spec", "securityContext", "runAsNonRoot"));
        Assert.Equal("RuntimeDefault", deployment.StringAt("spec", "template", "spec", "securityContext", "seccompProfile", "type"));
        Assert.Equal("false", deployment.StringAt("spec", "template", "spec", "containers", 0, "securityContext", "allowPrivilegeEscalation"));
        Assert.Equal(["ALL"], deployment.StringsAt("spec", "template", "spec", "containers", 0, "securityContext", "capabilities", "drop"));
    }
}
