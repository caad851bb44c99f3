using System.Text.Json.Nodes;
using static GongOperator.LocalCluster.OpenApi.SchemaFactory;

namespace GongOperator.LocalCluster.OpenApi;

/// <summary>
/// Hand-written schemas for the built-in kinds the embedded server serves. They model the fields
/// clients touch (so <c>kubectl explain</c> and kubectl's strategic-merge lookups find them) with
/// descriptions written for this project; anything else falls back to a permissive object.
/// </summary>
internal static class BuiltInSchemas
{
    /// <summary>The component name of a built-in kind, e.g. <c>io.k8s.api.core.v1.ConfigMap</c>.</summary>
    public static string ComponentName(string group, string version, string kind)
    {
        if (string.Equals(group, "apiextensions.k8s.io", StringComparison.Ordinal))
        {
            return $"io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.{version}.{kind}";
        }

        if (string.Equals(group, "apiregistration.k8s.io", StringComparison.Ordinal))
        {
            return $"io.k8s.kube-aggregator.pkg.apis.apiregistration.{version}.{kind}";
        }

        string g = group.Length == 0 ? "core" : group.Split('.')[0];
        return $"io.k8s.api.{g}.{version}.{kind}";
    }

    /// <summary>The schema of a built-in kind (without apiVersion/kind/metadata, which the builder adds), or a permissive one.</summary>
    public static JsonObject For(string group, string version, string kind) =>
        (group, version, kind) switch
        {
            ("", "v1", "Namespace") => Namespace(),
            ("", "v1", "ConfigMap") => ConfigMap(),
            ("", "v1", "Secret") => Secret(),
            ("", "v1", "ServiceAccount") => ServiceAccount(),
            ("", "v1", "Event") => CoreEvent(),
            ("", "v1", "Pod") => Obj("Pod is a group of containers scheduled together.", ("spec", PodSpec()), ("status", Free("Observed state of the pod."))),
            ("", "v1", "Service") => Service(),
            ("apps", "v1", "Deployment") => Deployment(),
            ("coordination.k8s.io", "v1", "Lease") => Lease(),
            ("events.k8s.io", "v1", "Event") => EventsEvent(),
            ("rbac.authorization.k8s.io", "v1", "Role") => Role("Role is a namespaced set of permissions."),
            ("rbac.authorization.k8s.io", "v1", "ClusterRole") => ClusterRole(),
            ("rbac.authorization.k8s.io", "v1", "RoleBinding") => Binding("RoleBinding grants a Role or ClusterRole to subjects within a namespace."),
            ("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding") => Binding("ClusterRoleBinding grants a ClusterRole to subjects across the cluster."),
            ("apiextensions.k8s.io", "v1", "CustomResourceDefinition") => Crd(),
            _ => Permissive(kind),
        };

    /// <summary>A schema that accepts any content; used for kinds not modelled here.</summary>
    public static JsonObject Permissive(string kind)
    {
        JsonObject o = Obj(
            $"{kind} (schema not modelled by the embedded server; any fields are accepted).",
            ("spec", Free("Desired state.")),
            ("status", Free("Observed state.")));
        o["x-kubernetes-preserve-unknown-fields"] = true;
        return o;
    }

    private static JsonObject Namespace() =>
        Obj(
            "Namespace scopes names and policies for the objects inside it.",
            ("spec", Obj("Desired state of the namespace.", ("finalizers", Strings("Finalizers that must be removed before the namespace is deleted from storage.")))),
            ("status", Obj(
                "Observed state of the namespace.",
                ("conditions", ArrayOf("Latest observations of the namespace's state.", Free("A namespace condition."), mergeKey: "type")),
                ("phase", StrEnum("Active, or Terminating while its content is being deleted.", "Active", "Terminating")))));

    private static JsonObject ConfigMap() =>
        Obj(
            "ConfigMap holds non-secret configuration data.",
            ("binaryData", MapOf("Binary values, base64-encoded; keys must not overlap with data.", new JsonObject { ["type"] = "string", ["format"] = "byte" })),
            ("data", StringMap("UTF-8 configuration values; keys must not overlap with binaryData.")),
            ("immutable", Bool("When true, data can no longer be changed.")));

    private static JsonObject Secret() =>
        Obj(
            "Secret holds sensitive data such as passwords or tokens.",
            ("data", MapOf("Secret values, base64-encoded.", new JsonObject { ["type"] = "string", ["format"] = "byte" })),
            ("immutable", Bool("When true, data can no longer be changed.")),
            ("stringData", StringMap("Write-only convenience: plain-text values merged into data on write.")),
            ("type", Str("How the data is meant to be used, e.g. Opaque or helm.sh/release.v1.")));

