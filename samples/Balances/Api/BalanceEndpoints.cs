using System;
using System.Collections.Generic;
using System.Globalization;
using System.Threading;
using System.Threading.Tasks;
using Balances.Data;
using CachingGen;
using Dapper;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Balances.Api;

/// <summary>
/// The HTTP API. Identifiers arrive as text and are parsed here, so a non-numeric id is a 400 problem with a
/// message, not a routing 404; bodies are read and validated here (<see cref="JsonBody"/>, the request types'
/// <c>Validate</c>), and the database errors input can still cause are mapped (<see cref="DatabaseProblems"/>):
/// every bad input is a 400/404/409 problem naming the field and its rule, never a 500.
/// </summary>
public static class BalanceEndpoints
{
    public const int MaxPageSize = 100;

    public static void Map(IEndpointRouteBuilder app)
    {
        app.MapGet("/balances/{id}", (string id, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => Found(await repository.FindByIdAsync(ParseId(id, "id"), ct))));

        app.MapGet("/users/{userId}/balances", (string userId, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => Results.Ok(await repository.FindByUserIdAsync(ParseId(userId, "userId"), ct))));

        // limit and offset arrive as text too: a binding failure would be a bare "Bad Request" naming neither.
        app.MapGet("/users/{userId}/balances/page", (string userId, string? limit, string? offset, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () =>
            {
                var errors = new RequestErrors();
                var size = ParseQuery(limit, 20, 1, MaxPageSize, "limit", FieldRules.Limit, errors);
                var skip = ParseQuery(offset, 0, 0, int.MaxValue, "offset", FieldRules.Offset, errors);
                errors.ThrowIfAny();
                return Results.Ok(await repository.GetByUserAsync(ParseId(userId, "userId"), size, skip, ct));
            }));

        app.MapGet("/users/{userId}/tokens/{tokenId}/balance", (string userId, string tokenId, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => Found(await repository.FindByUserIdAndTokenIdAsync(ParseId(userId, "userId"), (int)ParseId(tokenId, "tokenId", int.MaxValue), ct))));

        app.MapGet("/users/{userId}/total", (string userId, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => Results.Ok(new { userId = ParseId(userId, "userId"), totalUsd = await repository.TotalBalanceByUserAsync(ParseId(userId, "userId"), ct) })));

        app.MapGet("/addresses/{address}/balances", (string address, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () =>
            {
                var errors = new RequestErrors();
                FieldRules.CheckAddress(errors, "address", address);
                errors.ThrowIfAny();
                return Results.Ok(await repository.FindByAddressAsync(address, ct));
            }));

        app.MapPost("/balances", (HttpRequest http, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () =>
            {
                var request = await JsonBody.ReadAsync<NewBalanceRequest>(http, ct);
                var created = await repository.CreateAsync(request.UserId, request.TokenId, request.Address, request.Amount, request.UsdValue, ct);
                return Results.Created($"/balances/{created.Id}", created);
            }));

        app.MapPut("/balances/{id}", (string id, HttpRequest http, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () =>
            {
                var request = await JsonBody.ReadAsync<UpdateBalanceRequest>(http, ct);
                return Results.Ok(await repository.UpdateAsync(await RefAsync(repository, id, ct), request.UsdValue, request.AutoConvertThreshold, ct));
            }));

        app.MapPost("/balances/{id}/credit", (string id, HttpRequest http, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () =>
            {
                var request = await JsonBody.ReadAsync<AmountRequest>(http, ct);
                return Results.Ok(await repository.CreditAsync(await RefAsync(repository, id, ct), request.Amount, ct));
            }));

        app.MapPost("/balances/{id}/debit", (string id, HttpRequest http, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () =>
            {
                var request = await JsonBody.ReadAsync<AmountRequest>(http, ct);
                return Results.Ok(await repository.DebitAsync(await RefAsync(repository, id, ct), request.Amount, ct));
            }));

        app.MapDelete("/balances/{id}", (string id, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => await repository.DeleteAsync(await RefAsync(repository, id, ct), ct) ? Results.NoContent() : Results.NotFound()));

        app.MapGet("/health", async (NpgsqlDataSource db, IServiceProvider services, CancellationToken ct) =>
        {
            string database;
            try
            {
                await using var connection = await db.OpenConnectionAsync(ct);
                database = await connection.ExecuteScalarAsync<int>("SELECT 1") == 1 ? "ok" : "unexpected answer";
            }
            catch (NpgsqlException ex)
            {
                database = "unreachable: " + ex.Message;
            }

            var cache = services.GetService<CachingGenCache>() is { } c
                ? new { enabled = true, distributed = c.Distributed is null ? "none" : c.Distributed is CachingGen.Redis.RedisCacheLevel { IsCircuitOpen: true } ? "circuit open" : "ok", pendingInvalidations = c.PendingInvalidations }
                : new { enabled = false, distributed = "none", pendingInvalidations = 0 };
            var body = new { status = database == "ok" ? "healthy" : "unhealthy", database, cache };
            return database == "ok" ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
        });
    }

    private static async Task<BalanceRef> RefAsync(IBalanceRepository repository, string id, CancellationToken ct)
        => (await repository.FindByIdAsync(ParseId(id, "id"), ct))?.Ref ?? throw new KeyNotFoundException($"No balance with id {id}.");

    private static long ParseId(string text, string name, long max = long.MaxValue)
        => long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= 1 && value <= max
            ? value
            : throw InvalidRequestException.For(name, FieldRules.Id(max));

    private static int ParseQuery(string? text, int fallback, int min, int max, string name, string rule, RequestErrors errors)
    {
        if (text is null)
        {
            return fallback;
        }

        var valid = int.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max;
        errors.Check(valid, name, rule);
        return value;
    }

    private static IResult Found(object? value) => value is null ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found") : Results.Ok(value);

    // Details are the API's own words: exception messages from .NET, Npgsql or System.Text.Json never reach the client.
    private static async Task<IResult> Handle(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (InvalidRequestException ex)
        {
            return Problems.Invalid(ex);
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ex.Message);
        }
        catch (InsufficientFundsException)
        {
            return Problems.Field(StatusCodes.Status409Conflict, "Insufficient funds", "amount", "must not exceed the balance; nothing was debited");
        }
        catch (BalanceLimitException)
        {
            return Problems.Field(StatusCodes.Status409Conflict, "Balance limit", "amount", $"must not take the balance above 10^{BalanceLimits.MaxAmountExponent}; nothing was credited");
        }
        catch (PostgresException ex) when (DatabaseProblems.Translate(ex) is { } invalid)
        {
            return Problems.Invalid(invalid);
        }
        catch (ArgumentException ex)
        {
            // The repository's own guards, behind the validation: name the parameter, not the exception text.
            return Problems.Field(StatusCodes.Status400BadRequest, "Invalid request", ex.ParamName ?? JsonBody.Field, "is not valid");
        }
        catch (BadHttpRequestException ex)
        {
            // The body could not be read (too large, cut off): Kestrel's status, our words.
            return Problems.Field(ex.StatusCode, "Invalid request", JsonBody.Field, "could not be read");
        }
    }
}
