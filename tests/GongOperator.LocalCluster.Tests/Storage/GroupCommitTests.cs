using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Storage;

namespace GongOperator.LocalCluster.Tests.Storage;

/// <summary>The write-ahead log's group commit: writes acknowledged together share an fsync, and none is acknowledged before it is on disk.</summary>
public sealed class GroupCommitTests : IDisposable
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
        using var start = new ManualResetEventSlim();

        var tasks = Enumerable.Range(0, writers).Select(w => Task.Run(() =>
        {
            start.Wait(TestContext.Current.CancellationToken);
            for (var i = 0; i < writesEach; i++)
            {
                long rv;
                lock (store.WriteLock)
                {
                    var stored = store.Commit(ConfigMaps, $"default/cm-{w}-{i}", ConfigMap($"cm-{w}-{i}"));
                    rv = long.Parse(stored["metadata"]!["resourceVersion"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                }

                store.MakeDurable();
                if (persistence.DurableResourceVersion < rv)
                {
                    Interlocked.Increment(ref notDurableWhenAcknowledged);
                }
            }
        })).ToArray();
        start.Set();
        await Task.WhenAll(tasks);

        Assert.Equal(0, notDurableWhenAcknowledged);
        Assert.InRange(persistence.Flushes, 1, (writers * writesEach) - 1);

        // A crash now (no shutdown snapshot): the log alone holds every write.
        using var reloaded = new ObjectStore(new StatePersistence(_dir));
        Assert.Equal(writers * writesEach, reloaded.All(ConfigMaps).Count);
        Assert.Equal(writers * writesEach, reloaded.CurrentResourceVersion);
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

    private static JsonObject ConfigMap(string name) => new()
    {
        ["apiVersion"] = "v1",
        ["kind"] = "ConfigMap",
        ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = "default" },
    };
}