    private static JsonObject ServiceAccount() =>
        Obj(
            "ServiceAccount is an identity for processes running in pods.",
            ("automountServiceAccountToken", Bool("Whether pods using this account get an API token mounted by default.")),
            ("imagePullSecrets", ArrayOf("Secrets used to pull images for pods using this account.", Obj("Reference to a secret.", ("name", Str("Secret name."))))),
            ("secrets", ArrayOf("Secrets pods using this account may use.", ObjectReference(), mergeKey: "name")));

    private static JsonObject ObjectReference() =>
        Obj(
            "Reference to another object.",
            ("apiVersion", Str("API version of the referent.")),
            ("fieldPath", Str("A field within the referent, such as spec.containers{name}.")),
            ("kind", Str("Kind of the referent.")),
            ("name", Str("Name of the referent.")),
            ("namespace", Str("Namespace of the referent.")),
            ("resourceVersion", Str("resourceVersion of the referent the reference was made at.")),
            ("uid", Str("UID of the referent.")));

    private static JsonObject CoreEvent() =>
        ObjRequired(
            "Event reports something that happened to an object (core/v1 view).",
            ["metadata", "involvedObject"],
            ("action", Str("What was done or failed, e.g. Reconcile.")),
            ("count", Int32("How many times this event was seen.")),
            ("eventTime", Ref(MetaSchemas.MicroTime, "When the event was first seen, with microseconds.")),
            ("firstTimestamp", Ref(MetaSchemas.Time, "When the event was first recorded.")),
            ("involvedObject", ObjectReference()),
            ("lastTimestamp", Ref(MetaSchemas.Time, "When the event was last recorded.")),
            ("message", Str("Human-readable description.")),
            ("reason", Str("Short CamelCase reason.")),
            ("related", ObjectReference()),
            ("reportingComponent", Str("Controller that emitted the event.")),
            ("reportingInstance", Str("Instance of the controller that emitted the event.")),
            ("series", Free("Data about a series of similar events.")),
            ("source", Obj("Component that reported the event.", ("component", Str("Component name.")), ("host", Str("Node name.")))),
            ("type", Str("Normal or Warning.")));

    private static JsonObject EventsEvent() =>
        ObjRequired(
            "Event reports something that happened to an object (events.k8s.io/v1 view).",
            ["eventTime"],
            ("action", Str("What was done or failed.")),
            ("deprecatedCount", Int32("Count, as in core/v1 events.")),
            ("deprecatedFirstTimestamp", Ref(MetaSchemas.Time, "firstTimestamp, as in core/v1 events.")),
            ("deprecatedLastTimestamp", Ref(MetaSchemas.Time, "lastTimestamp, as in core/v1 events.")),
            ("deprecatedSource", Free("source, as in core/v1 events.")),
            ("eventTime", Ref(MetaSchemas.MicroTime, "When the event was first seen.")),
            ("note", Str("Human-readable description.")),
            ("reason", Str("Short CamelCase reason.")),
            ("regarding", ObjectReference()),
            ("related", ObjectReference()),
            ("reportingController", Str("Controller that emitted the event.")),
            ("reportingInstance", Str("Instance of the controller that emitted the event.")),
            ("series", Free("Data about a series of similar events.")),
            ("type", Str("Normal or Warning.")));

    private static JsonObject Lease() =>
        Obj(
            "Lease is a lock with a holder and a duration, used for leader election.",
            ("spec", Obj(
                "Desired state of the lease.",
                ("acquireTime", Ref(MetaSchemas.MicroTime, "When the current holder acquired the lease.")),
                ("holderIdentity", Str("Identity of the current holder.")),
                ("leaseDurationSeconds", Int32("How long a holder keeps the lease without renewing it.")),
                ("leaseTransitions", Int32("How many times the lease changed holders.")),
                ("renewTime", Ref(MetaSchemas.MicroTime, "When the holder last renewed the lease.")))));

    private static JsonObject PolicyRule() =>
        ObjRequired(
            "One permission rule.",
            ["verbs"],
            ("apiGroups", Strings("API groups the rule covers; \"\" is the core group, \"*\" all groups.")),
            ("nonResourceURLs", Strings("URL paths the rule covers (cluster roles only).")),
            ("resourceNames", Strings("Object names the rule is limited to.")),
            ("resources", Strings("Resources the rule covers, such as pods or widgets/status.")),
            ("verbs", Strings("Verbs allowed, such as get, list, watch, create, update, patch, delete.")));

    private static JsonObject Role(string description) =>
        Obj(description, ("rules", ArrayOf("Permission rules.", PolicyRule())));

