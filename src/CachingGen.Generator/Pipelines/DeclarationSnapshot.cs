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
    private readonly MetadataReference[] _references;
    private Dictionary<string, List<SyntaxTree>>? _trees;

    private DeclarationSnapshot(Compilation compilation, ulong declarations)
    {
        Compilation = compilation;
        _declarations = declarations;
        _references = compilation.References.ToArray();
    }

    public Compilation Compilation { get; }

    /// <summary>Compares declarations, references and options: never the compilation object itself.</summary>
    public static IEqualityComparer<DeclarationSnapshot> SameDeclarations { get; } = new Comparer();

    /// <summary>
    /// What each file declares to the others, attribute arguments left out (<see cref="DeclarationFingerprint.ForBinding"/>),
    /// one entry per syntax tree, so Roslyn computes it for a new tree only and keeps it for a tree it has seen (an
    /// unchanged file is the same object in the next compilation):
    /// the text of a key or a TTL changes no type, member or overload anywhere, so a snapshot made from these stays equal
    /// when one is edited, and only the methods whose attributes changed are read again (<see cref="MethodLocator"/>).
    /// </summary>
    public static IncrementalValuesProvider<FileDeclarationsModel> BindingFiles(IncrementalGeneratorInitializationContext context)
        => context.CompilationProvider
            .SelectMany(static (compilation, _) => compilation.SyntaxTrees)
            .Select(static (tree, ct) => new FileDeclarationsModel(tree.FilePath, DeclarationFingerprint.ForBinding(tree, ct)))
            .WithTrackingName(TrackingNames.BindingDeclarations);

    /// <summary>The compilation seen through its files' declarations, its references and options (see the class).</summary>
    public static IncrementalValueProvider<DeclarationSnapshot> Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<FileDeclarationsModel> files)
        => context.CompilationProvider
            .Combine(files.Collect())
            .Select(static (pair, _) => new DeclarationSnapshot(pair.Left, Hash(pair.Right)))
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

            if (x is null || y is null || x._declarations != y._declarations || x._references.Length != y._references.Length
                || !string.Equals(x.Compilation.AssemblyName, y.Compilation.AssemblyName, StringComparison.Ordinal)
                || !x.Compilation.Options.Equals(y.Compilation.Options)
                || !Equals(x.Compilation.SyntaxTrees.FirstOrDefault()?.Options, y.Compilation.SyntaxTrees.FirstOrDefault()?.Options))
            {
                return false;
            }

            // A reference is a snapshot: the same object means the same metadata; a new one (a rebuilt project) re-runs.
            for (var i = 0; i < x._references.Length; i++)
            {
                if (!ReferenceEquals(x._references[i], y._references[i]))
                {
                    return false;
                }
            }

            return true;
        }

        public int GetHashCode(DeclarationSnapshot obj) => obj._declarations.GetHashCode();
    }
}
