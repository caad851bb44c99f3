using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using GongOperator.LocalCluster.Errors;
using GongOperator.LocalCluster.Resources;
using GongOperator.LocalCluster.Storage;
using Microsoft.AspNetCore.Http;

namespace GongOperator.LocalCluster.Server;

/// <summary>
/// Serves one watch: line-framed compact JSON events flushed one by one, with resourceVersion
/// semantics (initial ADDED events, resumption, 410 as an ERROR event), selectors (an object
/// leaving the selector is DELETED), bookmarks, timeoutSeconds and watch-list initial events.
/// </summary>
internal sealed class WatchStream
{
    private readonly HttpContext context;
    private readonly ApiOperations operations;
    private readonly ResourceType type;
    private readonly string? ns;
    private readonly ListQuery query;
    private readonly WatchRequest request;
    private readonly WatchGate gate;
    private readonly TimeProvider time;
    private readonly TimeSpan bookmarkInterval;
    private readonly Func<JsonObject, JsonObject, bool, JsonObject>? transform;
    private bool sentFirst;

    public WatchStream(HttpContext context, ApiOperations operations, ResourceType type, string? ns, ListQuery query, WatchRequest request, WatchGate gate, TimeProvider time, TimeSpan bookmarkInterval, Func<JsonObject, JsonObject, bool, JsonObject>? transform)
    {
        this.context = context;
        this.operations = operations;
        this.type = type;
        this.ns = ns;
        this.query = query;
        this.request = request;
        this.gate = gate;
        this.time = time;
        this.bookmarkInterval = bookmarkInterval;
        this.transform = transform;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var store = operations.Store;
        var initial = new List<JsonObject>();
        StoreWatcher? watcher;
        long startRv;
        var rvText = query.ResourceVersion;
        if (request.SendInitialEvents == true)
        {
            if (query.ResourceVersionMatch != "NotOlderThan")
            {
                throw StatusException.ListOptionsInvalid("resourceVersionMatch", "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan", "FieldValueForbidden");
            }

            if (!request.AllowBookmarks)
            {
                throw StatusException.ListOptionsInvalid("allowWatchBookmarks", "Forbidden: sendInitialEvents requires allowWatchBookmarks=true", "FieldValueForbidden");
            }
        }
        else if (request.SendInitialEvents == false && !string.IsNullOrEmpty(query.ResourceVersionMatch) && query.ResourceVersionMatch != "NotOlderThan")
        {
            throw StatusException.ListOptionsInvalid("resourceVersionMatch", "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided", "FieldValueForbidden");
        }
        else if (request.SendInitialEvents is null && !string.IsNullOrEmpty(query.ResourceVersionMatch))
        {
            throw StatusException.ListOptionsInvalid("resourceVersionMatch", "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided", "FieldValueForbidden");
        }

        var fromScratch = string.IsNullOrEmpty(rvText) || rvText == "0";
        if (request.SendInitialEvents == true || (fromScratch && request.SendInitialEvents != false))
        {
            var (snapshot, w) = store.ListAndWatch(type.StorageKey, ns);
            watcher = w;
            startRv = snapshot.ResourceVersion;
            foreach (var (_, obj) in snapshot.Items)
            {
                var view = operations.Reader.ForRead(type, obj);
                if (Matches(view))
                {
                    initial.Add(view);
                }
            }
        }
        else if (fromScratch)
        {
            startRv = store.CurrentResourceVersion;
            watcher = store.Watch(type.StorageKey, startRv);
        }
        else
        {
            if (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out startRv))
            {
                throw StatusException.ListOptionsInvalid("resourceVersion", $"Invalid value: \"{rvText}\": must be a non-negative integer", "FieldValueInvalid");
            }

            watcher = store.Watch(type.StorageKey, startRv);
        }

        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = "application/json";
        response.Headers.CacheControl = "no-cache, private";
        if (watcher is null)
        {
            var error = StatusException.Gone($"too old resource version: {startRv} ({store.CompactedResourceVersion})").ToStatus();
            await WriteEventAsync("ERROR", error, ct).ConfigureAwait(false);
            return;
        }