    private static JsonObject ClusterRole()
    {
        JsonObject o = Role("ClusterRole is a cluster-wide set of permissions.");
        o["properties"]!["aggregationRule"] = Obj(
            "Selects other ClusterRoles whose rules are aggregated into this one.",
            ("clusterRoleSelectors", ArrayOf("Selectors of ClusterRoles to aggregate.", ItemRef(MetaSchemas.LabelSelector))));
        return o;
    }

    private static JsonObject Binding(string description) =>
        ObjRequired(
            description,
            ["roleRef"],
            ("roleRef", ObjRequired(
                "The role granted; cannot be changed.",
                ["apiGroup", "kind", "name"],
                ("apiGroup", Str("API group of the role.")),
                ("kind", Str("Role or ClusterRole.")),
                ("name", Str("Name of the role.")))),
            ("subjects", ArrayOf("Users, groups or service accounts the role is granted to.", ObjRequired(
                "A subject.",
                ["kind", "name"],
                ("apiGroup", Str("API group of the subject kind.")),
                ("kind", Str("User, Group or ServiceAccount.")),
                ("name", Str("Name of the subject.")),
                ("namespace", Str("Namespace of a ServiceAccount subject."))))));

    private static JsonObject Container() =>
        ObjRequired(
            "A container in a pod.",
            ["name"],
            ("args", Strings("Arguments to the entrypoint.")),
            ("command", Strings("Entrypoint; the image's is used when empty.")),
            ("env", ArrayOf("Environment variables.", ObjRequired(
                "An environment variable.",
                ["name"],
                ("name", Str("Variable name.")),
                ("value", Str("Literal value.")),
                ("valueFrom", Free("Source for the value: a field, resource, ConfigMap key or Secret key."))), mergeKey: "name")),
            ("envFrom", ArrayOf("Sources of whole sets of variables.", Free("A ConfigMap or Secret source."))),
            ("image", Str("Container image reference.")),
            ("imagePullPolicy", Str("Always, Never or IfNotPresent.")),
            ("livenessProbe", Free("Probe that restarts the container when it fails.")),
            ("name", Str("Container name, unique within the pod.")),
            ("ports", ArrayOf("Ports the container exposes.", ObjRequired(
                "A container port.",
                ["containerPort"],
                ("containerPort", Int32("Port number.")),
                ("name", Str("Port name.")),
                ("protocol", Str("TCP, UDP or SCTP."))), mergeKey: "containerPort")),
            ("readinessProbe", Free("Probe that gates traffic to the container.")),
            ("resources", Obj(
                "Compute resources.",
                ("limits", MapOf("Maximum resources.", IntOrString("A quantity."))),
                ("requests", MapOf("Requested resources.", IntOrString("A quantity."))))),
            ("securityContext", Free("Security options.")),
            ("volumeMounts", ArrayOf("Volumes mounted into the container.", ObjRequired(
                "A volume mount.",
                ["name", "mountPath"],
                ("mountPath", Str("Path inside the container.")),
                ("name", Str("Volume name.")),
                ("readOnly", Bool("Mount read-only.")),
                ("subPath", Str("Sub-path of the volume."))), mergeKey: "mountPath")),
            ("workingDir", Str("Working directory.")));

    private static JsonObject PodSpec() =>
        ObjRequired(
            "Desired state of a pod.",
            ["containers"],
            ("affinity", Free("Scheduling affinity.")),
            ("containers", ArrayOf("Containers of the pod.", Container(), mergeKey: "name")),
            ("imagePullSecrets", ArrayOf("Secrets for pulling images.", Obj("Reference to a secret.", ("name", Str("Secret name."))), mergeKey: "name")),
            ("initContainers", ArrayOf("Containers run to completion before the others start.", Container(), mergeKey: "name")),
            ("nodeSelector", StringMap("Node labels the pod must be scheduled on.")),
            ("restartPolicy", Str("Always, OnFailure or Never.")),
            ("securityContext", Free("Pod-level security options.")),
            ("serviceAccountName", Str("Service account the pod runs as.")),
            ("tolerations", ArrayOf("Taints the pod tolerates.", Free("A toleration."))),
            ("volumes", ArrayOf("Volumes the containers may mount.", Free("A volume; its name is the merge key."), mergeKey: "name")));

