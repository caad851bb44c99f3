using System.Net;
using System.Text;
using GongOperator.Configuration;
using GongOperator.Crd;
using GongOperator.GongSimulator;
using GongOperator.Hosting;
using GongOperator.Resources;
using GongOperator.Testing;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Simulator = GongOperator.GongSimulator.GongSimulator;

namespace GongOperator.Tests.EndToEnd;

/// <summary>
/// One end-to-end world per test: a cluster (see <see cref="TestCluster"/>) with the CRD, a namespace of the test's
/// own, the Gong simulator, the default credentials Secret, and the operator scoped to that namespace.
/// </summary>
public sealed class OperatorEnvironment : IAsyncDisposable
{
    private RunningOperator? _operator;

    private OperatorEnvironment(TestCluster cluster, Simulator simulator, string ns)
    {
        Cluster = cluster;
        Simulator = simulator;
        Namespace = ns;
    }

    public TestCluster Cluster { get; }

    public IKubernetes Client => Cluster.Client;

    public Simulator Simulator { get; }

    /// <summary>The test's namespace; the operator watches only this one.</summary>
    public string Namespace { get; }

    /// <summary>The default credentials Secret's name (in <see cref="Namespace"/>).</summary>
    public const string SecretName = "gong-credentials";

    /// <summary>The running operator, if started.</summary>
    public RunningOperator? Operator => _operator;

    /// <summary>
    /// Starts a world; <paramref name="simulatorOptions"/> and <paramref name="configure"/> adjust the simulator and the
    /// operator, whose logs go to <paramref name="loggerFactory"/> (none when null).
    /// </summary>
    public static async Task<OperatorEnvironment> StartAsync(
        GongSimulatorOptions? simulatorOptions = null,
        Func<OperatorOptions, OperatorOptions>? configure = null,
        bool startOperator = true,
        ILoggerFactory? loggerFactory = null)
    {
        var ct = TestContext.Current.CancellationToken;
        var cluster = await TestCluster.StartAsync(ct);
        var simulator = await Simulator.StartAsync(simulatorOptions ?? new GongSimulatorOptions(), ct);
        var env = new OperatorEnvironment(cluster, simulator, "e2e-" + Guid.NewGuid().ToString("N")[..10]);
        env._configure = configure;
        env._loggerFactory = loggerFactory ?? NullLoggerFactory.Instance;
        await env.InstallAsync(ct);
        if (startOperator)
        {
            await env.StartOperatorAsync();
        }

        return env;
    }

    private Func<OperatorOptions, OperatorOptions>? _configure;
    private ILoggerFactory _loggerFactory = NullLoggerFactory.Instance;

    /// <summary>Starts the operator (again, after <see cref="StopOperatorAsync"/>).</summary>
    public async Task StartOperatorAsync()
    {
        var options = new OperatorOptions
        {
            Kubeconfig = Cluster.KubeconfigPath,
            Namespaces = [Namespace],
            DefaultCredentialsSecret = $"{Namespace}/{SecretName}",
            GongBaseUrl = Simulator.BaseAddress,
            MetricsBindAddress = "127.0.0.1:0",
            HealthProbeBindAddress = "127.0.0.1:0",
            ReassertPeriod = TimeSpan.Zero,
        };
        _operator = await OperatorHost.StartAsync(_configure?.Invoke(options) ?? options, _loggerFactory, TestContext.Current.CancellationToken);
        await Eventually.HoldsAsync(() => _operator.Manager.CheckReadiness().Status == Microsoft.Extensions.Diagnostics.HealthChecks.HealthStatus.Healthy, "the operator became ready");
    }

    /// <summary>Stops the operator gracefully.</summary>
    public async Task StopOperatorAsync()
    {
        if (_operator is not null)
        {
            await _operator.DisposeAsync();
            _operator = null;
        }
    }

