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

    /// <summary>
    /// Starts a registration for <paramref name="key"/> unless one is in flight, with a token that ends with
    /// <paramref name="acting"/> or when the entry is removed.
    /// </summary>
    public void Start(ObjectKey key, long generation, OriginRegistration sent, Credentials credentials, string? reassertToken, Func<CancellationToken, Task<RegistrationOutcome>> register, CancellationToken acting)
    {
        ArgumentNullException.ThrowIfNull(register);
        if (_pending.ContainsKey(key))
        {
            return;
        }

        var cancel = CancellationTokenSource.CreateLinkedTokenSource(acting);
        var registration = new PendingRegistration(generation, sent, credentials, reassertToken, register(cancel.Token), cancel);
        if (!_pending.TryAdd(key, registration))
        {
            cancel.Cancel();
            cancel.Dispose();
            return;
        }

        registration.Outcome.ContinueWith(
            _ =>
            {
                cancel.Dispose();
                Answered?.Invoke(key);
            },
            CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously,
            TaskScheduler.Default);
    }

    /// <summary>
    /// Waits until every registration handed to Gong has been answered and written (or <paramref name="cancellationToken"/>
    /// ends the wait), so a graceful stop does not drop answers to calls already made.
    /// </summary>
    public async Task DrainAsync(TimeProvider time, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(time);
        while (!_pending.IsEmpty)
        {
            // Answers are written by the next reconcile of each key, so re-check shortly after any answer arrives.
            var unanswered = _pending.Values.Select(p => p.Outcome).Where(t => !t.IsCompleted).ToList();
            var wake = unanswered.Count > 0 ? Task.WhenAny(unanswered) : Task.CompletedTask;
            await Task.WhenAll(wake, Task.Delay(TimeSpan.FromMilliseconds(50), time, cancellationToken)).WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The registration in flight or answered for <paramref name="key"/>, if any.</summary>
    public PendingRegistration? Find(ObjectKey key) => _pending.TryGetValue(key, out var pending) ? pending : null;

    /// <summary>Forgets <paramref name="key"/>'s registration (written, or no longer wanted); one still waiting is cancelled.</summary>
    public void Remove(ObjectKey key)
    {
        if (_pending.TryRemove(key, out var registration) && !registration.Outcome.IsCompleted)
        {
            try
            {
                registration.Cancellation.Cancel();
            }
            catch (ObjectDisposedException)
            {
                // Answered meanwhile.
            }
        }
    }
}
