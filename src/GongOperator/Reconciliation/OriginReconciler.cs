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
/// Reconciles one GongIntegrationOrigin, as thin I/O around the planner: reads the cache, resolves the credentials,
/// asks <see cref="RegistrationPlanner"/> what to do, and does it — writes status (conflict-safe) with an Event on
/// every state change, or hands a registration to the Gong client without waiting for it. The requeue comes from
/// planning the written object, so waits, re-assertion and backoff all follow from status alone.
/// </summary>
public sealed class OriginReconciler(
    IObjectReader<GongIntegrationOrigin> origins,
    PendingRegistrations pending,
    CredentialsResolver credentials,
    RegistrationPlanner planner,
    OriginRegistrar registrar,
    IStatusWriter<GongIntegrationOrigin> statusWriter,
    IEventRecorder events,
    OperatorMetrics metrics,
    ILogger<OriginReconciler> logger,
    TimeProvider time,
    IFinalizerWriter? finalizers = null) : IReconciler
{
    /// <summary>Event reason: fullSet removed a deleted origin from Gong.</summary>
    public const string RemovedFromGong = "RemovedFromGong";

    /// <summary>Event reason: fullSet could not yet remove a deleted origin from Gong.</summary>
    public const string RemovalFailed = "RemovalFailed";

    /// <inheritdoc />
    public async Task<ReconcileResult> ReconcileAsync(ObjectKey key, CancellationToken cancellationToken)
    {
        var cached = origins.Get(key);

        // The cache may not have seen this replica's last status write yet (the watch event is on its way): planning on
        // the older status would register an origin a second time, so the write is read back instead.
        var origin = cached is null ? null : await statusWriter.ReadYourWritesAsync(key, Copy(cached), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        if (origin is null || origin.Metadata.DeletionTimestamp is not null)
        {
            return await DeleteAsync(key, origin, now, cancellationToken).ConfigureAwait(false);
        }

        var resolved = credentials.Resolve(origin);
        var inFlight = pending.Find(key);
        var plan = planner.Plan(origin, resolved, inFlight, now);
        Log.Planned(logger, key, plan);
        if (inFlight is { Outcome.IsCompleted: true } && plan is not RegistrationPlan.WriteAnswer)
        {
            // An answer about an older spec, or a cancelled registration: planned past, so forgotten.
            pending.Remove(key);
        }

        switch (plan)
        {
            case RegistrationPlan.WriteAnswer answer:
                var result = await WriteAnswerAsync(key, origin, answer.Registration, answer.Outcome, now, cancellationToken).ConfigureAwait(false);

                // Forgotten only once written: a write that failed (the API server unavailable) is retried with the same
                // answer, not with a second Gong call.
                pending.Remove(key);
                return result;
            case RegistrationPlan.Paused:
                await WriteAsync(key, origin, o => OriginStatusRules.Paused(o, now), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            case RegistrationPlan.Invalid invalid:
                await WriteAsync(key, origin, o => OriginStatusRules.InvalidSpec(o, invalid.Message, now), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            case RegistrationPlan.FixCredentials:
                var written = await WriteAsync(key, origin, o => OriginStatusRules.CredentialsProblem(o, resolved, now), cancellationToken).ConfigureAwait(false);
                return written is null ? ReconcileResult.Done : RequeueFor(planner.Plan(written, resolved.Version, now), now);
            case RegistrationPlan.NotAllowed refused:
                await WriteAsync(key, origin, o => OriginStatusRules.NotAllowed(o, resolved, refused.Reason, refused.Problem, now), cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            case RegistrationPlan.Register register:
                Log.Registering(logger, key, origin.Spec.AllowedOrigin, origin.Spec.IntegrationType, register.Why);
                var sent = new OriginRegistration(origin.Spec.IntegrationType, origin.Spec.AllowedOrigin);

                // Whatever was still in flight (a removal of a deletion no longer under way) was planned past.
                pending.Remove(key);

                // The reconcile token ends when this replica stops acting (lease lost, or the graceful bound of a stop):
                // a registration still waiting for budget then never goes out.
                pending.Start(key, origin.Generation(), sent, resolved, origin.ReassertToken(), token => registrar.RegisterAsync(resolved, sent, token), cancellationToken);
                return ReconcileResult.Done;
            case RegistrationPlan.Hold or RegistrationPlan.Release:
                // The patch changes the object: its watch event brings the next reconcile, which plans the new version.
                await PatchFinalizerAsync(key, origin, plan, cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            case RegistrationPlan.Unpause:
                await WriteAsync(key, origin, o => OriginStatusRules.Unpaused(o, now), cancellationToken).ConfigureAwait(false);
                return RequeueFor(plan, now);
            default:
                return RequeueFor(plan, now);
        }
    }

    /// <summary>
    /// A gone or deleting origin: forgotten, or (fullSet, the finalizer held) the company's set sent without it and
    /// the finalizer released once Gong accepted that, as the planner says.
    /// </summary>
    private async Task<ReconcileResult> DeleteAsync(ObjectKey key, GongIntegrationOrigin? origin, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var resolved = origin is null ? null : credentials.Resolve(origin);
        var inFlight = pending.Find(key);
        var plan = planner.PlanDeletion(origin, resolved, inFlight, now);
        Log.Planned(logger, key, plan);
        if (inFlight is not null && plan is not (RegistrationPlan.AwaitAnswer or RegistrationPlan.Release { RemovedFromGong: true }))
        {
            // A registration of the live object, or an answered removal: planned past, so forgotten.
            pending.Remove(key);
        }

        switch (plan)
        {
            case RegistrationPlan.SendSetWithout:
                var company = resolved!.Company!;
                pending.Start(key, RegistrationPlanner.RemovalGeneration, new OriginRegistration(origin!.Spec.IntegrationType, origin.Spec.AllowedOrigin), resolved, null, token => registrar.SendSetAsync(company, token), cancellationToken);
                return ReconcileResult.Done;
            case RegistrationPlan.Release { RemovedFromGong: true }:
                await PatchFinalizerAsync(key, origin!, plan, cancellationToken).ConfigureAwait(false);
                await events.RecordAsync(origin!, EventTypes.Normal, RemovedFromGong, $"Gong accepted the company's set without {origin!.Spec.AllowedOrigin} for {origin.Spec.IntegrationType}; the deletion is released.", cancellationToken).ConfigureAwait(false);

                // Forgotten only once released: a patch that failed is retried with the same answer, not a second call.
                pending.Remove(key);
                return ReconcileResult.Done;
            case RegistrationPlan.Release:
                await PatchFinalizerAsync(key, origin!, plan, cancellationToken).ConfigureAwait(false);
                return ReconcileResult.Done;
            case RegistrationPlan.RemovalFailed failed:
                await events.RecordAsync(origin!, EventTypes.Warning, RemovalFailed, $"Gong did not accept the company's set without {origin!.Spec.AllowedOrigin} ({failed.Outcome.GetType().Name}); the deletion waits and is tried again.", cancellationToken).ConfigureAwait(false);
                return RequeueFor(new RegistrationPlan.Wait(failed.RetryAt), now);
            case RegistrationPlan.Forget:
                // Without the finalizer deletion only stops management (the informer's delete handler records it).
                statusWriter.Forget(key);
                return ReconcileResult.Done;
            default:
                return RequeueFor(plan, now);
        }
    }

    /// <summary>Adds (<see cref="RegistrationPlan.Hold"/>) or releases the fullSet finalizer.</summary>
    private Task PatchFinalizerAsync(ObjectKey key, GongIntegrationOrigin origin, RegistrationPlan plan, CancellationToken cancellationToken)
    {
        var writer = finalizers ?? throw new InvalidOperationException("The fullSet finalizer needs an IFinalizerWriter in the container.");
        return plan is RegistrationPlan.Release release
            ? writer.ReleaseAsync(key, origin, release.RemovedFromGong, cancellationToken)
            : writer.AddAsync(key, origin, cancellationToken);
    }

    private async Task<ReconcileResult> WriteAnswerAsync(ObjectKey key, GongIntegrationOrigin origin, PendingRegistration registration, RegistrationOutcome outcome, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (logger.IsEnabled(LogLevel.Information))
        {
            Log.Outcome(logger, key, outcome.GetType().Name, outcome.RequestId);
        }

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
                stale = !RegistrationPlanner.AnswerStillApplies(registration, o);
                return stale ? new StatusChange(false, null) : OriginStatusRules.ApplyOutcome(o, outcome, registration.Credentials, registration.ReassertToken, now);
            },
            cancellationToken).ConfigureAwait(false);
        if (written is null)
        {
            return ReconcileResult.Done;
        }

        return stale
            ? ReconcileResult.RequeueAfter(RegistrationPlanner.MinimumRequeue)
            : RequeueFor(planner.Plan(written, registration.Credentials.Version, now), now);
    }

    private static ReconcileResult RequeueFor(RegistrationPlan plan, DateTimeOffset now) =>
        RegistrationPlanner.RequeueAfter(plan, now) is { } delay ? ReconcileResult.RequeueAfter(delay) : ReconcileResult.Done;

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
