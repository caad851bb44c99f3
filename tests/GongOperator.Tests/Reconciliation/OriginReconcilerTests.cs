using System.Text;
using GongOperator.Gong;
using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Status;
using GongOperator.OAuth;
using GongOperator.Reconciliation;
using GongOperator.Resources;
using GongOperator.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Tests.Reconciliation;

/// <summary>The reconciler against an in-memory cache, status writer and Gong client: what it writes, calls and requeues.</summary>
public sealed class OriginReconcilerTests
{
    private static readonly ObjectKey Key = new("tenant", "acme");
    private static readonly ObjectKey DefaultSecret = new("ops", "gong");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeOriginStore _store = new();
    private readonly FakeRegistrar _gong = new();
    private readonly Dictionary<ObjectKey, V1Secret> _secrets = [];
    private readonly PendingRegistrations _pending = new();
    private readonly OriginReconciler _reconciler;
    private TaskCompletionSource<ObjectKey> _answered = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public OriginReconcilerTests()
    {
        _secrets[DefaultSecret] = Secret("1", ("accessKey", "key"), ("accessKeySecret", "s3cr3t"));
        _pending.Answered = key => _answered.TrySetResult(key);
        _reconciler = CreateReconciler(RegistrationStrategyKind.Incremental);
    }

    private OriginReconciler CreateReconciler(RegistrationStrategyKind strategy, IFinalizerWriter? finalizers = null) => new(
        _store,
        _pending,
        new CredentialsResolver(k => _secrets.GetValueOrDefault(k), DefaultSecret, new Uri("https://api.gong.io")),
        new RegistrationPlanner(TimeSpan.FromHours(24), strategy),
        TestRegistrars.WithoutOAuth(_gong, _time),
        _store,
        _store,
        new OperatorMetrics(Prometheus.Metrics.NewCustomRegistry()),
        NullLogger<OriginReconciler>.Instance,
        _time,
        finalizers);

    [Fact]
    public async Task A_new_origin_is_handed_to_Gong_once_and_the_reconcile_does_not_wait_for_the_answer()
    {
        _store.Put(Origin());

        var first = await Reconcile();
        var whileWaiting = await Reconcile();

        Assert.Equal(ReconcileResult.Done, first);
        Assert.Equal(ReconcileResult.Done, whileWaiting);
        Assert.Equal(new OriginRegistration("DIALER", "https://acme.partner.com"), Assert.Single(_gong.Calls).Origin);
        Assert.Equal(1, _pending.Count);
        Assert.Equal(0, _store.StatusWrites);
    }

    [Fact]
    public async Task The_answer_enqueues_the_origin_and_the_next_reconcile_writes_it_once()
    {
        _store.Put(Origin());
        await Reconcile();

        _gong.Answer(new Registered(7883937012045596977, "req-1"));
        Assert.Equal(Key, await _answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken));
        var result = await Reconcile();

        var status = _store.Get(Key)!.Status!;
        Assert.Equal(("7883937012045596977", "req-1", "1"), (status.IntegrationId, status.LastRequestId, status.CredentialsVersion));
        Assert.Equal(OriginReasons.Registered, Conditions.Find(status.Conditions, ConditionTypes.Ready)!.Reason);
        Assert.Equal(("Normal", OriginReasons.Registered), (_store.Events.Single().Type, _store.Events.Single().Reason));
        Assert.Equal(0, _pending.Count);

