using GongOperator.Configuration;
using GongOperator.GongSimulator;
using GongOperator.Hosting;
using GongOperator.Kubernetes.Connection;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Informers;
using GongOperator.LocalCluster;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using GongOperator.Tests.EndToEnd;
using k8s;
using k8s.Models;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Testing;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.Faults;

/// <summary>
/// One world per fault scenario: the embedded API server (persisting to a state dir of its own, so it can be
/// restarted with its state on the same port), the Gong simulator, a namespace with the credentials Secret, the
/// operator, and a <see cref="StatusHistory"/> watching every origin from the start. Always the embedded server,
/// whatever GONG_OPERATOR_E2E_CLUSTER says: the faults are injected through its test hooks.
/// </summary>
internal sealed class FaultWorld : IAsyncDisposable
{
    public const string SecretName = "gong-credentials";

    /// <summary>The embedded server's Log.StorageSwapRefused: it answered a request 503 while a CRD's storage was swapped.</summary>
    private const int StorageSwapRefused = 8003;
    private readonly string _stateDir = Directory.CreateTempSubdirectory("gong-faults-").FullName;
    private readonly Func<OperatorOptions, OperatorOptions>? _configure;
    private readonly TimeSpan _swapWindow;
    private readonly FakeLogCollector _serverLog = new();
    private readonly ILoggerFactory _serverLogging;
    private string? _token;
    private int _port;

