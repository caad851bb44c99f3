namespace GongOperator.Kubernetes.Queue;

/// <summary>
/// A token bucket that hands out reservations (the shape of Go's rate.Limiter.Reserve): each call takes one token
/// now and says how long the caller must wait for it. Thread-safe; time comes from a <see cref="TimeProvider"/>.
/// </summary>
internal sealed class TokenBucket
{
    private readonly TimeProvider _time;
    private readonly double _ratePerSecond;
    private readonly double _burst;
    private readonly Lock _gate = new();
    private double _tokens;
    private long _lastTimestamp;

    public TokenBucket(double ratePerSecond, int burst, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(ratePerSecond);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(burst);
        _time = time;
        _ratePerSecond = ratePerSecond;
        _burst = burst;
        _tokens = burst;
        _lastTimestamp = time.GetTimestamp();
    }

    /// <summary>Takes a token if one is available now; never goes into debt.</summary>
    public bool TryTake()
    {
        lock (_gate)
        {
            Refill();
            if (_tokens < 1)
            {
                return false;
            }

            _tokens -= 1;
            return true;
        }
    }

    /// <summary>Takes a token and returns the wait before it may be used (zero when one was available).</summary>
    public TimeSpan Reserve()
    {
        lock (_gate)
        {
            Refill();
            _tokens -= 1;
            return _tokens >= 0 ? TimeSpan.Zero : TimeSpan.FromSeconds(-_tokens / _ratePerSecond);
        }
    }

    private void Refill()
    {
        var now = _time.GetTimestamp();
        var elapsed = _time.GetElapsedTime(_lastTimestamp, now).TotalSeconds;
        _lastTimestamp = now;
        _tokens = Math.Min(_burst, _tokens + (elapsed * _ratePerSecond));
    }
}
