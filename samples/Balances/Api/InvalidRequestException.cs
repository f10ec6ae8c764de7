using System;
using System.Collections.Generic;
using Microsoft.AspNetCore.Http;

namespace Balances.Api;

/// <summary>
/// Input the API refuses before it reaches the repository: each field with the rules it broke. The endpoints'
/// handler turns it into a problem+json response (<see cref="Problems.Invalid"/>).
/// </summary>
public sealed class InvalidRequestException : Exception
{
    public InvalidRequestException()
    {
    }

    public InvalidRequestException(string message)
        : base(message)
    {
    }

    public InvalidRequestException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public InvalidRequestException(IReadOnlyDictionary<string, string[]> errors, int statusCode = StatusCodes.Status400BadRequest)
        : base("The request is invalid.")
    {
        Errors = errors;
        StatusCode = statusCode;
    }

    /// <summary>Field (JSON name, route or query parameter) → the rules it broke.</summary>
    public IReadOnlyDictionary<string, string[]> Errors { get; } = new Dictionary<string, string[]>();

    public int StatusCode { get; } = StatusCodes.Status400BadRequest;

    public static InvalidRequestException For(string field, string rule, int statusCode = StatusCodes.Status400BadRequest)
        => new(new Dictionary<string, string[]> { [field] = [rule] }, statusCode);
}
