using System.Diagnostics;
using GongOperator.Testing;

namespace GongOperator.Tests.EndToEnd;

/// <summary>The README's first command: <c>gong-operator local</c>, driven as a separate process, with real kubectl.</summary>
public sealed class LocalModeIntegrationTests
{
    [Fact]
    public async Task Local_mode_serves_kubectl_registers_an_origin_and_a_restart_keeps_it_without_a_call()
    {
        var kubectl = KubeTools.Kubectl;
        var stateDir = Path.Combine(Path.GetTempPath(), "gong-local-" + Guid.NewGuid().ToString("N")[..8]);
        var sample = Path.Combine(KubeTools.RepositoryRoot, "config", "samples", "dialer-origin.yaml");
        string kubeconfig;
        string firstRequestId;
        await using (var local = await LocalProcess.StartAsync(stateDir))
        {
            kubeconfig = local.Kubeconfig;
            var apply = await KubeTools.RunAsync(kubectl, ["--kubeconfig", kubeconfig, "apply", "-f", sample]);
            Assert.True(apply.ExitCode == 0, apply.ToString());
            var wait = await KubeTools.RunAsync(kubectl, ["--kubeconfig", kubeconfig, "wait", "--for=condition=Ready", "gio/acme-dialer", "--timeout=60s"]);
            Assert.True(wait.ExitCode == 0, wait.ToString());
            firstRequestId = (await KubeTools.RunAsync(kubectl, ["--kubeconfig", kubeconfig, "get", "gio", "acme-dialer", "-o", "jsonpath={.status.lastRequestId}"])).Stdout;
            Assert.NotEmpty(firstRequestId);
        }

        await using (var again = await LocalProcess.StartAsync(stateDir))
        {
            var get = await KubeTools.RunAsync(kubectl, ["--kubeconfig", again.Kubeconfig, "get", "gio", "acme-dialer", "-o", "jsonpath={.status.lastRequestId} {.status.conditions[?(@.type==\"Ready\")].status}"]);
            Assert.Equal(firstRequestId + " True", get.Stdout);

            // The operator has synced and looked at the origin; it stays as it was: no new Gong call.
            await Eventually.HoldsAsync(() => again.Output.Contains("\"Planned default/acme-dialer", StringComparison.Ordinal) || again.Output.Contains("started 4 workers", StringComparison.Ordinal), "the restarted operator started its workers");
            Assert.DoesNotContain("Registering default/acme-dialer", again.Output, StringComparison.Ordinal);
        }

        Directory.Delete(stateDir, recursive: true);
    }

    /// <summary>A running <c>gong-operator local</c> process; disposing sends SIGTERM and waits for a clean exit.</summary>
    private sealed class LocalProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly System.Text.StringBuilder _output = new();

        private LocalProcess(Process process) => _process = process;

        public string Kubeconfig { get; private set; } = "";

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

        public static async Task<LocalProcess> StartAsync(string stateDir)
        {
            var info = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var arg in new[] { Path.Combine(AppContext.BaseDirectory, "gong-operator.dll"), "local", "--state-dir", stateDir, "--metrics-bind-address", "127.0.0.1:0", "--health-probe-bind-address", "127.0.0.1:0" })
            {
                info.ArgumentList.Add(arg);
            }

            var local = new LocalProcess(Process.Start(info)!);
            var ready = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
            local._process.OutputDataReceived += (_, e) =>
            {
                if (e.Data is null)
                {
                    return;
                }

                lock (local._output)
                {
                    local._output.AppendLine(e.Data);
                }

                if (e.Data.StartsWith("ready ", StringComparison.Ordinal))
                {
                    ready.TrySetResult(e.Data);
                }
            };
            local._process.ErrorDataReceived += (_, e) =>
            {
                if (e.Data is not null)
                {
                    lock (local._output)
                    {
                        local._output.AppendLine(e.Data);
                    }
                }
            };
            local._process.BeginOutputReadLine();
            local._process.BeginErrorReadLine();
            var exited = local._process.WaitForExitAsync(TestContext.Current.CancellationToken);
            var first = await Task.WhenAny(ready.Task, exited, Task.Delay(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken));
            Assert.True(first == ready.Task, "local did not print its ready line: " + local.Output);
            var line = await ready.Task;
            Assert.Matches(@"^ready kubeconfig=\S+ server=http://127\.0\.0\.1:\d+/ gong=http://127\.0\.0\.1:\d+/", line);
            local.Kubeconfig = line.Split(' ')[1]["kubeconfig=".Length..];
            Assert.Equal(Path.Combine(stateDir, "kubeconfig"), local.Kubeconfig);
            return local;
        }

        public async ValueTask DisposeAsync()
        {
            if (!_process.HasExited)
            {
                using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
                await kill.WaitForExitAsync();
                using var bound = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                try
                {
                    await _process.WaitForExitAsync(bound.Token);
                }
                catch (OperationCanceledException)
                {
                    _process.Kill(entireProcessTree: true);
                    Assert.Fail("local did not stop within 30 s of SIGTERM: " + Output);
                }

                Assert.True(_process.ExitCode == 0, $"local exited with {_process.ExitCode}: {Output}");
            }

            _process.Dispose();
        }
    }
}
