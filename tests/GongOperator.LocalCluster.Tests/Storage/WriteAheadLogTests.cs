using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Storage;

namespace GongOperator.LocalCluster.Tests.Storage;

/// <summary>
/// The write-ahead log: writes acknowledged together share an fsync, none is acknowledged before it is on disk, and a
/// snapshot is written off the store's lock while writes go on, losing none of them whenever a crash comes.
/// </summary>
public sealed class WriteAheadLogTests : IDisposable
{
    private const string ConfigMaps = "/configmaps";

    private readonly string _dir = Directory.CreateTempSubdirectory("apiserver-wal-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Concurrent_writers_share_fsyncs_and_each_is_on_disk_when_acknowledged()
    {
        const int writers = 8;
        const int writesEach = 50;
        var persistence = new StatePersistence(_dir);
        using var store = new ObjectStore(persistence);
        var notDurableWhenAcknowledged = 0;

        await WriteConcurrentlyAsync(store, writers, writesEach, rv =>
        {
            if (persistence.DurableResourceVersion < rv)
            {
                Interlocked.Increment(ref notDurableWhenAcknowledged);
            }
        });

        Assert.Equal(0, notDurableWhenAcknowledged);
        // How many fsyncs the writers shared depends on the scheduler (on a loaded machine each may run alone); never
        // more than one a write. The sharing itself is shown deterministically below.
        Assert.InRange(persistence.Flushes, 1, writers * writesEach);

        // A crash now (no shutdown snapshot): the log alone holds every write.
        using var reloaded = new ObjectStore(new StatePersistence(_dir));
        Assert.Equal(writers * writesEach, reloaded.All(ConfigMaps).Count);
        Assert.Equal(writers * writesEach, reloaded.CurrentResourceVersion);
    }

    [Fact]
    public void Writes_committed_before_an_fsync_share_it()
    {
        var persistence = new StatePersistence(_dir);
        using var store = new ObjectStore(persistence);
        var last = 0L;
        foreach (var name in new[] { "one", "two", "three" })
        {
            last = Commit(store, name);
        }

        // The first writer to ask for durability flushes every record written by then; the others find theirs on disk.
        store.MakeDurable();
        store.MakeDurable();
        store.MakeDurable();

        Assert.Equal(1, persistence.Flushes);
        Assert.Equal(last, persistence.DurableResourceVersion);
    }

    [Fact]
    public void A_write_already_on_disk_costs_no_second_fsync()
    {
        var persistence = new StatePersistence(_dir);
        using var store = new ObjectStore(persistence);
        lock (store.WriteLock)
        {
            store.Commit(ConfigMaps, "default/one", ConfigMap("one"));
        }

        store.MakeDurable();
        store.MakeDurable();

        Assert.Equal(1, persistence.Flushes);
    }

    [Fact]
    public async Task A_snapshot_written_while_writes_go_on_loses_none_of_them()
    {
        const int writers = 4;
        const int writesEach = 700; // 2,800 writes: one snapshot begins at 2,000, in the middle of them
        var persistence = new StatePersistence(_dir);
        var store = new ObjectStore(persistence);
        await WriteConcurrentlyAsync(store, writers, writesEach, _ => { });
        store.WaitForSnapshotWrite();

        Assert.True(File.Exists(Path.Combine(_dir, "snapshot.json")));
        Assert.False(File.Exists(Path.Combine(_dir, "wal.1.jsonl")));

        // A crash now: the snapshot and the new log hold every write.
        persistence.Dispose();
        using var reloaded = new ObjectStore(new StatePersistence(_dir));
        Assert.Equal(writers * writesEach, reloaded.All(ConfigMaps).Count);
        Assert.Equal(writers * writesEach, reloaded.CurrentResourceVersion);
    }

    [Fact]
    public void A_crash_before_the_snapshot_is_in_place_replays_the_old_log_and_the_new_one()
    {
        var persistence = new StatePersistence(_dir);
        var store = new ObjectStore(persistence);
        Commit(store, "before");
        lock (store.WriteLock)
        {
            Assert.True(persistence.RotateLog());
        }

        // The snapshot is never written (the process dies); writes go on into the new log, and a later rotation
        // finds the old log still there.
        Commit(store, "after");
        store.MakeDurable();
        persistence.Dispose();
        var again = new StatePersistence(_dir);
        using (var reloaded = new ObjectStore(again))
        {
            Assert.Equal(["default/after", "default/before"], reloaded.All(ConfigMaps).Select(o => o.Key).Order(StringComparer.Ordinal));
            Commit(reloaded, "third");
        }

        // Disposing wrote a snapshot of all three and removed both logs' need.
        using var last = new ObjectStore(new StatePersistence(_dir));
        Assert.Equal(3, last.All(ConfigMaps).Count);
        Assert.False(File.Exists(Path.Combine(_dir, "wal.1.jsonl")));
    }

    /// <summary>Each writer commits its writes one by one and waits until each is durable, as a request would; <paramref name="acknowledged"/> sees each one's resourceVersion.</summary>
    private static async Task WriteConcurrentlyAsync(ObjectStore store, int writers, int writesEach, Action<long> acknowledged)
    {
        using var start = new ManualResetEventSlim();
        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            for (var i = 0; i < writesEach; i++)
            {
                var rv = Commit(store, $"cm-{w}-{i}");
                store.MakeDurable();
                acknowledged(rv);
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(tasks);
    }

    private static long Commit(ObjectStore store, string name)
    {
        lock (store.WriteLock)
        {
            var stored = store.Commit(ConfigMaps, "default/" + name, ConfigMap(name));
            return long.Parse(stored["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    private static JsonObject ConfigMap(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
    };
}
