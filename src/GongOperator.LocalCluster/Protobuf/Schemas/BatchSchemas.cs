namespace GongOperator.LocalCluster.Protobuf.Schemas;

/// <summary>Message schemas of k8s.io/api/batch/v1 Job and CronJob (field numbers from its generated.proto).</summary>
internal static class BatchSchemas
{
    public static readonly ProtoMessage PodFailurePolicyOnExitCodesRequirement = new ProtoMessage("batch.v1.PodFailurePolicyOnExitCodesRequirement")
        .Str(1, "containerName", keepZero: true)
        .Str(2, "operator", keepZero: true)
        .I32List(3, "values");

    public static readonly ProtoMessage PodFailurePolicyOnPodConditionsPattern = new ProtoMessage("batch.v1.PodFailurePolicyOnPodConditionsPattern")
        .Str(1, "type", keepZero: true)
        .Str(2, "status");

    public static readonly ProtoMessage PodFailurePolicyRule = new ProtoMessage("batch.v1.PodFailurePolicyRule")
        .Str(1, "action", keepZero: true)
        .Nested(2, "onExitCodes", PodFailurePolicyOnExitCodesRequirement)
        .NestedList(3, "onPodConditions", PodFailurePolicyOnPodConditionsPattern);

    public static readonly ProtoMessage PodFailurePolicy = new ProtoMessage("batch.v1.PodFailurePolicy")
        .NestedList(1, "rules", PodFailurePolicyRule);

    public static readonly ProtoMessage SuccessPolicyRule = new ProtoMessage("batch.v1.SuccessPolicyRule")
        .Str(1, "succeededIndexes", keepZero: true)
        .I32(2, "succeededCount", keepZero: true);

    public static readonly ProtoMessage SuccessPolicy = new ProtoMessage("batch.v1.SuccessPolicy")
        .NestedList(1, "rules", SuccessPolicyRule);

    public static readonly ProtoMessage JobSpec = new ProtoMessage("batch.v1.JobSpec")
        .I32(1, "parallelism", keepZero: true)
        .I32(2, "completions", keepZero: true)
        .I64(3, "activeDeadlineSeconds", keepZero: true)
        .Nested(11, "podFailurePolicy", PodFailurePolicy)
        .Nested(16, "successPolicy", SuccessPolicy)
        .I32(7, "backoffLimit", keepZero: true)
        .I32(12, "backoffLimitPerIndex", keepZero: true)
        .I32(13, "maxFailedIndexes", keepZero: true)
        .Nested(4, "selector", MetaSchemas.LabelSelector)
        .Flag(5, "manualSelector", keepZero: true)
        .Nested(6, "template", PodSchemas.PodTemplateSpec)
        .I32(8, "ttlSecondsAfterFinished", keepZero: true)
        .Str(9, "completionMode", keepZero: true)
        .Flag(10, "suspend", keepZero: true)
        .Str(14, "podReplacementPolicy", keepZero: true)
        .Str(15, "managedBy", keepZero: true);

    public static readonly ProtoMessage JobCondition = new ProtoMessage("batch.v1.JobCondition")
        .Str(1, "type", keepZero: true)
        .Str(2, "status", keepZero: true)
        .Time(3, "lastProbeTime")
        .Time(4, "lastTransitionTime")
        .Str(5, "reason")
        .Str(6, "message");

    public static readonly ProtoMessage UncountedTerminatedPods = new ProtoMessage("batch.v1.UncountedTerminatedPods")
        .StrList(1, "succeeded")
        .StrList(2, "failed");

    public static readonly ProtoMessage JobStatus = new ProtoMessage("batch.v1.JobStatus")
        .NestedList(1, "conditions", JobCondition)
        .Time(2, "startTime")
        .Time(3, "completionTime")
        .I32(4, "active")
        .I32(5, "succeeded")
        .I32(6, "failed")
        .I32(11, "terminating", keepZero: true)
        .Str(7, "completedIndexes")
        .Str(10, "failedIndexes", keepZero: true)
        .Nested(8, "uncountedTerminatedPods", UncountedTerminatedPods)
        .I32(9, "ready", keepZero: true);

    public static readonly ProtoMessage Job = new ProtoMessage("batch.v1.Job")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", JobSpec)
        .Nested(3, "status", JobStatus);

    public static readonly ProtoMessage JobTemplateSpec = new ProtoMessage("batch.v1.JobTemplateSpec")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", JobSpec);

    public static readonly ProtoMessage CronJobSpec = new ProtoMessage("batch.v1.CronJobSpec")
        .Str(1, "schedule", keepZero: true)
        .Str(8, "timeZone", keepZero: true)
        .I64(2, "startingDeadlineSeconds", keepZero: true)
        .Str(3, "concurrencyPolicy")
        .Flag(4, "suspend", keepZero: true)
        .Nested(5, "jobTemplate", JobTemplateSpec)
        .I32(6, "successfulJobsHistoryLimit", keepZero: true)
        .I32(7, "failedJobsHistoryLimit", keepZero: true);

    public static readonly ProtoMessage CronJobStatus = new ProtoMessage("batch.v1.CronJobStatus")
        .NestedList(1, "active", CoreSchemas.ObjectReference)
        .Time(4, "lastScheduleTime")
        .Time(5, "lastSuccessfulTime");

    public static readonly ProtoMessage CronJob = new ProtoMessage("batch.v1.CronJob")
        .Nested(1, "metadata", MetaSchemas.ObjectMeta)
        .Nested(2, "spec", CronJobSpec)
        .Nested(3, "status", CronJobStatus);
}