    private FaultWorld(Simulator simulator, Func<OperatorOptions, OperatorOptions>? configure, TimeSpan swapWindow)
    {
        Simulator = simulator;
        _configure = configure;
        _swapWindow = swapWindow;
        // The server's own messages only: the web host's request logs would fill memory in every scenario.
        _serverLogging = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Debug).AddFilter((category, _) => category == "GongOperator.LocalCluster").AddProvider(new FakeLoggerProvider(_serverLog)));
    }

    public LocalApiServer Server { get; private set; } = null!;

    public IKubernetes Client { get; private set; } = null!;

    public Simulator Simulator { get; }

    public string Namespace { get; } = "faults-" + Guid.NewGuid().ToString("N")[..8];

    public StatusHistory History { get; private set; } = null!;

    public RunningOperator? Operator { get; private set; }

    public string KubeconfigPath => Server.KubeconfigPath;

    public static async Task<FaultWorld> StartAsync(GongSimulatorOptions? simulatorOptions = null, Func<OperatorOptions, OperatorOptions>? configure = null, bool startOperator = true, TimeSpan? crdStorageSwapWindow = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var simulator = await Simulator.StartAsync(simulatorOptions ?? new GongSimulatorOptions(), ct);
        var world = new FaultWorld(simulator, configure, crdStorageSwapWindow ?? TimeSpan.Zero);
        await world.StartServerAsync();
        await ClusterBootstrap.InstallCrdAsync(world.Client, ct);
        await ClusterBootstrap.EnsureNamespaceAsync(world.Client, world.Namespace, ct);
        await world.WriteSecretAsync();
        world.History = new StatusHistory(world.Client, world.Namespace);
        if (startOperator)
        {
            await world.StartOperatorAsync();
        }

        return world;
    }

    /// <summary>The operator's options, as the in-process operator gets them (and as flags for a process).</summary>
    public OperatorOptions OperatorOptions
    {
        get
        {
            var options = new OperatorOptions
            {
                Kubeconfig = KubeconfigPath,
                Namespaces = [Namespace],
                DefaultCredentialsSecret = $"{Namespace}/{SecretName}",
                GongBaseUrl = Simulator.BaseAddress,
                MetricsBindAddress = "0",
                HealthProbeBindAddress = "0",
                ReassertPeriod = TimeSpan.Zero,
            };
            return _configure?.Invoke(options) ?? options;
        }
    }

    public async Task StartOperatorAsync()
    {
        Operator = await OperatorHost.StartAsync(OperatorOptions, NullLoggerFactory.Instance, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => Operator.Manager.CheckReadiness().Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, "the operator became ready");
    }

    /// <summary>Waits (bounded) until every Secret cache of the running operator has lost the credentials Secret.</summary>
    public Task WaitUntilTheOperatorSeesNoSecretAsync()
    {
        var services = (IKeyedServiceProvider)Operator!.Services;
        var key = new ObjectKey(Namespace, SecretName);
        var caches = new[] { GongOperatorServiceCollectionExtensions.SecretsInformer, GongOperatorServiceCollectionExtensions.DefaultSecretInformer }
            .Select(name => services.GetKeyedService<Informer<V1Secret>>(name))
            .OfType<Informer<V1Secret>>()
            .ToList();
        Assert.NotEmpty(caches);
        return Eventually.HoldsAsync(() => caches.All(c => c.Get(key) is null), "the operator's Secret cache lost the deleted Secret");
    }

    public async Task StopOperatorAsync()
    {
        if (Operator is not null)
        {
            await Operator.DisposeAsync();
            Operator = null;
        }
    }

    /// <summary>Stops the API server as a restart would (its state is written) and starts it again on the same port, token and state dir.</summary>
    public async Task RestartServerAsync()
    {
        await Server.DisposeAsync();
        await StartServerAsync();
    }

    public Task WriteSecretAsync() =>
        ClusterBootstrap.WriteSecretAsync(Client, Namespace, SecretName, new Dictionary<string, string>
        {
            ["accessKey"] = Simulator.DemoAccessKey,
            ["accessKeySecret"] = Simulator.DemoAccessKeySecret,
        }, TestContext.Current.CancellationToken);

    /// <summary>Creates <paramref name="count"/> origins named PREFIX-i for https://PREFIX-i.partner.com; returns their names.</summary>
    public async Task<string[]> CreateOriginsAsync(string prefix, int count)
    {
        var names = Enumerable.Range(0, count).Select(i => $"{prefix}-{i}").ToArray();
        foreach (var name in names)
        {
            await CreateOriginAsync(name);
        }

        return names;
    }

    /// <summary>Creates origin NAME for https://NAME.partner.com, with its own Secret when <paramref name="secretName"/> is given.</summary>
    public Task<GongIntegrationOrigin> CreateOriginAsync(string name, string? secretName = null) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync<GongIntegrationOrigin>(
            new GongIntegrationOrigin
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = Namespace },
                Spec = new GongIntegrationOriginSpec
                {
                    IntegrationType = IntegrationTypes.Dialer,
                    AllowedOrigin = OriginOf(name),
                    CredentialsSecretRef = secretName is null ? null : new SecretReference { Name = secretName },
                },
            },
            GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, Namespace, GongIntegrationOrigin.Plural,
            cancellationToken: TestContext.Current.CancellationToken);

    public static string OriginOf(string name) => $"https://{name}.partner.com";

    public async Task<IList<GongIntegrationOrigin>> ListAsync()
    {
        var list = await Client.CustomObjects.ListNamespacedCustomObjectAsync<KubernetesList<GongIntegrationOrigin>>(
            GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, Namespace, GongIntegrationOrigin.Plural, cancellationToken: TestContext.Current.CancellationToken);
        return list.Items;
    }

    /// <summary>Waits (bounded) until every origin of the namespace is Ready at its generation.</summary>
    public async Task WaitAllReadyAsync(int count, TimeSpan? timeout = null)
    {
        IList<GongIntegrationOrigin> last = [];
        await Eventually.HoldsAsync(
            async () =>
            {
                last = await ListAsync();
                return last.Count == count && last.All(o => o.Status?.ObservedGeneration == o.Metadata.Generation
                    && o.Status?.Conditions?.Any(c => c.Type == ConditionTypes.Ready && c.Status == "True") == true);
            },
            $"all {count} origins Ready",
            timeout ?? TimeSpan.FromSeconds(60),
            () => string.Join("; ", last.Select(o => $"{o.Metadata.Name}: {o.Status?.Conditions?.FirstOrDefault(c => c.Type == ConditionTypes.Ready)?.Reason}")));
    }

    /// <summary>How many requests sent with <paramref name="userAgent"/> the API server answered 503 during a CRD storage swap.</summary>
    public int StorageSwapRefusalsOf(string userAgent) =>
        _serverLog.GetSnapshot().Count(r => r.Id.Id == StorageSwapRefused
            && r.StructuredState?.Any(p => p.Key == "UserAgent" && p.Value == userAgent) == true);

    /// <summary>Nothing lost and nothing wasted: see <see cref="FaultVerdict"/>.</summary>
    public async Task<IList<GongIntegrationOrigin>> AssertNothingLostOrWastedAsync()
    {
        var origins = await ListAsync();
        FaultVerdict.AssertNothingLost(origins, Simulator, History);
        FaultVerdict.AssertNothingWasted(origins, Simulator, History);
        return origins;
    }

    private async Task StartServerAsync()
    {
        Server = await LocalApiServer.StartAsync(new LocalApiServerOptions { StateDir = _stateDir, Port = _port, Token = _token, CrdStorageSwapWindow = _swapWindow, LoggerFactory = _serverLogging }, TestContext.Current.CancellationToken);
        _port = Server.BaseAddress.Port;
        _token = Server.Token;
        if (Client is null)
        {
            // The operator's own client setup without its request rate limit: rides out Retry-After as the operator does.
            Client = KubernetesConnection.CreateClient(KubernetesClientConfiguration.BuildConfigFromConfigFile(KubeconfigPath), new KubernetesConnectionOptions { Qps = 0 });
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        if (History is not null)
        {
            await History.DisposeAsync();
        }

        Client?.Dispose();
        if (Server is not null)
        {
            await Server.DisposeAsync();
        }

        await Simulator.DisposeAsync();
        _serverLogging.Dispose();
        Directory.Delete(_stateDir, recursive: true);
    }
}