        using var subscription = watcher;
        using var timeout = request.TimeoutSeconds is > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(request.TimeoutSeconds.Value), time) : new CancellationTokenSource();
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, timeout.Token);
        var token = linked.Token;
        try
        {
            await response.StartAsync(token).ConfigureAwait(false);
            await response.Body.FlushAsync(token).ConfigureAwait(false);
            foreach (var obj in initial)
            {
                await WriteEventAsync("ADDED", Present(obj, obj, false), token).ConfigureAwait(false);
            }

            if (request.SendInitialEvents == true)
            {
                await WriteBookmarkAsync(startRv, initialEventsEnd: true, token).ConfigureAwait(false);
            }

            await PumpAsync(watcher, startRv, token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !ct.IsCancellationRequested)
        {
            // timeoutSeconds elapsed: end the stream cleanly.
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // the client went away.
        }
        catch (IOException)
        {
            // the client went away mid-write.
        }
    }

    private async Task PumpAsync(StoreWatcher watcher, long lastRv, CancellationToken ct)
    {
        var reader = watcher.Reader;
        Task<bool>? pendingRead = null;
        while (true)
        {
            var open = gate.WaitOpenAsync(ct);
            if (!open.IsCompleted)
            {
                await Task.WhenAny(open, watcher.DroppedTask).ConfigureAwait(false);
                if (watcher.Dropped)
                {
                    context.Abort();
                    return;
                }
            }

            await open.ConfigureAwait(false);
            var wrote = false;
            while (reader.TryRead(out var e))
            {
                lastRv = e.ResourceVersion;
                var (type, obj) = Translate(e);
                if (type is not null)
                {
                    await WriteEventAsync(type, obj!, ct, flush: false).ConfigureAwait(false);
                    wrote = true;
                }

                if (gate.Stalled)
                {
                    break;
                }
            }

            if (wrote)
            {
                await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
            }

            if (gate.Stalled)
            {
                continue;
            }

            pendingRead ??= reader.WaitToReadAsync(ct).AsTask();
            if (request.AllowBookmarks)
            {
                using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var delay = Task.Delay(bookmarkInterval, time, delayCancel.Token);
                var done = await Task.WhenAny(pendingRead, delay).ConfigureAwait(false);
                if (done != pendingRead)
                {
                    await delay.ConfigureAwait(false);
                    var current = operations.Store.CurrentResourceVersion;
                    if (!gate.Stalled && !reader.TryPeek(out _) && current >= lastRv)
                    {
                        lastRv = current;
                        await WriteBookmarkAsync(current, initialEventsEnd: false, ct).ConfigureAwait(false);
                    }

                    continue;
                }

                await delayCancel.CancelAsync().ConfigureAwait(false);
            }

            var more = await pendingRead.ConfigureAwait(false);
            pendingRead = null;
            if (!more)
            {
                if (watcher.Dropped)
                {
                    context.Abort();
                }

                return;
            }
        }
    }

    private (string? Type, JsonObject? Object) Translate(StoreEvent e)
    {
        var now = operations.Reader.ForRead(type, e.Object);
        var nowMatches = Matches(now);
        var before = e.OldObject is null ? null : operations.Reader.ForRead(type, e.OldObject);
        var beforeMatches = before is not null && Matches(before);
        return e.Type switch
        {
            "ADDED" => nowMatches ? ("ADDED", Present(now, now, false)) : (null, null),
            "DELETED" => beforeMatches || nowMatches ? ("DELETED", Present(now, now, false)) : (null, null),
            _ when nowMatches && beforeMatches => ("MODIFIED", Present(now, now, false)),
            _ when nowMatches => ("ADDED", Present(now, now, false)),
            _ when beforeMatches => ("DELETED", Present(now, now, false)),
            _ => (null, null),
        };
    }

    private JsonObject Present(JsonObject obj, JsonObject original, bool first)
    {
        _ = first;
        if (transform is null)
        {
            return obj;
        }

        // Only the first event of a Table watch carries the column definitions.
        var result = transform(obj, original, !sentFirst);
        sentFirst = true;
        return result;
    }

    private bool Matches(JsonObject obj)
    {
        if (ns is not null && Json.Text(obj["metadata"]?["namespace"]) != ns)
        {
            return false;
        }

        return query.Labels.Matches(obj) && query.Fields.Matches(obj);
    }

    private Task WriteBookmarkAsync(long rv, bool initialEventsEnd, CancellationToken ct)
    {
        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var obj = new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.GroupVersion, ["metadata"] = metadata };
        return WriteEventAsync("BOOKMARK", obj, ct);
    }

    private async Task WriteEventAsync(string eventType, JsonObject obj, CancellationToken ct, bool flush = true)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteString("type", eventType);
            writer.WritePropertyName("object");
            obj.WriteTo(writer);
            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        await context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct).ConfigureAwait(false);
        if (flush)
        {
            await context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
        }
    }
}
