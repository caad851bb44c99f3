using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Patching;

/// <summary>
/// Walks JSON objects with an <see cref="ObjectSchema"/> to do what field management needs: the field set of an
/// applied configuration, the comparison of two versions, the apply merge, and removal of owned paths.
/// Lists that cannot be keyed (an item without its keys, a duplicate key) are treated as atomic.
/// </summary>
internal static class FieldWalker
{
    /// <summary>The paths an applied configuration sets: leaves, atomic lists and maps, empty objects and lists, and list items themselves.</summary>
    public static FieldSet ToFieldSet(JsonObject applied, ObjectSchema schema)
    {
        var set = new FieldSet();
        foreach (var (name, value) in applied)
        {
            Collect(value, FieldPath.Field(FieldPath.Root, name), "." + name, schema, set, leavesOnly: true);
        }

        return set;
    }

    /// <summary>Compares two versions of an object (both without managedFields).</summary>
    public static FieldComparison Compare(JsonObject before, JsonObject after, ObjectSchema schema)
    {
        var comparison = new FieldComparison(new FieldSet(), new FieldSet(), new FieldSet());
        CompareMaps(before, after, FieldPath.Root, string.Empty, schema, comparison);
        return comparison;
    }

    /// <summary>Merges an applied configuration onto a live object: maps recursively, list-maps by key, sets by value, the rest replaced.</summary>
    public static JsonNode? Merge(JsonNode? live, JsonNode? applied, string schemaPath, ObjectSchema schema)
    {
        switch (applied)
        {
            case JsonObject appliedObject when live is JsonObject liveObject && (schemaPath.Length == 0 || !schema.IsAtomicMap(schemaPath)):
                {
                    var result = (JsonObject)liveObject.DeepClone();
                    foreach (var (name, value) in appliedObject)
                    {
                        result.TryGetPropertyValue(name, out var existing);
                        result[name] = Merge(existing, value, schemaPath + "." + name, schema);
                    }

                    return result;
                }

            case JsonArray appliedArray when live is JsonArray liveArray:
                {
                    var type = schema.ListAt(schemaPath);
                    if (type.Kind == ListKind.Atomic
                        || ItemElements(liveArray, type) is not { } liveKeys
                        || ItemElements(appliedArray, type) is not { } appliedKeys)
                    {
                        return appliedArray.DeepClone();
                    }

                    var items = liveArray.Select(item => item?.DeepClone()).ToList();
                    for (var i = 0; i < appliedArray.Count; i++)
                    {
                        var index = liveKeys.IndexOf(appliedKeys[i]);
                        if (index < 0)
                        {
                            items.Add(appliedArray[i]?.DeepClone());
                        }
                        else if (type.Kind == ListKind.Map)
                        {
                            items[index] = Merge(items[index], appliedArray[i], schemaPath, schema);
                        }
                    }

                    return new JsonArray(items.ToArray());
                }

            default:
                return applied?.DeepClone();
        }
    }

    /// <summary>Removes the node at <paramref name="path"/> from <paramref name="root"/> (mutated); a path that is not there is ignored.</summary>
    public static void Remove(JsonObject root, string path)
    {
        var elements = FieldPath.Elements(path);
        JsonNode? current = root;
        for (var i = 0; i < elements.Length; i++)
        {
            var last = i == elements.Length - 1;
            var element = elements[i];
            switch (current)
            {
                case JsonObject obj when element.StartsWith("f:", StringComparison.Ordinal):
                    {
                        var name = element[2..];
                        if (last)
                        {
                            obj.Remove(name);
                            return;
                        }

                        if (!obj.TryGetPropertyValue(name, out current))
                        {
                            return;
                        }

                        break;
                    }

                case JsonArray array:
                    {
                        var index = FindItem(array, element);
                        if (index < 0)
                        {
                            return;
                        }

                        if (last)
                        {
                            array.RemoveAt(index);
                            return;
                        }

                        current = array[index];
                        break;
                    }

                default:
                    return;
            }
        }
    }

