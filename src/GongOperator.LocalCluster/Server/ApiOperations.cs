using System.Globalization;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Patching;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Storage;

namespace GongOperator.LocalCluster.Server;

/// <summary>
/// The verbs on stored objects (get, list, create, update, patch, delete, deletecollection), with
/// Kubernetes' metadata rules: uid, creationTimestamp, generation, resourceVersion, finalizers,
/// the status subresource, optimistic concurrency and no-op detection.
/// </summary>
internal sealed class ApiOperations
{
    private const string GenerateNameAlphabet = "bcdfghjklmnpqrstvwxz2456789";
    private readonly ObjectStore store;
    private readonly ResourceRegistry registry;
    private readonly TimeProvider time;

    public ApiOperations(ObjectStore store, ResourceRegistry registry, TimeProvider time)
    {
        this.store = store;
        this.registry = registry;
        this.time = time;
    }

    public ObjectStore Store => store;

    public ResourceRegistry Registry => registry;

    private string Now => FieldManager.FormatTime(time.GetUtcNow());

    private ResourceType CoreEvents => registry.Find("", "v1", "events")!;

    /// <summary>Precreates the standard namespaces and re-registers persisted CRDs.</summary>
    public void Bootstrap()
    {
        foreach (var crd in store.All("apiextensions.k8s.io/customresourcedefinitions"))
        {
            registry.SetCustom(Json.Text(crd.Value["metadata"]?["name"])!, CustomResourceDefinitions.ToResourceTypes(crd.Value));
        }

        var namespaces = registry.Find("", "v1", "namespaces")!;
        foreach (var name in new[] { "default", "kube-system", "kube-public", "kube-node-lease" })
        {
            lock (store.WriteLock)
            {
                if (store.Get(namespaces.StorageKey, null, name) is null)
                {
                    Create(namespaces, null, new JsonObject { ["apiVersion"] = "v1", ["kind"] = "Namespace", ["metadata"] = new JsonObject { ["name"] = name } }, new WriteOptions("kube-apiserver", "Ignore", false, false));
                }
            }
        }
    }

    /// <summary>An object as clients see it: with schema defaults applied for custom resources.</summary>
    public static JsonObject ForRead(ResourceType type, JsonObject stored)
    {
        if (EventViews.IsView(type))
        {
            return EventViews.ToView(stored);
        }

        if (!type.IsCustom || !CustomResourceSchemas.HasDefaults(type))
        {
            return stored;
        }

        var copy = (JsonObject)stored.DeepClone();
        CustomResourceSchemas.ApplyDefaults(type, copy);
        return copy;
    }

    public JsonObject Get(ResourceType type, string? ns, string name)
    {
        var obj = store.Get(type.StorageKey, ns, name) ?? throw StatusException.NotFound(type, name);
        return ForRead(type, obj);
    }

    public (long ResourceVersion, List<JsonObject> Items, string? Continue, long? Remaining) List(ResourceType type, string? ns, ListQuery query)
    {
        long? at = null;
        string? startAfter = null;
        if (!string.IsNullOrEmpty(query.Continue))
        {
            (var rv, startAfter) = ContinueToken.Decode(query.Continue);
            at = rv;
        }
        else if (!string.IsNullOrEmpty(query.ResourceVersionMatch))
        {
            if (string.IsNullOrEmpty(query.ResourceVersion))
            {
                throw ListOptionsInvalid("resourceVersionMatch", "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided", "FieldValueForbidden");
            }

            var rv = ParseResourceVersion(query.ResourceVersion);
            if (query.ResourceVersionMatch == "Exact")
            {
                at = rv;
            }
            else if (query.ResourceVersionMatch != "NotOlderThan")
            {
                throw ListOptionsInvalid("resourceVersionMatch", $"Unsupported value: \"{query.ResourceVersionMatch}\": supported values: \"Exact\", \"NotOlderThan\", \"\"", "FieldValueNotSupported");
            }
        }
        else if (!string.IsNullOrEmpty(query.ResourceVersion))
        {
            ParseResourceVersion(query.ResourceVersion);
        }

        var snapshot = store.List(type.StorageKey, ns, at);
        if (snapshot is null)
        {
            if (query.Continue is not null)
            {
                throw StatusException.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }

            throw StatusException.Gone($"too old resource version: {at} ({store.CompactedResourceVersion})");
        }

        var items = new List<JsonObject>();
        string? next = null;
        long? remaining = null;
        var limit = query.Limit is > 0 ? query.Limit.Value : int.MaxValue;
        var exactName = query.Fields.ExactName;
        var matched = 0;
        string? lastKey = null;
        foreach (var (key, obj) in snapshot.Items)
        {
            if (startAfter is not null && string.CompareOrdinal(key, startAfter) <= 0)
            {
                continue;
            }

            if (exactName is not null && !key.EndsWith("/" + exactName, StringComparison.Ordinal))
            {
                continue;
            }

            var view = ForRead(type, obj);
            if (!query.Labels.Matches(view) || !query.Fields.Matches(view))
            {
                continue;
            }

            if (matched >= limit)
            {
                remaining = (remaining ?? 0) + 1;
                continue;
            }

            items.Add(view);
            lastKey = key;
            matched++;
        }

        if (remaining is not null && lastKey is not null)
        {
            next = ContinueToken.Encode(snapshot.ResourceVersion, lastKey);
        }

        return (snapshot.ResourceVersion, items, next, remaining);
    }

