using System.Globalization;
using System.Net;
using System.Net.Sockets;
using GongOperator.Cli;

namespace GongOperator.Tests.Cli;

/// <summary>
/// <c>local</c> on a machine where the usual ports are taken, and two instances on one state dir: a start that fails
/// leaves what an earlier or running instance wrote as it was.
/// </summary>
public sealed class LocalCommandTests : IDisposable
{
    private readonly string _stateDir = Path.Combine(Path.GetTempPath(), "gong-local-" + Guid.NewGuid().ToString("N")[..8]);

    public void Dispose()
    {
        if (Directory.Exists(_stateDir))
        {
            Directory.Delete(_stateDir, recursive: true);
        }
    }

    [Fact]
    public async Task Local_starts_with_8080_and_8081_taken_and_serves_metrics_and_probes_on_free_loopback_ports()
    {
        // Taken by this test, or already by something else on the machine: either way local cannot have them.
        using var port8080 = TryListen(8080);
        using var port8081 = TryListen(8081);
        var stdout = new LineWriter();
        await using var local = RunningCommand.Start(["local", "--state-dir", _stateDir], stdout);

        var ready = Fields(await local.WaitForReadyAsync());

        var metrics = new Uri(ready["metrics"]);
        var health = new Uri(ready["health"]);
        Assert.Equal(("127.0.0.1", "/metrics"), (metrics.Host, metrics.AbsolutePath));
        Assert.Equal(("127.0.0.1", "/healthz"), (health.Host, health.AbsolutePath));
        Assert.DoesNotContain(metrics.Port, new[] { 8080, 8081 });
        Assert.DoesNotContain(health.Port, new[] { 8080, 8081 });
        using var http = new HttpClient();
        var ct = TestContext.Current.CancellationToken;
        Assert.StartsWith("ok", await http.GetStringAsync(health, ct), StringComparison.Ordinal);
        Assert.Contains("controller_runtime_reconcile_total", await http.GetStringAsync(metrics, ct), StringComparison.Ordinal);
        Assert.Equal(0, await local.StopAsync());
    }

    [Fact]
    public async Task A_second_local_or_apiserver_on_the_same_state_dir_is_refused_and_rewrites_nothing()
    {
        await using var first = RunningCommand.Start(["local", "--state-dir", _stateDir], new LineWriter());
        var kubeconfig = Fields(await first.WaitForReadyAsync())["kubeconfig"];
        var before = await File.ReadAllTextAsync(kubeconfig, TestContext.Current.CancellationToken);

        foreach (var second in new[] { "local", "apiserver" })
        {
            var stderr = new StringWriter();
            var code = await GongOperatorCli.RunAsync([second, "--state-dir", _stateDir], new StringWriter(), stderr);

            Assert.Equal(1, code);
            var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"gong-operator {second}: the state dir {_stateDir} is in use by another gong-operator", line, StringComparison.Ordinal);
        }

        Assert.Equal(before, await File.ReadAllTextAsync(kubeconfig, TestContext.Current.CancellationToken));
        Assert.Equal(0, await first.StopAsync());
    }

    [Fact]
    public async Task A_start_that_cannot_bind_its_metrics_port_leaves_the_kubeconfig_and_state_of_the_last_run_as_they_were()
    {
        await using (var earlier = RunningCommand.Start(["local", "--state-dir", _stateDir], new LineWriter()))
        {
            await earlier.WaitForReadyAsync();
            Assert.Equal(0, await earlier.StopAsync());
        }

        var before = Snapshot();
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var stderr = new StringWriter();

        var code = await GongOperatorCli.RunAsync(["local", "--state-dir", _stateDir, "--metrics-bind-address", taken.LocalEndpoint.ToString()!], new StringWriter(), stderr);

        Assert.Equal(1, code);
        var line = Assert.Single(stderr.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"gong-operator local: cannot listen on {taken.LocalEndpoint}", line, StringComparison.Ordinal);
        Assert.Equal(before, Snapshot());
    }

    [Fact]
    public async Task A_taken_port_is_one_line_without_a_stack_as_from_apiserver()
    {
        using var taken = new TcpListener(IPAddress.Loopback, 0);
        taken.Start();
        var port = ((IPEndPoint)taken.LocalEndpoint).Port.ToString(CultureInfo.InvariantCulture);

        // A separate process: the embedded hosts log to the console, which an in-process run does not capture.
        await using var local = OperatorProcess.Start("local", "--state-dir", _stateDir, "--port", port);

        Assert.Equal(1, await local.WaitForExitAsync());
        var lines = local.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.DoesNotContain(lines, l => l.Contains("   at ", StringComparison.Ordinal));

        // Info lines (the simulator serving) may come first; the failure itself is one line.
        var failure = Assert.Single(lines, l => !l.Contains(" info: ", StringComparison.Ordinal));
        Assert.Equal($"gong-operator local: cannot start the API server: Failed to bind to address http://127.0.0.1:{port}: address already in use.", failure);
    }

    /// <summary>Every file of the state dir but the lock, with its content.</summary>
    private SortedDictionary<string, string> Snapshot() =>
        new(Directory.EnumerateFiles(_stateDir, "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(f) != StateDirectoryLock.FileName)
            .ToDictionary(f => Path.GetRelativePath(_stateDir, f), File.ReadAllText), StringComparer.Ordinal);

    private static Dictionary<string, string> Fields(string readyLine) =>
        readyLine.Split(' ').Skip(1).Select(f => f.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

    private static TcpListener? TryListen(int port)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        try
        {
            listener.Start();
            return listener;
        }
        catch (SocketException)
        {
            listener.Dispose();
            return null;
        }
    }
}
