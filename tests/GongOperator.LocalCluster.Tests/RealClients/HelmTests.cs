using GongOperator.Testing;

namespace GongOperator.LocalCluster.Tests.RealClients;

/// <summary>The real helm 4 installing, upgrading and uninstalling a small chart on the embedded server.</summary>
public sealed class HelmTests
{
    private static void WriteChart(ClientSandbox sandbox)
    {
        sandbox.WriteFile("chart/Chart.yaml", """
            apiVersion: v2
            name: shop
            version: 0.1.0
            appVersion: "1.0"
            """);
        sandbox.WriteFile("chart/values.yaml", """
            replicas: 1
            size: small
            greeting: hello
            """);
        sandbox.WriteFile("chart/templates/all.yaml", """
            apiVersion: v1
            kind: ServiceAccount
            metadata:
              name: {{ .Release.Name }}-sa
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: Role
            metadata:
              name: {{ .Release.Name }}-reader
            rules:
            - apiGroups: [""]
              resources: ["configmaps"]
              verbs: ["get", "list", "watch"]
            ---
            apiVersion: rbac.authorization.k8s.io/v1
            kind: RoleBinding
            metadata:
              name: {{ .Release.Name }}-reader
            roleRef:
              apiGroup: rbac.authorization.k8s.io
              kind: Role
              name: {{ .Release.Name }}-reader
            subjects:
            - kind: ServiceAccount
              name: {{ .Release.Name }}-sa
              namespace: {{ .Release.Namespace }}
            ---
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: {{ .Release.Name }}-settings
            data:
              greeting: {{ .Values.greeting | quote }}
            ---
            apiVersion: v1
            kind: Secret
            metadata:
              name: {{ .Release.Name }}-secret
            type: Opaque
            stringData:
              password: s3cret
            ---
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: {{ .Release.Name }}-web
            spec:
              replicas: {{ .Values.replicas }}
              selector:
                matchLabels:
                  app: {{ .Release.Name }}-web
              template:
                metadata:
                  labels:
                    app: {{ .Release.Name }}-web
                spec:
                  serviceAccountName: {{ .Release.Name }}-sa
                  containers:
                  - name: web
                    image: nginx:1.27
                    ports:
                    - containerPort: 80
            ---
            apiVersion: example.com/v1
            kind: Widget
            metadata:
              name: {{ .Release.Name }}-widget
            spec:
              size: {{ .Values.size }}
              replicas: 1
            """);
    }

