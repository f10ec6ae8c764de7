using System;
using System.Collections.Immutable;
using System.Linq;

namespace CachingGen.Tests.Shared;

/// <summary>
/// The C# a test compiles, put together from the parts the tests share: the usings, the file-scoped namespace, the
/// contract and the class around the members. A test then writes out only what it is about (the attribute, the
/// member or the type it varies); the text comes out as if it had been written in full, line for line.
/// </summary>
/// <remarks>Immutable: a shared start (usings, namespace, a contract) can be extended by each test.</remarks>
internal sealed class UserSource
{
    private readonly ImmutableArray<string> _parts;

    private UserSource(ImmutableArray<string> parts) => _parts = parts;

    /// <summary>A file that opens with a <c>using</c> directive for each of <paramref name="namespaces"/>, in order.</summary>
    public static UserSource Using(params string[] namespaces) => new([.. namespaces.Select(n => $"using {n};")]);

    /// <summary>The file-scoped <c>namespace</c> declaration.</summary>
    public UserSource Namespace(string name) => Declare($"namespace {name};");

    /// <summary>Declarations written as they are: a type the members use, a hand-written interface, another class.</summary>
    public UserSource Declare(string declarations) => new(_parts.Add(declarations));

    /// <summary>An interface on one line: <c>public interface <paramref name="name"/> { <paramref name="members"/> }</c>.</summary>
    public UserSource Interface(string name, string members) => Declare($"public interface {name} {{ {members} }}");

    /// <summary>An interface with one member a line, for a contract too long for one.</summary>
    public UserSource Interface(string name, string[] members)
        => Declare($"public interface {name}\n{{\n{string.Join("\n", members.Select(m => "    " + m))}\n}}");

    /// <summary>A class: its <paramref name="header"/> line (<c>public sealed class Repo(Db db) : IRepo</c>), then <paramref name="members"/> indented in braces.</summary>
    public UserSource Class(string header, string members)
    {
        var body = members.Split('\n').Select(line => line.Length == 0 ? line : "    " + line);
        return Declare($"{header}\n{{\n{string.Join("\n", body)}\n}}");
    }

    /// <summary>
    /// The contract <paramref name="contract"/> on one line and the sealed class implementing it, named after it
    /// without its leading I (<c>IRepo</c>, <c>Repo</c>), around <paramref name="members"/>.
    /// </summary>
    public UserSource Repository(string contract, string contractMembers, string members)
        => Interface(contract, contractMembers).Class($"public sealed class {contract[1..]} : {contract}", members);

    /// <summary>
    /// <paramref name="text"/> with each edit made in turn (<c>Before</c> replaced wherever it stands): how a code-fix
    /// test states the fixed file, as the changes the fix makes. Fails on an edit that finds nothing, so that a typo
    /// cannot leave the text as it was.
    /// </summary>
    public static string Edited(string text, params (string Before, string After)[] edits)
    {
        foreach (var (before, after) in edits)
        {
            if (!text.Contains(before, StringComparison.Ordinal))
            {
                throw new ArgumentException($"'{before}' is not in the text to edit", nameof(edits));
            }

            text = text.Replace(before, after, StringComparison.Ordinal);
        }

        return text;
    }

    public override string ToString() => string.Join("\n", _parts);

    public static implicit operator string(UserSource source) => source.ToString();
}
