using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace GongOperator.Kubernetes.Tests.Support;

/// <summary>A logger that keeps the scopes open on the current async flow, so a test can see what a callee runs inside.</summary>
public sealed class ScopeRecordingLogger : ILogger
{
    private readonly AsyncLocal<ImmutableStack<object>> _scopes = new();

    public IReadOnlyList<object> CurrentScopes => (_scopes.Value ?? []).ToList();

    public IDisposable BeginScope<TState>(TState state)
        where TState : notnull
    {
        var before = _scopes.Value ?? [];
        _scopes.Value = before.Push(state);
        return new Pop(() => _scopes.Value = before);
    }

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
    }

    private sealed class Pop(Action pop) : IDisposable
    {
        public void Dispose() => pop();
    }
}
