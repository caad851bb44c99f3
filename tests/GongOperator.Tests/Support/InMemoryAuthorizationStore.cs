using System.Collections.Concurrent;
using System.Globalization;
using GongOperator.Kubernetes.Controllers;
using GongOperator.OAuth;

namespace GongOperator.Tests.Support;

/// <summary>The state Secrets as an API server keeps them: a version per write, and a conflict for a stale one. <see cref="BeforeWrite"/> lets a test stop a process between Gong's answer and the save.</summary>
internal sealed class InMemoryAuthorizationStore : IAuthorizationStore
{
    private readonly ConcurrentDictionary<ObjectKey, StoredAuthorization> _states = new();
    private readonly Lock _gate = new();
    private int _version;

    /// <summary>Called with each state about to be written; may throw or wait.</summary>
    public Func<AuthorizationState, Task>? BeforeWrite { get; set; }

    public StoredAuthorization? Get(ObjectKey seed) => _states.GetValueOrDefault(seed);

    public Task<StoredAuthorization?> ReadAsync(ObjectKey seed, CancellationToken cancellationToken) => Task.FromResult(_states.GetValueOrDefault(seed));

    public async Task<StoredAuthorization> WriteAsync(ObjectKey seed, AuthorizationState state, string? version, CancellationToken cancellationToken)
    {
        if (BeforeWrite is { } hook)
        {
            await hook(state);
        }

        lock (_gate)
        {
            var current = _states.GetValueOrDefault(seed);
            if (current?.Version != version)
            {
                throw new AuthorizationConflictException();
            }

            var stored = new StoredAuthorization(state, (++_version).ToString(CultureInfo.InvariantCulture));
            _states[seed] = stored;
            return stored;
        }
    }
}
