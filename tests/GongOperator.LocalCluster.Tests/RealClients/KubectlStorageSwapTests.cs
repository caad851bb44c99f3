using GongOperator.LocalCluster.Tests.Server;
using GongOperator.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace GongOperator.LocalCluster.Tests.RealClients;

/// <summary>kubectl meets the 503 of a CRD storage swap, as against a real server, and gets through by honouring Retry-After.</summary>
public sealed class KubectlStorageSwapTests
{
    /// <summary>Log.StorageSwapRefused: the server answered a request 503 during a swap.</summary>
    private const int StorageSwapRefused = 8003;

    [Fact]
    public async Task Kubectl_retries_after_the_503_and_gets_the_object_once_the_window_closes()
    {
        _ = KubeTools.Kubectl;
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        using var recorder = new RecordingLoggerProvider();
        using var logging = new LoggerFactory([recorder]);
        await using var sandbox = await ClientSandbox.StartAsync(new LocalApiServerOptions { TimeProvider = clock, LoggerFactory = logging, CrdStorageSwapWindow = TimeSpan.FromMilliseconds(200) });
        await sandbox.Cluster.InstallWidgetCrdAsync();
        Assert.Equal(201, (await sandbox.Cluster.PostAsync("/apis/example.com/v1/namespaces/default/widgets", TestCluster.Widget("alpha"))).Code);
        await sandbox.Cluster.ChangeWidgetSchemaAsync();

        // The window stays open (fake time) until kubectl has been refused once; its retry a second later gets through.
        var get = sandbox.KubectlAsync("get", "widgets.example.com", "alpha", "-n", "default", "-o", "name", "-v=6");
        await Poll.UntilAsync(() => recorder.Logged(StorageSwapRefused) || get.IsCompleted);
        clock.Advance(TimeSpan.FromMilliseconds(200));
        var result = await get;

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("widget.example.com/alpha", result.Stdout.Trim());
        Assert.Contains("503 Service Unavailable", result.Stderr, StringComparison.Ordinal);
    }
}
