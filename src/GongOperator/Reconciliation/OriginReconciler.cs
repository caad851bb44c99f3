using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Events;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Status;
using GongOperator.Resources;
using k8s;
using Microsoft.Extensions.Logging;

namespace GongOperator.Reconciliation;

/// <summary>
/// Reconciles one GongIntegrationOrigin: plans from the cached object (no I/O), calls Gong only when the plan says
/// so, writes the outcome into status (conflict-safe) and records an Event on every state change. The requeue comes
/// from planning again on the written object, so waits, re-assertion and backoff all follow from status alone.
/// </summary>
public sealed class OriginReconciler(
    Informer<GongIntegrationOrigin> origins,
    PendingRegistrations pending,
    CredentialsResolver credentials,
    RegistrationPlanner planner,
    IGongRegistrar registrar,
    StatusWriter<GongIntegrationOrigin> statusWriter,
    EventRecorder events,
    OperatorMetrics metrics,
    ILogger<OriginReconciler> logger,
    TimeProvider time) : IReconciler
{
    /// <summary>The shortest requeue, so a plan that still says "register" after a write cannot spin.</summary>
    private static readonly TimeSpan MinimumRequeue = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var cached = origins.Get(key);
        if (cached is null || cached.Metadata.DeletionTimestamp is not null)
        {
            // Incremental mode holds no finalizer: deletion only stops management (the informer's delete handler records it).
            pending.Remove(key);
            return ReconcileResult.Done;
        }

        var origin = Copy(cached);
        var resolved = credentials.Resolve(origin);
        if (pending.Find(key) is { } inFlight)
        {
            if (!inFlight.Outcome.IsCompleted)
            {
                // Gong has not answered yet; its answer enqueues this key again.
                return ReconcileResult.Done;
            }

            pending.Remove(key);

            // A registration cancelled (lease lost, shutdown) is simply planned again; one that failed in an unexpected
            // way counts as Gong being unavailable, so the normal backoff applies instead of an immediate retry.
            if (!inFlight.Outcome.IsCanceled && SameRequest(inFlight, origin))
            {
                var outcome = inFlight.Outcome.IsCompletedSuccessfully
                    ? inFlight.Outcome.Result
                    : Unavailable.UnexpectedClientFailure(inFlight.Outcome.Exception!.InnerException!.GetType().Name);
                return await WriteOutcomeAsync(key, origin, inFlight, outcome, cancellationToken).ConfigureAwait(false);
            }
        }

        var now = time.GetUtcNow();
        var plan = planner.Plan(origin, resolved.Version, now);
        Log.Planned(logger, key, plan);
        switch (plan)
        {
            case RegistrationPlan.Paused:
                await WriteAsync(key, origin, o => OriginStatusRules.Paused(o, now), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            case RegistrationPlan.Invalid invalid:
                await WriteAsync(key, origin, o => OriginStatusRules.InvalidSpec(o, invalid.Message, now), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            case RegistrationPlan.Register when resolved.Company is null:
                var written = await WriteAsync(key, origin, o => OriginStatusRules.CredentialsProblem(o, resolved, now), cancellationToken).ConfigureAwait(false);
                return written is null ? ReconcileResult.Done : After(planner.Plan(written, resolved.Version, time.GetUtcNow()), time.GetUtcNow());
            case RegistrationPlan.Register register:
                Log.Registering(logger, key, origin.Spec.AllowedOrigin, origin.Spec.IntegrationType, register.Why);
                var sent = new OriginRegistration(origin.Spec.IntegrationType, origin.Spec.AllowedOrigin);

                // The reconcile token ends when this replica stops acting (lease lost, or the graceful bound of a stop):
                // a registration still waiting for budget then never goes out.
                pending.Start(key, origin.Metadata.Generation ?? 1, sent, resolved, ReassertToken(origin), token => registrar.RegisterAsync(resolved.Company!, sent, token), cancellationToken);
                return ReconcileResult.Done;
            case RegistrationPlan.UpToDate or RegistrationPlan.Wait:
                // Nothing to send; a Paused reason left from an annotation that is gone is replaced now.
                await WriteAsync(key, origin, o => OriginStatusRules.Unpaused(o, now), cancellationToken).ConfigureAwait(false);
                return After(plan, now);
            default:
                return After(plan, now);
        }
    }

    private async Task<ReconcileResult> WriteOutcomeAsync(ObjectKey key, GongIntegrationOrigin origin, PendingRegistration registration, RegistrationOutcome outcome, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Log.Outcome(logger, key, outcome.GetType().Name, outcome.RequestId);
        }

        var now = time.GetUtcNow();
        if (OriginReasons.For(outcome).CountsAsSuccess)
        {
            metrics.RegistrationSucceeded(now);
        }

        // On a conflict the writer re-reads: if the spec moved on meanwhile, this answer is about an older request and is
        // not written (the next pass registers the new spec).
        var stale = false;
        var written = await WriteAsync(
            key,
            origin,
            o =>
            {
                stale = !SameRequest(registration, o);
                return stale ? new StatusChange(false, null) : OriginStatusRules.ApplyOutcome(o, outcome, registration.Credentials, registration.ReassertToken, now);
            },
            cancellationToken).ConfigureAwait(false);
        if (written is null)
        {
            return ReconcileResult.Done;
        }

        return stale ? ReconcileResult.RequeueAfter(MinimumRequeue) : After(planner.Plan(written, registration.Credentials.Version, time.GetUtcNow()), time.GetUtcNow());
    }

    /// <summary>An answer is written only if it is still about the object as it is now (same generation and request).</summary>
    private static bool SameRequest(PendingRegistration registration, GongIntegrationOrigin origin) =>
        registration.Generation == (origin.Metadata.Generation ?? 1)
        && registration.Sent == new OriginRegistration(origin.Spec.IntegrationType, origin.Spec.AllowedOrigin);

    private static string? ReassertToken(GongIntegrationOrigin origin) =>
        origin.Metadata.Annotations?.TryGetValue(OriginAnnotations.Reassert, out var token) == true ? token : null;

    private static ReconcileResult After(RegistrationPlan plan, DateTimeOffset now) => plan switch
    {
        RegistrationPlan.UpToDate { RecheckAt: { } at } => ReconcileResult.RequeueAfter(Max(at - now, MinimumRequeue)),
        RegistrationPlan.Wait wait => ReconcileResult.RequeueAfter(Max(wait.Until - now, MinimumRequeue)),
        RegistrationPlan.Register => ReconcileResult.RequeueAfter(MinimumRequeue),
        _ => ReconcileResult.Done,
    };

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>
    /// Applies <paramref name="step"/> to <paramref name="origin"/> (a private copy) and writes status when it changed;
    /// on a conflict the writer re-reads and the step is applied again to the fresh object. Records the step's Event.
    /// </summary>
    private async Task<GongIntegrationOrigin?> WriteAsync(ObjectKey key, GongIntegrationOrigin origin, Func<GongIntegrationOrigin, StatusChange> step, CancellationToken cancellationToken)
    {
        OriginEvent? evt = null;
        var written = await statusWriter.UpdateAsync(
            key,
            o =>
            {
                var change = step(o);
                evt = change.Event;
                return change.Changed;
            },
            cancellationToken,
            origin).ConfigureAwait(false);
        if (written is not null && evt is not null)
        {
            await events.RecordAsync(written, evt.Type, evt.Reason, evt.Message, cancellationToken).ConfigureAwait(false);
        }

        return written;
    }

    private static GongIntegrationOrigin Copy(GongIntegrationOrigin origin) =>
        KubernetesJson.Deserialize<GongIntegrationOrigin>(KubernetesJson.Serialize(origin));
}
