using System.Globalization;
using GongOperator.Kubernetes.Queue;

namespace GongOperator.Kubernetes.Events;

/// <summary>
/// The decisions of client-go's event correlator, as pure logic on a clock: a per-object spam filter (burst 25, one
/// token per 5 min); similar events (same object, type, reason; different messages) folded into one
/// "(combined from similar events): …" after 10 within 10 min; identical repeats turned into a count/lastTimestamp
/// bump of the existing Event named <c>&lt;object&gt;.&lt;hex nanos&gt;</c>. Caches are bounded (LRU).
/// </summary>
internal sealed class EventAggregator
{
    private const int SpamBurst = 25;
    private static readonly TimeSpan SpamRefill = TimeSpan.FromMinutes(5);
    private const int SimilarThreshold = 10;
    private static readonly TimeSpan SimilarWindow = TimeSpan.FromMinutes(10);
    private const string CombinedPrefix = "(combined from similar events): ";
    private const int MaxEntries = 4096;

    private readonly TimeProvider _time;
    private readonly LruCache<TokenBucket> _spam = new(MaxEntries);
    private readonly LruCache<SimilarState> _similar = new(MaxEntries);
    private readonly LruCache<SeenEvent> _seen = new(MaxEntries);
    private readonly Lock _gate = new();
    private long _lastNanos;

    public EventAggregator(TimeProvider time) => _time = time;

    public EventDecision Decide(EventSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var objectKey = string.Join('\u0001', spec.Component, spec.InvolvedKind, spec.InvolvedNamespace, spec.InvolvedName, spec.InvolvedUid);
            var bucket = _spam.GetOrAdd(objectKey, () => new TokenBucket(1 / SpamRefill.TotalSeconds, SpamBurst, _time));
            if (!bucket.TryTake())
            {
                return new EventDecision(EventAction.Drop, string.Empty, string.Empty, 0, spec.Message, now, now);
            }

            var similarKey = string.Join('\u0001', objectKey, spec.Type, spec.Reason);
            var similar = _similar.GetOrAdd(similarKey, () => new SimilarState());
            if (now - similar.WindowStart > SimilarWindow)
            {
                similar.WindowStart = now;
                similar.Messages.Clear();
            }

            similar.Messages.Add(spec.Message);
            var message = spec.Message;
            var eventKey = string.Join('\u0001', similarKey, spec.Message);
            if (similar.Messages.Count >= SimilarThreshold)
            {
                message = CombinedPrefix + spec.Message;
                eventKey = string.Join('\u0001', similarKey, "(combined)");
            }

            if (_seen.TryGet(eventKey, out var seen))
            {
                seen.Count++;
                seen.LastTimestamp = now;
                return new EventDecision(EventAction.Patch, eventKey, seen.Name, seen.Count, message, seen.FirstTimestamp, now);
            }

            var name = UniqueName(spec.InvolvedName, now);
            _seen.Set(eventKey, new SeenEvent { Name = name, Count = 1, FirstTimestamp = now, LastTimestamp = now });
            return new EventDecision(EventAction.Create, eventKey, name, 1, message, now, now);
        }
    }

    /// <summary>The Event object behind the decision was gone (expired); it was re-created under a new name.</summary>
    public EventDecision Recreated(EventDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var now = _time.GetUtcNow();
        lock (_gate)
        {
            var name = UniqueName(decision.Name[..decision.Name.LastIndexOf('.')], now);
            _seen.Set(decision.Key, new SeenEvent { Name = name, Count = 1, FirstTimestamp = now, LastTimestamp = now });
            return decision with { Action = EventAction.Create, Name = name, Count = 1, FirstTimestamp = now, LastTimestamp = now };
        }
    }

    private string UniqueName(string objectName, DateTimeOffset now)
    {
        // Two events in the same tick (a coarse or fake clock) must not share a name.
        var nanos = Math.Max((now.UtcTicks - DateTimeOffset.UnixEpoch.UtcTicks) * 100, _lastNanos + 1);
        _lastNanos = nanos;
        return objectName + "." + nanos.ToString("x", CultureInfo.InvariantCulture);
    }

    private sealed class SimilarState
    {
        public DateTimeOffset WindowStart { get; set; } = DateTimeOffset.MinValue;

        public HashSet<string> Messages { get; } = new(StringComparer.Ordinal);
    }

    private sealed class SeenEvent
    {
        public required string Name { get; init; }

        public int Count { get; set; }

        public DateTimeOffset FirstTimestamp { get; init; }

        public DateTimeOffset LastTimestamp { get; set; }
    }
}
