namespace GongOperator.Cli;

/// <summary>
/// Holds DIR/.lock open and exclusively (an OS lock, released when the process ends however it ends) so a second
/// <c>local</c> or <c>apiserver</c> on the same state directory is refused before it can rewrite the first one's
/// kubeconfig or interleave writes with its log.
/// </summary>
internal sealed class StateDirectoryLock : IDisposable
{
    /// <summary>Name of the lock file inside the state directory.</summary>
    public const string FileName = ".lock";

    private readonly FileStream _file;

    private StateDirectoryLock(FileStream file) => _file = file;

    /// <summary>Takes the lock of <paramref name="directory"/> (created if missing), or says in one line why not.</summary>
    public static bool TryAcquire(string directory, out StateDirectoryLock? held, out string error)
    {
        held = null;
        error = "";
        var path = Path.Combine(directory, FileName);
        try
        {
            Directory.CreateDirectory(directory);

            // FileShare.None is an exclusive lock on every platform .NET runs on (flock on Linux and macOS).
            held = new StateDirectoryLock(new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None));
            return true;
        }
        catch (IOException) when (File.Exists(path))
        {
            error = $"the state dir {directory} is in use by another gong-operator local or apiserver (it holds {path}); stop that one or pass another --state-dir";
            return false;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot use the state dir {directory}: {e.Message}";
            return false;
        }
    }

    /// <inheritdoc />
    public void Dispose() => _file.Dispose();
}
