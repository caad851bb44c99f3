using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Storage;
using GongOperator.LocalCluster.Strategies;

namespace GongOperator.LocalCluster.Server;

/// <summary>
/// create, update and patch of stored objects: names (generateName), optimistic concurrency, server-side
/// apply, no-op detection and finalizer-driven removal; what a write must pass is <see cref="Admission"/>'s.
/// </summary>
internal sealed class ObjectWriter : IObjectWrites
{
    private readonly ObjectStore _store;
    private readonly ObjectReader _reader;
    private readonly Admission _admission;
    private readonly ResourceStrategies _strategies;
    private readonly NamespaceLifecycle _namespaces;
    private readonly ObjectDeleter _deleter;
    private readonly TimeProvider _time;

    public ObjectWriter(ObjectStore store, ObjectReader reader, Admission admission, ResourceStrategies strategies, NamespaceLifecycle namespaces, ObjectDeleter deleter, TimeProvider time)
    {
        _store = store;
        _reader = reader;
        _admission = admission;
        _strategies = strategies;
        _namespaces = namespaces;
        _deleter = deleter;
        _time = time;
    }

    public WriteResult Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        Admission.CheckKind(type, body);
        var meta = Json.Metadata(body);
        Admission.SetNamespace(type, ns, meta);
        var name = Json.Text(meta["name"]);
        var generateName = Json.Text(meta["generateName"]);
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(generateName))
        {
            throw StatusException.Invalid(type, "", [new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name")]);
        }

        lock (_store.WriteLock)
        {
            _namespaces.RequireNamespace(type, ns);
            if (string.IsNullOrEmpty(name))
            {
                name = NameGenerator.FreeName(generateName!, candidate => _store.Get(type.StorageKey, ns, candidate) is null)
                    ?? throw StatusException.AlreadyExists(type, generateName!);
                meta["name"] = name;
            }

            if (_store.Get(type.StorageKey, ns, name) is not null)
            {
                throw StatusException.AlreadyExists(type, name);
            }

            return CommitCreated(type, ns, name, _admission.Admit(type, body, null, null, options, apply: false), options);
        }
    }

    public WriteResult Update(ResourceType type, string? ns, string name, string? subresource, JsonObject body, WriteOptions options)
    {
        Admission.CheckKind(type, body);
        var meta = Json.Metadata(body);
        Admission.SetNamespace(type, ns, meta);
        var bodyName = Json.Text(meta["name"]);
        if (bodyName != name)
        {
            throw NameMismatch(bodyName, name);
        }

        lock (_store.WriteLock)
        {
            var old = _store.Get(type.StorageKey, ns, name);
            if (old is null)
            {
                if (type.CreateOnUpdate && subresource is null)
                {
                    meta.Remove("resourceVersion");
                    return Create(type, ns, body, options);
                }

                throw StatusException.NotFound(type, name);
            }

            var rv = Json.Text(meta["resourceVersion"]);
            if (string.IsNullOrEmpty(rv))
            {
                if (type.RequiresResourceVersionOnUpdate)
                {
                    throw StatusException.Invalid(type, name, [new StatusCause("FieldValueInvalid", "Invalid value: 0x0: must be specified for an update", "metadata.resourceVersion")]);
                }
            }
            else if (rv != Json.Text(old["metadata"]?["resourceVersion"]))
            {
                throw StatusException.Conflict(type, name);
            }

            return Write(type, ns, name, subresource, body, old, options, apply: false);
        }
    }

    public WriteResult Patch(ResourceType type, string? ns, string name, string? subresource, string mediaType, JsonNode? patch, WriteOptions options)
    {
        if (mediaType == RequestBody.StrategicMergePatch && type.IsCustom)
        {
            throw StatusException.UnsupportedMediaType("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }

        if (mediaType == RequestBody.ApplyPatch)
        {
            return Apply(type, ns, name, subresource, patch, options);
        }

        lock (_store.WriteLock)
        {
            var old = _store.Get(type.StorageKey, ns, name) ?? throw StatusException.NotFound(type, name);
            var patched = ApplyPatch(type, _reader.ForRead(type, old), mediaType, patch);
            CheckPatched(type, name, patched, old);
            return Write(type, ns, name, subresource, patched, old, options, apply: false);
        }
    }

    /// <summary>A JSON, merge or strategic merge patch applied to a copy of <paramref name="current"/> (the form the client reads).</summary>
    public static JsonObject ApplyPatch(ResourceType type, JsonObject current, string mediaType, JsonNode? patch)
    {
        var copy = (JsonObject)current.DeepClone();
        JsonNode? result = mediaType switch
        {
            RequestBody.MergePatch => Patches.Merge(copy, patch),
            RequestBody.StrategicMergePatch => Patches.StrategicMerge(copy, patch, type),
            RequestBody.JsonPatch => Patches.ApplyJsonPatch(copy, patch),
            _ => throw StatusException.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml{(type.IsCustom ? "" : ", application/strategic-merge-patch+json")}"),
        };
        return result as JsonObject ?? throw StatusException.BadRequest("the patch did not produce an object");
    }

    /// <summary>A patched object keeps its name, and a resourceVersion it names must be the stored one.</summary>
    public static void CheckPatched(ResourceType type, string name, JsonObject patched, JsonObject old)
    {
        var meta = Json.Metadata(patched);
        if (Json.Text(meta["name"]) != name)
        {
            throw NameMismatch(Json.Text(meta["name"]), name);
        }

        var rv = Json.Text(meta["resourceVersion"]);
        if (!string.IsNullOrEmpty(rv) && rv != Json.Text(old["metadata"]?["resourceVersion"]))
        {
            throw StatusException.Conflict(type, name);
        }
    }

    /// <summary>Finishes an update or patch (the caller holds the write lock): admission, no-op detection, finalizer-driven removal, commit.</summary>
    public WriteResult Write(ResourceType type, string? ns, string name, string? subresource, JsonObject candidate, JsonObject old, WriteOptions options, bool apply)
    {
        var obj = _admission.Admit(type, candidate, old, subresource, options, apply);
        if (Unchanged(obj, old))
        {
            return WriteResult.Ok(_reader.ForRead(type, old));
        }

        var meta = Json.Metadata(obj);
        if (options.DryRun)
        {
            return WriteResult.Ok(obj);
        }

        if (meta["deletionTimestamp"] is not null && meta["finalizers"] is not JsonArray { Count: > 0 })
        {
            return WriteResult.Ok(_reader.ForRead(type, _deleter.Remove(type, ns, name, obj, "Background")));
        }

        var stored = _store.Commit(type.StorageKey, ObjectStore.Key(ns, name), obj);
        _strategies.For(type).AfterCommit(stored, old);
        return WriteResult.Ok(_reader.ForRead(type, stored));
    }

    private WriteResult Apply(ResourceType type, string? ns, string name, string? subresource, JsonNode? patch, WriteOptions options)
    {
        if (string.IsNullOrEmpty(options.FieldManager))
        {
            throw new StatusException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", null, "meta.k8s.io", "PatchOptions", [new StatusCause("FieldValueRequired", "Required value: is required for apply patch", "fieldManager")]);
        }

        lock (_store.WriteLock)
        {
            var old = _store.Get(type.StorageKey, ns, name);
            if (patch is not JsonObject applied)
            {
                throw StatusException.BadRequest("error decoding YAML: the apply configuration must be an object");
            }

            Admission.CheckKind(type, applied);
            var appliedMeta = Json.Metadata(applied);
            if (Json.Text(appliedMeta["name"]) is { } appliedName && appliedName != name)
            {
                throw NameMismatch(appliedName, name);
            }

            Admission.SetNamespace(type, ns, appliedMeta);
            appliedMeta["name"] = name;
            if (old is not null)
            {
                var merged = FieldOwnership.Apply(type, _reader.ForRead(type, old), applied, options.FieldManager, options.Force, _time.GetUtcNow());
                return Write(type, ns, name, subresource, merged, old, options, apply: true);
            }

            if (subresource is not null)
            {
                throw StatusException.NotFound(type, name);
            }

            _namespaces.RequireNamespace(type, ns);
            var created = FieldOwnership.Apply(type, null, applied, options.FieldManager, options.Force, _time.GetUtcNow());
            return CommitCreated(type, ns, name, _admission.Admit(type, created, null, null, options, apply: true), options);
        }
    }

    /// <summary>Stores a newly created, admitted object (unless dryRun) and answers 201 with it.</summary>
    private WriteResult CommitCreated(ResourceType type, string? ns, string name, JsonObject obj, WriteOptions options)
    {
        if (options.DryRun)
        {
            return WriteResult.Created(obj);
        }

        var stored = _store.Commit(type.StorageKey, ObjectStore.Key(ns, name), obj);
        _strategies.For(type).AfterCommit(stored, null);
        return WriteResult.Created(_reader.ForRead(type, stored));
    }

    private static bool Unchanged(JsonObject obj, JsonObject old)
    {
        static JsonObject Comparable(JsonObject o)
        {
            var copy = Json.Without(o, "metadata");
            if (o["metadata"] is JsonObject m)
            {
                copy["metadata"] = Json.Without(m, "managedFields", "resourceVersion");
            }

            return copy;
        }

        return Json.Same(Comparable(obj), Comparable(old));
    }

    private static StatusException NameMismatch(string? bodyName, string urlName) =>
        StatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({urlName})");
}