    /// <summary>Creates an origin through the API.</summary>
    public Task<GongIntegrationOrigin> CreateOriginAsync(string name, string origin, string type = IntegrationTypes.Dialer, string? secretName = null, string? ns = null) =>
        Client.CustomObjects.CreateNamespacedCustomObjectAsync<GongIntegrationOrigin>(
            new GongIntegrationOrigin
            {
                Metadata = new V1ObjectMeta { Name = name, NamespaceProperty = ns ?? Namespace },
                Spec = new GongIntegrationOriginSpec
                {
                    IntegrationType = type,
                    AllowedOrigin = origin,
                    CredentialsSecretRef = secretName is null ? null : new SecretReference { Name = secretName },
                },
            },
            GongIntegrationOrigin.Group,
            GongIntegrationOrigin.Version,
            ns ?? Namespace,
            GongIntegrationOrigin.Plural,
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Reads an origin.</summary>
    public Task<GongIntegrationOrigin> GetOriginAsync(string name, string? ns = null) =>
        Client.CustomObjects.GetNamespacedCustomObjectAsync<GongIntegrationOrigin>(
            GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, ns ?? Namespace, GongIntegrationOrigin.Plural, name, TestContext.Current.CancellationToken);

    /// <summary>Merge-patches an origin (spec or metadata).</summary>
    public Task PatchOriginAsync(string name, string mergePatchJson) =>
        Client.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(mergePatchJson, V1Patch.PatchType.MergePatch),
            GongIntegrationOrigin.Group, GongIntegrationOrigin.Version, Namespace, GongIntegrationOrigin.Plural, name,
            cancellationToken: TestContext.Current.CancellationToken);

    /// <summary>Waits (bounded) until the origin's Ready condition has <paramref name="reason"/>; returns the origin.</summary>
    public async Task<GongIntegrationOrigin> WaitForReasonAsync(string name, string reason, TimeSpan? timeout = null, string? ns = null)
    {
        GongIntegrationOrigin? last = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                last = await GetOriginAsync(name, ns);
                return last.Status?.Conditions?.FirstOrDefault(c => c.Type == "Ready")?.Reason == reason
                    && last.Status.ObservedGeneration == last.Metadata.Generation;
            },
            $"origin {name} reached reason {reason}",
            timeout,
            () => KubernetesJson.Serialize(last?.Status));
        return last!;
    }

    /// <summary>Calls Gong received for the demo company.</summary>
    public int GongCalls => Simulator.Calls.Count;

    /// <summary>Writes the default credentials Secret with <paramref name="data"/>.</summary>
    public Task WriteSecretAsync(string name, IReadOnlyDictionary<string, string> data, string? ns = null) =>
        ClusterBootstrap.WriteSecretAsync(Client, ns ?? Namespace, name, data, TestContext.Current.CancellationToken);

    /// <summary>Runs the real kubectl against the cluster.</summary>
    public Task<ToolResult> KubectlAsync(params string[] args) =>
        KubeTools.RunAsync(KubeTools.Kubectl, ["--kubeconfig", Cluster.KubeconfigPath, "-n", Namespace, .. args], TimeSpan.FromSeconds(90));

    public async ValueTask DisposeAsync()
    {
        await StopOperatorAsync();
        await Simulator.DisposeAsync();
        if (Cluster.Shared)
        {
            // A cluster other runs use keeps nothing of this test's. On a bare kube-apiserver the namespace stays
            // Terminating (no namespace controller empties it); its name is unique, so nothing collides with it.
            await DeleteNamespaceAsync();
        }

        await Cluster.DisposeAsync();
    }

    /// <summary>Deletes a namespace a test made besides its own (on a shared cluster it must not stay behind).</summary>
    public async Task DeleteNamespaceAsync(string? ns = null)
    {
        try
        {
            await Client.CoreV1.DeleteNamespaceAsync(ns ?? Namespace, cancellationToken: CancellationToken.None);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    private async Task InstallAsync(CancellationToken ct)
    {
        await ClusterBootstrap.InstallCrdAsync(Client, ct);
        await ClusterBootstrap.EnsureNamespaceAsync(Client, Namespace, ct);
        await WriteSecretAsync(SecretName, new Dictionary<string, string>
        {
            ["accessKey"] = Simulator.DemoAccessKey,
            ["accessKeySecret"] = Simulator.DemoAccessKeySecret,
        });
    }
}
