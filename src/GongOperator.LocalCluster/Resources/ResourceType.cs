using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Resources;

/// <summary>One servable resource: a group/version/plural with its kind, scope and behaviour flags.</summary>
internal sealed record ResourceType
{
    public required string Group { get; init; }

    public required string Version { get; init; }

    public required string Kind { get; init; }

    public required string Plural { get; init; }

    public required string Singular { get; init; }

    public required bool Namespaced { get; init; }

    public IReadOnlyList<string> ShortNames { get; init; } = [];

    public IReadOnlyList<string> Categories { get; init; } = [];

    /// <summary>True when a <c>/status</c> subresource separates spec writes from status writes.</summary>
    public bool HasStatus { get; init; }

    /// <summary>True for resources served from a CustomResourceDefinition.</summary>
    public bool IsCustom { get; init; }

    /// <summary>True when a <c>/scale</c> subresource (autoscaling/v1 Scale over spec.replicas) is served.</summary>
    public bool HasScale { get; init; }

    /// <summary>For CRDs with a scale subresource: where spec replicas, status replicas and the label selector live (dotted paths).</summary>
    public string SpecReplicasPath { get; init; } = "spec.replicas";

    public string StatusReplicasPath { get; init; } = "status.replicas";

    public string? LabelSelectorPath { get; init; }

    /// <summary>True when <c>metadata.generation</c> is kept (CRs, Deployments, CRDs).</summary>
    public bool HasGeneration { get; init; }

    /// <summary>
    /// True when an annotation change bumps <c>metadata.generation</c> as a spec change does (Deployments: kube-apiserver
    /// 1.28 does so, checked on a real server, because rollbacks were once requested through an annotation).
    /// </summary>
    public bool AnnotationsBumpGeneration { get; init; }

    /// <summary>True when a PUT without resourceVersion is refused (CRs, Leases).</summary>
    public bool RequiresResourceVersionOnUpdate { get; init; }

    /// <summary>True when a PUT to a missing object creates it (Leases).</summary>
    public bool CreateOnUpdate { get; init; }

    /// <summary>Storage key shared by views of the same objects (core and events.k8s.io Events share one).</summary>
    public string? StorageKeyOverride { get; init; }

    /// <summary>The CRD version's openAPIV3Schema, for custom resources.</summary>
    public JsonObject? Schema { get; init; }

    /// <summary>The parsed structural schema (pruning, defaulting, validation), for custom resources.</summary>
    public StructuralSchema? Structural { get; init; }

    /// <summary>True when the schema declares any default, so reads must default too.</summary>
    public bool SchemaHasDefaults { get; init; }

    /// <summary>The CRD version's additionalPrinterColumns, for custom resources.</summary>
    public JsonArray? PrinterColumns { get; init; }

    /// <summary>Extra field selector paths (CRD selectableFields), as JSON paths without the leading dot.</summary>
    public IReadOnlyList<string> SelectableFields { get; init; } = [];

    /// <summary>The verbs this resource serves.</summary>
    public IReadOnlyList<string> Verbs { get; init; } = AllVerbs;

    public static IReadOnlyList<string> AllVerbs { get; } = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    public static IReadOnlyList<string> CustomVerbs { get; } = ["delete", "deletecollection", "get", "list", "patch", "create", "update", "watch"];

    public string GroupVersion => Group.Length == 0 ? Version : Group + "/" + Version;

    public string ListKind => Kind + "List";

    /// <summary>The storage key: group/plural (all versions of a group share objects).</summary>
    public string StorageKey => StorageKeyOverride ?? Group + "/" + Plural;

    /// <summary>How errors name this resource: plural, or plural.group.</summary>
    public string QualifiedPlural => Group.Length == 0 ? Plural : Plural + "." + Group;

    /// <summary>How 422 messages name the kind: Kind, or Kind.group.</summary>
    public string QualifiedKind => Group.Length == 0 ? Kind : Kind + "." + Group;
}
