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
/// and no entry) and on what it can bind to: the other files' declarations, references and options, which
/// <see cref="Stamp"/> hashes. Attribute arguments are left out of that hash: the text of a key or a TTL changes no
/// binding, so editing one re-reads only its own file. The command line builds a new compilation of new trees every
/// time, so nothing here outlives a build.
/// </summary>
internal static class BodyTablesCache
{
    private static readonly ConditionalWeakTable<SyntaxTree, Fingerprint> s_fingerprints = new();
    private static readonly ConditionalWeakTable<SyntaxNode, Entry> s_entries = new();
    private static readonly ObjectIdentities s_identities = new();

    /// <summary>What the bodies of <paramref name="compilation"/> can bind to, as a hash (generated files left out, as the index does).</summary>
    public static ulong Stamp(Compilation compilation, CancellationToken cancellationToken)
    {
        // Options and references by identity: an editor keeps the same objects while they do not change, and a new
        // object only costs one re-read. Their GetHashCode is not usable here (the command-line compiler's syntax tree
        // options provider throws NotImplementedException from it).
        var hash = StableHash.Mix(StableHash.Start64, s_identities.Of(compilation.Options));
        foreach (var reference in compilation.References)
        {
            // A reference is a snapshot: the same object means the same metadata.
            hash = StableHash.Mix(hash, s_identities.Of(reference));
        }

        foreach (var tree in compilation.SyntaxTrees)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var fingerprint = s_fingerprints.GetValue(tree, t => new Fingerprint(
                GeneratedFiles.IsGenerated(t, cancellationToken) ? 0UL : StableHash.Mix(DeclarationFingerprint.ForBinding(t, cancellationToken), s_identities.Of(t.Options))));
            if (fingerprint.Value != 0UL)
            {
                hash = StableHash.Mix(StableHash.Mix(hash, tree.FilePath), fingerprint.Value);
            }
        }

        return hash;
    }

    /// <summary>The tables of <paramref name="body"/>, computed with <paramref name="model"/> unless known under <paramref name="stamp"/>.</summary>
    public static BodySql? Analyze(SyntaxNode body, SemanticModel model, ulong stamp, CancellationToken cancellationToken)
    {
        var entry = s_entries.GetValue(body, static _ => new Entry());
        var known = Volatile.Read(ref entry.Known);
        if (known is not null && known.Stamp == stamp)
        {
            return known.Tables;
        }

        var tables = SqlSites.Analyze(body, model, cancellationToken);
        Volatile.Write(ref entry.Known, new Known(stamp, tables));
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

    private sealed class Entry
    {
        public Known? Known;
    }

    private sealed record Known(ulong Stamp, BodySql? Tables);
}
