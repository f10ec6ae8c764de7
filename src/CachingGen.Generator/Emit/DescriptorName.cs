namespace CachingGen.Generator.Emit;

/// <summary>
/// The names a decorator derives from one annotated method: its descriptor field (<c>s_getAsync</c>) its miss-path
/// method (<c>GetAsyncOnMiss</c>) and, with refresh-ahead, its refresh method (<c>GetAsyncOnRefresh</c>). Both come from one stem, unique per decorator, so both are unique too.
/// </summary>
internal readonly record struct DescriptorName(string Stem)
{
    /// <summary>The <c>CacheMethod</c> descriptor field.</summary>
    public string Field => "s_" + Stem;

    /// <summary>The method holding the miss path of a cached method.</summary>
    public string MissMethod => Pascal + "OnMiss";

    /// <summary>The method starting a refresh-ahead reload of a cached method (only with <c>RefreshAhead</c>).</summary>
    public string RefreshMethod => Pascal + "OnRefresh";

    private string Pascal => Stem.Length == 0 ? Stem : char.ToUpperInvariant(Stem[0]) + Stem.Substring(1);
}
