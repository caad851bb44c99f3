using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Tests.Server;
using GongOperator.Testing;

namespace GongOperator.LocalCluster.Tests.RealClients;

/// <summary>The real kubectl 1.35 against the embedded server: what it prints and what gets stored.</summary>
public sealed class KubectlTests
{
    private const string WidgetYaml = """
        apiVersion: example.com/v1
        kind: Widget
        metadata:
          name: alpha
          namespace: shop
          labels:
            app: shop
        spec:
          size: small
          replicas: 2
          color: "#3366ff"
        """;

    private static async Task<ClientSandbox> WithWidgetsAsync()
    {
        _ = KubeTools.Kubectl;
        var sandbox = await ClientSandbox.StartAsync();
        await sandbox.Cluster.InstallWidgetCrdAsync();
        await sandbox.Cluster.CreateNamespaceAsync("shop");
        return sandbox;
    }

    private static void Ok(ToolResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    [Fact]
    public async Task Create_namespace_apply_of_a_CRD_and_wait_for_Established()
    {
        _ = KubeTools.Kubectl;
        await using var sandbox = await ClientSandbox.StartAsync();
        var created = await sandbox.KubectlAsync("create", "namespace", "team-a");
        Ok(created);
        Assert.Contains("namespace/team-a created", created.Stdout, StringComparison.Ordinal);
        Assert.Equal(200, (await sandbox.Cluster.GetAsync("/api/v1/namespaces/team-a")).Code);

        var crdFile = sandbox.WriteFile("crd.yaml", WidgetCrd.Yaml);
        var applied = await sandbox.KubectlAsync("apply", "-f", crdFile);
        Ok(applied);
        Assert.Contains("customresourcedefinition.apiextensions.k8s.io/widgets.example.com created", applied.Stdout, StringComparison.Ordinal);

        var waited = await sandbox.KubectlAsync("wait", "--for=condition=Established", "crd/widgets.example.com", "--timeout=30s");
        Ok(waited);
        Assert.Contains("condition met", waited.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Apply_creates_a_custom_resource_then_a_change_reconfigures_it_and_generation_moves()
    {
        await using var sandbox = await WithWidgetsAsync();
        var file = sandbox.WriteFile("widget.yaml", WidgetYaml);
        var first = await sandbox.KubectlAsync("apply", "-f", file);
        Ok(first);
        Assert.Contains("widget.example.com/alpha created", first.Stdout, StringComparison.Ordinal);

        sandbox.WriteFile("widget.yaml", WidgetYaml.Replace("replicas: 2", "replicas: 4", StringComparison.Ordinal));
        var second = await sandbox.KubectlAsync("apply", "-f", file);
        Ok(second);
        Assert.Contains("widget.example.com/alpha configured", second.Stdout, StringComparison.Ordinal);

        var third = await sandbox.KubectlAsync("apply", "-f", file);
        Ok(third);
        Assert.Contains("widget.example.com/alpha unchanged", third.Stdout, StringComparison.Ordinal);

        var (_, stored) = await sandbox.Cluster.GetAsync("/apis/example.com/v1/namespaces/shop/widgets/alpha");
        Assert.Equal(2, stored!["metadata"]!["generation"]!.GetValue<long>());
        Assert.Equal(4, stored["spec"]!["replicas"]!.GetValue<long>());
    }

    [Fact]
    public async Task Server_side_apply_creates_and_records_kubectl_as_the_apply_manager()
    {
        await using var sandbox = await WithWidgetsAsync();
        var file = sandbox.WriteFile("widget.yaml", WidgetYaml);
        var result = await sandbox.KubectlAsync("apply", "--server-side", "-f", file);
        Ok(result);
        Assert.Contains("widget.example.com/alpha serverside-applied", result.Stdout, StringComparison.Ordinal);
        var (_, stored) = await sandbox.Cluster.GetAsync("/apis/example.com/v1/namespaces/shop/widgets/alpha");
        var managed = stored!["metadata"]!["managedFields"]!.AsArray();
        Assert.Contains(managed, m => m!["manager"]!.GetValue<string>() == "kubectl" && m["operation"]!.GetValue<string>() == "Apply");
    }

    [Fact]
    public async Task Get_prints_the_printer_columns_and_yaml_output_holds_the_object()
    {
        await using var sandbox = await WithWidgetsAsync();
        Ok(await sandbox.KubectlAsync("apply", "-f", sandbox.WriteFile("widget.yaml", WidgetYaml)));
        var table = await sandbox.KubectlAsync("get", "widgets", "-n", "shop");
        Ok(table);
        var lines = table.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Matches(@"^NAME\s+SIZE\s+REPLICAS\s+READY\s+AGE$", lines[0]);
        Assert.Matches(@"^alpha\s+small\s+2\s+", lines[1]);

        var yaml = await sandbox.KubectlAsync("get", "wd", "alpha", "-n", "shop", "-o", "yaml");
        Ok(yaml);
        Assert.Contains("kind: Widget", yaml.Stdout, StringComparison.Ordinal);
        Assert.Contains("size: small", yaml.Stdout, StringComparison.Ordinal);
        Assert.Contains("generation: 1", yaml.Stdout, StringComparison.Ordinal);

        var all = await sandbox.KubectlAsync("get", "wd", "-A");
        Ok(all);
        Assert.Contains("shop", all.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Explain_prints_the_CRD_field_descriptions()
    {
        await using var sandbox = await WithWidgetsAsync();
        var result = await sandbox.KubectlAsync("explain", "wd.spec");
        Ok(result);
        Assert.Contains("KIND:       Widget", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("What the widget should look like.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("size", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wait_for_Ready_is_released_by_a_status_write()
    {
        await using var sandbox = await WithWidgetsAsync();
        Ok(await sandbox.KubectlAsync("apply", "-f", sandbox.WriteFile("widget.yaml", WidgetYaml)));
        var waiting = sandbox.KubectlAsync("wait", "--for=condition=Ready", "wd/alpha", "-n", "shop", "--timeout=60s");
        await Poll.UntilAsync(() => sandbox.Cluster.Server.OpenWatchCount > 0 || waiting.IsCompleted);
        var (code, _) = await sandbox.Cluster.PatchAsync(
            "/apis/example.com/v1/namespaces/shop/widgets/alpha/status",
            """{"status":{"observedGeneration":1,"conditions":[{"type":"Ready","status":"True","reason":"Done","message":"ready","lastTransitionTime":"2026-01-01T00:00:00Z"}]}}""",
            "application/merge-patch+json");
        Assert.Equal(200, code);
        var result = await waiting;
        Ok(result);
        Assert.Contains("widget.example.com/alpha condition met", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describe_shows_the_events_of_the_object()
    {
        await using var sandbox = await WithWidgetsAsync();
        Ok(await sandbox.KubectlAsync("apply", "-f", sandbox.WriteFile("widget.yaml", WidgetYaml)));
        var (_, widget) = await sandbox.Cluster.GetAsync("/apis/example.com/v1/namespaces/shop/widgets/alpha");
        var ev = new JsonObject
        {
            ["apiVersion"] = "v1",
            ["kind"] = "Event",
            ["metadata"] = new JsonObject { ["name"] = "alpha.1", ["namespace"] = "shop" },
            ["involvedObject"] = new JsonObject { ["apiVersion"] = "example.com/v1", ["kind"] = "Widget", ["name"] = "alpha", ["namespace"] = "shop", ["uid"] = widget!["metadata"]!["uid"]!.GetValue<string>() },
            ["reason"] = "Polished",
            ["message"] = "the widget was polished",
            ["type"] = "Normal",
            ["count"] = 1,
            ["firstTimestamp"] = "2026-01-01T00:00:00Z",
            ["lastTimestamp"] = "2026-01-01T00:00:00Z",
            ["source"] = new JsonObject { ["component"] = "test" },
        };
        Assert.Equal(201, (await sandbox.Cluster.PostAsync("/api/v1/namespaces/shop/events", ev)).Code);
        var result = await sandbox.KubectlAsync("describe", "wd", "alpha", "-n", "shop");
        Ok(result);
        Assert.Contains("Events:", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("Polished", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("the widget was polished", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Create_deployment_rolls_out_at_once_and_scale_changes_the_replicas()
    {
        _ = KubeTools.Kubectl;
        await using var sandbox = await ClientSandbox.StartAsync();
        Ok(await sandbox.KubectlAsync("create", "deployment", "web", "--image=nginx", "--replicas=2"));
        var rollout = await sandbox.KubectlAsync("rollout", "status", "deployment/web", "--timeout=30s");
        Ok(rollout);
        Assert.Contains("successfully rolled out", rollout.Stdout, StringComparison.Ordinal);
        var scaled = await sandbox.KubectlAsync("scale", "deployment/web", "--replicas=4");
        Ok(scaled);
        Assert.Contains("deployment.apps/web scaled", scaled.Stdout, StringComparison.Ordinal);
        var (_, stored) = await sandbox.Cluster.GetAsync("/apis/apps/v1/namespaces/default/deployments/web");
        Assert.Equal(4, stored!["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(4, stored["status"]!["availableReplicas"]!.GetValue<long>());
        var table = await sandbox.KubectlAsync("get", "deployment", "web");
        Ok(table);
        Assert.Matches(@"web\s+4/4\s+4\s+4", table.Stdout);
    }

    [Fact]
    public async Task Autoscale_sends_a_protobuf_HPA_that_is_stored_as_its_dry_run_prints_it()
    {
        _ = KubeTools.Kubectl;
        await using var sandbox = await ClientSandbox.StartAsync();
        Ok(await sandbox.KubectlAsync("create", "deployment", "d1", "--image=nginx"));
        string[] autoscale = ["autoscale", "deployment", "d1", "--min=2", "--max=3", "--cpu=70%"];
        var dryRun = await sandbox.KubectlAsync([.. autoscale, "--dry-run=client", "-o", "json"]);
        Ok(dryRun);

        var created = await sandbox.KubectlAsync(autoscale);

        Ok(created);
        Assert.Contains("horizontalpodautoscaler.autoscaling/d1 autoscaled", created.Stdout, StringComparison.Ordinal);
        var (_, stored) = await sandbox.Cluster.GetAsync("/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers/d1");
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(dryRun.Stdout)!["spec"], stored!["spec"]), $"dry run: {dryRun.Stdout}\nstored: {stored["spec"]}");
    }

    [Fact]
    public async Task Deleting_a_namespace_removes_what_it_held()
    {
        _ = KubeTools.Kubectl;
        await using var sandbox = await ClientSandbox.StartAsync();
        Ok(await sandbox.KubectlAsync("create", "namespace", "temp"));
        Ok(await sandbox.KubectlAsync("create", "configmap", "settings", "-n", "temp", "--from-literal=a=b"));
        Ok(await sandbox.KubectlAsync("create", "secret", "generic", "creds", "-n", "temp", "--from-literal=token=t"));
        var deleted = await sandbox.KubectlAsync("delete", "namespace", "temp", "--timeout=60s");
        Ok(deleted);
        Assert.Contains("namespace \"temp\" deleted", deleted.Stdout, StringComparison.Ordinal);
        Assert.Equal(404, (await sandbox.Cluster.GetAsync("/api/v1/namespaces/temp/configmaps/settings")).Code);
        Assert.Equal(404, (await sandbox.Cluster.GetAsync("/api/v1/namespaces/temp/secrets/creds")).Code);
    }

    [Fact]
    public async Task Delete_without_a_finalizer_removes_at_once_and_with_one_waits_until_it_is_removed()
    {
        await using var sandbox = await WithWidgetsAsync();
        Ok(await sandbox.KubectlAsync("apply", "-f", sandbox.WriteFile("widget.yaml", WidgetYaml)));
        var plain = await sandbox.KubectlAsync("delete", "wd", "alpha", "-n", "shop");
        Ok(plain);
        Assert.Contains("widget.example.com \"alpha\" deleted", plain.Stdout, StringComparison.Ordinal);
        Assert.Equal(404, (await sandbox.Cluster.GetAsync("/apis/example.com/v1/namespaces/shop/widgets/alpha")).Code);

        var withFinalizer = WidgetYaml.Replace("  labels:", "  finalizers: [example.com/cleanup]\n  labels:", StringComparison.Ordinal);
        Ok(await sandbox.KubectlAsync("apply", "-f", sandbox.WriteFile("widget.yaml", withFinalizer)));
        var deleting = sandbox.KubectlAsync("delete", "wd", "alpha", "-n", "shop", "--timeout=60s");
        await Poll.UntilAsync(async () => (await sandbox.Cluster.GetAsync("/apis/example.com/v1/namespaces/shop/widgets/alpha")).Body?["metadata"]?["deletionTimestamp"] is not null || deleting.IsCompleted);
        Assert.False(deleting.IsCompleted, "kubectl delete must wait for the finalizer");
        var (code, _) = await sandbox.Cluster.PatchAsync("/apis/example.com/v1/namespaces/shop/widgets/alpha", """{"metadata":{"finalizers":null}}""", "application/merge-patch+json");
        Assert.Equal(200, code);
        var result = await deleting;
        Ok(result);
        Assert.Contains("deleted", result.Stdout, StringComparison.Ordinal);
        Assert.Equal(404, (await sandbox.Cluster.GetAsync("/apis/example.com/v1/namespaces/shop/widgets/alpha")).Code);
    }

    [Fact]
    public async Task Apply_of_a_widget_with_an_invalid_label_key_prints_the_real_servers_refusal()
    {
        await using var sandbox = await WithWidgetsAsync();
        var bad = WidgetYaml.Replace("    app: shop", "    app/v1/x: shop", StringComparison.Ordinal);
        var applied = await sandbox.KubectlAsync("apply", "-f", sandbox.WriteFile("widget.yaml", bad));
        Assert.NotEqual(0, applied.ExitCode);

        // What kubectl printed against kube-apiserver 1.28 for the same widget (served there from another group).
        Assert.Contains(
            "The Widget \"alpha\" is invalid: metadata.labels: Invalid value: \"app/v1/x\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')",
            applied.Stderr,
            StringComparison.Ordinal);
        Assert.Equal(404, (await sandbox.Cluster.GetAsync("/apis/example.com/v1/namespaces/shop/widgets/alpha")).Code);
    }
}
