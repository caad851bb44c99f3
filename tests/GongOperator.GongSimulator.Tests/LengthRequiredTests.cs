using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace GongOperator.GongSimulator.Tests;

/// <summary>As a strict gateway in front of an API: a body must come whole, with Content-Length.</summary>
public sealed class LengthRequiredTests
{
    [Fact]
    public async Task A_chunked_body_answers_411_closes_the_connection_and_registers_nothing()
    {
        await using var h = await SimulatorHarness.StartAsync();
        using var request = new HttpRequestMessage(HttpMethod.Post, SimulatorHarness.RegisterPath)
        {
            // A stream of unknown length: HttpClient sends it chunked.
            Content = new StreamContent(new UnseekableStream(Encoding.UTF8.GetBytes(SimulatorHarness.Body(("DIALER", "https://a.partner.com"))))),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Headers.Authorization = SimulatorHarness.DemoBasic;

        using var response = await h.Client.SendAsync(request, TestContext.Current.CancellationToken);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.LengthRequired, response.StatusCode);
        Assert.True(response.Headers.ConnectionClose);
        Assert.Contains("Transfer-Encoding 'chunked'", JsonDocument.Parse(text).RootElement.GetProperty("errors")[0].GetString(), StringComparison.Ordinal);
        Assert.Empty(h.Simulator.Registrations);
        var call = Assert.Single(h.Simulator.Calls);
        Assert.Equal(411, call.Status);
        Assert.Equal("demo", call.Company);
        Assert.Equal(0, h.Simulator.GetCompanyStatus()[0].UsedToday);
    }

    [Fact]
    public async Task A_POST_without_Content_Length_answers_411()
    {
        await using var h = await SimulatorHarness.StartAsync();
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(IPAddress.Loopback, h.Simulator.BaseAddress.Port, TestContext.Current.CancellationToken);
        var stream = tcp.GetStream();

        // Raw bytes: HttpClient would add Content-Length itself.
        var head = $"POST /v2/integration-settings HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: {SimulatorHarness.DemoBasic}\r\nContent-Type: application/json\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head), TestContext.Current.CancellationToken);
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync(TestContext.Current.CancellationToken);

        Assert.Equal("HTTP/1.1 411 Length Required", statusLine);
        Assert.Equal("Length Required: a POST must carry Content-Length", Assert.Single(Assert.Single(h.Simulator.Calls).Errors));
    }

    [Fact]
    public async Task A_body_sent_whole_with_its_length_is_served_as_before()
    {
        await using var h = await SimulatorHarness.StartAsync();

        var answer = await h.RegisterAsync("DIALER", "https://a.partner.com");

        Assert.Equal(HttpStatusCode.OK, answer.Status);
    }

    /// <summary>A stream whose length HttpClient cannot know, as a streamed JSON serializer's.</summary>
    private sealed class UnseekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
