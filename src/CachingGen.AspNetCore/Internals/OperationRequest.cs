using System;
using System.IO;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CachingGen.AspNetCore.Internals;

/// <summary>
/// What a state-changing operations endpoint (<c>invalidate</c>, <c>clear</c>) requires of a request before it acts,
/// and its body read within a bound. The operator's browser sends their credentials (Basic, a cookie) to any page that
/// posts to these endpoints, so a request must prove it was written by a program that meant it: a JSON body and the
/// header <see cref="ActionHeader"/> (neither can be sent cross-site without a CORS preflight this app never allows),
/// and no <c>Origin</c> or <c>Sec-Fetch-Site</c> that names another site.
/// </summary>
internal static class OperationRequest
{
    /// <summary>The header a state-changing request must carry, its value the action's name (<c>clear</c>, <c>invalidate</c>).</summary>
    public const string ActionHeader = "X-CachingGen-Action";

    /// <summary>The largest body read: an invalidation is a method name and a few values.</summary>
    public const int MaxBodyBytes = 16 * 1024;

    /// <summary>The body, or null after a 4xx answer saying what was wrong.</summary>
    public static async Task<byte[]?> ReadAsync(HttpContext context, string action)
    {
        var refusal = CrossSite(context.Request, action);
        if (refusal is not null)
        {
            await OperationsEndpoints.Problem(context, refusal.Value.Status, refusal.Value.Title, refusal.Value.Detail).ConfigureAwait(false);
            return null;
        }

        if (context.Request.ContentLength > MaxBodyBytes)
        {
            await TooLarge(context).ConfigureAwait(false);
            return null;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[4096];
            int read;
            while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    await TooLarge(context).ConfigureAwait(false);
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            return buffer.ToArray();
        }
        catch (BadHttpRequestException ex)
        {
            // A malformed chunked body, a body cut short, the server's own size limit: the client's fault, never a 500.
            var status = ex.StatusCode is >= 400 and < 500 ? ex.StatusCode : StatusCodes.Status400BadRequest;
            await OperationsEndpoints.Problem(context, status, "Unreadable request", "the request body could not be read: " + ex.Message).ConfigureAwait(false);
            return null;
        }
    }

    private static (int Status, string Title, string Detail)? CrossSite(HttpRequest request, string action)
    {
        var fetchSite = request.Headers["Sec-Fetch-Site"].ToString();
        if (fetchSite.Length > 0 && fetchSite is not ("same-origin" or "none"))
        {
            return (StatusCodes.Status403Forbidden, "Cross-site request", $"Sec-Fetch-Site is '{fetchSite}': the operations endpoints act only for requests of this site or of a program");
        }

        var origin = request.Headers.Origin.ToString();
        if (origin.Length > 0 && !string.Equals(origin, request.Scheme + "://" + request.Host.Value, StringComparison.OrdinalIgnoreCase))
        {
            return (StatusCodes.Status403Forbidden, "Cross-site request", $"Origin '{origin}' is not this site");
        }

        if (!MediaTypeHeaderValue.TryParse(request.ContentType, out var type) || !type.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (StatusCodes.Status415UnsupportedMediaType, "JSON required", $"send a JSON body (Content-Type: application/json) and the header {ActionHeader}: {action}");
        }

        if (request.Headers[ActionHeader].ToString() != action)
        {
            return (StatusCodes.Status400BadRequest, "Action header required", $"send the header {ActionHeader}: {action} (it cannot be sent by another site's page, so a request with it was meant)");
        }

        return null;
    }

    private static Task TooLarge(HttpContext context)
        => OperationsEndpoints.Problem(context, StatusCodes.Status413PayloadTooLarge, "Request too large", $"the body is limited to {MaxBodyBytes:N0} bytes");
}
