using System.CommandLine;
using GongOperator.LocalCluster;

namespace GongOperator.Cli;

/// <summary><c>gong-operator apiserver</c>: the embedded Kubernetes API server alone, until Ctrl-C or SIGTERM.</summary>
internal static class ApiServerCommand
{
    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stateDir = new Option<string?>("--state-dir") { Description = "Directory for the objects and the kubeconfig (DIR/kubeconfig); omitted keeps objects in memory." };
        var port = new Option<int>("--port") { Description = "Port on 127.0.0.1 (0 picks a free one).", DefaultValueFactory = _ => 0 };
        var https = new Option<bool>("--https") { Description = "Serve HTTPS with a generated self-signed CA (written into the kubeconfig)." };
        var token = new Option<string?>("--token") { Description = "Bearer token clients must send (default: random, written into the kubeconfig)." };
        port.Validators.Add(result =>
        {
            var value = result.GetValueOrDefault<int>();
            if (value is < 0 or > 65535)
            {
                result.AddError($"--port must be between 0 and 65535, got {value}");
            }
        });

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
