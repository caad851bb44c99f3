using System.Net;
using GongOperator.Gong.Tests.Support;

namespace GongOperator.Gong.Tests;

public sealed class MetricsTests
{
    [Fact]
    public async Task Calls_are_counted_by_status_code_and_timed()
    {
        await using var harness = new GongClientHarness();
        await harness.Register(Companies.Acme, "https://a.partner.com");
        harness.Gong.Respond(_ =>
        {
            var limited = StubGong.Json(HttpStatusCode.TooManyRequests, "{}");
            limited.Headers.RetryAfter = new(TimeSpan.FromSeconds(5));
            return limited;
        });
        await harness.Drive(harness.Register(Companies.Acme, "https://b.partner.com"));
        await harness.Register(Companies.Acme, "https://c.partner.com");

        var text = await harness.MetricsText();

        Assert.Contains("gong_api_calls_total{code=\"200\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("gong_api_calls_total{code=\"429\"} 1", text, StringComparison.Ordinal);
        Assert.Contains("gong_api_call_duration_seconds_count 2", text, StringComparison.Ordinal);
        Assert.Contains("gong_rate_limit_waits_total{reason=\"retry_after\"} 1", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Calls_spaced_within_the_rate_count_no_token_wait()
    {
        await using var harness = new GongClientHarness();

        foreach (var host in new[] { "a", "b", "c" })
        {
            await harness.Register(Companies.Acme, $"https://{host}.partner.com");
            harness.Time.Advance(TimeSpan.FromSeconds(1));
        }

        var text = await harness.MetricsText();
        Assert.Contains("gong_api_calls_total{code=\"200\"} 3", text, StringComparison.Ordinal);
        Assert.DoesNotContain("gong_rate_limit_waits_total{reason=\"token\"}", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remaining_quota_is_exported_per_company_under_a_non_secret_label()
    {
        await using var harness = new GongClientHarness(o => o.DailyQuota = 20);
        await harness.Register(Companies.Acme, "https://a.partner.com");
        await harness.Register(Companies.Bearer, "https://a.partner.com");

        var text = await harness.MetricsText();

        Assert.Contains("gong_daily_quota_remaining{company=\"company-17.api.gong.io/key:acme-key\"} 19", text, StringComparison.Ordinal);
        Assert.Matches("gong_daily_quota_remaining\\{company=\"eu.api.gong.io/token-sha256:[0-9a-f]{11}\"\\} 19", text);
    }

    [Fact]
    public async Task Remaining_quota_follows_the_window_reset_without_a_call()
    {
        await using var harness = new GongClientHarness(o => o.DailyQuota = 20);
        await harness.Register(Companies.Acme, "https://a.partner.com");

        harness.Time.Advance(TimeSpan.FromDays(1));
        var text = await harness.MetricsText();

        Assert.Contains("gong_daily_quota_remaining{company=\"company-17.api.gong.io/key:acme-key\"} 20", text, StringComparison.Ordinal);
    }
}
