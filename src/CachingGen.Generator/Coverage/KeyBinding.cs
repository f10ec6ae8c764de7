namespace CachingGen.Generator.Coverage;

/// <summary>
/// One entry of a cached read's <c>bindings</c> in the manifest: every row of <paramref name="Table"/> the read's result
/// can depend on has <paramref name="Column"/> equal to the value of the key's <paramref name="Placeholder"/>, so a
/// change to a row makes stale exactly the key built from that row's column.
/// </summary>
/// <param name="Placeholder">As written between '&lt;' and '&gt;' (a parameter's name).</param>
/// <param name="Table">As the manifest's <c>reads</c> names it.</param>
/// <param name="Column">Lower-case unless quoted (then as written, without the quotes).</param>
/// <param name="Type">The parameter's type as C# writes it (<c>int</c>, <c>string?</c>, <c>System.Guid</c>).</param>
internal sealed record KeyBinding(string Placeholder, string Table, string Column, string Type);