    private static async Task ObserveWidgetsAsync(ClientSandbox sandbox, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(ct))
            {
                var (code, list) = await sandbox.Cluster.GetAsync("/apis/example.com/v1/namespaces/store/widgets");
                if (code != 200)
                {
                    continue;
                }

                foreach (var item in list!["items"]!.AsArray())
                {
                    var generation = item!["metadata"]!["generation"]!.GetValue<long>();
                    if (item["status"]?["observedGeneration"]?.GetValue<long>() != generation)
                    {
                        var name = item["metadata"]!["name"]!.GetValue<string>();
                        await sandbox.Cluster.PatchAsync($"/apis/example.com/v1/namespaces/store/widgets/{name}/status", "{\"status\":{\"observedGeneration\":" + generation.ToString(System.Globalization.CultureInfo.InvariantCulture) + "}}", "application/merge-patch+json");
                    }
                }
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the test is done with the stand-in controller
        }
    }

    private static void Ok(ToolResult result) => Assert.True(result.ExitCode == 0, result.ToString());

    [Fact]
    public async Task Install_wait_upgrade_and_uninstall_of_a_chart_with_built_ins_and_a_custom_resource()
    {
        _ = KubeTools.Helm;
        await using var sandbox = await ClientSandbox.StartAsync();
        await sandbox.Cluster.InstallWidgetCrdAsync();
        WriteChart(sandbox);
        var chart = Path.Combine(sandbox.Home, "chart");

        // Stands in for the Widget's controller: kstatus waits until status.observedGeneration catches up.
        using var controller = new CancellationTokenSource();
        var observer = ObserveWidgetsAsync(sandbox, controller.Token);
        var install = await sandbox.HelmAsync("install", "demo", chart, "-n", "store", "--create-namespace", "--wait", "--timeout", "60s");
        Ok(install);
        Assert.Contains("STATUS: deployed", install.Stdout, StringComparison.Ordinal);
        foreach (var path in new[]
        {
            "/api/v1/namespaces/store/serviceaccounts/demo-sa",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/store/roles/demo-reader",
            "/apis/rbac.authorization.k8s.io/v1/namespaces/store/rolebindings/demo-reader",
            "/api/v1/namespaces/store/configmaps/demo-settings",
            "/api/v1/namespaces/store/secrets/demo-secret",
            "/apis/apps/v1/namespaces/store/deployments/demo-web",
            "/apis/example.com/v1/namespaces/store/widgets/demo-widget",
        })
        {
            var (code, body) = await sandbox.Cluster.GetAsync(path);
            Assert.True(code == 200, path);
            Assert.Equal("Helm", body!["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
        }

        var (_, release) = await sandbox.Cluster.GetAsync("/api/v1/namespaces/store/secrets/sh.helm.release.v1.demo.v1");
        Assert.Equal("helm.sh/release.v1", release!["type"]!.GetValue<string>());
        Assert.Equal("deployed", release["metadata"]!["labels"]!["status"]!.GetValue<string>());

        var upgrade = await sandbox.HelmAsync("upgrade", "demo", chart, "-n", "store", "--set", "replicas=3", "--set", "size=large", "--wait", "--timeout", "60s");
        Ok(upgrade);
        Assert.Contains("has been upgraded", upgrade.Stdout, StringComparison.Ordinal);
        var (_, deployment) = await sandbox.Cluster.GetAsync("/apis/apps/v1/namespaces/store/deployments/demo-web");
        Assert.Equal(3, deployment!["spec"]!["replicas"]!.GetValue<long>());
        Assert.Equal(3, deployment["status"]!["availableReplicas"]!.GetValue<long>());
        var (_, widget) = await sandbox.Cluster.GetAsync("/apis/example.com/v1/namespaces/store/widgets/demo-widget");
        Assert.Equal("large", widget!["spec"]!["size"]!.GetValue<string>());
        var (_, v1) = await sandbox.Cluster.GetAsync("/api/v1/namespaces/store/secrets/sh.helm.release.v1.demo.v1");
        Assert.Equal("superseded", v1!["metadata"]!["labels"]!["status"]!.GetValue<string>());

        await controller.CancelAsync();
        await observer;
        var list = await sandbox.HelmAsync("list", "-A");
        Ok(list);
        Assert.Contains("demo", list.Stdout, StringComparison.Ordinal);

        var uninstall = await sandbox.HelmAsync("uninstall", "demo", "-n", "store");
        Ok(uninstall);
        Assert.Contains("release \"demo\" uninstalled", uninstall.Stdout, StringComparison.Ordinal);
        Assert.Equal(404, (await sandbox.Cluster.GetAsync("/apis/apps/v1/namespaces/store/deployments/demo-web")).Code);
        Assert.Equal(404, (await sandbox.Cluster.GetAsync("/apis/example.com/v1/namespaces/store/widgets/demo-widget")).Code);
        Assert.Equal(404, (await sandbox.Cluster.GetAsync("/api/v1/namespaces/store/secrets/sh.helm.release.v1.demo.v2")).Code);
    }

    [Fact]
    public async Task A_chart_with_every_served_built_in_kind_installs_with_wait_and_kubectl_lists_it()
    {
        _ = KubeTools.Helm;
        _ = KubeTools.Kubectl;
        await using var sandbox = await ClientSandbox.StartAsync();
        var chart = Path.Combine(AppContext.BaseDirectory, "Charts", "all-kinds");

        var install = await sandbox.HelmAsync("install", "shop", chart, "-n", "shop", "--create-namespace", "--wait", "--wait-for-jobs", "--timeout", "60s");
        Ok(install);
        Assert.Contains("STATUS: deployed", install.Stdout, StringComparison.Ordinal);
        foreach (var path in new[]
        {
            "/api/v1/namespaces/shop/pods/shop-debug", "/api/v1/namespaces/shop/persistentvolumeclaims/shop-uploads",
            "/api/v1/namespaces/shop/resourcequotas/shop-quota", "/api/v1/namespaces/shop/limitranges/shop-limits",
            "/api/v1/namespaces/shop/endpoints/shop-external", "/apis/discovery.k8s.io/v1/namespaces/shop/endpointslices/shop-external",
            "/apis/apps/v1/namespaces/shop/statefulsets/shop-db", "/apis/apps/v1/namespaces/shop/daemonsets/shop-agent",
            "/apis/batch/v1/namespaces/shop/jobs/shop-migrate", "/apis/batch/v1/namespaces/shop/cronjobs/shop-nightly",
            "/apis/autoscaling/v2/namespaces/shop/horizontalpodautoscalers/shop-web", "/apis/networking.k8s.io/v1/namespaces/shop/ingresses/shop-web",
            "/apis/networking.k8s.io/v1/ingressclasses/shop-nginx", "/apis/networking.k8s.io/v1/namespaces/shop/networkpolicies/shop-web",
            "/apis/policy/v1/namespaces/shop/poddisruptionbudgets/shop-web",
        })
        {
            var (code, body) = await sandbox.Cluster.GetAsync(path);
            Assert.True(code == 200, path);
            Assert.Equal("Helm", body!["metadata"]!["labels"]!["app.kubernetes.io/managed-by"]!.GetValue<string>());
        }

        var pods = await sandbox.KubectlAsync("get", "pods", "-n", "shop");
        Ok(pods);
        Assert.Matches(@"shop-debug\s+1/1\s+Running\s+0", pods.Stdout);
        var jobs = await sandbox.KubectlAsync("get", "jobs,statefulsets", "-n", "shop");
        Ok(jobs);
        Assert.Matches(@"job.batch/shop-migrate\s+1/1", jobs.Stdout);
        Assert.Matches(@"statefulset.apps/shop-db\s+2/2", jobs.Stdout);
        var explain = await sandbox.KubectlAsync("explain", "statefulsets");
        Ok(explain);
        Assert.Contains("KIND:       StatefulSet", explain.Stdout, StringComparison.Ordinal);

        var uninstall = await sandbox.HelmAsync("uninstall", "shop", "-n", "shop", "--wait");
        Ok(uninstall);
        Assert.Equal(404, (await sandbox.Cluster.GetAsync("/apis/apps/v1/namespaces/shop/statefulsets/shop-db")).Code);
        Assert.Equal(404, (await sandbox.Cluster.GetAsync("/apis/networking.k8s.io/v1/ingressclasses/shop-nginx")).Code);
    }
}
