using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class PersistenceTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("apiserver-state-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static JsonObject ConfigMap(string name) => new() { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name }, ["data"] = new JsonObject { ["k"] = name } };

    [Fact]
    public async Task A_restart_from_the_state_dir_keeps_objects_CRDs_and_the_resource_version_counter()
    {
        long rv;
        string uid;
        await using (var first = await TestCluster.StartAsync(new LocalApiServerOptions { StateDir = _dir }))
        {
            await first.InstallWidgetCrdAsync();
            var (_, w) = await first.PostAsync("/apis/example.com/v1/namespaces/default/widgets", TestCluster.Widget("alpha"));
            uid = w!["metadata"]!["uid"]!.GetValue<string>();
            await first.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("kept"));
            await first.DeleteAsync("/api/v1/namespaces/default/configmaps/kept");
            await first.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("kept2"));
            rv = first.Server.CurrentResourceVersion;
            Assert.True(File.Exists(Path.Combine(_dir, "kubeconfig")));
        }

        await using var second = await TestCluster.StartAsync(new LocalApiServerOptions { StateDir = _dir });
        Assert.Equal(rv, second.Server.CurrentResourceVersion);
        var (code, widget) = await second.GetAsync("/apis/example.com/v1/namespaces/default/widgets/alpha");
        Assert.Equal(200, code);
        Assert.Equal(uid, widget!["metadata"]!["uid"]!.GetValue<string>());
        Assert.Equal(404, (await second.GetAsync("/api/v1/namespaces/default/configmaps/kept")).Code);
        Assert.Equal(200, (await second.GetAsync("/api/v1/namespaces/default/configmaps/kept2")).Code);
        var (_, created) = await second.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("after"));
        Assert.Equal((rv + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), created!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_start_on_a_taken_port_leaves_a_new_state_dir_unwritten()
    {
        var fresh = Path.Combine(_dir, "new-state");
        using var taken = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        taken.Start();
        var port = ((System.Net.IPEndPoint)taken.LocalEndpoint).Port;

        await Assert.ThrowsAnyAsync<IOException>(() => LocalApiServer.StartAsync(new LocalApiServerOptions { StateDir = fresh, Port = port }, TestContext.Current.CancellationToken));

        Assert.Empty(Directory.Exists(fresh) ? Directory.GetFileSystemEntries(fresh, "*", SearchOption.AllDirectories) : []);
        taken.Stop();
        await using var started = await TestCluster.StartAsync(new LocalApiServerOptions { StateDir = fresh });
        Assert.Equal(200, (await started.GetAsync("/api/v1/namespaces/default")).Code);
        Assert.True(File.Exists(Path.Combine(fresh, "objects", "wal.jsonl")));
    }

    [Fact]
    public async Task A_torn_last_write_ahead_log_line_is_dropped_and_the_state_still_loads()
    {
        await using (var first = await TestCluster.StartAsync(new LocalApiServerOptions { StateDir = _dir }))
        {
            await first.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("whole"));
        }

        // Simulate a crash in the middle of an append: a record without its newline.
        var wal = Path.Combine(_dir, "objects", "wal.jsonl");
        await File.AppendAllTextAsync(wal, """{"rv":999,"res":"/configmaps","key":"default/torn","obj":{"apiVersion":"v1","ki""", TestContext.Current.CancellationToken);

        await using var second = await TestCluster.StartAsync(new LocalApiServerOptions { StateDir = _dir });
        Assert.Equal(200, (await second.GetAsync("/api/v1/namespaces/default/configmaps/whole")).Code);
        Assert.Equal(404, (await second.GetAsync("/api/v1/namespaces/default/configmaps/torn")).Code);
        Assert.True(second.Server.CurrentResourceVersion < 999);
        Assert.Equal(201, (await second.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("next"))).Code);
    }

    [Fact]
    public async Task A_crash_without_shutdown_replays_the_write_ahead_log()
    {
        var dirCopy = Directory.CreateTempSubdirectory("apiserver-crash-").FullName;
        try
        {
            await using (var first = await TestCluster.StartAsync(new LocalApiServerOptions { StateDir = _dir }))
            {
                await first.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("logged"));
                // Copy the state dir while the server still runs: what a crash would leave behind.
                CopyDirectory(_dir, dirCopy);
            }

            await using var second = await TestCluster.StartAsync(new LocalApiServerOptions { StateDir = dirCopy });
            Assert.Equal(200, (await second.GetAsync("/api/v1/namespaces/default/configmaps/logged")).Code);
        }
        finally
        {
            Directory.Delete(dirCopy, recursive: true);
        }
    }

    private static void CopyDirectory(string from, string to)
    {
        foreach (var file in Directory.GetFiles(from, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(to, Path.GetRelativePath(from, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target, overwrite: true);
        }
    }
}
