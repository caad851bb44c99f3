using System.Globalization;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Schema;

namespace GongOperator.LocalCluster.Tables;

/// <summary>Column sets: the Name column, CRD printer columns, and the defaults of common built-in kinds.</summary>
internal static partial class TableColumns
{
    /// <summary>Description of the Name column.</summary>
    public const string NameDescription = "Name of the object, unique within its namespace (or the cluster for cluster-scoped kinds).";

    /// <summary>Description of the built-in Age and Created At columns.</summary>
    public const string CreationTimestampDescription = "When the server created the object (RFC 3339, UTC). Set by the server; read-only.";

    /// <summary>The first column of every table: the object's name, format <c>name</c>.</summary>
    public static TableColumn Name() =>
        new("Name", "string", "name", NameDescription, 0, (o, _) => Str(o["metadata"]?["name"]) ?? string.Empty);

    /// <summary>A built-in Age column: type string, cell the age of metadata.creationTimestamp.</summary>
    public static TableColumn Age() =>
        new("Age", "string", string.Empty, CreationTimestampDescription, 0, (o, now) => HumanDuration.Since(Str(o["metadata"]?["creationTimestamp"]), now));

    /// <summary>The generic "Created At" column (type date, RFC 3339 text) of kinds without printers.</summary>
    public static TableColumn CreatedAt() =>
        new("Created At", "date", string.Empty, CreationTimestampDescription, 0, (o, _) => CreatedAtText(Str(o["metadata"]?["creationTimestamp"])));

    /// <summary>
    /// Columns of a custom resource: Name, then the CRD's printer columns, or the default Age
    /// (<c>.metadata.creationTimestamp</c>, type date) when the CRD declares none.
    /// </summary>
    public static IReadOnlyList<TableColumn> ForCustomResource(IReadOnlyList<PrinterColumn>? printerColumns)
    {
        IReadOnlyList<PrinterColumn> source = printerColumns is { Count: > 0 }
            ? printerColumns
            : [new PrinterColumn("Age", "date", null, null, 0, ".metadata.creationTimestamp")];
        var columns = new List<TableColumn> { Name() };
        columns.AddRange(source.Select(FromPrinterColumn));
        return columns;
    }

    /// <summary>Converts a CRD printer column; its cells follow the server's rules per type.</summary>
    public static TableColumn FromPrinterColumn(PrinterColumn c)
    {
        JsonPathExpression? path;
        try
        {
            path = JsonPathExpression.Parse(c.JsonPath);
        }
        catch (FormatException)
        {
            path = null;
        }

        string description = string.IsNullOrEmpty(c.Description)
            ? "Custom resource definition column (in JSONPath format): " + c.JsonPath
            : c.Description;
        return new TableColumn(c.Name, c.Type, c.Format ?? string.Empty, description, c.Priority, (o, now) =>
        {
            IReadOnlyList<JsonNode?> results = path?.Evaluate(o) ?? [];
            return results.Count == 0 ? null : CellForValue(c.Type, results[0], now);
        });
    }

    /// <summary>The server's conversion of a JSON value into a cell of the given column type (null when it does not fit).</summary>
    public static JsonNode? CellForValue(string type, JsonNode? value, DateTimeOffset now)
    {
        JsonKind kind = JsonValues.KindOf(value);
        if (kind == JsonKind.Null)
        {
            return null;
        }

        switch (type)
        {
            case "string":
                return kind switch
                {
                    JsonKind.String => Str(value),
                    JsonKind.Integer => JsonValues.TryGetInt64(value, out long l) ? l.ToString(CultureInfo.InvariantCulture) : null,
                    JsonKind.Number => GoFormat.Float(JsonValues.GetDouble(value!)),
                    JsonKind.Boolean => JsonValues.AsBool(value) == true ? "true" : "false",
                    _ => value!.ToJsonString(),
                };
            case "integer":
                if (JsonValues.TryGetInt64(value, out long i))
                {
                    return i;
                }

                return kind == JsonKind.Number ? (long)Math.Truncate(JsonValues.GetDouble(value!)) : null;
            case "number":
                return kind is JsonKind.Integer or JsonKind.Number ? JsonValues.GetDouble(value!) : null;
            case "boolean":
                return JsonValues.AsBool(value) is bool b ? b : null;
            case "date":
                if (kind != JsonKind.String)
                {
                    return null;
                }

                return DateTimeOffset.TryParse(Str(value), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t)
                    ? HumanDuration.Format(now - t)
                    : "<invalid>";
            default:
                return null;
        }
    }

