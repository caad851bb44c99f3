using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Tests.Server;

/// <summary>Reads a line-framed watch stream event by event.</summary>
internal sealed class WatchReader : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private WatchReader(HttpResponseMessage response, StreamReader reader)
    {
        _response = response;
        _reader = reader;
    }

    public int StatusCode => (int)_response.StatusCode;

    public static async Task<WatchReader> OpenAsync(TestCluster cluster, string path)
    {
        var response = await cluster.Http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, TestContext.Current.CancellationToken);
        var stream = await response.Content.ReadAsStreamAsync(TestContext.Current.CancellationToken);
        return new WatchReader(response, new StreamReader(stream));
    }

    /// <summary>The next event, or null when the server closed the stream; fails after a generous bound.</summary>
    public async Task<JsonObject?> NextAsync()
    {
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        bound.CancelAfter(TimeSpan.FromSeconds(30));
        var line = await _reader.ReadLineAsync(bound.Token);
        return line is null ? null : JsonNode.Parse(line)!.AsObject();
    }

    public async Task<JsonObject> NextNonBookmarkAsync()
    {
        while (true)
        {
            var e = await NextAsync() ?? throw new InvalidOperationException("watch closed");
            if (e["type"]!.GetValue<string>() != "BOOKMARK")
            {
                return e;
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
