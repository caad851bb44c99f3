using GongOperator.Kubernetes.Metrics;
using GongOperator.Kubernetes.Queue;
using GongOperator.Kubernetes.Tests.Support;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace GongOperator.Kubernetes.Tests.Queue;

public sealed class WorkQueueTests
{
    private readonly TestMetrics _metrics = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Adding_an_item_already_queued_keeps_one_entry()
    {
        using var queue = new WorkQueue<string>(_metrics.Runtime, new WorkQueueOptions { Name = "dedup-" + Guid.NewGuid() }, new FakeTimeProvider());
        queue.Add("a");
        queue.Add("a");
        queue.Add("b");

        Assert.Equal(2, queue.Count);
        Assert.Equal("a", (await queue.GetAsync(Ct)).Item);
        Assert.Equal("b", (await queue.GetAsync(Ct)).Item);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task An_item_added_while_processing_is_handed_out_once_more_after_done_and_never_concurrently()
    {
        using var queue = new WorkQueue<string>(_metrics.Runtime, new WorkQueueOptions { Name = "processing-" + Guid.NewGuid() }, new FakeTimeProvider());
        queue.Add("a");
        var (item, _) = await queue.GetAsync(Ct);

        queue.Add("a");
        queue.Add("a");
        Assert.Equal(0, queue.Count);
        var second = queue.GetAsync(Ct);
        Assert.False(second.IsCompleted);

        queue.Done(item);
        Assert.Equal("a", (await second).Item);
        queue.Done("a");
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task A_delayed_item_becomes_ready_only_when_its_time_comes()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(_metrics.Runtime, new WorkQueueOptions { Name = "delay-" + Guid.NewGuid() }, time);
        queue.AddAfter("a", TimeSpan.FromSeconds(10));

        time.Advance(TimeSpan.FromSeconds(9));
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(1, queue.Count);
        Assert.Equal("a", (await queue.GetAsync(Ct)).Item);
    }

    [Fact]
    public void A_delay_longer_than_a_timer_can_wait_still_comes_due_at_its_time()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(_metrics.Runtime, new WorkQueueOptions { Name = "long-delay-" + Guid.NewGuid() }, time);
        queue.AddAfter("a", TimeSpan.FromDays(90));

        time.Advance(TimeSpan.FromDays(89));
        Assert.Equal(0, queue.Count);
        Assert.Equal(1, queue.DelayedCount);
        time.Advance(TimeSpan.FromDays(1));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void A_sooner_delayed_add_wins_and_a_later_one_does_not_postpone_it()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(_metrics.Runtime, new WorkQueueOptions { Name = "sooner-" + Guid.NewGuid() }, time);
        queue.AddAfter("a", TimeSpan.FromSeconds(30));
        queue.AddAfter("a", TimeSpan.FromSeconds(10));
        queue.AddAfter("a", TimeSpan.FromSeconds(60));

        time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(1, queue.Count);
        Assert.Equal(0, queue.DelayedCount);
    }

    [Fact]
    public async Task An_immediate_add_does_not_cancel_a_pending_delayed_add()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<string>(_metrics.Runtime, new WorkQueueOptions { Name = "keep-delay-" + Guid.NewGuid() }, time);
        queue.AddAfter("a", TimeSpan.FromSeconds(30));
        queue.Add("a");
        var (item, _) = await queue.GetAsync(Ct);
        queue.Done(item);

