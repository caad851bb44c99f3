using System.ComponentModel;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using k8s;
using k8s.Models;

namespace GongOperator.Crd;

/// <summary>
/// Builds a CustomResourceDefinition from an annotated C# type: the C# types are the one source of truth,
/// and <c>config/crd/</c> plus the Helm chart's copy are generated from them (a test fails when they are stale).
/// </summary>
public static class CrdGenerator
{
    /// <summary>Generates the CRD (one served, stored version with the status subresource).</summary>
    public static V1CustomResourceDefinition Generate(Type resourceType)
    {
        ArgumentNullException.ThrowIfNull(resourceType);
        var entity = resourceType.GetCustomAttribute<KubernetesEntityAttribute>()
            ?? throw new ArgumentException($"{resourceType.Name} has no [KubernetesEntity]", nameof(resourceType));
        var names = resourceType.GetCustomAttribute<CrdNamesAttribute>() ?? new CrdNamesAttribute();

        var root = ObjectSchema(resourceType);
        root.Description = resourceType.GetCustomAttribute<CrdDescriptionAttribute>()?.Description;

        return new V1CustomResourceDefinition
        {
            ApiVersion = "apiextensions.k8s.io/v1",
            Kind = "CustomResourceDefinition",
            Metadata = new V1ObjectMeta { Name = $"{entity.PluralName}.{entity.Group}" },
            Spec = new V1CustomResourceDefinitionSpec
            {
                Group = entity.Group,
                Scope = "Namespaced",
                Names = new V1CustomResourceDefinitionNames
                {
                    Kind = entity.Kind,
                    ListKind = entity.Kind + "List",
                    Plural = entity.PluralName,
                    Singular = names.Singular ?? entity.Kind.ToLowerInvariant(),
                    ShortNames = names.ShortNames.Length > 0 ? names.ShortNames : null,
                    Categories = names.Categories.Length > 0 ? names.Categories : null,
                },
                Versions =
                [
                    new V1CustomResourceDefinitionVersion
                    {
                        Name = entity.ApiVersion,
                        Served = true,
                        Storage = true,
                        Schema = new V1CustomResourceValidation { OpenAPIV3Schema = root },
                        Subresources = new V1CustomResourceSubresources { Status = new object() },
                        AdditionalPrinterColumns = resourceType.GetCustomAttributes<PrinterColumnAttribute>()
                            .Select(c => new V1CustomResourceColumnDefinition
                            {
                                Name = c.Name,
                                Type = c.Type,
                                JsonPath = c.JsonPath,
                                Description = c.Description,
                                Priority = c.Priority == 0 ? null : c.Priority,
                            })
                            .ToList(),
                    },
                ],
            },
        };
    }

    /// <summary>The CRD as YAML, with a header saying where it comes from.</summary>
    public static string GenerateYaml(Type resourceType) =>
        "# Generated from the C# types by `gong-operator crd`. Do not edit: change the types and regenerate.\n"
        + KubernetesYaml.Serialize(Generate(resourceType));

    private static V1JSONSchemaProps ObjectSchema(Type type)
    {
        var schema = new V1JSONSchemaProps
        {
            Type = "object",
            Description = type.GetCustomAttribute<DescriptionAttribute>()?.Description,
            Properties = new Dictionary<string, V1JSONSchemaProps>(),
        };
        var required = new List<string>();
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            var name = property.GetCustomAttribute<JsonPropertyNameAttribute>()?.Name;
            if (name is null)
            {
                continue;
            }

            schema.Properties[name] = name switch
            {
                // The envelope of every object: the API server validates metadata itself.
                "apiVersion" => new V1JSONSchemaProps { Type = "string", Description = "APIVersion defines the versioned schema of this representation of an object." },
                "kind" => new V1JSONSchemaProps { Type = "string", Description = "Kind is a string value representing the REST resource this object represents." },
                "metadata" when property.PropertyType == typeof(V1ObjectMeta) => new V1JSONSchemaProps { Type = "object" },
                _ => PropertySchema(property),
            };
            if (property.GetCustomAttribute<CrdRequiredAttribute>() is not null)
            {
                required.Add(name);
            }
        }

