namespace GongOperator.Testing;

/// <summary>
/// A TimeProvider over another (usually a FakeTimeProvider) that tells when timers have been started on it, that is
/// when code under test has begun a delay: a test advances the fake clock only after that, never racing it.
/// </summary>
public sealed class TimerWatchingTimeProvider(TimeProvider inner) : TimeProvider
{
    private readonly Lock _lock = new();
    private readonly List<(int Count, TaskCompletionSource Reached)> _waiters = [];
    private int _created;

    /// <summary>Completes once the first timer has been started.</summary>
    public Task TimerCreated => WhenTimersCreated(1);

    /// <summary>Completes once <paramref name="count"/> timers in all have been started.</summary>
    public Task WhenTimersCreated(int count)
    {
        lock (_lock)
        {
            if (_created >= count)
            {
                return Task.CompletedTask;
            }

            var reached = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _waiters.Add((count, reached));
            return reached.Task;
        }
    }

    public override DateTimeOffset GetUtcNow() => inner.GetUtcNow();

    public override long GetTimestamp() => inner.GetTimestamp();

    public override long TimestampFrequency => inner.TimestampFrequency;

    public override TimeZoneInfo LocalTimeZone => inner.LocalTimeZone;

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = inner.CreateTimer(callback, state, dueTime, period);
        List<TaskCompletionSource> reached;
        lock (_lock)
        {
            _created++;
            reached = _waiters.Where(w => w.Count <= _created).Select(w => w.Reached).ToList();
            _waiters.RemoveAll(w => w.Count <= _created);
        }

        reached.ForEach(r => r.TrySetResult());
        return timer;
    }
}
