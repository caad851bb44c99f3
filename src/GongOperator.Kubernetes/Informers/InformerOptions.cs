namespace GongOperator.Kubernetes.Informers;

/// <summary>Scope and timing of an <see cref="Informer{T}"/>; defaults follow client-go's reflector.</summary>
public sealed record InformerOptions
{
    /// <summary>Name used in logs and health reports. Default: the type name.</summary>
    public string? Name { get; set; }

    /// <summary>Namespaces to watch (one list+watch each); empty means all namespaces.</summary>
    public IReadOnlyList<string> Namespaces { get; set; } = [];

    /// <summary>Label selector applied server-side, for example "app=x,tier!=db". Null for all objects.</summary>
    public string? LabelSelector { get; set; }

    /// <summary>Replays the cache to the handlers as updates at this period (local, no server call). Null disables it.</summary>
    public TimeSpan? ResyncPeriod { get; set; }

    /// <summary>Page size of a relist. Default 500 (client-go).</summary>
    public int PageSize { get; set; } = 500;

    /// <summary>Lower bound of the random watch timeoutSeconds. Default 300 s (client-go picks 5–10 min).</summary>
    public TimeSpan MinWatchTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Upper bound of the random watch timeoutSeconds. Default 600 s.</summary>
    public TimeSpan MaxWatchTimeout { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// A watch that delivers nothing (not even a bookmark) for its timeout plus this grace is taken as stalled and
    /// restarted. Default 30 s.
    /// </summary>
    public TimeSpan StallGrace { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>First wait before re-connecting after a failed list or watch. Default 800 ms (client-go).</summary>
    public TimeSpan InitialBackoff { get; set; } = TimeSpan.FromMilliseconds(800);

    /// <summary>
    /// Keep <c>metadata.managedFields</c> in the cache. Default false, as controller-runtime's cache: server-side apply's
    /// bookkeeping is often the largest part of a small object, no reconciler reads it, and an update that leaves it
    /// out keeps what the server has.
    /// </summary>
    public bool KeepManagedFields { get; set; }

    /// <summary>Cap of the re-connect back-off. Default 30 s (client-go).</summary>
    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromSeconds(30);
}
