using GongOperator.Kubernetes.Connection;
using GongOperator.Kubernetes.Resources;
using GongOperator.Kubernetes.Tests.Support;
using GongOperator.LocalCluster;
using k8s;
using k8s.Models;

namespace GongOperator.Kubernetes.Tests.Integration;

/// <summary>One embedded API server per test class, with the Widget CRD installed; each test takes a namespace of its own.</summary>
public sealed class LocalClusterFixture : IAsyncLifetime
{
    private LocalApiServer? _server;
    private IKubernetes? _client;

    public LocalApiServer Server => _server ?? throw new InvalidOperationException("not started");

    public IKubernetes Client => _client ?? throw new InvalidOperationException("not started");

    public KubernetesClientConfiguration Configuration { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _server = await LocalApiServer.StartAsync(new LocalApiServerOptions(), CancellationToken.None);
        Configuration = KubernetesConnection.BuildConfiguration(new KubernetesConnectionOptions { KubeconfigPath = _server.KubeconfigPath });
        _client = NewClient();
        await _client.ApiextensionsV1.CreateCustomResourceDefinitionAsync(WidgetDefinition());
    }

    /// <summary>A client without a client-side rate limit (tests write fast), optionally with extra handlers.</summary>
    public IKubernetes NewClient(params DelegatingHandler[] handlers)
        => new k8s.Kubernetes(Configuration, handlers);

    public CustomResourceClient<Widget> Widgets() => new(Client);

    public async Task<string> NewNamespaceAsync()
    {
        var name = "t-" + Guid.NewGuid().ToString("N")[..10];
        await Client.CoreV1.CreateNamespaceAsync(new V1Namespace { Metadata = new V1ObjectMeta { Name = name } });
        return name;
    }

    public async ValueTask DisposeAsync()
    {
        _client?.Dispose();
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private static V1CustomResourceDefinition WidgetDefinition() => new()
    {
        ApiVersion = "apiextensions.k8s.io/v1",
        Kind = "CustomResourceDefinition",
        Metadata = new V1ObjectMeta { Name = "widgets." + Widget.Group },
        Spec = new V1CustomResourceDefinitionSpec
        {
            Group = Widget.Group,
            Scope = "Namespaced",
            Names = new V1CustomResourceDefinitionNames { Plural = "widgets", Singular = "widget", Kind = "Widget", ListKind = "WidgetList" },
            Versions =
            [
                new V1CustomResourceDefinitionVersion
                {
                    Name = Widget.Version,
                    Served = true,
                    Storage = true,
                    Subresources = new V1CustomResourceSubresources { Status = new Dictionary<string, object>() },
                    Schema = new V1CustomResourceValidation
                    {
                        OpenAPIV3Schema = new V1JSONSchemaProps
                        {
                            Type = "object",
                            Properties = new Dictionary<string, V1JSONSchemaProps>
                            {
                                ["spec"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                                ["status"] = new() { Type = "object", XKubernetesPreserveUnknownFields = true },
                            },
                        },
                    },
                },
            ],
        },
    };
}
