using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Patching;

/// <summary>
/// Field management as kube-apiserver does it: server-side apply (merge, prune, conflicts, force) and the
/// attribution of ordinary writes, both recorded in <c>metadata.managedFields</c> (FieldsV1).
/// </summary>
internal static class FieldManager
{
    /// <summary>Return this one-element list from a <c>listMapKeys</c> callback for a list of type set.</summary>
    public const string SetListMarker = "$set";

    /// <summary>The annotation client-side <c>kubectl apply</c> keeps; SSA by manager "kubectl" keeps it in step.</summary>
    public const string LastAppliedAnnotation = "kubectl.kubernetes.io/last-applied-configuration";

    private const string KubectlManager = "kubectl";

    /// <summary>Paths never owned by anyone (apiVersion and kind are owned only implicitly).</summary>
    private static readonly FieldSet Stripped = new(
        new[] { "apiVersion", "kind", "metadata" }.Select(f => FieldPath.Field(FieldPath.Root, f))
            .Concat(new[] { "name", "namespace", "creationTimestamp", "selfLink", "uid", "clusterName", "generation", "managedFields", "resourceVersion" }
                .Select(f => FieldPath.Field(FieldPath.Field(FieldPath.Root, "metadata"), f))));

    /// <summary>
    /// Server-side apply of <paramref name="applied"/> by <paramref name="manager"/> onto <paramref name="live"/>
    /// (null to create). Returns the new object with <c>metadata.managedFields</c> updated; the inputs are not mutated.
    /// </summary>
    /// <remarks>
    /// <c>listMapKeys</c> is asked about a list at a path like <c>.status.conditions</c> or <c>.spec.items.ports</c>
    /// (field names, list items left out) and answers its list-map keys; an empty list for atomic;
    /// <c>[<see cref="SetListMarker"/>]</c> for a set; null to use the built-in table (containers, env, ports,
    /// volumes, ownerReferences by uid, conditions by type, finalizers as a set).
    /// <c>subresource</c> (e.g. "status") only labels the manager entry; dropping the fields a subresource may not
    /// change (and <c>status</c> from a main-resource apply of a kind with a status subresource) is the caller's job.
    /// </remarks>
    /// <exception cref="ApplyConflictException">Another manager owns a field this apply changes and <paramref name="force"/> is false.</exception>
    /// <exception cref="PatchException">The applied object carries managedFields (malformed, 400).</exception>
    public static JsonObject ServerSideApply(
        JsonObject? live,
        JsonObject applied,
        string manager,
        bool force,
        DateTimeOffset now,
        Func<string, IReadOnlyList<string>?>? listMapKeys = null,
        string? subresource = null)
    {
        ArgumentNullException.ThrowIfNull(applied);
        ArgumentException.ThrowIfNullOrEmpty(manager);
        if (applied["metadata"] is JsonObject appliedMetadata && appliedMetadata.TryGetPropertyValue("managedFields", out var appliedManaged) && appliedManaged is not null)
        {
            throw new PatchException("metadata.managedFields must be nil", isMalformed: true);
        }

        var apiVersion = ReadString(applied, "apiVersion") ?? ReadString(live, "apiVersion");
        var schema = new ObjectSchema(apiVersion, ReadString(applied, "kind") ?? ReadString(live, "kind"), listMapKeys);

        JsonObject result;
        try
        {
            result = Apply(live, applied, manager, force, now, apiVersion, schema, subresource);
        }
        catch (ApplyConflictException conflict) when (manager == KubectlManager && !force && LastApplied(live) is { } lastApplied)
        {
            // kubectl upgrading an object from client-side apply: conflicts on fields its last-applied annotation
            // declares are its own, so the apply is forced for them (as the server's last-applied manager does).
            var allowed = FieldWalker.ToFieldSet(lastApplied, schema);
            var remaining = conflict.Conflicts.Where(c => !allowed.Paths.Any(p => FieldPath.ToDisplay(p) == c.Field)).ToList();
            if (remaining.Count > 0)
            {
                throw new ApplyConflictException(remaining);
            }

            result = Apply(live, applied, manager, force: true, now, apiVersion, schema, subresource);
        }

        if (manager == KubectlManager && result["metadata"]?["annotations"] is JsonObject annotations && annotations.ContainsKey(LastAppliedAnnotation))
        {
            annotations[LastAppliedAnnotation] = BuildLastApplied(applied);
        }

        return result;
    }

