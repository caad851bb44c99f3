using System.Collections.Concurrent;
using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;

namespace GongOperator.Reconciliation;

/// <summary>
/// Registrations handed to the Gong client and not yet answered, one per origin. A reconcile never waits for Gong:
/// it starts a registration here and returns, so every origin due for a company is waiting in the client at once
/// and leaves in one batched POST, whatever the number of workers. When Gong answers, the origin is enqueued again
/// and the next reconcile writes the outcome.
/// </summary>
public sealed class PendingRegistrations
{
    private readonly ConcurrentDictionary<ObjectKey, PendingRegistration> _pending = new();

    /// <summary>Called (from the client's completion) with the key of an answered registration.</summary>
    public Action<ObjectKey>? Answered { get; set; }

    /// <summary>Registrations in flight.</summary>
    public int Count => _pending.Count;

    /// <summary>Starts <paramref name="registration"/> for <paramref name="key"/> unless one is already in flight.</summary>
    public void Start(ObjectKey key, PendingRegistration registration)
    {
        ArgumentNullException.ThrowIfNull(registration);
        if (_pending.TryAdd(key, registration))
        {
            registration.Outcome.ContinueWith(_ => Answered?.Invoke(key), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
    }

    /// <summary>The registration in flight or answered for <paramref name="key"/>, if any.</summary>
    public PendingRegistration? Find(ObjectKey key) => _pending.TryGetValue(key, out var pending) ? pending : null;

    /// <summary>Forgets <paramref name="key"/>'s registration once its outcome is written (or no longer wanted).</summary>
    public void Remove(ObjectKey key) => _pending.TryRemove(key, out _);
}

/// <summary>One registration in flight: what was sent, for which generation and credentials, and Gong's answer to come.</summary>
public sealed record PendingRegistration(long Generation, OriginRegistration Sent, Credentials Credentials, string? ReassertToken, Task<RegistrationOutcome> Outcome);
