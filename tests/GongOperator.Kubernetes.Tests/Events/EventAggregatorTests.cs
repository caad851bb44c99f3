using GongOperator.Kubernetes.Events;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Kubernetes.Tests.Events;

public sealed class EventAggregatorTests
{
    private static EventSpec Spec(string message = "registered", string reason = "Registered", string name = "w1")
        => new("Widget", "a", name, "uid-1", "Normal", reason, message, "gong-operator");

    [Fact]
    public void The_first_event_is_created_with_a_client_go_style_name()
    {
        var time = new FakeTimeProvider(DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));
        var aggregator = new EventAggregator(time);

        var decision = aggregator.Decide(Spec());

        Assert.Equal(EventAction.Create, decision.Action);
        Assert.Equal("w1." + (1_700_000_000L * 1_000_000_000).ToString("x", System.Globalization.CultureInfo.InvariantCulture), decision.Name);
        Assert.Equal(1, decision.Count);
    }

    [Fact]
    public void An_identical_repeat_bumps_count_and_last_timestamp_of_the_same_event()
    {
        var time = new FakeTimeProvider();
        var aggregator = new EventAggregator(time);
        var first = aggregator.Decide(Spec());
        time.Advance(TimeSpan.FromSeconds(30));

        var second = aggregator.Decide(Spec());

        Assert.Equal(EventAction.Patch, second.Action);
        Assert.Equal(first.Name, second.Name);
        Assert.Equal(2, second.Count);
        Assert.Equal(first.FirstTimestamp, second.FirstTimestamp);
        Assert.Equal(first.FirstTimestamp + TimeSpan.FromSeconds(30), second.LastTimestamp);
    }

    [Fact]
    public void A_different_message_is_a_different_event()
    {
        var aggregator = new EventAggregator(new FakeTimeProvider());
        var first = aggregator.Decide(Spec("one"));

        var second = aggregator.Decide(Spec("two"));

        Assert.Equal(EventAction.Create, second.Action);
        Assert.NotEqual(first.Name, second.Name);
    }

    [Fact]
    public void Ten_similar_events_within_ten_minutes_are_combined()
    {
        var time = new FakeTimeProvider();
        var aggregator = new EventAggregator(time);
        for (var i = 0; i < 9; i++)
        {
            Assert.Equal(EventAction.Create, aggregator.Decide(Spec("message " + i)).Action);
            time.Advance(TimeSpan.FromMilliseconds(1));
        }

        var tenth = aggregator.Decide(Spec("message 9"));
        time.Advance(TimeSpan.FromMilliseconds(1));
        var eleventh = aggregator.Decide(Spec("message 10"));

        Assert.Equal("(combined from similar events): message 9", tenth.Message);
        Assert.Equal(EventAction.Create, tenth.Action);
        Assert.Equal(EventAction.Patch, eleventh.Action);
        Assert.Equal(tenth.Name, eleventh.Name);
        Assert.Equal("(combined from similar events): message 10", eleventh.Message);
    }

    [Fact]
    public void The_spam_filter_allows_a_burst_of_25_per_object_then_one_per_five_minutes()
    {
        var time = new FakeTimeProvider();
        var aggregator = new EventAggregator(time);
        for (var i = 0; i < 25; i++)
        {
            Assert.NotEqual(EventAction.Drop, aggregator.Decide(Spec()).Action);
        }

        Assert.Equal(EventAction.Drop, aggregator.Decide(Spec()).Action);
        Assert.NotEqual(EventAction.Drop, aggregator.Decide(Spec(name: "other")).Action);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(EventAction.Patch, aggregator.Decide(Spec()).Action);
        Assert.Equal(EventAction.Drop, aggregator.Decide(Spec()).Action);
    }

    [Fact]
    public void A_recreated_event_starts_over_under_a_new_name()
    {
        var time = new FakeTimeProvider();
        var aggregator = new EventAggregator(time);
        var first = aggregator.Decide(Spec());
        time.Advance(TimeSpan.FromHours(2));
        var patch = aggregator.Decide(Spec());

        var recreated = aggregator.Recreated(patch);
        var next = aggregator.Decide(Spec());

        Assert.NotEqual(first.Name, recreated.Name);
        Assert.StartsWith("w1.", recreated.Name, StringComparison.Ordinal);
        Assert.Equal(1, recreated.Count);
        Assert.Equal(recreated.Name, next.Name);
        Assert.Equal(2, next.Count);
    }
}
