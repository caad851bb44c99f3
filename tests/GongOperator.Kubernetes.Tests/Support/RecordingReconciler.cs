using System.Collections.Concurrent;
using GongOperator.Kubernetes.Controllers;

namespace GongOperator.Kubernetes.Tests.Support;

/// <summary>A reconciler whose behaviour is a delegate; counts calls and checks no key is reconciled twice at once.</summary>
public sealed class RecordingReconciler(Func<ObjectKey, int, CancellationToken, Task<ReconcileResult>> body) : IReconciler
{
    private readonly ConcurrentDictionary<ObjectKey, int> _inFlight = new();
    private int _calls;
    private int _overlaps;

    public int Calls => Volatile.Read(ref _calls);

    public int Overlaps => Volatile.Read(ref _overlaps);

    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var call = Interlocked.Increment(ref _calls);
        if (_inFlight.AddOrUpdate(key, 1, (_, n) => n + 1) > 1)
        {
            Interlocked.Increment(ref _overlaps);
        }

        try
        {
            return await body(key, call, cancellationToken);
        }
        finally
        {
            _inFlight.AddOrUpdate(key, 0, (_, n) => n - 1);
        }
    }
}
