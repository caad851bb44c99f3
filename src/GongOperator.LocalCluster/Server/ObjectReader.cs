using System.Globalization;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Storage;
using GongOperator.LocalCluster.Strategies;

namespace GongOperator.LocalCluster.Server;

/// <summary>get and list: objects in the form clients see, with resourceVersion semantics, selectors and paging.</summary>
internal sealed class ObjectReader
{
    private readonly ObjectStore _store;
    private readonly ResourceStrategies _strategies;

    public ObjectReader(ObjectStore store, ResourceStrategies strategies)
    {
        _store = store;
        _strategies = strategies;
    }

    /// <summary>An object as clients see it (the kind's <see cref="IResourceStrategy.ForRead"/>).</summary>
    public JsonObject ForRead(ResourceType type, JsonObject stored) => _strategies.For(type).ForRead(stored);

    public JsonObject Get(ResourceType type, string? ns, string name)
    {
        var obj = _store.Get(type.StorageKey, ns, name) ?? throw StatusException.NotFound(type, name);
        return ForRead(type, obj);
    }

    public ListResult List(ResourceType type, string? ns, ListQuery query)
    {
        var (at, startAfter) = Position(query);
        var snapshot = _store.List(type.StorageKey, ns, at);
        if (snapshot is null)
        {
            if (query.Continue is not null)
            {
                throw StatusException.Gone("The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter, or use the continue token in this response to retrieve the remainder of the results. Continuing with the provided token results in an inconsistent list - objects that were created, modified, or deleted between the time the first chunk was returned and now may show up in the list.");
            }

            throw StatusException.Gone($"too old resource version: {at} ({_store.CompactedResourceVersion})");
        }

        var strategy = _strategies.For(type);
        var items = new List<JsonObject>();
        long? remaining = null;
        var limit = query.Limit is > 0 ? query.Limit.Value : int.MaxValue;
        var exactName = query.Fields.ExactName;
        string? lastKey = null;
        foreach (var (key, obj) in snapshot.Items)
        {
            if (startAfter is not null && string.CompareOrdinal(key, startAfter) <= 0)
            {
                continue;
            }

            if (exactName is not null && !key.EndsWith("/" + exactName, StringComparison.Ordinal))
            {
                continue;
            }

            var view = strategy.ForRead(obj);
            if (!query.Labels.Matches(view) || !query.Fields.Matches(view))
            {
                continue;
            }

            if (items.Count >= limit)
            {
                remaining = (remaining ?? 0) + 1;
                continue;
            }

            items.Add(view);
            lastKey = key;
        }

        var next = remaining is not null && lastKey is not null ? ContinueToken.Encode(snapshot.ResourceVersion, lastKey) : null;
        return new ListResult(snapshot.ResourceVersion, items, next, remaining);
    }

    /// <summary>Where a list starts: the resourceVersion to read at (null = now) and the key to continue after.</summary>
    private static (long? At, string? StartAfter) Position(ListQuery query)
    {
        if (!string.IsNullOrEmpty(query.Continue))
        {
            var (rv, startAfter) = ContinueToken.Decode(query.Continue);
            return (rv, startAfter);
        }

        if (!string.IsNullOrEmpty(query.ResourceVersionMatch))
        {
            if (string.IsNullOrEmpty(query.ResourceVersion))
            {
                throw StatusException.ListOptionsInvalid("resourceVersionMatch", "Forbidden: resourceVersionMatch is forbidden unless resourceVersion is provided", "FieldValueForbidden");
            }

            var rv = ParseResourceVersion(query.ResourceVersion);
            return query.ResourceVersionMatch switch
            {
                "Exact" => (rv, null),
                "NotOlderThan" => (null, null),
                _ => throw StatusException.ListOptionsInvalid("resourceVersionMatch", $"Unsupported value: \"{query.ResourceVersionMatch}\": supported values: \"Exact\", \"NotOlderThan\", \"\"", "FieldValueNotSupported"),
            };
        }

        if (!string.IsNullOrEmpty(query.ResourceVersion))
        {
            ParseResourceVersion(query.ResourceVersion);
        }

        return (null, null);
    }

    private static long ParseResourceVersion(string text)
    {
        if (!long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var rv))
        {
            throw StatusException.ListOptionsInvalid("resourceVersion", $"Invalid value: \"{text}\": must be a non-negative integer", "FieldValueInvalid");
        }

        return rv;
    }
}