    /// <summary>
    /// Attributes a non-apply write (create, update, any patch) to <paramref name="manager"/> with operation "Update":
    /// the fields it added or changed join the manager's entry (for this subresource) and leave everyone else's;
    /// removed fields leave every set. Managed fields the writer itself put on <paramref name="after"/> are kept
    /// (kubectl's managedFields migration), except on a subresource. Returns <paramref name="after"/>'s copy with
    /// <c>metadata.managedFields</c> set; the inputs are not mutated.
    /// </summary>
    public static JsonObject RecordUpdate(
        JsonObject? before, JsonObject after, string manager, DateTimeOffset now, string? subresource = null, Func<string, IReadOnlyList<string>?>? listMapKeys = null)
    {
        ArgumentNullException.ThrowIfNull(after);
        ArgumentNullException.ThrowIfNull(manager);
        var apiVersion = ReadString(after, "apiVersion") ?? ReadString(before, "apiVersion");
        var schema = new ObjectSchema(apiVersion, ReadString(after, "kind") ?? ReadString(before, "kind"), listMapKeys);

        var written = string.IsNullOrEmpty(subresource) ? ManagedFieldsEntry.Decode(after) : null;
        var entries = written is { Count: > 0 } ? written : ManagedFieldsEntry.Decode(before) ?? [];

        var beforeObject = WithoutManagedFields(before ?? new JsonObject());
        var afterObject = WithoutManagedFields(after);
        var comparison = Strip(FieldWalker.Compare(beforeObject, afterObject, schema));
        var changed = comparison.Changed();

        foreach (var entry in entries)
        {
            entry.Fields.ExceptWith(changed);
            entry.Fields.ExceptWith(comparison.Removed);
        }

        if (!changed.IsEmpty)
        {
            var own = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsEntry.UpdateOperation, subresource, apiVersion));
            if (own is null)
            {
                own = new ManagedFieldsEntry
                {
                    Manager = manager,
                    Operation = ManagedFieldsEntry.UpdateOperation,
                    ApiVersion = apiVersion,
                    Subresource = string.IsNullOrEmpty(subresource) ? null : subresource,
                    Fields = new FieldSet(),
                };
                entries.Add(own);
            }

