using Balances.Api;
using Npgsql;

namespace CachingGen.Balances.Tests;

/// <summary>The safety net behind validation: database errors input can cause become a 4xx naming the field, others stay 500s.</summary>
public sealed class DatabaseProblemsTests
{
    [Theory]
    [InlineData(PostgresErrorCodes.ForeignKeyViolation, "balances_token_id_fkey", 400, "tokenId", DatabaseProblems.UnknownToken)]
    [InlineData(PostgresErrorCodes.CharacterNotInRepertoire, null, 400, "address", FieldRules.AddressCharacters)]
    [InlineData(PostgresErrorCodes.UntranslatableCharacter, null, 400, "address", FieldRules.AddressCharacters)]
    [InlineData(PostgresErrorCodes.ProgramLimitExceeded, null, 400, "address", "must be 1 to 256 characters long")]
    [InlineData(PostgresErrorCodes.NumericValueOutOfRange, null, 409, "amount", DatabaseProblems.OutOfRange)]
    public void An_error_input_can_cause_names_the_field_and_the_rule(string sqlState, string? constraint, int status, string field, string rule)
    {
        var exception = new PostgresException("secret server text", "ERROR", "ERROR", sqlState, constraintName: constraint);

        var invalid = DatabaseProblems.Translate(exception);

        Assert.NotNull(invalid);
        Assert.Equal(status, invalid.StatusCode);
        Assert.Equal(rule, Assert.Single(invalid.Errors[field]));
        Assert.DoesNotContain("secret", string.Join(" ", invalid.Errors[field]), StringComparison.Ordinal);
    }

    [Fact]
    public void An_error_input_cannot_cause_is_left_to_the_500_handler()
        => Assert.Null(DatabaseProblems.Translate(new PostgresException("deadlock", "ERROR", "ERROR", PostgresErrorCodes.DeadlockDetected)));
}