        // Registered: the next look is the periodic re-assertion, 24 h (plus up to 10 % spread) away.
        Assert.InRange(result.RequeueAfterDelay!.Value, TimeSpan.FromHours(24), TimeSpan.FromHours(26.4));
        await Reconcile();
        Assert.Single(_gong.Calls);
    }

    [Fact]
    public async Task A_status_write_the_cache_has_not_seen_yet_is_read_back_so_the_origin_is_not_registered_twice()
    {
        _store.Put(Origin());
        await Reconcile();
        _gong.Answer(new Registered(7883937012045596977, "req-1"));
        await _answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        _store.CacheLags = true;
        await Reconcile();

        // Another event for the origin arrives before the watch event of the write: the cache still shows no status.
        Assert.Null(_store.Get(Key)!.Status);
        await Reconcile();

        Assert.Single(_gong.Calls);
        Assert.Equal(1, _store.LiveReads);
        Assert.Equal("7883937012045596977", _store.Stored(Key)!.Status!.IntegrationId);

        // Once the cache shows the write, it is trusted again without a read.
        _store.CatchUp();
        await Reconcile();
        Assert.Equal(1, _store.LiveReads);
    }

    [Fact]
    public async Task FullSet_holds_an_origin_and_releases_its_deletion_once_Gong_accepted_the_set_without_it_even_if_the_first_release_failed()
    {
        var finalizers = new FakeFinalizerWriter(_store);
        var reconciler = CreateReconciler(RegistrationStrategyKind.FullSet, finalizers);
        Task<ReconcileResult> ReconcileFullSet()
        {
            _answered = new TaskCompletionSource<ObjectKey>(TaskCreationOptions.RunContinuationsAsynchronously);
            return reconciler.ReconcileAsync(Key, TestContext.Current.CancellationToken);
        }

        _store.Put(Origin());
        await ReconcileFullSet();

        // The hold comes before any call, so no deletion can race the first registration.
        Assert.Equal([("add", false)], finalizers.Patches);
        Assert.Empty(_gong.Calls);

        var deleting = _store.Get(Key)!;
        deleting.Metadata.DeletionTimestamp = _time.GetUtcNow().UtcDateTime;
        _store.Put(deleting);
        await ReconcileFullSet();
        var set = Assert.Single(_gong.SetCalls);
        set.Answer.SetResult(new Registered(7, "req-set"));
        await _answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        finalizers.NextReleaseFailure = new HttpRequestException("the API server is unavailable");

        await Assert.ThrowsAsync<HttpRequestException>(ReconcileFullSet);
        await ReconcileFullSet();

        Assert.Single(_gong.SetCalls);
        Assert.Equal(("release", true), finalizers.Patches[^1]);
        Assert.Null(_store.Get(Key));
        Assert.Equal(OriginReconciler.RemovedFromGong, _store.Events.Select(e => e.Reason).Single());
        Assert.Equal(0, _pending.Count);
    }

    [Fact]
    public async Task An_answer_whose_status_write_failed_is_written_by_the_retry_without_a_second_call()
    {
        _store.Put(Origin());
        await Reconcile();
        _gong.Answer(new Registered(7883937012045596977, "req-1"));
        await _answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        _store.WriteFailure = new HttpRequestException("the API server is unavailable");

        await Assert.ThrowsAsync<HttpRequestException>(Reconcile);
        await Reconcile();

        Assert.Single(_gong.Calls);
        Assert.Equal("7883937012045596977", _store.Get(Key)!.Status!.IntegrationId);
        Assert.Equal(0, _pending.Count);
    }

    [Fact]
    public async Task Missing_credentials_stall_the_origin_without_a_call_and_a_Secret_change_ends_the_wait()
    {
        _store.Put(Origin(secret: "tenant-creds"));

        var result = await Reconcile();

        Assert.Empty(_gong.Calls);
        var ready = Conditions.Find(_store.Get(Key)!.Status!.Conditions, ConditionTypes.Ready)!;
        Assert.Equal((Conditions.False, OriginReasons.CredentialsInvalid), (ready.Status, ready.Reason));
        Assert.Equal("The credentials Secret tenant/tenant-creds does not exist. The operator retries when the Secret changes.", ready.Message);
        Assert.Equal(Backoff.NeedingAPersonBase, result.RequeueAfterDelay);

        _secrets[new ObjectKey("tenant", "tenant-creds")] = Secret("5", ("accessToken", "t0ken"));
        await Reconcile();

        Assert.Single(_gong.Calls);
    }

    [Fact]
    public async Task An_answer_about_an_older_spec_is_not_written_and_the_new_spec_is_registered()
    {
        _store.Put(Origin());
        await Reconcile();
        _store.Put(Origin(generation: 2, allowedOrigin: "https://new.partner.com"));

        _gong.Answer(new Registered(1, "old"));
        await _answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await Reconcile();

        Assert.Null(_store.Get(Key)!.Status);
        Assert.Equal(["https://acme.partner.com", "https://new.partner.com"], _gong.Calls.Select(c => c.Origin.AllowedOrigin));
    }

    [Fact]
    public async Task When_a_conflict_shows_the_spec_moved_on_the_answer_is_dropped_and_the_origin_is_looked_at_again_soon()
    {
        _store.Put(Origin());
        await Reconcile();
        _gong.Answer(new Registered(1, "old"));
        await _answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        _store.ConflictWith = Origin(generation: 2, allowedOrigin: "https://new.partner.com");

        var result = await Reconcile();

        Assert.Equal(0, _store.StatusWrites);
        Assert.Equal(RegistrationPlanner.MinimumRequeue, result.RequeueAfterDelay);
    }

    [Fact]
    public async Task A_client_that_fails_unexpectedly_counts_as_Gong_unavailable_with_the_short_backoff()
    {
        _store.Put(Origin());
        await Reconcile();

        _gong.Calls[^1].Answer.SetException(new InvalidOperationException("boom"));
        await _answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        var result = await Reconcile();

        var reconciling = Conditions.Find(_store.Get(Key)!.Status!.Conditions, ConditionTypes.Reconciling)!;
        Assert.Equal(OriginReasons.GongUnavailable, reconciling.Reason);
        Assert.Contains("unexpected client failure: InvalidOperationException", reconciling.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("boom", reconciling.Message, StringComparison.Ordinal);
        Assert.Equal(Backoff.TransientBase, result.RequeueAfterDelay);
    }

    [Fact]
    public async Task A_Paused_reason_left_by_a_removed_annotation_is_repaired_without_a_call()
    {
        var origin = Origin(annotations: new() { [OriginAnnotations.Paused] = "true" });
        _store.Put(origin);
        await Reconcile();
        Assert.Equal(OriginReasons.Paused, Conditions.Find(_store.Get(Key)!.Status!.Conditions, ConditionTypes.Ready)!.Reason);

        var unpaused = _store.Get(Key)!;
        unpaused.Metadata.Annotations = null;
        unpaused.Status!.NextRetryTime = _time.GetUtcNow().AddMinutes(5).UtcDateTime;
        _store.Put(unpaused);
        var result = await Reconcile();

        Assert.Empty(_gong.Calls);
        Assert.Equal(OriginReasons.Registering, Conditions.Find(_store.Get(Key)!.Status!.Conditions, ConditionTypes.Ready)!.Reason);
        Assert.Equal(TimeSpan.FromMinutes(5), result.RequeueAfterDelay);
    }

    [Fact]
    public async Task Deleting_the_origin_cancels_a_registration_still_waiting_for_Gong()
    {
        _store.Put(Origin());
        await Reconcile();

        _store.Delete(Key);
        var result = await Reconcile();

        Assert.Equal(ReconcileResult.Done, result);
        Assert.True(_gong.Calls.Single().Token.IsCancellationRequested);
        Assert.Equal(0, _pending.Count);
    }

    [Fact]
    public async Task A_cancelled_registration_is_planned_again()
    {
        _store.Put(Origin());
        using var acting = new CancellationTokenSource();
        await _reconciler.ReconcileAsync(Key, acting.Token);

        await acting.CancelAsync();
        await _answered.Task.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        await Reconcile();

        Assert.Equal(2, _gong.Calls.Count);
        Assert.Null(_store.Get(Key)!.Status);
    }

    private Task<ReconcileResult> Reconcile()
    {
        _answered = new TaskCompletionSource<ObjectKey>(TaskCreationOptions.RunContinuationsAsynchronously);
        return _reconciler.ReconcileAsync(Key, TestContext.Current.CancellationToken);
    }

    private static GongIntegrationOrigin Origin(long generation = 1, string allowedOrigin = "https://acme.partner.com", string? secret = null, Dictionary<string, string>? annotations = null) => new()
    {
        Metadata = new V1ObjectMeta { Name = Key.Name, NamespaceProperty = Key.Namespace, Generation = generation, Uid = "uid-1", Annotations = annotations },
        Spec = new GongIntegrationOriginSpec
        {
            IntegrationType = IntegrationTypes.Dialer,
            AllowedOrigin = allowedOrigin,
            CredentialsSecretRef = secret is null ? null : new SecretReference { Name = secret },
        },
    };

    private static V1Secret Secret(string resourceVersion, params (string Key, string Value)[] data) => new()
    {
        Metadata = new V1ObjectMeta { ResourceVersion = resourceVersion },
        Data = data.ToDictionary(d => d.Key, d => Encoding.UTF8.GetBytes(d.Value)),
    };
}