    public (int Code, JsonObject Body) Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        if (EventViews.IsView(type))
        {
            CheckKind(type, body);
            var (code, created) = Create(CoreEvents, ns, EventViews.ToCore(body), options);
            return (code, EventViews.ToView(created));
        }

        CheckKind(type, body);
        var meta = Json.Metadata(body);
        SetNamespace(type, ns, meta);
        var name = Json.Text(meta["name"]);
        var generateName = Json.Text(meta["generateName"]);
        if (string.IsNullOrEmpty(name) && string.IsNullOrEmpty(generateName))
        {
            throw StatusException.Invalid(type, "", [new StatusCause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name")]);
        }

        lock (store.WriteLock)
        {
            RequireNamespace(type, ns);
            if (string.IsNullOrEmpty(name))
            {
                for (var attempt = 0; attempt < 8 && string.IsNullOrEmpty(name); attempt++)
                {
                    var candidate = GenerateName(generateName!);
                    if (store.Get(type.StorageKey, ns, candidate) is null)
                    {
                        name = candidate;
                    }
                }

                if (string.IsNullOrEmpty(name))
                {
                    throw StatusException.AlreadyExists(type, generateName!);
                }

                meta["name"] = name;
            }

            var nameCauses = ObjectRules.ValidateName(type, name).ToList();
            if (nameCauses.Count > 0)
            {
                throw StatusException.Invalid(type, name, nameCauses);
            }

            if (store.Get(type.StorageKey, ns, name) is not null)
            {
                throw StatusException.AlreadyExists(type, name);
            }

            return CommitCreated(type, ns, name, Admit(type, body, null, null, options, apply: false), options);
        }
    }

    public (int Code, JsonObject Body) Update(ResourceType type, string? ns, string name, string? subresource, JsonObject body, WriteOptions options)
    {
        if (EventViews.IsView(type))
        {
            CheckKind(type, body);
            var (code, updated) = Update(CoreEvents, ns, name, subresource, EventViews.ToCore(body), options);
            return (code, EventViews.ToView(updated));
        }

        CheckKind(type, body);
        var meta = Json.Metadata(body);
        SetNamespace(type, ns, meta);
        var bodyName = Json.Text(meta["name"]);
        if (bodyName != name)
        {
            throw StatusException.BadRequest($"the name of the object ({bodyName}) does not match the name on the URL ({name})");
        }

        lock (store.WriteLock)
        {
            var old = store.Get(type.StorageKey, ns, name);
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

    public (int Code, JsonObject Body) Patch(ResourceType type, string? ns, string name, string? subresource, string mediaType, JsonNode? patch, WriteOptions options)
    {
        if (mediaType == RequestBody.StrategicMergePatch && type.IsCustom)
        {
            throw StatusException.UnsupportedMediaType("the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml");
        }

        var isApply = mediaType == RequestBody.ApplyPatch;
        if (isApply && EventViews.IsView(type) && patch is JsonObject appliedView)
        {
            var (applyCode, applyBody) = Patch(CoreEvents, ns, name, subresource, mediaType, EventViews.ToCore(appliedView), options);
            return (applyCode, EventViews.ToView(applyBody));
        }

        if (isApply && string.IsNullOrEmpty(options.FieldManager))
        {
            throw new StatusException(422, "Invalid", "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch", null, "meta.k8s.io", "PatchOptions", [new StatusCause("FieldValueRequired", "Required value: is required for apply patch", "fieldManager")]);
        }

        lock (store.WriteLock)
        {
            var old = store.Get(type.StorageKey, ns, name);
            if (isApply)
            {
                if (patch is not JsonObject applied)
                {
                    throw StatusException.BadRequest("error decoding YAML: the apply configuration must be an object");
                }

                CheckKind(type, applied);
                var appliedMeta = Json.Metadata(applied);
                if (Json.Text(appliedMeta["name"]) is { } appliedName && appliedName != name)
                {
                    throw StatusException.BadRequest($"the name of the object ({appliedName}) does not match the name on the URL ({name})");
                }

                SetNamespace(type, ns, appliedMeta);
                appliedMeta["name"] = name;
                if (old is null)
                {
                    if (subresource is not null)
                    {
                        throw StatusException.NotFound(type, name);
                    }

                    RequireNamespace(type, ns);
                    var nameCauses = ObjectRules.ValidateName(type, name).ToList();
                    if (nameCauses.Count > 0)
                    {
                        throw StatusException.Invalid(type, name, nameCauses);
                    }

                    var created = FieldOwnership.Apply(type, null, applied, options.FieldManager, options.Force, time.GetUtcNow());
                    return CommitCreated(type, ns, name, Admit(type, created, null, null, options, apply: true), options);
                }

                var merged = FieldOwnership.Apply(type, ForRead(type, old), applied, options.FieldManager, options.Force, time.GetUtcNow());
                return Write(type, ns, name, subresource, merged, old, options, apply: true);
            }

            if (old is null)
            {
                throw StatusException.NotFound(type, name);
            }

            var current = (JsonObject)ForRead(type, old).DeepClone();
            JsonNode? result = mediaType switch
            {
                RequestBody.MergePatch => Patches.Merge(current, patch),
                RequestBody.StrategicMergePatch => Patches.StrategicMerge(current, patch, type),
                RequestBody.JsonPatch => Patches.ApplyJsonPatch(current, patch),
                _ => throw StatusException.UnsupportedMediaType($"the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml{(type.IsCustom ? "" : ", application/strategic-merge-patch+json")}"),
            };
            if (result is not JsonObject patched)
            {
                throw StatusException.BadRequest("the patch did not produce an object");
            }

            if (EventViews.IsView(type))
            {
                var (viewCode, viewBody) = Write(CoreEvents, ns, name, subresource, EventViews.ToCore(patched), old, options, apply: false);
                return (viewCode, EventViews.ToView(viewBody));
            }

            var meta = Json.Metadata(patched);
            if (Json.Text(meta["name"]) != name)
            {
                throw StatusException.BadRequest($"the name of the object ({Json.Text(meta["name"])}) does not match the name on the URL ({name})");
            }

            var rv = Json.Text(meta["resourceVersion"]);
            if (!string.IsNullOrEmpty(rv) && rv != Json.Text(old["metadata"]?["resourceVersion"]))
            {
                throw StatusException.Conflict(type, name);
            }

            return Write(type, ns, name, subresource, patched, old, options, apply: false);
        }
    }

    /// <summary>The autoscaling/v1 Scale view of an object with spec.replicas (the /scale subresource).</summary>
    public static JsonObject ToScale(ResourceType type, JsonObject obj)
    {
        var meta = obj["metadata"] as JsonObject ?? [];
        var scaleMeta = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (meta[field] is { } value)
            {
                scaleMeta[field] = value.DeepClone();
            }
        }

        var selector = type.IsCustom
            ? (type.LabelSelectorPath is { } selectorPath ? Json.Text(At(obj, selectorPath)) ?? "" : "")
            : string.Join(",", (obj["spec"]?["selector"]?["matchLabels"] as JsonObject ?? []).Select(kv => kv.Key + "=" + Json.Text(kv.Value)));
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = Json.Number(At(obj, type.SpecReplicasPath)) ?? (type.IsCustom ? 0 : 1) },
            ["status"] = new JsonObject { ["replicas"] = Json.Number(At(obj, type.StatusReplicasPath)) ?? 0, ["selector"] = selector },
        };
    }

