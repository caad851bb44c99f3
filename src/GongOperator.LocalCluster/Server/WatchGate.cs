namespace GongOperator.LocalCluster.Server;

/// <summary>Lets tests stall every watch stream (open, but delivering nothing) and release it again.</summary>
internal sealed class WatchGate
{
    private readonly object _sync = new();
    private TaskCompletionSource _open = NewOpen();

    public bool Stalled { get; private set; }

    public void Set(bool stalled)
    {
        lock (_sync)
        {
            if (stalled == Stalled)
            {
                return;
            }

            Stalled = stalled;
            if (stalled)
            {
                _open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else
            {
                _open.TrySetResult();
            }
        }
    }

    public Task WaitOpenAsync(CancellationToken ct)
    {
        lock (_sync)
        {
            return Stalled ? _open.Task.WaitAsync(ct) : Task.CompletedTask;
        }
    }

    private static TaskCompletionSource NewOpen()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }
}
