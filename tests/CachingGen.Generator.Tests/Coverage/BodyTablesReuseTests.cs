using System;
using System.Linq;
using System.Threading.Tasks;
using CachingGen.Generator.Tests.Infrastructure;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>
/// What the analyzer read from a repository body is kept across compilations while nothing the body binds to changed
/// (the body-tables cache). A method, property or event changed in another file counts for the bodies that spell its
/// name; any other declaration counts for every body. Each edit here changes what a write binds to from another file
/// (Dapper's <c>ExecuteAsync</c> or a look-alike that runs no SQL), so a kept answer that should not have been kept
/// shows as CG0029 where there is none, or none where there is one.
/// </summary>
public sealed class BodyTablesReuseTests
{
    // The write's connection comes from another file's Connections.Main; it never says which keys it changes.
    private const string Repository = """
        using System.Collections.Generic;
        using System.Threading.Tasks;
        using CachingGen;
        using Dapper;
        namespace Shop;
        public sealed class Balances(Connections connections)
        {
            [Cached("1m", "balance:<id>")]
            public Task<decimal> AmountAsync(long id) => connections.Main.ExecuteScalarAsync<decimal>("SELECT amount FROM balances WHERE id = @id", new { id });

            public Task<int> CreditAsync(long id, decimal amount) => connections.Main.ExecuteAsync("UPDATE balances SET amount = amount + @amount WHERE id = @id", new { id, amount });
        }
        """;

    private const string Silent = """
        using System.Threading.Tasks;
        namespace Shop;
        /// <summary>Looks like a connection, runs no SQL: a write through it touches no table.</summary>
        public sealed class Silent
        {
            public Task<int> ExecuteAsync(string sql, object? param = null) => Task.FromResult(0);
            public Task<T> ExecuteScalarAsync<T>(string sql, object? param = null) => Task.FromResult(default(T)!);
        }
        """;

    private const string Connections = """
        namespace Shop;
        public sealed class Connections
        {
            public Npgsql.NpgsqlConnection Main => null!;
            public Npgsql.NpgsqlConnection Spare => null!;
        }
        """;

    [Fact]
    public async Task A_property_the_body_spells_changed_in_another_file_is_followed()
    {
        var first = Compile(Connections);
        Assert.Contains(await GeneratorHarness.AnalyzeAsync(first), d => d.Id == "CG0029");

        // Main now runs no SQL: the write touches no table, so nothing is missing.
        var silent = Edit(first, Connections.Replace("public Npgsql.NpgsqlConnection Main", "public Silent Main", StringComparison.Ordinal));
        Assert.DoesNotContain(await GeneratorHarness.AnalyzeAsync(silent), d => d.Id == "CG0029");

        // And back: the same repository tree, whose answer under "Silent" must not be kept.
        var back = Edit(silent, Connections);
        Assert.Contains(await GeneratorHarness.AnalyzeAsync(back), d => d.Id == "CG0029");
    }

    [Fact]
    public async Task A_member_the_body_does_not_spell_changes_nothing_it_read()
    {
        var first = Compile(Connections);
        Assert.Single(await GeneratorHarness.AnalyzeAsync(first), d => d.Id == "CG0029");

        var spare = Edit(first, Connections.Replace("public Npgsql.NpgsqlConnection Spare", "public Silent Spare", StringComparison.Ordinal));
        Assert.Single(await GeneratorHarness.AnalyzeAsync(spare), d => d.Id == "CG0029");
    }

    [Fact]
    public async Task A_field_changed_in_another_file_is_followed_though_a_field_is_not_found_by_name_alone()
    {
        // A field (like a constant, whose value flows into other constants) counts for every body.
        var fields = Connections.Replace("Main => null!;", "Main = null!;", StringComparison.Ordinal);
        var first = Compile(fields);
        Assert.Contains(await GeneratorHarness.AnalyzeAsync(first), d => d.Id == "CG0029");

        var silent = Edit(first, fields.Replace("public Npgsql.NpgsqlConnection Main", "public Silent Main", StringComparison.Ordinal));
        Assert.DoesNotContain(await GeneratorHarness.AnalyzeAsync(silent), d => d.Id == "CG0029");
    }

    [Fact]
    public async Task A_method_overload_added_in_another_file_is_followed_by_the_bodies_that_call_its_name()
    {
        // Silent gains nothing; Connections gains an ExecuteAsync of its own that the write does not call (it calls it
        // on Main), then the write is moved onto it in the repository's own file: a new tree, read again.
        var first = Compile(Connections);
        var withMethod = Edit(first, Connections.Replace("public sealed class Connections\n{", "public sealed class Connections\n{\n    public System.Threading.Tasks.Task<int> ExecuteAsync(string sql, object? param = null) => System.Threading.Tasks.Task.FromResult(0);", StringComparison.Ordinal));
        Assert.Single(await GeneratorHarness.AnalyzeAsync(withMethod), d => d.Id == "CG0029");

        var repository = withMethod.SyntaxTrees.Single(t => t.FilePath.EndsWith("Source1.cs", StringComparison.Ordinal));
        var direct = withMethod.ReplaceSyntaxTree(repository, CSharpSyntaxTree.ParseText(
            Repository.Replace("connections.Main.ExecuteAsync", "connections.ExecuteAsync", StringComparison.Ordinal), GeneratorHarness.ParseOptions, path: repository.FilePath));
        Assert.DoesNotContain(await GeneratorHarness.AnalyzeAsync(direct), d => d.Id == "CG0029");
    }

    private static CSharpCompilation Compile(string connections)
        => GeneratorHarness.CreateCompilation(CoverageSources.Data, Repository, Silent, connections);

    /// <summary>The compilation with Connections (the fourth file) replaced; every other tree is the same object.</summary>
    private static Compilation Edit(Compilation compilation, string connections)
    {
        var old = compilation.SyntaxTrees.Single(t => t.FilePath.EndsWith("Source3.cs", StringComparison.Ordinal));
        return compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(connections, GeneratorHarness.ParseOptions, path: old.FilePath));
    }
}
