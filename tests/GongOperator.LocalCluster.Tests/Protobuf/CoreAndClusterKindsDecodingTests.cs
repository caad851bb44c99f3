using GongOperator.LocalCluster.Protobuf;

namespace GongOperator.LocalCluster.Tests.Protobuf;

public sealed class CoreAndClusterKindsDecodingTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    [Fact]
    public void Service_decodes_ports_with_int_and_named_target_ports()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "web").Str(3, "shop"))
            .Msg(2, s => s
                .Msg(1, p => p.Str(1, "http").Str(2, "TCP").Int32(3, 80).IntOrString(4, 8080))
                .Msg(1, p => p.Str(1, "metrics").Str(2, "TCP").Int32(3, 9090).IntOrString(4, "metrics").Int32(5, 30090))
                .Entry(2, "app", "web")
                .Str(3, "10.0.0.10")
                .Str(18, "10.0.0.10")
                .Str(4, "NodePort")
                .Str(7, "ClientIP")
                .Msg(14, a => a.Msg(1, c => c.Int32(1, 10800)))
                .Str(19, "IPv4")
                .Str(17, "SingleStack")
                .Str(22, "Cluster"))
            .Msg(3, s => s.Msg(1, _ => { }));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Service", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Service","metadata":{"name":"web","namespace":"shop"},
             "spec":{"ports":[{"name":"http","protocol":"TCP","port":80,"targetPort":8080},
                              {"name":"metrics","protocol":"TCP","port":9090,"targetPort":"metrics","nodePort":30090}],
                     "selector":{"app":"web"},"clusterIP":"10.0.0.10","clusterIPs":["10.0.0.10"],"type":"NodePort",
                     "sessionAffinity":"ClientIP","sessionAffinityConfig":{"clientIP":{"timeoutSeconds":10800}},
                     "ipFamilies":["IPv4"],"ipFamilyPolicy":"SingleStack","internalTrafficPolicy":"Cluster"},
             "status":{"loadBalancer":{}}}
            """,
            json);
    }

    [Fact]
    public void Service_account_keeps_an_explicit_false_automount()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "shop").Str(3, "shop"))
            .Msg(2, s => s.Str(3, "shop-token"))
            .Msg(3, r => r.Str(1, "registry"))
            .Bool(4, false);

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "ServiceAccount", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"ServiceAccount","metadata":{"name":"shop","namespace":"shop"},
             "secrets":[{"name":"shop-token"}],"imagePullSecrets":[{"name":"registry"}],"automountServiceAccountToken":false}
            """,
            json);
    }

    [Fact]
    public void Core_event_decodes_times_and_micro_time()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "alpha.1").Str(3, "sample"))
            .Msg(2, o => o.Str(1, "Widget").Str(2, "sample").Str(3, "alpha").Str(5, "example.com/v1"))
            .Str(3, "Ready")
            .Str(4, "widget is ready")
            .Msg(5, s => s.Str(1, "gong-operator"))
            .Time(6, At)
            .Time(7, At.AddSeconds(10))
            .Int32(8, 2)
            .Str(9, "Normal")
            .Time(10, At.AddTicks(1_234_567), withNanos: true)
            .Str(14, "gong-operator")
            .Str(15, "gong-operator-0");

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Event", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Event","metadata":{"name":"alpha.1","namespace":"sample"},
             "involvedObject":{"kind":"Widget","namespace":"sample","name":"alpha","apiVersion":"example.com/v1"},
             "reason":"Ready","message":"widget is ready","source":{"component":"gong-operator"},
             "firstTimestamp":"2026-01-02T03:04:05Z","lastTimestamp":"2026-01-02T03:04:15Z","count":2,"type":"Normal",
             "eventTime":"2026-01-02T03:04:05.123456Z",
             "reportingComponent":"gong-operator","reportingInstance":"gong-operator-0"}
            """,
            json);
    }

    [Fact]
    public void Events_v1_event_decodes_series_and_regarding()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "web.1").Str(3, "shop"))
            .Time(2, At, withNanos: true)
            .Msg(3, s => s.Int32(1, 4).Time(2, At.AddMinutes(1), withNanos: true))
            .Str(4, "kubernetes.io/kubelet")
            .Str(5, "kubelet-node1")
            .Str(6, "Pulling")
            .Str(7, "Pulled")
            .Msg(8, o => o.Str(1, "Pod").Str(2, "shop").Str(3, "web-1"))
            .Str(10, "pulled image")
            .Str(11, "Normal")
            .Time(13, At)
            .Int32(15, 0);

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("events.k8s.io/v1", "Event", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"events.k8s.io/v1","kind":"Event","metadata":{"name":"web.1","namespace":"shop"},
             "eventTime":"2026-01-02T03:04:05.000000Z",
             "series":{"count":4,"lastObservedTime":"2026-01-02T03:05:05.000000Z"},
             "reportingController":"kubernetes.io/kubelet","reportingInstance":"kubelet-node1",
             "action":"Pulling","reason":"Pulled","regarding":{"kind":"Pod","namespace":"shop","name":"web-1"},
             "note":"pulled image","type":"Normal","deprecatedFirstTimestamp":"2026-01-02T03:04:05Z"}
            """,
            json);
    }

    [Fact]
    public void Lease_keeps_zero_transitions_and_micro_times()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "gong-operator").Str(3, "kube-system"))
            .Msg(2, s => s
                .Str(1, "pod-a")
                .Int32(2, 15)
                .Time(3, At.AddTicks(5_000_000), withNanos: true)
                .Time(4, At.AddTicks(9_999_999), withNanos: true)
                .Int32(5, 0));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("coordination.k8s.io/v1", "Lease", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"gong-operator","namespace":"kube-system"},
             "spec":{"holderIdentity":"pod-a","leaseDurationSeconds":15,
                     "acquireTime":"2026-01-02T03:04:05.500000Z","renewTime":"2026-01-02T03:04:05.999999Z",
                     "leaseTransitions":0}}
            """,
            json);
    }

    [Fact]
    public void Role_and_role_binding_decode_rules_subjects_and_role_ref()
    {
        var role = new ProtoWriter()
            .Msg(1, m => m.Str(1, "reader").Str(3, "shop"))
            .Msg(2, r => r.Str(1, "get").Str(1, "list").Str(2, string.Empty).Str(3, "configmaps").Str(4, "settings"));
        var binding = new ProtoWriter()
            .Msg(1, m => m.Str(1, "reader").Str(3, "shop"))
            .Msg(2, s => s.Str(1, "ServiceAccount").Str(3, "shop").Str(4, "shop"))
            .Msg(3, r => r.Str(1, "rbac.authorization.k8s.io").Str(2, "Role").Str(3, "reader"));

        var roleJson = KubernetesProtobuf.Decode(ProtoWriter.Envelope("rbac.authorization.k8s.io/v1", "Role", role));
        var bindingJson = KubernetesProtobuf.Decode(ProtoWriter.Envelope("rbac.authorization.k8s.io/v1", "RoleBinding", binding));

        JsonAssert.Equal(
            """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"Role","metadata":{"name":"reader","namespace":"shop"},
             "rules":[{"verbs":["get","list"],"apiGroups":[""],"resources":["configmaps"],"resourceNames":["settings"]}]}
            """,
            roleJson);
        JsonAssert.Equal(
            """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"reader","namespace":"shop"},
             "subjects":[{"kind":"ServiceAccount","name":"shop","namespace":"shop"}],
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"Role","name":"reader"}}
            """,
            bindingJson);
    }

    [Fact]
    public void Cluster_role_and_binding_decode_aggregation_and_non_resource_urls()
    {
        var role = new ProtoWriter()
            .Msg(1, m => m.Str(1, "monitoring"))
            .Msg(2, r => r.Str(1, "get").Str(5, "/metrics"))
            .Msg(3, a => a.Msg(1, s => s.Entry(1, "rbac.example.com/aggregate-to-monitoring", "true")));
        var binding = new ProtoWriter()
            .Msg(1, m => m.Str(1, "monitoring"))
            .Msg(2, s => s.Str(1, "Group").Str(2, "rbac.authorization.k8s.io").Str(3, "ops"))
            .Msg(3, r => r.Str(1, "rbac.authorization.k8s.io").Str(2, "ClusterRole").Str(3, "monitoring"));

        var roleJson = KubernetesProtobuf.Decode(ProtoWriter.Envelope("rbac.authorization.k8s.io/v1", "ClusterRole", role));
        var bindingJson = KubernetesProtobuf.Decode(ProtoWriter.Envelope("rbac.authorization.k8s.io/v1", "ClusterRoleBinding", binding));

        JsonAssert.Equal(
            """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"monitoring"},
             "rules":[{"verbs":["get"],"nonResourceURLs":["/metrics"]}],
             "aggregationRule":{"clusterRoleSelectors":[{"matchLabels":{"rbac.example.com/aggregate-to-monitoring":"true"}}]}}
            """,
            roleJson);
        JsonAssert.Equal(
            """
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"monitoring"},
             "subjects":[{"kind":"Group","apiGroup":"rbac.authorization.k8s.io","name":"ops"}],
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"monitoring"}}
            """,
            bindingJson);
    }

    [Fact]
    public void Kind_is_matched_with_its_group_version()
    {
        // A Deployment under the wrong group has no schema.
        var body = ProtoWriter.Envelope("extensions/v1beta1", "Deployment", new ProtoWriter());

        var error = Assert.Throws<ProtobufDecodeException>(() => KubernetesProtobuf.Decode(body));

        Assert.True(error.UnknownKind);
    }
}
