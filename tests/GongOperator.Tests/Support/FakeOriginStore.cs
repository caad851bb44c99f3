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
/// whose re-read sees another version of the object) and the Events it records. The cache follows every write unless
/// <see cref="CacheLags"/> holds it back, as an informer does until the watch event of a write arrives.
/// </summary>
public sealed class FakeOriginStore : IObjectReader<GongIntegrationOrigin>, IStatusWriter<GongIntegrationOrigin>, IEventRecorder
{
    private readonly Dictionary<ObjectKey, GongIntegrationOrigin> _stored = [];
    private readonly Dictionary<ObjectKey, GongIntegrationOrigin> _cache = [];
    private readonly HashSet<ObjectKey> _written = [];
    private int _version;

    public List<(string Type, string Reason, string Message)> Events { get; } = [];

    public int StatusWrites { get; private set; }

    /// <summary>Reads of the stored object made because the cache had not caught up with a write.</summary>
    public int LiveReads { get; private set; }

    /// <summary>When set, the next status write conflicts and the writer's re-read returns this object (then it is cleared).</summary>
    public GongIntegrationOrigin? ConflictWith { get; set; }

    /// <summary>When set, the next status write throws this (then it is cleared), as an unavailable API server would.</summary>
    public Exception? WriteFailure { get; set; }

    /// <summary>When true, status writes reach the stored object but not the cache, until <see cref="CatchUp"/>.</summary>
    public bool CacheLags { get; set; }

    /// <summary>Stores <paramref name="origin"/> (as a write by someone else) and shows it in the cache.</summary>
    public void Put(GongIntegrationOrigin origin)
    {
        var key = ObjectKey.From(origin);
        origin.Metadata.ResourceVersion = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _stored[key] = origin;
        _cache[key] = Copy(origin)!;
    }

    public void Delete(ObjectKey key)
    {
        _stored.Remove(key);
        _cache.Remove(key);
    }

    /// <summary>The cache sees every write made so far.</summary>
    public void CatchUp()
    {
        foreach (var (key, stored) in _stored)
        {
            _cache[key] = Copy(stored)!;
        }
    }

    public GongIntegrationOrigin? Get(ObjectKey key) => _cache.GetValueOrDefault(key);

    /// <summary>The object as stored (what a live read would return).</summary>
    public GongIntegrationOrigin? Stored(ObjectKey key) => Copy(_stored.GetValueOrDefault(key));

    public Task<GongIntegrationOrigin?> UpdateAsync(ObjectKey key, Func<GongIntegrationOrigin, bool> mutate, CancellationToken cancellationToken, GongIntegrationOrigin? current = null)
    {
        var obj = current ?? Copy(_stored.GetValueOrDefault(key));
        if (obj is null)
        {
            return Task.FromResult<GongIntegrationOrigin?>(null);
        }

        if (!mutate(obj))
        {
            return Task.FromResult<GongIntegrationOrigin?>(obj);
        }

        if (WriteFailure is { } failure)
        {
            WriteFailure = null;
            return Task.FromException<GongIntegrationOrigin?>(failure);
        }

        if (ConflictWith is { } fresh)
        {
            ConflictWith = null;
            Put(fresh);
            return UpdateAsync(key, mutate, cancellationToken);
        }

        StatusWrites++;
        var stored = Copy(obj)!;
        stored.Metadata.ResourceVersion = (++_version).ToString(System.Globalization.CultureInfo.InvariantCulture);
        _stored[key] = stored;
        _written.Add(key);
        if (!CacheLags)
        {
            _cache[key] = Copy(stored)!;
        }

        return Task.FromResult<GongIntegrationOrigin?>(Copy(stored));
    }

    public Task<GongIntegrationOrigin?> ReadYourWritesAsync(ObjectKey key, GongIntegrationOrigin cached, CancellationToken cancellationToken)
    {
        if (!_written.Contains(key) || _stored.GetValueOrDefault(key)?.Metadata.ResourceVersion == cached.Metadata.ResourceVersion)
        {
            return Task.FromResult<GongIntegrationOrigin?>(cached);
        }

        LiveReads++;
        return Task.FromResult(Stored(key));
    }

    public void Forget(ObjectKey key) => _written.Remove(key);

    public Task RecordAsync(IKubernetesObject<V1ObjectMeta> obj, string type, string reason, string message, CancellationToken cancellationToken)
    {
        Events.Add((type, reason, message));
        return Task.CompletedTask;
    }

    private static GongIntegrationOrigin? Copy(GongIntegrationOrigin? origin) =>
        origin is null ? null : KubernetesJson.Deserialize<GongIntegrationOrigin>(KubernetesJson.Serialize(origin));
}
