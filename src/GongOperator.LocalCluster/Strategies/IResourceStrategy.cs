using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;

namespace GongOperator.LocalCluster.Strategies;

/// <summary>
/// What one kind adds to the generic verbs, in the shape of kube-apiserver's REST strategies
/// (<c>PrepareForCreate</c>, <c>PrepareForUpdate</c>, <c>Validate</c>, <c>AfterCreate</c>, <c>BeforeDelete</c>):
/// the verbs in <c>Server/</c> call these hooks at fixed points and hold no kind-specific rule themselves.
/// </summary>
/// <remarks>
/// A write runs: <see cref="DropUnknownFields"/>, <see cref="PrepareForCreate"/> or <see cref="PrepareForUpdate"/>,
/// the ObjectMeta checks (with <see cref="NameErrors"/>), <see cref="Validate"/> (any cause refuses the write with 422), generation, <see cref="SimulateControllers"/>,
/// commit, <see cref="AfterCommit"/>. Hooks run under the store's write lock.
/// </remarks>
internal interface IResourceStrategy
{
    /// <summary>
    /// The messages of the kind's metadata.name rule (a DNS subdomain for most kinds) for <paramref name="name"/>,
    /// or, with <paramref name="prefix"/>, for a metadata.generateName; empty when valid.
    /// </summary>
    IReadOnlyList<string> NameErrors(string name, bool prefix);

    /// <summary>Removes fields the kind's schema does not know (beyond the top-level check every built-in gets) and returns their paths.</summary>
    IReadOnlyList<string> DropUnknownFields(JsonObject obj);

    /// <summary>Server-set defaults of a new object, before validation.</summary>
    void PrepareForCreate(JsonObject obj, string now);

    /// <summary>Server-set defaults of a changed object, before validation; <paramref name="old"/> is the stored state.</summary>
    void PrepareForUpdate(JsonObject obj, JsonObject old, string now);

    /// <summary>The kind's own field checks.</summary>
    IEnumerable<StatusCause> Validate(JsonObject obj);

    /// <summary>
    /// What the controllers a bare API server lacks would write (e.g. a Deployment's status), once the
    /// object is valid and its generation is known; <paramref name="old"/> is null on create.
    /// </summary>
    void SimulateControllers(JsonObject obj, JsonObject? old, string now);

    /// <summary>Side effects of a committed create or update; <paramref name="previous"/> is null after a create.</summary>
    void AfterCommit(JsonObject stored, JsonObject? previous);

    /// <summary>Side effects of a removal, run before the object itself is removed (its dependents go first, as in Kubernetes).</summary>
    void OnDelete(JsonObject deleted);

    /// <summary>The object as clients see it (e.g. with schema defaults, or in another group's form).</summary>
    JsonObject ForRead(JsonObject stored);
}