        time.Advance(TimeSpan.FromSeconds(30));
        Assert.Equal(1, queue.Count);
    }

    [Fact]
    public void Per_item_backoff_is_5ms_doubling_per_failure_capped_at_1000s()
    {
        using var queue = new WorkQueue<string>(_metrics.Runtime, new WorkQueueOptions { Name = "backoff-" + Guid.NewGuid() }, new FakeTimeProvider());

        Assert.Equal(TimeSpan.FromMilliseconds(5), queue.BackoffFor(0));
        Assert.Equal(TimeSpan.FromMilliseconds(10), queue.BackoffFor(1));
        Assert.Equal(TimeSpan.FromMilliseconds(5 * 1024), queue.BackoffFor(10));
        Assert.Equal(TimeSpan.FromSeconds(1000), queue.BackoffFor(30));
        Assert.Equal(TimeSpan.FromSeconds(1000), queue.BackoffFor(int.MaxValue));
    }

    [Fact]
    public void Rate_limited_adds_back_off_exponentially_and_forget_resets_the_count()
    {
        var time = new FakeTimeProvider();
        var name = "ratelimited-" + Guid.NewGuid();
        using var queue = new WorkQueue<string>(_metrics.Runtime, new WorkQueueOptions { Name = name }, time);

        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        queue.AddRateLimited("a");
        Assert.Equal(3, queue.NumRequeues("a"));

        // The first failure waits 5 ms; the later ones (10 ms, 20 ms) never replace the sooner due time.
        time.Advance(TimeSpan.FromMilliseconds(4));
        Assert.Equal(0, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, queue.Count);

        queue.Forget("a");
        Assert.Equal(0, queue.NumRequeues("a"));
        Assert.Equal(3, _metrics.Factory.CreateCounter("workqueue_retries_total", "", ["name"]).WithLabels(name).Value);
    }

    [Fact]
    public void The_shared_bucket_allows_a_burst_of_100_then_10_per_second()
    {
        var time = new FakeTimeProvider();
        using var queue = new WorkQueue<int>(_metrics.Runtime, new WorkQueueOptions { Name = "bucket-" + Guid.NewGuid() }, time);
        for (var i = 0; i < 120; i++)
        {
            queue.AddRateLimited(i);
        }

        // Every item's own back-off is 5 ms; the bucket holds the 20 past the burst at 100 ms apart.
        time.Advance(TimeSpan.FromMilliseconds(5));
        Assert.Equal(100, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(110, queue.Count);
        time.Advance(TimeSpan.FromMilliseconds(1000));
        Assert.Equal(120, queue.Count);
    }

    [Fact]
    public async Task Shutdown_releases_waiting_getters_and_ignores_later_adds()
    {
        using var queue = new WorkQueue<string>(_metrics.Runtime, new WorkQueueOptions { Name = "shutdown-" + Guid.NewGuid() }, new FakeTimeProvider());
        var waiting = queue.GetAsync(Ct);

        queue.ShutDown();
        queue.Add("a");

        Assert.True((await waiting).ShuttingDown);
        Assert.True((await queue.GetAsync(Ct)).ShuttingDown);
        Assert.Equal(0, queue.Count);
    }

    [Fact]
    public async Task Depth_adds_and_durations_are_measured_under_the_queue_name()
    {
        var time = new FakeTimeProvider();
        var name = "metrics-" + Guid.NewGuid();
        using var queue = new WorkQueue<string>(_metrics.Runtime, new WorkQueueOptions { Name = name }, time);
        queue.Add("a");
        queue.Add("b");
        Assert.Equal(2, Gauge("workqueue_depth", name));

        time.Advance(TimeSpan.FromSeconds(2));
        var (item, _) = await queue.GetAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(3));
        queue.Done(item);

        Assert.Equal(1, Gauge("workqueue_depth", name));
        Assert.Equal(2, _metrics.Factory.CreateCounter("workqueue_adds_total", "", ["name"]).WithLabels(name).Value);
        var queued = _metrics.Factory.CreateHistogram("workqueue_queue_duration_seconds", "", new HistogramConfiguration { LabelNames = ["name"] }).WithLabels(name);
        var work = _metrics.Factory.CreateHistogram("workqueue_work_duration_seconds", "", new HistogramConfiguration { LabelNames = ["name"] }).WithLabels(name);
        Assert.Equal(2, queued.Sum, 3);
        Assert.Equal(3, work.Sum, 3);
    }

    [Fact]
    public async Task A_scrape_shows_the_work_in_progress_and_the_longest_running_item()
    {
        var time = new FakeTimeProvider();
        var registry = Prometheus.Metrics.NewCustomRegistry();
        var queue = new WorkQueue<string>(new RuntimeMetrics(registry), new WorkQueueOptions { Name = "q" }, time);
        queue.Add("a");
        queue.Add("b");
        var (a, _) = await queue.GetAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(3));
        var (b, _) = await queue.GetAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(1));

        var busy = await ScrapeAsync(registry);
        queue.Done(a);
        var oneLeft = await ScrapeAsync(registry);
        queue.Done(b);
        var idle = await ScrapeAsync(registry);
        queue.Add("c");
        _ = await queue.GetAsync(Ct);
        time.Advance(TimeSpan.FromSeconds(7));
        queue.Dispose();
        var stopped = await ScrapeAsync(registry);

        Assert.Contains("workqueue_unfinished_work_seconds{name=\"q\"} 5\n", busy, StringComparison.Ordinal);
        Assert.Contains("workqueue_longest_running_processor_seconds{name=\"q\"} 4\n", busy, StringComparison.Ordinal);
        Assert.Contains("workqueue_unfinished_work_seconds{name=\"q\"} 1\n", oneLeft, StringComparison.Ordinal);
        Assert.Contains("workqueue_longest_running_processor_seconds{name=\"q\"} 1\n", oneLeft, StringComparison.Ordinal);
        Assert.Contains("workqueue_unfinished_work_seconds{name=\"q\"} 0\n", idle, StringComparison.Ordinal);
        Assert.Contains("workqueue_longest_running_processor_seconds{name=\"q\"} 0\n", idle, StringComparison.Ordinal);
        Assert.Contains("workqueue_unfinished_work_seconds{name=\"q\"} 0\n", stopped, StringComparison.Ordinal);
    }

    private static async Task<string> ScrapeAsync(Prometheus.CollectorRegistry registry)
    {
        using var stream = new MemoryStream();
        await registry.CollectAndExportAsTextAsync(stream, Ct);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    private double Gauge(string metric, string name) => _metrics.Factory.CreateGauge(metric, "", ["name"]).WithLabels(name).Value;
}