        schema.Required = required.Count > 0 ? required : null;
        return schema;
    }

    private static V1JSONSchemaProps PropertySchema(PropertyInfo property)
    {
        var schema = TypeSchema(property.PropertyType);
        var description = property.GetCustomAttribute<DescriptionAttribute>()?.Description;
        if (description is not null)
        {
            schema.Description = description;
        }

        if (property.GetCustomAttribute<CrdEnumAttribute>() is { } values)
        {
            schema.EnumProperty = values.Values.Cast<object>().ToList();
        }

        if (property.GetCustomAttribute<CrdPatternAttribute>() is { } pattern)
        {
            schema.Pattern = pattern.Pattern;
            if (pattern.AlsoPatterns.Count > 0)
            {
                schema.AllOf = pattern.AlsoPatterns.Select(p => new V1JSONSchemaProps { Pattern = p }).ToList();
            }
        }

        if (property.GetCustomAttribute<CrdLengthAttribute>() is { } length)
        {
            schema.MinLength = length.MinLength >= 0 ? length.MinLength : null;
            schema.MaxLength = length.MaxLength >= 0 ? length.MaxLength : null;
        }

        if (property.GetCustomAttribute<CrdFormatAttribute>() is { } format)
        {
            schema.Format = format.Format;
        }

        if (property.GetCustomAttribute<CrdDefaultAttribute>() is { } defaultValue)
        {
            schema.DefaultProperty = ToPlain(JsonSerializer.Deserialize<JsonElement>(defaultValue.Json));
        }

        if (property.GetCustomAttribute<CrdListMapAttribute>() is { } listMap)
        {
            schema.XKubernetesListType = "map";
            schema.XKubernetesListMapKeys = listMap.Keys.ToList();
        }

        return schema;
    }

    private static V1JSONSchemaProps TypeSchema(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        if (type == typeof(string) || type == typeof(DateTime) || type == typeof(DateTimeOffset))
        {
            return new V1JSONSchemaProps { Type = "string", Format = type == typeof(string) ? null : "date-time" };
        }

        if (type == typeof(long))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int64" };
        }

        if (type == typeof(int))
        {
            return new V1JSONSchemaProps { Type = "integer", Format = "int32" };
        }

        if (type == typeof(bool))
        {
            return new V1JSONSchemaProps { Type = "boolean" };
        }

        if (type == typeof(V1Condition))
        {
            return ConditionSchema();
        }

        var element = type.IsGenericType && type.GetGenericArguments().Length == 1 && typeof(System.Collections.IEnumerable).IsAssignableFrom(type)
            ? type.GetGenericArguments()[0]
            : null;
        if (element is not null)
        {
            return new V1JSONSchemaProps { Type = "array", Items = TypeSchema(element) };
        }

        return ObjectSchema(type);
    }

    /// <summary>JSON as plain dictionaries, lists and scalars, which the YAML writer renders as YAML.</summary>
    private static object? ToPlain(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => element.EnumerateObject().ToDictionary(p => p.Name, p => ToPlain(p.Value)),
        JsonValueKind.Array => element.EnumerateArray().Select(ToPlain).ToList(),
        JsonValueKind.String => element.GetString(),
        JsonValueKind.Number => element.TryGetInt64(out var n) ? (object)n : element.GetDouble(),
        JsonValueKind.True => true,
        JsonValueKind.False => false,
        _ => null,
    };

    /// <summary>metav1.Condition, described here because it is a Kubernetes type, not one of ours.</summary>
    private static V1JSONSchemaProps ConditionSchema() => new()
    {
        Type = "object",
        Description = "A condition in the Kubernetes API conventions' shape (metav1.Condition).",
        Required = ["type", "status", "lastTransitionTime", "reason", "message"],
        Properties = new Dictionary<string, V1JSONSchemaProps>
        {
            ["type"] = new() { Type = "string", MaxLength = 316, Description = "Condition type: Ready, Reconciling or Stalled." },
            ["status"] = new() { Type = "string", EnumProperty = ["True", "False", "Unknown"], Description = "True, False or Unknown." },
            ["reason"] = new() { Type = "string", MinLength = 1, MaxLength = 1024, Description = "A CamelCase reason for the condition's last transition." },
            ["message"] = new() { Type = "string", MaxLength = 32768, Description = "A sentence a person can act on." },
            ["observedGeneration"] = new() { Type = "integer", Format = "int64", Description = "The metadata.generation the condition was set for." },
            ["lastTransitionTime"] = new() { Type = "string", Format = "date-time", Description = "When the status last changed." },
        },
    };
}
