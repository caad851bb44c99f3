using System.Diagnostics;
using System.Globalization;

namespace GongOperator.Bench.Hosting;

/// <summary>
/// One of the processes under measurement: started from the gong-operator executable, its stdout and stderr appended
/// to a log file, stopped with SIGTERM (as Kubernetes stops a pod) and killed only if it does not stop in time.
/// </summary>
internal sealed class ChildProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly Lock _gate = new();
    private readonly List<(string Prefix, TaskCompletionSource<string> Line)> _waiters = [];
    private readonly TaskCompletionSource _exited = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private ChildProcess(string name, Process process, StreamWriter log)
    {
        Name = name;
        _process = process;
        _log = log;
    }

    public string Name { get; }

    public int Pid => _process.Id;

    /// <summary>Stopwatch timestamp taken just after the process started.</summary>
    public long Started { get; private set; }

    public bool HasExited => _process.HasExited;

    /// <summary>Starts <paramref name="executable"/> (an apphost, or a .dll run by <c>dotnet</c>) with <paramref name="arguments"/>.</summary>
    public static ChildProcess Start(string name, string executable, IEnumerable<string> arguments, string logPath)
    {
        var info = StartInfo(executable, arguments);
        info.RedirectStandardError = true;

        // The processes under measurement must not inherit a developer's ASP.NET or .NET settings by accident.
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("DOTNET_gcServer");
        Directory.CreateDirectory(Path.GetDirectoryName(logPath)!);
        var log = new StreamWriter(logPath, append: true) { AutoFlush = true };
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var child = new ChildProcess(name, process, log);
        process.OutputDataReceived += (_, e) => child.OnLine(e.Data);
        process.ErrorDataReceived += (_, e) => child.OnLine(e.Data);
        process.Exited += (_, _) => child._exited.TrySetResult();
        process.Start();
        child.Started = Stopwatch.GetTimestamp();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return child;
    }

    /// <summary>How to start gong-operator: its apphost directly, or a .dll through <c>dotnet</c>; stdout redirected.</summary>
    public static ProcessStartInfo StartInfo(string executable, IEnumerable<string> arguments)
    {
        var dll = executable.EndsWith(".dll", StringComparison.OrdinalIgnoreCase);
        var info = new ProcessStartInfo(dll ? "dotnet" : executable) { RedirectStandardOutput = true, UseShellExecute = false };
        if (dll)
        {
            info.ArgumentList.Add(executable);
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        return info;
    }

    /// <summary>The first output line starting with <paramref name="prefix"/>; fails when the process exits or <paramref name="timeout"/> passes first.</summary>
    public async Task<string> WaitForLineAsync(string prefix, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var line = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (_gate)
        {
            _waiters.Add((prefix, line));
        }

        var done = await Task.WhenAny(line.Task, _exited.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        if (done == line.Task)
        {
            return await line.Task.ConfigureAwait(false);
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new BenchFailedException(done == _exited.Task
            ? $"{Name} exited with code {_process.ExitCode} before printing '{prefix}' (see its log)"
            : $"{Name} did not print '{prefix}' within {timeout.TotalSeconds:0} s (see its log)");
    }

    /// <summary>Sends SIGTERM and waits for the exit; kills the process after <paramref name="grace"/>. Returns the exit code.</summary>
    public async Task<int> StopAsync(TimeSpan grace)
    {
        if (!_process.HasExited)
        {
            using (var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync().ConfigureAwait(false);
            }

            if (await Task.WhenAny(_exited.Task, Task.Delay(grace)).ConfigureAwait(false) != _exited.Task)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().ConfigureAwait(false);
        }

        return _process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync(TimeSpan.FromSeconds(30)).ConfigureAwait(false);
        }
        finally
        {
            _process.Dispose();
            lock (_gate)
            {
                _log.Dispose();
            }
        }
    }

    private void OnLine(string? data)
    {
        if (data is null)
        {
            return;
        }

        lock (_gate)
        {
            _log.WriteLine(data);
            foreach (var (prefix, line) in _waiters)
            {
                if (data.StartsWith(prefix, StringComparison.Ordinal))
                {
                    line.TrySetResult(data);
                }
            }
        }
    }
}
