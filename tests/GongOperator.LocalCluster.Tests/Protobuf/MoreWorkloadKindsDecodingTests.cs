using GongOperator.LocalCluster.Protobuf;

namespace GongOperator.LocalCluster.Tests.Protobuf;

public sealed class MoreWorkloadKindsDecodingTests
{
    private static readonly DateTimeOffset At = new(2026, 1, 2, 3, 4, 5, TimeSpan.Zero);

    private static ProtoWriter Template(string image) =>
        new ProtoWriter()
            .Msg(1, m => m.Entry(11, "app", "x"))
            .Msg(2, s => s.Msg(2, c => c.Str(1, "main").Str(2, image)).Str(3, "Never"));

    [Fact]
    public void Pod_decodes_spec_and_container_statuses()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "busy").Str(3, "default"))
            .Msg(2, s => s.Msg(2, c => c.Str(1, "busy").Str(2, "busybox").Str(4, "sleep").Str(4, "3600")).Str(3, "Always"))
            .Msg(3, st => st
                .Str(1, "Running")
                .Msg(2, c => c.Str(1, "Ready").Str(2, "True").Time(4, At))
                .Str(6, "10.1.0.5")
                .Msg(12, ip => ip.Str(1, "10.1.0.5"))
                .Time(7, At)
                .Msg(8, cs => cs
                    .Str(1, "busy")
                    .Msg(2, state => state.Msg(2, r => r.Time(1, At)))
                    .Msg(3, state => state.Msg(3, t => t.Int32(1, 0).Str(3, "Completed")))
                    .Bool(4, true)
                    .Int32(5, 0)
                    .Str(6, "busybox:latest")
                    .Str(7, "sha256:abc")
                    .Bool(9, true))
                .Str(9, "BestEffort"));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "Pod", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"Pod","metadata":{"name":"busy","namespace":"default"},
             "spec":{"containers":[{"name":"busy","image":"busybox","args":["sleep","3600"]}],"restartPolicy":"Always"},
             "status":{"phase":"Running",
                       "conditions":[{"type":"Ready","status":"True","lastTransitionTime":"2026-01-02T03:04:05Z"}],
                       "podIP":"10.1.0.5","podIPs":[{"ip":"10.1.0.5"}],"startTime":"2026-01-02T03:04:05Z",
                       "containerStatuses":[{"name":"busy",
                         "state":{"running":{"startedAt":"2026-01-02T03:04:05Z"}},
                         "lastState":{"terminated":{"exitCode":0,"reason":"Completed"}},
                         "ready":true,"restartCount":0,"image":"busybox:latest","imageID":"sha256:abc","started":true}],
                       "qosClass":"BestEffort"}}
            """,
            json);
    }

    [Fact]
    public void Job_and_cron_job_keep_pointer_fields()
    {
        var job = new ProtoWriter()
            .Msg(1, m => m.Str(1, "once"))
            .Msg(2, s => s
                .Int32(1, 1)
                .Int32(2, 1)
                .Int32(7, 0)
                .Msg(6, Template("busybox"))
                .Int32(8, 0)
                .Bool(10, false)
                .Msg(11, p => p.Msg(1, r => r.Str(1, "FailJob").Msg(2, e => e.Str(2, "In").Packed(3, 1, 2)))));
        var cronJob = new ProtoWriter()
            .Msg(1, m => m.Str(1, "nightly"))
            .Msg(2, s => s
                .Str(1, "0 3 * * *")
                .Str(8, "Etc/UTC")
                .Str(3, "Forbid")
                .Msg(5, t => t.Msg(2, js => js.Msg(6, Template("busybox"))))
                .Int32(6, 3)
                .Int32(7, 1));

        var jobJson = KubernetesProtobuf.Decode(ProtoWriter.Envelope("batch/v1", "Job", job));
        var cronJson = KubernetesProtobuf.Decode(ProtoWriter.Envelope("batch/v1", "CronJob", cronJob));

        JsonAssert.Equal(
            """
            {"apiVersion":"batch/v1","kind":"Job","metadata":{"name":"once"},
             "spec":{"parallelism":1,"completions":1,"backoffLimit":0,
                     "template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"main","image":"busybox"}],"restartPolicy":"Never"}},
                     "ttlSecondsAfterFinished":0,"suspend":false,
                     "podFailurePolicy":{"rules":[{"action":"FailJob","onExitCodes":{"operator":"In","values":[1,2]}}]}}}
            """,
            jobJson);
        JsonAssert.Equal(
            """
            {"apiVersion":"batch/v1","kind":"CronJob","metadata":{"name":"nightly"},
             "spec":{"schedule":"0 3 * * *","timeZone":"Etc/UTC","concurrencyPolicy":"Forbid",
                     "jobTemplate":{"spec":{"template":{"metadata":{"labels":{"app":"x"}},
                                    "spec":{"containers":[{"name":"main","image":"busybox"}],"restartPolicy":"Never"}}}},
                     "successfulJobsHistoryLimit":3,"failedJobsHistoryLimit":1}}
            """,
            cronJson);
    }

    [Fact]
    public void Stateful_set_decodes_volume_claim_templates()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "db"))
            .Msg(2, s => s
                .Int32(1, 3)
                .Msg(2, l => l.Entry(1, "app", "x"))
                .Msg(3, Template("postgres"))
                .Msg(4, pvc => pvc
                    .Msg(1, m => m.Str(1, "data"))
                    .Msg(2, spec => spec
                        .Str(1, "ReadWriteOnce")
                        .Msg(2, r => r.QuantityEntry(2, "storage", "1Gi"))
                        .Str(5, "standard")))
                .Str(5, "db")
                .Msg(7, u => u.Str(1, "RollingUpdate").Msg(2, r => r.Int32(1, 0)))
                .Msg(10, p => p.Str(1, "Retain").Str(2, "Delete")));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("apps/v1", "StatefulSet", raw));

        JsonAssert.Equal(
            """
            {"replicas":3,"selector":{"matchLabels":{"app":"x"}},
             "template":{"metadata":{"labels":{"app":"x"}},"spec":{"containers":[{"name":"main","image":"postgres"}],"restartPolicy":"Never"}},
             "volumeClaimTemplates":[{"metadata":{"name":"data"},
               "spec":{"accessModes":["ReadWriteOnce"],"resources":{"requests":{"storage":"1Gi"}},"storageClassName":"standard"}}],
             "serviceName":"db",
             "updateStrategy":{"type":"RollingUpdate","rollingUpdate":{"partition":0}},
             "persistentVolumeClaimRetentionPolicy":{"whenDeleted":"Retain","whenScaled":"Delete"}}
            """,
            json["spec"]);
    }

    [Fact]
    public void Daemon_set_and_replica_set_decode_their_specs()
    {
        var daemonSet = new ProtoWriter()
            .Msg(1, m => m.Str(1, "agent"))
            .Msg(2, s => s
                .Msg(1, l => l.Entry(1, "app", "x"))
                .Msg(2, Template("agent"))
                .Msg(3, u => u.Str(1, "RollingUpdate").Msg(2, r => r.IntOrString(1, "10%"))));
        var replicaSet = new ProtoWriter()
            .Msg(1, m => m.Str(1, "web-1"))
            .Msg(2, s => s.Int32(1, 2).Msg(2, l => l.Entry(1, "app", "x")).Msg(3, Template("nginx")))
            .Msg(3, st => st.Int32(1, 0));

        var daemonJson = KubernetesProtobuf.Decode(ProtoWriter.Envelope("apps/v1", "DaemonSet", daemonSet));
        var replicaJson = KubernetesProtobuf.Decode(ProtoWriter.Envelope("apps/v1", "ReplicaSet", replicaSet));

        JsonAssert.Equal("""{"type":"RollingUpdate","rollingUpdate":{"maxUnavailable":"10%"}}""", daemonJson["spec"]!["updateStrategy"]);
        Assert.Equal(2, replicaJson["spec"]!["replicas"]!.GetValue<int>());
        JsonAssert.Equal("""{"replicas":0}""", replicaJson["status"]);
    }

    [Fact]
    public void Persistent_volume_claim_decodes_spec_and_status()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "data"))
            .Msg(2, s => s
                .Str(1, "ReadWriteOnce")
                .Msg(4, l => l.Entry(1, "tier", "fast"))
                .Msg(2, r => r.QuantityEntry(2, "storage", "5Gi"))
                .Str(6, "Filesystem")
                .Msg(7, d => d.Str(2, "PersistentVolumeClaim").Str(3, "source")))
            .Msg(3, st => st.Str(1, "Bound").Str(2, "ReadWriteOnce").QuantityEntry(3, "storage", "5Gi"));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("v1", "PersistentVolumeClaim", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"v1","kind":"PersistentVolumeClaim","metadata":{"name":"data"},
             "spec":{"accessModes":["ReadWriteOnce"],"selector":{"matchLabels":{"tier":"fast"}},
                     "resources":{"requests":{"storage":"5Gi"}},"volumeMode":"Filesystem",
                     "dataSource":{"kind":"PersistentVolumeClaim","name":"source"}},
             "status":{"phase":"Bound","accessModes":["ReadWriteOnce"],"capacity":{"storage":"5Gi"}}}
            """,
            json);
    }
}
