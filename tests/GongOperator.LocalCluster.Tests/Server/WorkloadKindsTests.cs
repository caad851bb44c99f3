using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

/// <summary>The built-in kinds tenant charts hold: served, and reported as their missing controllers would (KWOK-like).</summary>
public sealed class WorkloadKindsTests
{
    private static JsonObject Template(string app) => new()
    {
        ["metadata"] = new JsonObject { ["labels"] = new JsonObject { ["app"] = app } },
        ["spec"] = new JsonObject { ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "nginx" }) },
    };

    private static JsonObject Workload(string apiVersion, string kind, string name, JsonObject spec) => new()
    {
        ["apiVersion"] = apiVersion,
        ["kind"] = kind,
        ["metadata"] = new JsonObject { ["name"] = name },
        ["spec"] = spec,
    };

    private static long Generation(JsonNode? obj) => obj!["metadata"]!["generation"]!.GetValue<long>();

    [Fact]
    public async Task Every_tenant_kind_is_in_discovery_and_can_be_created_and_listed()
    {
        await using var cluster = await TestCluster.StartAsync();
        var expected = new (string GroupVersion, string Plural, bool Namespaced)[]
        {
            ("v1", "pods", true), ("v1", "persistentvolumeclaims", true), ("v1", "resourcequotas", true), ("v1", "limitranges", true),
            ("v1", "endpoints", true), ("apps/v1", "statefulsets", true), ("apps/v1", "daemonsets", true), ("batch/v1", "jobs", true),
            ("batch/v1", "cronjobs", true), ("autoscaling/v2", "horizontalpodautoscalers", true), ("networking.k8s.io/v1", "ingresses", true),
            ("networking.k8s.io/v1", "ingressclasses", false), ("networking.k8s.io/v1", "networkpolicies", true),
            ("discovery.k8s.io/v1", "endpointslices", true), ("policy/v1", "poddisruptionbudgets", true),
        };
        foreach (var (groupVersion, plural, namespaced) in expected)
        {
            var prefix = groupVersion == "v1" ? "/api/v1" : "/apis/" + groupVersion;
            var (code, discovery) = await cluster.GetAsync(prefix);
            Assert.Equal(200, code);
            var resource = discovery!["resources"]!.AsArray().Single(r => r!["name"]!.GetValue<string>() == plural);
            Assert.Equal(namespaced, resource!["namespaced"]!.GetValue<bool>());
            var (listCode, list) = await cluster.GetAsync(prefix + "/" + plural);
            Assert.True(listCode == 200, plural);
            Assert.Empty(list!["items"]!.AsArray());
            Assert.Equal(200, (await cluster.GetAsync("/openapi/v3/" + prefix.TrimStart('/'))).Code);
        }
    }

    [Fact]
    public async Task A_StatefulSet_is_reported_ready_on_its_current_revision_and_the_revision_follows_the_template()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (code, sts) = await cluster.PostAsync("/apis/apps/v1/namespaces/default/statefulsets", Workload("apps/v1", "StatefulSet", "db", new JsonObject
        {
            ["replicas"] = 3,
            ["serviceName"] = "db",
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "db" } },
            ["template"] = Template("db"),
        }));
        Assert.Equal(201, code);
        var status = sts!["status"]!;
        Assert.Equal(1, status["observedGeneration"]!.GetValue<long>());
        Assert.Equal(3, status["readyReplicas"]!.GetValue<long>());
        Assert.Equal(3, status["updatedReplicas"]!.GetValue<long>());
        var revision = status["updateRevision"]!.GetValue<string>();
        Assert.StartsWith("db-", revision, StringComparison.Ordinal);
        Assert.Equal(revision, status["currentRevision"]!.GetValue<string>());

        var (_, changed) = await cluster.PatchAsync("/apis/apps/v1/namespaces/default/statefulsets/db", """{"spec":{"template":{"spec":{"containers":[{"name":"c","image":"nginx:2"}]}}}}""", "application/merge-patch+json");
        Assert.Equal(2, Generation(changed));
        Assert.Equal(2, changed!["status"]!["observedGeneration"]!.GetValue<long>());
        Assert.NotEqual(revision, changed["status"]!["updateRevision"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_Job_completes_at_once_and_a_suspended_one_does_not()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (_, job) = await cluster.PostAsync("/apis/batch/v1/namespaces/default/jobs", Workload("batch/v1", "Job", "migrate", new JsonObject
        {
            ["template"] = new JsonObject { ["spec"] = new JsonObject { ["restartPolicy"] = "Never", ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "busybox" }) } },
        }));
        Assert.Equal(1, job!["spec"]!["completions"]!.GetValue<long>());
        Assert.Equal(6, job["spec"]!["backoffLimit"]!.GetValue<long>());
        Assert.Equal(1, job["status"]!["succeeded"]!.GetValue<long>());
        Assert.NotNull(job["status"]!["completionTime"]);
        Assert.Contains(job["status"]!["conditions"]!.AsArray(), c => c!["type"]!.GetValue<string>() == "Complete" && c["status"]!.GetValue<string>() == "True");

        var (_, suspended) = await cluster.PostAsync("/apis/batch/v1/namespaces/default/jobs", Workload("batch/v1", "Job", "later", new JsonObject
        {
            ["suspend"] = true,
            ["template"] = new JsonObject { ["spec"] = new JsonObject { ["restartPolicy"] = "Never", ["containers"] = new JsonArray(new JsonObject { ["name"] = "c", ["image"] = "busybox" }) } },
        }));
        Assert.Null(suspended!["status"]!["completionTime"]);
        Assert.Equal("Suspended", suspended["status"]!["conditions"]![0]!["type"]!.GetValue<string>());
    }

    [Fact]
    public async Task DaemonSets_PVCs_HPAs_quotas_and_pods_get_the_status_their_controllers_would_write()
    {
        await using var cluster = await TestCluster.StartAsync();
        var (_, ds) = await cluster.PostAsync("/apis/apps/v1/namespaces/default/daemonsets", Workload("apps/v1", "DaemonSet", "agent", new JsonObject
        {
            ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "agent" } },
            ["template"] = Template("agent"),
        }));
        Assert.Equal(1, ds!["status"]!["desiredNumberScheduled"]!.GetValue<long>());
        Assert.Equal(1, ds["status"]!["numberReady"]!.GetValue<long>());

        var (_, pvc) = await cluster.PostAsync("/api/v1/namespaces/default/persistentvolumeclaims", Workload("v1", "PersistentVolumeClaim", "data", new JsonObject
        {
            ["accessModes"] = new JsonArray("ReadWriteOnce"),
            ["resources"] = new JsonObject { ["requests"] = new JsonObject { ["storage"] = "2Gi" } },
        }));
        Assert.Equal("Bound", pvc!["status"]!["phase"]!.GetValue<string>());
        Assert.Equal("2Gi", pvc["status"]!["capacity"]!["storage"]!.GetValue<string>());

        var (_, hpa) = await cluster.PostAsync("/apis/autoscaling/v2/namespaces/default/horizontalpodautoscalers", Workload("autoscaling/v2", "HorizontalPodAutoscaler", "web", new JsonObject
        {
            ["scaleTargetRef"] = new JsonObject { ["apiVersion"] = "apps/v1", ["kind"] = "Deployment", ["name"] = "web" },
            ["maxReplicas"] = 4,
        }));
        Assert.Equal(1, hpa!["spec"]!["minReplicas"]!.GetValue<long>());
        Assert.Equal(1, hpa["status"]!["desiredReplicas"]!.GetValue<long>());

        var (_, quota) = await cluster.PostAsync("/api/v1/namespaces/default/resourcequotas", Workload("v1", "ResourceQuota", "q", new JsonObject { ["hard"] = new JsonObject { ["pods"] = "10" } }));
        Assert.Equal("10", quota!["status"]!["hard"]!["pods"]!.GetValue<string>());
        Assert.Equal("0", quota["status"]!["used"]!["pods"]!.GetValue<string>());

        var (_, pod) = await cluster.PostAsync("/api/v1/namespaces/default/pods", Workload("v1", "Pod", "web", Template("web")["spec"]!.DeepClone().AsObject()));
        Assert.Equal("Running", pod!["status"]!["phase"]!.GetValue<string>());
        Assert.True(pod["status"]!["containerStatuses"]![0]!["ready"]!.GetValue<bool>());
        var runOnce = (JsonObject)Template("once")["spec"]!.DeepClone();
        runOnce["restartPolicy"] = "Never";
        var (_, once) = await cluster.PostAsync("/api/v1/namespaces/default/pods", Workload("v1", "Pod", "once", runOnce));
        Assert.Equal("Succeeded", once!["status"]!["phase"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_annotation_change_bumps_a_Deployments_generation_but_not_a_StatefulSets_as_on_a_real_server()
    {
        await using var cluster = await TestCluster.StartAsync();
        var spec = new JsonObject { ["selector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["app"] = "w" } }, ["template"] = Template("w") };
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/deployments", Workload("apps/v1", "Deployment", "w", (JsonObject)spec.DeepClone()));
        var stsSpec = (JsonObject)spec.DeepClone();
        stsSpec["serviceName"] = "w";
        await cluster.PostAsync("/apis/apps/v1/namespaces/default/statefulsets", Workload("apps/v1", "StatefulSet", "w", stsSpec));
        const string Annotate = """{"metadata":{"annotations":{"note":"x"}}}""";
        const string Label = """{"metadata":{"labels":{"tier":"web"}}}""";

        var (_, annotated) = await cluster.PatchAsync("/apis/apps/v1/namespaces/default/deployments/w", Annotate, "application/merge-patch+json");
        Assert.Equal(2, Generation(annotated));
        Assert.Equal(2, annotated!["status"]!["observedGeneration"]!.GetValue<long>());
        var (_, labelled) = await cluster.PatchAsync("/apis/apps/v1/namespaces/default/deployments/w", Label, "application/merge-patch+json");
        Assert.Equal(2, Generation(labelled));
        var (_, sts) = await cluster.PatchAsync("/apis/apps/v1/namespaces/default/statefulsets/w", Annotate, "application/merge-patch+json");
        Assert.Equal(1, Generation(sts));
    }

    [Fact]
    public async Task A_CRD_is_read_back_with_its_conversion_strategy_defaulted_to_None()
    {
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        var (_, crd) = await cluster.GetAsync("/apis/apiextensions.k8s.io/v1/customresourcedefinitions/widgets.example.com");
        Assert.Equal("None", crd!["spec"]!["conversion"]!["strategy"]!.GetValue<string>());
    }
}
