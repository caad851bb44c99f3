using System.Runtime.InteropServices;

namespace GongOperator.Cli;

/// <summary>
/// A token cancelled by SIGINT (Ctrl-C) or SIGTERM (what Kubernetes sends), linked to the caller's token.
/// Registered explicitly because the token System.CommandLine passes is not cancelled by SIGINT in every launch mode.
/// </summary>
internal sealed class ShutdownSignal : IDisposable
{
    private readonly CancellationTokenSource _cts;
    private readonly PosixSignalRegistration _sigint;
    private readonly PosixSignalRegistration _sigterm;

    public ShutdownSignal(CancellationToken outer)
    {
        _cts = CancellationTokenSource.CreateLinkedTokenSource(outer);
        _sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, Handle);
        _sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Handle);
    }

    public CancellationToken Token => _cts.Token;

    public void Dispose()
    {
        _sigint.Dispose();
        _sigterm.Dispose();
        _cts.Dispose();
    }

    private void Handle(PosixSignalContext context)
    {
        if (_cts.IsCancellationRequested)
        {
            // A second Ctrl-C or SIGTERM while stopping: let the default action end the process now.
            return;
        }

        context.Cancel = true;

        // Cancel off the signal thread: a callback that throws must fail its own task, not abort the process.
        _ = Task.Run(_cts.Cancel);
    }
}
