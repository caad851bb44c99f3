namespace GongOperator.Tests.Packaging;

/// <summary>charts/gong-operator: lint, what each documented value renders, and what the schema refuses.</summary>
public sealed class OperatorChartTests
{
    /// <summary>How helm starts a values.schema.json refusal.</summary>
    private const string SchemaFailure = "values don't meet the specifications of the schema(s)";

    /// <summary>The operator flags the chart's default values render, in order.</summary>
    private static readonly string[] DefaultArgs =
    [
        "--workers=4",
        "--kube-api-qps=0",
        "--kube-api-burst=30",
        "--reassert-period=24h",
        "--gong-base-url=https://api.gong.io",
        "--gong-oauth-token-url=https://app.gong.io/oauth2/generate-customer-token",
        "--oauth-state-namespace=$(POD_NAMESPACE)",
        "--gong-rate-per-second=3",
        "--gong-pacing-margin=50ms",
        "--gong-daily-quota=10000",
        "--gong-batch-size=100",
        "--gong-batch-linger=0ms",
        "--gong-request-timeout=10s",
        "--registration-strategy=incremental",
        "--gong-max-set-size=1000",
        "--leader-elect=true",
        "--leader-election-namespace=$(POD_NAMESPACE)",
        "--leader-election-id=gong-operator",
        "--metrics-bind-address=:8080",
        "--health-probe-bind-address=:8081",
        "--log-format=json",
        "--log-level=info",
    ];

