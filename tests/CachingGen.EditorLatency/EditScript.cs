using System;
using System.Collections.Generic;

namespace CachingGen.EditorLatency;

/// <summary>
/// The keystroke-like edits of one project layout: each kind edits one file at a marker, and alternate rounds undo
/// what the previous one did (a typo and its fix, a parameter added and removed, a call pasted and deleted), so the
/// project is the same after an even number of rounds.
/// </summary>
internal sealed record EditScript(IReadOnlyList<EditKind> Kinds)
{
    /// <summary>The project of <c>--write-synthetic-calls</c>: 100 repositories, 1,000 annotated methods, 10,000 calls.</summary>
    public static EditScript Large { get; } = new(
    [
        EditKind.Typing("typing in a body", "Calls0.cs", "var total = "),
        EditKind.Toggle("placeholder typo/fix", "Repository0.cs", "r0:m1:user:<userId>", "r0:m1:user:<userI>"),
        EditKind.Toggle("parameter added/removed", "Repository0.cs",
            "Find1Async(long userId, int tokenId, CancellationToken ct = default) =>",
            "Find1Async(long userId, int tokenId, int extra, CancellationToken ct = default) =>"),
        EditKind.Insert("call pasted/deleted", "Calls0.cs", "System.Math.Max(1, 2);\n", "        total += (await repository.Find3Async(userId, 7)).Count;\n"),
    ]);

    /// <summary>The project of <see cref="RealisticProject"/>.</summary>
    public static EditScript Realistic { get; } = new(
    [
        EditKind.Typing("typing in a body", "Calls/Calls0.cs", "var total = "),
        EditKind.Toggle("placeholder typo/fix", "Data/OrderRepository0.cs", "orders0:user:<userId>", "orders0:user:<userI>"),
        EditKind.Toggle("parameter added/removed", "Data/OrderRepository0.cs",
            "FindByUserAsync(long userId, CancellationToken ct = default)\n",
            "FindByUserAsync(long userId, int extra, CancellationToken ct = default)\n"),
        EditKind.Insert("call pasted/deleted", "Calls/Calls0.cs", "System.Math.Max(1, 2);\n", "        total += (await orders.FindByUserAsync(userId)).Count;\n"),
        EditKind.Typing("typing in another file", "Other/Service0.cs", "var total = "),
    ]);
}

/// <summary>One kind of edit: a file and how round <c>n</c> changes its text.</summary>
internal sealed record EditKind(string Name, string File, Func<string, int, string> Apply)
{
    /// <summary>Typing: one more character after the marker each round.</summary>
    public static EditKind Typing(string name, string file, string marker)
        => new(name, file, (text, _) => text.Insert(Find(text, marker, file) + marker.Length, "1"));

    /// <summary>Even rounds write <paramref name="edited"/> in place of <paramref name="original"/>, odd rounds put it back.</summary>
    public static EditKind Toggle(string name, string file, string original, string edited)
        => new(name, file, (text, round) => round % 2 == 0 ? Replace(text, original, edited, file) : Replace(text, edited, original, file));

    /// <summary>Even rounds insert <paramref name="inserted"/> after the marker, odd rounds delete it.</summary>
    public static EditKind Insert(string name, string file, string marker, string inserted)
        => new(name, file, (text, round) => round % 2 == 0
            ? text.Insert(Find(text, marker, file) + marker.Length, inserted)
            : Replace(text, marker + inserted, marker, file));

    private static string Replace(string text, string from, string to, string file)
    {
        var at = Find(text, from, file);
        return string.Concat(text.AsSpan(0, at), to, text.AsSpan(at + from.Length));
    }

    private static int Find(string text, string marker, string file)
    {
        var at = text.IndexOf(marker, StringComparison.Ordinal);
        return at >= 0 ? at : throw new InvalidOperationException($"'{marker.Trim()}' not found in {file}: the layout and the edit script disagree");
    }
}
