using Microsoft.AspNetCore.Http;
using Npgsql;

namespace Balances.Api;

/// <summary>
/// The safety net behind the validation: database errors that input (not the server) can still cause, as the field
/// and rule they break. Anything else stays a 500, and PostgreSQL's own message never reaches the client.
/// </summary>
public static class DatabaseProblems
{
    public const string UnknownToken = "does not name an existing token";

    public const string OutOfRange = "is outside the range the database stores";

    /// <summary>The 4xx problem for <paramref name="exception"/>, or null when input cannot have caused it.</summary>
    public static InvalidRequestException? Translate(PostgresException exception)
    {
        System.ArgumentNullException.ThrowIfNull(exception);
        return exception.SqlState switch
        {
            // The only foreign key the API writes is balances.token_id (Migrations/002_balances.sql).
            PostgresErrorCodes.ForeignKeyViolation => InvalidRequestException.For(exception.ConstraintName == "balances_token_id_fkey" ? "tokenId" : "body", UnknownToken),

            // Text is the only kind of input that can carry characters PostgreSQL refuses (U+0000) or an index entry
            // too large, and the address is the API's only text.
            PostgresErrorCodes.CharacterNotInRepertoire or PostgresErrorCodes.UntranslatableCharacter => InvalidRequestException.For("address", FieldRules.AddressCharacters),
            PostgresErrorCodes.ProgramLimitExceeded => InvalidRequestException.For("address", FieldRules.AddressLength),

            // A number the column cannot hold: validation keeps inputs inside the columns, so what is left is a result
            // (a credited amount, a USD value) that outgrew its column: a conflict with the stored state.
            PostgresErrorCodes.NumericValueOutOfRange => InvalidRequestException.For("amount", OutOfRange, StatusCodes.Status409Conflict),
            _ => null,
        };
    }
}