            own.Fields.UnionWith(changed);
            own.Time = FormatTime(now);
        }

        return WithManagedFields(afterObject, entries);
    }

    /// <summary>The FieldsV1 object server-side apply would record for <paramref name="applied"/> (what the manager would own).</summary>
    public static JsonObject FieldsOf(JsonObject applied, Func<string, IReadOnlyList<string>?>? listMapKeys = null)
    {
        ArgumentNullException.ThrowIfNull(applied);
        var schema = new ObjectSchema(ReadString(applied, "apiVersion"), ReadString(applied, "kind"), listMapKeys);
        var set = FieldWalker.ToFieldSet(FieldWalker.WithoutNulls(applied), schema);
        set.ExceptWith(Stripped);
        return set.ToFieldsV1();
    }

    /// <summary>
    /// The manager a write is attributed to: the <c>fieldManager</c> query parameter, else the User-Agent up to its
    /// first "/" (<c>curl/7.88.1</c> → <c>curl</c>), cut to 128 characters. Null when neither is usable.
    /// </summary>
    public static string? ManagerOrUserAgent(string? fieldManager, string? userAgent)
    {
        if (!string.IsNullOrEmpty(fieldManager))
        {
            return fieldManager;
        }

        if (string.IsNullOrEmpty(userAgent))
        {
            return null;
        }

        var slash = userAgent.IndexOf('/', StringComparison.Ordinal);
        var prefix = slash < 0 ? userAgent : userAgent[..slash];
        return prefix.Length > 128 ? prefix[..128] : prefix;
    }

    /// <summary>RFC 3339 in whole seconds, as metav1.Time is written.</summary>
    public static string FormatTime(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    private static JsonObject Apply(
        JsonObject? live, JsonObject applied, string manager, bool force, DateTimeOffset now, string? apiVersion, ObjectSchema schema, string? subresource)
    {
        var entries = ManagedFieldsEntry.Decode(live) ?? [];
        var liveObject = WithoutManagedFields(live ?? new JsonObject());
        var config = FieldWalker.WithoutNulls(applied);
        if (config["metadata"] is JsonObject configMetadata)
        {
            configMetadata.Remove("managedFields");
        }

        var merged = (JsonObject)FieldWalker.Merge(liveObject, config, string.Empty, schema)!;

        var newSet = FieldWalker.ToFieldSet(config, schema);
        newSet.ExceptWith(Stripped);
        var own = entries.FirstOrDefault(e => e.Is(manager, ManagedFieldsEntry.ApplyOperation, subresource, apiVersion));
        var others = entries.Where(e => !ReferenceEquals(e, own)).ToList();

        if (own is not null)
        {
            Prune(merged, own.Fields, newSet, others);
        }

        var comparison = Strip(FieldWalker.Compare(liveObject, merged, schema));
        var changed = comparison.Changed();

        var conflicts = new List<(ManagedFieldsEntry Entry, string Path)>();
        foreach (var entry in others)
        {
            conflicts.AddRange(entry.Fields.Intersect(changed).Paths.Select(p => (entry, p)));
        }

        if (conflicts.Count > 0 && !force)
        {
            throw new ApplyConflictException(conflicts
                .OrderBy(c => c.Entry.Manager, StringComparer.Ordinal)
                .ThenBy(c => c.Entry.Operation, StringComparer.Ordinal)
                .ThenBy(c => c.Entry.Subresource ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(c => c.Entry.ApiVersion ?? string.Empty, StringComparer.Ordinal)
                .ThenBy(c => c.Path, Comparer<string>.Create(FieldPath.ComparePaths))
                .Select(c => new ApplyConflict(c.Entry.Describe(), FieldPath.ToDisplay(c.Path)))
                .ToList());
        }

        foreach (var entry in others)
        {
            entry.Fields.ExceptWith(changed);
            entry.Fields.ExceptWith(comparison.Removed);
        }

        var objectChanged = live is null || !JsonNodes.DeepEquals(liveObject, merged);
        if (own is null)
        {
            own = new ManagedFieldsEntry
            {
                Manager = manager,
                Operation = ManagedFieldsEntry.ApplyOperation,
                ApiVersion = apiVersion,
                Subresource = string.IsNullOrEmpty(subresource) ? null : subresource,
                Fields = newSet,
            };
            entries.Add(own);
        }
        else
        {
            own.Fields = newSet;
            own.ApiVersion = apiVersion;
        }

        // The server stamps the time only when the apply changed the object; a new manager of an unchanged object has none.
        if (objectChanged)
        {
            own.Time = FormatTime(now);
        }

        return WithManagedFields(merged, entries);
    }

    /// <summary>Drops from <paramref name="merged"/> what the manager applied before but not now, unless someone still owns it or something below it.</summary>
    private static void Prune(JsonObject merged, FieldSet previous, FieldSet current, List<ManagedFieldsEntry> others)
    {
        var keep = current.Clone();
        foreach (var entry in others)
        {
            keep.UnionWith(entry.Fields);
        }

        var candidates = previous.Paths.Where(p => !current.Contains(p))
            .OrderByDescending(p => FieldPath.Elements(p).Length)
            .ToList();
        foreach (var path in candidates)
        {
            if (!keep.ContainsOrHasDescendant(path))
            {
                FieldWalker.Remove(merged, path);
            }
        }
    }

    private static FieldComparison Strip(FieldComparison comparison)
    {
        comparison.Added.ExceptWith(Stripped);
        comparison.Modified.ExceptWith(Stripped);
        comparison.Removed.ExceptWith(Stripped);
        return comparison;
    }

    private static JsonObject? LastApplied(JsonObject? live)
    {
        if (live?["metadata"]?["annotations"]?[LastAppliedAnnotation] is not JsonValue value
            || value.GetValueKind() != JsonValueKind.String)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(value.GetValue<string>()) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The annotation value the server writes for kubectl: the applied object without the annotation, Go-encoded, keys sorted, newline-terminated.</summary>
    private static string BuildLastApplied(JsonObject applied)
    {
        var copy = (JsonObject)applied.DeepClone();
        if (copy["metadata"] is JsonObject metadata && metadata["annotations"] is JsonObject annotations)
        {
            annotations.Remove(LastAppliedAnnotation);
            if (annotations.Count == 0)
            {
                metadata.Remove("annotations");
            }
        }

        return GoJson.Serialize(copy, sortKeys: true) + "\n";
    }

    private static JsonObject WithoutManagedFields(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        if (copy["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
        }

        return copy;
    }

    private static JsonObject WithManagedFields(JsonObject obj, List<ManagedFieldsEntry> entries)
    {
        var encoded = ManagedFieldsEntry.Encode(entries);
        if (obj["metadata"] is not JsonObject metadata)
        {
            if (encoded.Count == 0)
            {
                return obj;
            }

            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }

        if (encoded.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = encoded;
        }

        return obj;
    }

    private static string? ReadString(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.GetValueKind() == JsonValueKind.String
            ? value.GetValue<string>()
            : null;
}
