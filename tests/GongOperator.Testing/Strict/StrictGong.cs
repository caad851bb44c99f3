using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.WebUtilities;

namespace GongOperator.Testing.Strict;

/// <summary>
/// A Gong stand-in written from Gong's public page for <c>POST /v2/integration-settings</c>, independent of the
/// simulator (which shares our assumptions): a TcpListener that reads the raw request bytes and holds each request to
/// what a strict gateway in front of an API demands. A chunked body or a missing Content-Length gets 411 and a closed
/// connection; a missing or wrong Content-Type, Accept, User-Agent (gong-operator/VERSION), Host or Authorization, or
/// a body that is not the documented shape, gets an error; each is recorded as a violation. Per company (per
/// Authorization value) it counts arrivals beyond <see cref="RatePerSecond"/> in any sliding second and answers them
/// 429, as Gong would. Each arrival is stamped after a random delay of up to <see cref="MaxArrivalDelay"/>, as a
/// network delays calls unevenly: a client that paces exactly at the limit shows up here as over the rate.
/// </summary>
public sealed partial class StrictGong : IAsyncDisposable
{
    private const string EndpointPath = "/v2/integration-settings";
    private const int MaxHeadBytes = 32 * 1024;
    private static readonly string[] IntegrationTypes = ["EMAIL_COMPOSER", "ACCOUNT_PAGES", "DIALER"];

    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<StrictGongRequest> _requests = [];
    private readonly Dictionary<string, Queue<TimeSpan>> _arrivalsByCompany = new(StringComparer.Ordinal);
    private readonly List<Task> _connections = [];
    private readonly long _startedAt = Stopwatch.GetTimestamp();
    private readonly Task _acceptLoop;
    private long _nextIntegrationId = 5517027188234205706;
    private int _overRateArrivals;

