namespace GongOperator.Bench.Hosting;

/// <summary>A scenario could not finish (a process did not start, origins were not Ready in time): one printable line.</summary>
internal sealed class BenchFailedException : Exception
{
    public BenchFailedException()
    {
    }

    public BenchFailedException(string message)
        : base(message)
    {
    }

    public BenchFailedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
