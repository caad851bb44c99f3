using System.Text.Json.Nodes;
using static GongOperator.LocalCluster.OpenApi.SchemaFactory;

namespace GongOperator.LocalCluster.OpenApi;

/// <summary>
/// The shared <c>io.k8s.apimachinery.pkg.apis.meta.v1.*</c> components every group-version document
/// carries (ObjectMeta, ListMeta, Status, DeleteOptions …), with descriptions written for this project.
/// </summary>
internal static class MetaSchemas
{
    public const string Prefix = "io.k8s.apimachinery.pkg.apis.meta.v1.";
    public const string ObjectMeta = Prefix + "ObjectMeta";
    public const string ListMeta = Prefix + "ListMeta";
    public const string Status = Prefix + "Status";
    public const string DeleteOptions = Prefix + "DeleteOptions";
    public const string Patch = Prefix + "Patch";
    public const string Time = Prefix + "Time";
    public const string MicroTime = Prefix + "MicroTime";
    public const string LabelSelector = Prefix + "LabelSelector";
    public const string Condition = Prefix + "Condition";

    /// <summary>Description used for the <c>apiVersion</c> property of every kind.</summary>
    public const string ApiVersionDescription = "APIVersion names the versioned schema of this object (group/version). The server converts known versions and may refuse unknown ones.";

    /// <summary>Description used for the <c>kind</c> property of every kind.</summary>
    public const string KindDescription = "Kind names the REST resource type of this object, in CamelCase. The server may infer it from the request path. Read-only after creation.";

    /// <summary>Description used for <c>metadata</c> of objects.</summary>
    public const string ObjectMetaDescription = "Standard object metadata: name, namespace, labels, annotations, owner references and server-managed fields.";

    /// <summary>Description used for <c>metadata</c> of lists.</summary>
    public const string ListMetaDescription = "Standard list metadata: resourceVersion and continue token.";

    /// <summary>All meta components, keyed by component name.</summary>
    public static IReadOnlyList<(string Name, JsonObject Schema)> All() =>
    [
        (Prefix + "Condition", ConditionSchema()),
        (DeleteOptions, DeleteOptionsSchema()),
        (Prefix + "FieldsV1", new JsonObject { ["description"] = "FieldsV1 is the set of fields a manager owns, encoded as a JSON trie of f:/k:/v: keys.", ["type"] = "object" }),
        (LabelSelector, LabelSelectorSchema()),
        (Prefix + "LabelSelectorRequirement", ObjRequired(
            "One label selector term: a key, an operator and values.",
            ["key", "operator"],
            ("key", Str("The label key the term applies to.")),
            ("operator", Str("How the key relates to the values: In, NotIn, Exists or DoesNotExist.")),
            ("values", Strings("Values for In and NotIn; empty for Exists and DoesNotExist.")))),
        (ListMeta, Obj(
            "ListMeta is the metadata of every list.",
            ("continue", Str("Opaque token to fetch the next page when the list was limited.")),
            ("remainingItemCount", Int64("Approximate number of items left after this page, when known.")),
            ("resourceVersion", Str("The resourceVersion the list was read at; start a watch from here.")),
            ("selfLink", Str("Deprecated and never set.")))),
        (Prefix + "ManagedFieldsEntry", Obj(
            "ManagedFieldsEntry records the fields one manager owns and how it last wrote them.",
            ("apiVersion", Str("Version of the resource the fields are expressed in.")),
            ("fieldsType", Str("Encoding of fieldsV1; always FieldsV1.")),
            ("fieldsV1", Ref(Prefix + "FieldsV1", "The owned fields.")),
            ("manager", Str("Name of the field manager.")),
            ("operation", Str("Apply or Update.")),
            ("subresource", Str("The subresource written, such as status; empty for the main resource.")),
            ("time", Ref(Time, "When the manager last changed one of its fields.")))),
        (MicroTime, new JsonObject { ["description"] = "MicroTime is an RFC 3339 timestamp with microseconds.", ["type"] = "string", ["format"] = "date-time" }),
        (ObjectMeta, ObjectMetaSchema()),
        (Prefix + "OwnerReference", OwnerReferenceSchema()),
        (Patch, new JsonObject { ["description"] = "Patch is the body of a PATCH request; its format follows the Content-Type.", ["type"] = "object" }),
        (Prefix + "Preconditions", Obj(
            "Preconditions that must hold before a delete goes ahead.",
            ("resourceVersion", Str("The object must have this resourceVersion.")),
            ("uid", Str("The object must have this uid.")))),
        (Status, StatusSchema()),
        (Prefix + "StatusCause", Obj(
            "StatusCause describes one reason a request failed, often one invalid field.",
            ("field", Str("Path of the field at fault, such as spec.replicas or items[0].name.")),
            ("message", Str("Human-readable explanation.")),
            ("reason", Str("Machine-readable cause, such as FieldValueRequired.")))),
        (Prefix + "StatusDetails", Obj(
            "StatusDetails carries extra data about a failure.",
            ("causes", ArrayOf("Individual causes, such as invalid fields.", ItemRef(Prefix + "StatusCause"))),
            ("group", Str("API group of the resource concerned.")),
            ("kind", Str("Kind (or resource) concerned.")),
            ("name", Str("Name of the object concerned.")),
            ("retryAfterSeconds", Int32("Seconds to wait before retrying, when the error is temporary.")),
            ("uid", Str("UID of the object concerned.")))),
        (Time, new JsonObject { ["description"] = "Time is an RFC 3339 timestamp in whole seconds, in UTC.", ["type"] = "string", ["format"] = "date-time" }),
    ];

