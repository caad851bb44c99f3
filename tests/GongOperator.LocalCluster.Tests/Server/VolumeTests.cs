using System.Globalization;

namespace GongOperator.LocalCluster.Tests.Server;

public sealed class VolumeTests
{
    [Fact]
    public async Task Thousands_of_custom_resources_list_fully_and_every_watcher_sees_every_creation()
    {
        const int Count = 2000;
        await using var cluster = await TestCluster.StartAsync();
        await cluster.InstallWidgetCrdAsync();
        const string Widgets = "/apis/example.com/v1/namespaces/default/widgets";
        var from = cluster.Server.CurrentResourceVersion.ToString(CultureInfo.InvariantCulture);
        var watchers = new List<WatchReader>();
        for (var i = 0; i < 3; i++)
        {
            watchers.Add(await WatchReader.OpenAsync(cluster, Widgets + "?watch=true&resourceVersion=" + from));
        }

        try
        {
            var batches = Enumerable.Range(0, Count).Chunk(Count / 8).Select(async chunk =>
            {
                foreach (var i in chunk)
                {
                    var (code, _) = await cluster.PostAsync(Widgets, TestCluster.Widget("w-" + i.ToString("D5", CultureInfo.InvariantCulture)));
                    Assert.Equal(201, code);
                }
            });
            await Task.WhenAll(batches);

            var (listCode, list) = await cluster.GetAsync(Widgets);
            Assert.Equal(200, listCode);
            Assert.Equal(Count, list!["items"]!.AsArray().Count);

            foreach (var watcher in watchers)
            {
                var names = new HashSet<string>(StringComparer.Ordinal);
                while (names.Count < Count)
                {
                    var e = await watcher.NextAsync() ?? throw new InvalidOperationException("watch closed");
                    Assert.Equal("ADDED", e["type"]!.GetValue<string>());
                    names.Add(e["object"]!["metadata"]!["name"]!.GetValue<string>());
                }
            }
        }
        finally
        {
            foreach (var watcher in watchers)
            {
                await watcher.DisposeAsync();
            }
        }
    }
}
