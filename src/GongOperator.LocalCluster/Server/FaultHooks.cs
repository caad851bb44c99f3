namespace GongOperator.LocalCluster.Server;

/// <summary>
/// The test hooks a running server consults on every resource request and watch event (see
/// <see cref="LocalApiServer.Intercept"/> and <see cref="LocalApiServer.CutWatchEvents"/>): faults a real API server or
/// network produces but not on demand.
/// </summary>
internal sealed class FaultHooks
{
    private Func<ApiRequestInfo, CancellationToken, ValueTask<ApiFault?>>? _interceptor;
    private int _eventsToCut;

    public Func<ApiRequestInfo, CancellationToken, ValueTask<ApiFault?>>? Interceptor
    {
        get => Volatile.Read(ref _interceptor);
        set => Volatile.Write(ref _interceptor, value);
    }

    public void CutEvents(int count) => Interlocked.Exchange(ref _eventsToCut, count);

    /// <summary>True (once per armed cut) when the object event about to be written must be cut in half.</summary>
    public bool TakeEventCut()
    {
        while (true)
        {
            var left = Volatile.Read(ref _eventsToCut);
            if (left <= 0)
            {
                return false;
            }

            if (Interlocked.CompareExchange(ref _eventsToCut, left - 1, left) == left)
            {
                return true;
            }
        }
    }
}
