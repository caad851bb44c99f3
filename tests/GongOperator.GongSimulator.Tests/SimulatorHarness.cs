using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace GongOperator.GongSimulator.Tests;

/// <summary>A started simulator and an HttpClient on it, with helpers that keep the raw answer text.</summary>
internal sealed class SimulatorHarness : IAsyncDisposable
{
    public const string RegisterPath = "v2/integration-settings";

    private SimulatorHarness(GongSimulator simulator)
    {
        Simulator = simulator;
        Client = new HttpClient { BaseAddress = simulator.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
    }

    public GongSimulator Simulator { get; }

    public HttpClient Client { get; }

    public static async Task<SimulatorHarness> StartAsync(GongSimulatorOptions? options = null) =>
        new(await GongSimulator.StartAsync(options ?? new GongSimulatorOptions(), TestContext.Current.CancellationToken));

    public static AuthenticationHeaderValue Basic(string key, string secret) =>
        new("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{key}:{secret}")));

    public static AuthenticationHeaderValue DemoBasic => Basic(GongSimulator.DemoAccessKey, GongSimulator.DemoAccessKeySecret);

    public static string Body(params (string Type, string Origin)[] items) =>
        "{\"integrationTypeSettings\":[" + string.Join(",", items.Select(i => $"{{\"integrationType\":\"{i.Type}\",\"allowedOrigin\":\"{i.Origin}\"}}")) + "]}";

    public Task<Answer> RegisterAsync(string type, string origin) => PostAsync(DemoBasic, Body((type, origin)));

    public async Task<Answer> PostAsync(AuthenticationHeaderValue? auth, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, RegisterPath)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = auth;
        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Answer(response.StatusCode, text, response.Headers.RetryAfter?.Delta);
    }

    public async Task<(HttpStatusCode Status, string Text)> AdminAsync(HttpMethod method, string path, string? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        return (response.StatusCode, await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await Simulator.DisposeAsync();
    }

    /// <summary>One answer of the Gong endpoint, with its body as text so numbers are never read through a double.</summary>
    internal sealed record Answer(HttpStatusCode Status, string Text, TimeSpan? RetryAfter)
    {
        public JsonElement Json => JsonDocument.Parse(Text).RootElement;

        public string RequestId => Json.GetProperty("requestId").GetString()!;

        public long IntegrationId => Json.GetProperty("integrationId").GetInt64();

        public IReadOnlyList<string> Errors => Json.GetProperty("errors").EnumerateArray().Select(e => e.GetString()!).ToList();
    }
}
