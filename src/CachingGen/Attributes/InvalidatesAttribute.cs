using System;
using System.Diagnostics;

namespace CachingGen;

/// <summary>
/// Removes the cache entry whose key is built from <paramref name="key"/> after the method has completed
/// successfully. If the method throws, nothing is removed. A method may carry several.
/// </summary>
/// <param name="key">Key template, written exactly like the <see cref="CachedAttribute"/> template it invalidates.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
[Conditional("CACHINGGEN_KEEP_ATTRIBUTES")]
public sealed class InvalidatesAttribute(string key) : Attribute
{
    /// <summary>Key template, as written in the attribute.</summary>
    public string Key { get; } = key;
}
