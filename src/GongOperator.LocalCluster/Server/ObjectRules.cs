using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;

namespace GongOperator.LocalCluster.Server;

/// <summary>What the built-in kinds' registry strategies do on write: name rules, Secret data, Namespace and Deployment status.</summary>
internal static partial class ObjectRules
{
    private const string SubdomainMessage = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
    private const string LabelMessage = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";

    public static IEnumerable<StatusCause> ValidateName(ResourceType type, string name)
    {
        if (type.Group == "rbac.authorization.k8s.io")
        {
            if (name is "." or ".." || name.Contains('/', StringComparison.Ordinal) || name.Contains('%', StringComparison.Ordinal))
            {
                yield return new("FieldValueInvalid", $"Invalid value: \"{name}\": may not contain '/' or '%'", "metadata.name");
            }

            yield break;
        }

        if (type.Plural == "namespaces" && type.Group.Length == 0)
        {
            if (name.Length > 63 || !Label().IsMatch(name))
            {
                yield return new("FieldValueInvalid", $"Invalid value: \"{name}\": {LabelMessage}", "metadata.name");
            }

            yield break;
        }

        if (name.Length > 253 || !Subdomain().IsMatch(name))
        {
            yield return new("FieldValueInvalid", $"Invalid value: \"{name}\": {SubdomainMessage}", "metadata.name");
        }
    }

    public static IEnumerable<StatusCause> ValidateMetadata(JsonObject metadata)
    {
        foreach (var field in new[] { "labels", "annotations" })
        {
            var node = metadata[field];
            if (node is null)
            {
                continue;
            }

            if (node is not JsonObject map)
            {
                yield return new("FieldValueTypeInvalid", "Invalid value: must be a map of strings", "metadata." + field);
                continue;
            }

            foreach (var (k, v) in map)
            {
                if (v is not JsonValue value || Json.Text(value) is null)
                {
                    yield return new("FieldValueTypeInvalid", $"Invalid value: {v?.ToJsonString() ?? "null"}: must be a string", $"metadata.{field}.{k}");
                }
                else if (field == "labels" && (Json.Text(value)!.Length > 63 || (Json.Text(value)!.Length > 0 && !LabelValue().IsMatch(Json.Text(value)!))))
                {
                    yield return new("FieldValueInvalid", $"Invalid value: \"{Json.Text(value)}\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')", $"metadata.labels");
                }
            }
        }

        if (metadata["finalizers"] is { } finalizers && (finalizers is not JsonArray list || list.Any(f => Json.Text(f) is null)))
        {
            yield return new("FieldValueTypeInvalid", "Invalid value: must be a list of strings", "metadata.finalizers");
        }
    }

    /// <summary>Kind-specific normalization of an object about to be stored (create or update).</summary>
    public static IReadOnlyList<StatusCause> Normalize(ResourceType type, JsonObject obj, JsonObject? old, string now)
    {
        var causes = new List<StatusCause>();
        if (type.IsCustom)
        {
            return causes;
        }

        switch (type.Group, type.Plural)
        {
            case ("", "secrets"):
                NormalizeSecret(obj, causes);
                break;
            case ("", "configmaps"):
                if (obj["data"] is { } data && data is not JsonObject)
                {
                    causes.Add(new("FieldValueTypeInvalid", "Invalid value: must be a map of strings", "data"));
                }

                break;
            case ("", "namespaces"):
                var name = Json.Text(obj["metadata"]?["name"]) ?? "";
                var labels = obj["metadata"]!["labels"] as JsonObject ?? [];
                labels["kubernetes.io/metadata.name"] = name;
                obj["metadata"]!["labels"] = labels;
                if (obj["spec"] is not JsonObject)
                {
                    obj["spec"] = new JsonObject { ["finalizers"] = new JsonArray("kubernetes") };
                }

                if (obj["status"] is not JsonObject s || s["phase"] is null)
                {
                    obj["status"] = new JsonObject { ["phase"] = "Active" };
                }

                break;
            case ("apps", "deployments"):
                SetDeploymentAvailable(obj, now, old);
                break;
            case ("policy", "poddisruptionbudgets"):
                SetDisruptionBudgetHealthy(obj, now, old);
                break;
            case ("", "services"):
                var spec = obj["spec"] as JsonObject ?? [];
                obj["spec"] = spec;
                spec["type"] ??= "ClusterIP";
                if (spec["clusterIP"] is null && Json.Text(spec["type"]) != "ExternalName")
                {
                    var previous = old?["spec"]?["clusterIP"];
                    spec["clusterIP"] = previous?.DeepClone() ?? ("10.96." + Random.Shared.Next(1, 255) + "." + Random.Shared.Next(1, 255));
                    spec["clusterIPs"] = new JsonArray(spec["clusterIP"]!.DeepClone());
                }

                spec["sessionAffinity"] ??= "None";
                obj["status"] ??= new JsonObject { ["loadBalancer"] = new JsonObject() };
                break;
            case ("apiextensions.k8s.io", "customresourcedefinitions"):
                causes.AddRange(CustomResourceDefinitions.Validate(obj));
                if (causes.Count == 0)
                {
                    CustomResourceDefinitions.SetStatus(obj, old?["status"] as JsonObject, now);
                }

                break;
        }

        return causes;
    }