    private StrictGong(int ratePerSecond, TimeSpan maxArrivalDelay)
    {
        RatePerSecond = ratePerSecond;
        MaxArrivalDelay = maxArrivalDelay;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    /// <summary>The base URL to give a Gong client.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gong's documented default is 3 a second per company.</summary>
    public int RatePerSecond { get; }

    /// <summary>Each arrival is seen up to this much later than it was read off the socket (uniformly at random).</summary>
    public TimeSpan MaxArrivalDelay { get; }

    /// <summary>Decides the answer to a request that met every rule and the rate (null: the documented 200).</summary>
    public Func<StrictGongRequest, CancellationToken, Task<StrictGongAnswer?>>? Answer { get; set; }

    /// <summary>Every request received, in arrival order.</summary>
    public IReadOnlyList<StrictGongRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return _requests.ToList();
            }
        }
    }

    /// <summary>Every wire rule broken by any request so far, one line each (over-rate arrivals included).</summary>
    public IReadOnlyList<string> Violations => Requests.SelectMany(r => r.Violations.Select(v => r.RequestLine + ": " + v)).ToList();

    /// <summary>Arrivals that made more than <see cref="RatePerSecond"/> in one sliding second for their company.</summary>
    public int OverRateArrivals
    {
        get
        {
            lock (_gate)
            {
                return _overRateArrivals;
            }
        }
    }

    public static StrictGong Start(int ratePerSecond = 3, TimeSpan? maxArrivalDelay = null) =>
        new(ratePerSecond, maxArrivalDelay ?? TimeSpan.FromMilliseconds(40));

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        Task[] open;
        lock (_gate)
        {
            open = [_acceptLoop, .. _connections];
        }

        try
        {
            await Task.WhenAll(open);
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or IOException or ObjectDisposedException)
        {
            // Stopping: connections and the listener end by being closed under their feet.
        }

        _stopping.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
            {
                return;
            }

            lock (_gate)
            {
                _connections.Add(ServeAsync(client));
            }
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            var stream = client.GetStream();
            var buffer = new List<byte>();
            try
            {
                while (await ServeOneAsync(stream, buffer))
                {
                }
            }
            catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
            {
                // The client went away (for example after its own timeout) or the stand-in is stopping.
            }
        }
    }

    /// <summary>Reads one request and answers it; false when the connection is to be closed.</summary>
    private async Task<bool> ServeOneAsync(NetworkStream stream, List<byte> buffer)
    {
        var head = await ReadHeadAsync(stream, buffer);
        if (head is null)
        {
            return false;
        }

        var lines = head.Split("\r\n");
        var requestLine = lines[0];
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Select(p => new KeyValuePair<string, string>(p[0].Trim(), p.Length > 1 ? p[1].Trim() : string.Empty))
            .ToList();
        var pending = new StrictGongRequest(requestLine, headers, [], null, TimeSpan.Zero, 0, []);
        var violations = new List<string>();

        // Framing first: without one length the body cannot be read the way a strict gateway reads it.
        if (pending.ValuesOf("Transfer-Encoding").Count > 0)
        {
            violations.Add($"Transfer-Encoding: {string.Join(", ", pending.ValuesOf("Transfer-Encoding"))} (a streamed body; Content-Length is required)");
        }

        var lengths = pending.ValuesOf("Content-Length");
        var length = 0;
        if (lengths.Count != 1 || !int.TryParse(lengths[0], NumberStyles.None, CultureInfo.InvariantCulture, out length))
        {
            violations.Add(lengths.Count == 0 ? "no Content-Length" : $"Content-Length '{string.Join(",", lengths)}' is not one length");
        }

        if (violations.Count > 0)
        {
            await RecordAndAnswerAsync(stream, pending with { Violations = violations }, StrictGongAnswer.Html(411, "<html><body><h1>411 Length Required</h1></body></html>"), close: true);
            return false;
        }

        var body = await ReadBodyAsync(stream, buffer, length);
        await Task.Delay(TimeSpan.FromMilliseconds(Random.Shared.NextDouble() * MaxArrivalDelay.TotalMilliseconds), _stopping.Token);
        var company = pending.Header("Authorization");
        var arrived = pending with { Body = body, Company = company, ArrivedAt = Stopwatch.GetElapsedTime(_startedAt) };

        var errorStatus = CheckRules(arrived, violations);
        StrictGongAnswer? answer = null;
        if (company is not null && IsOverRate(company, arrived.ArrivedAt, out var inOneSecond))
        {
            violations.Add($"over the rate: {inOneSecond} calls of this company in one second (at most {RatePerSecond})");
            answer = StrictGongAnswer.Json(429, $$"""{"requestId":"{{NextRequestId()}}","errors":["API limit exceeded"]}""", retryAfterSeconds: 1);
        }
        else if (errorStatus is { } status)
        {
            var errors = JsonSerializer.Serialize(violations);
            answer = StrictGongAnswer.Json(status, $$"""{"requestId":"{{NextRequestId()}}","errors":{{errors}}}""");
        }

        if (answer is null && Answer is { } decide)
        {
            answer = await decide(arrived, _stopping.Token);
        }

        answer ??= StrictGongAnswer.Json(200, $$$"""{"requestId":"{{{NextRequestId()}}}","integrationId":{{{Interlocked.Increment(ref _nextIntegrationId)}}},"aFieldAddedLater":{"x":[1,2]}}""");
        var close = pending.ValuesOf("Connection").Any(v => v.Contains("close", StringComparison.OrdinalIgnoreCase));
        await RecordAndAnswerAsync(stream, arrived with { Violations = violations }, answer, close);
        return !close;
    }

    /// <summary>Adds every rule the request breaks; returns the status a strict server answers for the first, or null.</summary>
    private static int? CheckRules(StrictGongRequest request, List<string> violations)
    {
        int? status = null;
        void Break(int code, string rule)
        {
            status ??= code;
            violations.Add(rule);
        }

        var parts = request.RequestLine.Split(' ');
        if (parts.Length != 3 || parts[0] != "POST" || parts[1] != EndpointPath || parts[2] != "HTTP/1.1")
        {
            Break(404, $"request line '{request.RequestLine}' is not POST {EndpointPath} HTTP/1.1");
        }

        if (request.ValuesOf("Host").Count != 1)
        {
            Break(400, "no single Host header");
        }

        if (request.Header("Authorization") is not { } auth || !(auth.StartsWith("Basic ", StringComparison.Ordinal) || auth.StartsWith("Bearer ", StringComparison.Ordinal)))
        {
            Break(401, "no Basic or Bearer Authorization");
        }

        var contentType = request.ValuesOf("Content-Type");
        if (contentType.Count != 1 || !string.Equals(contentType[0].Split(';')[0].Trim(), "application/json", StringComparison.OrdinalIgnoreCase))
        {
            Break(415, $"Content-Type is '{string.Join(", ", contentType)}', not application/json");
        }

        var accept = request.ValuesOf("Accept").SelectMany(v => v.Split(',')).Select(v => v.Split(';')[0].Trim());
        if (!accept.Contains("application/json", StringComparer.OrdinalIgnoreCase))
        {
            Break(406, "Accept does not name application/json");
        }

        var userAgent = request.ValuesOf("User-Agent");
        if (userAgent.Count != 1 || !UserAgentPattern().IsMatch(userAgent[0]))
        {
            Break(400, $"User-Agent '{string.Join(", ", userAgent)}' does not name gong-operator and its version");
        }

        if (BodyProblem(request.Body) is { } problem)
        {
            Break(400, problem);
        }

        return status;
    }

    /// <summary>The documented body: {"integrationTypeSettings":[{"integrationType":"DIALER","allowedOrigin":"https://..."}]}.</summary>
    private static string? BodyProblem(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object
                || !document.RootElement.TryGetProperty("integrationTypeSettings", out var settings)
                || settings.ValueKind != JsonValueKind.Array)
            {
                return "the body is not an object with an integrationTypeSettings array";
            }

            foreach (var setting in settings.EnumerateArray())
            {
                if (setting.ValueKind != JsonValueKind.Object
                    || !setting.TryGetProperty("integrationType", out var type) || type.ValueKind != JsonValueKind.String
                    || !IntegrationTypes.Contains(type.GetString())
                    || !setting.TryGetProperty("allowedOrigin", out var origin) || origin.ValueKind != JsonValueKind.String)
                {
                    return $"an integrationTypeSettings item is not {{integrationType, allowedOrigin}}: {setting.GetRawText()}";
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return "the body is not JSON";
        }
    }

    /// <summary>Counts this arrival in its company's sliding second; true when that second now holds more than the rate.</summary>
    private bool IsOverRate(string company, TimeSpan at, out int inOneSecond)
    {
        lock (_gate)
        {
            if (!_arrivalsByCompany.TryGetValue(company, out var recent))
            {
                _arrivalsByCompany[company] = recent = new Queue<TimeSpan>();
            }

            while (recent.Count > 0 && recent.Peek() <= at - TimeSpan.FromSeconds(1))
            {
                recent.Dequeue();
            }

            recent.Enqueue(at);
            inOneSecond = recent.Count;
            if (inOneSecond > RatePerSecond)
            {
                _overRateArrivals++;
                return true;
            }

            return false;
        }
    }

    private async Task RecordAndAnswerAsync(NetworkStream stream, StrictGongRequest request, StrictGongAnswer answer, bool close)
    {
        lock (_gate)
        {
            _requests.Add(request with { Status = answer.Status });
        }

        var body = Encoding.UTF8.GetBytes(answer.Body);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {answer.Status} {ReasonPhrases.GetReasonPhrase(answer.Status)}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Type: {answer.ContentType}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n");
        if (answer.RetryAfterSeconds is { } retryAfter)
        {
            head.Append(CultureInfo.InvariantCulture, $"Retry-After: {retryAfter}\r\n");
        }

        if (close)
        {
            head.Append("Connection: close\r\n");
        }

        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), _stopping.Token);
        await stream.WriteAsync(body, _stopping.Token);
        await stream.FlushAsync(_stopping.Token);
    }

    /// <summary>Reads up to the blank line that ends the head; null when the connection closed first.</summary>
    private async Task<string?> ReadHeadAsync(NetworkStream stream, List<byte> buffer)
    {
        var chunk = new byte[4096];
        while (true)
        {
            var end = IndexOfBlankLine(buffer);
            if (end >= 0)
            {
                var head = Encoding.ASCII.GetString(buffer.GetRange(0, end).ToArray());
                buffer.RemoveRange(0, end + 4);
                return head;
            }

            if (buffer.Count > MaxHeadBytes)
            {
                throw new IOException("request head too large");
            }

            var read = await stream.ReadAsync(chunk, _stopping.Token);
            if (read == 0)
            {
                return null;
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }
    }

    private async Task<byte[]> ReadBodyAsync(NetworkStream stream, List<byte> buffer, int length)
    {
        var chunk = new byte[4096];
        while (buffer.Count < length)
        {
            var read = await stream.ReadAsync(chunk, _stopping.Token);
            if (read == 0)
            {
                throw new IOException("the connection closed inside the body");
            }

            buffer.AddRange(chunk.AsSpan(0, read));
        }

        var body = buffer.GetRange(0, length).ToArray();
        buffer.RemoveRange(0, length);
        return body;
    }

    private static int IndexOfBlankLine(List<byte> buffer)
    {
        for (var i = 0; i + 3 < buffer.Count; i++)
        {
            if (buffer[i] == '\r' && buffer[i + 1] == '\n' && buffer[i + 2] == '\r' && buffer[i + 3] == '\n')
            {
                return i;
            }
        }

        return -1;
    }

    private static string NextRequestId() => "strict" + Guid.NewGuid().ToString("N")[..12];

    [GeneratedRegex(@"^gong-operator/[0-9]+\.[0-9]+\.[0-9]+\S*( .*)?$")]
    private static partial Regex UserAgentPattern();
}