    /// <summary>Copies <paramref name="obj"/> without members whose value is null, at any depth in objects.</summary>
    public static JsonObject WithoutNulls(JsonObject obj)
    {
        var result = new JsonObject();
        foreach (var (name, value) in obj)
        {
            if (value is null)
            {
                continue;
            }

            result[name] = value switch
            {
                JsonObject child => WithoutNulls(child),
                JsonArray array => new JsonArray(array.Select(item => item is JsonObject o ? WithoutNulls(o) : item?.DeepClone()).ToArray()),
                _ => value.DeepClone(),
            };
        }

        return result;
    }

    /// <summary>
    /// Adds the paths under <paramref name="path"/>: with <paramref name="leavesOnly"/>, those an applied configuration
    /// sets (leaves, atomic and empty maps and lists, list items); otherwise every path, the node's own included.
    /// </summary>
    private static void Collect(JsonNode? node, string path, string schemaPath, ObjectSchema schema, FieldSet set, bool leavesOnly)
    {
        if (!leavesOnly)
        {
            set.Add(path);
        }

        switch (node)
        {
            // An empty object or list is owned as a whole by an applier: it keeps "empty" distinct from "absent".
            case JsonObject obj when (obj.Count > 0 || !leavesOnly) && !schema.IsAtomicMap(schemaPath):
                foreach (var (name, value) in obj)
                {
                    Collect(value, FieldPath.Field(path, name), schemaPath + "." + name, schema, set, leavesOnly);
                }

                return;
            case JsonArray array when (array.Count > 0 || !leavesOnly) && schema.ListAt(schemaPath) is { Kind: not ListKind.Atomic } type && ItemElements(array, type) is { } elements:
                for (var i = 0; i < array.Count; i++)
                {
                    CollectItem(array[i], FieldPath.Child(path, elements[i]), schemaPath, schema, set, leavesOnly);
                }

                return;
        }

        if (leavesOnly)
        {
            set.Add(path);
        }
    }

    private static void CompareMaps(JsonObject before, JsonObject after, string path, string schemaPath, ObjectSchema schema, FieldComparison result)
    {
        foreach (var (name, oldValue) in before)
        {
            var childPath = FieldPath.Field(path, name);
            var childSchema = schemaPath + "." + name;
            if (after.TryGetPropertyValue(name, out var newValue))
            {
                CompareNodes(oldValue, newValue, childPath, childSchema, schema, result);
            }
            else
            {
                Collect(oldValue, childPath, childSchema, schema, result.Removed, leavesOnly: false);
            }
        }

        foreach (var (name, newValue) in after)
        {
            if (!before.ContainsKey(name))
            {
                Collect(newValue, FieldPath.Field(path, name), schemaPath + "." + name, schema, result.Added, leavesOnly: false);
            }
        }
    }

    private static void CompareNodes(JsonNode? before, JsonNode? after, string path, string schemaPath, ObjectSchema schema, FieldComparison result)
    {
        switch (before)
        {
            case JsonObject oldObject when after is JsonObject newObject && !schema.IsAtomicMap(schemaPath):
                CompareMaps(oldObject, newObject, path, schemaPath, schema, result);
                return;
            case JsonArray oldArray when after is JsonArray newArray:
                {
                    var type = schema.ListAt(schemaPath);
                    if (type.Kind != ListKind.Atomic
                        && ItemElements(oldArray, type) is { } oldKeys
                        && ItemElements(newArray, type) is { } newKeys)
                    {
                        CompareItems(oldArray, oldKeys, newArray, newKeys, path, schemaPath, schema, result);
                        return;
                    }

                    break;
                }
        }

        if (JsonNodes.DeepEquals(before, after))
        {
            return;
        }

        result.Modified.Add(path);
        if (Kind(before) != Kind(after))
        {
            // The node changed shape: what was below it is gone and what is below it now is new.
            var removed = new FieldSet();
            Collect(before, path, schemaPath, schema, removed, leavesOnly: false);
            var added = new FieldSet();
            Collect(after, path, schemaPath, schema, added, leavesOnly: false);
            foreach (var p in removed.Paths.Where(p => p != path))
            {
                result.Removed.Add(p);
            }

            foreach (var p in added.Paths.Where(p => p != path))
            {
                result.Added.Add(p);
            }
        }
    }

