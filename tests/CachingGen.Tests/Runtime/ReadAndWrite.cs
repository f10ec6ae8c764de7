namespace CachingGen.Tests.Runtime;

/// <summary>
/// A cached read (a minute's TTL, nulls cached) and the write that invalidates it, on one key template: the pair of
/// methods the runtime tests drive by hand where generated code would declare them.
/// </summary>
internal sealed record ReadAndWrite(CacheMethod Read, CacheMethod Write)
{
    public static ReadAndWrite On(string keyTemplate, string readName, string writeName)
        => new(CacheMethod.ForCached(readName, keyTemplate, TimeSpan.FromMinutes(1), cacheNulls: true), CacheMethod.ForInvalidating(writeName, keyTemplate));
}
