using GongOperator.Kubernetes.Events;
using GongOperator.Kubernetes.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Kubernetes.Tests.Events;

/// <summary>What a reconciler and the API server see of the recorder: queued, written one at a time, bounded, drained on stop.</summary>
public sealed class EventRecorderTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_burst_of_10000_events_returns_at_once_keeps_one_write_in_flight_and_drops_past_the_queue()
    {
        var sink = new GatedSink();
        var logger = new FakeLogger();
        await using var recorder = new EventRecorder(sink, "gong-operator", "host-1", logger, new FakeTimeProvider(), null);
        await recorder.RecordAsync(Widget.Create("a", "w-first"), EventTypes.Normal, "Registered", "registered", Ct);
        await Poll.UntilAsync(() => sink.InFlight == 1, "the first write is in flight");

        var burst = Enumerable.Range(0, 10_000).Select(i => recorder.RecordAsync(Widget.Create("a", $"w{i}"), EventTypes.Normal, "Registered", "registered", Ct));

        // Every call has already returned: none waits on a write, though the API server has not answered the first.
        Assert.All(burst.ToList(), t => Assert.True(t.IsCompletedSuccessfully));
        Assert.Equal(EventRecorderOptions.DefaultQueueCapacity, recorder.Pending);
        Assert.Single(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("1000 events wait", StringComparison.Ordinal));

        sink.Open();
        await Poll.UntilAsync(() => sink.Created.Count == 1 + EventRecorderOptions.DefaultQueueCapacity && sink.InFlight == 0, "the queued events are written");
        Assert.Equal(1, sink.MaxInFlight);
        Assert.Equal(["w-first", "w0", "w1"], sink.Created.Take(3).Select(e => e.InvolvedObject.Name));
        Assert.Equal("w999", sink.Created[^1].InvolvedObject.Name);
    }

    [Fact]
    public async Task The_spam_filter_drops_one_objects_flood_before_it_takes_a_place_in_the_queue()
    {
        var sink = new GatedSink();
        await using var recorder = new EventRecorder(sink, "gong-operator", null, null, new FakeTimeProvider(), new EventRecorderOptions { QueueCapacity = 30 });
        var noisy = Widget.Create("a", "noisy");

        for (var i = 0; i < 40; i++)
        {
            await recorder.RecordAsync(noisy, EventTypes.Warning, "Failed", "boom", Ct);
        }

        await recorder.RecordAsync(Widget.Create("a", "quiet"), EventTypes.Normal, "Registered", "registered", Ct);
        sink.Open();

        // Burst 25 for the noisy object (one create, then count bumps); the quiet one still got its place.
        await Poll.UntilAsync(() => sink.Created.Count + sink.Patched.Count == 26 && sink.InFlight == 0, "the events are written");
        Assert.Equal(["noisy", "quiet"], sink.Created.Select(e => e.InvolvedObject.Name));
        Assert.Equal(24, sink.Patched.Count);
        Assert.Contains("\"count\":25", sink.Patched[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_stop_writes_what_is_queued_before_it_returns()
    {
        var sink = new GatedSink();
        sink.Open();
        var recorder = new EventRecorder(sink, "gong-operator", null, null, new FakeTimeProvider(), null);
        for (var i = 0; i < 50; i++)
        {
            await recorder.RecordAsync(Widget.Create("a", $"w{i}"), EventTypes.Normal, "Registered", "registered", Ct);
        }

        await recorder.DisposeAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.Equal(50, sink.Created.Count);
        await recorder.RecordAsync(Widget.Create("a", "late"), EventTypes.Normal, "Registered", "registered", Ct);
        Assert.Equal(0, recorder.Pending);
    }

    [Fact]
    public async Task A_stop_against_a_server_that_does_not_answer_ends_at_the_drain_bound_and_cancels_the_write()
    {
        var time = new FakeTimeProvider();
        var sink = new GatedSink();
        var logger = new FakeLogger();
        var recorder = new EventRecorder(sink, "gong-operator", null, logger, time, new EventRecorderOptions { DrainTimeout = TimeSpan.FromSeconds(5) });
        for (var i = 0; i < 3; i++)
        {
            await recorder.RecordAsync(Widget.Create("a", $"w{i}"), EventTypes.Normal, "Registered", "registered", Ct);
        }

        await Poll.UntilAsync(() => sink.InFlight == 1, "the first write is in flight");
        var stop = recorder.DisposeAsync().AsTask();
        time.Advance(TimeSpan.FromSeconds(4.9));
        Assert.False(stop.IsCompleted);

        time.Advance(TimeSpan.FromMilliseconds(100));
        await stop.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        Assert.True(sink.LastWriteCancelled);
        Assert.Empty(sink.Created);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("with 3 events not written", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_failed_write_is_logged_and_the_next_event_is_still_written()
    {
        var sink = new GatedSink { FailNext = true };
        sink.Open();
        var logger = new FakeLogger();
        await using var recorder = new EventRecorder(sink, "gong-operator", null, logger, new FakeTimeProvider(), null);

        await recorder.RecordAsync(Widget.Create("a", "w0"), EventTypes.Normal, "Registered", "registered", Ct);
        await recorder.RecordAsync(Widget.Create("a", "w1"), EventTypes.Normal, "Registered", "registered", Ct);

        await Poll.UntilAsync(() => sink.Created.Count == 1, "the second event is written");
        Assert.Equal("w1", sink.Created[0].InvolvedObject.Name);
        Assert.Contains(logger.Collector.GetSnapshot(), r => r.Level == LogLevel.Warning && r.Message.Contains("could not write event Registered for w0", StringComparison.Ordinal));
    }

    /// <summary>An API server whose answers the test releases; it counts the writes in flight.</summary>
    private sealed class GatedSink : IEventSink
    {
        private readonly TaskCompletionSource _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly Lock _gate = new();
        private int _inFlight;

        public List<Corev1Event> Created { get; } = [];

        public List<string> Patched { get; } = [];

        public int InFlight => Volatile.Read(ref _inFlight);

        public int MaxInFlight { get; private set; }

        public bool LastWriteCancelled { get; private set; }

        public bool FailNext { get; set; }

        public void Open() => _open.TrySetResult();

        public Task CreateAsync(string eventNamespace, Corev1Event body, CancellationToken cancellationToken) =>
            WriteAsync(() => Created.Add(body), cancellationToken);

        public Task PatchAsync(string eventNamespace, string name, V1Patch patch, CancellationToken cancellationToken) =>
            WriteAsync(() => Patched.Add((string)patch.Content), cancellationToken);

        private async Task WriteAsync(Action record, CancellationToken cancellationToken)
        {
            lock (_gate)
            {
                MaxInFlight = Math.Max(MaxInFlight, Interlocked.Increment(ref _inFlight));
            }

            try
            {
                await _open.Task.WaitAsync(cancellationToken);
                lock (_gate)
                {
                    if (FailNext)
                    {
                        FailNext = false;
                        throw new HttpRequestException("connection refused");
                    }

                    record();
                }
            }
            catch (OperationCanceledException)
            {
                LastWriteCancelled = true;
                throw;
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }
        }
    }
}