    private static void CompareItems(
        JsonArray before, List<string> beforeKeys, JsonArray after, List<string> afterKeys, string path, string schemaPath, ObjectSchema schema, FieldComparison result)
    {
        for (var i = 0; i < before.Count; i++)
        {
            var itemPath = FieldPath.Child(path, beforeKeys[i]);
            var j = afterKeys.IndexOf(beforeKeys[i]);
            if (j < 0)
            {
                CollectItem(before[i], itemPath, schemaPath, schema, result.Removed, leavesOnly: false);
            }
            else if (before[i] is JsonObject oldItem && after[j] is JsonObject newItem)
            {
                CompareMaps(oldItem, newItem, itemPath, schemaPath, schema, result);
            }
        }

        for (var j = 0; j < after.Count; j++)
        {
            if (!beforeKeys.Contains(afterKeys[j]))
            {
                CollectItem(after[j], FieldPath.Child(path, afterKeys[j]), schemaPath, schema, result.Added, leavesOnly: false);
            }
        }
    }

    private static void CollectItem(JsonNode? item, string itemPath, string schemaPath, ObjectSchema schema, FieldSet set, bool leavesOnly)
    {
        set.Add(itemPath);
        if (item is JsonObject obj)
        {
            foreach (var (name, value) in obj)
            {
                Collect(value, FieldPath.Field(itemPath, name), schemaPath + "." + name, schema, set, leavesOnly);
            }
        }
    }

    /// <summary>The path element of each item (<c>k:{…}</c> or <c>v:…</c>), or null when the list cannot be keyed.</summary>
    private static List<string>? ItemElements(JsonArray array, ListType type)
    {
        var elements = new List<string>(array.Count);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in array)
        {
            var element = type.Kind switch
            {
                ListKind.Map => KeyElement(item, type.Keys),
                ListKind.Set => item is JsonObject or JsonArray ? null : "v:" + GoJson.Serialize(item, sortKeys: true),
                _ => null,
            };
            if (element is null || !seen.Add(element))
            {
                return null;
            }

            elements.Add(element);
        }

        return elements;
    }

    private static string? KeyElement(JsonNode? item, IReadOnlyList<string> keys)
    {
        if (item is not JsonObject obj)
        {
            return null;
        }

        var key = new JsonObject();
        foreach (var name in keys.Order(StringComparer.Ordinal))
        {
            if (obj.TryGetPropertyValue(name, out var value) && value is not null)
            {
                if (value is JsonObject or JsonArray)
                {
                    return null;
                }

                key[name] = value.DeepClone();
            }
        }

        return key.Count == 0 ? null : "k:" + GoJson.Serialize(key, sortKeys: true);
    }

    private static int FindItem(JsonArray array, string element)
    {
        if (element.StartsWith("k:", StringComparison.Ordinal) && JsonNode.Parse(element[2..]) is JsonObject key)
        {
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is JsonObject item && key.All(k => item.TryGetPropertyValue(k.Key, out var v) && JsonNodes.DeepEquals(v, k.Value)))
                {
                    return i;
                }
            }
        }
        else if (element.StartsWith("v:", StringComparison.Ordinal))
        {
            var value = JsonNode.Parse(element[2..]);
            for (var i = 0; i < array.Count; i++)
            {
                if (array[i] is not JsonObject and not JsonArray && JsonNodes.DeepEquals(array[i], value))
                {
                    return i;
                }
            }
        }
        else if (element.StartsWith("i:", StringComparison.Ordinal)
            && int.TryParse(element[2..], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index)
            && index < array.Count)
        {
            return index;
        }

        return -1;
    }

    private static JsonValueKind Kind(JsonNode? node) => node switch
    {
        null => JsonValueKind.Null,
        JsonObject => JsonValueKind.Object,
        JsonArray => JsonValueKind.Array,
        _ => JsonValueKind.String,
    };
}
