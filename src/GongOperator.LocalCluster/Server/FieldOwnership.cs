using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Server;

/// <summary>Seam to managedFields bookkeeping: records which manager wrote which fields, and server-side apply.</summary>
internal static class FieldOwnership
{
    /// <summary>Attributes a non-apply write to <paramref name="manager"/> in <c>metadata.managedFields</c>.</summary>
    public static void RecordUpdate(JsonObject obj, JsonObject? old, string manager, string apiVersion, string time, string? subresource)
    {
        var changed = FieldSet(obj, old, subresource);
        if (changed.Count == 0)
        {
            if (old?["metadata"]?["managedFields"] is JsonArray kept)
            {
                Json.Metadata(obj)["managedFields"] = kept.DeepClone();
            }

            return;
        }

        var entries = old?["metadata"]?["managedFields"] is JsonArray previous ? (JsonArray)previous.DeepClone() : [];
        JsonObject? mine = null;
        foreach (var entry in entries)
        {
            if (entry is JsonObject e && Json.Text(e["manager"]) == manager && Json.Text(e["operation"]) == "Update" && (Json.Text(e["subresource"]) ?? "") == (subresource ?? ""))
            {
                mine = e;
            }
        }

        if (mine is null)
        {
            mine = new JsonObject { ["apiVersion"] = apiVersion, ["fieldsType"] = "FieldsV1", ["fieldsV1"] = new JsonObject(), ["manager"] = manager, ["operation"] = "Update" };
            if (!string.IsNullOrEmpty(subresource))
            {
                mine["subresource"] = subresource;
            }

            entries.Add(mine);
        }

        var fields = mine["fieldsV1"] as JsonObject ?? [];
        Union(fields, changed);
        mine["fieldsV1"] = fields;
        mine["time"] = time;
        mine["apiVersion"] = apiVersion;
        Json.Metadata(obj)["managedFields"] = entries;
    }

    /// <summary>Server-side apply: merges the applied configuration into the live object (or creates it).</summary>
    public static JsonObject Apply(JsonObject? live, JsonObject applied, string manager, string apiVersion, string time)
    {
        var result = live is null ? new JsonObject() : (JsonObject)live.DeepClone();
        MergeInto(result, applied);
        var fields = FieldSet(applied, null, null);
        var entries = live?["metadata"]?["managedFields"] is JsonArray previous ? (JsonArray)previous.DeepClone() : [];
        for (var i = entries.Count - 1; i >= 0; i--)
        {
            if (entries[i] is JsonObject e && Json.Text(e["manager"]) == manager && Json.Text(e["operation"]) == "Apply")
            {
                entries.RemoveAt(i);
            }
        }

        entries.Insert(0, new JsonObject { ["apiVersion"] = apiVersion, ["fieldsType"] = "FieldsV1", ["fieldsV1"] = fields, ["manager"] = manager, ["operation"] = "Apply", ["time"] = time });
        Json.Metadata(result)["managedFields"] = entries;
        return result;
    }

    private static void MergeInto(JsonObject target, JsonObject source)
    {
        foreach (var (key, value) in source)
        {
            if (value is JsonObject child && target[key] is JsonObject existing)
            {
                MergeInto(existing, child);
            }
            else
            {
                target[key] = value?.DeepClone();
            }
        }
    }

    /// <summary>The FieldsV1 set of fields in <paramref name="obj"/> that differ from <paramref name="old"/>.</summary>
    private static JsonObject FieldSet(JsonObject obj, JsonObject? old, string? subresource)
    {
        var set = new JsonObject();
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind")
            {
                continue;
            }

            if (subresource == "status" && key != "status")
            {
                continue;
            }

            if (key == "metadata")
            {
                if (value is JsonObject meta)
                {
                    var metaSet = new JsonObject();
                    foreach (var part in new[] { "labels", "annotations", "finalizers", "ownerReferences" })
                    {
                        if (meta[part] is { } node && !Json.Same(node, old?["metadata"]?[part]))
                        {
                            metaSet["f:" + part] = Fields(node, old?["metadata"]?[part]);
                        }
                    }

                    if (metaSet.Count > 0)
                    {
                        set["f:metadata"] = metaSet;
                    }
                }

                continue;
            }

            if (!Json.Same(value, old?[key]))
            {
                set["f:" + key] = Fields(value, old?[key]);
            }
        }

        return set;
    }

    private static JsonObject Fields(JsonNode? node, JsonNode? old)
    {
        var result = new JsonObject();
        if (node is JsonObject o && o.Count > 0)
        {
            result["."] = new JsonObject();
            foreach (var (key, value) in o)
            {
                if (!Json.Same(value, (old as JsonObject)?[key]))
                {
                    result["f:" + key] = Fields(value, (old as JsonObject)?[key]);
                }
            }

            if (old is JsonObject)
            {
                result.Remove(".");
            }
        }

        return result;
    }

    private static void Union(JsonObject into, JsonObject from)
    {
        foreach (var (key, value) in from)
        {
            if (into[key] is JsonObject existing && value is JsonObject child)
            {
                Union(existing, child);
            }
            else
            {
                into[key] = value?.DeepClone();
            }
        }
    }
}
