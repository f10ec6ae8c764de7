using System.Globalization;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>CG0029: a write whose SQL changes what a cached read returns and that invalidates none of its keys; CG0030.</summary>
public sealed class InvalidationCoverageTests
{
    private const string Usings = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using CachingGen;
        using Dapper;
        using Npgsql;
        namespace Shop;
        public sealed record Balance(long Id, long UserId, string Address, decimal Amount);

        """;

    private const string Reads = """
            private const string Columns = "id, user_id AS UserId, address, amount";

            [Cached("5m", "balance:<id>")]
            public Task<Balance?> FindByIdAsync(long id) => db.QuerySingleOrDefaultAsync<Balance?>($"SELECT {Columns} FROM balances WHERE id = @id", new { id });

            [Cached("1m", "balance:user:<userId>")]
            public async Task<IReadOnlyList<Balance>> ForUserAsync(long userId) => [.. await db.QueryAsync<Balance>(new CommandDefinition($"SELECT {Columns} FROM balances WHERE user_id = @userId", new { userId }))];

            [Cached("2m", "balance:user:<userId>:total")]
            public Task<decimal> TotalAsync(long userId) => db.ExecuteScalarAsync<decimal>(@"
                SELECT COALESCE(SUM(b.amount * t.rate), 0)
                FROM balances b
                JOIN tokens t ON t.id = b.token_id
                WHERE b.user_id = @userId", new { userId });

        """;

    [Fact]
    public async Task Complete_invalidations_report_nothing()
    {
        var diagnostics = await AnalyzeAsync("""
            [Invalidates("balance:<balance.Id>")]
            [Invalidates("balance:user:<balance.UserId>")]
            [Invalidates("balance:user:<balance.UserId>:*")]
            public Task CreditAsync(Balance balance, decimal amount) => db.ExecuteAsync("UPDATE balances SET amount = amount + @amount WHERE id = @Id", new { balance.Id, amount });

            // An insert adds a row: it changes the user's list and total, not a read by the id the database generates.
            [Invalidates("balance:user:<userId>")]
            [Invalidates("balance:user:<userId>:*")]
            public Task<long> CreateAsync(long userId, decimal amount) => db.QuerySingleAsync<long>(new CommandDefinition("INSERT INTO balances (user_id, amount) VALUES (@userId, @amount) RETURNING id", new { userId, amount }));

            // Reads only: nothing to invalidate.
            public Task<IEnumerable<Balance>> PageAsync(long userId, int limit) => db.QueryAsync<Balance>("SELECT * FROM balances WHERE user_id = @userId LIMIT @limit", new { userId, limit });
            """);
        Assert.DoesNotContain(diagnostics, d => d.Id is "CG0029" or "CG0030");
    }

    [Fact]
    public async Task A_write_that_misses_one_read_is_reported_at_the_writer_naming_the_table_the_read_and_its_template()
    {
        var diagnostics = await AnalyzeAsync("""
            [Invalidates("balance:<balance.Id>")]
            [Invalidates("balance:user:<balance.UserId>:*")]
            public Task CreditAsync(Balance balance, decimal amount) => db.ExecuteAsync("UPDATE balances SET amount = amount + @amount WHERE id = @Id", new { balance.Id, amount });
            """);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "CG0029");
        Assert.Equal("CreditAsync", DiagnosticAssert.Underlined(diagnostic));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.Equal("'CreditAsync' writes 'balances', which 'ForUserAsync' (`balance:user:<userId>`) reads; it invalidates none of its keys, so that read serves the old value until its TTL ends", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal("balance:user:<userId>", diagnostic.Properties["ReadTemplate"]);
    }

    [Fact]
    public async Task A_new_table_in_a_join_makes_its_writers_responsible_for_the_read()
    {
        var diagnostics = await AnalyzeAsync("""
            public Task SetRateAsync(long tokenId, decimal rate) => db.ExecuteAsync("UPDATE tokens SET rate = @rate WHERE id = @tokenId", new { tokenId, rate });
            """);
        var diagnostic = Assert.Single(diagnostics, d => d.Id == "CG0029");
        Assert.Contains("'SetRateAsync' writes 'tokens', which 'TotalAsync'", diagnostic.GetMessage(CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_write_through_a_CTE_an_ADO_command_and_a_const_field_is_seen()
    {
        var diagnostics = await AnalyzeAsync("""
            private const string Archive = @"
                WITH moved AS (DELETE FROM balances WHERE id = @id RETURNING *)
                INSERT INTO archived_balances SELECT * FROM moved";

            [Invalidates("balance:user:<userId>")]
            [Invalidates("balance:user:<userId>:*")]
            public Task<int> ArchiveAsync(long id, long userId) => new NpgsqlCommand(Archive).ExecuteNonQueryAsync();

            public Task<int> ZeroAsync(long id)
            {
                var command = new NpgsqlCommand { CommandText = "UPDATE balances SET amount = 0 WHERE id = @id" };
                return command.ExecuteNonQueryAsync();
            }
            """);
        Assert.Equal(
            ["ArchiveAsync→FindByIdAsync", "ZeroAsync→FindByIdAsync", "ZeroAsync→ForUserAsync", "ZeroAsync→TotalAsync"],
            CorpusScore.Found(diagnostics));
    }

    [Fact]
    public async Task What_the_SQL_cannot_show_is_stated_with_ReadsTable_and_WritesTable()
    {
        var diagnostics = await AnalyzeAsync("""
            [WritesTable("balances")]
            [Invalidates("balance:<id>")]
            [Invalidates("balance:user:<userId>")]
            public Task TransferAsync(long id, long userId) => db.ExecuteAsync("CALL transfer(@id, @userId)", new { id, userId });

            [Cached("1m", "report:<userId>")]
            [ReadsTable("public.ledger")]
            public Task<decimal> ReportAsync(long userId) => db.ExecuteScalarAsync<decimal>("SELECT user_report(@userId)", new { userId });

            public Task PostAsync(long userId) => db.ExecuteAsync("INSERT INTO ledger (user_id) VALUES (@userId)", new { userId });

            [WritesTable("")]
            [ReadsTable("DROP TABLE x; --")]
            public Task OddAsync() => Task.CompletedTask;
            """);
        Assert.Equal(
            ["PostAsync→ReportAsync", "TransferAsync→TotalAsync"],
            CorpusScore.Found(diagnostics));
        Assert.Equal(["\"\"", "\"DROP TABLE x; --\""], diagnostics.Where(d => d.Id == "CG0030").Select(DiagnosticAssert.Underlined).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task A_private_helper_s_writes_belong_to_its_callers_and_their_invalidations_count()
    {
        var diagnostics = await AnalyzeAsync("""
            [Invalidates("balance:<id>")]
            [Invalidates("balance:user:<userId>")]
            [Invalidates("balance:user:<userId>:*")]
            public Task CreditAsync(long id, long userId, decimal amount) => UpdateAsync(id, amount);

            [Invalidates("balance:<id>")]
            public Task FixAsync(long id) => UpdateAsync(id, 0);

            private Task UpdateAsync(long id, decimal amount) => db.ExecuteAsync("UPDATE balances SET amount = amount + @amount WHERE id = @id", new { id, amount });
            """);
        Assert.Equal(
            ["FixAsync→ForUserAsync", "FixAsync→TotalAsync"],
            CorpusScore.Found(diagnostics));
    }

    [Fact]
    public async Task SQL_that_is_not_a_constant_is_unknown_and_not_reported_as_a_write()
    {
        var diagnostics = await AnalyzeAsync("""
            public Task SetAsync(string column, long id) => db.ExecuteAsync("UPDATE balances SET " + column + " = 0 WHERE id = @id", new { id });
            """);
        Assert.DoesNotContain(diagnostics, d => d.Id == "CG0029");
    }

    [Fact]
    public async Task A_write_to_columns_no_read_uses_is_not_reported_and_one_to_a_used_column_is()
    {
        var diagnostics = await AnalyzeAsync("""
            public Task NoteAsync(long id, string note) => db.ExecuteAsync("UPDATE balances SET note = @note, seen_at = now() WHERE id = @id", new { id, note });

            [Invalidates("balance:<id>")]
            public Task MoveAsync(long id, string address) => db.ExecuteAsync("UPDATE balances SET address = @address WHERE id = @id", new { id, address });
            """);
        Assert.Equal(
            ["MoveAsync→ForUserAsync"],
            CorpusScore.Found(diagnostics));
    }

    [Fact]
    public async Task An_insert_whose_key_the_database_makes_does_not_bind_a_by_id_read_and_one_that_supplies_it_does()
    {
        var diagnostics = await AnalyzeAsync("""
            [Invalidates("balance:user:<balance.UserId>")]
            [Invalidates("balance:user:<balance.UserId>:*")]
            public Task<long> AddAsync(Balance balance) => db.QuerySingleAsync<long>(new CommandDefinition(
                "INSERT INTO balances (user_id, address, amount) VALUES (@UserId, @Address, @Amount); SELECT CAST(SCOPE_IDENTITY() AS bigint)", balance));

            [Invalidates("balance:user:<balance.UserId>")]
            [Invalidates("balance:user:<balance.UserId>:*")]
            public Task ImportAsync(Balance balance) => db.ExecuteAsync("INSERT INTO balances (id, user_id, address, amount) VALUES (@Id, @UserId, @Address, @Amount)", balance);
            """);
        Assert.Equal(
            ["ImportAsync→FindByIdAsync"],
            CorpusScore.Found(diagnostics));
    }

    [Fact]
    public async Task SQL_in_a_local_is_read_on_both_sides()
    {
        var diagnostics = await AnalyzeAsync("""
            public Task ZeroAsync(long id)
            {
                var sql = "UPDATE balances SET amount = 0 WHERE id = @id";
                return db.ExecuteAsync(sql, new { id });
            }
            """);
        Assert.Equal(
            ["ZeroAsync→FindByIdAsync", "ZeroAsync→ForUserAsync", "ZeroAsync→TotalAsync"],
            CorpusScore.Found(diagnostics));
    }

    private static Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> AnalyzeAsync(string writers)
        => GeneratorHarness.AnalyzeAsync(GeneratorHarness.CreateCompilation(CoverageSources.Data, Usings + "public sealed class BalanceRepository(NpgsqlConnection db)\n{\n" + Reads + writers + "\n}\n"));
}
