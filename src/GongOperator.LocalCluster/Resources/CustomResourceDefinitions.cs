using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Resources;

/// <summary>Turns a CustomResourceDefinition into servable resource types, checks its names and writes its status.</summary>
internal static class CustomResourceDefinitions
{
    public static IReadOnlyList<StatusCause> Validate(JsonObject crd)
    {
        var causes = new List<StatusCause>();
        var spec = crd["spec"] as JsonObject;
        var name = crd["metadata"]?["name"]?.GetValue<string>() ?? "";
        var group = Text(spec?["group"]);
        var names = spec?["names"] as JsonObject;
        var plural = Text(names?["plural"]);
        if (group.Length == 0)
        {
            causes.Add(new("FieldValueRequired", "Required value", "spec.group"));
        }

        if (plural.Length == 0)
        {
            causes.Add(new("FieldValueRequired", "Required value", "spec.names.plural"));
        }

        if (Text(names?["kind"]).Length == 0)
        {
            causes.Add(new("FieldValueRequired", "Required value", "spec.names.kind"));
        }

        if (group.Length > 0 && plural.Length > 0 && name != plural + "." + group)
        {
            causes.Add(new("FieldValueInvalid", $"Invalid value: \"{name}\": must be spec.names.plural+\".\"+spec.group", "metadata.name"));
        }

        var scope = Text(spec?["scope"]);
        if (scope is not ("Namespaced" or "Cluster"))
        {
            causes.Add(scope.Length == 0
                ? new("FieldValueRequired", "Required value", "spec.scope")
                : new("FieldValueNotSupported", $"Unsupported value: \"{scope}\": supported values: \"Cluster\", \"Namespaced\"", "spec.scope"));
        }

        if (spec?["versions"] is not JsonArray versions || versions.Count == 0)
        {
            causes.Add(new("FieldValueRequired", "Required value: must have exactly one version marked as storage version", "spec.versions"));
        }
        else
        {
            var storage = versions.Count(v => Server.Json.Bool(v?["storage"]));
            if (storage != 1)
            {
                causes.Add(new("FieldValueInvalid", $"Invalid value: \"{versions.Count}\": must have exactly one version marked as storage version", "spec.versions"));
            }

            for (var i = 0; i < versions.Count; i++)
            {
                if (Text(versions[i]?["name"]).Length == 0)
                {
                    causes.Add(new("FieldValueRequired", "Required value", $"spec.versions[{i}].name"));
                }

                if (versions[i]?["schema"]?["openAPIV3Schema"] is not JsonObject schema)
                {
                    causes.Add(new("FieldValueRequired", "Required value: schemas are required", $"spec.versions[{i}].schema.openAPIV3Schema"));
                }
                else
                {
                    try
                    {
                        StructuralSchema.Parse(schema);
                    }
                    catch (ArgumentException e)
                    {
                        causes.Add(new("FieldValueInvalid", "Invalid value: " + e.Message, $"spec.versions[{i}].schema.openAPIV3Schema"));
                    }
                }
            }
        }

        return causes;
    }

    /// <summary>The apiextensions defaults: spec.conversion (strategy None) and spec.names (singular and listKind from kind).</summary>
    public static void Default(JsonObject crd)
    {
        if (crd["spec"] is JsonObject spec)
        {
            spec["conversion"] ??= new JsonObject { ["strategy"] = "None" };
        }

        if (crd["spec"]?["names"] is not JsonObject names)
        {
            return;
        }

        if (names["singular"] is null)
        {
            names["singular"] = Text(names["kind"]).ToLowerInvariant();
        }

        if (names["listKind"] is null)
        {
            names["listKind"] = Text(names["kind"]) + "List";
        }
    }

