namespace CachingGen.Generator.Analyzers;

/// <summary>Which of <c>[ReadsTable]</c> and <c>[WritesTable]</c>.</summary>
internal enum TableAttribute
{
    Reads,
    Writes,
}
