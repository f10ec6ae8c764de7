using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace CachingGen.Tests.Diagnostics;

/// <summary>Keeps the text of every warning or worse that any logger of the container writes.</summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ILogger
{
    public ConcurrentQueue<string> Messages { get; } = new();

    public ILogger CreateLogger(string categoryName) => this;

    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (logLevel >= LogLevel.Warning)
        {
            Messages.Enqueue(formatter(state, exception));
        }
    }

    public void Dispose()
    {
    }
}