    /// <summary>Default columns of a built-in kind, similar to the real server's printers.</summary>
    public static IReadOnlyList<TableColumn> ForBuiltIn(string group, string kind) =>
        (group, kind) switch
        {
            ("", "Namespace") =>
            [
                Name(),
                new("Status", "string", string.Empty, "The status of the namespace", 0, (o, _) => Str(o["status"]?["phase"]) ?? string.Empty),
                Age(),
            ],
            ("", "Secret") =>
            [
                Name(),
                new("Type", "string", string.Empty, "How the secret data is used, e.g. Opaque.", 0, (o, _) => Str(o["type"]) ?? string.Empty),
                new("Data", "string", string.Empty, "Number of data entries.", 0, (o, _) => (long)Count(o["data"])),
                Age(),
            ],
            ("", "ConfigMap") =>
            [
                Name(),
                new("Data", "string", string.Empty, "Number of data and binaryData entries.", 0, (o, _) => (long)(Count(o["data"]) + Count(o["binaryData"]))),
                Age(),
            ],
            ("", "ServiceAccount") =>
            [
                Name(),
                new("Secrets", "string", string.Empty, "Number of secrets listed.", 0, (o, _) => (long)Count(o["secrets"])),
                Age(),
            ],
            ("", "Event") => CoreEventColumns(),
            ("apps", "Deployment") =>
            [
                Name(),
                new("Ready", "string", string.Empty, "Ready pods out of desired pods.", 0, (o, _) =>
                    Long(o["status"]?["readyReplicas"]).ToString(CultureInfo.InvariantCulture) + "/" + DesiredReplicas(o).ToString(CultureInfo.InvariantCulture)),
                new("Up-to-date", "string", string.Empty, "Pods running the current template.", 0, (o, _) => Long(o["status"]?["updatedReplicas"])),
                new("Available", "string", string.Empty, "Pods available to serve.", 0, (o, _) => Long(o["status"]?["availableReplicas"])),
                Age(),
                new("Containers", "string", string.Empty, "Names of the containers.", 1, (o, _) => JoinContainers(o, "name")),
                new("Images", "string", string.Empty, "Images of the containers.", 1, (o, _) => JoinContainers(o, "image")),
                new("Selector", "string", string.Empty, "Label selector of the pods.", 1, (o, _) => FormatSelector(o["spec"]?["selector"])),
            ],
            ("", "Pod") => PodColumns(),
            ("", "PersistentVolumeClaim") => PersistentVolumeClaimColumns(),
            ("apps", "StatefulSet") => StatefulSetColumns(),
            ("apps", "DaemonSet") => DaemonSetColumns(),
            ("batch", "Job") => JobColumns(),
            ("batch", "CronJob") => CronJobColumns(),
            ("networking.k8s.io", "Ingress") => IngressColumns(),
            ("coordination.k8s.io", "Lease") =>
            [
                Name(),
                new("Holder", "string", string.Empty, "Identity of the current holder.", 0, (o, _) => Str(o["spec"]?["holderIdentity"]) ?? string.Empty),
                Age(),
            ],
            ("rbac.authorization.k8s.io", "RoleBinding") or ("rbac.authorization.k8s.io", "ClusterRoleBinding") =>
            [
                Name(),
                new("Role", "string", string.Empty, "The role granted, as Kind/name.", 0, (o, _) => (Str(o["roleRef"]?["kind"]) ?? string.Empty) + "/" + (Str(o["roleRef"]?["name"]) ?? string.Empty)),
                Age(),
                new("Users", "string", string.Empty, "Users granted the role.", 1, (o, _) => Subjects(o, "User")),
                new("Groups", "string", string.Empty, "Groups granted the role.", 1, (o, _) => Subjects(o, "Group")),
                new("ServiceAccounts", "string", string.Empty, "Service accounts granted the role.", 1, (o, _) => Subjects(o, "ServiceAccount")),
            ],
            ("rbac.authorization.k8s.io", "Role") or ("rbac.authorization.k8s.io", "ClusterRole") or ("apiextensions.k8s.io", "CustomResourceDefinition") =>
                [Name(), CreatedAt()],
            _ => [Name(), Age()],
        };

