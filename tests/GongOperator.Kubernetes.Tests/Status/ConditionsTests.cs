using GongOperator.Kubernetes.Status;
using k8s.Models;

namespace GongOperator.Kubernetes.Tests.Status;

public sealed class ConditionsTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 25, 10, 0, 0, 500, TimeSpan.Zero);

    [Fact]
    public void A_new_condition_gets_the_time_cut_to_whole_seconds_and_the_observed_generation()
    {
        var list = new List<V1Condition>();

        Assert.True(Conditions.Set(list, "Ready", Conditions.True, "Registered", "ok", 3, T0));

        var c = Assert.Single(list);
        Assert.Equal(new DateTime(2026, 11, 25, 10, 0, 0, DateTimeKind.Utc), c.LastTransitionTime);
        Assert.Equal(3, c.ObservedGeneration);
        Assert.Equal("Registered", c.Reason);
    }

    [Fact]
    public void The_transition_time_stays_when_only_reason_message_or_generation_change()
    {
        var list = new List<V1Condition>();
        Conditions.Set(list, "Ready", Conditions.False, "Waiting", "a", 1, T0);

        Assert.True(Conditions.Set(list, "Ready", Conditions.False, "StillWaiting", "b", 2, T0.AddMinutes(5)));

        var c = Assert.Single(list);
        Assert.Equal(T0.UtcDateTime.AddMilliseconds(-500), c.LastTransitionTime);
        Assert.Equal(2, c.ObservedGeneration);
        Assert.Equal("b", c.Message);
    }

    [Fact]
    public void The_transition_time_moves_when_the_status_flips()
    {
        var list = new List<V1Condition>();
        Conditions.Set(list, "Ready", Conditions.False, "Waiting", "a", 1, T0);

        Conditions.Set(list, "Ready", Conditions.True, "Registered", "ok", 1, T0.AddMinutes(5));

        Assert.Equal(new DateTime(2026, 11, 25, 10, 5, 0, DateTimeKind.Utc), list[0].LastTransitionTime);
        Assert.True(Conditions.IsTrue(list, "Ready"));
    }

    [Fact]
    public void Setting_the_same_condition_again_reports_no_change()
    {
        var list = new List<V1Condition>();
        Conditions.Set(list, "Ready", Conditions.True, "Registered", "ok", 1, T0);

        Assert.False(Conditions.Set(list, "Ready", Conditions.True, "Registered", "ok", 1, T0.AddHours(1)));
        Assert.Equal(T0.UtcDateTime.AddMilliseconds(-500), list[0].LastTransitionTime);
    }

    [Fact]
    public void Remove_drops_only_the_named_condition()
    {
        var list = new List<V1Condition>();
        Conditions.Set(list, "Ready", Conditions.True, "R", "m", 1, T0);
        Conditions.Set(list, "Paused", Conditions.False, "P", "m", 1, T0);

        Assert.True(Conditions.Remove(list, "Paused"));
        Assert.False(Conditions.Remove(list, "Paused"));
        Assert.Equal("Ready", Assert.Single(list).Type);
    }
}
