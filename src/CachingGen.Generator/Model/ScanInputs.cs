using System.Collections.Immutable;
using CachingGen.Generator.Hashing;

namespace CachingGen.Generator.Model;

/// <summary>
/// What a file's call scan depends on besides the file itself and the compilation's options and references (which
/// <see cref="Parsing.CallSiteScanner"/> compares by itself): whether to scan, the names the syntax filter keeps, and
/// what every file declares to the others. Equatable: while it is equal, a file's scan stays valid.
/// </summary>
/// <param name="Enabled">Whether this project's calls are intercepted at all.</param>
/// <param name="Names">The names of the annotated methods of this compilation and its references, sorted.</param>
/// <param name="Declarations">The combined fingerprint of every file's declarations.</param>
/// <param name="Bindings">The same declarations by name, for the reuse that compares names (compared through <paramref name="Declarations"/>).</param>
internal sealed record ScanInputs(bool Enabled, EquatableArray<string> Names, ulong Declarations, OutsideEquality<LazyBindings> Bindings)
{
    public static ScanInputs Of(bool enabled, EquatableArray<string> names, ImmutableArray<FileDeclarationsModel> files)
        => new(enabled, names, Pipelines.DeclarationSnapshot.Hash(files), new OutsideEquality<LazyBindings>(new LazyBindings(files)));

    /// <summary>The declarations by name, made on first use (<see cref="LazyBindings"/>).</summary>
    public CompilationBindings ByName => Bindings.Value.Value;
}
