using System.CommandLine;
using GongOperator.Cli;
using GongOperator.Tests.EndToEnd;

namespace GongOperator.Tests.Cli;

/// <summary>A <c>gong-operator</c> subcommand invoked in the background with a token the test cancels, as Ctrl-C would.</summary>
internal sealed class RunningCommand : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly LineWriter _stdout;
    private readonly Task<int> _run;

    private RunningCommand(string[] args, LineWriter stdout)
    {
        _stdout = stdout;
        var parse = GongOperatorCli.BuildRoot(stdout, Stderr).Parse(args);
        Assert.Empty(parse.Errors);
        _run = Task.Run(() => parse.InvokeAsync(new InvocationConfiguration { Output = stdout, Error = Stderr }, _stop.Token));
    }

    /// <summary>What the command wrote to its error stream.</summary>
    public LineWriter Stderr { get; } = new();

    public static RunningCommand Start(string[] args, LineWriter stdout) => new(args, stdout);

    /// <summary>The command's <c>ready</c> line, once printed; fails if the command ends first.</summary>
    public async Task<string> WaitForReadyAsync()
    {
        await Eventually.HoldsAsync(() => _run.IsCompleted || _stdout.Lines.Any(l => l.StartsWith("ready ", StringComparison.Ordinal)), "the command printed its ready line", TimeSpan.FromSeconds(60));
        Assert.False(_run.IsCompleted, $"the command ended with {(_run.IsCompletedSuccessfully ? _run.Result : -1)} before ready: {string.Join('\n', Stderr.Lines)}");
        return _stdout.Lines.First(l => l.StartsWith("ready ", StringComparison.Ordinal));
    }

    public async Task<int> StopAsync()
    {
        await _stop.CancelAsync();
        return await _run.WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_run.IsCompleted)
        {
            await StopAsync();
        }

        _stop.Dispose();
    }
}
