using GongOperator.LocalCluster.Protobuf;

namespace GongOperator.LocalCluster.Tests.Protobuf;

public sealed class AutoscalingDecodingTests
{
    [Fact]
    public void Horizontal_pod_autoscaler_decodes_target_bounds_every_metric_source_and_behavior()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "web").Str(3, "shop"))
            .Msg(2, s => s
                .Msg(1, r => r.Str(1, "Deployment").Str(2, "web").Str(3, "apps/v1"))
                .Int32(2, 2)
                .Int32(3, 5)
                .Msg(4, ms => ms.Str(1, "Resource").Msg(4, r => r.Str(1, "cpu").Msg(2, t => t.Str(1, "Utilization").Int32(4, 70))))
                .Msg(4, ms => ms.Str(1, "Pods").Msg(3, p => p
                    .Msg(1, i => i.Str(1, "requests_per_second").Msg(2, l => l.Entry(1, "tier", "front")))
                    .Msg(2, t => t.Str(1, "AverageValue").Quantity(3, "10"))))
                .Msg(4, ms => ms.Str(1, "Object").Msg(2, o => o
                    .Msg(1, r => r.Str(1, "Ingress").Str(2, "main").Str(3, "networking.k8s.io/v1"))
                    .Msg(2, t => t.Str(1, "Value").Quantity(2, "2k"))
                    .Msg(3, i => i.Str(1, "hits"))))
                .Msg(4, ms => ms.Str(1, "ContainerResource").Msg(7, c => c.Str(1, "memory").Msg(2, t => t.Str(1, "AverageValue").Quantity(3, "500Mi")).Str(3, "app")))
                .Msg(4, ms => ms.Str(1, "External").Msg(5, e => e.Msg(1, i => i.Str(1, "queue_depth")).Msg(2, t => t.Str(1, "Value").Quantity(2, "30"))))
                .Msg(5, b => b
                    .Msg(1, up => up.Str(1, "Max").Msg(2, p => p.Str(1, "Percent").Int32(2, 100).Int32(3, 15)).Int32(3, 0))
                    .Msg(2, down => down.Int32(3, 300).Msg(2, p => p.Str(1, "Pods").Int32(2, 1).Int32(3, 60)).Quantity(4, "50m"))));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("autoscaling/v2", "HorizontalPodAutoscaler", raw));

        JsonAssert.Equal(
            """
            {"apiVersion":"autoscaling/v2","kind":"HorizontalPodAutoscaler","metadata":{"name":"web","namespace":"shop"},
             "spec":{"scaleTargetRef":{"kind":"Deployment","name":"web","apiVersion":"apps/v1"},
                     "minReplicas":2,"maxReplicas":5,
                     "metrics":[
                       {"type":"Resource","resource":{"name":"cpu","target":{"type":"Utilization","averageUtilization":70}}},
                       {"type":"Pods","pods":{"metric":{"name":"requests_per_second","selector":{"matchLabels":{"tier":"front"}}},
                                              "target":{"type":"AverageValue","averageValue":"10"}}},
                       {"type":"Object","object":{"describedObject":{"kind":"Ingress","name":"main","apiVersion":"networking.k8s.io/v1"},
                                                  "target":{"type":"Value","value":"2k"},"metric":{"name":"hits"}}},
                       {"type":"ContainerResource","containerResource":{"name":"memory","target":{"type":"AverageValue","averageValue":"500Mi"},"container":"app"}},
                       {"type":"External","external":{"metric":{"name":"queue_depth"},"target":{"type":"Value","value":"30"}}}],
                     "behavior":{"scaleUp":{"stabilizationWindowSeconds":0,"selectPolicy":"Max","policies":[{"type":"Percent","value":100,"periodSeconds":15}]},
                                 "scaleDown":{"stabilizationWindowSeconds":300,"policies":[{"type":"Pods","value":1,"periodSeconds":60}],"tolerance":"50m"}}}}
            """,
            json);
    }

    [Fact]
    public void Horizontal_pod_autoscaler_status_decodes_current_metrics_and_conditions()
    {
        var raw = new ProtoWriter()
            .Msg(1, m => m.Str(1, "web"))
            .Msg(3, s => s
                .Varint(1, 3)
                .Time(2, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero))
                .Int32(3, 2)
                .Int32(4, 0)
                .Msg(5, ms => ms.Str(1, "Resource").Msg(4, r => r.Str(1, "cpu").Msg(2, c => c.Quantity(2, "250m").Int32(3, 0))))
                .Msg(6, c => c.Str(1, "AbleToScale").Str(2, "True").Time(3, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero)).Str(4, "SucceededGetScale").Str(5, "the HPA controller was able to get the target's current scale").Varint(6, 3)));

        var json = KubernetesProtobuf.Decode(ProtoWriter.Envelope("autoscaling/v2", "HorizontalPodAutoscaler", raw));

        JsonAssert.Equal(
            """
            {"observedGeneration":3,"lastScaleTime":"2026-01-02T03:04:05Z","currentReplicas":2,"desiredReplicas":0,
             "currentMetrics":[{"type":"Resource","resource":{"name":"cpu","current":{"averageValue":"250m","averageUtilization":0}}}],
             "conditions":[{"type":"AbleToScale","status":"True","lastTransitionTime":"2026-01-02T03:04:05Z","reason":"SucceededGetScale",
                            "message":"the HPA controller was able to get the target's current scale","observedGeneration":3}]}
            """,
            json["status"]);
    }
}
