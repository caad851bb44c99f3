using System.Globalization;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Schema;

/// <summary>
/// A CRD version's <c>openAPIV3Schema</c>, parsed once, with the operations the API server runs on
/// every custom resource: pruning of unknown fields, defaulting and validation.
/// </summary>
internal sealed class StructuralSchema
{
    private static readonly HashSet<string> MetaFields = new(StringComparer.Ordinal) { "apiVersion", "kind", "metadata" };

    private StructuralSchema(SchemaNode root, IReadOnlyList<ValidationRule> rules)
    {
        Root = root;
        ValidationRules = rules;
    }

    /// <summary>The parsed root node.</summary>
    public SchemaNode Root { get; }

    /// <summary>
    /// Every CEL rule (<c>x-kubernetes-validations</c>) in the schema. They are NOT evaluated: no CEL
    /// engine is included; the server may list or document them.
    /// </summary>
    public IReadOnlyList<ValidationRule> ValidationRules { get; }

    /// <summary>Whether the schema holds any CEL rule.</summary>
    public bool HasValidationRules => ValidationRules.Count > 0;

    /// <summary>Parses a CRD version's <c>schema.openAPIV3Schema</c>; throws <see cref="ArgumentException"/> on a bad pattern.</summary>
    public static StructuralSchema Parse(JsonObject openApiV3Schema)
    {
        ArgumentNullException.ThrowIfNull(openApiV3Schema);
        var rules = new List<ValidationRule>();
        SchemaNode root = SchemaNode.Parse(openApiV3Schema, string.Empty, rules);
        return new StructuralSchema(root, rules);
    }

    /// <summary>
    /// Removes fields the schema does not know, in place, and returns their paths
    /// (<c>spec.colour</c>, <c>spec.items[0].x</c>), sorted. Honours
    /// <c>x-kubernetes-preserve-unknown-fields</c> and embedded resources; never touches
    /// apiVersion, kind or metadata at the root.
    /// </summary>
    public IReadOnlyList<string> Prune(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var pruned = new List<string>();
        PruneObject(obj, Root, string.Empty, pruned, isResourceRoot: true);
        pruned.Sort(StringComparer.Ordinal);
        return pruned;
    }

    /// <summary>
    /// Applies schema defaults at every level, in place (a default on <c>status</c> itself included),
    /// then drops nulls in non-nullable fields that have no default, as the API server does.
    /// </summary>
    public void ApplyDefaults(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        DefaultObject(obj, Root, isResourceRoot: true);
    }

    /// <summary>
    /// Validates a whole object. When the schema has CEL rules and a blocking error (Required,
    /// TooLong, TooMany, TypeInvalid) was found, the 1.28 "some validation rules were not checked"
    /// cause is appended, as the real server does; otherwise CEL rules are silently skipped.
    /// </summary>
    public IReadOnlyList<FieldError> Validate(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        var errors = new List<FieldError>();
        SchemaValidator.ValidateRoot(Root, obj, errors);
        if (HasValidationRules && errors.Any(IsBlocking))
        {
            errors.Add(FieldErrors.RulesNotChecked());
        }

        return errors;
    }

    /// <summary>
    /// The <c>x-kubernetes-list-map-keys</c> of the list at <paramref name="path"/> when it is a
    /// <c>list-type: map</c>, else null. Paths are dotted; list indexes (<c>[0]</c>, <c>[]</c>, <c>[*]</c>)
    /// are optional, so <c>spec.containers.ports</c> and <c>spec.containers[0].ports</c> are the same.
    /// </summary>
    public IReadOnlyList<string>? ListMapKeys(string path)
    {
        SchemaNode? node = Find(path);
        return node is not null && string.Equals(node.ListType, "map", StringComparison.Ordinal) && node.ListMapKeys.Count > 0
            ? node.ListMapKeys
            : null;
    }

    /// <summary>The <c>x-kubernetes-list-type</c> (atomic, set, map) of the list at <paramref name="path"/>, or null.</summary>
    public string? ListType(string path) => Find(path)?.ListType;

    /// <summary>The schema node at a dotted path (see <see cref="ListMapKeys"/> for the syntax), or null.</summary>
    public SchemaNode? Find(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        SchemaNode? node = Root;
        foreach (string raw in path.Split('.', StringSplitOptions.RemoveEmptyEntries))
        {
            string segment = raw;
            int bracket = segment.IndexOf('[', StringComparison.Ordinal);
            int indexes = 0;
            if (bracket >= 0)
            {
                indexes = segment.Count(c => c == '[');
                segment = segment[..bracket];
            }

            if (node is null)
            {
                return null;
            }

            // Walking into a list's items is implicit: the next name is looked up on the items.
            while (node is not null && node.Items is not null && node.Properties.Count == 0)
            {
                node = node.Items;
            }

            if (node is null)
            {
                return null;
            }

            if (segment.Length > 0)
            {
                node = node.Properties.TryGetValue(segment, out SchemaNode? p) ? p : node.AdditionalProperties;
            }

            for (int i = 0; i < indexes && node is not null; i++)
            {
                node = node.Items;
            }
        }

        return node;
    }