    private static JsonObject ObjectMetaSchema()
    {
        JsonObject finalizers = Strings("Names of finalizers that must be removed before the object is deleted from storage.");
        finalizers["x-kubernetes-patch-strategy"] = "merge";
        finalizers["x-kubernetes-list-type"] = "set";
        JsonObject owners = ArrayOf("Objects this object depends on; when all are gone it may be garbage collected.", ItemRef(Prefix + "OwnerReference"), mergeKey: "uid");

        return Obj(
            "ObjectMeta is the metadata every persisted object has.",
            ("annotations", StringMap("Unstructured key/value data for tools; not used for selection.")),
            ("creationTimestamp", Ref(Time, "When the server created the object. Set by the server; read-only.")),
            ("deletionGracePeriodSeconds", Int64("Seconds the object is given to terminate once deletion was requested. Read-only.")),
            ("deletionTimestamp", Ref(Time, "When deletion was requested; the object stays until its finalizers are gone. Read-only.")),
            ("finalizers", finalizers),
            ("generateName", Str("Prefix the server uses to generate a unique name when name is empty.")),
            ("generation", Int64("Sequence number of changes to the desired state. Set by the server; read-only.")),
            ("labels", StringMap("Key/value pairs used to organise and select objects.")),
            ("managedFields", ArrayOf("Which field manager owns which fields; maintained by the server.", ItemRef(Prefix + "ManagedFieldsEntry"))),
            ("name", Str("Name, unique within the namespace (or the cluster for cluster-scoped kinds). Required on create unless generateName is set; cannot be changed.")),
            ("namespace", Str("Namespace the object belongs to; empty for cluster-scoped kinds. Cannot be changed.")),
            ("ownerReferences", owners),
            ("resourceVersion", Str("Opaque version of this object for optimistic concurrency and watches. Set by the server.")),
            ("selfLink", Str("Deprecated and never set.")),
            ("uid", Str("Unique identifier for this object across time. Set by the server; read-only.")));
    }

    private static JsonObject OwnerReferenceSchema()
    {
        JsonObject o = ObjRequired(
            "OwnerReference identifies an owning object in the same namespace (or a cluster-scoped owner).",
            ["apiVersion", "kind", "name", "uid"],
            ("apiVersion", Str("API version of the owner.")),
            ("blockOwnerDeletion", Bool("When true, foreground deletion of the owner waits for this object.")),
            ("controller", Bool("When true, the owner is the managing controller; at most one owner may set it.")),
            ("kind", Str("Kind of the owner.")),
            ("name", Str("Name of the owner.")),
            ("uid", Str("UID of the owner.")));
        o["x-kubernetes-map-type"] = "atomic";
        return o;
    }

    private static JsonObject StatusSchema()
    {
        JsonObject o = Obj(
            "Status is returned by calls that do not return an object, and for every error.",
            ("apiVersion", Str(ApiVersionDescription)),
            ("code", Int32("Suggested HTTP status code.")),
            ("details", Ref(Prefix + "StatusDetails", "Extra data that depends on the reason.")),
            ("kind", Str(KindDescription)),
            ("message", Str("Human-readable description of the outcome.")),
            ("metadata", Ref(ListMeta, ListMetaDescription)),
            ("reason", Str("Machine-readable reason for a failure, such as NotFound or Invalid.")),
            ("status", Str("Success or Failure.")));
        o["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = string.Empty, ["kind"] = "Status", ["version"] = "v1" });
        return o;
    }

    private static JsonObject DeleteOptionsSchema()
    {
        JsonObject o = Obj(
            "DeleteOptions is the optional body of a DELETE request.",
            ("apiVersion", Str(ApiVersionDescription)),
            ("dryRun", Strings("When set to [\"All\"], nothing is persisted.")),
            ("gracePeriodSeconds", Int64("Seconds before the object is deleted; zero means immediately.")),
            ("kind", Str(KindDescription)),
            ("orphanDependents", Bool("Deprecated: use propagationPolicy.")),
            ("preconditions", Ref(Prefix + "Preconditions", "Conditions that must hold for the delete to proceed.")),
            ("propagationPolicy", Str("How dependents are handled: Orphan, Background or Foreground.")));
        o["x-kubernetes-group-version-kind"] = new JsonArray(new JsonObject { ["group"] = string.Empty, ["kind"] = "DeleteOptions", ["version"] = "v1" });
        return o;
    }

    private static JsonObject LabelSelectorSchema()
    {
        JsonObject o = Obj(
            "LabelSelector selects objects by labels; all terms must match. An empty selector matches everything.",
            ("matchExpressions", ArrayOf("Set-based terms.", ItemRef(Prefix + "LabelSelectorRequirement"))),
            ("matchLabels", StringMap("Exact key/value matches.")));
        o["x-kubernetes-map-type"] = "atomic";
        return o;
    }

    private static JsonObject ConditionSchema() =>
        ObjRequired(
            "Condition is one aspect of an object's current state.",
            ["type", "status", "lastTransitionTime", "reason", "message"],
            ("lastTransitionTime", Ref(Time, "When the status last changed.")),
            ("message", Str("Human-readable details.")),
            ("observedGeneration", Int64("The metadata.generation the condition was computed for.")),
            ("reason", Str("Machine-readable CamelCase reason for the last transition.")),
            ("status", Str("True, False or Unknown.")),
            ("type", Str("Condition type, such as Ready.")));
}
