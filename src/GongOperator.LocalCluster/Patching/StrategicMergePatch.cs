using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Patching;

/// <summary>
/// Strategic merge patch for built-in kinds: like a merge patch, but lists tagged in
/// <see cref="KnownFields.SmpList"/> merge by key (or as a set of scalars), and the directives
/// <c>$patch</c>, <c>$retainKeys</c>, <c>$deleteFromPrimitiveList/&lt;field&gt;</c> and
/// <c>$setElementOrder/&lt;field&gt;</c> are honoured.
/// </summary>
internal static class StrategicMergePatch
{
    private const string PatchDirective = "$patch";
    private const string RetainKeysDirective = "$retainKeys";
    private const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";
    private const string SetElementOrderPrefix = "$setElementOrder/";

    /// <summary>Applies <paramref name="patch"/> to a copy of <paramref name="target"/>; the inputs are not mutated.</summary>
    /// <exception cref="PatchException">A directive or list item is malformed (400), or content breaks <c>$retainKeys</c> (422).</exception>
    public static JsonObject Apply(JsonObject target, JsonObject patch, string apiVersion, string kind)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patch);
        var context = new Context(kind ?? string.Empty);

        // The merge keys depend on the kind and the path only; apiVersion is part of the call so that a caller never
        // has to guess, and because a CR (which the server refuses with 415 before calling) has no tags at all.
        _ = apiVersion;
        return context.MergeMap((JsonObject)target.DeepClone(), patch, string.Empty) as JsonObject
            ?? throw new PatchException("a strategic merge patch cannot delete the whole object", isMalformed: true);
    }

    private sealed class Context(string kind)
    {
        /// <summary>Merges a patch map into <paramref name="original"/> (owned by the caller, may be mutated); null means "delete the map".</summary>
        public JsonNode? MergeMap(JsonObject? original, JsonObject patch, string path)
        {
            switch (ReadDirective(patch))
            {
                case "replace":
                    return MergeMap(null, WithoutDirective(patch), path);
                case "delete":
                    return null;
                case null or "merge":
                    break;
                case var other:
                    throw new PatchException($"unknown patch type: {other} in map: {patch.ToJsonString()}", isMalformed: true);
            }

            var retainKeys = ReadRetainKeys(patch);
            var result = original ?? new JsonObject();

            foreach (var (name, value) in patch)
            {
                if (!name.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (value is not JsonArray toDelete)
                {
                    throw new PatchException("invalid patch format of primitive list", isMalformed: true);
                }

                var field = name[DeleteFromPrimitiveListPrefix.Length..];
                if (result[field] is JsonArray existing)
                {
                    var kept = existing.Where(item => !toDelete.Any(d => JsonNodes.DeepEquals(d, item))).Select(item => item?.DeepClone()).ToArray();
                    result[field] = new JsonArray(kept);
                }
            }

            foreach (var (name, value) in patch)
            {
                if (name == PatchDirective || name == RetainKeysDirective
                    || name.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal)
                    || name.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
                {
                    continue;
                }

                if (retainKeys is not null && !retainKeys.Contains(name))
                {
                    throw new PatchException(
                        $"The content of the patch does not match the retainKeys list: the patch sets {name}", isMalformed: false);
                }

                var childPath = path + "." + name;
                if (value is null)
                {
                    result.Remove(name);
                    continue;
                }

                result.TryGetPropertyValue(name, out var existing);
                JsonNode? merged = value switch
                {
                    JsonObject patchObject => MergeMap(existing is JsonObject existingObject ? (JsonObject)existingObject.DeepClone() : null, patchObject, childPath),
                    JsonArray patchArray => MergeList(existing as JsonArray, patchArray, childPath),
                    _ => value.DeepClone(),
                };

                if (merged is null && value is JsonObject)
                {
                    result.Remove(name);
                }
                else
                {
                    result[name] = merged;
                }
            }

            foreach (var (name, value) in patch)
            {
                if (name.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
                {
                    var field = name[SetElementOrderPrefix.Length..];
                    if (value is not JsonArray order)
                    {
                        throw new PatchException("invalid patch format of setElementOrder list", isMalformed: true);
                    }

                    if (result[field] is JsonArray list)
                    {
                        result[field] = Reorder(list, order, KnownFields.SmpList(path + "." + field, kind).MergeKey);
                    }
                }
            }

            if (retainKeys is not null)
            {
                foreach (var name in result.Select(p => p.Key).Where(n => !retainKeys.Contains(n)).ToList())
                {
                    result.Remove(name);
                }
            }

            return result;
        }

        private JsonArray MergeList(JsonArray? original, JsonArray patch, string path)
        {
            var strategy = KnownFields.SmpList(path, kind);

            // An item {"$patch":"replace"} makes the rest of the patch list the whole new list, whatever the strategy.
            var replace = patch.OfType<JsonObject>().Any(item => ReadDirective(item) == "replace" && item.Count == 1);
            if (!strategy.Merge || replace)
            {
                var items = patch.Where(item => !(item is JsonObject o && ReadDirective(o) == "replace" && o.Count == 1));
                return new JsonArray(CleanItems(items, path).ToArray());
            }

            var result = original is null ? [] : original.Select(item => item?.DeepClone()).ToList();
            if (strategy.MergeKey is null)
            {
                foreach (var item in patch)
                {
                    if (item is JsonObject)
                    {
                        throw new PatchException("invalid patch format of primitive list", isMalformed: true);
                    }

                    if (!result.Any(existing => JsonNodes.DeepEquals(existing, item)))
                    {
                        result.Add(item?.DeepClone());
                    }
                }

                return new JsonArray(result.ToArray());
            }

            var key = strategy.MergeKey;
            foreach (var item in patch)
            {
                if (item is not JsonObject patchItem)
                {
                    throw new PatchException($"invalid patch format: list {path} must hold objects with the merge key {key}", isMalformed: true);
                }

                if (!patchItem.TryGetPropertyValue(key, out var keyValue))
                {
                    throw new PatchException($"map: {patchItem.ToJsonString()} does not contain declared merge key: {key}", isMalformed: true);
                }

                var index = result.FindIndex(existing => existing is JsonObject o && o.TryGetPropertyValue(key, out var v) && JsonNodes.DeepEquals(v, keyValue));
                var directive = ReadDirective(patchItem);
                if (directive == "delete")
                {
                    result.RemoveAll(existing => existing is JsonObject o && o.TryGetPropertyValue(key, out var v) && JsonNodes.DeepEquals(v, keyValue));
                    continue;
                }

                if (index >= 0)
                {
                    var merged = MergeMap(result[index] as JsonObject, patchItem, path);
                    if (merged is null)
                    {
                        result.RemoveAt(index);
                    }
                    else
                    {
                        result[index] = merged;
                    }
                }
                else
                {
                    var added = MergeMap(null, patchItem, path);
                    if (added is not null)
                    {
                        result.Add(added);
                    }
                }
            }

            return new JsonArray(result.ToArray());
        }

        private IEnumerable<JsonNode?> CleanItems(IEnumerable<JsonNode?> items, string path)
        {
            foreach (var item in items)
            {
                if (item is JsonObject o)
                {
                    var cleaned = MergeMap(null, o, path);
                    if (cleaned is not null)
                    {
                        yield return cleaned;
                    }
                }
                else
                {
                    yield return item?.DeepClone();
                }
            }
        }

        /// <summary>
        /// Puts the items named in <paramref name="order"/> in that order; the slots they occupied are refilled in
        /// the requested order, so items the patch does not name keep their positions.
        /// </summary>
        private static JsonArray Reorder(JsonArray list, JsonArray order, string? mergeKey)
        {
            var items = list.Select(item => item?.DeepClone()).ToList();
            int Rank(JsonNode? item)
            {
                for (var i = 0; i < order.Count; i++)
                {
                    var wanted = order[i];
                    var matches = mergeKey is null
                        ? JsonNodes.DeepEquals(wanted, item)
                        : item is JsonObject o && wanted is JsonObject w && w.TryGetPropertyValue(mergeKey, out var wk)
                            && o.TryGetPropertyValue(mergeKey, out var ik) && JsonNodes.DeepEquals(wk, ik);
                    if (matches)
                    {
                        return i;
                    }
                }

                return -1;
            }

            var ranks = items.Select(Rank).ToList();
            var named = items.Select((item, i) => (item, rank: ranks[i])).Where(x => x.rank >= 0).OrderBy(x => x.rank).Select(x => x.item).ToList();
            var next = 0;
            var result = new List<JsonNode?>(items.Count);
            for (var i = 0; i < items.Count; i++)
            {
                result.Add(ranks[i] >= 0 ? named[next++] : items[i]);
            }

            return new JsonArray(result.ToArray());
        }

        private static string? ReadDirective(JsonObject patch)
        {
            if (!patch.TryGetPropertyValue(PatchDirective, out var value))
            {
                return null;
            }

            return value is JsonValue v && v.GetValueKind() == JsonValueKind.String
                ? v.GetValue<string>()
                : throw new PatchException("invalid patch format: $patch must be a string", isMalformed: true);
        }

        private static JsonObject WithoutDirective(JsonObject patch)
        {
            var copy = (JsonObject)patch.DeepClone();
            copy.Remove(PatchDirective);
            return copy;
        }

        private static HashSet<string>? ReadRetainKeys(JsonObject patch)
        {
            if (!patch.TryGetPropertyValue(RetainKeysDirective, out var value))
            {
                return null;
            }

            if (value is not JsonArray keys || keys.Any(k => k is not JsonValue kv || kv.GetValueKind() != JsonValueKind.String))
            {
                throw new PatchException("invalid patch format of retainKeys", isMalformed: true);
            }

            return keys.Select(k => k!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        }
    }
}