    private static JsonNode? At(JsonObject obj, string dottedPath)
    {
        JsonNode? node = obj;
        foreach (var segment in dottedPath.Split('.'))
        {
            node = node is JsonObject o ? o[segment] : null;
        }

        return node;
    }

    private static void SetAt(JsonObject obj, string dottedPath, long value)
    {
        var segments = dottedPath.Split('.');
        var current = obj;
        foreach (var segment in segments[..^1])
        {
            if (current[segment] is not JsonObject next)
            {
                next = [];
                current[segment] = next;
            }

            current = next;
        }

        current[segments[^1]] = value;
    }

    /// <summary>Changes spec.replicas through the Scale view; <paramref name="change"/> maps the current Scale to the wanted one.</summary>
    public (int Code, JsonObject Body) WriteScale(ResourceType type, string? ns, string name, Func<JsonObject, JsonObject> change, WriteOptions options)
    {
        lock (store.WriteLock)
        {
            var old = store.Get(type.StorageKey, ns, name) ?? throw StatusException.NotFound(type, name);
            var wanted = change(ToScale(type, ForRead(type, old)));
            var rv = Json.Text(wanted["metadata"]?["resourceVersion"]);
            if (!string.IsNullOrEmpty(rv) && rv != Json.Text(old["metadata"]?["resourceVersion"]))
            {
                throw StatusException.Conflict(type, name);
            }

            var replicas = Json.Number(wanted["spec"]?["replicas"]);
            if (replicas is null or < 0)
            {
                throw StatusException.Invalid("Scale.autoscaling", "autoscaling", "Scale", name, [new StatusCause("FieldValueInvalid", $"Invalid value: {wanted["spec"]?["replicas"]?.ToJsonString() ?? "null"}: must be greater than or equal to 0", "spec.replicas")]);
            }

            var candidate = (JsonObject)ForRead(type, old).DeepClone();
            SetAt(candidate, type.SpecReplicasPath, replicas.Value);
            var (code, body) = Write(type, ns, name, null, candidate, old, options, apply: false);
            return (code, ToScale(type, body));
        }
    }

