using System.Text;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

/// <summary>The test hooks that inject faults a real API server or network produces but not on demand.</summary>
public sealed class FaultHookTests
{
    private static JsonObject ConfigMap(string name) => new() { ["apiVersion"] = "v1", ["kind"] = "ConfigMap", ["metadata"] = new JsonObject { ["name"] = name } };

    [Fact]
    public async Task Intercept_answers_the_hooks_fault_unserved_and_null_serves_the_request()
    {
        await using var cluster = await TestCluster.StartAsync();
        var seen = new List<ApiRequestInfo>();
        cluster.Server.Intercept((request, _) =>
        {
            lock (seen)
            {
                seen.Add(request);
            }

            return ValueTask.FromResult(request.Method == "POST" ? ApiFault.Conflict(request) with { RetryAfterSeconds = 2 } : null);
        });

        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/namespaces/default/configmaps") { Content = new StringContent(ConfigMap("refused").ToJsonString(), Encoding.UTF8, "application/json") };
        using var refused = await cluster.Http.SendAsync(request, TestContext.Current.CancellationToken);
        var status = JsonNode.Parse(await refused.Content.ReadAsStringAsync(TestContext.Current.CancellationToken))!;
        var (getCode, _) = await cluster.GetAsync("/api/v1/namespaces/default/configmaps/refused");

        Assert.Equal(409, (int)refused.StatusCode);
        Assert.Equal("2", refused.Headers.RetryAfter?.ToString());
        Assert.Equal(("Status", "Conflict", 409), (status["kind"]!.GetValue<string>(), status["reason"]!.GetValue<string>(), status["code"]!.GetValue<int>()));
        Assert.StartsWith("Operation cannot be fulfilled on configmaps \"\": the object has been modified", status["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(404, getCode);
        Assert.Equal(new ApiRequestInfo("GET", "", "v1", "default", "configmaps", "refused", null, false), seen[^1]);

        cluster.Server.Intercept(null);
        Assert.Equal(201, (await cluster.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("served"))).Code);
    }

    [Fact]
    public async Task CutWatchEvents_sends_half_an_event_then_cuts_the_connection_and_the_next_watch_is_whole()
    {
        await using var cluster = await TestCluster.StartAsync();
        cluster.Server.CutWatchEvents(1);

        using var cut = await cluster.Http.GetAsync("/api/v1/namespaces/default/configmaps?watch=true", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        await using var stream = await cut.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        Assert.Equal(201, (await cluster.PostAsync("/api/v1/namespaces/default/configmaps", ConfigMap("first"))).Code);
        var received = new MemoryStream();
        var failed = await Record.ExceptionAsync(() => stream.CopyToAsync(received, TestContext.Current.CancellationToken));

        Assert.IsAssignableFrom<IOException>(failed is HttpRequestException { InnerException: IOException io } ? io : failed);
        var text = Encoding.UTF8.GetString(received.ToArray());
        // The half line is flushed before the reset, but a reset may discard what the client had not read yet.
        Assert.True(text.Length == 0 || text.StartsWith("{\"type\":\"ADDED\"", StringComparison.Ordinal), text);
        Assert.DoesNotContain('\n', text);

        using var whole = await cluster.Http.GetAsync("/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=0", HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        using var reader = new StreamReader(await whole.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken));
        var line = await reader.ReadLineAsync(TestContext.Current.CancellationToken);
        Assert.Equal("first", JsonNode.Parse(line!)!["object"]!["metadata"]!["name"]!.GetValue<string>());
    }
}
