namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>Message schemas of k8s.io/api/autoscaling/v2 HorizontalPodAutoscaler (field numbers from its generated.proto).</summary>
internal static class AutoscalingSchemas
{
    public static readonly ProtoMessage CrossVersionObjectReference = new ProtoMessage("autoscaling.v2.CrossVersionObjectReference")
        .Str(1, "kind", keepZero: true)
        .Str(2, "name", keepZero: true)
        .Str(3, "apiVersion");

    public static readonly ProtoMessage MetricTarget = new ProtoMessage("autoscaling.v2.MetricTarget")
        .Str(1, "type", keepZero: true)
        .Quantity(2, "value")
        .Quantity(3, "averageValue")
        .I32(4, "averageUtilization", keepZero: true);

    public static readonly ProtoMessage MetricValueStatus = new ProtoMessage("autoscaling.v2.MetricValueStatus")
        .Quantity(1, "value")
        .Quantity(2, "averageValue")
        .I32(3, "averageUtilization", keepZero: true);

    public static readonly ProtoMessage MetricIdentifier = new ProtoMessage("autoscaling.v2.MetricIdentifier")
        .Str(1, "name", keepZero: true)
        .Nested(2, "selector", MetaSchemas.LabelSelector);

    public static readonly ProtoMessage ObjectMetricSource = new ProtoMessage("autoscaling.v2.ObjectMetricSource")
        .Nested(1, "describedObject", CrossVersionObjectReference)
        .Nested(2, "target", MetricTarget)
        .Nested(3, "metric", MetricIdentifier);

    public static readonly ProtoMessage PodsMetricSource = new ProtoMessage("autoscaling.v2.PodsMetricSource")
        .Nested(1, "metric", MetricIdentifier)
        .Nested(2, "target", MetricTarget);

    public static readonly ProtoMessage ResourceMetricSource = new ProtoMessage("autoscaling.v2.ResourceMetricSource")
        .Str(1, "name", keepZero: true)
        .Nested(2, "target", MetricTarget);

    public static readonly ProtoMessage ContainerResourceMetricSource = new ProtoMessage("autoscaling.v2.ContainerResourceMetricSource")
        .Str(1, "name", keepZero: true)
        .Nested(2, "target", MetricTarget)
        .Str(3, "container", keepZero: true);

    public static readonly ProtoMessage ExternalMetricSource = new ProtoMessage("autoscaling.v2.ExternalMetricSource")
        .Nested(1, "metric", MetricIdentifier)
        .Nested(2, "target", MetricTarget);

    public static readonly ProtoMessage MetricSpec = new ProtoMessage("autoscaling.v2.MetricSpec")
        .Str(1, "type", keepZero: true)
        .Nested(2, "object", ObjectMetricSource)
        .Nested(3, "pods", PodsMetricSource)
        .Nested(4, "resource", ResourceMetricSource)
        .Nested(7, "containerResource", ContainerResourceMetricSource)
        .Nested(5, "external", ExternalMetricSource);

    public static readonly ProtoMessage HPAScalingPolicy = new ProtoMessage("autoscaling.v2.HPAScalingPolicy")
        .Str(1, "type", keepZero: true)
        .I32(2, "value", keepZero: true)
        .I32(3, "periodSeconds", keepZero: true);

    public static readonly ProtoMessage HPAScalingRules = new ProtoMessage("autoscaling.v2.HPAScalingRules")
        .I32(3, "stabilizationWindowSeconds", keepZero: true)
        .Str(1, "selectPolicy", keepZero: true)
        .NestedList(2, "policies", HPAScalingPolicy)
        .Quantity(4, "tolerance");

    public static readonly ProtoMessage HorizontalPodAutoscalerBehavior = new ProtoMessage("autoscaling.v2.HorizontalPodAutoscalerBehavior")
        .Nested(1, "scaleUp", HPAScalingRules)
        .Nested(2, "scaleDown", HPAScalingRules);

    public static readonly ProtoMessage HorizontalPodAutoscalerSpec = new ProtoMessage("autoscaling.v2.HorizontalPodAutoscalerSpec")
        .Nested(1, "scaleTargetRef", CrossVersionObjectReference)
        .I32(2, "minReplicas", keepZero: true)
        .I32(3, "maxReplicas", keepZero: true)
        .NestedList(4, "metrics", MetricSpec)
        .Nested(5, "behavior", HorizontalPodAutoscalerBehavior);

    public static readonly ProtoMessage ObjectMetricStatus = new ProtoMessage("autoscaling.v2.ObjectMetricStatus")
        .Nested(1, "metric", MetricIdentifier)
        .Nested(2, "current", MetricValueStatus)
        .Nested(3, "describedObject", CrossVersionObjectReference);

    public static readonly ProtoMessage PodsMetricStatus = new ProtoMessage("autoscaling.v2.PodsMetricStatus")
        .Nested(1, "metric", MetricIdentifier)
        .Nested(2, "current", MetricValueStatus);

    public static readonly ProtoMessage ResourceMetricStatus = new ProtoMessage("autoscaling.v2.ResourceMetricStatus")
        .Str(1, "name", keepZero: true)
        .Nested(2, "current", MetricValueStatus);

    public static readonly ProtoMessage ContainerResourceMetricStatus = new ProtoMessage("autoscaling.v2.ContainerResourceMetricStatus")
        .Str(1, "name", keepZero: true)
        .Nested(2, "current", MetricValueStatus)
        .Str(3, "container", keepZero: true);

    public static readonly ProtoMessage ExternalMetricStatus = new ProtoMessage("autoscaling.v2.ExternalMetricStatus")
        .Nested(1, "metric", MetricIdentifier)
        .Nested(2, "current", MetricValueStatus);

    public static readonly ProtoMessage MetricStatus = new ProtoMessage("autoscaling.v2.MetricStatus")
        .Str(1, "type", keepZero: true)
        .Nested(2, "object", ObjectMetricStatus)
        .Nested(3, "pods", PodsMetricStatus)
        .Nested(4, "resource", ResourceMetricStatus)
        .Nested(7, "containerResource", ContainerResourceMetricStatus)
        .Nested(5, "external", ExternalMetricStatus);

    public static readonly ProtoMessage HorizontalPodAutoscalerCondition = new ProtoMessage("autoscaling.v2.HorizontalPodAutoscalerCondition")
        .Str(1, "type", keepZero: true)
        .Str(2, "status", keepZero: true)
        .Time(3, "lastTransitionTime")
        .Str(4, "reason")
        .Str(5, "message")
        .I64(6, "observedGeneration", keepZero: true);

    public static readonly ProtoMessage HorizontalPodAutoscalerStatus = new ProtoMessage("autoscaling.v2.HorizontalPodAutoscalerStatus")
        .I64(1, "observedGeneration", keepZero: true)
        .Time(2, "lastScaleTime")
        .I32(3, "currentReplicas")
        .I32(4, "desiredReplicas", keepZero: true)
        .NestedList(5, "currentMetrics", MetricStatus)
        .NestedList(6, "conditions", HorizontalPodAutoscalerCondition);

    public static readonly ProtoMessage HorizontalPodAutoscaler = new ProtoMessage("autoscaling.v2.HorizontalPodAutoscaler")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", HorizontalPodAutoscalerSpec)
        .Nested(3, "status", HorizontalPodAutoscalerStatus);
}
