using System.Text.Json;
using System.Text.Json.Nodes;

namespace GongOperator.LocalCluster.Storage;

/// <summary>
/// Keeps the store in a state directory: <c>snapshot.json</c> (written to a temporary file, fsynced,
/// then renamed over the old one) and <c>wal.jsonl</c>, one JSON line per committed write, fsynced
/// before the write is acknowledged. A snapshot begins by moving the log aside (<c>wal.1.jsonl</c>, under
/// the store's lock, which is all a snapshot holds it for) and is written while writes go on into a new
/// log; the old one is deleted once the snapshot is in place. Loading reads the snapshot and replays
/// the old log and the log, skipping what the snapshot holds; a torn last line (a crash in the middle of
/// an append) is cut off, so a crash never leaves a state that cannot load.
/// Nothing is created on disk before the first write, so a server that fails to start leaves a new state directory empty.
/// Group commit: <see cref="Append"/> only writes the record (in resourceVersion order, under the store's lock), and
/// <see cref="FlushToDisk"/>, called before a write is acknowledged and outside that lock, makes every record written
/// so far durable with one fsync, so concurrent writers share a flush instead of queueing for one each.
/// </summary>
internal sealed class StatePersistence : IDisposable
{
    private const string SnapshotFile = "snapshot.json";
    private const string WalFile = "wal.jsonl";
    private const string RotatedWalFile = "wal.1.jsonl";
    private readonly string _directory;
    private readonly Lock _flushGate = new();
    private FileStream? _wal;
    private long _goodLength;
    private bool _loaded;
    private volatile bool _snapshotting;

    // The highest resourceVersion whose record has been written to the log, and the highest one known to be on disk.
    private long _writtenRv;
    private long _durableRv;

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

        Replay(Path.Combine(_directory, RotatedWalFile), apply, ref rv);
        var goodLength = Replay(Path.Combine(_directory, WalFile), apply, ref rv);
        _goodLength = goodLength;
        _loaded = true;
        _writtenRv = rv;
        _durableRv = rv;
        return rv;
    }

    /// <summary>Applies the log at <paramref name="path"/> past <paramref name="rv"/>; returns the length of its good (untorn) part.</summary>
    private long Replay(string path, Action<string, string, JsonObject?> apply, ref long rv)
    {
        if (!File.Exists(path))
        {
            return 0;
        }

        var bytes = File.ReadAllBytes(path);
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
            RecordsSinceSnapshot++;
        }

        return start;
    }

    // Opened at the first write rather than at load: a log left with a torn line is cut then, before anything follows it.
    private FileStream OpenWal()
    {
        if (!_loaded)
        {
            throw new InvalidOperationException("Load must run first");
        }

        Directory.CreateDirectory(_directory);
        // Unbuffered: each append is one write(2), and a flush is only the fsync, so a flush may run beside an append.
        var wal = new FileStream(Path.Combine(_directory, WalFile), FileMode.OpenOrCreate, FileAccess.Write, FileShare.Read, bufferSize: 0);
        wal.SetLength(_goodLength);
        wal.Seek(_goodLength, SeekOrigin.Begin);
        return wal;
    }

    /// <summary>Fsyncs made by <see cref="FlushToDisk"/> (for tests of the group commit).</summary>
    internal int Flushes { get; private set; }

    /// <summary>The highest resourceVersion known to be on disk.</summary>
    internal long DurableResourceVersion => Volatile.Read(ref _durableRv);

    /// <summary>
    /// Appends one committed write to the log (the caller holds the store's lock, so records are in resourceVersion
    /// order). It survives a crash of the process at once (it is in the kernel's cache); <see cref="FlushToDisk"/>
    /// makes it survive a crash of the machine.
    /// </summary>
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
        Volatile.Write(ref _writtenRv, rv);
        RecordsSinceSnapshot++;
    }

    /// <summary>
    /// Returns once the record of <paramref name="rv"/> (and every one before it) is on disk. One caller fsyncs for
    /// all records written by then; callers that arrive meanwhile wait for it and usually find their record covered.
    /// </summary>
    public void FlushToDisk(long rv)
    {
        if (Volatile.Read(ref _durableRv) >= rv)
        {
            return;
        }

        lock (_flushGate)
        {
            if (_durableRv >= rv)
            {
                return;
            }

            // Read before the fsync: every record up to here was written before it, so the fsync covers them all.
            var written = Volatile.Read(ref _writtenRv);
            _wal?.Flush(flushToDisk: true);
            Flushes++;
            Volatile.Write(ref _durableRv, written);
        }
    }

    /// <summary>
    /// Begins a snapshot (the caller holds the store's lock, so no record is being written): the log is made durable
    /// and moved aside, and the next write starts a new one. Returns false when an earlier snapshot has not finished.
    /// </summary>
    public bool RotateLog()
    {
        if (_snapshotting)
        {
            return false;
        }

        lock (_flushGate)
        {
            var current = Path.Combine(_directory, WalFile);
            var rotated = Path.Combine(_directory, RotatedWalFile);
            if (_wal is not null)
            {
                _wal.Flush(flushToDisk: true);
                _wal.Dispose();
                _wal = null;
            }
            else if (File.Exists(current))
            {
                // Not written to since the load: its good part only (a torn tail left by a crash is not a record).
                using var log = new FileStream(current, FileMode.Open, FileAccess.Write);
                log.SetLength(_goodLength);
            }

            if (File.Exists(current))
            {
                if (File.Exists(rotated))
                {
                    // A snapshot that failed left its old log: keep both, in order, until one succeeds.
                    File.AppendAllBytes(rotated, File.ReadAllBytes(current));
                    File.Delete(current);
                }
                else
                {
                    File.Move(current, rotated);
                }
            }

            _goodLength = 0;
            Volatile.Write(ref _durableRv, Volatile.Read(ref _writtenRv));
        }

        RecordsSinceSnapshot = 0;
        _snapshotting = true;
        return true;
    }

    /// <summary>
    /// Writes a full snapshot at <paramref name="rv"/> atomically, then deletes the log moved aside by
    /// <see cref="RotateLog"/>. Needs no lock: <paramref name="objects"/> are never mutated, and writes meanwhile go
    /// to the new log.
    /// </summary>
    public void WriteSnapshot(long rv, IEnumerable<(string StorageKey, string Key, JsonObject Obj)> objects)
    {
        try
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

            // Every record of the old log is in the snapshot now; replay skips any that survive a crash here.
            File.Delete(Path.Combine(_directory, RotatedWalFile));
        }
        finally
        {
            _snapshotting = false;
        }
    }

    public void Dispose() => _wal?.Dispose();
}
