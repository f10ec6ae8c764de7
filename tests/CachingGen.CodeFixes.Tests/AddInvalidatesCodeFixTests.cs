using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.AddInvalidatesCodeFix>;

namespace CachingGen.CodeFixes.Tests;

/// <summary>CG0029's fix: the missing [Invalidates], bound to the writer's values where names line up, else a prefix.</summary>
public sealed class AddInvalidatesCodeFixTests
{
    private const string Total = """
        [Cached("1m", "balance:user:<userId>")]
        public Task<decimal> TotalAsync(long userId) => db.ExecuteScalarAsync<decimal>("SELECT SUM(amount) FROM balances WHERE user_id = @userId", new { userId });
        """;

    private static readonly string Data = DataStubs.Dapper(execute: true);

    [Fact]
    public async Task Placeholders_are_bound_to_a_parameter_s_member_and_the_attribute_joins_the_others()
    {
        await Run(
            """
            [Invalidates("balance:<id>")]
            public Task {|#0:CreditAsync|}(Balance balance, long id) => db.ExecuteAsync("UPDATE balances SET amount = amount + 1 WHERE id = @Id", balance);
            """,
            """
            [Invalidates("balance:<id>")]
            [Invalidates("balance:user:<balance.UserId>")]
            public Task CreditAsync(Balance balance, long id) => db.ExecuteAsync("UPDATE balances SET amount = amount + 1 WHERE id = @Id", balance);
            """,
            "Add [Invalidates(\"balance:user:<balance.UserId>\")]");
    }

    [Fact]
    public async Task A_parameter_of_the_placeholder_s_name_binds_directly_on_a_method_without_attributes()
    {
        await Run(
            """
            public Task {|#0:ResetAsync|}(long userId) => db.ExecuteAsync("DELETE FROM balances WHERE user_id = @userId", new { userId });
            """,
            """
            [Invalidates("balance:user:<userId>")]
            public Task ResetAsync(long userId) => db.ExecuteAsync("DELETE FROM balances WHERE user_id = @userId", new { userId });
            """,
            "Add [Invalidates(\"balance:user:<userId>\")]");
    }

    [Fact]
    public async Task Without_a_value_for_a_placeholder_the_prefix_before_it_is_offered()
    {
        await Run(
            """
            public Task {|#0:ResetAllAsync|}() => db.ExecuteAsync("TRUNCATE balances");
            """,
            """
            [Invalidates("balance:user:*")]
            public Task ResetAllAsync() => db.ExecuteAsync("TRUNCATE balances");
            """,
            "Add [Invalidates(\"balance:user:*\")]");
    }

    [Fact]
    public async Task Fix_all_adds_every_missing_invalidation_of_every_writer_once()
    {
        string Source(string credit, string reset) => DataStubs.Shop
            .Interface("IRepo", "Task<decimal> TotalAsync(long userId); Task<int> CountAsync(long userId); Task CreditAsync(long userId); Task ResetAsync(long userId);")
            .Class("public sealed class Repo(NpgsqlConnection db) : IRepo", $$"""
                {{Total}}

                [Cached("1m", "balance:count:<userId>")]
                public Task<int> CountAsync(long userId) => db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM balances WHERE user_id = @userId", new { userId });

                {{credit}}
                {{reset}}
                """);
        var test = Verify.Create(
            [Data, Source(
                """public Task {|#0:{|#1:CreditAsync|}|}(long userId) => db.ExecuteAsync("DELETE FROM balances WHERE user_id = @userId", new { userId });""",
                """public Task {|#2:{|#3:ResetAsync|}|}(long userId) => db.ExecuteAsync("TRUNCATE balances");""")],
            [Data, Source(
                """
                [Invalidates("balance:count:<userId>")]
                [Invalidates("balance:user:<userId>")]
                public Task CreditAsync(long userId) => db.ExecuteAsync("DELETE FROM balances WHERE user_id = @userId", new { userId });
                """,
                """
                [Invalidates("balance:count:<userId>")]
                [Invalidates("balance:user:<userId>")]
                public Task ResetAsync(long userId) => db.ExecuteAsync("TRUNCATE balances");
                """)],
            [
                Verify.Diagnostic("CG0029").WithLocation(0).WithArguments("CreditAsync", "balances", "TotalAsync", "`balance:user:<userId>`"),
                Verify.Diagnostic("CG0029").WithLocation(1).WithArguments("CreditAsync", "balances", "CountAsync", "`balance:count:<userId>`"),
                Verify.Diagnostic("CG0029").WithLocation(2).WithArguments("ResetAsync", "balances", "TotalAsync", "`balance:user:<userId>`"),
                Verify.Diagnostic("CG0029").WithLocation(3).WithArguments("ResetAsync", "balances", "CountAsync", "`balance:count:<userId>`"),
            ]);
        test.NumberOfIncrementalIterations = 4;
        test.NumberOfFixAllIterations = 1;
        test.NumberOfFixAllInDocumentIterations = 1;
        await test.RunAsync();
    }

    private static string Writer(string writer) => writer[(writer.IndexOf("{|#0:", StringComparison.Ordinal) + 5)..writer.IndexOf("|}", StringComparison.Ordinal)];

    private static Task Run(string writer, string fixedWriter, string title)
    {
        // Interceptors are off in this harness: every method is on the interface, the writers not under test do nothing.
        var name = Writer(writer);
        string[] writers = ["CreditAsync(Balance balance, long id)", "ResetAsync(long userId)", "ResetAllAsync()"];
        var others = writers.Where(w => !w.StartsWith(name + "(", StringComparison.Ordinal)).Select(w => $"public Task {w} => Task.CompletedTask;");
        string Repository(string body) => DataStubs.Shop
            .Declare("public sealed record Balance(long Id, long UserId);")
            .Interface("IBalanceRepository", ["Task<decimal> TotalAsync(long userId);", "Task<long> FindAsync(long id);", .. writers.Select(w => $"Task {w};")])
            .Class("public sealed class BalanceRepository(NpgsqlConnection db) : IBalanceRepository", $$"""
                {{Total}}

                [Cached("1m", "balance:<id>")]
                public Task<long> FindAsync(long id) => Task.FromResult(id);

                {{body}}
                {{string.Join("\n", others)}}
                """);

        var test = Verify.Create([Data, Repository(writer)], [Data, Repository(fixedWriter)], [Verify.Diagnostic("CG0029").WithLocation(0).WithArguments(Writer(writer), "balances", "TotalAsync", "`balance:user:<userId>`")]);
        test.CodeActionVerifier = (action, verifier) => verifier.Equal(title, action.Title);
        return test.RunAsync();
    }
}