    [Fact]
    public async Task Helm_lint_is_clean()
    {
        var result = await Renders.HelmLintAsync(Renders.OperatorChart);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("0 chart(s) failed", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Defaults_render_the_crd_the_operator_its_rights_and_the_metrics_service()
    {
        var objects = await Renders.OperatorAsync();

        Assert.Equal(
            [
                "ClusterRole/-/gong-operator",
                "ClusterRoleBinding/-/gong-operator",
                "CustomResourceDefinition/-/gongintegrationorigins.gongoperator.io",
                "Deployment/gong-operator-system/gong-operator",
                "Role/gong-operator-system/gong-operator-leader-election",
                "Role/gong-operator-system/gong-operator-oauth-state",
                "RoleBinding/gong-operator-system/gong-operator-leader-election",
                "RoleBinding/gong-operator-system/gong-operator-oauth-state",
                "Service/gong-operator-system/gong-operator-metrics",
                "ServiceAccount/gong-operator-system/gong-operator",
            ],
            objects.Kinds());
        Assert.Equal(DefaultArgs, objects.OperatorArgs());
        var deployment = objects.Single("Deployment");
        Assert.Equal("ghcr.io/gong-operator/gong-operator:0.1.0", deployment.StringAt("spec", "template", "spec", "containers", 0, "image"));
        Assert.Equal("1", deployment.StringAt("spec", "replicas"));
        Assert.Equal("gong-operator", deployment.StringAt("spec", "template", "spec", "serviceAccountName"));
        // Leader election is on, so a rolling update may overlap two pods: only the leader works.
        Assert.Null(deployment.At("spec", "strategy"));
    }

    [Fact]
    public async Task The_metrics_service_selects_the_operator_pods_on_the_metrics_port()
    {
        var objects = await Renders.OperatorAsync("--set", "metrics.port=9090");
        var service = objects.Single("Service");
        var deployment = objects.Single("Deployment");

        Assert.Equal(
            RenderedObject.Canonical(deployment.At("spec", "template", "metadata", "labels")),
            RenderedObject.Canonical(service.At("spec", "selector")));
        Assert.Equal("9090", service.StringAt("spec", "ports", 0, "port"));
        Assert.Equal("metrics", service.StringAt("spec", "ports", 0, "targetPort"));
        Assert.Equal("9090", deployment.StringAt("spec", "template", "spec", "containers", 0, "ports", 0, "containerPort"));
        Assert.Contains("--metrics-bind-address=:9090", objects.OperatorArgs());
    }

    [Fact]
    public async Task The_operator_pod_runs_non_root_read_only_without_privileges_or_capabilities()
    {
        var deployment = (await Renders.OperatorAsync()).Single("Deployment");
        var pod = new[] { "spec", "template", "spec" };
        var container = new object[] { "spec", "template", "spec", "containers", 0 };

        Assert.Equal("true", deployment.StringAt([.. pod, "securityContext", "runAsNonRoot"]));
        Assert.Equal("1654", deployment.StringAt([.. pod, "securityContext", "runAsUser"]));
        Assert.Equal("RuntimeDefault", deployment.StringAt([.. pod, "securityContext", "seccompProfile", "type"]));
        Assert.Equal("false", deployment.StringAt([.. container, "securityContext", "allowPrivilegeEscalation"]));
        Assert.Equal("true", deployment.StringAt([.. container, "securityContext", "readOnlyRootFilesystem"]));
        Assert.Equal("true", deployment.StringAt([.. container, "securityContext", "runAsNonRoot"]));
        Assert.Equal(["ALL"], deployment.StringsAt([.. container, "securityContext", "capabilities", "drop"]));
        Assert.Null(deployment.At([.. container, "securityContext", "capabilities", "add"]));
        // A writable /tmp is the only writable path.
        Assert.Equal("/tmp", deployment.StringAt([.. container, "volumeMounts", 0, "mountPath"]));
        Assert.NotNull(deployment.At([.. pod, "volumes", 0, "emptyDir"]));
    }

    [Fact]
    public async Task Probes_use_the_health_port_with_healthz_and_readyz()
    {
        var objects = await Renders.OperatorAsync("--set", "health.port=9091");
        var deployment = objects.Single("Deployment");
        var container = new object[] { "spec", "template", "spec", "containers", 0 };

        var health = Assert.Single(deployment.MappingsAt([.. container, "ports"]), p => (string?)p["name"] == "health");
        Assert.Equal("9091", health["containerPort"]);
        Assert.Equal("/healthz", deployment.StringAt([.. container, "livenessProbe", "httpGet", "path"]));
        Assert.Equal("health", deployment.StringAt([.. container, "livenessProbe", "httpGet", "port"]));
        Assert.Equal("/readyz", deployment.StringAt([.. container, "readinessProbe", "httpGet", "path"]));
        Assert.Equal("health", deployment.StringAt([.. container, "readinessProbe", "httpGet", "port"]));
        Assert.Contains("--health-probe-bind-address=:9091", objects.OperatorArgs());
    }

    [Fact]
    public async Task Scope_values_become_the_namespaces_and_label_selector_flags()
    {
        var objects = await Renders.OperatorAsync(
            "--set", "scope.namespaces={team-a,team-b}",
            "--set", "scope.labelSelector=shard=one");

        var args = objects.OperatorArgs();
        Assert.Equal("--namespaces=team-a,team-b", args[0]);
        Assert.Equal("--label-selector=shard=one", args[1]);
    }

    [Fact]
    public async Task Gong_and_logging_values_become_the_operator_flags()
    {
        var objects = await Renders.OperatorAsync(
            "--set", "gong.baseUrl=https://company-17.api.gong.io",
            "--set-json", "gong.ratePerSecond=2.5",
            "--set", "gong.dailyQuota=250000",
            "--set", "gong.batchSize=20",
            "--set", "gong.batchLingerMilliseconds=1500",
            "--set", "gong.pacingMarginMilliseconds=120",
            "--set-json", "gong.requestTimeoutSeconds=2.5",
            "--set", "gong.reassertPeriod=0",
            "--set", "gong.registrationStrategy=incremental",
            "--set", "workers=8",
            "--set", "logLevel=debug",
            "--set", "logFormat=text",
            "--set", "leaderElection.id=gong-shard-1");

        var args = objects.OperatorArgs();
        Assert.Contains("--gong-base-url=https://company-17.api.gong.io", args);
        Assert.Contains("--gong-rate-per-second=2.5", args);
        Assert.Contains("--gong-daily-quota=250000", args);
        Assert.Contains("--gong-batch-size=20", args);
        Assert.Contains("--gong-batch-linger=1500ms", args);
        Assert.Contains("--gong-pacing-margin=120ms", args);
        Assert.Contains("--gong-request-timeout=2.5s", args);
        Assert.Contains("--reassert-period=0", args);
        Assert.Contains("--registration-strategy=incremental", args);
        Assert.Contains("--workers=8", args);
        Assert.Contains("--log-level=debug", args);
        Assert.Contains("--log-format=text", args);
        Assert.Contains("--leader-election-id=gong-shard-1", args);
    }

    [Fact]
    public async Task Two_replicas_force_leader_election_and_add_a_disruption_budget()
    {
        var objects = await Renders.OperatorAsync("--set", "replicas=2", "--set", "leaderElection.enabled=false");

        var pdb = objects.Single("PodDisruptionBudget", "gong-operator");
        Assert.Equal("1", pdb.StringAt("spec", "minAvailable"));
        Assert.Equal(
            RenderedObject.Canonical(objects.Single("Deployment").At("spec", "selector", "matchLabels")),
            RenderedObject.Canonical(pdb.At("spec", "selector", "matchLabels")));
        Assert.Equal("2", objects.Single("Deployment").StringAt("spec", "replicas"));
        var args = objects.OperatorArgs();
        Assert.Contains("--leader-elect=true", args);
        Assert.Contains("--leader-election-namespace=$(POD_NAMESPACE)", args);
        objects.Single("Role", "gong-operator-leader-election");
    }

    [Fact]
    public async Task One_replica_without_leader_election_recreates_instead_of_overlapping_pods()
    {
        var objects = await Renders.OperatorAsync("--set", "leaderElection.enabled=false");

        Assert.DoesNotContain(objects, o => o.Kind == "PodDisruptionBudget");
        Assert.Equal("Recreate", objects.Single("Deployment").StringAt("spec", "strategy", "type"));
        Assert.DoesNotContain(objects.OperatorArgs(), a => a.StartsWith("--leader-election-", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Access_key_values_create_the_default_credentials_secret()
    {
        var objects = await Renders.OperatorAsync(
            "--set", "credentials.accessKey=key-1",
            "--set", "credentials.accessKeySecret=secret-1");

        var secret = objects.Single("Secret", "gong-operator-credentials", Renders.OperatorNamespace);
        Assert.Equal("key-1", secret.StringAt("stringData", "accessKey"));
        Assert.Equal("secret-1", secret.StringAt("stringData", "accessKeySecret"));
        Assert.Null(secret.At("stringData", "accessToken"));
        Assert.Contains("--default-credentials-secret=$(POD_NAMESPACE)/gong-operator-credentials", objects.OperatorArgs());
        // The values reach the Secret only: never the Deployment (args or env).
        var deployment = objects.Single("Deployment").Canonical();
        Assert.DoesNotContain("secret-1", deployment, StringComparison.Ordinal);
        Assert.DoesNotContain("key-1", deployment, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_access_token_value_creates_a_bearer_credentials_secret()
    {
        var objects = await Renders.OperatorAsync("--set", "credentials.accessToken=token-1");

        var secret = objects.Single("Secret", "gong-operator-credentials");
        Assert.Equal("token-1", secret.StringAt("stringData", "accessToken"));
        Assert.Null(secret.At("stringData", "accessKey"));
        Assert.DoesNotContain("token-1", objects.Single("Deployment").Canonical(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_existing_secret_is_named_as_the_default_credentials_and_none_is_created()
    {
        var objects = await Renders.OperatorAsync("--set", "credentials.existingSecret=gong-credentials");

        Assert.DoesNotContain(objects, o => o.Kind == "Secret");
        Assert.Contains("--default-credentials-secret=$(POD_NAMESPACE)/gong-credentials", objects.OperatorArgs());
    }

    [Fact]
    public async Task Without_credentials_values_no_default_credentials_flag_is_passed()
    {
        var objects = await Renders.OperatorAsync();

        Assert.DoesNotContain(objects, o => o.Kind == "Secret");
        Assert.DoesNotContain(objects.OperatorArgs(), a => a.StartsWith("--default-credentials-secret", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("credentials.existingSecret=gong-credentials,credentials.accessToken=t", "not both")]
    [InlineData("credentials.accessToken=t,credentials.accessKey=k,credentials.accessKeySecret=s", "not both")]
    [InlineData("credentials.accessKey=k", "go together")]
    public async Task Contradicting_credentials_values_fail_with_a_clear_message(string set, string expected)
    {
        var result = await Renders.HelmTemplateRawAsync(Renders.OperatorChart, Renders.OperatorRelease, Renders.OperatorNamespace, "--set", set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("credentials: ", result.Stderr, StringComparison.Ordinal);
        Assert.Contains(expected, result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_service_monitor_is_rendered_only_when_enabled()
    {
        Assert.DoesNotContain(await Renders.OperatorAsync(), o => o.Kind == "ServiceMonitor");

        var objects = await Renders.OperatorAsync(
            "--set", "metrics.serviceMonitor.enabled=true",
            "--set", "metrics.serviceMonitor.interval=30s",
            "--set", "metrics.serviceMonitor.labels.release=prometheus");

        var monitor = objects.Single("ServiceMonitor", "gong-operator", Renders.OperatorNamespace);
        Assert.Equal("monitoring.coreos.com/v1", monitor.ApiVersion);
        Assert.Equal("prometheus", monitor.StringAt("metadata", "labels", "release"));
        Assert.Equal("metrics", monitor.StringAt("spec", "endpoints", 0, "port"));
        Assert.Equal("/metrics", monitor.StringAt("spec", "endpoints", 0, "path"));
        Assert.Equal("30s", monitor.StringAt("spec", "endpoints", 0, "interval"));
        Assert.Equal(
            RenderedObject.Canonical(objects.Single("Service").At("spec", "selector")),
            RenderedObject.Canonical(monitor.At("spec", "selector", "matchLabels")));
    }

    [Fact]
    public async Task Image_resources_and_scheduling_values_reach_the_pod()
    {
        var objects = await Renders.OperatorAsync(
            "--set", "image.repository=registry.example.com/gong-operator",
            "--set", "image.tag=0.1.0-rc.1",
            "--set", "image.pullPolicy=Always",
            "--set", "resources.limits.memory=512Mi",
            "--set", "nodeSelector.pool=system",
            "--set", "tolerations[0].key=dedicated",
            "--set", "tolerations[0].operator=Exists",
            "--set", "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].key=zone",
            "--set", "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution.nodeSelectorTerms[0].matchExpressions[0].operator=Exists",
            "--set", "imagePullSecrets[0].name=pull");

        var deployment = objects.Single("Deployment");
        Assert.Equal("registry.example.com/gong-operator:0.1.0-rc.1", deployment.StringAt("spec", "template", "spec", "containers", 0, "image"));
        Assert.Equal("Always", deployment.StringAt("spec", "template", "spec", "containers", 0, "imagePullPolicy"));
        Assert.Equal("512Mi", deployment.StringAt("spec", "template", "spec", "containers", 0, "resources", "limits", "memory"));
        Assert.Equal("system", deployment.StringAt("spec", "template", "spec", "nodeSelector", "pool"));
        Assert.Equal("dedicated", deployment.StringAt("spec", "template", "spec", "tolerations", 0, "key"));
        Assert.NotNull(deployment.At("spec", "template", "spec", "affinity", "nodeAffinity"));
        Assert.Equal("pull", deployment.StringAt("spec", "template", "spec", "imagePullSecrets", 0, "name"));
    }

    [Theory]
    [InlineData("replicas=two", "/replicas")]
    [InlineData("gong.batchSize=many", "/gong/batchSize")]
    [InlineData("leaderElection.enabled=maybe", "/leaderElection/enabled")]
    [InlineData("scope.namespaces=team-a", "/scope/namespaces")]
    public async Task The_schema_refuses_a_value_of_the_wrong_type(string set, string path)
    {
        var result = await Renders.HelmTemplateRawAsync(Renders.OperatorChart, Renders.OperatorRelease, Renders.OperatorNamespace, "--set", set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(SchemaFailure, result.Stderr, StringComparison.Ordinal);
        // Helm 4 (and 3.18+) name the value by its path and the types involved.
        Assert.Contains($"at '{path}'", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("got string, want", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("replica=2", "", "replica")]
    [InlineData("gong.rateLimit=5", "/gong", "rateLimit")]
    [InlineData("credentials.secretName=x", "/credentials", "secretName")]
    public async Task The_schema_refuses_an_unknown_key(string set, string path, string key)
    {
        var result = await Renders.HelmTemplateRawAsync(Renders.OperatorChart, Renders.OperatorRelease, Renders.OperatorNamespace, "--set", set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(SchemaFailure, result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"at '{path}': additional properties '{key}' not allowed", result.Stderr, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("gong.registrationStrategy=sync")]
    [InlineData("logFormat=xml")]
    [InlineData("gong.reassertPeriod=1day")]
    [InlineData("gong.pacingMarginMilliseconds=2000")]
    [InlineData("gong.requestTimeoutSeconds=0")]
    [InlineData("replicas=0")]
    [InlineData("scope.namespaces={Team_A}")]
    public async Task The_schema_refuses_an_invalid_value(string set)
    {
        var result = await Renders.HelmTemplateRawAsync(Renders.OperatorChart, Renders.OperatorRelease, Renders.OperatorNamespace, "--set", set);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(SchemaFailure, result.Stderr, StringComparison.Ordinal);
        Assert.Contains(set.Split('=')[0].Split('.')[^1], result.Stderr, StringComparison.Ordinal);
    }
}
