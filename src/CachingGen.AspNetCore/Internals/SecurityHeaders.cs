using Microsoft.AspNetCore.Http;

namespace CachingGen.AspNetCore.Internals;

/// <summary>
/// Headers on every operations response: nothing is cached on the way (keys and counters are the operator's), no
/// content is sniffed into another type, and the page can be neither framed (click-jacking) nor made to load or run
/// anything: it is static HTML and one inline style sheet, allowed by its hash.
/// </summary>
internal static class SecurityHeaders
{
    public static void Add(HttpResponse response)
    {
        response.Headers.CacheControl = "no-store";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers["Referrer-Policy"] = "no-referrer";
    }

    public static void AddPagePolicy(HttpResponse response, string styleHash)
    {
        response.Headers.ContentSecurityPolicy = $"default-src 'none'; style-src '{styleHash}'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
        response.Headers.XFrameOptions = "DENY";
    }
}
