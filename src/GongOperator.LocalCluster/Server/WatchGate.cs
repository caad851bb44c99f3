namespace GongOperator.LocalCluster.Server;

/// <summary>Lets tests stall every watch stream (open, but delivering nothing) and release it again.</summary>
internal sealed class WatchGate
{
    private readonly object sync = new();
    private TaskCompletionSource open = NewOpen();

    public bool Stalled { get; private set; }

    public void Set(bool stalled)
    {
        lock (sync)
        {
            if (stalled == Stalled)
            {
                return;
            }

            Stalled = stalled;
            if (stalled)
            {
                open = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }
            else
            {
                open.TrySetResult();
            }
        }
    }

    public Task WaitOpenAsync(CancellationToken ct)
    {
        lock (sync)
        {
            return Stalled ? open.Task.WaitAsync(ct) : Task.CompletedTask;
        }
    }

    private static TaskCompletionSource NewOpen()
    {
        var tcs = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        tcs.SetResult();
        return tcs;
    }
}
