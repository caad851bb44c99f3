using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using GongOperator.Cli;
using GongOperator.Tests.EndToEnd;

namespace GongOperator.Tests.Cli;

public sealed class SimulatorCommandTests
{
    private const string DialerBody = "{\"integrationTypeSettings\":[{\"integrationType\":\"DIALER\",\"allowedOrigin\":\"https://acme.partner.com\"}]}";

    [Fact]
    public async Task Simulator_prints_ready_with_its_base_url_serves_the_demo_company_and_stops_on_cancellation()
    {
        var stdout = new LineWriter();
        await using var running = RunningCommand.Start(["simulator", "--port", "0"], stdout);

        var ready = await running.WaitForReadyAsync();
        Assert.Equal("(company demo: access key demo-access-key)", ready[ready.IndexOf('(', StringComparison.Ordinal)..]);
        var baseUrl = new Uri(ready.Split(' ')[1]);
        Assert.Equal("127.0.0.1", baseUrl.Host);
        Assert.NotEqual(0, baseUrl.Port);

        using var http = new HttpClient { BaseAddress = baseUrl };
        var status = await PostAsync(http, Basic("demo-access-key", "demo-access-key-secret"), DialerBody);
        Assert.Equal(HttpStatusCode.OK, status);
        await Eventually.HoldsAsync(() => stdout.Lines.Any(l => l.StartsWith("call 1 ", StringComparison.Ordinal)), "the simulator printed its first call");
        Assert.Contains(stdout.Lines, l => l.Contains("company=demo auth=basic [DIALER https://acme.partner.com] -> 200", StringComparison.Ordinal));

        Assert.Equal(0, await running.StopAsync());
        Assert.Equal("stopped", stdout.Lines[^1]);
    }

