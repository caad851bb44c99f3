using System.CommandLine;
using System.Text;
using GongOperator.Configuration;
using GongOperator.GongSimulator;
using GongOperator.Hosting;
using GongOperator.LocalCluster;
using GongOperator.Reconciliation;
using k8s;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Cli;

/// <summary>
/// <c>gong-operator local</c>: the laptop mode. Starts the embedded API server (objects kept in --state-dir), installs
/// the CRD, starts the Gong simulator unless --gong-base-url names a real Gong, writes the default credentials Secret,
/// and runs the operator against both until Ctrl-C.
/// </summary>
internal static class LocalCommand
{
    /// <summary>Namespace of the default credentials Secret in laptop mode.</summary>
    public const string SystemNamespace = "gong-operator-system";

    /// <summary>Name of the default credentials Secret in laptop mode.</summary>
    public const string CredentialsSecretName = "gong-credentials";

    /// <summary>Default state directory, relative to the working directory.</summary>
    public const string DefaultStateDir = ".gong-operator-local";

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stateDir = new Option<string>("--state-dir") { Description = $"Where the API server keeps its objects and writes DIR/kubeconfig (default {DefaultStateDir}).", DefaultValueFactory = _ => DefaultStateDir };
        var port = new Option<int>("--port") { Description = "API server port on 127.0.0.1 (default 0: a free port; the ready line names the kubeconfig).", DefaultValueFactory = _ => 0 };
        port.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<int>() is < 0 or > 65535)
            {
                r.AddError("--port must be from 0 to 65535");
            }
        });
        var credentialsFile = new Option<string?>("--gong-credentials-file")
        {
            Description = "With --gong-base-url: a file of KEY=VALUE lines (accessKey + accessKeySecret, or accessToken). Else GONG_ACCESS_KEY + GONG_ACCESS_KEY_SECRET or GONG_ACCESS_TOKEN.",
        };
        var command = new Command("local", "Laptop mode: embedded API server + Gong simulator + operator, until Ctrl-C.") { stateDir, port, credentialsFile };
        var binder = new OperatorOptionsBinder(command, OperatorSettings.All.Where(s => s.Name is not ("kubeconfig" or "context")));
        command.SetAction(async (parse, cancellationToken) =>
        {
            // On a laptop, metrics and probes listen on loopback only.
            var laptopDefaults = new OperatorOptions { MetricsBindAddress = "127.0.0.1:8080", HealthProbeBindAddress = "127.0.0.1:8081" };
            if (!binder.TryBind(parse, Environment.GetEnvironmentVariables(), laptopDefaults, out var options, out var error))
            {
                await stderr.WriteLineAsync($"gong-operator local: {error}").ConfigureAwait(false);
                return GongOperatorCli.UsageError;
            }

            // A Gong named anywhere (flag, environment or appsettings) replaces the simulator.
            var realGong = parse.GetResult(command.Options.First(o => o.Name == "--gong-base-url")) is not null
                || Environment.GetEnvironmentVariable("GONG_OPERATOR_GONG_BASE_URL") is not null
                || options.GongBaseUrl != new Uri(OperatorOptions.DefaultGongBaseUrl);
            Dictionary<string, string>? credentials = null;
            if (realGong && !TryReadCredentials(parse.GetValue(credentialsFile), out credentials, out error))
            {
                await stderr.WriteLineAsync($"gong-operator local: {error}").ConfigureAwait(false);
                return GongOperatorCli.UsageError;
            }

            using var signal = new ShutdownSignal(cancellationToken);
            using var loggerFactory = OperatorLogging.Create(options);
            LocalApiServer server;
            try
            {
                server = await LocalApiServer.StartAsync(new LocalApiServerOptions { StateDir = Path.GetFullPath(parse.GetValue(stateDir)!), Port = parse.GetValue(port), LoggerFactory = loggerFactory, CrdStorageSwapWindow = LocalApiServerOptions.StandardCrdStorageSwapWindow }, signal.Token).ConfigureAwait(false);
            }
            catch (IOException e)
            {
                await stderr.WriteLineAsync($"gong-operator local: cannot start the API server: {e.Message}").ConfigureAwait(false);
                return 1;
            }

            await using (server.ConfigureAwait(false))
            {
                Simulator? simulator = null;
                try
                {
                    if (!realGong)
                    {
                        simulator = await Simulator.StartAsync(new GongSimulatorOptions { LoggerFactory = loggerFactory }, signal.Token).ConfigureAwait(false);
                        options = options with { GongBaseUrl = simulator.BaseAddress };
                        credentials = new Dictionary<string, string>
                        {
                            [CredentialsResolver.AccessKeyField] = Simulator.DemoAccessKey,
                            [CredentialsResolver.AccessKeySecretField] = Simulator.DemoAccessKeySecret,
                        };
                    }

                    using (var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath)))
                    {
                        try
                        {
                            await ClusterBootstrap.InstallCrdAsync(client, signal.Token).ConfigureAwait(false);
                            await ClusterBootstrap.EnsureNamespaceAsync(client, SystemNamespace, signal.Token).ConfigureAwait(false);
                            await ClusterBootstrap.WriteSecretAsync(client, SystemNamespace, CredentialsSecretName, credentials!, signal.Token).ConfigureAwait(false);
                        }
                        catch (k8s.Autorest.HttpOperationException e)
                        {
                            await stderr.WriteLineAsync($"gong-operator local: preparing the embedded cluster failed (HTTP {(int)e.Response.StatusCode}): {e.Response.Content}").ConfigureAwait(false);
                            return 1;
                        }
                    }

                    options = options with
                    {
                        Kubeconfig = server.KubeconfigPath,
                        DefaultCredentialsSecret = $"{SystemNamespace}/{CredentialsSecretName}",
                    };
                    return await RunCommand.RunUntilStoppedAsync(options, loggerFactory, stderr, "local", signal.Token, async running =>
                    {
                        var line = new StringBuilder($"ready kubeconfig={server.KubeconfigPath} server={server.BaseAddress} gong={options.GongBaseUrl}");
                        if (running.MetricsAddress is { } metrics)
                        {
                            line.Append(" metrics=").Append(new Uri(metrics, "metrics"));
                        }

                        if (running.HealthAddress is { } health)
                        {
                            line.Append(" health=").Append(new Uri(health, "healthz"));
                        }

                        await stdout.WriteLineAsync(line.ToString()).ConfigureAwait(false);
                        await stdout.FlushAsync(CancellationToken.None).ConfigureAwait(false);
                    }).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (signal.Token.IsCancellationRequested)
                {
                    return 0;
                }
                finally
                {
                    if (simulator is not null)
                    {
                        await simulator.DisposeAsync().ConfigureAwait(false);
                    }
                }
            }
        });
        return command;
    }

    /// <summary>Credentials for a real Gong: the file (KEY=VALUE lines) if given, else the environment.</summary>
    internal static bool TryReadCredentials(string? file, out Dictionary<string, string>? credentials, out string error)
    {
        credentials = null;
        error = "";
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (file is not null)
        {
            if (!File.Exists(file))
            {
                error = $"--gong-credentials-file: {file} does not exist";
                return false;
            }

            foreach (var raw in File.ReadAllLines(file))
            {
                var line = raw.Trim();
                var equals = line.IndexOf('=', StringComparison.Ordinal);
                if (line.Length == 0 || line.StartsWith('#') || equals <= 0)
                {
                    continue;
                }

                values[line[..equals].Trim()] = line[(equals + 1)..].Trim();
            }
        }
        else
        {
            AddFromEnvironment(values, "GONG_ACCESS_KEY", CredentialsResolver.AccessKeyField);
            AddFromEnvironment(values, "GONG_ACCESS_KEY_SECRET", CredentialsResolver.AccessKeySecretField);
            AddFromEnvironment(values, "GONG_ACCESS_TOKEN", CredentialsResolver.AccessTokenField);
        }

        string? Get(string key) => values.TryGetValue(key, out var v) && v.Length > 0 ? v : null;
        var (accessKey, accessKeySecret, accessToken) = (Get(CredentialsResolver.AccessKeyField), Get(CredentialsResolver.AccessKeySecretField), Get(CredentialsResolver.AccessTokenField));
        if (accessToken is not null && accessKey is null && accessKeySecret is null)
        {
            credentials = new Dictionary<string, string> { [CredentialsResolver.AccessTokenField] = accessToken };
            return true;
        }

        if (accessToken is null && accessKey is not null && accessKeySecret is not null)
        {
            credentials = new Dictionary<string, string> { [CredentialsResolver.AccessKeyField] = accessKey, [CredentialsResolver.AccessKeySecretField] = accessKeySecret };
            return true;
        }

        var source = file is null ? "GONG_ACCESS_KEY + GONG_ACCESS_KEY_SECRET, or GONG_ACCESS_TOKEN" : $"{file}: accessKey + accessKeySecret, or accessToken";
        error = $"--gong-base-url needs credentials: set {source} (one kind, not both)";
        return false;
    }

    private static void AddFromEnvironment(Dictionary<string, string> values, string variable, string key)
    {
        if (Environment.GetEnvironmentVariable(variable) is { Length: > 0 } value)
        {
            values[key] = value;
        }
    }
}
