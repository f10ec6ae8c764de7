namespace CachingGen.Generator.Model;

internal enum MemberKind
{
    Method,
    Property,
    Indexer,
    Event,
}
