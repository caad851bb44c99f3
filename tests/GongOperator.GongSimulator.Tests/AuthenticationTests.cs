using System.Net;
using System.Net.Http.Headers;

namespace GongOperator.GongSimulator.Tests;

public sealed class AuthenticationTests
{
    private static GongSimulatorOptions TwoCompanies => new()
    {
        Companies =
        [
            new SimulatedCompany("basic-co") { AccessKey = "key-1", AccessKeySecret = "secret-1" },
            new SimulatedCompany("bearer-co") { BearerTokens = ["token-1"] },
        ],
    };

    public static TheoryData<string, string?, string> RefusedCredentials => new()
    {
        { "missing", null, "the Authorization header is missing" },
        { "wrong secret", "Basic " + Base64("key-1:secret-2"), "the access key or its secret is not valid" },
        { "unknown key", "Basic " + Base64("key-9:secret-1"), "the access key or its secret is not valid" },
        { "no colon", "Basic " + Base64("key-1"), "the access key or its secret is not valid" },
        { "not base64", "Basic %%%", "not valid base64" },
        { "wrong token", "Bearer token-2", "the bearer token is not valid" },
        { "empty token", "Bearer", "the bearer token is not valid" },
        { "basic secret as bearer", "Bearer secret-1", "the bearer token is not valid" },
        { "other scheme", "Digest abc", "must be Basic or Bearer" },
    };

    [Theory]
    [MemberData(nameof(RefusedCredentials))]
    public async Task Missing_or_wrong_credentials_answer_401_with_Gong_error_body(string why, string? header, string expected)
    {
        await using var h = await SimulatorHarness.StartAsync(TwoCompanies);

        var answer = await h.PostAsync(header is null ? null : AuthenticationHeaderValue.Parse(header), SimulatorHarness.Body(("DIALER", "https://a.partner.com")));

        Assert.True(answer.Status == HttpStatusCode.Unauthorized, why);
        Assert.Matches("^[a-z0-9]{19}$", answer.RequestId);
        Assert.Contains(expected, Assert.Single(answer.Errors), StringComparison.Ordinal);
        Assert.Empty(h.Simulator.Registrations);
        Assert.Null(Assert.Single(h.Simulator.Calls).Company);
    }

    [Fact]
    public async Task Basic_and_Bearer_credentials_of_their_companies_are_accepted_and_recorded()
    {
        await using var h = await SimulatorHarness.StartAsync(TwoCompanies);

        var basic = await h.PostAsync(SimulatorHarness.Basic("key-1", "secret-1"), SimulatorHarness.Body(("DIALER", "https://a.partner.com")));
        var bearer = await h.PostAsync(new AuthenticationHeaderValue("Bearer", "token-1"), SimulatorHarness.Body(("DIALER", "https://a.partner.com")));

        Assert.Equal(HttpStatusCode.OK, basic.Status);
        Assert.Equal(HttpStatusCode.OK, bearer.Status);
        Assert.Collection(h.Simulator.Calls,
            c => Assert.Equal(("basic-co", SimulatedAuthKind.Basic), (c.Company, c.AuthKind)),
            c => Assert.Equal(("bearer-co", SimulatedAuthKind.Bearer), (c.Company, c.AuthKind)));
    }

    [Fact]
    public async Task A_company_may_have_both_Basic_and_Bearer_credentials()
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions
        {
            Companies = [new SimulatedCompany("both") { AccessKey = "k", AccessKeySecret = "s", BearerTokens = ["t"] }],
        });

        Assert.Equal(HttpStatusCode.OK, (await h.PostAsync(SimulatorHarness.Basic("k", "s"), SimulatorHarness.Body(("DIALER", "https://a.partner.com")))).Status);
        Assert.Equal(HttpStatusCode.Conflict, (await h.PostAsync(new("Bearer", "t"), SimulatorHarness.Body(("DIALER", "https://a.partner.com")))).Status);
    }

    private static string Base64(string text) => Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(text));
}
