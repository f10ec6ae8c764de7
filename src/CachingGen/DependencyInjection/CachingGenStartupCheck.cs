using CachingGen.Infrastructure;
using CachingGen.Internals.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CachingGen.DependencyInjection;

/// <summary>
/// Reports, when the host starts, every annotated repository registration that ended up undecorated: one warning
/// each, and an exception listing them all when <see cref="CachingGenOptions.ThrowOnUndecorated"/> says so. It runs
/// at start rather than in <c>AddCachingGen</c> because only then is the collection final.
/// </summary>
internal sealed class CachingGenStartupCheck(CachingGenSetup setup, ILogger<CachingGenCache>? logger, IHostEnvironment? environment) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var problems = UndecoratedRegistrations.Find(setup);
        var log = logger ?? (ILogger)NullLogger.Instance;
        foreach (var problem in problems)
        {
            CacheLog.Undecorated(log, problem);
        }

        foreach (var conflict in CacheMethodTable.Conflicts())
        {
            CacheLog.Undecorated(log, conflict);
        }

        if (problems.Count > 0 && ShouldThrow(problems))
        {
            throw new InvalidOperationException(
                UndecoratedRegistrations.Summary(problems) + Environment.NewLine
                + "(CachingGen stops the start because ThrowOnUndecorated is on, or unset in the Development environment; set AddCachingGen(o => o.ThrowOnUndecorated = false) to only log warnings.)");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    // Explicitly on: any problem stops the start. Unset, in Development: only definite mistakes do, not factories
    // (a test host replacing a repository with a fake through a factory is common and correct).
    private bool ShouldThrow(System.Collections.Generic.List<string> problems) => problems.Count > 0 && setup.Options.ThrowOnUndecorated switch
    {
        true => true,
        false => false,
        null => environment?.IsDevelopment() == true && UndecoratedRegistrations.Find(setup, includeFactories: false).Count > 0,
    };
}