    private static bool IsBlocking(FieldError e) =>
        e.Reason is "FieldValueRequired" or "FieldValueTooLong" or "FieldValueTooMany" or "FieldValueTypeInvalid";

    private static void PruneValue(JsonNode? value, SchemaNode? s, string path, List<string> pruned)
    {
        if (s is not null && s.PreserveUnknownFields)
        {
            SkipPrune(value, s, path, pruned);
            return;
        }

        switch (value)
        {
            case JsonObject obj:
                if (s is null)
                {
                    foreach (string key in obj.Select(kv => kv.Key).ToList())
                    {
                        pruned.Add(SchemaNode.Join(path, key));
                        obj.Remove(key);
                    }

                    return;
                }

                PruneObject(obj, s, path, pruned, isResourceRoot: false);
                break;
            case JsonArray arr:
                for (int i = 0; i < arr.Count; i++)
                {
                    PruneValue(arr[i], s?.Items, Index(path, i), pruned);
                }

                break;
            default:
                break;
        }
    }

    private static void PruneObject(JsonObject obj, SchemaNode s, string path, List<string> pruned, bool isResourceRoot)
    {
        foreach (KeyValuePair<string, JsonNode?> kv in obj.ToList())
        {
            if ((isResourceRoot || s.EmbeddedResource) && MetaFields.Contains(kv.Key))
            {
                continue;
            }

            string child = SchemaNode.Join(path, kv.Key);
            if (s.Properties.TryGetValue(kv.Key, out SchemaNode? prop))
            {
                PruneValue(kv.Value, prop, child, pruned);
            }
            else if (s.AdditionalProperties is not null)
            {
                PruneValue(kv.Value, s.AdditionalProperties, child, pruned);
            }
            else if (!s.PreserveUnknownFields)
            {
                pruned.Add(child);
                obj.Remove(kv.Key);
            }
        }
    }

    /// <summary>Under preserve-unknown-fields, unknown keys stay but known ones are still pruned below.</summary>
    private static void SkipPrune(JsonNode? value, SchemaNode s, string path, List<string> pruned)
    {
        switch (value)
        {
            case JsonObject obj:
                // s.PreserveUnknownFields is true here, so PruneObject keeps the unknown keys.
                PruneObject(obj, s, path, pruned, isResourceRoot: false);
                break;
            case JsonArray arr when s.Items is not null:
                for (int i = 0; i < arr.Count; i++)
                {
                    PruneValue(arr[i], s.Items, Index(path, i), pruned);
                }

                break;
            default:
                break;
        }
    }

    private static void DefaultValue(JsonNode? value, SchemaNode s)
    {
        switch (value)
        {
            case JsonObject obj:
                DefaultObject(obj, s, isResourceRoot: false);
                break;
            case JsonArray arr when s.Items is not null:
                for (int i = 0; i < arr.Count; i++)
                {
                    if (arr[i] is null && !s.Items.Nullable && s.Items.HasDefault && s.Items.Default is not null)
                    {
                        arr[i] = s.Items.Default.DeepClone();
                    }

                    DefaultValue(arr[i], s.Items);
                }

                break;
            default:
                break;
        }
    }

    private static void DefaultObject(JsonObject obj, SchemaNode s, bool isResourceRoot)
    {
        foreach (KeyValuePair<string, SchemaNode> kv in s.Properties)
        {
            if (isResourceRoot && MetaFields.Contains(kv.Key))
            {
                continue;
            }

            SchemaNode prop = kv.Value;
            if (!prop.HasDefault || prop.Default is null)
            {
                continue;
            }

            if (!obj.TryGetPropertyValue(kv.Key, out JsonNode? current) || (current is null && !prop.Nullable))
            {
                obj[kv.Key] = prop.Default.DeepClone();
            }
        }

        foreach (KeyValuePair<string, JsonNode?> kv in obj.ToList())
        {
            if (isResourceRoot && MetaFields.Contains(kv.Key))
            {
                continue;
            }

            SchemaNode? prop = s.Properties.TryGetValue(kv.Key, out SchemaNode? p) ? p : s.AdditionalProperties;
            if (prop is null)
            {
                continue;
            }

            if (kv.Value is null && !prop.Nullable)
            {
                if (prop.HasDefault && prop.Default is not null)
                {
                    obj[kv.Key] = prop.Default.DeepClone();
                }
                else
                {
                    // A null in a non-nullable field without a default is dropped before validation.
                    obj.Remove(kv.Key);
                    continue;
                }
            }

            DefaultValue(obj[kv.Key], prop);
        }
    }

    private static string Index(string path, int i) => path + "[" + i.ToString(CultureInfo.InvariantCulture) + "]";
}
