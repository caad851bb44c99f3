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
    private readonly HttpContext _context;
    private readonly ApiOperations _operations;
    private readonly ResourceType _type;
    private readonly string? _ns;
    private readonly ListQuery _query;
    private readonly WatchRequest _request;
    private readonly WatchGate _gate;
    private readonly FaultHooks _faults;
    private readonly TimeProvider _time;
    private readonly TimeSpan _bookmarkInterval;
    private readonly Func<JsonObject, JsonObject, bool, JsonObject>? _transform;
    private bool _sentFirst;

    public WatchStream(HttpContext context, ApiOperations operations, ResourceType type, string? ns, ListQuery query, WatchRequest request, WatchGate gate, FaultHooks faults, TimeProvider time, TimeSpan bookmarkInterval, Func<JsonObject, JsonObject, bool, JsonObject>? transform)
    {
        _context = context;
        _operations = operations;
        _type = type;
        _ns = ns;
        _query = query;
        _request = request;
        _gate = gate;
        _faults = faults;
        _time = time;
        _bookmarkInterval = bookmarkInterval;
        _transform = transform;
    }

    public async Task RunAsync(CancellationToken ct)
    {
        var store = _operations.Store;
        var initial = new List<JsonObject>();
        StoreWatcher? watcher;
        long startRv;
        var rvText = _query.ResourceVersion;
        if (_request.SendInitialEvents == true)
        {
            if (_query.ResourceVersionMatch != "NotOlderThan")
            {
                throw StatusException.ListOptionsInvalid("resourceVersionMatch", "Forbidden: sendInitialEvents requires setting resourceVersionMatch to NotOlderThan", "FieldValueForbidden");
            }

            if (!_request.AllowBookmarks)
            {
                throw StatusException.ListOptionsInvalid("allowWatchBookmarks", "Forbidden: sendInitialEvents requires allowWatchBookmarks=true", "FieldValueForbidden");
            }
        }
        else if (_request.SendInitialEvents == false && !string.IsNullOrEmpty(_query.ResourceVersionMatch) && _query.ResourceVersionMatch != "NotOlderThan")
        {
            throw StatusException.ListOptionsInvalid("resourceVersionMatch", "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided", "FieldValueForbidden");
        }
        else if (_request.SendInitialEvents is null && !string.IsNullOrEmpty(_query.ResourceVersionMatch))
        {
            throw StatusException.ListOptionsInvalid("resourceVersionMatch", "Forbidden: resourceVersionMatch is forbidden for watch unless sendInitialEvents is provided", "FieldValueForbidden");
        }

        var fromScratch = string.IsNullOrEmpty(rvText) || rvText == "0";
        if (_request.SendInitialEvents == true || (fromScratch && _request.SendInitialEvents != false))
        {
            var (snapshot, w) = store.ListAndWatch(_type.StorageKey, _ns);
            watcher = w;
            startRv = snapshot.ResourceVersion;
            foreach (var (_, obj) in snapshot.Items)
            {
                var view = _operations.Reader.ForRead(_type, obj);
                if (Matches(view))
                {
                    initial.Add(view);
                }
            }
        }
        else if (fromScratch)
        {
            startRv = store.CurrentResourceVersion;
            watcher = store.Watch(_type.StorageKey, startRv);
        }
        else
        {
            if (!long.TryParse(rvText, NumberStyles.None, CultureInfo.InvariantCulture, out startRv))
            {
                throw StatusException.ListOptionsInvalid("resourceVersion", $"Invalid value: \"{rvText}\": must be a non-negative integer", "FieldValueInvalid");
            }

            watcher = store.Watch(_type.StorageKey, startRv);
        }

        var response = _context.Response;
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
        using var timeout = _request.TimeoutSeconds is > 0 ? new CancellationTokenSource(TimeSpan.FromSeconds(_request.TimeoutSeconds.Value), _time) : new CancellationTokenSource();
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

            if (_request.SendInitialEvents == true)
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
            var open = _gate.WaitOpenAsync(ct);
            if (!open.IsCompleted)
            {
                await Task.WhenAny(open, watcher.DroppedTask).ConfigureAwait(false);
                if (watcher.Dropped)
                {
                    _context.Abort();
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

                if (_gate.Stalled)
                {
                    break;
                }
            }

            if (wrote)
            {
                await _context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
            }

            if (_gate.Stalled)
            {
                continue;
            }

            pendingRead ??= reader.WaitToReadAsync(ct).AsTask();
            if (_request.AllowBookmarks)
            {
                using var delayCancel = CancellationTokenSource.CreateLinkedTokenSource(ct);
                var delay = Task.Delay(_bookmarkInterval, _time, delayCancel.Token);
                var done = await Task.WhenAny(pendingRead, delay).ConfigureAwait(false);
                if (done != pendingRead)
                {
                    await delay.ConfigureAwait(false);
                    var current = _operations.Store.CurrentResourceVersion;
                    if (!_gate.Stalled && !reader.TryPeek(out _) && current >= lastRv)
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
                    _context.Abort();
                }

                return;
            }
        }
    }

    private (string? Type, JsonObject? Object) Translate(StoreEvent e)
    {
        var now = _operations.Reader.ForRead(_type, e.Object);
        var nowMatches = Matches(now);
        var before = e.OldObject is null ? null : _operations.Reader.ForRead(_type, e.OldObject);
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
        if (_transform is null)
        {
            return obj;
        }

        // Only the first event of a Table watch carries the column definitions.
        var result = _transform(obj, original, !_sentFirst);
        _sentFirst = true;
        return result;
    }

    private bool Matches(JsonObject obj)
    {
        if (_ns is not null && Json.Text(obj["metadata"]?["namespace"]) != _ns)
        {
            return false;
        }

        return _query.Labels.Matches(obj) && _query.Fields.Matches(obj);
    }

    private Task WriteBookmarkAsync(long rv, bool initialEventsEnd, CancellationToken ct)
    {
        var metadata = new JsonObject { ["resourceVersion"] = rv.ToString(CultureInfo.InvariantCulture) };
        if (initialEventsEnd)
        {
            metadata["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        var obj = new JsonObject { ["kind"] = _type.Kind, ["apiVersion"] = _type.GroupVersion, ["metadata"] = metadata };
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
        if (eventType != "BOOKMARK" && _faults.TakeEventCut())
        {
            // Half a line reaches the client, then the connection dies: what a network cut mid-event looks like.
            await _context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length / 2), ct).ConfigureAwait(false);
            await _context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
            _context.Abort();
            throw new IOException("watch event cut by the CutWatchEvents test hook");
        }

        await _context.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), ct).ConfigureAwait(false);
        if (flush)
        {
            await _context.Response.Body.FlushAsync(ct).ConfigureAwait(false);
        }
    }
}