    private static void NormalizeSecret(JsonObject obj, List<StatusCause> causes)
    {
        var data = obj["data"] as JsonObject;
        if (obj["data"] is { } d && d is not JsonObject)
        {
            causes.Add(new("FieldValueTypeInvalid", "Invalid value: must be a map of base64 strings", "data"));
            return;
        }

        if (data is not null)
        {
            foreach (var (k, v) in data)
            {
                var text = Json.Text(v);
                if (text is null || !IsBase64(text))
                {
                    causes.Add(new("FieldValueInvalid", $"Invalid value: {v?.ToJsonString() ?? "null"}: illegal base64 data", "data[" + k + "]"));
                }
            }
        }

        if (obj["stringData"] is JsonObject stringData)
        {
            data ??= [];
            foreach (var (k, v) in stringData)
            {
                data[k] = Convert.ToBase64String(Encoding.UTF8.GetBytes(Json.Text(v) ?? v?.ToJsonString() ?? ""));
            }

            obj["data"] = data;
        }

        obj.Remove("stringData");
        obj["type"] ??= "Opaque";
    }

    private static bool IsBase64(string text)
    {
        var buffer = new byte[(text.Length * 3 / 4) + 3];
        return Convert.TryFromBase64String(text, buffer, out _);
    }

    /// <summary>As KWOK does: report every replica as up to date, ready and available.</summary>
    private static void SetDeploymentAvailable(JsonObject obj, string now, JsonObject? old)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        obj["spec"] = spec;
        spec["replicas"] ??= 1;
        var replicas = Json.Number(spec["replicas"]) ?? 1;
        var generation = Json.Number(obj["metadata"]?["generation"]) ?? 1;
        var oldConditions = old?["status"]?["conditions"] as JsonArray;
        string Since(string type) =>
            oldConditions?.FirstOrDefault(c => Json.Text(c?["type"]) == type)?["lastTransitionTime"] is JsonValue t ? t.GetValue<string>() : now;
        var name = Json.Text(obj["metadata"]?["name"]) ?? "";
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["replicas"] = replicas,
            ["updatedReplicas"] = replicas,
            ["readyReplicas"] = replicas,
            ["availableReplicas"] = replicas,
            ["conditions"] = new JsonArray
            {
                new JsonObject { ["type"] = "Available", ["status"] = "True", ["lastUpdateTime"] = Since("Available"), ["lastTransitionTime"] = Since("Available"), ["reason"] = "MinimumReplicasAvailable", ["message"] = "Deployment has minimum availability." },
                new JsonObject { ["type"] = "Progressing", ["status"] = "True", ["lastUpdateTime"] = Since("Progressing"), ["lastTransitionTime"] = Since("Progressing"), ["reason"] = "NewReplicaSetAvailable", ["message"] = $"ReplicaSet \"{name}\" has successfully progressed." },
            },
        };
        if (replicas == 0)
        {
            var status = (JsonObject)obj["status"]!;
            status.Remove("readyReplicas");
            status.Remove("availableReplicas");
        }
    }

    /// <summary>
    /// No pods exist, so, as for Deployments, the budget is reported as met (one healthy pod, none allowed to go):
    /// kstatus then counts it Current and <c>helm install --wait</c> of a chart with a PodDisruptionBudget returns.
    /// </summary>
    private static void SetDisruptionBudgetHealthy(JsonObject obj, string now, JsonObject? old)
    {
        var generation = Json.Number(obj["metadata"]?["generation"]) ?? 1;
        var since = old?["status"]?["conditions"]?[0]?["lastTransitionTime"] is JsonValue t ? t.GetValue<string>() : now;
        obj["status"] = new JsonObject
        {
            ["observedGeneration"] = generation,
            ["disruptionsAllowed"] = 0,
            ["currentHealthy"] = 1,
            ["desiredHealthy"] = 1,
            ["expectedPods"] = 1,
            ["conditions"] = new JsonArray
            {
                new JsonObject { ["type"] = "DisruptionAllowed", ["status"] = "False", ["observedGeneration"] = generation, ["lastTransitionTime"] = since, ["reason"] = "InsufficientPods", ["message"] = "" },
            },
        };
    }

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Label();

    [GeneratedRegex("^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$")]
    private static partial Regex LabelValue();
}
