namespace CachingGen;

/// <summary>
/// Removes the cache entry whose key is built from <paramref name="key"/> after the method has completed
/// successfully. If the method throws, nothing is removed. A method may carry several. Calls through an interface
/// are handled by the generated decorator, calls made on the class by generated interceptors (see <see cref="CachedAttribute"/>).
/// </summary>
/// <param name="key">Key template, written exactly like the <see cref="CachedAttribute"/> template it invalidates.</param>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true, Inherited = false)]
public sealed class InvalidatesAttribute(string key) : Attribute
{
    /// <summary>Key template, as written in the attribute.</summary>
    public string Key { get; } = key;
}
