using System.Collections.Generic;
using System.Linq;
using System.Threading;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Hashing;

/// <summary>
/// What one file declares to the others, split by how far a change reaches. A method, property or event is found by
/// name: an expression that binds to one names it, so a change to its declaration (a parameter added, a return type)
/// can change a binding only in code that spells that name; its hash is kept under the name (<see cref="Members"/>).
/// Everything else (types and their base lists, <c>using</c>s, fields and constants, whose values flow into other
/// constants, constructors, operators, indexers, directives) can change bindings that spell nothing, so it goes into
/// one <see cref="Shape"/>. So do members whose name the compiler calls without it being written (the patterns of
/// <c>foreach</c>, <c>await</c>, <c>using</c>, deconstruction, query expressions, collection initializers and
/// interpolated-string handlers). Attribute arguments are left out as in <see cref="DeclarationFingerprint"/>.
/// </summary>
internal sealed class FileBindings
{
    // Called by the compiler from syntax that does not spell them ("Create": a [CollectionBuilder] method, named in a string).
    private static readonly HashSet<string> s_patternNames = new(System.StringComparer.Ordinal)
    {
        "GetEnumerator", "MoveNext", "Current", "GetAsyncEnumerator", "MoveNextAsync", "GetAwaiter", "IsCompleted",
        "GetResult", "OnCompleted", "UnsafeOnCompleted", "Deconstruct", "Add", "Dispose", "DisposeAsync", "Slice",
        "Length", "Count", "GetPinnableReference", "Select", "SelectMany", "Where", "Join", "GroupJoin", "OrderBy",
        "OrderByDescending", "ThenBy", "ThenByDescending", "GroupBy", "Cast", "AppendLiteral", "AppendFormatted",
        "Create",
    };

    private FileBindings(ulong fingerprint, ulong shape, Dictionary<string, ulong> members)
    {
        Fingerprint = fingerprint;
        Shape = shape;
        Members = members;
    }

    /// <summary>
    /// One hash of every token the others can see, in order (<see cref="DeclarationFingerprint"/>): equal when nothing
    /// changed that a binding, a member's position or a model built from declarations could depend on.
    /// </summary>
    public ulong Fingerprint { get; }

    /// <summary>The hash of every declaration that is not a member found by name.</summary>
    public ulong Shape { get; }

    /// <summary>
    /// Per member name, the hash of the declarations of that name in this file (with their types' names); also per type
    /// and name (<see cref="TypedKey"/>) and, for members of static types, per extension key (<see cref="ExtensionKey"/>).
    /// </summary>
    public IReadOnlyDictionary<string, ulong> Members { get; }

    public static FileBindings Of(SyntaxTree tree, CancellationToken cancellationToken)
    {
        var shape = StableHash.Start64;
        var ordered = StableHash.Start64;
        var members = new Dictionary<string, ulong>(System.StringComparer.Ordinal);
        var root = tree.GetRoot(cancellationToken);

        for (var directive = root.GetFirstDirective(); directive is not null; directive = directive.GetNextDirective())
        {
            shape = StableHash.Mix(shape, directive.ToString());
            ordered = StableHash.Mix(ordered, directive.ToString());
        }

        if (root is CompilationUnitSyntax unit && unit.Members.Any(static m => m is GlobalStatementSyntax))
        {
            shape = StableHash.Mix(shape, "top-level statements");
            ordered = StableHash.Mix(ordered, "top-level statements");
        }

        MemberDeclarationSyntax? member = null;
        string? name = null;
        string? container = null;
        var extension = false;
        var hash = 0UL;
        foreach (var token in root.DescendantTokens(node => !DeclarationFingerprint.IsHidden(node)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            ordered = StableHash.Mix(StableHash.Mix(ordered, (ulong)token.RawKind), token.ValueText);
            var owner = token.Parent?.FirstAncestorOrSelf<MemberDeclarationSyntax>();
            if (!ReferenceEquals(owner, member))
            {
                Flush(members, name, container, extension, hash);
                member = owner;
                name = NameOf(owner);
                container = name is null ? null : Container(owner!);
                extension = name is not null && IsInStaticType(owner!);
                hash = name is null ? 0UL : StableHash.Mix(StableHash.Start64, container!);
            }

            if (name is null)
            {
                shape = StableHash.Mix(StableHash.Mix(shape, (ulong)token.RawKind), token.ValueText);
            }
            else
            {
                hash = StableHash.Mix(StableHash.Mix(hash, (ulong)token.RawKind), token.ValueText);
            }
        }

        Flush(members, name, container, extension, hash);
        return new FileBindings(ordered, shape, members);
    }

    /// <summary>The key of the declarations named <paramref name="name"/> in the type <paramref name="container"/> (<see cref="Container"/>'s form).</summary>
    public static string TypedKey(string container, string name) => container + "|" + name;

    /// <summary>The key of the declarations named <paramref name="name"/> in static types: the only ones an extension call on any receiver can reach.</summary>
    public static string ExtensionKey(string name) => "*|" + name;

    // Each member counts under its name, under its type and name (a call whose receiver's type is known depends on the
    // declarations of that name in the receiver's type and its bases only), and, in a static type, under the extension
    // key (an extension method or block can be called on any receiver).
    private static void Flush(Dictionary<string, ulong> members, string? name, string? container, bool extension, ulong hash)
    {
        if (name is not null)
        {
            Add(members, name, hash);
            Add(members, TypedKey(container!, name), hash);
            if (extension)
            {
                Add(members, ExtensionKey(name), hash);
            }
        }
    }

    private static void Add(Dictionary<string, ulong> members, string key, ulong hash)
        => members[key] = StableHash.Mix(members.TryGetValue(key, out var earlier) ? earlier : StableHash.Start64, hash);

    // An extension method or block lives in a static class, whose `static` may be written on another part of it; a
    // `this` parameter says so on the method itself.
    private static bool IsInStaticType(SyntaxNode member)
        => member is MethodDeclarationSyntax { ParameterList.Parameters.Count: > 0 } method && method.ParameterList.Parameters[0].Modifiers.Any(SyntaxKind.ThisKeyword)
            || member.Ancestors().OfType<TypeDeclarationSyntax>().Any(static t => t.Modifiers.Any(SyntaxKind.StaticKeyword) || t.Modifiers.Any(SyntaxKind.PartialKeyword));

    /// <summary>The name a member is found by, or null when a change to it must count for the whole file.</summary>
    private static string? NameOf(MemberDeclarationSyntax? member)
    {
        var name = member switch
        {
            MethodDeclarationSyntax method => method.Identifier.ValueText,
            PropertyDeclarationSyntax property => property.Identifier.ValueText,
            EventDeclarationSyntax @event => @event.Identifier.ValueText,
            _ => null,
        };
        return name is null || s_patternNames.Contains(name) ? null : name;
    }

    /// <summary>
    /// The names of the types around a member, innermost first (<c>Inner.Outer</c>): moving it to another type changes its
    /// hash. <see cref="ContainerOf"/> gives the same text for a type symbol.
    /// </summary>
    private static string Container(SyntaxNode member)
        => string.Join(".", member.Ancestors().OfType<BaseTypeDeclarationSyntax>().Select(t => t.Identifier.ValueText));

    /// <summary>The text <see cref="Container"/> gives for a member of <paramref name="type"/>.</summary>
    public static string ContainerOf(INamedTypeSymbol type)
    {
        var names = new List<string>();
        for (INamedTypeSymbol? current = type; current is not null; current = current.ContainingType)
        {
            names.Add(current.Name);
        }

        return string.Join(".", names);
    }
}
