using System.Collections.Generic;
using System.Runtime.CompilerServices;
using System.Threading;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Parsing;
using CachingGen.Generator.Sql;
using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// The tables a method body's SQL touches, kept across compilations: in an editor every keystroke makes a new
/// compilation, and reading every repository's SQL again (binding each body) is what made a keystroke in a repository
/// file cost seconds in a large project. A body's tables depend on its own text (an edit makes a new tree, so new nodes
/// and no entry) and on what it can bind to: the other files' declarations, references and options
/// (<see cref="Stamp"/>). Those are compared as <see cref="FileBindings"/> say: a change to a method, property or event
/// re-reads only the bodies that spell its name (a parameter added to one repository's method re-reads the bodies that
/// call a method of that name, not every repository); any other declaration change, an option or a reference re-reads
/// all. Attribute arguments are left out: the text of a key or a TTL changes no binding, so editing one re-reads only
/// its own file. The command line builds a new compilation of new trees every time, so nothing here outlives a build.
/// </summary>
internal static class BodyTablesCache
{
    private static readonly ConditionalWeakTable<SyntaxTree, FileEntry> s_files = new();
    private static readonly ConditionalWeakTable<SyntaxNode, Entry> s_entries = new();
    private static readonly ObjectIdentities s_identities = new();

    /// <summary>What the bodies of <paramref name="compilation"/> can bind to (this generator's own output left out).</summary>
    public static CompilationBindings Stamp(Compilation compilation, CancellationToken cancellationToken)
    {
        // Options and references by identity: an editor keeps the same objects while they do not change, and a new
        // object only costs one re-read. Their GetHashCode is not usable here (the command-line compiler's syntax tree
        // options provider throws NotImplementedException from it).
        var shape = StableHash.Mix(StableHash.Start64, s_identities.Of(compilation.Options));
        foreach (var reference in compilation.References)
        {
            // A reference is a snapshot: the same object means the same metadata.
            shape = StableHash.Mix(shape, s_identities.Of(reference));
        }

        var files = new List<(string, FileBindings)>();
        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            // Generated files count (a constant or a using there changes what code binds to), but for this generator's own.
            if (s_files.GetValue(tree, t => new FileEntry(GeneratedFiles.IsOwnOutput(t) ? null : FileBindings.Of(t, cancellationToken))).Bindings is { } file)
            {
                shape = StableHash.Mix(shape, s_identities.Of(tree.Options));
                files.Add((tree.FilePath, file));
            }
        }

        return CompilationBindings.Of(shape, files);
    }

    /// <summary>The tables of <paramref name="body"/>, computed with <paramref name="model"/> unless known under bindings that are the same for it.</summary>
    public static BodySql? Analyze(SyntaxNode body, SemanticModel model, CompilationBindings bindings, CancellationToken cancellationToken)
    {
        var entry = s_entries.GetValue(body, static b => new Entry(CompilationBindings.Names(b)));
        var known = Volatile.Read(ref entry.Known);
        if (known is not null && bindings.SameFor(known.Bindings, entry.Names))
        {
            // Kept under the current bindings, so that the old ones can be collected.
            Volatile.Write(ref entry.Known, known with { Bindings = bindings });
            return known.Tables;
        }

        var tables = SqlSites.Analyze(body, model, cancellationToken);
        Volatile.Write(ref entry.Known, new Known(bindings, tables));
        return tables;
    }

    /// <summary>A number no other live object shares (unlike RuntimeHelpers.GetHashCode, which may collide).</summary>
    private sealed class ObjectIdentities
    {
        private readonly ConditionalWeakTable<object, Fingerprint> _ids = new();
        private long _next;

        public ulong Of(object value) => _ids.GetValue(value, _ => new Fingerprint((ulong)Interlocked.Increment(ref _next))).Value;
    }

    private sealed class Fingerprint(ulong value)
    {
        public ulong Value { get; } = value;
    }

    private sealed class FileEntry(FileBindings? bindings)
    {
        public FileBindings? Bindings { get; } = bindings;
    }

    private sealed class Entry(string[] names)
    {
        public Known? Known;

        public string[] Names { get; } = names;
    }

    private sealed record Known(CompilationBindings Bindings, BodySql? Tables);
}
