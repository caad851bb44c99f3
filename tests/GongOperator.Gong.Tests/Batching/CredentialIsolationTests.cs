using System.Net;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests.Batching;

/// <summary>Issue 16: two Secrets of one company (one access key id, different secrets) never share a call, but share the budget.</summary>
public sealed class CredentialIsolationTests
{
    private static readonly GongCompany Right = new(Companies.Acme.BaseUrl, new BasicCredentials("acme-key", "right-S3CRET"));
    private static readonly GongCompany Wrong = new(Companies.Acme.BaseUrl, new BasicCredentials("acme-key", "wrong-S3CRET"));

    private static string BasicHeader(string secret) => "Basic " + Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes("acme-key:" + secret));

    [Fact]
    public async Task Origins_of_two_secrets_with_one_key_id_leave_in_separate_calls_each_with_its_own_secret()
    {
        await using var harness = new GongClientHarness();
        harness.Gong.Respond(r => r.Authorization == BasicHeader("right-S3CRET")
            ? StubGong.Json(HttpStatusCode.OK, """{"requestId":"ok","integrationId":7}""")
            : StubGong.Json(HttpStatusCode.Unauthorized, """{"requestId":"no","errors":["bad credentials"]}"""));

        var right = Enumerable.Range(0, 6).Select(i => harness.Register(Right, $"https://right{i}.partner.com")).ToArray();
        var wrong = Enumerable.Range(0, 6).Select(i => harness.Register(Wrong, $"https://wrong{i}.partner.com")).ToArray();
        await harness.Drive(right.Concat(wrong));

        Assert.All(right, t => Assert.IsType<Registered>(t.Result));
        Assert.All(wrong, t => Assert.IsType<Unauthorized>(t.Result));
        Assert.All(harness.Gong.Requests, r =>
        {
            var prefix = r.Authorization == BasicHeader("right-S3CRET") ? "https://right" : "https://wrong";
            Assert.All(r.Origins, o => Assert.StartsWith(prefix, o, StringComparison.Ordinal));
        });
        Assert.Contains(harness.Gong.Requests, r => r.Authorization == BasicHeader("wrong-S3CRET"));
    }

    [Fact]
    public async Task Two_secrets_of_one_company_share_its_rate_and_its_daily_quota()
    {
        await using var harness = new GongClientHarness(o => o.MaxBatchSize = 1);

        await harness.Drive(Enumerable.Range(0, 12).Select(i => harness.Register(i % 2 == 0 ? Right : Wrong, $"https://t{i}.partner.com")));

        var arrivals = harness.Gong.Requests.Select(r => r.At).Order().ToArray();
        Assert.Equal(12, arrivals.Length);
        for (var i = 3; i < arrivals.Length; i++)
        {
            // Never more than 3 calls of the company in any one second, whichever Secret they carry.
            Assert.True(arrivals[i] - arrivals[i - 3] > TimeSpan.FromSeconds(1), $"calls {i - 3} and {i} are within one second");
        }

        Assert.Equal(harness.Budgets.GetBudgetState(Right), harness.Budgets.GetBudgetState(Wrong));
        Assert.Equal(GongClientOptions.DefaultDailyQuota - 12, harness.Budgets.GetBudgetState(Right).Remaining);
    }

    [Fact]
    public void Bearer_tokens_from_one_secret_are_one_company_and_the_identity_never_shows_the_grouping_hash()
    {
        var before = new BearerCredentials("T0KEN-one", "secret:tenant-a/gong");
        var after = new BearerCredentials("T0KEN-two", "secret:tenant-a/gong");
        var anonymous = new BearerCredentials("T0KEN-one");

        Assert.Equal(before.Identity, after.Identity);
        Assert.NotEqual(before.Fingerprint, after.Fingerprint);
        Assert.DoesNotContain(anonymous.Fingerprint, anonymous.Identity, StringComparison.Ordinal);
        Assert.DoesNotContain(anonymous.Fingerprint, anonymous.ToString(), StringComparison.Ordinal);
    }
}
