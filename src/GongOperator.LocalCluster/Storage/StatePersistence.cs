using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Storage;

/// <summary>
/// Keeps the store in a state directory: <c>snapshot.json</c> (written to a temporary file, fsynced,
/// then renamed over the old one) and <c>wal.jsonl</c>, one JSON line per committed write, fsynced
/// before the write is acknowledged. Loading reads the snapshot and replays the log; a torn last line
/// (a crash in the middle of an append) is cut off, so a crash never leaves a state that cannot load.
/// Nothing is created on disk before the first write, so a server that fails to start leaves a new state directory empty.
/// </summary>
internal sealed class StatePersistence : IDisposable
{
    private const string SnapshotFile = "snapshot.json";
    private const string WalFile = "wal.jsonl";
    private readonly string _directory;
    private FileStream? _wal;
    private long _goodLength;
    private bool _loaded;

    public StatePersistence(string directory) => _directory = directory;

    /// <summary>Number of log records since the last snapshot.</summary>
    public int RecordsSinceSnapshot { get; private set; }

    /// <summary>Reads the snapshot and replays the log into <paramref name="apply"/>; returns the highest resourceVersion seen.</summary>
    public long Load(Action<string, string, JsonObject?> apply)
    {
        long rv = 0;
        var snapshotPath = Path.Combine(_directory, SnapshotFile);
        if (File.Exists(snapshotPath))
        {
            using var stream = File.OpenRead(snapshotPath);
            var snapshot = JsonNode.Parse(stream)?.AsObject() ?? throw new InvalidDataException("snapshot is empty");
            rv = snapshot["rv"]!.GetValue<long>();
            foreach (var entry in snapshot["objects"]!.AsArray())
            {
                var record = entry!.AsObject();
                apply(record["res"]!.GetValue<string>(), record["key"]!.GetValue<string>(), (JsonObject)record["obj"]!.DeepClone());
            }
        }

        var walPath = Path.Combine(_directory, WalFile);
        long goodLength = 0;
        if (File.Exists(walPath))
        {
            var bytes = File.ReadAllBytes(walPath);
            var start = 0;
            while (start < bytes.Length)
            {
                var end = Array.IndexOf(bytes, (byte)'\n', start);
                if (end < 0)
                {
                    break; // torn last line: no newline was written, so the write was never acknowledged
                }

                JsonObject? record;
                try
                {
                    record = JsonNode.Parse(bytes.AsSpan(start, end - start))?.AsObject();
                }
                catch (JsonException)
                {
                    break;
                }

                if (record is null)
                {
                    break;
                }

                var recordRv = record["rv"]!.GetValue<long>();
                if (recordRv > rv)
                {
                    apply(record["res"]!.GetValue<string>(), record["key"]!.GetValue<string>(), record["obj"] is JsonObject o ? (JsonObject)o.DeepClone() : null);
                    rv = recordRv;
                }

                start = end + 1;
                goodLength = start;
                RecordsSinceSnapshot++;
            }
        }

        _goodLength = goodLength;
        _loaded = true;
        return rv;
    }

    // Opened at the first write rather than at load: a log left with a torn line is cut then, before anything follows it.
    private FileStream OpenWal()
    {
        if (!_loaded)
        {
            throw new InvalidOperationException("Load must run first");
        }

        Directory.CreateDirectory(_directory);
        var wal = new FileStream(Path.Combine(_directory, WalFile), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read);
        wal.SetLength(_goodLength);
        wal.Seek(_goodLength, SeekOrigin.Begin);
        return wal;
    }

    /// <summary>Appends one committed write and forces it to disk.</summary>
    public void Append(long rv, string storageKey, string key, JsonObject? obj)
    {
        var stream = _wal ??= OpenWal();
        var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            writer.WriteNumber("rv", rv);
            writer.WriteString("res", storageKey);
            writer.WriteString("key", key);
            writer.WritePropertyName("obj");
            if (obj is null)
            {
                writer.WriteNullValue();
            }
            else
            {
                obj.WriteTo(writer);
            }

            writer.WriteEndObject();
        }

        buffer.WriteByte((byte)'\n');
        stream.Write(buffer.GetBuffer(), 0, (int)buffer.Length);
        stream.Flush(flushToDisk: true);
        RecordsSinceSnapshot++;
    }

    /// <summary>Writes a full snapshot atomically, then empties the log it supersedes.</summary>
    public void WriteSnapshot(long rv, IEnumerable<(string StorageKey, string Key, JsonObject Obj)> objects)
    {
        Directory.CreateDirectory(_directory);
        var temp = Path.Combine(_directory, SnapshotFile + ".tmp");
        using (var stream = new FileStream(temp, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            using (var writer = new Utf8JsonWriter(stream))
            {
                writer.WriteStartObject();
                writer.WriteNumber("rv", rv);
                writer.WriteStartArray("objects");
                foreach (var (storageKey, key, obj) in objects)
                {
                    writer.WriteStartObject();
                    writer.WriteString("res", storageKey);
                    writer.WriteString("key", key);
                    writer.WritePropertyName("obj");
                    obj.WriteTo(writer);
                    writer.WriteEndObject();
                }

                writer.WriteEndArray();
                writer.WriteEndObject();
            }

            stream.Flush(flushToDisk: true);
        }

        File.Move(temp, Path.Combine(_directory, SnapshotFile), overwrite: true);
        if (_wal is null && File.Exists(Path.Combine(_directory, WalFile)))
        {
            _wal = OpenWal();
        }

        if (_wal is not null)
        {
            // Every record up to rv is in the snapshot now; replay skips any that survive a crash here.
            _wal.SetLength(0);
            _wal.Seek(0, SeekOrigin.Begin);
            _wal.Flush(flushToDisk: true);
        }

        RecordsSinceSnapshot = 0;
    }

    public void Dispose() => _wal?.Dispose();
}
