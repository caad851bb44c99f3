namespace GongOperator.Tests.Packaging;

/// <summary>
/// The Kubernetes API calls the operator makes, as RBAC grants (apiGroup, resource, verb).
/// This is the list the rendered Roles and ClusterRoles must equal, both ways (RbacTests).
/// KEEP IN SYNC with the operator's code: a new call site (a new verb or resource) is added here
/// and in charts/gong-operator/templates/rbac.yaml and config/rbac/*.yaml together.
/// </summary>
internal static class OperatorPermissions
{
    /// <summary>
    /// Granted where origins are watched: cluster-wide (ClusterRole) when all namespaces are
    /// watched, else by a Role in each watched namespace.
    /// </summary>
    public static readonly IReadOnlyList<Permission> Watched =
    [
        // The GongIntegrationOrigin informer: list + watch; get to read one origin fresh.
        new("gongoperator.io", "gongintegrationorigins", "get"),
        new("gongoperator.io", "gongintegrationorigins", "list"),
        new("gongoperator.io", "gongintegrationorigins", "watch"),
        // The fullSet finalizer: a merge patch adds and releases it.
        new("gongoperator.io", "gongintegrationorigins", "patch"),
        // The status writer: get, update (replace) and patch of the status subresource.
        new("gongoperator.io", "gongintegrationorigins/status", "get"),
        new("gongoperator.io", "gongintegrationorigins/status", "update"),
        new("gongoperator.io", "gongintegrationorigins/status", "patch"),
        // The informer of credentials Secrets that origins reference (same namespace only).
        new("", "secrets", "get"),
        new("", "secrets", "list"),
        new("", "secrets", "watch"),
        // The event recorder: create, and patch to aggregate repeats (core v1 Events).
        new("", "events", "create"),
        new("", "events", "patch"),
    ];

    /// <summary>Leader election in the operator's own namespace (KubernetesClient's LeaseLock).</summary>
    public static readonly IReadOnlyList<Permission> LeaderElection =
    [
        new("coordination.k8s.io", "leases", "get"),
        new("coordination.k8s.io", "leases", "create"),
        new("coordination.k8s.io", "leases", "update"),
    ];

    /// <summary>The OAuth state Secrets in the operator's own namespace: read fresh, created once, replaced with a resourceVersion.</summary>
    public static readonly IReadOnlyList<Permission> OAuthState =
    [
        new("", "secrets", "get"),
        new("", "secrets", "create"),
        new("", "secrets", "update"),
    ];

    /// <summary>
    /// With --default-credentials-namespace-selector, in either scope: the namespace informer lists and watches the
    /// namespaces that match it (cluster-scoped, so a ClusterRole).
    /// </summary>
    public static readonly IReadOnlyList<Permission> Namespaces =
    [
        new("", "namespaces", "list"),
        new("", "namespaces", "watch"),
    ];

    /// <summary>
    /// When only some namespaces are watched: reading the operator-wide default credentials
    /// Secret (in the operator's namespace) by name: list and watch with a metadata.name field selector.
    /// </summary>
    public static readonly IReadOnlyList<Permission> DefaultCredentials =
    [
        new("", "secrets", "get"),
        new("", "secrets", "list"),
        new("", "secrets", "watch"),
    ];
}

/// <summary>One RBAC grant: a verb on a resource of an API group ("" is the core group).</summary>
internal sealed record Permission(string ApiGroup, string Resource, string Verb)
{
    public override string ToString() => $"{(ApiGroup.Length == 0 ? "core" : ApiGroup)}/{Resource}:{Verb}";
}
