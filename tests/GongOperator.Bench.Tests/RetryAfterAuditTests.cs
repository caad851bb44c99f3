using GongOperator.Bench.Gong;

namespace GongOperator.Bench.Tests;

/// <summary>The audit behind the report's "calls inside Retry-After" figure, which fails the bench when it is not 0.</summary>
public sealed class RetryAfterAuditTests
{
    private static readonly DateTimeOffset T0 = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_call_to_the_same_company_before_the_Retry_After_ends_counts()
    {
        SimulatorCallRecord[] calls =
        [
            new(1, T0, "a", 429, 2, "storm"),
            new(2, T0.AddSeconds(1.5), "a", 429, 2, "storm"),
            new(3, T0.AddSeconds(3.6), "a", 200, null, null),
        ];

        Assert.Equal(1, RetryAfterAudit.CallsInsideRetryAfter(calls));
    }

    [Fact]
    public void Calls_after_the_window_or_to_another_company_do_not_count()
    {
        SimulatorCallRecord[] calls =
        [
            new(1, T0, "a", 429, 2, "storm"),
            new(2, T0.AddSeconds(0.1), "b", 200, null, null),
            new(3, T0.AddSeconds(2), "a", 200, null, null),
        ];

        Assert.Equal(0, RetryAfterAudit.CallsInsideRetryAfter(calls));
    }

    [Fact]
    public void A_shorter_later_Retry_After_does_not_shorten_the_window()
    {
        SimulatorCallRecord[] calls =
        [
            new(1, T0, "a", 429, 5, null),
            new(2, T0.AddSeconds(1), "a", 429, 1, null),
            new(3, T0.AddSeconds(3), "a", 200, null, null),
        ];

        Assert.Equal(2, RetryAfterAudit.CallsInsideRetryAfter(calls));
    }
}
