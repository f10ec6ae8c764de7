using Xunit;

namespace CachingGen.Tests;

/// <summary>
/// Method counters are process-wide (one generated descriptor per method), so tests that call the same
/// repository methods and tests that read their counters must not run at the same time.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedCounters
{
    public const string Name = "Shared method counters";
}
