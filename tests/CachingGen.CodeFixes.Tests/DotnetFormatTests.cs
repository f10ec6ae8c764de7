using System.IO;
using CachingGen.Generator.Analyzers;

namespace CachingGen.CodeFixes.Tests;

/// <summary>
/// Every code fix through <c>dotnet format analyzers --diagnostics CGxxxx</c>, the way CI uses it: a tiny project on
/// disk referencing the analyzer and fixes built with these tests. <c>dotnet format</c> fixes all with the equivalence
/// key of the first action of the first diagnostic it meets, or with none when that diagnostic has no fix, so each
/// case puts a diagnostic without a fix (or an ambiguous one) next to one that has a fix.
/// </summary>
public sealed class DotnetFormatTests
{
    [Theory]
    [InlineData("CG0001", """[Cached("1m", "a:<zzzzzzzz>:<userId>")]""", """[Cached("1m", "b:<ordrId>")]""", """[Cached("1m", "b:<orderId>")]""")]
    [InlineData("CG0002", """[Cached("1m", "a:<userId>:{0}")]""", """[Cached("1m", "b:{orderId}")]""", """[Cached("1m", "b:<orderId>")]""")]
    [InlineData("CG0003", """[Cached("5", "a:<userId>")]""", """[Cached("5 minutes", "b:<orderId>")]""", """[Cached("5m", "b:<orderId>")]""")]
    [InlineData("CG0011", """[Cached("1m", "a:<userId>")]""", """[Cached("1m", "b:x")]""", """[Cached("1m", "b:x:<orderId>")]""")]
    public async Task Dotnet_format_applies_the_fix_to_every_fixable_diagnostic_of_the_id(string id, string untouched, string broken, string fixedAttribute)
    {
        var file = $$"""
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo { Task<int> AAsync(int userId, int page); Task<int> BAsync(int orderId); }
            public sealed class Repo : IRepo
            {
                {{untouched}}
                public Task<int> AAsync(int userId, int page) => Task.FromResult(page);
                {{broken}}
                public Task<int> BAsync(int orderId) => Task.FromResult(1);
            }
            """;

        var result = await FormatAsync(id, file);

        // CG0011's untouched method is fixed too (page is added): only the line under test is asserted on.
        Assert.Contains(fixedAttribute, result, StringComparison.Ordinal);
        Assert.DoesNotContain(broken, result, StringComparison.Ordinal);
        if (id != "CG0011")
        {
            Assert.Contains(untouched, result, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Dotnet_format_changes_a_mutable_list_result_and_its_interface_member()
    {
        var file = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo { Task<Dictionary<int, int>> AAsync(int id); Task<List<int>> BAsync(int id); }
            public sealed class Repo : IRepo
            {
                [Cached("1m", "a:<id>")]
                public Task<Dictionary<int, int>> AAsync(int id) => Task.FromResult(new Dictionary<int, int>());
                [Cached("1m", "b:<id>")]
                public Task<List<int>> BAsync(int id) => Task.FromResult(new List<int>());
            }
            """;

        var result = await FormatAsync("CG0014", file);

        Assert.Contains("Task<IReadOnlyList<int>> BAsync(int id); }", result, StringComparison.Ordinal);
        // The task it returns is built for the new type (Task<List<int>> would not convert: CS0029).
        Assert.Contains("public Task<IReadOnlyList<int>> BAsync(int id) => Task.FromResult<IReadOnlyList<int>>(new List<int>());", result, StringComparison.Ordinal);
        Assert.Contains("Task<Dictionary<int, int>> AAsync", result, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dotnet_format_adds_every_missing_invalidation_in_the_project()
    {
        var file = """
            using System.Threading.Tasks;
            using CachingGen;
            using Dapper;
            using Npgsql;
            namespace Dapper { public static class SqlMapper {
                public static Task<T> ExecuteScalarAsync<T>(this Npgsql.NpgsqlConnection cnn, string sql, object? param = null) => throw null!;
                public static Task<int> ExecuteAsync(this Npgsql.NpgsqlConnection cnn, string sql, object? param = null) => throw null!; } }
            namespace Npgsql { public sealed class NpgsqlConnection { } }
            namespace App
            {
                public interface IRepo { Task<decimal> TotalAsync(long userId); Task<int> CountAsync(long userId); Task CreditAsync(long userId); Task ResetAsync(); }
                public sealed class Repo(NpgsqlConnection db) : IRepo
                {
                    [Cached("1m", "balance:user:<userId>")]
                    public Task<decimal> TotalAsync(long userId) => db.ExecuteScalarAsync<decimal>("SELECT SUM(amount) FROM balances WHERE user_id = @userId", new { userId });

                    [Cached("1m", "balance:count:<userId>")]
                    public Task<int> CountAsync(long userId) => db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM balances WHERE user_id = @userId", new { userId });

                    public Task CreditAsync(long userId) => db.ExecuteAsync("DELETE FROM balances WHERE user_id = @userId", new { userId });

                    public Task ResetAsync() => db.ExecuteAsync("TRUNCATE balances");
                }
            }
            """;

        var result = await FormatAsync("CG0029", file);

        Assert.Contains("""
                    [Invalidates("balance:count:<userId>")]
                    [Invalidates("balance:user:<userId>")]
                    public Task CreditAsync(long userId)
            """.Replace("\r", "", StringComparison.Ordinal), result, StringComparison.Ordinal);
        Assert.Contains("""
                    [Invalidates("balance:count:*")]
                    [Invalidates("balance:user:*")]
                    public Task ResetAsync()
            """.Replace("\r", "", StringComparison.Ordinal), result, StringComparison.Ordinal);
    }

    /// <summary>Writes the project, runs <c>dotnet format analyzers</c> for <paramref name="id"/>, returns the file after it.</summary>
    private static async Task<string> FormatAsync(string id, string source)
    {
        var directory = Directory.CreateTempSubdirectory("cachinggen-format-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "Format.csproj"), $"""
                <Project Sdk="Microsoft.NET.Sdk">
                  <PropertyGroup>
                    <TargetFramework>net10.0</TargetFramework>
                    <Nullable>enable</Nullable>
                  </PropertyGroup>
                  <ItemGroup>
                    <Reference Include="{typeof(CachedAttribute).Assembly.Location}" />
                    <Analyzer Include="{typeof(CachingGenAnalyzer).Assembly.Location}" />
                    <Analyzer Include="{typeof(RenamePlaceholderCodeFix).Assembly.Location}" />
                  </ItemGroup>
                </Project>
                """);
            var path = Path.Combine(directory.FullName, "Repo.cs");
            File.WriteAllText(path, source);

            var (exitCode, output) = await DotnetCommand.RunAsync(directory.FullName, TimeSpan.FromMinutes(2), "format", "analyzers", "Format.csproj", "--diagnostics", id, "--severity", "info", "--verbosity", "normal");

            Assert.True(exitCode == 0, $"dotnet format exited with {exitCode}:\n{output}");
            Assert.DoesNotContain("Unable to fix", output, StringComparison.Ordinal);
            Assert.DoesNotContain("Failed to apply", output, StringComparison.Ordinal);
            return File.ReadAllText(path);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
