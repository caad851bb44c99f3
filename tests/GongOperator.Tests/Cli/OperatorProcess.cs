using System.Diagnostics;
using System.Globalization;
using System.Text;
using GongOperator.Tests.EndToEnd;

namespace GongOperator.Tests.Cli;

/// <summary>
/// <c>gong-operator</c> as a separate process, for what only a process shows: its console logs. Stopping sends
/// SIGTERM and returns the exit code once every line has been read.
/// </summary>
internal sealed class OperatorProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private OperatorProcess(Process process) => _process = process;

    /// <summary>Everything written to stdout and stderr so far.</summary>
    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    public static OperatorProcess Start(params string[] args)
    {
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "gong-operator.dll"));
        foreach (var arg in args)
        {
            info.ArgumentList.Add(arg);
        }

        var running = new OperatorProcess(Process.Start(info)!);
        running._process.OutputDataReceived += (_, e) => running.Append(e.Data);
        running._process.ErrorDataReceived += (_, e) => running.Append(e.Data);
        running._process.BeginOutputReadLine();
        running._process.BeginErrorReadLine();
        return running;
    }

    /// <summary>The ready line; fails (with the output) if the process ends or stays silent for 90 s.</summary>
    public async Task<string> WaitForReadyAsync()
    {
        string? Ready() => Output.Split('\n').FirstOrDefault(l => l.StartsWith("ready ", StringComparison.Ordinal));
        await Eventually.HoldsAsync(() => Ready() is not null || _process.HasExited, "the process printed its ready line", TimeSpan.FromSeconds(90));
        return Ready() ?? throw new Xunit.Sdk.XunitException("the process ended before its ready line: " + Output);
    }

    /// <summary>SIGKILL: the process ends at once, with no chance to finish anything (as an OOM kill or a node loss).</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(bound.Token);
    }

    /// <summary>True once the process has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>The exit code, once <see cref="HasExited"/>.</summary>
    public int ExitCode => _process.ExitCode;

    /// <summary>SIGSTOP: the process freezes where it is (a long GC pause, a stalled VM) until <see cref="ResumeAsync"/>.</summary>
    public Task PauseAsync() => SignalAsync("-STOP");

    /// <summary>SIGCONT: a paused process goes on where it stopped.</summary>
    public Task ResumeAsync() => SignalAsync("-CONT");

    /// <summary>The exit code of a process that ends by itself (a failed start), once its output is complete; fails after 60 s.</summary>
    public async Task<int> WaitForExitAsync()
    {
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(bound.Token);
        return _process.ExitCode;
    }

    /// <summary>SIGTERM, then the exit code once the process has ended and its output is complete.</summary>
    public async Task<int> StopAsync()
    {
        await SignalAsync("-TERM");
        using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await _process.WaitForExitAsync(bound.Token);
        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            try
            {
                await StopAsync();
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private async Task SignalAsync(string signal)
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
            await kill.WaitForExitAsync(TestContext.Current.CancellationToken);
        }
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.Append(line).Append('\n');
            }
        }
    }
}
