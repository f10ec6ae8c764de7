using System.Collections.Generic;
using System.Collections.Immutable;
using System.Linq;
using System.Threading;
using System;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Model;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// A compilation seen only through what its files declare to each other: two snapshots are equal when every file's
/// declarations (<see cref="DeclarationFingerprint"/>: all but member bodies), the references, the compilation and the
/// parse options are the same. A step that combines with it re-runs when a signature, an attribute, a type, a
/// <c>using</c>, a reference or an option changes, and not on a keystroke in a body: what a decorator is made of
/// depends on declarations only. The step keeps the compilation of the last change, whose declarations are equal to
/// the current one's, so what it computes from them is the same.
/// </summary>
internal sealed class DeclarationSnapshot
{
    private readonly ulong _declarations;
    private readonly LazyBindings _bindings;
    private readonly ImmutableArray<FileDeclarationsModel> _files;
    private Dictionary<string, List<SyntaxTree>>? _trees;
    private Dictionary<string, ulong>? _fingerprints;

    private DeclarationSnapshot(Compilation compilation, ImmutableArray<FileDeclarationsModel> files)
    {
        Compilation = compilation;
        Environment = new CompilationEnvironment(compilation);
        _declarations = Hash(files);
        _bindings = new LazyBindings(files);
        _files = files;
    }

    public Compilation Compilation { get; }

    /// <summary>The assembly's name, the options and the references (<see cref="CompilationEnvironment"/>).</summary>
    public CompilationEnvironment Environment { get; }

    /// <summary>
    /// What the compilation's code can bind to, by name (<see cref="CompilationBindings"/>), made on first use from the
    /// files' kept <see cref="FileBindings"/>: at most once per state of the declarations, only for the reuse that
    /// compares names. Options and references are not in it; <see cref="Environment"/> holds those.
    /// </summary>
    public LazyBindings Bindings => _bindings;

    /// <summary>Compares declarations, references and options: never the compilation object itself.</summary>
    public static IEqualityComparer<DeclarationSnapshot> SameDeclarations { get; } = new Comparer();

    /// <summary>
    /// What each file declares to the others, attribute arguments left out (<see cref="FileBindings"/>),
    /// one entry per syntax tree, so Roslyn computes it for a new tree only and keeps it for a tree it has seen (an
    /// unchanged file is the same object in the next compilation):
    /// the text of a key or a TTL changes no type, member or overload anywhere, so a snapshot made from these stays equal
    /// when one is edited, and only the methods whose attributes changed are read again (<see cref="MethodLocator"/>).
    /// </summary>
    public static IncrementalValuesProvider<FileDeclarationsModel> BindingFiles(IncrementalGeneratorInitializationContext context)
        => context.CompilationProvider
            .SelectMany(static (compilation, _) => compilation.SyntaxTrees)
            .Select(static (tree, ct) => FileDeclarationsModel.Of(tree, ct))
            .WithTrackingName(TrackingNames.BindingDeclarations);

    /// <summary>The compilation seen through its files' declarations, its references and options (see the class).</summary>
    public static IncrementalValueProvider<DeclarationSnapshot> Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<FileDeclarationsModel> files)
        => context.CompilationProvider
            .Combine(files.Collect())
            .Select(static (pair, _) => new DeclarationSnapshot(pair.Left, pair.Right))
            .WithComparer(SameDeclarations);

    /// <summary>One hash of every file's path and declarations, in the compilation's order.</summary>
    public static ulong Hash(ImmutableArray<FileDeclarationsModel> files)
    {
        var hash = StableHash.Start64;
        foreach (var file in files)
        {
            hash = StableHash.Mix(StableHash.Mix(hash, file.FilePath), file.Fingerprint);
        }

        return hash;
    }

    /// <summary>
    /// The declarations of the files at <paramref name="path"/> as one hash (<see cref="FileDeclarationsModel.Fingerprint"/>;
    /// one file but for hand-made compilations), or 0 when there is none: what a model read from those files is kept for.
    /// </summary>
    public ulong Fingerprint(string path)
    {
        var fingerprints = Volatile.Read(ref _fingerprints);
        if (fingerprints is null)
        {
            fingerprints = new Dictionary<string, ulong>(StringComparer.Ordinal);
            foreach (var file in _files)
            {
                fingerprints[file.FilePath] = StableHash.Mix(fingerprints.TryGetValue(file.FilePath, out var earlier) ? earlier : StableHash.Start64, file.Fingerprint);
            }

            Volatile.Write(ref _fingerprints, fingerprints);
        }

        return fingerprints.TryGetValue(path, out var found) ? found : 0UL;
    }

    /// <summary>The compilation's files with the path <paramref name="path"/> (one, but for hand-made compilations).</summary>
    public IReadOnlyList<SyntaxTree> Trees(string path)
    {
        var trees = Volatile.Read(ref _trees);
        if (trees is null)
        {
            trees = new Dictionary<string, List<SyntaxTree>>(StringComparer.Ordinal);
            foreach (var tree in Compilation.SyntaxTrees)
            {
                if (!trees.TryGetValue(tree.FilePath, out var list))
                {
                    trees[tree.FilePath] = list = [];
                }

                list.Add(tree);
            }

            Volatile.Write(ref _trees, trees);
        }

        return trees.TryGetValue(path, out var found) ? found : [];
    }

    private sealed class Comparer : IEqualityComparer<DeclarationSnapshot>
    {
        public bool Equals(DeclarationSnapshot? x, DeclarationSnapshot? y)
        {
            if (ReferenceEquals(x, y))
            {
                return true;
            }

            return x is not null && y is not null && x._declarations == y._declarations && x.Environment.Same(y.Environment);
        }

        public int GetHashCode(DeclarationSnapshot obj) => obj._declarations.GetHashCode();
    }
}
