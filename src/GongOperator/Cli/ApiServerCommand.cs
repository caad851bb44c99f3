using System.CommandLine;
using GongOperator.LocalCluster;

namespace GongOperator.Cli;

/// <summary><c>gong-operator apiserver</c>: the embedded Kubernetes API server alone, until Ctrl-C or SIGTERM.</summary>
internal static class ApiServerCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stateDir = new Option<string?>("--state-dir") { Description = "Directory for the objects and the kubeconfig (DIR/kubeconfig); omitted keeps objects in memory." };
        var port = NumberOption.Create("--port", "Port on 127.0.0.1; 0 picks a free one.", 0, 0, 65535);
        var https = new Option<bool>("--https") { Description = "Serve HTTPS with a generated self-signed CA (written into the kubeconfig)." };
        var token = new Option<string?>("--token") { Description = "Bearer token clients must send (default: random, written into the kubeconfig)." };

        var command = new Command("apiserver", "Run the embedded Kubernetes API server alone.") { stateDir, port, https, token };
        command.SetAction(async (parse, ct) =>
        {
            var options = new LocalApiServerOptions
            {
                StateDir = parse.GetValue(stateDir),
                Port = parse.GetValue(port),
                Https = parse.GetValue(https),
                Token = parse.GetValue(token),
                CrdStorageSwapWindow = LocalApiServerOptions.StandardCrdStorageSwapWindow,
            };
            StateDirectoryLock? stateLock = null;
            if (options.StateDir is { } dir && !StateDirectoryLock.TryAcquire(Path.GetFullPath(dir), out stateLock, out var error))
            {
                await stderr.WriteLineAsync($"gong-operator apiserver: {error}").ConfigureAwait(false);
                return 1;
            }

            using var held = stateLock;
            using var stop = new ShutdownSignal(ct);
            LocalApiServer server;
            try
            {
                server = await LocalApiServer.StartAsync(options, stop.Token).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await stderr.WriteLineAsync($"gong-operator apiserver: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await using (server.ConfigureAwait(false))
            {
                await stdout.WriteLineAsync($"ready kubeconfig={server.KubeconfigPath} server={server.BaseAddress}").ConfigureAwait(false);
                await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                try
                {
                    await Task.Delay(Timeout.Infinite, stop.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    // Ctrl-C or SIGTERM: shut down cleanly (the store writes a final snapshot).
                }
            }

            return 0;
        });
        return command;
    }
}
