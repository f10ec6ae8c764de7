using System.Collections.Generic;
using System.Linq;
using Microsoft.AspNetCore.Http;

namespace Balances.Api;

/// <summary>The API's problem+json responses: the fields and the rules they broke, in <c>errors</c> and in <c>detail</c>.</summary>
public static class Problems
{
    public static IResult Invalid(InvalidRequestException invalid)
    {
        System.ArgumentNullException.ThrowIfNull(invalid);
        var title = invalid.StatusCode switch
        {
            StatusCodes.Status409Conflict => "Conflict",
            StatusCodes.Status415UnsupportedMediaType => "Unsupported media type",
            _ => "Invalid request",
        };
        return Fields(invalid.StatusCode, title, invalid.Errors);
    }

    public static IResult Fields(int statusCode, string title, IReadOnlyDictionary<string, string[]> errors)
        => Results.ValidationProblem(
            errors.ToDictionary(e => e.Key, e => e.Value, System.StringComparer.Ordinal),
            detail: string.Join("; ", errors.Select(e => $"{e.Key} {string.Join(" and ", e.Value)}")) + ".",
            statusCode: statusCode,
            title: title);

    public static IResult Field(int statusCode, string title, string field, string rule)
        => Fields(statusCode, title, new Dictionary<string, string[]> { [field] = [rule] });
}
