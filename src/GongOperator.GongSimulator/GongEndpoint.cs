using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace GongOperator.GongSimulator;

/// <summary>Serves <c>POST /v2/integration-settings</c>: reads the call, lets the state decide, and answers as decided.</summary>
internal sealed class GongEndpoint(SimulatorState state, ILogger logger, Action<SimulatedCall>? onCall, Func<int> customerPort, CancellationToken stopping)
{
    public const string Path = "/v2/integration-settings";

    /// <summary>What a proxy in front of an API answers when it breaks: a 200 a JSON reader must refuse.</summary>
    private static readonly byte[] MalformedBody = "<html><body><h1>Gateway glitch</h1><p>simulated malformed answer</p></body></html>"u8.ToArray();

    public async Task HandleAsync(HttpContext context)
    {
        var arrivedAt = state.Time.GetUtcNow();
        var aborted = context.RequestAborted;
        var unframed = Unframed(context.Request);
        GongOutcome outcome;
        using (var waiting = CancellationTokenSource.CreateLinkedTokenSource(aborted, stopping))
        {
            try
            {
                var body = unframed is null ? await ReadBodyAsync(context.Request, waiting.Token).ConfigureAwait(false) : ReadOnlyMemory<byte>.Empty;
                var latency = state.Latency;
                if (latency > TimeSpan.Zero)
                {
                    await Task.Delay(latency, state.Time, waiting.Token).ConfigureAwait(false);
                }

                outcome = state.Handle(context.Request.Headers.Authorization.ToString(), body, arrivedAt, unframed, context.Connection.LocalPort == customerPort());
            }
            catch (OperationCanceledException) when (waiting.IsCancellationRequested)
            {
                // The client went away, or the simulator is stopping (a latency on a fake clock would otherwise hold shutdown).
                context.Abort();
                return;
            }
        }

        Notify(outcome.Call);
        var response = context.Response;
        switch (outcome.Kind)
        {
            case GongOutcomeKind.Reset:
                context.Abort();
                return;
            case GongOutcomeKind.Malformed:
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentType = "application/json";
                response.ContentLength = MalformedBody.Length;
                await response.Body.WriteAsync(MalformedBody, aborted).ConfigureAwait(false);
                return;
            case GongOutcomeKind.Truncated:
                // A whole HTTP message whose JSON stops halfway, as a body cut by a broken proxy or buffer arrives.
                var whole = SuccessBody(outcome.Call);
                await WriteJsonAsync(response, whole[..(whole.Length / 2)], aborted).ConfigureAwait(false);
                return;
            default:
                break;
        }

        response.StatusCode = outcome.Status;
        if (outcome.Status == StatusCodes.Status411LengthRequired)
        {
            // As a gateway does: the unread rest of a streamed body makes the connection useless.
            response.Headers.Connection = "close";
        }

        if (outcome.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        var bytes = outcome.Status == StatusCodes.Status200OK
            ? SuccessBody(outcome.Call)
            : JsonSerializer.SerializeToUtf8Bytes(new GongErrorBody(outcome.Call.RequestId, outcome.Call.Errors), SimulatorJsonContext.Default.GongErrorBody);
        await WriteJsonAsync(response, bytes, aborted).ConfigureAwait(false);
    }

    private static byte[] SuccessBody(SimulatedCall call) =>
        JsonSerializer.SerializeToUtf8Bytes(new GongSuccessBody(call.RequestId, call.IntegrationId!.Value), SimulatorJsonContext.Default.GongSuccessBody);

    internal static async Task WriteJsonAsync(HttpResponse response, byte[] bytes, CancellationToken cancellationToken)
    {
        response.ContentType = "application/json; charset=utf-8";
        response.ContentLength = bytes.Length;
        await response.Body.WriteAsync(bytes, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Why the request's body has no length a strict gateway would accept (411), or null when it has one.</summary>
    private static string? Unframed(HttpRequest request)
    {
        if (request.Headers.TransferEncoding.Count > 0)
        {
            return $"Length Required: the body was sent with Transfer-Encoding '{request.Headers.TransferEncoding}'; send it whole, with Content-Length";
        }

        return request.ContentLength is null ? "Length Required: a POST must carry Content-Length" : null;
    }

    private static async Task<ReadOnlyMemory<byte>> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return buffer.ToArray();
    }

    private void Notify(SimulatedCall call)
    {
        Log.Call(logger, call.Sequence, call.Company, call.AuthKind, call.Items.Count, call.Status, call.Fault ?? "none", call.RequestId);
        if (onCall is null)
        {
            return;
        }

        try
        {
            onCall(call);
        }
#pragma warning disable CA1031 // An observer's bug must not turn into a wrong answer to the caller.
        catch (Exception e)
#pragma warning restore CA1031
        {
            Log.ObserverFailed(logger, e);
        }
    }
}
