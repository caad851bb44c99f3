using GongOperator.LocalCluster.Protobuf;

namespace GongOperator.LocalCluster.Tests.Protobuf;

public sealed class WorkloadDecodingTests
{
    [Fact]
    public void Deployment_with_a_full_pod_template_decodes_to_its_json_form()
    {
        var container = new ProtoWriter()
            .Str(1, "web")
            .Str(2, "nginx:1.27")
            .Str(3, "/bin/sh").Str(3, "-c")
            .Str(4, "serve")
            .Msg(6, p => p.Str(1, "http").Int32(3, 8080).Str(4, "TCP"))
            .Msg(19, e => e.Str(1, "CFG_").Msg(2, c => c.Msg(1, r => r.Str(1, "settings")).Bool(2, true)))
            .Msg(7, e => e.Str(1, "MODE").Str(2, "prod"))
            .Msg(7, e => e.Str(1, "PASSWORD").Msg(3, v => v.Msg(4, k => k.Msg(1, r => r.Str(1, "creds")).Str(2, "password"))))
            .Msg(7, e => e.Str(1, "POD").Msg(3, v => v.Msg(1, f => f.Str(1, "v1").Str(2, "metadata.name"))))
            .Msg(8, r => r
                .QuantityEntry(1, "cpu", "500m")
                .QuantityEntry(1, "memory", "256Mi")
                .QuantityEntry(2, "cpu", "100m"))
            .Msg(9, m => m.Str(1, "config").Bool(2, true).Str(3, "/etc/app"))
            .Msg(10, p => p
                .Msg(1, h => h.Msg(2, g => g.Str(1, "/healthz").IntOrString(2, 8080).Str(4, "HTTP")))
                .Int32(2, 5)
                .Int32(4, 10)
                .Int32(6, 3))
            .Msg(11, p => p.Msg(1, h => h.Msg(3, t => t.IntOrString(1, "http"))).Int32(3, 1))
            .Msg(12, l => l.Msg(2, h => h.Msg(4, s => s.Varint(1, 5))))
            .Str(14, "IfNotPresent")
            .Msg(15, s => s
                .Msg(1, c => c.Str(2, "ALL"))
                .Varint(4, 0)
                .Bool(5, false)
                .Bool(6, true)
                .Bool(7, false)
                .Msg(11, p => p.Str(1, "RuntimeDefault")));

        var podSpec = new ProtoWriter()
            .Msg(1, v => v.Str(1, "config").Msg(2, s => s.Msg(19, c => c
                .Msg(1, r => r.Str(1, "settings"))
                .Msg(2, k => k.Str(1, "a.yaml").Str(2, "app.yaml"))
                .Int32(3, 420))))
            .Msg(1, v => v.Str(1, "scratch").Msg(2, s => s.Msg(2, e => e.Str(1, "Memory").Quantity(2, "64Mi"))))
            .Msg(1, v => v.Str(1, "creds").Msg(2, s => s.Msg(6, c => c.Str(1, "creds").Bool(4, false))))
            .Msg(1, v => v.Str(1, "token").Msg(2, s => s.Msg(26, p => p
                .Msg(1, x => x.Msg(4, t => t.Str(1, "api").Varint(2, 3600).Str(3, "token"))))))
            .Msg(1, v => v.Str(1, "data").Msg(2, s => s.Msg(10, c => c.Str(1, "data-pvc"))))
            .Msg(2, container)
            .Str(3, "Always")
            .Varint(4, 30)
            .Entry(7, "disktype", "ssd")
            .Str(8, "web-sa")
            .Bool(21, false)
            .Msg(14, s => s.Varint(5, 2000).Bool(3, true).Packed(4, 10, 20).Varint(4, 30))
            .Msg(15, r => r.Str(1, "registry"))
            .Msg(18, a => a.Msg(1, n => n.Msg(1, s => s.Msg(1, t => t.Msg(1, r => r
                .Str(1, "kubernetes.io/os").Str(2, "In").Str(3, "linux"))))))
            .Msg(22, t => t.Str(1, "node.kubernetes.io/not-ready").Str(2, "Exists").Str(4, "NoExecute").Varint(5, 300));

        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "web").Str(3, "shop").Entry(11, "app", "web"))
            .Msg(2, s => s
                .Int32(1, 0)
                .Msg(2, l => l.Entry(1, "app", "web"))
                .Msg(3, t => t.Msg(1, m => m.Entry(11, "app", "web")).Msg(2, podSpec))
                .Msg(4, st => st.Str(1, "RollingUpdate").Msg(2, r => r.IntOrString(1, 0).IntOrString(2, "25%")))
                .Int32(6, 10)
                .Int32(9, 600))
            .Msg(3, _ => { });

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("apps/v1", "Deployment", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"apps/v1","kind":"Deployment",
             "metadata":{"name":"web","namespace":"shop","labels":{"app":"web"}},
             "spec":{
               "replicas":0,
               "selector":{"matchLabels":{"app":"web"}},
               "template":{
                 "metadata":{"labels":{"app":"web"}},
                 "spec":{
                   "volumes":[
                     {"name":"config","configMap":{"name":"settings","items":[{"key":"a.yaml","path":"app.yaml"}],"defaultMode":420}},
                     {"name":"scratch","emptyDir":{"medium":"Memory","sizeLimit":"64Mi"}},
                     {"name":"creds","secret":{"secretName":"creds","optional":false}},
                     {"name":"token","projected":{"sources":[{"serviceAccountToken":{"audience":"api","expirationSeconds":3600,"path":"token"}}]}},
                     {"name":"data","persistentVolumeClaim":{"claimName":"data-pvc"}}],
                   "containers":[{
                     "name":"web","image":"nginx:1.27","command":["/bin/sh","-c"],"args":["serve"],
                     "ports":[{"name":"http","containerPort":8080,"protocol":"TCP"}],
                     "envFrom":[{"prefix":"CFG_","configMapRef":{"name":"settings","optional":true}}],
                     "env":[
                       {"name":"MODE","value":"prod"},
                       {"name":"PASSWORD","valueFrom":{"secretKeyRef":{"name":"creds","key":"password"}}},
                       {"name":"POD","valueFrom":{"fieldRef":{"apiVersion":"v1","fieldPath":"metadata.name"}}}],
                     "resources":{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m"}},
                     "volumeMounts":[{"name":"config","readOnly":true,"mountPath":"/etc/app"}],
                     "livenessProbe":{"httpGet":{"path":"/healthz","port":8080,"scheme":"HTTP"},
                                      "initialDelaySeconds":5,"periodSeconds":10,"failureThreshold":3},
                     "readinessProbe":{"tcpSocket":{"port":"http"},"timeoutSeconds":1},
                     "lifecycle":{"preStop":{"sleep":{"seconds":5}}},
                     "imagePullPolicy":"IfNotPresent",
                     "securityContext":{"capabilities":{"drop":["ALL"]},"runAsUser":0,"runAsNonRoot":false,
                                        "readOnlyRootFilesystem":true,"allowPrivilegeEscalation":false,
                                        "seccompProfile":{"type":"RuntimeDefault"}}}],
                   "restartPolicy":"Always",
                   "terminationGracePeriodSeconds":30,
                   "nodeSelector":{"disktype":"ssd"},
                   "serviceAccountName":"web-sa",
                   "automountServiceAccountToken":false,
                   "securityContext":{"fsGroup":2000,"runAsNonRoot":true,"supplementalGroups":[10,20,30]},
                   "imagePullSecrets":[{"name":"registry"}],
                   "affinity":{"nodeAffinity":{"requiredDuringSchedulingIgnoredDuringExecution":{"nodeSelectorTerms":[
                     {"matchExpressions":[{"key":"kubernetes.io/os","operator":"In","values":["linux"]}]}]}}},
                   "tolerations":[{"key":"node.kubernetes.io/not-ready","operator":"Exists","effect":"NoExecute","tolerationSeconds":300}]}},
               "strategy":{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":0,"maxSurge":"25%"}},
               "revisionHistoryLimit":10,
               "progressDeadlineSeconds":600},
             "status":{}}
            """,
            json);
    }

    [Fact]
    public void Deployment_without_replicas_leaves_replicas_out()
    {
        var raw = new ProtoWriter().Msg(1, m => m.Str(1, "web")).Msg(2, s => s.Int32(5, 0).Bool(7, false));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("apps/v1", "Deployment", raw));

        JsonAssert.Equal("""{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"web"},"spec":{}}""", json);
    }

    [Fact]
    public void Ephemeral_and_init_containers_use_the_container_schema()
    {
        var podSpec = new ProtoWriter()
            .Msg(20, c => c.Str(1, "init").Str(2, "busybox").Str(24, "Always"))
            .Msg(34, e => e.Msg(1, c => c.Str(1, "debug").Str(2, "busybox").Bool(16, true)).Str(2, "web"));
        var raw = new ProtoWriter()
            .Msg(2, s => s.Msg(3, t => t.Msg(2, podSpec)));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("apps/v1", "Deployment", raw));

        JsonAssert.Equal(
            """
            {"initContainers":[{"name":"init","image":"busybox","restartPolicy":"Always"}],
             "ephemeralContainers":[{"name":"debug","image":"busybox","stdin":true,"targetContainerName":"web"}]}
            """,
            json["spec"]!["template"]!["spec"]);
    }
}
