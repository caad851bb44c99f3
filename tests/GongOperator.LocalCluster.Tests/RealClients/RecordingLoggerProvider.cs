using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace GongOperator.LocalCluster.Tests.RealClients;

/// <summary>Keeps the EventIds the server logged, so a test can wait for something the server did.</summary>
internal sealed class RecordingLoggerProvider : ILoggerProvider, ILogger
{
    private readonly ConcurrentQueue<int> _eventIds = new();

    public bool Logged(int eventId) => _eventIds.Contains(eventId);

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) => _eventIds.Enqueue(eventId.Id);

    public void Dispose()
    {
    }
}
