using System.Text;
using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using k8s.Models;

namespace GongOperator.Tests.Reconciliation;

public sealed class CredentialsResolverTests
{
    private static readonly Uri DefaultUrl = new("https://api.gong.io");

    [Fact]
    public void An_origins_own_Secret_is_read_from_its_own_namespace_with_its_base_url()
    {
        var secrets = new Dictionary<ObjectKey, V1Secret> { [new("tenant", "mine")] = Secret("7", ("accessKey", "k"), ("accessKeySecret", "s"), ("baseUrl", "https://company-17.api.gong.io")) };
        var resolver = new CredentialsResolver(k => secrets.GetValueOrDefault(k), new ObjectKey("ops", "default"), DefaultUrl);

        var resolved = resolver.Resolve(Origin("tenant", "mine"));

        Assert.Null(resolved.Problem);
        Assert.Equal("7", resolved.Version);
        Assert.Equal(new Uri("https://company-17.api.gong.io/"), resolved.Company!.BaseUrl);
        Assert.IsType<BasicCredentials>(resolved.Company.Credentials);
    }

    [Fact]
    public void Without_a_reference_the_default_Secret_is_used_and_a_token_means_Bearer()
    {
        var secrets = new Dictionary<ObjectKey, V1Secret> { [new("ops", "default")] = Secret("3", ("accessToken", "tok")) };
        var resolver = new CredentialsResolver(k => secrets.GetValueOrDefault(k), new ObjectKey("ops", "default"), DefaultUrl);

        var resolved = resolver.Resolve(Origin("tenant", null));

        Assert.IsType<BearerCredentials>(resolved.Company!.Credentials);
        Assert.Equal(new Uri("https://api.gong.io/"), resolved.Company.BaseUrl);
    }

    [Fact]
    public void An_OAuth_Secret_is_a_seed_whose_company_follows_the_authorization()
    {
        var secrets = new Dictionary<ObjectKey, V1Secret>
        {
            [new("tenant", "oauth")] = Secret("4", ("clientId", "app"), ("clientSecret", "cs"), ("refreshToken", "refresh-canary"), ("baseUrl", "https://company-17.api.gong.io")),
        };
        var resolver = new CredentialsResolver(k => secrets.GetValueOrDefault(k), null, DefaultUrl);

        var resolved = resolver.Resolve(Origin("tenant", "oauth"));

        Assert.True(resolved.Usable);
        Assert.Null(resolved.Company);
        Assert.Equal(("app", "refresh-canary", "4"), (resolved.Seed!.Client.ClientId, resolved.Seed.RefreshToken, resolved.Seed.ResourceVersion));
        Assert.Equal(new Uri("https://company-17.api.gong.io"), resolved.Seed.BaseUrl);
        Assert.Equal("secret:tenant/oauth", resolved.Seed.Company);
        Assert.DoesNotContain("canary", resolved.Seed.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_static_token_keeps_its_company_budget_when_the_token_is_replaced()
    {
        var secrets = new Dictionary<ObjectKey, V1Secret> { [new("ops", "default")] = Secret("3", ("accessToken", "tok-1")) };
        var resolver = new CredentialsResolver(k => secrets.GetValueOrDefault(k), new ObjectKey("ops", "default"), DefaultUrl);
        var before = resolver.Resolve(Origin("tenant", null)).Company!;

        secrets[new("ops", "default")] = Secret("4", ("accessToken", "tok-2"));
        var after = resolver.Resolve(Origin("tenant", null)).Company!;

        Assert.NotEqual(before.Credentials, after.Credentials);
        Assert.Equal("secret:ops/default", after.Credentials.Identity);
        Assert.Equal(before.Credentials.Identity, after.Credentials.Identity);
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("incremental", RegistrationStrategyKind.Incremental)]
    [InlineData("fullSet", RegistrationStrategyKind.FullSet)]
    public void A_Secrets_registrationStrategy_names_the_companys_strategy(string? given, RegistrationStrategyKind? expected)
    {
        var data = given is null ? new[] { ("accessToken", "tok") } : [("accessToken", "tok"), ("registrationStrategy", given)];
        var secrets = new Dictionary<ObjectKey, V1Secret> { [new("ops", "default")] = Secret("3", data) };
        var resolver = new CredentialsResolver(k => secrets.GetValueOrDefault(k), new ObjectKey("ops", "default"), DefaultUrl);

        Assert.Equal(expected, resolver.Resolve(Origin("tenant", null)).Company!.Strategy);
    }

    [Fact]
    public void An_unknown_registrationStrategy_is_a_credentials_problem()
    {
        var secrets = new Dictionary<ObjectKey, V1Secret> { [new("ops", "default")] = Secret("3", ("accessToken", "tok"), ("registrationStrategy", "replace")) };
        var resolver = new CredentialsResolver(k => secrets.GetValueOrDefault(k), new ObjectKey("ops", "default"), DefaultUrl);

        var resolved = resolver.Resolve(Origin("tenant", null));

        Assert.Null(resolved.Company);
        Assert.Equal("The credentials Secret ops/default has a registrationStrategy that is neither incremental nor fullSet.", resolved.Problem);
    }

    [Theory]
    [InlineData(null, "No Gong credentials")]
    [InlineData("missing", "does not exist")]
    [InlineData("both", "only one kind")]
    [InlineData("oauth-half", "is missing clientSecret and refreshToken")]
    [InlineData("oauth-mixed", "must hold one kind of credentials")]
    [InlineData("half", "must hold either")]
    [InlineData("badurl", "not an http(s) URL")]
    public void Unusable_credentials_give_a_sentence_without_the_secret(string? which, string expected)
    {
        var secrets = new Dictionary<ObjectKey, V1Secret>
        {
            [new("tenant", "both")] = Secret("1", ("accessKey", "k"), ("accessKeySecret", "hunter2"), ("accessToken", "hunter2")),
            [new("tenant", "half")] = Secret("1", ("accessKey", "k")),
            [new("tenant", "oauth-half")] = Secret("1", ("clientId", "app")),
            [new("tenant", "oauth-mixed")] = Secret("1", ("clientId", "app"), ("clientSecret", "hunter2"), ("refreshToken", "hunter2"), ("accessToken", "hunter2")),
            [new("tenant", "badurl")] = Secret("1", ("accessToken", "hunter2"), ("baseUrl", "ftp://x")),
        };
        var resolver = new CredentialsResolver(k => secrets.GetValueOrDefault(k), null, DefaultUrl);

        var resolved = resolver.Resolve(Origin("tenant", which));

        Assert.False(resolved.Usable);
        Assert.Contains(expected, resolved.Problem, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", resolved.Problem, StringComparison.Ordinal);
    }

    private static GongIntegrationOrigin Origin(string ns, string? secret) => new()
    {
        Metadata = new V1ObjectMeta { Name = "o", NamespaceProperty = ns },
        Spec = new GongIntegrationOriginSpec
        {
            IntegrationType = IntegrationTypes.Dialer,
            AllowedOrigin = "https://a.partner.com",
            CredentialsSecretRef = secret is null ? null : new SecretReference { Name = secret },
        },
    };

    private static V1Secret Secret(string version, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { ResourceVersion = version },
        Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)),
    };
}
