using System.CommandLine;
using System.Text;
using GongOperator.Configuration;
using GongOperator.GongSimulator;
using GongOperator.Hosting;
using GongOperator.LocalCluster;
using GongOperator.Kubernetes.Controllers;
using GongOperator.OAuth;
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

    /// <summary>The demo OAuth seed Secret local writes in the default namespace (with the simulator).</summary>
    public const string OAuthDemoSecretName = "gong-oauth-demo";

    /// <summary>Default state directory, relative to the working directory.</summary>
    public const string DefaultStateDir = ".gong-operator-local";

    /// <summary>
    /// What a laptop needs instead of a pod's defaults: metrics and probes on free loopback ports (8080 and 8081 are
    /// often taken), text logs for a terminal, and the credentials Secret that local writes.
    /// </summary>
    private static readonly OperatorOptions LaptopDefaults = new()
    {
        MetricsBindAddress = "127.0.0.1:0",
        HealthProbeBindAddress = "127.0.0.1:0",
        LogFormat = "text",
        DefaultCredentialsSecret = $"{SystemNamespace}/{CredentialsSecretName}",
        OAuthStateNamespace = SystemNamespace,
    };

    /// <summary>Help texts whose default differs in laptop mode (each default said once, as local applies it).</summary>
    private static readonly Dictionary<string, string> LaptopDescriptions = new(StringComparer.Ordinal)
    {
        ["--metrics-bind-address"] = "Address of /metrics, e.g. 127.0.0.1:9090; 0 disables (default 127.0.0.1:0: a free port, named by the ready line).",
        ["--health-probe-bind-address"] = "Address of /healthz and /readyz; 0 disables (default 127.0.0.1:0: a free port, named by the ready line).",
        ["--log-format"] = "text (default) or json.",
        ["--gong-base-url"] = "A Gong API base URL to use instead of the built-in simulator (default: the simulator); needs credentials, see --gong-credentials-file.",
        ["--default-credentials-secret"] = $"The operator-wide credentials Secret, as NAMESPACE/NAME (default {SystemNamespace}/{CredentialsSecretName}, which local writes).",
        ["--leader-election-namespace"] = "Namespace of the leader-election Lease (default: default).",
        ["--gong-oauth-token-url"] = $"Gong's OAuth token endpoint, for credentials Secrets with clientId, clientSecret and refreshToken (default: the simulator's; with --gong-base-url, {OAuthOptions.DefaultTokenUrl}).",
        ["--oauth-state-namespace"] = $"Namespace of the operator's OAuth state Secrets (default {SystemNamespace}).",
    };

    public static Command Create(TextWriter stdout, TextWriter stderr)
    {
        var stateDir = new Option<string>("--state-dir") { Description = "Where the API server keeps its objects and writes DIR/kubeconfig.", DefaultValueFactory = _ => DefaultStateDir };
        var port = NumberOption.Create("--port", "API server port on 127.0.0.1; 0 picks a free one (the ready line names the kubeconfig).", 0, 0, 65535);
        var credentialsFile = new Option<string?>("--gong-credentials-file")
        {
            Description = "With --gong-base-url: a file of KEY=VALUE lines (accessKey + accessKeySecret, or accessToken). Else GONG_ACCESS_KEY + GONG_ACCESS_KEY_SECRET or GONG_ACCESS_TOKEN.",
        };
        var command = new Command("local", "Laptop mode: embedded API server + Gong simulator + operator, until Ctrl-C.") { stateDir, port, credentialsFile };
        var binder = new OperatorOptionsBinder(command, OperatorSettings.All.Where(s => s.Name is not ("kubeconfig" or "context")));
        foreach (var option in command.Options)
        {
            if (LaptopDescriptions.TryGetValue(option.Name, out var description))
            {
                option.Description = description;
            }
        }

        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!binder.TryBind(parse, Environment.GetEnvironmentVariables(), LaptopDefaults, out var options, out var given, out var error))
            {
                await stderr.WriteLineAsync($"gong-operator local: {error}").ConfigureAwait(false);
                return GongOperatorCli.UsageError;
            }

            // A Gong named anywhere (flag, environment or appsettings) replaces the simulator.
            var realGong = given.Contains("gong-base-url");
            Dictionary<string, string>? credentials = null;
            if (realGong && !TryReadCredentials(parse.GetValue(credentialsFile), out credentials, out error))
            {
                await stderr.WriteLineAsync($"gong-operator local: {error}").ConfigureAwait(false);
                return GongOperatorCli.UsageError;
            }

            var stateDirectory = Path.GetFullPath(parse.GetValue(stateDir)!);
            if (!StateDirectoryLock.TryAcquire(stateDirectory, out var held, out error))
            {
                await stderr.WriteLineAsync($"gong-operator local: {error}").ConfigureAwait(false);
                return 1;
            }

            using var stateLock = held!;
            using var signal = new ShutdownSignal(cancellationToken);
            using var loggerFactory = OperatorLogging.Create(options);

            // Every listener is bound before the API server writes its kubeconfig or state, so a taken port fails
            // the start without touching what an earlier run left.
            OperatorListeners listeners;
            try
            {
                listeners = await OperatorListeners.StartAsync(options, loggerFactory, signal.Token).ConfigureAwait(false);
            }
            catch (OperatorStartupException e)
            {
                await stderr.WriteLineAsync($"gong-operator local: {e.Message}").ConfigureAwait(false);
                return e.ExitCode;
            }

            await using (listeners.ConfigureAwait(false))
            {
                Simulator? simulator = null;
                try
                {
                    if (!realGong)
                    {
                        simulator = await Simulator.StartAsync(new GongSimulatorOptions { LoggerFactory = loggerFactory }, signal.Token).ConfigureAwait(false);
                        // The simulator's token endpoint is the laptop default, known once it listens; a URL the user gave wins.
                        options = options with
                        {
                            GongBaseUrl = simulator.BaseAddress,
                            GongOAuthTokenUrl = given.Contains("gong-oauth-token-url") ? options.GongOAuthTokenUrl : simulator.TokenUrl,
                        };
                        credentials = new Dictionary<string, string>
                        {
                            [CredentialsResolver.AccessKeyField] = Simulator.DemoAccessKey,
                            [CredentialsResolver.AccessKeySecretField] = Simulator.DemoAccessKeySecret,
                        };
                    }

                    LocalApiServer server;
                    try
                    {
                        server = await LocalApiServer.StartAsync(new LocalApiServerOptions { StateDir = stateDirectory, Port = parse.GetValue(port), LoggerFactory = loggerFactory, CrdStorageSwapWindow = LocalApiServerOptions.StandardCrdStorageSwapWindow }, signal.Token).ConfigureAwait(false);
                    }
                    catch (IOException e)
                    {
                        await stderr.WriteLineAsync($"gong-operator local: cannot start the API server: {e.Message}").ConfigureAwait(false);
                        return 1;
                    }

                    await using (server.ConfigureAwait(false))
                    {
                        if (await PrepareClusterAsync(server, credentials!, simulator is not null, stderr, signal.Token).ConfigureAwait(false) is { } failed)
                        {
                            return failed;
                        }

                        options = options with { Kubeconfig = server.KubeconfigPath };
                        return await RunCommand.RunUntilStoppedAsync(options, loggerFactory, stderr, "local", signal.Token, running => PrintReadyAsync(stdout, server, options, running), listeners).ConfigureAwait(false);
                    }
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

    /// <summary>Installs the CRD and writes the default credentials Secret; null when done, else the exit code.</summary>
    private static async Task<int?> PrepareClusterAsync(LocalApiServer server, Dictionary<string, string> credentials, bool simulated, TextWriter stderr, CancellationToken cancellationToken)
    {
        using var client = new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(server.KubeconfigPath));
        try
        {
            await ClusterBootstrap.InstallCrdAsync(client, cancellationToken).ConfigureAwait(false);
            await ClusterBootstrap.EnsureNamespaceAsync(client, SystemNamespace, cancellationToken).ConfigureAwait(false);
            await ClusterBootstrap.WriteSecretAsync(client, SystemNamespace, CredentialsSecretName, credentials, cancellationToken).ConfigureAwait(false);
            if (simulated)
            {
                await WriteOAuthDemoAsync(client, cancellationToken).ConfigureAwait(false);
            }

            return null;
        }
        catch (k8s.Autorest.HttpOperationException e)
        {
            await stderr.WriteLineAsync($"gong-operator local: preparing the embedded cluster failed (HTTP {(int)e.Response.StatusCode}): {e.Response.Content}").ConfigureAwait(false);
            return 1;
        }
    }

    /// <summary>
    /// The simulator's demo OAuth authorization as a seed Secret in the default namespace. The simulator forgets every
    /// token when it stops, so the state an earlier run rotated is dropped and the demo starts again from its seed.
    /// </summary>
    private static async Task WriteOAuthDemoAsync(k8s.Kubernetes client, CancellationToken cancellationToken)
    {
        var seed = new ObjectKey("default", OAuthDemoSecretName);
        try
        {
            await client.CoreV1.DeleteNamespacedSecretAsync(SecretAuthorizationStore.NameFor(seed), SystemNamespace, cancellationToken: cancellationToken).ConfigureAwait(false);
        }
        catch (k8s.Autorest.HttpOperationException e) when (e.Response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
        }

        await ClusterBootstrap.WriteSecretAsync(
            client,
            seed.Namespace,
            seed.Name,
            new Dictionary<string, string>
            {
                [CredentialsResolver.ClientIdField] = Simulator.DemoOAuthClientId,
                [CredentialsResolver.ClientSecretField] = Simulator.DemoOAuthClientSecret,
                [CredentialsResolver.RefreshTokenField] = Simulator.DemoOAuthRefreshToken,
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The one line scripts wait for: every address the user may need, the kubeconfig first.</summary>
    private static async Task PrintReadyAsync(TextWriter stdout, LocalApiServer server, OperatorOptions options, RunningOperator running)
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