    /// <summary>Status as the apiextensions controllers would set it at once: names accepted, established.</summary>
    public static void SetStatus(JsonObject crd, JsonObject? oldStatus, string now)
    {
        var spec = (JsonObject)crd["spec"]!;
        var names = (JsonObject)spec["names"]!.DeepClone();
        var stored = new SortedSet<string>(StringComparer.Ordinal);
        if (oldStatus?["storedVersions"] is JsonArray previous)
        {
            foreach (var v in previous)
            {
                stored.Add(Text(v));
            }
        }

        foreach (var version in spec["versions"]!.AsArray())
        {
            if (Server.Json.Bool(version?["storage"]))
            {
                stored.Add(Text(version!["name"]));
            }
        }

        string TransitionTime(string type) =>
            oldStatus?["conditions"] is JsonArray conditions && conditions.FirstOrDefault(c => Text(c?["type"]) == type) is JsonObject c && c["lastTransitionTime"] is JsonValue t
                ? t.GetValue<string>()
                : now;

        crd["status"] = new JsonObject
        {
            ["conditions"] = new JsonArray
            {
                new JsonObject { ["type"] = "NamesAccepted", ["status"] = "True", ["lastTransitionTime"] = TransitionTime("NamesAccepted"), ["reason"] = "NoConflicts", ["message"] = "no conflicts found" },
                new JsonObject { ["type"] = "Established", ["status"] = "True", ["lastTransitionTime"] = TransitionTime("Established"), ["reason"] = "InitialNamesAccepted", ["message"] = "the initial names have been accepted" },
            },
            ["acceptedNames"] = names,
            ["storedVersions"] = new JsonArray([.. stored.Select(s => (JsonNode)JsonValue.Create(s))]),
        };
    }

    public static IReadOnlyList<ResourceType> ToResourceTypes(JsonObject crd)
    {
        var spec = (JsonObject)crd["spec"]!;
        var names = (JsonObject)spec["names"]!;
        var result = new List<ResourceType>();
        foreach (var version in spec["versions"]!.AsArray())
        {
            if (version is not JsonObject v || (v["served"] is JsonValue served && served.GetValueKind() == System.Text.Json.JsonValueKind.False))
            {
                continue;
            }

            var selectable = new List<string>();
            if (v["selectableFields"] is JsonArray fields)
            {
                foreach (var f in fields)
                {
                    selectable.Add(Text(f?["jsonPath"]).TrimStart('.'));
                }
            }

            result.Add(new ResourceType
            {
                Group = Text(spec["group"]),
                Version = Text(v["name"]),
                Kind = Text(names["kind"]),
                Plural = Text(names["plural"]),
                Singular = names["singular"] is JsonValue s ? s.GetValue<string>() : Text(names["kind"]).ToLowerInvariant(),
                Namespaced = Text(spec["scope"]) == "Namespaced",
                ShortNames = Strings(names["shortNames"]),
                Categories = Strings(names["categories"]),
                HasStatus = v["subresources"]?["status"] is JsonObject,
                HasScale = v["subresources"]?["scale"] is JsonObject,
                SpecReplicasPath = Text(v["subresources"]?["scale"]?["specReplicasPath"]).TrimStart('.') is { Length: > 0 } specPath ? specPath : "spec.replicas",
                StatusReplicasPath = Text(v["subresources"]?["scale"]?["statusReplicasPath"]).TrimStart('.') is { Length: > 0 } statusPath ? statusPath : "status.replicas",
                LabelSelectorPath = Text(v["subresources"]?["scale"]?["labelSelectorPath"]).TrimStart('.') is { Length: > 0 } selectorPath ? selectorPath : null,
                IsCustom = true,
                HasGeneration = true,
                RequiresResourceVersionOnUpdate = true,
                Schema = v["schema"]?["openAPIV3Schema"] is JsonObject schema ? (JsonObject)schema.DeepClone() : null,
                Structural = v["schema"]?["openAPIV3Schema"] is JsonObject parsed ? ParseOrNull(parsed) : null,
                SchemaHasDefaults = v["schema"]?["openAPIV3Schema"] is JsonObject withDefaults && withDefaults.ToJsonString().Contains("\"default\"", StringComparison.Ordinal),
                PrinterColumns = v["additionalPrinterColumns"] is JsonArray columns ? (JsonArray)columns.DeepClone() : null,
                SelectableFields = selectable,
                Verbs = ResourceType.CustomVerbs,
            });
        }

        return result;
    }

    private static StructuralSchema? ParseOrNull(JsonObject schema)
    {
        try
        {
            return StructuralSchema.Parse((JsonObject)schema.DeepClone());
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static string[] Strings(JsonNode? node) => node is JsonArray array ? [.. array.Select(Text)] : [];

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : "";
}