    private static List<TableColumn> CoreEventColumns() =>
    [
        new("Last Seen", "string", string.Empty, "Age of the latest occurrence.", 0, (o, now) =>
            HumanDuration.Since(Str(o["lastTimestamp"]) ?? Str(o["eventTime"]) ?? Str(o["metadata"]?["creationTimestamp"]), now)),
        new("Type", "string", string.Empty, "Normal or Warning.", 0, (o, _) => Str(o["type"]) ?? string.Empty),
        new("Reason", "string", string.Empty, "Short reason.", 0, (o, _) => Str(o["reason"]) ?? string.Empty),
        new("Object", "string", string.Empty, "The object the event is about, as kind/name.", 0, (o, _) =>
            (Str(o["involvedObject"]?["kind"]) ?? string.Empty).ToLowerInvariant() + "/" + (Str(o["involvedObject"]?["name"]) ?? string.Empty)),
        new("Message", "string", string.Empty, "Human-readable description.", 0, (o, _) => (Str(o["message"]) ?? string.Empty).Trim()),
        new("Name", "string", "name", NameDescription, 1, (o, _) => Str(o["metadata"]?["name"]) ?? string.Empty),
    ];

    private static string? Str(JsonNode? node) => JsonValues.AsString(node);

    private static long Long(JsonNode? node) => JsonValues.TryGetInt64(node, out long l) ? l : 0;

    private static int Count(JsonNode? node) => node switch
    {
        JsonObject o => o.Count,
        JsonArray a => a.Count,
        _ => 0,
    };

    private static long DesiredReplicas(JsonObject o) =>
        o["spec"]?["replicas"] is { } r && JsonValues.TryGetInt64(r, out long l) ? l : 1;

    private static string JoinContainers(JsonObject o, string field) =>
        o["spec"]?["template"]?["spec"]?["containers"] is JsonArray containers
            ? string.Join(",", containers.Select(c => Str(c?[field]) ?? string.Empty))
            : string.Empty;

    private static string Subjects(JsonObject o, string kind) =>
        o["subjects"] is JsonArray subjects
            ? string.Join(", ", subjects
                .Where(s => string.Equals(Str(s?["kind"]), kind, StringComparison.Ordinal))
                .Select(s => kind == "ServiceAccount" ? (Str(s?["namespace"]) ?? string.Empty) + "/" + Str(s?["name"]) : Str(s?["name"]) ?? string.Empty))
            : string.Empty;

    private static string CreatedAtText(string? timestamp) =>
        DateTimeOffset.TryParse(timestamp, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset t)
            ? t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)
            : "0001-01-01T00:00:00Z";

    /// <summary>Label selector text as kubectl shows it: <c>a=b,c in (d,e)</c>.</summary>
    private static string FormatSelector(JsonNode? selector)
    {
        if (selector is not JsonObject s)
        {
            return "<none>";
        }

        var parts = new List<string>();
        if (s["matchLabels"] is JsonObject labels)
        {
            parts.AddRange(labels.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + Str(kv.Value)));
        }

        if (s["matchExpressions"] is JsonArray expressions)
        {
            foreach (JsonObject e in expressions.OfType<JsonObject>())
            {
                string key = Str(e["key"]) ?? string.Empty;
                string values = e["values"] is JsonArray v ? string.Join(",", v.Select(Str)) : string.Empty;
                parts.Add((Str(e["operator"]) ?? string.Empty) switch
                {
                    "In" => $"{key} in ({values})",
                    "NotIn" => $"{key} notin ({values})",
                    "Exists" => key,
                    "DoesNotExist" => "!" + key,
                    _ => key,
                });
            }
        }

        return parts.Count == 0 ? "<none>" : string.Join(",", parts);
    }
}