    public (int Code, JsonObject Body) Delete(ResourceType type, string? ns, string name, JsonObject? deleteOptions, bool dryRun)
    {
        lock (store.WriteLock)
        {
            var old = store.Get(type.StorageKey, ns, name) ?? throw StatusException.NotFound(type, name);
            if (deleteOptions?["preconditions"] is JsonObject pre)
            {
                var uid = Json.Text(old["metadata"]?["uid"]);
                if (Json.Text(pre["uid"]) is { } wantUid && wantUid != uid)
                {
                    throw new StatusException(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": Precondition failed: UID in precondition: {wantUid}, UID in object meta: {uid}", name, type.Group, type.Plural);
                }

                var rv = Json.Text(old["metadata"]?["resourceVersion"]);
                if (Json.Text(pre["resourceVersion"]) is { } wantRv && wantRv != rv)
                {
                    throw new StatusException(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedPlural} \"{name}\": Precondition failed: ResourceVersion in precondition: {wantRv}, ResourceVersion in object meta: {rv}", name, type.Group, type.Plural);
                }
            }

            var propagation = Json.Text(deleteOptions?["propagationPolicy"]) ?? (Json.Bool(deleteOptions?["orphanDependents"]) ? "Orphan" : "Background");
            return DeleteLocked(type, ns, name, old, dryRun, propagation);
        }
    }

    public JsonObject DeleteCollection(ResourceType type, string? ns, ListQuery query, bool dryRun)
    {
        lock (store.WriteLock)
        {
            var (rv, items, _, _) = List(type, ns, query with { Limit = null, Continue = null, ResourceVersion = null, ResourceVersionMatch = null });
            var deleted = new JsonArray();
            foreach (var item in items)
            {
                var itemNs = Json.Text(item["metadata"]?["namespace"]);
                var itemName = Json.Text(item["metadata"]?["name"])!;
                var old = store.Get(type.StorageKey, itemNs, itemName);
                if (old is null)
                {
                    continue;
                }

                var (_, body) = DeleteLocked(type, itemNs, itemName, old, dryRun);
                deleted.Add(Json.Text(body["kind"]) == "Status" ? old.DeepClone() : body.DeepClone());
            }

            return new JsonObject
            {
                ["kind"] = type.ListKind,
                ["apiVersion"] = type.GroupVersion,
                ["metadata"] = new JsonObject { ["resourceVersion"] = store.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture) },
                ["items"] = deleted,
            };
        }
    }

    private (int Code, JsonObject Body) DeleteLocked(ResourceType type, string? ns, string name, JsonObject old, bool dryRun, string propagation = "Background")
    {
        var oldMeta = (JsonObject)old["metadata"]!;
        if (oldMeta["finalizers"] is JsonArray { Count: > 0 })
        {
            if (oldMeta["deletionTimestamp"] is not null || dryRun)
            {
                return (200, ForRead(type, old));
            }

            var marked = (JsonObject)old.DeepClone();
            var meta = Json.Metadata(marked);
            meta["deletionTimestamp"] = Now;
            meta["deletionGracePeriodSeconds"] = 0;
            if (type.HasGeneration)
            {
                meta["generation"] = (Json.Number(meta["generation"]) ?? 1) + 1;
            }

            var stored = store.Commit(type.StorageKey, ObjectStore.Key(ns, name), marked);
            return (200, ForRead(type, stored));
        }

        if (!dryRun)
        {
            if (type.Group.Length == 0 && type.Plural == "namespaces")
            {
                DeleteNamespaceContents(name);
            }

            store.Commit(type.StorageKey, ObjectStore.Key(ns, name), null);
            AfterCommit(type, old, deleted: true);
            CollectDependents(Json.Text(oldMeta["uid"]), type.Namespaced ? ns : null, propagation);
        }

        var details = new JsonObject { ["name"] = name };
        if (type.Group.Length > 0)
        {
            details["group"] = type.Group;
        }

        details["kind"] = type.Plural;
        details["uid"] = Json.Text(oldMeta["uid"]);
        return (200, new JsonObject { ["kind"] = "Status", ["apiVersion"] = "v1", ["metadata"] = new JsonObject(), ["status"] = "Success", ["details"] = details });
    }

    /// <summary>
    /// A minimal garbage collector: once an owner is gone, dependents whose only owner it was are
    /// deleted (marked for deletion when they have finalizers), recursively; with Orphan, or when
    /// other owners remain, only the ownerReference is removed.
    /// </summary>
    private void CollectDependents(string? ownerUid, string? ownerNamespace, string propagation)
    {
        if (ownerUid is null || !store.HasOwnerReferences)
        {
            return;
        }

        foreach (var storageKey in store.StorageKeys())
        {
            foreach (var (key, obj) in store.All(storageKey))
            {
                if (obj["metadata"] is not JsonObject meta || meta["ownerReferences"] is not JsonArray refs || !refs.Any(r => Json.Text(r?["uid"]) == ownerUid))
                {
                    continue;
                }

                if (ownerNamespace is not null && !key.StartsWith(ownerNamespace + "/", StringComparison.Ordinal))
                {
                    continue;
                }

                var remaining = refs.Where(r => Json.Text(r?["uid"]) != ownerUid).Select(r => r!.DeepClone()).ToList();
                if (propagation == "Orphan" || remaining.Count > 0)
                {
                    var kept = (JsonObject)obj.DeepClone();
                    var keptMeta = Json.Metadata(kept);
                    if (remaining.Count > 0)
                    {
                        keptMeta["ownerReferences"] = new JsonArray([.. remaining]);
                    }
                    else
                    {
                        keptMeta.Remove("ownerReferences");
                    }

                    store.Commit(storageKey, key, kept);
                }
                else if (meta["finalizers"] is JsonArray { Count: > 0 })
                {
                    if (meta["deletionTimestamp"] is null)
                    {
                        var marked = (JsonObject)obj.DeepClone();
                        Json.Metadata(marked)["deletionTimestamp"] = Now;
                        Json.Metadata(marked)["deletionGracePeriodSeconds"] = 0;
                        store.Commit(storageKey, key, marked);
                    }
                }
                else
                {
                    store.Commit(storageKey, key, null);
                    var dependentNs = key[..key.IndexOf('/', StringComparison.Ordinal)];
                    CollectDependents(Json.Text(meta["uid"]), dependentNs.Length == 0 ? null : dependentNs, "Background");
                }
            }
        }
    }

    /// <summary>Namespace deletion removes every object in it at once (there is no namespace controller to wait for).</summary>
    private void DeleteNamespaceContents(string ns)
    {
        var prefix = ns + "/";
        foreach (var storageKey in store.StorageKeys())
        {
            foreach (var (key, _) in store.All(storageKey))
            {
                if (key.StartsWith(prefix, StringComparison.Ordinal))
                {
                    store.Commit(storageKey, key, null);
                }
            }
        }
    }

    /// <summary>Stores a newly created, admitted object (unless dryRun) and answers 201 with it.</summary>
    private (int Code, JsonObject Body) CommitCreated(ResourceType type, string? ns, string name, JsonObject obj, WriteOptions options)
    {
        if (options.DryRun)
        {
            return (201, obj);
        }

        var stored = store.Commit(type.StorageKey, ObjectStore.Key(ns, name), obj);
        AfterCommit(type, stored, deleted: false);
        return (201, ForRead(type, stored));
    }

    private void AfterCommit(ResourceType type, JsonObject stored, bool deleted)
    {
        if (type.Group != "apiextensions.k8s.io" || type.Plural != "customresourcedefinitions")
        {
            return;
        }

        var crdName = Json.Text(stored["metadata"]?["name"])!;
        if (deleted)
        {
            foreach (var t in registry.All.Where(t => t.IsCustom && t.QualifiedPlural == crdName).ToList())
            {
                foreach (var (key, _) in store.All(t.StorageKey))
                {
                    store.Commit(t.StorageKey, key, null);
                }
            }

            registry.RemoveCustom(crdName);
        }
        else if (stored["metadata"]?["deletionTimestamp"] is null)
        {
            registry.SetCustom(crdName, CustomResourceDefinitions.ToResourceTypes(stored));
        }
    }

    /// <summary>Finishes an update/patch: admission, no-op detection, finalizer-driven deletion, commit.</summary>
    private (int Code, JsonObject Body) Write(ResourceType type, string? ns, string name, string? subresource, JsonObject candidate, JsonObject old, WriteOptions options, bool apply)
    {
        var obj = Admit(type, candidate, old, subresource, options, apply);
        if (Unchanged(obj, old))
        {
            return (200, ForRead(type, old));
        }

        var meta = Json.Metadata(obj);
        if (meta["deletionTimestamp"] is not null && meta["finalizers"] is not JsonArray { Count: > 0 })
        {
            if (options.DryRun)
            {
                return (200, obj);
            }

            var final = store.Commit(type.StorageKey, ObjectStore.Key(ns, name), null, obj);
            AfterCommit(type, final, deleted: true);
            CollectDependents(Json.Text(meta["uid"]), type.Namespaced ? ns : null, "Background");
            return (200, ForRead(type, final));
        }

        if (options.DryRun)
        {
            return (200, obj);
        }

        var stored = store.Commit(type.StorageKey, ObjectStore.Key(ns, name), obj);
        AfterCommit(type, stored, deleted: false);
        return (200, ForRead(type, stored));
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

    /// <summary>Everything a write goes through before commit: server-set metadata, status separation, schema, kind rules, generation, managedFields.</summary>
    private JsonObject Admit(ResourceType type, JsonObject candidate, JsonObject? old, string? subresource, WriteOptions options, bool apply)
    {
        var now = Now;
        JsonObject obj;
        if (old is not null && subresource == "status")
        {
            obj = (JsonObject)old.DeepClone();
            if (candidate["status"] is { } status)
            {
                obj["status"] = status.DeepClone();
            }
            else
            {
                obj.Remove("status");
            }

            if (apply || candidate["metadata"]?["managedFields"] is not null)
            {
                Json.Metadata(obj)["managedFields"] = candidate["metadata"]?["managedFields"]?.DeepClone();
            }
        }
        else
        {
            obj = candidate;
        }

        obj["apiVersion"] = type.GroupVersion;
        obj["kind"] = type.Kind;
        var meta = Json.Metadata(obj);
        meta.Remove("selfLink");
        if (old is null)
        {
            meta["uid"] = Guid.NewGuid().ToString();
            meta["creationTimestamp"] = now;
            meta.Remove("deletionTimestamp");
            meta.Remove("deletionGracePeriodSeconds");
            meta.Remove("resourceVersion");
            meta.Remove("generation");
            if (type.HasStatus)
            {
                obj.Remove("status");
            }
        }
        else
        {
            var oldMeta = (JsonObject)old["metadata"]!;
            foreach (var field in new[] { "uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation", "name", "namespace" })
            {
                if (oldMeta[field] is { } value)
                {
                    meta[field] = value.DeepClone();
                }
                else
                {
                    meta.Remove(field);
                }
            }

            if (type.HasStatus && subresource != "status")
            {
                if (old["status"] is { } oldStatus)
                {
                    obj["status"] = oldStatus.DeepClone();
                }
                else
                {
                    obj.Remove("status");
                }
            }
        }

        var name = Json.Text(meta["name"]) ?? "";
        var causes = new List<StatusCause>();
        causes.AddRange(ObjectRules.ValidateMetadata(meta));
        var unknownFields = PruneUnknownTopLevel(type, obj, meta);
        if (type.IsCustom)
        {
            unknownFields.AddRange(CustomResourceSchemas.Prune(type, obj));
        }

        ReportUnknownFields(type, unknownFields, options);
        if (type.IsCustom)
        {
            CustomResourceSchemas.ApplyDefaults(type, obj);
            causes.AddRange(CustomResourceSchemas.Validate(type, obj));
        }

        causes.AddRange(ObjectRules.Normalize(type, obj, old, now));
        if (old?["metadata"]?["deletionTimestamp"] is not null)
        {
            var before = (old["metadata"]?["finalizers"] as JsonArray ?? []).Select(Json.Text).ToHashSet(StringComparer.Ordinal);
            var added = (meta["finalizers"] as JsonArray ?? []).Select(Json.Text).Where(f => f is not null && !before.Contains(f)).ToList();
            if (added.Count > 0)
            {
                causes.Add(new StatusCause("FieldValueForbidden", $"Forbidden: no new finalizers can be added if the object is being deleted, found new finalizers []string{{{string.Join(", ", added.Select(a => "\"" + a + "\""))}}}", "metadata.finalizers"));
            }
        }

        if (causes.Count > 0)
        {
            throw StatusException.Invalid(type, name, causes);
        }

        if (type.HasGeneration)
        {
            if (old is null)
            {
                meta["generation"] = 1;
            }
            else
            {
                var excluded = type.HasStatus ? new[] { "metadata", "status" } : ["metadata"];
                var changed = !Json.Same(Json.Without(obj, excluded), Json.Without(old, excluded));
                meta["generation"] = (Json.Number(old["metadata"]?["generation"]) ?? 1) + (changed ? 1 : 0);
            }

            if (type.Group == "apps" && type.Plural == "deployments" && obj["status"] is JsonObject deploymentStatus)
            {
                deploymentStatus["observedGeneration"] = meta["generation"]!.DeepClone();
            }
        }

        if (!apply)
        {
            obj = FieldOwnership.RecordUpdate(type, obj, old, options.FieldManager, time.GetUtcNow(), subresource);
        }

        return obj;
    }

    /// <summary>Drops (and returns the paths of) unknown ObjectMeta fields and unknown top-level fields of built-ins.</summary>
    private static List<string> PruneUnknownTopLevel(ResourceType type, JsonObject obj, JsonObject meta)
    {
        var unknown = new List<string>();
        foreach (var key in meta.Select(kv => kv.Key).ToList())
        {
            if (!KnownTopLevelFields.ObjectMeta.Contains(key))
            {
                meta.Remove(key);
                unknown.Add("metadata." + key);
            }
        }

        if (KnownTopLevelFields.For(type) is { } known)
        {
            foreach (var key in obj.Select(kv => kv.Key).ToList())
            {
                if (!known.Contains(key))
                {
                    obj.Remove(key);
                    unknown.Add(key);
                }
            }
        }

        return unknown;
    }

    private static void ReportUnknownFields(ResourceType type, List<string> unknown, WriteOptions options)
    {
        if (unknown.Count == 0)
        {
            return;
        }

        unknown.Sort(StringComparer.Ordinal);
        if (options.FieldValidation == "Strict")
        {
            var fields = string.Join(", ", unknown.Select(u => $"unknown field \"{u}\""));
            throw StatusException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: strict decoding error: {fields}");
        }

        if (options.FieldValidation == "Warn")
        {
            options.Warnings.AddRange(unknown.Select(u => $"unknown field \"{u}\""));
        }
    }

    private static void CheckKind(ResourceType type, JsonObject body)
    {
        foreach (var field in new[] { "apiVersion", "kind" })
        {
            if (body[field] is { } value && Json.Text(value) is null)
            {
                throw StatusException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: json: cannot unmarshal {value.GetValueKind().ToString().ToLowerInvariant()} into Go struct field {type.Kind}.{field} of type string");
            }
        }

        var apiVersion = Json.Text(body["apiVersion"]);
        var kind = Json.Text(body["kind"]);
        if (string.IsNullOrEmpty(kind) && !type.IsCustom)
        {
            // Typed endpoints decode into the URL's kind when the body names none, as the real server does.
            kind = type.Kind;
            apiVersion ??= type.GroupVersion;
        }

        if (string.IsNullOrEmpty(kind))
        {
            throw StatusException.BadRequest($"Object 'Kind' is missing in '{Truncate(body.ToJsonString())}'");
        }

        if (kind != type.Kind || (apiVersion is not null && apiVersion != type.GroupVersion))
        {
            throw StatusException.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        }

        if (body["metadata"] is { } m && m is not JsonObject)
        {
            throw StatusException.BadRequest($"{type.Kind} in version \"{type.Version}\" cannot be handled as a {type.Kind}: json: cannot unmarshal {m.GetValueKind().ToString().ToLowerInvariant()} into Go struct field {type.Kind}.metadata of type v1.ObjectMeta");
        }
    }

    private static string Truncate(string s) => s.Length > 100 ? s[..100] : s;

    private static void SetNamespace(ResourceType type, string? ns, JsonObject meta)
    {
        if (!type.Namespaced)
        {
            meta.Remove("namespace");
            return;
        }

        var bodyNs = Json.Text(meta["namespace"]);
        if (!string.IsNullOrEmpty(bodyNs) && bodyNs != ns)
        {
            throw StatusException.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        meta["namespace"] = ns;
    }

    private void RequireNamespace(ResourceType type, string? ns)
    {
        if (type.Namespaced && store.Get("/namespaces", null, ns!) is null)
        {
            throw StatusException.NamespaceNotFound(ns!);
        }
    }

    private static string GenerateName(string prefix)
    {
        if (prefix.Length > 58)
        {
            prefix = prefix[..58];
        }

        Span<char> suffix = stackalloc char[5];
        for (var i = 0; i < suffix.Length; i++)
        {
            suffix[i] = GenerateNameAlphabet[Random.Shared.Next(GenerateNameAlphabet.Length)];
        }

        return prefix + new string(suffix);
    }

    private static long ParseResourceVersion(string text)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
        {
            throw ListOptionsInvalid("resourceVersion", $"Invalid value: \"{text}\": must be a non-negative integer", "FieldValueInvalid");
        }

        return rv;
    }

    private static StatusException ListOptionsInvalid(string field, string message, string reason) =>
        StatusException.Invalid("ListOptions.meta.k8s.io", "meta.k8s.io", "ListOptions", "", [new StatusCause(reason, message, field)]);
}
