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
/// message, not a routing 404; domain errors map to 400/404/409 problems, never a 500.
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

        app.MapGet("/users/{userId}/balances/page", (string userId, int? limit, int? offset, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () =>
            {
                var size = limit ?? 20;
                if (size is < 1 or > MaxPageSize || offset is < 0)
                {
                    throw new ArgumentOutOfRangeException(nameof(limit), $"limit must be between 1 and {MaxPageSize}, offset not negative.");
                }

                return Results.Ok(await repository.GetByUserAsync(ParseId(userId, "userId"), size, offset ?? 0, ct));
            }));

        app.MapGet("/users/{userId}/tokens/{tokenId}/balance", (string userId, string tokenId, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => Found(await repository.FindByUserIdAndTokenIdAsync(ParseId(userId, "userId"), (int)ParseId(tokenId, "tokenId", int.MaxValue), ct))));

        app.MapGet("/users/{userId}/total", (string userId, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => Results.Ok(new { userId = ParseId(userId, "userId"), totalUsd = await repository.TotalBalanceByUserAsync(ParseId(userId, "userId"), ct) })));

        app.MapGet("/addresses/{address}/balances", (string address, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => Results.Ok(await repository.FindByAddressAsync(address, ct))));

        app.MapPost("/balances", (NewBalanceRequest request, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () =>
            {
                if (string.IsNullOrWhiteSpace(request.Address) || request.UserId < 1 || request.TokenId < 1)
                {
                    throw new ArgumentException("userId, tokenId and address are required.");
                }

                var created = await repository.CreateAsync(request.UserId, request.TokenId, request.Address, request.Amount, request.UsdValue, ct);
                return Results.Created($"/balances/{created.Id}", created);
            }));

        app.MapPut("/balances/{id}", (string id, UpdateBalanceRequest request, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => Results.Ok(await repository.UpdateAsync(await RefAsync(repository, id, ct), request.UsdValue, request.AutoConvertThreshold, ct))));

        app.MapPost("/balances/{id}/credit", (string id, AmountRequest request, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => Results.Ok(await repository.CreditAsync(await RefAsync(repository, id, ct), request.Amount, ct))));

        app.MapPost("/balances/{id}/debit", (string id, AmountRequest request, IBalanceRepository repository, CancellationToken ct)
            => Handle(async () => Results.Ok(await repository.DebitAsync(await RefAsync(repository, id, ct), request.Amount, ct))));

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
            : throw new FormatException($"{name} must be a positive whole number, not '{text}'.");

    private static IResult Found(object? value) => value is null ? Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found") : Results.Ok(value);

    private static async Task<IResult> Handle(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (FormatException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid identifier", detail: ex.Message);
        }
        catch (ArgumentException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid request", detail: ex.Message);
        }
        catch (KeyNotFoundException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: ex.Message);
        }
        catch (InsufficientFundsException ex)
        {
            return Results.Problem(statusCode: StatusCodes.Status409Conflict, title: "Insufficient funds", detail: ex.Message);
        }
    }
}
