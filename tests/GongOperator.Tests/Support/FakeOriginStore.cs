using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Events;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Status;
using GongOperator.Resources;
using k8s;
using k8s.Models;

namespace GongOperator.Tests.Support;

/// <summary>
/// The reconciler's view of the cluster, in memory: the cache it reads, the status writer (with an optional conflict
/// whose re-read sees another version of the object) and the Events it records.
/// </summary>
public sealed class FakeOriginStore : IObjectReader<GongIntegrationOrigin>, IStatusWriter<GongIntegrationOrigin>, IEventRecorder
{
    private readonly Dictionary<ObjectKey, GongIntegrationOrigin> _objects = [];

    public List<(string Type, string Reason, string Message)> Events { get; } = [];

    public int StatusWrites { get; private set; }

    /// <summary>When set, the next status write conflicts and the writer's re-read returns this object (then it is cleared).</summary>
    public GongIntegrationOrigin? ConflictWith { get; set; }

    public void Put(GongIntegrationOrigin origin) => _objects[ObjectKey.From(origin)] = origin;

    public void Delete(ObjectKey key) => _objects.Remove(key);

    public GongIntegrationOrigin? Get(ObjectKey key) => _objects.GetValueOrDefault(key);

    public Task<GongIntegrationOrigin?> UpdateAsync(ObjectKey key, Func<GongIntegrationOrigin, bool> mutate, CancellationToken cancellationToken, GongIntegrationOrigin? current = null)
    {
        var obj = current ?? Copy(_objects.GetValueOrDefault(key));
        if (obj is null)
        {
            return Task.FromResult<GongIntegrationOrigin?>(null);
        }

        if (!mutate(obj))
        {
            return Task.FromResult<GongIntegrationOrigin?>(obj);
        }

        if (ConflictWith is { } fresh)
        {
            ConflictWith = null;
            _objects[key] = fresh;
            return UpdateAsync(key, mutate, cancellationToken);
        }

        StatusWrites++;
        var stored = Copy(obj)!;
        _objects[key] = stored;
        return Task.FromResult<GongIntegrationOrigin?>(Copy(stored));
    }

    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> obj, string type, string reason, string message, CancellationToken cancellationToken)
    {
        Events.Add((type, reason, message));
        return Task.CompletedTask;
    }

    private static GongIntegrationOrigin? Copy(GongIntegrationOrigin? origin) =>
        origin is null ? null : KubernetesJson.Deserialize<GongIntegrationOrigin>(KubernetesJson.Serialize(origin));
}
