using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Microsoft.AspNetCore.WebUtilities;

namespace GongOperator.Testing.Strict;

/// <summary>
/// The raw HTTP/1.1 side of the strict stand-in: a TcpListener on loopback that reads each request's bytes itself, as a
/// strict gateway in front of an API reads them. A chunked body or a missing Content-Length is answered 411 and the
/// connection closed, before the body is read; a framed request goes to <c>serve</c>, whose answer (and the request as
/// it records it, with the rules it broke) is recorded before the answer is written.
/// </summary>
internal sealed class StrictHttpServer : IAsyncDisposable
{
    private const int MaxHeadBytes = 32 * 1024;

    private readonly Func<StrictGongRequest, CancellationToken, Task<(StrictGongRequest Recorded, StrictGongAnswer Answer)>> _serve;
    private readonly Action<StrictGongRequest> _record;
    private readonly TcpListener _listener;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _gate = new();
    private readonly List<Task> _connections = [];
    private readonly Task _acceptLoop;

    /// <param name="serve">Answers a request whose body was read whole; returns it as it is to be recorded.</param>
    /// <param name="record">Keeps a request, with the status it was answered, before the answer leaves.</param>
    public StrictHttpServer(Func<StrictGongRequest, CancellationToken, Task<(StrictGongRequest Recorded, StrictGongAnswer Answer)>> serve, Action<StrictGongRequest> record)
    {
        _serve = serve;
        _record = record;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        BaseUrl = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/");
        _acceptLoop = AcceptAsync();
    }

    public Uri BaseUrl { get; }

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
        var headers = lines.Skip(1)
            .Select(l => l.Split(':', 2))
            .Select(p => new KeyValuePair<string, string>(p[0].Trim(), p.Length > 1 ? p[1].Trim() : string.Empty))
            .ToList();
        var pending = new StrictGongRequest(lines[0], headers, [], null, TimeSpan.Zero, 0, []);
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

        var (recorded, answer) = await _serve(pending with { Body = await ReadBodyAsync(stream, buffer, length) }, _stopping.Token);
        var close = pending.ValuesOf("Connection").Any(v => v.Contains("close", StringComparison.OrdinalIgnoreCase));
        await RecordAndAnswerAsync(stream, recorded, answer, close);
        return !close;
    }

    private async Task RecordAndAnswerAsync(NetworkStream stream, StrictGongRequest request, StrictGongAnswer answer, bool close)
    {
        _record(request with { Status = answer.Status });

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
}
