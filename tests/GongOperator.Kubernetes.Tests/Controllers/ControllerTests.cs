using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Metrics;
using GongOperator.Kubernetes.Tests.Support;
using k8s.Models;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Kubernetes.Tests.Controllers;

public sealed class ControllerTests
{
    private static readonly ObjectKey W1 = new("a", "w1");

    private readonly TestMetrics _metrics = new();

    private static (FakeListWatchSource<Widget> Source, Informer<Widget> Informer) NewInformer()
    {
        var source = new FakeListWatchSource<Widget>();
        var informer = new Informer<Widget>(source, new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(10) });
        return (source, informer);
    }

    private static ControllerOptions Options(string prefix) => new() { Name = prefix + "-" + Guid.NewGuid().ToString("N")[..8] };

    [Fact]
    public async Task Every_reconcile_result_and_error_series_is_scraped_at_zero_before_the_first_reconcile()
    {
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var (_, informer) = NewInformer();
        _ = new Controller<Widget>(new ControllerOptions { Name = "fresh", MaxConcurrentReconciles = 3 }, informer, new RecordingReconciler((_, _, _) => Task.FromResult(ReconcileResult.Done)), new RuntimeMetrics(registry));

        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, TestContext.Current.CancellationToken);
        var text = System.Text.Encoding.UTF8.GetString(stream.ToArray());

        foreach (var result in new[] { "error", "requeue", "requeue_after", "success" })
        {
            Assert.Contains($"controller_runtime_reconcile_total{{controller=\"fresh\",result=\"{result}\"}} 0\n", text, StringComparison.Ordinal);
        }

        Assert.Contains("controller_runtime_reconcile_errors_total{controller=\"fresh\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_terminal_reconcile_errors_total{controller=\"fresh\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_active_workers{controller=\"fresh\"} 0\n", text, StringComparison.Ordinal);
        Assert.Contains("controller_runtime_max_concurrent_reconciles{controller=\"fresh\"} 3\n", text, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_requeue_after_survives_a_status_write_in_the_same_reconcile(bool filterStatusWrites)
    {
        var time = new FakeTimeProvider();
        var (source, informer) = NewInformer();
        source.Upsert(Widget.Create("a", "w1"));
        var reconciler = new RecordingReconciler((key, call, _) =>
        {
            if (call == 1)
            {
                // The status write produces a MODIFIED event for the same key while this reconcile runs.
                var current = informer.Get(key)!.Clone();
                current.Status = new WidgetStatus { Note = "written by reconcile" };
                source.Upsert(current);
                return Task.FromResult(ReconcileResult.RequeueAfter(TimeSpan.FromSeconds(30)));
            }

            return Task.FromResult(ReconcileResult.Done);
        });
        var controller = new Controller<Widget>(Options("requeue"), informer, reconciler, _metrics.Runtime, timeProvider: time);
        if (filterStatusWrites)
        {
            controller.WithUpdatePredicate(Predicates.GenerationChanged<Widget>());
        }

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runs = new[] { informer.RunAsync(cts.Token), controller.RunAsync(cts.Token) };
        var expectedBeforeTimer = filterStatusWrites ? 1 : 2;
        await Poll.UntilAsync(() => reconciler.Calls == expectedBeforeTimer && controller.ActiveReconciles == 0 && controller.Queue?.DelayedCount == 1, "the status event was handled and the timed requeue is pending");

        time.Advance(TimeSpan.FromSeconds(29));
        Assert.Equal(expectedBeforeTimer, reconciler.Calls);
        time.Advance(TimeSpan.FromSeconds(1));
        await Poll.UntilAsync(() => reconciler.Calls == expectedBeforeTimer + 1, "the timed requeue fired");

        await cts.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task A_thousand_rapid_updates_lead_to_few_reconciles_and_the_last_sees_the_final_state()
    {
        var (source, informer) = NewInformer();
        source.Upsert(Widget.Create("a", "w1", size: 0));
        var release = new TaskCompletionSource();
        var lastSeen = -1;
        var reconciler = new RecordingReconciler(async (key, call, ct) =>
        {
            if (call == 1)
            {
                await release.Task.WaitAsync(ct);
            }

            Volatile.Write(ref lastSeen, informer.Get(key)!.Spec.Size);
            return ReconcileResult.Done;
        });
        var controller = new Controller<Widget>(Options("burst"), informer, reconciler, _metrics.Runtime);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runs = new[] { informer.RunAsync(cts.Token), controller.RunAsync(cts.Token) };
        await Poll.UntilAsync(() => controller.ActiveReconciles == 1, "the first reconcile is running");

        for (var i = 1; i <= 1000; i++)
        {
            source.Upsert(Widget.Create("a", "w1", size: i));
        }

        await Poll.UntilAsync(() => informer.Get(W1)!.Spec.Size == 1000, "the informer saw the last update");
        release.SetResult();
        await Poll.UntilAsync(() => Volatile.Read(ref lastSeen) == 1000 && controller.ActiveReconciles == 0 && controller.Queue?.Count == 0, "the final state was reconciled");

        Assert.InRange(reconciler.Calls, 2, 3);
        Assert.Equal(0, reconciler.Overlaps);
        await cts.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task An_exception_backs_off_and_retries_and_success_forgets_the_failures()
    {
        var time = new FakeTimeProvider();
        var (source, informer) = NewInformer();
        source.Upsert(Widget.Create("a", "w1"));
        var options = Options("retry");
        var reconciler = new RecordingReconciler((_, call, _) => call <= 2
            ? throw new InvalidOperationException("transient")
            : Task.FromResult(ReconcileResult.Done));
        var controller = new Controller<Widget>(options, informer, reconciler, _metrics.Runtime, timeProvider: time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runs = new[] { informer.RunAsync(cts.Token), controller.RunAsync(cts.Token) };
        await Poll.UntilAsync(() => reconciler.Calls == 1 && controller.Queue?.DelayedCount == 1, "the first failure was requeued with back-off");

        time.Advance(TimeSpan.FromMilliseconds(5));
        await Poll.UntilAsync(() => reconciler.Calls == 2 && controller.Queue?.DelayedCount == 1, "the second failure was requeued");
        time.Advance(TimeSpan.FromMilliseconds(9));
        Assert.Equal(2, reconciler.Calls);
        time.Advance(TimeSpan.FromMilliseconds(1));
        await Poll.UntilAsync(() => reconciler.Calls == 3 && controller.ActiveReconciles == 0, "the retry succeeded");

        Assert.Equal(0, controller.Queue!.NumRequeues(W1));
        Assert.Equal(2, Counter("controller_runtime_reconcile_errors_total", options.Name));
        Assert.Equal(2, _metrics.Factory.CreateCounter("controller_runtime_reconcile_total", "", ["controller", "result"]).WithLabels(options.Name, "error").Value);
        Assert.Equal(1, _metrics.Factory.CreateCounter("controller_runtime_reconcile_total", "", ["controller", "result"]).WithLabels(options.Name, "success").Value);
        await cts.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task A_terminal_error_is_counted_but_not_retried()
    {
        var time = new FakeTimeProvider();
        var (source, informer) = NewInformer();
        source.Upsert(Widget.Create("a", "w1"));
        var options = Options("terminal");
        var reconciler = new RecordingReconciler((_, _, _) => throw new TerminalReconcileException("spec can never work"));
        var controller = new Controller<Widget>(options, informer, reconciler, _metrics.Runtime, timeProvider: time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runs = new[] { informer.RunAsync(cts.Token), controller.RunAsync(cts.Token) };
        await Poll.UntilAsync(() => reconciler.Calls == 1 && controller.ActiveReconciles == 0, "the reconcile ran");

        time.Advance(TimeSpan.FromHours(1));

        Assert.Equal(1, reconciler.Calls);
        Assert.Equal(0, controller.Queue!.DelayedCount);
        Assert.Equal(1, Counter("controller_runtime_reconcile_errors_total", options.Name));
        Assert.Equal(1, Counter("controller_runtime_terminal_reconcile_errors_total", options.Name));
        await cts.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task A_secondary_object_change_enqueues_the_primaries_that_reference_it_through_the_index()
    {
        var (source, informer) = NewInformer();
        informer.AddIndex("by-secret", w => w.Spec.SecretName is null ? [] : [w.Metadata.NamespaceProperty + "/" + w.Spec.SecretName]);
        source.Upsert(Widget.Create("a", "w1", secretName: "creds"));
        source.Upsert(Widget.Create("a", "w2", secretName: "other"));
        var secrets = new FakeListWatchSource<V1Secret>();
        var secretInformer = new Informer<V1Secret>(secrets, new InformerOptions { InitialBackoff = TimeSpan.FromMilliseconds(10) });
        var reconciled = new List<ObjectKey>();
        var reconciler = new RecordingReconciler((key, _, _) =>
        {
            lock (reconciled)
            {
                reconciled.Add(key);
            }

            return Task.FromResult(ReconcileResult.Done);
        });
        var controller = new Controller<Widget>(Options("secondary"), informer, reconciler, _metrics.Runtime)
            .WatchesByIndex(secretInformer, "by-secret");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runs = new[] { informer.RunAsync(cts.Token), secretInformer.RunAsync(cts.Token), controller.RunAsync(cts.Token) };
        await Poll.UntilAsync(() => reconciler.Calls == 2 && controller.ActiveReconciles == 0 && secrets.ActiveWatches == 1, "the initial pass is done");
        lock (reconciled)
        {
            reconciled.Clear();
        }

        secrets.Upsert(new V1Secret { Metadata = new V1ObjectMeta { NamespaceProperty = "a", Name = "creds" } });

        await Poll.UntilAsync(() => reconciler.Calls == 3, "the referencing widget was reconciled");
        Assert.Equal([W1], reconciled);
        Assert.Contains(secretInformer, controller.Informers);
        await cts.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task Many_workers_never_reconcile_the_same_key_at_once()
    {
        var (source, informer) = NewInformer();
        for (var i = 0; i < 5; i++)
        {
            source.Upsert(Widget.Create("a", "w" + i));
        }

        var reconciler = new RecordingReconciler(async (_, _, _) =>
        {
            await Task.Yield();
            return ReconcileResult.Done;
        });
        var controller = new Controller<Widget>(Options("workers") with { MaxConcurrentReconciles = 4 }, informer, reconciler, _metrics.Runtime);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runs = new[] { informer.RunAsync(cts.Token), controller.RunAsync(cts.Token) };
        await informer.WaitForSyncAsync(cts.Token);

        for (var round = 0; round < 200; round++)
        {
            source.Upsert(Widget.Create("a", "w" + (round % 5), size: round));
        }

        await Poll.UntilAsync(() => informer.List().All(w => w.Spec.Size >= 195) && controller.ActiveReconciles == 0 && controller.Queue?.Count == 0, "all updates were handled");
        Assert.Equal(0, reconciler.Overlaps);
        await cts.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task A_stop_lets_the_in_flight_reconcile_finish_and_takes_no_new_keys()
    {
        var (source, informer) = NewInformer();
        source.Upsert(Widget.Create("a", "w1"));
        source.Upsert(Widget.Create("a", "w2"));
        var release = new TaskCompletionSource();
        var finished = 0;
        var reconciler = new RecordingReconciler(async (_, _, _) =>
        {
            await release.Task;
            Interlocked.Increment(ref finished);
            return ReconcileResult.Done;
        });
        var controller = new Controller<Widget>(Options("graceful"), informer, reconciler, _metrics.Runtime);
        using var informerCts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var controllerCts = new CancellationTokenSource();
        var informerRun = informer.RunAsync(informerCts.Token);
        var run = controller.RunAsync(controllerCts.Token);
        await Poll.UntilAsync(() => controller.ActiveReconciles == 1, "a reconcile is running");

        await controllerCts.CancelAsync();
        Assert.False(run.IsCompleted);
        release.SetResult();
        await run.WaitAsync(TimeSpan.FromSeconds(20), TestContext.Current.CancellationToken);

        Assert.Equal(1, Volatile.Read(ref finished));
        Assert.Equal(1, reconciler.Calls);
        await informerCts.CancelAsync();
        await informerRun;
    }

    [Fact]
    public async Task A_reconcile_that_overruns_the_shutdown_bound_is_cancelled()
    {
        var time = new FakeTimeProvider();
        var (source, informer) = NewInformer();
        source.Upsert(Widget.Create("a", "w1"));
        var cancelled = false;
        var reconciler = new RecordingReconciler(async (_, _, ct) =>
        {
            try
            {
                await Task.Delay(Timeout.Infinite, ct);
            }
            catch (OperationCanceledException)
            {
                cancelled = true;
                throw;
            }

            return ReconcileResult.Done;
        });
        var controller = new Controller<Widget>(Options("bound") with { GracefulShutdownTimeout = TimeSpan.FromSeconds(5) }, informer, reconciler, _metrics.Runtime, timeProvider: time);
        using var informerCts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        using var controllerCts = new CancellationTokenSource();
        var informerRun = informer.RunAsync(informerCts.Token);
        var run = controller.RunAsync(controllerCts.Token);
        await Poll.UntilAsync(() => controller.ActiveReconciles == 1, "a reconcile is running");

        await controllerCts.CancelAsync();
        await Poll.UntilAsync(() => { time.Advance(TimeSpan.FromSeconds(1)); return run.IsCompleted; }, "the bound passed and the controller stopped");

        Assert.True(cancelled);
        await run;
        await informerCts.CancelAsync();
        await informerRun;
    }

    private double Counter(string metric, string controller)
        => _metrics.Factory.CreateCounter(metric, "", ["controller"]).WithLabels(controller).Value;

    [Fact]
    public async Task Each_reconcile_runs_inside_a_logging_scope_naming_the_controller_the_object_and_a_reconcile_id()
    {
        var (source, informer) = NewInformer();
        source.Upsert(Widget.Create("a", "w1"));
        var logger = new ScopeRecordingLogger();
        var seen = new List<IReadOnlyList<KeyValuePair<string, object?>>>();
        var reconciler = new RecordingReconciler((_, _, _) =>
        {
            seen.AddRange(logger.CurrentScopes.OfType<IReadOnlyList<KeyValuePair<string, object?>>>());
            return Task.FromResult(ReconcileResult.Done);
        });
        var options = Options("scope");
        var controller = new Controller<Widget>(options, informer, reconciler, _metrics.Runtime, logger);

        using var cts = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        var runs = new[] { informer.RunAsync(cts.Token), controller.RunAsync(cts.Token) };
        await Poll.UntilAsync(() => reconciler.Calls == 1 && controller.ActiveReconciles == 0, "the object was reconciled");
        await cts.CancelAsync();
        await Task.WhenAll(runs);

        var scope = Assert.Single(seen).ToDictionary(kv => kv.Key, kv => kv.Value);
        Assert.Equal(options.Name, scope["Controller"]);
        Assert.Equal("a/w1", scope["Object"]);
        Assert.Matches("^[0-9a-f]{32}$", (string)scope["ReconcileId"]!);
    }
}
