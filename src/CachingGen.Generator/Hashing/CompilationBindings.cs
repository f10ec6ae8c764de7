using System;
using System.Collections.Generic;
using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Hashing;

/// <summary>
/// What the code of a compilation can bind to, from its files' <see cref="FileBindings"/>: one hash for everything but
/// the members found by name, and a hash per member name. Code that was read under one <see cref="CompilationBindings"/>
/// binds the same under another when the shapes are equal and every name it spells has the same hash in both
/// (<see cref="SameFor"/>): a parameter added to a method named <c>GetAsync</c> changes what code spelling
/// <c>GetAsync</c> may bind to, and nothing else.
/// </summary>
internal sealed class CompilationBindings
{
    private readonly ulong _shape;
    private readonly Dictionary<string, ulong> _members;

    private CompilationBindings(ulong shape, Dictionary<string, ulong> members)
    {
        _shape = shape;
        _members = members;
    }

    /// <summary>The bindings of <paramref name="files"/> (in the compilation's order), starting from <paramref name="shape"/> (options, references).</summary>
    public static CompilationBindings Of(ulong shape, IEnumerable<(string Path, FileBindings File)> files)
    {
        var members = new Dictionary<string, ulong>(StringComparer.Ordinal);
        foreach (var (path, file) in files)
        {
            var pathHash = StableHash.Mix(StableHash.Start64, path);
            shape = StableHash.Mix(StableHash.Mix(shape, pathHash), file.Shape);
            foreach (var member in file.Members)
            {
                members[member.Key] = StableHash.Mix(members.TryGetValue(member.Key, out var earlier) ? earlier : StableHash.Start64, StableHash.Mix(pathHash, member.Value));
            }
        }

        return new CompilationBindings(shape, members);
    }

    /// <summary>
    /// The distinct names <paramref name="node"/> refers to: what its bindings can depend on. A name it declares (a
    /// method's, a parameter's, a local's) binds to nothing, so a repository that declares its own <c>FindByIdAsync</c>
    /// does not depend on another repository's.
    /// </summary>
    public static string[] Names(SyntaxNode node) => References(node).Distinct(StringComparer.Ordinal).ToArray();

    /// <summary>The identifiers of the simple names under <paramref name="node"/> (<c>x</c>, <c>x.M</c>, <c>M&lt;T&gt;</c>, <c>nameof(M)</c>).</summary>
    public static IEnumerable<string> References(SyntaxNode node)
        => node.DescendantTokens().Where(t => t.IsKind(SyntaxKind.IdentifierToken) && t.Parent is SimpleNameSyntax).Select(t => t.ValueText);

    /// <summary>
    /// What <paramref name="node"/> can name: the identifiers it refers to, and the words of its strings (a key's member
    /// path, <c>&lt;order.Id&gt;</c>, names a property in a string; so does SQL a body hands to a helper).
    /// </summary>
    public static IEnumerable<string> SpelledNames(SyntaxNode node)
        => References(node).Concat(node.DescendantTokens().Where(IsStringText).SelectMany(t => Words(t.ValueText)));

    private static bool IsStringText(SyntaxToken token)
        => token.IsKind(SyntaxKind.StringLiteralToken) || token.IsKind(SyntaxKind.InterpolatedStringTextToken)
            || token.IsKind(SyntaxKind.SingleLineRawStringLiteralToken) || token.IsKind(SyntaxKind.MultiLineRawStringLiteralToken);

    /// <summary>
    /// The words of a string's text (letters, digits and '_'): names code can spell inside a string, such as a key's member
    /// path (<c>&lt;order.Id&gt;</c>) or a <c>nameof</c> written in an attribute.
    /// </summary>
    public static string[] Words(string text) => text.Split(s_separators, StringSplitOptions.RemoveEmptyEntries);

    private static readonly char[] s_separators = Enumerable.Range(0, 128).Select(c => (char)c).Where(c => !char.IsLetterOrDigit(c) && c != '_').ToArray();

    /// <summary>Whether code spelling <paramref name="names"/> binds the same under these bindings as under <paramref name="other"/>.</summary>
    public bool SameFor(CompilationBindings other, IReadOnlyList<string> names)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_shape != other._shape)
        {
            return false;
        }

        foreach (var name in names)
        {
            if (Member(name) != other.Member(name))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// The keys of <paramref name="names"/> whose hashes differ between these bindings and <paramref name="other"/> (none:
    /// code spelling them binds the same); null when the shapes differ, and anything may bind differently.
    /// </summary>
    public List<string>? Changed(CompilationBindings other, IReadOnlyList<string> names)
    {
        if (ReferenceEquals(this, other))
        {
            return [];
        }

        return _shape != other._shape ? null : names.Where(name => Member(name) != other.Member(name)).ToList();
    }

    /// <summary>
    /// What these bindings say about <paramref name="names"/>, small enough to keep: a kept model that stores this
    /// instead of the bindings keeps no earlier state of the whole compilation's declarations alive.
    /// </summary>
    public BindingsFor For(string[] names) => new(_shape, names, names.Select(Member).ToArray());

    /// <summary>Whether code spelling <paramref name="kept"/>'s names binds the same under these bindings as when it was taken.</summary>
    public bool SameFor(BindingsFor kept)
    {
        if (_shape != kept.Shape)
        {
            return false;
        }

        for (var i = 0; i < kept.Names.Length; i++)
        {
            if (Member(kept.Names[i]) != kept.Hashes[i])
            {
                return false;
            }
        }

        return true;
    }

    private ulong Member(string name) => _members.TryGetValue(name, out var hash) ? hash : 0UL;
}

/// <summary>The shape of a compilation's declarations and the hashes of some names in it (<see cref="CompilationBindings.For"/>).</summary>
internal sealed record BindingsFor(ulong Shape, string[] Names, ulong[] Hashes);
