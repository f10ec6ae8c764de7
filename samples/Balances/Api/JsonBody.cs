using System;
using System.Linq;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Balances.Api;

/// <summary>
/// Reads and validates a JSON request body. Minimal API binding would answer a missing body, malformed JSON or a
/// string where a number goes with a bare "Bad Request"; this names the field System.Text.Json stopped at
/// (<see cref="JsonException.Path"/>) and its rule, or "body" when no field is to blame, and never the
/// serializer's own message.
/// </summary>
public static class JsonBody
{
    /// <summary>The error key for the request body as a whole.</summary>
    public const string Field = "body";

    public const string Required = "is required: a JSON object";

    public const string NotAnObject = "must be a JSON object (the request body is not valid JSON)";

    public static async Task<T> ReadAsync<T>(HttpRequest request, CancellationToken ct)
        where T : class, IRequestBody<T>
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength == 0 || request.HttpContext.Features.Get<IHttpRequestBodyDetectionFeature>() is { CanHaveBody: false })
        {
            throw InvalidRequestException.For(Field, Required);
        }

        if (request.ContentType is not null && !request.HasJsonContentType())
        {
            throw InvalidRequestException.For(Field, "must be application/json", StatusCodes.Status415UnsupportedMediaType);
        }

        // The same options as the responses (camelCase, case-insensitive names, numbers also as strings).
        var options = request.HttpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        T? body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<T>(request.Body, options, ct);
        }
        catch (JsonException ex)
        {
            var field = FieldOf<T>(ex.Path, options);
            throw InvalidRequestException.For(field ?? Field, field is null ? NotAnObject : T.RuleFor(field));
        }

        if (body is null)
        {
            throw InvalidRequestException.For(Field, Required);
        }

        var errors = new RequestErrors();
        body.Validate(errors);
        errors.ThrowIfAny();
        return body;
    }

    /// <summary>The JSON name of the property a path like <c>$.amount</c> points into, or null for the body itself.</summary>
    private static string? FieldOf<T>(string? path, JsonSerializerOptions options)
    {
        if (path is null || !path.StartsWith("$.", StringComparison.Ordinal))
        {
            return null;
        }

        var name = path[2..].Split('.', '[')[0];
        return typeof(T).GetProperties()
            .Select(p => options.PropertyNamingPolicy?.ConvertName(p.Name) ?? p.Name)
            .FirstOrDefault(n => string.Equals(n, name, StringComparison.OrdinalIgnoreCase));
    }
}
