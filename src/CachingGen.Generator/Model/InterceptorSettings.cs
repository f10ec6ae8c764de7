namespace CachingGen.Generator.Model;

/// <summary>Whether this project's calls are intercepted, and if not, why (for the diagnostics).</summary>
/// <param name="OptedOut"><c>&lt;CachingGenInterceptors&gt;false&lt;/CachingGenInterceptors&gt;</c>.</param>
/// <param name="NamespaceEnabled">Whether the compiler lets <c>CachingGen.Generated</c> hold interceptors (<c>InterceptorsNamespaces</c>).</param>
internal sealed record InterceptorSettings(bool OptedOut, bool NamespaceEnabled)
{
    /// <summary>Whether the generator emits interceptors.</summary>
    public bool Enabled => !OptedOut && NamespaceEnabled;
}
