using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Model;

namespace CachingGen.Generator.Hashing;

/// <summary>
/// A compilation's <see cref="CompilationBindings"/>, made on first use from its files' kept <see cref="FileBindings"/>:
/// at most once per state of the declarations, and not at all in a build that never reuses anything.
/// </summary>
internal sealed class LazyBindings(ImmutableArray<FileDeclarationsModel> files)
{
    private CompilationBindings? _value;

    public CompilationBindings Value
        => Volatile.Read(ref _value)
            ?? Interlocked.CompareExchange(ref _value, CompilationBindings.Of(StableHash.Start64, files.Select(f => (f.FilePath, f.Bindings.Value))), null)
            ?? _value!;
}
