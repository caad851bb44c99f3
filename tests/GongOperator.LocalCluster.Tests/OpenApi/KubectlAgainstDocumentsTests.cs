using System.Text.Json.Nodes;
using GongOperator.LocalCluster.OpenApi;
using GongOperator.LocalCluster.Tables;
using GongOperator.LocalCluster.Tests.Schema;
using GongOperator.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.LocalCluster.Tests.OpenApi;

/// <summary>Drives the real kubectl 1.35 against our documents and tables through <see cref="FakeApiServer"/>.</summary>
public sealed class KubectlAgainstDocumentsTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("schema-kubectl-").FullName;

    private static OpenApiDocuments Documents() => OpenApiDocuments.Build(
    [
        new OpenApiResource("example.com", "v1", "Widget", "widgets", true, true, WidgetSchema.Node(), true),
        new OpenApiResource(string.Empty, "v1", "Namespace", "namespaces", false, true, null, false),
        new OpenApiResource(string.Empty, "v1", "ConfigMap", "configmaps", true, false, null, false),
    ]);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    private async Task<ToolResult> KubectlAsync(FakeApiServer server, params string[] args)
    {
        string kubectl = KubeTools.Kubectl;
        string[] all = ["--kubeconfig", server.WriteKubeconfig(_directory), "--cache-dir", Path.Combine(_directory, "cache"), .. args];
        return await KubeTools.RunAsync(kubectl, all, TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task Kubectl_explain_prints_the_recorded_output_for_widget_spec()
    {
        await using FakeApiServer server = await FakeApiServer.StartAsync(Documents(), null, TestContext.Current.CancellationToken);

        ToolResult result = await KubectlAsync(server, "explain", "wd.spec");

        Assert.True(result.ExitCode == 0, result.ToString());
        const string Recorded = """
            GROUP:      example.com
            KIND:       Widget
            VERSION:    v1

            FIELD: spec <Object>


            DESCRIPTION:
                WidgetSpec is the desired state of a Widget.
                
            FIELDS:
              color	<string> -required-
                Colour as a lower-case hex RGB value such as "#3366ff".

              maxReplicas	<integer>
                Upper bound for replicas.

              owner	<string>
                Team that owns the widget.

              replicas	<integer>
                Desired number of replicas.

              size	<string> -required-
              enum: small, medium, large
                Size class of the widget.



            """;
        Assert.Equal(Recorded.ReplaceLineEndings("\n"), result.Stdout.ReplaceLineEndings("\n"));
    }

    [Fact]
    public async Task Kubectl_apply_sees_server_side_validation_and_uses_merge_patch_for_widgets_and_smp_for_config_maps()
    {
        await using FakeApiServer server = await FakeApiServer.StartAsync(Documents(), null, TestContext.Current.CancellationToken);
        string manifest = Path.Combine(_directory, "objects.yaml");
        await File.WriteAllTextAsync(manifest, """
            apiVersion: example.com/v1
            kind: Widget
            metadata: {name: w1}
            spec: {size: small, color: "#000000"}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata: {name: c1}
            data: {k: v}
            """, TestContext.Current.CancellationToken);

        ToolResult created = await KubectlAsync(server, "apply", "-f", manifest);
        await File.WriteAllTextAsync(manifest, (await File.ReadAllTextAsync(manifest, TestContext.Current.CancellationToken)).Replace("size: small", "size: large", StringComparison.Ordinal).Replace("k: v}", "k: v2}", StringComparison.Ordinal), TestContext.Current.CancellationToken);
        ToolResult updated = await KubectlAsync(server, "apply", "-f", manifest);

        Assert.True(created.ExitCode == 0, created.ToString());
        Assert.True(updated.ExitCode == 0, updated.ToString());
        Assert.Empty(updated.Stderr);
        string[] requests = [.. server.Requests];
        Assert.Contains("POST /apis/example.com/v1/namespaces/default/widgets?fieldManager=kubectl-client-side-apply&fieldValidation=Strict application/json", requests);
        Assert.Contains("POST /api/v1/namespaces/default/configmaps?fieldManager=kubectl-client-side-apply&fieldValidation=Strict application/json", requests);
        Assert.Contains("PATCH /apis/example.com/v1/namespaces/default/widgets/w1?fieldManager=kubectl-client-side-apply&fieldValidation=Strict application/merge-patch+json", requests);
        Assert.Contains("PATCH /api/v1/namespaces/default/configmaps/c1?fieldManager=kubectl-client-side-apply&fieldValidation=Strict application/strategic-merge-patch+json", requests);
    }

    [Fact]
    public async Task Kubectl_get_prints_our_table_with_wide_columns_and_namespaces()
    {
        DateTimeOffset created = DateTimeOffset.UtcNow.AddSeconds(-75);
        string ts = created.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture);
        JsonObject alpha = JsonNode.Parse("""
            {"apiVersion":"example.com/v1","kind":"Widget","metadata":{"name":"alpha","namespace":"sample","resourceVersion":"5","creationTimestamp":"TS"},
             "spec":{"size":"medium","replicas":4,"owner":"team-ops"},"status":{"conditions":[{"type":"Ready","status":"True"}]}}
            """.Replace("TS", ts, StringComparison.Ordinal))!.AsObject();
        TableWriter writer = TableWriter.ForCustomResource(
            [
                new PrinterColumn("Size", "string", null, null, 0, ".spec.size"),
                new PrinterColumn("Replicas", "integer", null, null, 0, ".spec.replicas"),
                new PrinterColumn("Ready", "string", null, null, 0, ".status.conditions[?(@.type==\"Ready\")].status"),
                new PrinterColumn("Owner", "string", null, null, 1, ".spec.owner"),
                new PrinterColumn("Age", "date", null, null, 0, ".metadata.creationTimestamp"),
            ],
            new FakeTimeProvider(created.AddSeconds(75)));
        await using FakeApiServer server = await FakeApiServer.StartAsync(
            Documents(),
            path => path == "/apis/example.com/v1/widgets" ? writer.WriteList([alpha], "9") : null,
            TestContext.Current.CancellationToken);

        ToolResult result = await KubectlAsync(server, "get", "wd", "-A", "-o", "wide");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(
            """
            NAMESPACE   NAME    SIZE     REPLICAS   READY   OWNER      AGE
            sample      alpha   medium   4          True    team-ops   75s

            """.ReplaceLineEndings("\n"),
            result.Stdout.ReplaceLineEndings("\n"));
    }
}
