using System.ComponentModel;

namespace CachingGen.Infrastructure;

/// <summary>One key or prefix an <c>[Invalidates]</c> method removes; generated code passes all of a call's together.</summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public readonly record struct CacheInvalidation
{
    private CacheInvalidation(string keyOrPrefix, bool isPrefix)
    {
        ArgumentNullException.ThrowIfNull(keyOrPrefix);
        KeyOrPrefix = keyOrPrefix;
        IsPrefix = isPrefix;
    }

    /// <summary>The key, or the prefix (without the trailing <c>*</c>).</summary>
    public string KeyOrPrefix { get; }

    /// <summary>Whether every key starting with <see cref="KeyOrPrefix"/> is removed.</summary>
    public bool IsPrefix { get; }

    /// <summary>An exact key.</summary>
    public static CacheInvalidation Key(string key) => new(key, isPrefix: false);

    /// <summary>Every key starting with <paramref name="prefix"/>.</summary>
    public static CacheInvalidation Prefix(string prefix) => new(prefix, isPrefix: true);
}
