using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Storage;
using GongOperator.LocalCluster.Validation;

namespace GongOperator.LocalCluster.Server;

/// <summary>
/// Writes through the events.k8s.io/v1 view: the body is converted to the stored core/v1 Event, written
/// as one, and answered in the view's form (<see cref="EventViews"/>), as the real server's conversion does.
/// </summary>
internal sealed class EventsViewWrites : IObjectWrites
{
    private readonly ObjectStore _store;
    private readonly ObjectWriter _writer;
    private readonly ResourceType _coreEvents;

    public EventsViewWrites(ObjectStore store, ObjectWriter writer, ResourceType coreEvents)
    {
        _store = store;
        _writer = writer;
        _coreEvents = coreEvents;
    }

    public WriteResult Create(ResourceType type, string? ns, JsonObject body, WriteOptions options)
    {
        Admission.CheckKind(type, body);

        // Events created through events.k8s.io/v1 must have DNS subdomain names; the stored core form only
        // requires a path segment. The real server reports these with any other metadata cause in one answer,
        // and, as here, names the core kind in it.
        var meta = Json.Metadata(body);
        if (string.IsNullOrEmpty(Json.Text(meta["name"])) && Json.Text(meta["generateName"]) is { Length: > 0 } generateName)
        {
            meta["name"] = NameGenerator.FreeName(generateName, candidate => _store.Get(_coreEvents.StorageKey, ns, candidate) is null)
                ?? throw StatusException.AlreadyExists(_coreEvents, generateName);
        }

        var nameCauses = MetadataRules.NameCauses(meta, NameRules.Subdomain).ToList();
        if (nameCauses.Count > 0)
        {
            throw StatusException.Invalid(_coreEvents, Json.Text(meta["name"]) ?? "", nameCauses);
        }

        return ToView(_writer.Create(_coreEvents, ns, EventViews.ToCore(body), options));
    }

    public WriteResult Update(ResourceType type, string? ns, string name, string? subresource, JsonObject body, WriteOptions options)
    {
        Admission.CheckKind(type, body);
        return ToView(_writer.Update(_coreEvents, ns, name, subresource, EventViews.ToCore(body), options));
    }

    public WriteResult Patch(ResourceType type, string? ns, string name, string? subresource, string mediaType, JsonNode? patch, WriteOptions options)
    {
        if (mediaType == RequestBody.ApplyPatch)
        {
            // Server-side apply tracks fields in the stored form, so the applied configuration is converted first.
            return ToView(_writer.Patch(_coreEvents, ns, name, subresource, mediaType, patch is JsonObject applied ? EventViews.ToCore(applied) : patch, options));
        }

        lock (_store.WriteLock)
        {
            var old = _store.Get(type.StorageKey, ns, name) ?? throw StatusException.NotFound(type, name);
            var patched = ObjectWriter.ApplyPatch(type, EventViews.ToView(old), mediaType, patch);
            ObjectWriter.CheckPatched(type, name, patched, old);
            return ToView(_writer.Write(_coreEvents, ns, name, subresource, EventViews.ToCore(patched), old, options, apply: false));
        }
    }

    private static WriteResult ToView(WriteResult result) => result.With(EventViews.ToView(result.Body));
}
