using GongOperator.Kubernetes.Controllers;

namespace GongOperator.OAuth;

/// <summary>Where the operator keeps each authorization's state: a Secret of its own per seed (<see cref="SecretAuthorizationStore"/>).</summary>
public interface IAuthorizationStore
{
    /// <summary>Reads the state of the authorization named by <paramref name="seed"/> from the API server (not a cache); null when there is none.</summary>
    Task<StoredAuthorization?> ReadAsync(ObjectKey seed, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the state: creates it when <paramref name="version"/> is null, else replaces exactly that version.
    /// Throws <see cref="AuthorizationConflictException"/> when someone else wrote it first.
    /// </summary>
    Task<StoredAuthorization> WriteAsync(ObjectKey seed, AuthorizationState state, string? version, CancellationToken cancellationToken);
}
