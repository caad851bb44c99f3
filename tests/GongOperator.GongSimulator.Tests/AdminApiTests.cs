using System.Net;
using System.Text.Json;

namespace GongOperator.GongSimulator.Tests;

public sealed class AdminApiTests
{
    [Fact]
    public async Task Posting_faults_sets_them_and_answers_the_faults_in_force()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var (status, text) = await h.AdminAsync(HttpMethod.Post, "_simulator/faults",
            "{\"failNext\":2,\"resetNext\":1,\"malformedNext\":3,\"truncatedNext\":4,\"latencyMs\":5,\"stormSeconds\":0,\"stormRetryAfterSeconds\":9,\"exhaustQuota\":[\"demo\"],\"nextIntegrationIds\":[9223372036854775807]}");

        Assert.Equal(HttpStatusCode.OK, status);
        var faults = JsonDocument.Parse(text).RootElement;
        Assert.Equal(2, faults.GetProperty("failNext").GetInt32());
        Assert.Equal(1, faults.GetProperty("resetNext").GetInt32());
        Assert.Equal(3, faults.GetProperty("malformedNext").GetInt32());
        Assert.Equal(4, faults.GetProperty("truncatedNext").GetInt32());
        Assert.Equal(5, faults.GetProperty("latencyMs").GetInt32());
        Assert.Equal(9, faults.GetProperty("stormRetryAfterSeconds").GetInt32());
        Assert.Equal("demo", faults.GetProperty("quotaExhausted")[0].GetString());
        Assert.Equal("9223372036854775807", faults.GetProperty("nextIntegrationIds")[0].GetRawText());
        var (getStatus, getText) = await h.AdminAsync(HttpMethod.Get, "_simulator/faults");
        Assert.Equal(HttpStatusCode.OK, getStatus);
        Assert.Equal(text, getText);
    }

    [Fact]
    public async Task Faults_posted_over_http_shape_the_next_calls()
    {
        await using var h = await SimulatorHarness.StartAsync();

        await h.AdminAsync(HttpMethod.Post, "_simulator/faults", "{\"failNext\":1}");

        Assert.Equal(HttpStatusCode.InternalServerError, (await h.RegisterAsync("DIALER", "https://a.partner.com")).Status);
        Assert.Equal(HttpStatusCode.OK, (await h.RegisterAsync("DIALER", "https://a.partner.com")).Status);
    }

    [Theory]
    [InlineData("{\"failNext\":-1}", "failNext must not be negative")]
    [InlineData("{\"exhaustQuota\":[\"nobody\"]}", "'nobody'")]
    [InlineData("{\"stormRetryAfterSeconds\":0}", "stormRetryAfterSeconds")]
    [InlineData("{\"failNext\":\"two\"}", "not valid JSON")]
    [InlineData("nope", "not valid JSON")]
    [InlineData("null", "JSON object")]
    public async Task Bad_fault_requests_answer_400_with_errors(string body, string expected)
    {
        await using var h = await SimulatorHarness.StartAsync();

        var (status, text) = await h.AdminAsync(HttpMethod.Post, "_simulator/faults", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(expected, JsonDocument.Parse(text).RootElement.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_faults_clears_them()
    {
        await using var h = await SimulatorHarness.StartAsync();
        await h.AdminAsync(HttpMethod.Post, "_simulator/faults", "{\"failNext\":4}");

        var (status, text) = await h.AdminAsync(HttpMethod.Delete, "_simulator/faults");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(0, JsonDocument.Parse(text).RootElement.GetProperty("failNext").GetInt32());
        Assert.Equal(HttpStatusCode.OK, (await h.RegisterAsync("DIALER", "https://a.partner.com")).Status);
    }

    [Fact]
    public async Task The_call_list_shows_every_call_with_time_company_auth_items_status_and_requestId_and_can_be_cleared()
    {
        await using var h = await SimulatorHarness.StartAsync();
        var ok = await h.RegisterAsync("DIALER", "https://a.partner.com");
        var unauthorized = await h.PostAsync(null, SimulatorHarness.Body(("EMAIL_COMPOSER", "https://b.partner.com")));

        var (status, text) = await h.AdminAsync(HttpMethod.Get, "_simulator/calls");

        Assert.Equal(HttpStatusCode.OK, status);
        var calls = JsonDocument.Parse(text).RootElement.EnumerateArray().ToList();
        Assert.Equal(2, calls.Count);
        Assert.Equal(1, calls[0].GetProperty("sequence").GetInt64());
        Assert.True(calls[0].GetProperty("time").GetDateTimeOffset() > DateTimeOffset.UnixEpoch);
        Assert.Equal("demo", calls[0].GetProperty("company").GetString());
        Assert.Equal("basic", calls[0].GetProperty("authKind").GetString());
        Assert.Equal("DIALER", calls[0].GetProperty("items")[0].GetProperty("integrationType").GetString());
        Assert.Equal("https://a.partner.com", calls[0].GetProperty("items")[0].GetProperty("allowedOrigin").GetString());
        Assert.Equal(200, calls[0].GetProperty("status").GetInt32());
        Assert.Equal(ok.RequestId, calls[0].GetProperty("requestId").GetString());
        Assert.Equal(ok.IntegrationId.ToString(System.Globalization.CultureInfo.InvariantCulture), calls[0].GetProperty("integrationId").GetRawText());
        Assert.Equal(JsonValueKind.Null, calls[1].GetProperty("company").ValueKind);
        Assert.Equal("none", calls[1].GetProperty("authKind").GetString());
        Assert.Equal(401, calls[1].GetProperty("status").GetInt32());
        Assert.Equal(unauthorized.RequestId, calls[1].GetProperty("requestId").GetString());
        Assert.Equal("https://b.partner.com", calls[1].GetProperty("items")[0].GetProperty("allowedOrigin").GetString());

        var (deleted, _) = await h.AdminAsync(HttpMethod.Delete, "_simulator/calls");
        Assert.Equal(HttpStatusCode.NoContent, deleted);
        Assert.Equal("[]", (await h.AdminAsync(HttpMethod.Get, "_simulator/calls")).Text);
        Assert.Single(h.Simulator.Registrations);
    }

    [Fact]
    public async Task The_call_list_shows_the_Retry_After_of_a_429()
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { Faults = new SimulatorFaultSpec { StormSeconds = 600, StormRetryAfterSeconds = 3 } });
        await h.RegisterAsync("DIALER", "https://a.partner.com");

        var call = JsonDocument.Parse((await h.AdminAsync(HttpMethod.Get, "_simulator/calls")).Text).RootElement[0];

        Assert.Equal(429, call.GetProperty("status").GetInt32());
        Assert.Equal(3, call.GetProperty("retryAfterSeconds").GetInt32());
        Assert.Equal("storm", call.GetProperty("fault").GetString());
    }

    [Fact]
    public async Task The_registrations_list_shows_origins_per_company_with_exact_ids_and_can_be_filtered_and_cleared()
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions
        {
            Companies =
            [
                new SimulatedCompany("one") { AccessKey = "k1", AccessKeySecret = "s1" },
                new SimulatedCompany("two") { AccessKey = "k2", AccessKeySecret = "s2" },
            ],
            Faults = new SimulatorFaultSpec { NextIntegrationIds = [5517027188234205706, 5517027188234206001] },
        });
        await h.PostAsync(SimulatorHarness.Basic("k1", "s1"), SimulatorHarness.Body(("DIALER", "https://a.partner.com")));
        await h.PostAsync(SimulatorHarness.Basic("k2", "s2"), SimulatorHarness.Body(("ACCOUNT_PAGES", "https://b.partner.com")));

        var all = JsonDocument.Parse((await h.AdminAsync(HttpMethod.Get, "_simulator/registrations")).Text).RootElement;
        var two = JsonDocument.Parse((await h.AdminAsync(HttpMethod.Get, "_simulator/registrations?company=two")).Text).RootElement;
        var (unknown, _) = await h.AdminAsync(HttpMethod.Get, "_simulator/registrations?company=three");

        Assert.Equal(2, all.GetArrayLength());
        Assert.Equal("one", all[0].GetProperty("company").GetString());
        Assert.Equal("DIALER", all[0].GetProperty("integrationType").GetString());
        Assert.Equal("https://a.partner.com", all[0].GetProperty("allowedOrigin").GetString());
        Assert.Equal("5517027188234205706", all[0].GetProperty("integrationId").GetRawText());
        Assert.Equal("5517027188234206001", Assert.Single(two.EnumerateArray()).GetProperty("integrationId").GetRawText());
        Assert.Equal(HttpStatusCode.NotFound, unknown);

        Assert.Equal(HttpStatusCode.NoContent, (await h.AdminAsync(HttpMethod.Delete, "_simulator/registrations?company=one")).Status);
        Assert.Equal("two", Assert.Single(h.Simulator.Registrations).Company);
    }

    [Fact]
    public async Task Conflict_mode_switches_over_http_globally_and_per_company()
    {
        await using var h = await SimulatorHarness.StartAsync();
        await h.RegisterAsync("DIALER", "https://a.partner.com");

        var (status, text) = await h.AdminAsync(HttpMethod.Post, "_simulator/conflict-mode", "{\"mode\":\"ok\",\"company\":\"demo\"}");
        var ok = await h.RegisterAsync("DIALER", "https://a.partner.com");
        await h.AdminAsync(HttpMethod.Post, "_simulator/conflict-mode", "{\"mode\":\"conflict\"}");
        var conflict = await h.RegisterAsync("DIALER", "https://a.partner.com");

        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("ok", JsonDocument.Parse(text).RootElement[0].GetProperty("conflictMode").GetString());
        Assert.Equal(HttpStatusCode.OK, ok.Status);
        Assert.Equal(HttpStatusCode.Conflict, conflict.Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await h.AdminAsync(HttpMethod.Post, "_simulator/conflict-mode", "{\"mode\":\"maybe\"}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await h.AdminAsync(HttpMethod.Post, "_simulator/conflict-mode", "{\"mode\":\"ok\",\"company\":\"nobody\"}")).Status);
    }

    [Fact]
    public async Task The_companies_list_shows_limits_and_usage_but_never_a_secret()
    {
        await using var h = await SimulatorHarness.StartAsync(new GongSimulatorOptions { RatePerSecond = 5, DailyQuota = 42 });
        await h.RegisterAsync("DIALER", "https://a.partner.com");

        var (status, text) = await h.AdminAsync(HttpMethod.Get, "_simulator/companies");

        Assert.Equal(HttpStatusCode.OK, status);
        var demo = JsonDocument.Parse(text).RootElement[0];
        Assert.Equal("demo", demo.GetProperty("name").GetString());
        Assert.Equal("demo-access-key", demo.GetProperty("accessKey").GetString());
        Assert.Equal(5, demo.GetProperty("ratePerSecond").GetInt32());
        Assert.Equal(42, demo.GetProperty("dailyQuota").GetInt64());
        Assert.Equal(1, demo.GetProperty("usedToday").GetInt64());
        Assert.Equal(1, demo.GetProperty("registrationCount").GetInt32());
        Assert.Equal("conflict", demo.GetProperty("conflictMode").GetString());
        Assert.DoesNotContain(GongSimulator.DemoAccessKeySecret, text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Posting_reset_forgets_everything()
    {
        await using var h = await SimulatorHarness.StartAsync();
        await h.RegisterAsync("DIALER", "https://a.partner.com");
        await h.AdminAsync(HttpMethod.Post, "_simulator/faults", "{\"failNext\":4}");

        var (status, _) = await h.AdminAsync(HttpMethod.Post, "_simulator/reset");

        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Empty(h.Simulator.Calls);
        Assert.Empty(h.Simulator.Registrations);
        Assert.Equal(HttpStatusCode.OK, (await h.RegisterAsync("DIALER", "https://a.partner.com")).Status);
    }

    [Fact]
    public async Task Other_methods_on_the_Gong_path_are_not_served()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var (status, _) = await h.AdminAsync(HttpMethod.Get, SimulatorHarness.RegisterPath);

        Assert.Equal(HttpStatusCode.MethodNotAllowed, status);
        Assert.Empty(h.Simulator.Calls);
    }
}
