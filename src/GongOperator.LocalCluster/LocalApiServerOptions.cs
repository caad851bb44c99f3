using Microsoft.Extensions.Logging;

namespace GongOperator.LocalCluster;

/// <summary>How to start the embedded Kubernetes API server.</summary>
public sealed record LocalApiServerOptions
{
    /// <summary>Default request body limit: 3 MiB, as Kubernetes.</summary>
    public const long DefaultMaxRequestBodyBytes = 3 * 1024 * 1024;

    /// <summary>Where objects (snapshot + write-ahead log) and the kubeconfig live; null keeps everything in memory (kubeconfig in a temp dir).</summary>
    public string? StateDir { get; init; }

    /// <summary>Port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    /// <summary>Serve HTTPS with a freshly generated self-signed CA (written into the kubeconfig).</summary>
    public bool Https { get; init; }

    /// <summary>
    /// Bearer token clients authenticate with; null generates a random one. Required over HTTPS; over
    /// plain HTTP a request without credentials is also accepted (a wrong token never is).
    /// </summary>
    public string? Token { get; init; }

    /// <summary>Clock for timestamps, watch timeouts and bookmarks.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Bodies above this many bytes get 413 (default 3 MiB).</summary>
    public long MaxRequestBodyBytes { get; init; } = DefaultMaxRequestBodyBytes;

    /// <summary>How often an idle watch with allowWatchBookmarks gets a BOOKMARK (default 5 s).</summary>
    public TimeSpan BookmarkInterval { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>The <see cref="CrdStorageSwapWindow"/> that <c>gong-operator local</c> and <c>apiserver</c> use: 200 ms.</summary>
    public static readonly TimeSpan StandardCrdStorageSwapWindow = TimeSpan.FromMilliseconds(200);

    /// <summary>
    /// After a CRD update that changes its spec (a new schema, versions, names…), kube-apiserver swaps the
    /// resource's storage: requests caught on the old storage are answered 503 "apiserver is shutting down"
    /// with <c>Retry-After: 1</c>, and the watches open on it end. The embedded server answers every request
    /// for the CRD's resources so for this long after such an update and then ends the watches that were
    /// open. Off (<see cref="TimeSpan.Zero"/>) unless set: a server opts in, as the <c>local</c> and
    /// <c>apiserver</c> commands do with <see cref="StandardCrdStorageSwapWindow"/>, until every client in the
    /// test suites retries a 503.
    /// </summary>
    public TimeSpan CrdStorageSwapWindow { get; init; }

    /// <summary>Logging for request failures; null logs nothing.</summary>
    public ILoggerFactory? LoggerFactory { get; init; }
}
