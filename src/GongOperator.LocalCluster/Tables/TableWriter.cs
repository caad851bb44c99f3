using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tables;

/// <summary>
/// Writes <c>meta.k8s.io/v1</c> Table responses for get, list and watch events. Rows carry
/// <c>{cells, object}</c> where object is a PartialObjectMetadata with kind, apiVersion and the whole
/// metadata (namespace included). Dates become ages computed at the writer's current time, as the
/// real server sends them (<c>"15s"</c>); a missing JSONPath gives a null cell.
/// </summary>
internal sealed class TableWriter
{
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates a writer for explicit columns (the first is normally <see cref="TableColumns.Name"/>).</summary>
    public TableWriter(IReadOnlyList<TableColumn> columns, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(columns);
        ArgumentNullException.ThrowIfNull(timeProvider);
        Columns = columns;
        _timeProvider = timeProvider;
    }

    /// <summary>The columns, in order.</summary>
    public IReadOnlyList<TableColumn> Columns { get; }

    /// <summary>A writer for a custom resource: Name, then its printer columns (or Age when it has none).</summary>
    public static TableWriter ForCustomResource(IReadOnlyList<PrinterColumn>? printerColumns, TimeProvider timeProvider) =>
        new(TableColumns.ForCustomResource(printerColumns), timeProvider);

    /// <summary>A writer for a built-in kind (Namespace, Secret, ConfigMap, Deployment, … else Name + Age).</summary>
    public static TableWriter ForBuiltIn(string group, string kind, TimeProvider timeProvider) =>
        new(TableColumns.ForBuiltIn(group, kind), timeProvider);

    /// <summary>Parses the <c>includeObject</c> query value (None, Metadata, Object; absent → Metadata).</summary>
    public static IncludeObject ParseIncludeObject(string? value) =>
        value switch
        {
            "None" => IncludeObject.None,
            "Object" => IncludeObject.Object,
            _ => IncludeObject.Metadata,
        };

    /// <summary>The <c>columnDefinitions</c> array.</summary>
    public JsonArray ColumnDefinitions() => new(Columns.Select(c => (JsonNode?)c.Definition()).ToArray());

    /// <summary>A Table for a list; <paramref name="resourceVersion"/> is the list's.</summary>
    public JsonObject WriteList(
        IEnumerable<JsonObject> objects,
        string resourceVersion,
        string? continueToken = null,
        long? remainingItemCount = null,
        IncludeObject include = IncludeObject.Metadata)
    {
        ArgumentNullException.ThrowIfNull(objects);
        var metadata = new JsonObject { ["resourceVersion"] = resourceVersion };
        if (!string.IsNullOrEmpty(continueToken))
        {
            metadata["continue"] = continueToken;
        }

        if (remainingItemCount is not null)
        {
            metadata["remainingItemCount"] = remainingItemCount.Value;
        }

        DateTimeOffset now = _timeProvider.GetUtcNow();
        return Table(metadata, ColumnDefinitions(), new JsonArray(objects.Select(o => (JsonNode?)Row(o, include, now)).ToArray()));
    }

    /// <summary>A one-row Table for a single GET; its resourceVersion is the object's.</summary>
    public JsonObject WriteObject(JsonObject obj, IncludeObject include = IncludeObject.Metadata)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Table(
            new JsonObject { ["resourceVersion"] = (string?)obj["metadata"]?["resourceVersion"] ?? string.Empty },
            ColumnDefinitions(),
            new JsonArray(Row(obj, include, _timeProvider.GetUtcNow())));
    }

    /// <summary>
    /// The Table sent as the object of one watch event: one row; only the first event of a watch
    /// carries column definitions (<paramref name="includeColumnDefinitions"/>), later ones send
    /// <c>"columnDefinitions": null</c> as the real server does.
    /// </summary>
    public JsonObject WriteWatchEvent(JsonObject obj, bool includeColumnDefinitions, IncludeObject include = IncludeObject.Metadata)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return Table(
            new JsonObject { ["resourceVersion"] = (string?)obj["metadata"]?["resourceVersion"] ?? string.Empty },
            includeColumnDefinitions ? ColumnDefinitions() : null,
            new JsonArray(Row(obj, include, _timeProvider.GetUtcNow())));
    }

    /// <summary>One row: <c>{cells, object}</c>.</summary>
    public JsonObject Row(JsonObject obj, IncludeObject include = IncludeObject.Metadata) =>
        Row(obj, include, _timeProvider.GetUtcNow());

    /// <summary>The PartialObjectMetadata of an object (kind, apiVersion, metadata with namespace).</summary>
    public static JsonObject PartialObjectMetadata(JsonObject obj)
    {
        ArgumentNullException.ThrowIfNull(obj);
        return new JsonObject
        {
            ["kind"] = "PartialObjectMetadata",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = obj["metadata"]?.DeepClone() ?? new JsonObject(),
        };
    }

    private JsonObject Row(JsonObject obj, IncludeObject include, DateTimeOffset now)
    {
        var cells = new JsonArray(Columns.Select(c => c.Cell(obj, now)).ToArray());
        var row = new JsonObject { ["cells"] = cells };
        switch (include)
        {
            case IncludeObject.Metadata:
                row["object"] = PartialObjectMetadata(obj);
                break;
            case IncludeObject.Object:
                row["object"] = obj.DeepClone();
                break;
            default:
                break;
        }

        return row;
    }

    private static JsonObject Table(JsonObject metadata, JsonArray? columnDefinitions, JsonArray rows) =>
        new()
        {
            ["kind"] = "Table",
            ["apiVersion"] = "meta.k8s.io/v1",
            ["metadata"] = metadata,
            ["columnDefinitions"] = columnDefinitions,
            ["rows"] = rows,
        };
}
