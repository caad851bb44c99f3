using GongOperator.Kubernetes.Controllers;
using GongOperator.Kubernetes.Events;
using GongOperator.Kubernetes.Informers;
using GongOperator.Kubernetes.Status;
using GongOperator.Kubernetes.Tests.Support;
using k8s;
using k8s.Models;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.Kubernetes.Tests.Integration;

public sealed class ControllerIntegrationTests(LocalClusterFixture cluster) : IClassFixture<LocalClusterFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static ControllerOptions Options(string prefix) => new() { Name = prefix + "-" + Guid.NewGuid().ToString("N")[..8] };

    private static Informer<Widget> NewInformer(LocalClusterFixture cluster, string ns)
        => new(cluster.Widgets().ListWatchSource(), new InformerOptions { Namespaces = [ns], InitialBackoff = TimeSpan.FromMilliseconds(20) });

    [Fact]
    public async Task A_thousand_rapid_updates_of_one_object_lead_to_few_reconciles_and_the_last_sees_the_final_state()
    {
        var ns = await cluster.NewNamespaceAsync();
        var widgets = cluster.Widgets();
        var key = new ObjectKey(ns, "busy");
        await widgets.CreateAsync(Widget.Create(ns, "busy", size: 0), Ct);
        var informer = NewInformer(cluster, ns);
        var firstRunning = new TaskCompletionSource();
        var writesDone = new TaskCompletionSource();
        var lastSeen = -1;
        var reconciler = new RecordingReconciler(async (k, call, ct) =>
        {
            if (call == 1)
            {
                // Hold the first pass while the writes pour in, as a slow reconcile would.
                firstRunning.TrySetResult();
                await writesDone.Task.WaitAsync(ct);
            }

            Volatile.Write(ref lastSeen, informer.Get(k)!.Spec.Size);
            return ReconcileResult.Done;
        });
        var controller = new Controller<Widget>(Options("burst"), informer, reconciler, TestMetrics.Unread());
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var runs = new[] { informer.RunAsync(cts.Token), controller.RunAsync(cts.Token) };
        await firstRunning.Task.WaitAsync(TimeSpan.FromSeconds(20), Ct);

        for (var i = 1; i <= 1000; i++)
        {
            await widgets.PatchAsync(key, new V1Patch($$$"""{"spec":{"size":{{{i}}}}}""", V1Patch.PatchType.MergePatch), Ct);
        }

        await Poll.UntilAsync(() => informer.Get(key)?.Spec.Size == 1000, "the informer saw the last update");
        writesDone.SetResult();
        await Poll.UntilAsync(() => Volatile.Read(ref lastSeen) == 1000 && controller.ActiveReconciles == 0 && controller.Queue?.Count == 0, "the final state was reconciled");

        Assert.InRange(reconciler.Calls, 2, 3);
        await cts.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task A_requeue_after_survives_a_status_write_in_the_same_reconcile()
    {
        var time = new FakeTimeProvider();
        var ns = await cluster.NewNamespaceAsync();
        var widgets = cluster.Widgets();
        await widgets.CreateAsync(Widget.Create(ns, "timed"), Ct);
        var informer = NewInformer(cluster, ns);
        var status = new StatusWriter<Widget>(widgets);
        var reconciler = new RecordingReconciler(async (key, call, ct) =>
        {
            if (call == 1)
            {
                await status.UpdateAsync(key, w => { w.Status = new WidgetStatus { Note = "checked" }; return true; }, ct);
                return ReconcileResult.RequeueAfter(TimeSpan.FromMinutes(5));
            }

            return ReconcileResult.Done;
        });
        var controller = new Controller<Widget>(Options("timed"), informer, reconciler, TestMetrics.Unread(), timeProvider: time);
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var runs = new[] { informer.RunAsync(cts.Token), controller.RunAsync(cts.Token) };

        // Second pass: the MODIFIED event of the status write (no predicate filters it here). It returns Done.
        await Poll.UntilAsync(() => reconciler.Calls == 2 && controller.ActiveReconciles == 0 && controller.Queue?.DelayedCount == 1, "the status event was reconciled and the timed requeue is still pending");
        time.Advance(TimeSpan.FromMinutes(5));

        await Poll.UntilAsync(() => reconciler.Calls == 3, "the timed requeue fired");
        await cts.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task A_reader_whose_cache_lags_behind_a_status_write_reads_the_write_back()
    {
        var ns = await cluster.NewNamespaceAsync();
        var widgets = cluster.Widgets();
        var key = new ObjectKey(ns, "lagging");
        await widgets.CreateAsync(Widget.Create(ns, "lagging", size: 1), Ct);
        var before = (await widgets.GetAsync(key, Ct))!;
        var status = new StatusWriter<Widget>(widgets);

        var written = (await status.UpdateAsync(key, w => { w.Status = new WidgetStatus { Note = "written" }; return true; }, Ct))!;

        // A cache still showing the object from before the write gets the stored object instead.
        var read = await status.ReadYourWritesAsync(key, before, Ct);
        Assert.Equal(("written", written.Metadata.ResourceVersion), (read?.Status?.Note, read?.Metadata.ResourceVersion));

        // A cache that shows the write, or a later change by someone else, is used as it is.
        Assert.Same(written, await status.ReadYourWritesAsync(key, written, Ct));
        var later = await widgets.PatchAsync(key, new V1Patch("""{"spec":{"size":2}}""", V1Patch.PatchType.MergePatch), Ct);
        Assert.Same(later, await status.ReadYourWritesAsync(key, later, Ct));

        // Deleted meanwhile: nothing to act on.
        await status.UpdateAsync(key, w => { w.Status = new WidgetStatus { Note = "again" }; return true; }, Ct);
        await widgets.DeleteAsync(key, Ct);
        Assert.Null(await status.ReadYourWritesAsync(key, later, Ct));
    }

    [Fact]
    public async Task A_status_write_racing_a_spec_change_loses_neither()
    {
        var ns = await cluster.NewNamespaceAsync();
        var widgets = cluster.Widgets();
        var key = new ObjectKey(ns, "race");
        await widgets.CreateAsync(Widget.Create(ns, "race", size: 1), Ct);
        var stale = (await widgets.GetAsync(key, Ct))!;
        await widgets.PatchAsync(key, new V1Patch("""{"spec":{"size":2}}""", V1Patch.PatchType.MergePatch), Ct);
        var attempts = 0;

        var written = await new StatusWriter<Widget>(widgets).UpdateAsync(
            key,
            w =>
            {
                attempts++;
                w.Status = new WidgetStatus { ObservedSize = w.Spec.Size, ObservedGeneration = w.Metadata.Generation };
                return true;
            },
            Ct,
            current: stale);

        var final = (await widgets.GetAsync(key, Ct))!;
        Assert.Equal(2, attempts);
        Assert.NotNull(written);
        Assert.Equal(2, final.Spec.Size);
        Assert.Equal(2, final.Status?.ObservedSize);
        Assert.Equal(final.Metadata.Generation, final.Status?.ObservedGeneration);
    }

    [Fact]
    public async Task A_secret_change_enqueues_the_widgets_that_reference_it()
    {
        var ns = await cluster.NewNamespaceAsync();
        var widgets = cluster.Widgets();
        await widgets.CreateAsync(Widget.Create(ns, "uses-creds", secretName: "creds"), Ct);
        await widgets.CreateAsync(Widget.Create(ns, "uses-other", secretName: "other"), Ct);
        var informer = NewInformer(cluster, ns);
        informer.AddIndex("by-secret", w => w.Spec.SecretName is null ? [] : [w.Metadata.NamespaceProperty + "/" + w.Spec.SecretName]);
        var secrets = new Informer<V1Secret>(ListWatchSources.ForSecrets(cluster.Client), new InformerOptions { Namespaces = [ns] });
        var reconciled = new List<string>();
        var reconciler = new RecordingReconciler((key, _, _) =>
        {
            lock (reconciled)
            {
                reconciled.Add(key.Name);
            }

            return Task.FromResult(ReconcileResult.Done);
        });
        var controller = new Controller<Widget>(Options("secrets"), informer, reconciler, TestMetrics.Unread())
            .WithUpdatePredicate(Predicates.GenerationChanged<Widget>())
            .WatchesByIndex(secrets, "by-secret");
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(Ct);
        var runs = new[] { informer.RunAsync(cts.Token), secrets.RunAsync(cts.Token), controller.RunAsync(cts.Token) };
        await Poll.UntilAsync(() => reconciler.Calls == 2 && controller.ActiveReconciles == 0, "the initial pass is done");
        lock (reconciled)
        {
            reconciled.Clear();
        }

        await cluster.Client.CoreV1.CreateNamespacedSecretAsync(
            new V1Secret { Metadata = new V1ObjectMeta { Name = "creds" }, StringData = new Dictionary<string, string> { ["token"] = "x" } }, ns, cancellationToken: Ct);

        await Poll.UntilAsync(() => reconciler.Calls == 3, "the referencing widget was reconciled");
        Assert.Equal(["uses-creds"], reconciled);
        await cts.CancelAsync();
        await Task.WhenAll(runs);
    }

    [Fact]
    public async Task Repeated_identical_events_become_one_core_v1_event_with_a_count()
    {
        var ns = await cluster.NewNamespaceAsync();
        var widget = await cluster.Widgets().CreateAsync(Widget.Create(ns, "noisy"), Ct);
        var recorder = new EventRecorder(cluster.Client, "runtime-tests", "host-1");

        await recorder.RecordAsync(widget, EventTypes.Warning, "Failed", "boom", Ct);
        await recorder.RecordAsync(widget, EventTypes.Warning, "Failed", "boom", Ct);
        await recorder.RecordAsync(widget, EventTypes.Normal, "Ready", "fine", Ct);
        await recorder.DisposeAsync(); // a stop writes what is queued

        var events = (await cluster.Client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: Ct)).Items.OrderBy(e => e.Reason).ToList();
        Assert.Equal(2, events.Count);
        var failed = events[0];
        Assert.Equal("Failed", failed.Reason);
        Assert.Equal(2, failed.Count);
        Assert.StartsWith("noisy.", failed.Metadata.Name, StringComparison.Ordinal);
        Assert.Equal("Widget", failed.InvolvedObject.Kind);
        Assert.Equal(widget.Metadata.Uid, failed.InvolvedObject.Uid);
        Assert.Equal("runtime-tests", failed.Source.Component);
        Assert.Equal(1, events[1].Count);
    }

    [Fact]
    public async Task An_event_for_an_object_whose_namespace_is_gone_is_dropped_without_a_warning_or_an_exception()
    {
        var ns = await cluster.NewNamespaceAsync();
        var widget = await cluster.Widgets().CreateAsync(Widget.Create(ns, "leaving"), Ct);
        await cluster.Client.CoreV1.DeleteNamespaceAsync(ns, cancellationToken: Ct);
        var logger = new FakeLogger();
        var recorder = new EventRecorder(cluster.Client, "runtime-tests", "host-1", logger);

        await recorder.RecordAsync(widget, EventTypes.Normal, "StoppedManaging", "deleted", Ct);
        await recorder.DisposeAsync();

        var record = Assert.Single(logger.Collector.GetSnapshot());
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Debug, record.Level);
        Assert.Null(record.Exception);
        Assert.Contains(ns, record.Message, StringComparison.Ordinal);
    }
}
