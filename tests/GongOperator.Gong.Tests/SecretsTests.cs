using System.Net;
using System.Text;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests;

public sealed class SecretsTests
{
    private static readonly string[] Forbidden =
    [
        Companies.Secret,
        Companies.Token,
        Convert.ToBase64String(Encoding.UTF8.GetBytes("acme-key:" + Companies.Secret)),
    ];

    private static void AssertNoSecret(string text)
    {
        foreach (var secret in Forbidden)
        {
            var at = text.IndexOf(secret, StringComparison.Ordinal);
            Assert.True(at < 0, at < 0 ? "" : text.Substring(Math.Max(0, at - 300), Math.Min(400, text.Length - Math.Max(0, at - 300))));
        }
    }

    [Fact]
    public async Task Secrets_never_appear_in_logs_outcomes_or_metrics()
    {
        await using var harness = new GongClientHarness(o =>
        {
            o.MaxRetries = 1;
            o.CircuitBreakerMinimumThroughput = 100;
        });
        var answers = new Queue<HttpStatusCode>([
            HttpStatusCode.OK, HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden, HttpStatusCode.BadRequest,
            HttpStatusCode.Conflict, HttpStatusCode.InternalServerError, HttpStatusCode.InternalServerError, HttpStatusCode.TooManyRequests]);
        harness.Gong.Respond(_ =>
        {
            var status = answers.Count > 0 ? answers.Dequeue() : HttpStatusCode.OK;
            return StubGong.Json(status, """{"requestId":"r","integrationId":1,"errors":["e"]}""");
        });

        var outcomes = new List<RegistrationOutcome>();
        foreach (var company in new[] { Companies.Acme, Companies.Bearer })
        {
            for (var i = 0; i < 4; i++)
            {
                outcomes.Add(await harness.Drive(harness.Register(company, $"https://t{i}.partner.com")));
            }
        }

        harness.Gong.Responder = (_, _) => throw new HttpRequestException(HttpRequestError.ConnectionError, "reset");
        outcomes.Add(await harness.Drive(harness.Register(Companies.Bearer, "https://reset.partner.com")));

        var logs = harness.AllLogText();
        Assert.NotEmpty(logs);
        Assert.Contains("company-17.api.gong.io", logs, StringComparison.Ordinal);
        AssertNoSecret(logs);
        AssertNoSecret(string.Join("\n", outcomes.Select(o => o.ToString())));
        AssertNoSecret(await harness.MetricsText());
        AssertNoSecret(harness.Budgets.GetBudgetState(Companies.Bearer).ToString());
    }

    [Fact]
    public void Credentials_and_companies_print_no_secret()
    {
        AssertNoSecret(Companies.Acme.ToString());
        AssertNoSecret(Companies.Bearer.ToString());
        AssertNoSecret(Companies.Acme.Credentials.ToString());
        AssertNoSecret(Companies.Bearer.Credentials.ToString());
        Assert.Contains("key:acme-key", Companies.Acme.ToString(), StringComparison.Ordinal);
        Assert.Contains("token-sha256:", Companies.Bearer.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_credentials_fail_with_messages_that_carry_no_value()
    {
        var errors = new[]
        {
            Assert.Throws<ArgumentException>(() => new BasicCredentials("", Companies.Secret)),
            Assert.Throws<ArgumentException>(() => new BasicCredentials("with:colon", Companies.Secret)),
            Assert.Throws<ArgumentException>(() => new BasicCredentials("k", "")),
            Assert.Throws<ArgumentException>(() => new BearerCredentials(" ")),
            Assert.Throws<ArgumentException>(() => new GongCompany(new Uri("ftp://x/" + Companies.Secret), Companies.Acme.Credentials)),
        };

        Assert.All(errors, e => AssertNoSecret(e.ToString()));
    }

    [Fact]
    public void The_bearer_identity_is_a_fingerprint_and_differs_per_token()
    {
        var a = new BearerCredentials(Companies.Token);
        var b = new BearerCredentials(Companies.Token + "x");

        Assert.NotEqual(a.Identity, b.Identity);
        Assert.Equal("token-sha256:".Length + 64, a.Identity.Length);
        AssertNoSecret(a.Identity);
    }
}
