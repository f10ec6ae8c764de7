namespace CachingGen.Postgres.Internals;

/// <summary>One cached read as the manifest describes it: its key template, the tables it reads, and which placeholders its WHERE clause equates with which columns.</summary>
/// <param name="Method">As <c>Namespace.Class.Method</c>.</param>
/// <param name="Template">The key template.</param>
/// <param name="Tables">The tables it reads (names as the manifest normalizes them: lower-case unless quoted, no schema).</param>
/// <param name="Bindings">Placeholder → column of a table, each a promise that every row the read depends on has that column equal to the placeholder's value.</param>
/// <param name="Unknown">Why its tables are not all known; null when they are.</param>
internal sealed record FeedRead(string Method, string Template, IReadOnlyList<string> Tables, IReadOnlyList<FeedBinding> Bindings, string? Unknown);

/// <summary>A placeholder of a read's key bound to a column: <c>&lt;userId&gt;</c> = <c>balances.user_id</c>, of C# type <c>int</c>.</summary>
internal sealed record FeedBinding(string Placeholder, string Table, string Column, string Type);
