using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using Microsoft.AspNetCore.Http;

namespace GongOperator.LocalCluster.Server;

/// <summary>How answers are written: JSON bodies (with Warning headers), lists, Status errors and the plain 404 page.</summary>
internal static class Responses
{
    public static async Task WriteJsonAsync(HttpContext context, int code, JsonNode body, CancellationToken ct, string contentType = "application/json", IReadOnlyList<string>? warnings = null)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = contentType;
        context.Response.Headers.CacheControl = "no-cache, private";
        if (warnings is { Count: > 0 })
        {
            context.Response.Headers.Append("Warning", warnings.Select(Schema.SchemaStatus.WarningHeaderValue).ToArray());
        }

        var bytes = Json.Serialize(body);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    public static Task WriteResultAsync(HttpContext context, WriteResult result, CancellationToken ct, IReadOnlyList<string>? warnings = null) =>
        WriteJsonAsync(context, result.Code, result.Body, ct, warnings: warnings);

    /// <summary>A list written straight from its items (no intermediate JsonObject for large lists).</summary>
    public static async Task WriteListAsync(HttpContext context, ResourceType type, ListResult list, CancellationToken ct)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("kind", type.ListKind);
            writer.WriteString("apiVersion", type.GroupVersion);
            writer.WriteStartObject("metadata");
            writer.WriteString("resourceVersion", list.ResourceVersion.ToString(CultureInfo.InvariantCulture));
            if (list.Continue is not null)
            {
                writer.WriteString("continue", list.Continue);
            }

            if (list.Remaining is { } remaining)
            {
                writer.WriteNumber("remainingItemCount", remaining);
            }

            writer.WriteEndObject();
            writer.WriteStartArray("items");
            foreach (var item in list.Items)
            {
                item.WriteTo(writer);
            }

            writer.WriteEndArray();
            writer.WriteEndObject();
        }

        context.Response.ContentLength = buffer.Length;
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct).ConfigureAwait(false);
    }

    /// <summary>
    /// kube-apiserver's answer to a request caught in a storage swap (its WithWaitGroup filter), byte for byte:
    /// 503, <c>Retry-After: 1</c>, nosniff, and the Status written with two trailing newlines.
    /// </summary>
    public static async Task WriteShuttingDownAsync(HttpContext context, CancellationToken ct)
    {
        context.Response.StatusCode = 503;
        context.Response.ContentType = "application/json";
        context.Response.Headers.CacheControl = "no-cache, private";
        context.Response.Headers.RetryAfter = "1";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        var bytes = Json.Serialize(new StatusException(503, "ServiceUnavailable", "apiserver is shutting down").ToStatus());
        byte[] body = [.. bytes, (byte)'\n', (byte)'\n'];
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, ct).ConfigureAwait(false);
    }

    /// <summary>A test hook's answer (<see cref="LocalApiServer.Intercept"/>): its Status, with Retry-After when it names one.</summary>
    public static Task WriteFaultAsync(HttpContext context, ApiFault fault, CancellationToken ct)
    {
        if (fault.RetryAfterSeconds is { } seconds)
        {
            context.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return WriteJsonAsync(context, fault.Code, new StatusException(fault.Code, fault.Reason, fault.Message).ToStatus(), ct);
    }

    /// <summary>The Status body of a failure; once a body has started (a watch), the connection is cut instead.</summary>
    public static async Task WriteStatusAsync(HttpContext context, StatusException e, CancellationToken ct)
    {
        if (context.Response.HasStarted)
        {
            context.Abort();
            return;
        }

        await WriteJsonAsync(context, e.Code, e.ToStatus(), ct).ConfigureAwait(false);
    }

    public static async Task WriteTextAsync(HttpContext context, int code, string text, CancellationToken ct)
    {
        context.Response.StatusCode = code;
        context.Response.ContentType = "text/plain; charset=utf-8";
        var bytes = Encoding.UTF8.GetBytes(text);
        context.Response.ContentLength = bytes.Length;
        await context.Response.Body.WriteAsync(bytes, ct).ConfigureAwait(false);
    }

    /// <summary>What Go's mux answers for an unknown path.</summary>
    public static Task NotFoundPageAsync(HttpContext context, CancellationToken ct) => WriteTextAsync(context, 404, "404 page not found\n", ct);
}