    [Fact]
    public async Task Simulator_serves_the_companies_given_with_both_kinds_of_credentials_and_never_prints_a_secret()
    {
        var stdout = new LineWriter();
        await using var running = RunningCommand.Start(
            ["simulator", "--company", "acme:acme-key:very-secret-value", "--bearer-company", "acme:very-secret-token", "--bearer-company", "globex:another-secret-token"],
            stdout);

        var ready = await running.WaitForReadyAsync();
        using var http = new HttpClient { BaseAddress = new Uri(ready.Split(' ')[1]) };

        Assert.EndsWith("(company acme: access key acme-key, a bearer token; company globex: a bearer token)", ready, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, Basic("acme-key", "very-secret-value"), DialerBody));
        Assert.Equal(HttpStatusCode.Conflict, await PostAsync(http, new AuthenticationHeaderValue("Bearer", "very-secret-token"), DialerBody));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, new AuthenticationHeaderValue("Bearer", "another-secret-token"), DialerBody));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(http, Basic("demo-access-key", "demo-access-key-secret"), DialerBody));
        Assert.Equal(0, await running.StopAsync());
        Assert.DoesNotContain("secret", string.Join('\n', stdout.Lines), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulator_applies_limits_conflict_mode_and_faults_given_as_flags()
    {
        var stdout = new LineWriter();
        await using var running = RunningCommand.Start(
            ["simulator", "--fail-next", "1", "--conflict-mode", "ok", "--rate-per-second", "100", "--quiet"], stdout);

        using var http = new HttpClient { BaseAddress = new Uri((await running.WaitForReadyAsync()).Split(' ')[1]) };
        var auth = Basic("demo-access-key", "demo-access-key-secret");

        Assert.Equal(HttpStatusCode.InternalServerError, await PostAsync(http, auth, DialerBody));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, auth, DialerBody));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, auth, DialerBody));
        var companies = await http.GetStringAsync("_simulator/companies", TestContext.Current.CancellationToken);
        Assert.Contains("\"ratePerSecond\":100", companies, StringComparison.Ordinal);
        Assert.Equal(0, await running.StopAsync());
        Assert.DoesNotContain(stdout.Lines, l => l.StartsWith("call ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Simulator_flags_set_the_faults_of_answers_that_are_not_JSON()
    {
        await using var running = RunningCommand.Start(["simulator", "--malformed-next", "2", "--truncated-next", "3", "--quiet"], new LineWriter());

        using var http = new HttpClient { BaseAddress = new Uri((await running.WaitForReadyAsync()).Split(' ')[1]) };
        var faults = JsonDocument.Parse(await http.GetStringAsync("_simulator/faults", TestContext.Current.CancellationToken)).RootElement;

        Assert.Equal((2, 3), (faults.GetProperty("malformedNext").GetInt32(), faults.GetProperty("truncatedNext").GetInt32()));
        Assert.Equal(0, await running.StopAsync());
    }

    [Fact]
    public async Task The_token_lifetime_flag_sets_how_long_the_demo_authorizations_access_tokens_live()
    {
        var stdout = new LineWriter();
        await using var running = RunningCommand.Start(["simulator", "--token-lifetime", "90s", "--quiet"], stdout);

        using var http = new HttpClient { BaseAddress = new Uri((await running.WaitForReadyAsync()).Split(' ')[1]) };
        using var refresh = new HttpRequestMessage(HttpMethod.Post, "oauth2/generate-customer-token")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string> { ["grant_type"] = "refresh_token", ["refresh_token"] = "demo-oauth-refresh-token" }),
        };
        refresh.Headers.Authorization = Basic("demo-oauth-client", "demo-oauth-client-secret");
        using var answer = await http.SendAsync(refresh, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        var grant = JsonDocument.Parse(await answer.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(90, grant.GetProperty("expires_in").GetInt64());
        Assert.Equal(0, await running.StopAsync());
    }

    [Fact]
    public async Task Simulator_runs_companies_in_replace_or_add_mode_as_the_flags_say()
    {
        var stdout = new LineWriter();
        await using var running = RunningCommand.Start(
            ["simulator", "--company", "acme:acme-key:s1", "--company", "globex:globex-key:s2", "--registration-mode", "replace", "--registration-mode", "globex:add", "--quiet"], stdout);

        using var http = new HttpClient { BaseAddress = new Uri((await running.WaitForReadyAsync()).Split(' ')[1]) };

        var companies = JsonDocument.Parse(await http.GetStringAsync("_simulator/companies", TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(["replace", "add"], companies.EnumerateArray().Select(c => c.GetProperty("registrationMode").GetString()));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, Basic("acme-key", "s1"), DialerBody));
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, Basic("acme-key", "s1"), DialerBody));
        Assert.Equal(0, await running.StopAsync());
    }

    [Fact]
    public async Task The_demo_company_takes_a_partner_domain_without_being_declared_again()
    {
        var stdout = new LineWriter();
        await using var running = RunningCommand.Start(["simulator", "--partner-domain", "demo:partner.com", "--quiet"], stdout);

        var ready = await running.WaitForReadyAsync();
        using var http = new HttpClient { BaseAddress = new Uri(ready.Split(' ')[1]) };
        var auth = Basic("demo-access-key", "demo-access-key-secret");

        Assert.EndsWith("(company demo: access key demo-access-key)", ready, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, await PostAsync(http, auth, DialerBody));
        Assert.Equal(HttpStatusCode.BadRequest, await PostAsync(http, auth, DialerBody.Replace("acme.partner.com", "acme.elsewhere.com", StringComparison.Ordinal)));
        Assert.Equal(0, await running.StopAsync());
    }

    [Theory]
    [InlineData("--company|acme:very-secret-value", "--company expects NAME:ACCESS_KEY:ACCESS_KEY_SECRET")]
    [InlineData("--company|acme::very-secret-value", "--company expects NAME:ACCESS_KEY:ACCESS_KEY_SECRET")]
    [InlineData("--bearer-company|acme", "--bearer-company expects NAME:TOKEN")]
    [InlineData("--conflict-mode|maybe", "--conflict-mode")]
    [InlineData("--rate-per-second|0", "--rate-per-second")]
    [InlineData("--daily-quota|0", "--daily-quota")]
    [InlineData("--port|70000", "--port")]
    [InlineData("--fail-next|-1", "--fail-next")]
    [InlineData("--storm-retry-after|0", "--storm-retry-after")]
    [InlineData("--partner-domain|nobody:partner.com", "--partner-domain")]
    [InlineData("--exhaust-quota|nobody", "--exhaust-quota")]
    [InlineData("--registration-mode|sometimes", "--registration-mode expects add, replace, NAME:add or NAME:replace")]
    [InlineData("--registration-mode|:replace", "--registration-mode expects")]
    [InlineData("--registration-mode|nobody:replace", "--registration-mode names company 'nobody'")]
    [InlineData("--company|a:k:very-secret-value|--company|a:k2:s2", "company 'a' twice")]
    [InlineData("--company|a:k:very-secret-value|--company|b:k:s2", "company 'b'")]
    [InlineData("--token-lifetime|0", "--token-lifetime: '0' is not a duration from 1s to 8784h")]
    [InlineData("--token-lifetime|soon", "--token-lifetime: 'soon' is not a duration")]
    [InlineData("--no-such-flag", "--no-such-flag")]
    public async Task A_bad_flag_or_value_gives_one_line_naming_it_and_exit_code_2(string args, string expected)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();

        var code = await GongOperatorCli.RunAsync(["simulator", .. args.Split('|')], stdout, stderr);

        Assert.Equal(2, code);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains(expected, line, StringComparison.Ordinal);
        Assert.DoesNotContain("very-secret-value", line, StringComparison.Ordinal);
        Assert.DoesNotContain("ready", stdout.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Simulator_help_names_every_flag()
    {
        var stdout = new StringWriter();

        var code = await GongOperatorCli.RunAsync(["simulator", "--help"], stdout, new StringWriter());

        Assert.Equal(0, code);
        foreach (var flag in new[] { "--port", "--company", "--bearer-company", "--partner-domain", "--rate-per-second", "--daily-quota", "--conflict-mode", "--registration-mode", "--latency-ms", "--fail-next", "--reset-next", "--malformed-next", "--truncated-next", "--storm-seconds", "--storm-retry-after", "--exhaust-quota", "--quiet" })
        {
            Assert.Contains(flag, stdout.ToString(), StringComparison.Ordinal);
        }
    }

    private static AuthenticationHeaderValue Basic(string key, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));

    private static async Task<HttpStatusCode> PostAsync(HttpClient http, AuthenticationHeaderValue auth, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/integration-settings") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Authorization = auth;
        using var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        return response.StatusCode;
    }
}