    private static JsonObject Deployment() =>
        Obj(
            "Deployment manages a replicated, rolling-updated set of pods.",
            ("spec", ObjRequired(
                "Desired state of the deployment.",
                ["selector", "template"],
                ("minReadySeconds", Int32("Seconds a new pod must be ready before it counts as available.")),
                ("paused", Bool("Whether rollouts are paused.")),
                ("progressDeadlineSeconds", Int32("Seconds before a stalled rollout is reported as failed.")),
                ("replicas", Int32("Desired number of pods; defaults to 1.")),
                ("revisionHistoryLimit", Int32("How many old ReplicaSets to keep.")),
                ("selector", Ref(MetaSchemas.LabelSelector, "Label selector of the pods; must match the template labels.")),
                ("strategy", Free("How pods are replaced: RollingUpdate or Recreate.")),
                ("template", Obj(
                    "Template of the pods.",
                    ("metadata", Ref(MetaSchemas.ObjectMeta, MetaSchemas.ObjectMetaDescription)),
                    ("spec", PodSpec()))))),
            ("status", Obj(
                "Observed state of the deployment.",
                ("availableReplicas", Int32("Pods available for at least minReadySeconds.")),
                ("conditions", ArrayOf("Latest observations of the deployment's state.", Free("A deployment condition."), mergeKey: "type")),
                ("observedGeneration", Int64("The generation the controller last acted on.")),
                ("readyReplicas", Int32("Pods that are ready.")),
                ("replicas", Int32("Pods targeted by the deployment.")),
                ("unavailableReplicas", Int32("Pods still needed for 100% availability.")),
                ("updatedReplicas", Int32("Pods that run the current template.")))));

    private static JsonObject Service() =>
        Obj(
            "Service exposes a set of pods under one virtual address.",
            ("spec", Obj(
                "Desired state of the service.",
                ("clusterIP", Str("Virtual IP of the service.")),
                ("ports", ArrayOf("Ports the service exposes.", ObjRequired(
                    "A service port.",
                    ["port"],
                    ("name", Str("Port name.")),
                    ("port", Int32("Service port.")),
                    ("protocol", Str("TCP, UDP or SCTP.")),
                    ("targetPort", IntOrString("Pod port number or name."))), mergeKey: "port")),
                ("selector", StringMap("Labels of the pods behind the service.")),
                ("type", Str("ClusterIP, NodePort, LoadBalancer or ExternalName.")))),
            ("status", Free("Observed state of the service.")));

    private static JsonObject Crd()
    {
        JsonObject version = ObjRequired(
            "One served version.",
            ["name", "served", "storage"],
            ("additionalPrinterColumns", ArrayOf("Extra columns for kubectl get.", ObjRequired(
                "A printer column.",
                ["name", "type", "jsonPath"],
                ("description", Str("Column description.")),
                ("format", Str("Column format.")),
                ("jsonPath", Str("Simple JSONPath evaluated on each object.")),
                ("name", Str("Column header.")),
                ("priority", Int32("0 for the default view; higher shows only with -o wide.")),
                ("type", Str("integer, number, string, boolean or date."))))),
            ("deprecated", Bool("Whether this version is deprecated.")),
            ("deprecationWarning", Str("Warning returned to clients of a deprecated version.")),
            ("name", Str("Version name, e.g. v1.")),
            ("schema", Obj("Validation schema.", ("openAPIV3Schema", Free("Structural OpenAPI v3 schema of the objects.")))),
            ("selectableFields", ArrayOf("Fields usable in field selectors.", Obj("A selectable field.", ("jsonPath", Str("Path of the field."))))),
            ("served", Bool("Whether the version is served.")),
            ("storage", Bool("Whether objects are stored in this version; exactly one version is.")),
            ("subresources", Obj(
                "Subresources served for this version.",
                ("scale", Free("The scale subresource: specReplicasPath, statusReplicasPath, labelSelectorPath.")),
                ("status", Free("The status subresource; an empty object enables it.")))));

        JsonObject names = ObjRequired(
            "Names of the custom resource.",
            ["plural", "kind"],
            ("categories", Strings("Groups of resources, usable as kubectl get <category>.")),
            ("kind", Str("Kind of the objects.")),
            ("listKind", Str("Kind of lists; defaults to <kind>List.")),
            ("plural", Str("Plural resource name used in URLs.")),
            ("shortNames", Strings("Short aliases for kubectl.")),
            ("singular", Str("Singular name.")));

        return ObjRequired(
            "CustomResourceDefinition adds a resource type to the API.",
            ["spec"],
            ("spec", ObjRequired(
                "Desired definition.",
                ["group", "names", "scope", "versions"],
                ("conversion", Free("How objects are converted between versions.")),
                ("group", Str("API group of the resource.")),
                ("names", names),
                ("preserveUnknownFields", Bool("Deprecated; must be false.")),
                ("scope", Str("Namespaced or Cluster.")),
                ("versions", ArrayOf("Served versions.", version)))),
            ("status", Obj(
                "Observed state of the definition.",
                ("acceptedNames", Free("Names actually served.")),
                ("conditions", ArrayOf("Conditions such as NamesAccepted and Established.", Free("A definition condition."), mergeKey: "type")),
                ("storedVersions", Strings("Versions that were ever used for storage.")))));
    }
}
