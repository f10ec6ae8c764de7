using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.UseReadOnlyListCodeFix>;

namespace CachingGen.CodeFixes.Tests;

/// <summary>CG0014's fix: the mutable collection result becomes its read-only interface, in the class and in the contract.</summary>
public sealed class UseReadOnlyListCodeFixTests
{
    private static readonly UserSource CollectionsApp = UserSource.Using("System.Collections.Generic", "System.Threading.Tasks", "CachingGen").Namespace("App");

    [Fact]
    public async Task Method_and_interface_in_another_file_change_to_IReadOnlyList()
    {
        string contract = UserSource.Using("System.Collections.Generic", "System.Threading.Tasks").Namespace("App")
            .Declare("public sealed record Balance(long Id, decimal Amount);")
            .Interface("IBalanceRepository", [
                "Task<List<Balance>> FindByUserIdAsync(long userId);",
                "Balance[] FindByTokenId(long tokenId);",
                "ValueTask<IList<Balance>> FindByAddressAsync(string address);",
            ]);
        string repository = UserSource.Using("System.Collections.Generic", "System.Linq", "System.Threading.Tasks", "CachingGen").Namespace("App")
            .Class("public sealed class BalanceRepository : IBalanceRepository", """
                [Cached("00:01:00", "balance:user:<userId>")]
                public async Task<{|#0:List<Balance>|}> FindByUserIdAsync(long userId)
                {
                    await Task.Yield();
                    return new List<Balance> { new(1, 2m) };
                }

                [Cached("00:01:00", "balance:token:<tokenId>")]
                public {|#1:Balance[]|} FindByTokenId(long tokenId) => new[] { new Balance(tokenId, 1m) };

                [Cached("00:01:00", "balance:address:<address>")]
                public async ValueTask<{|#2:IList<Balance>|}> FindByAddressAsync(string address)
                {
                    await Task.Yield();
                    return new List<Balance>();
                }
                """);
        var fixedContract = UserSource.Edited(
            contract,
            ("Task<List<Balance>>", "Task<IReadOnlyList<Balance>>"),
            ("Balance[] FindByTokenId", "IReadOnlyList<Balance> FindByTokenId"),
            ("ValueTask<IList<Balance>>", "ValueTask<IReadOnlyList<Balance>>"));
        var fixedRepository = UserSource.Edited(
            repository,
            ("{|#0:List<Balance>|}", "IReadOnlyList<Balance>"),
            ("{|#1:Balance[]|}", "IReadOnlyList<Balance>"),
            ("{|#2:IList<Balance>|}", "IReadOnlyList<Balance>"));

        await VerifyAsync(
            [contract, repository],
            [fixedContract, fixedRepository],
            ("Task<List<Balance>> BalanceRepository.FindByUserIdAsync(long userId)", "List<Balance>", "IReadOnlyList<Balance>"),
            ("Balance[] BalanceRepository.FindByTokenId(long tokenId)", "Balance[]", "IReadOnlyList<Balance>"),
            ("ValueTask<IList<Balance>> BalanceRepository.FindByAddressAsync(string address)", "IList<Balance>", "IReadOnlyList<Balance>"));
    }

    [Fact]
    public async Task Adds_the_using_directive_when_the_file_has_none()
    {
        string source = UserSource.Using("CachingGen").Namespace("App").Repository("IRepo", "int[] Get(int id);", """
            [Cached("00:01:00", "ids:<id>")]
            public {|#0:int[]|} Get(int id) => new[] { id };
            """);
        var fixedSource = UserSource.Edited(
            source,
            ("using CachingGen;", "using System.Collections.Generic;\nusing CachingGen;"),
            ("{ int[] Get(int id); }", "{ IReadOnlyList<int> Get(int id); }"),
            ("{|#0:int[]|}", "IReadOnlyList<int>"));

        await VerifyAsync(source, fixedSource, ("int[] Repo.Get(int id)", "int[]", "IReadOnlyList<int>"));
    }

    [Fact]
    public async Task Collection_and_ObservableCollection_results_change_to_IReadOnlyList()
    {
        string source = UserSource.Using("System.Collections.ObjectModel", "System.Threading.Tasks", "CachingGen").Namespace("App")
            .Repository("IRepo", "Task<Collection<int>> GetAsync(int id); ObservableCollection<string> Names(int id);", """
                [Cached("00:01:00", "ids:<id>")]
                public async Task<{|#0:Collection<int>|}> GetAsync(int id)
                {
                    await Task.Yield();
                    return new Collection<int> { id };
                }

                [Cached("00:01:00", "names:<id>")]
                public {|#1:ObservableCollection<string>|} Names(int id) => new ObservableCollection<string>();
                """);
        var fixedSource = UserSource.Edited(
            source,
            ("using System.Collections.ObjectModel;", "using System.Collections.Generic;\nusing System.Collections.ObjectModel;"),
            ("Task<Collection<int>> GetAsync(int id); ObservableCollection<string> Names(int id);", "Task<IReadOnlyList<int>> GetAsync(int id); IReadOnlyList<string> Names(int id);"),
            ("{|#0:Collection<int>|}", "IReadOnlyList<int>"),
            ("{|#1:ObservableCollection<string>|}", "IReadOnlyList<string>"));

        await VerifyAsync(
            source,
            fixedSource,
            ("Task<Collection<int>> Repo.GetAsync(int id)", "Collection<int>", "IReadOnlyList<int>"),
            ("ObservableCollection<string> Repo.Names(int id)", "ObservableCollection<string>", "IReadOnlyList<string>"));
    }

    [Fact]
    public async Task An_expression_bodied_FromResult_gets_the_new_type_as_its_type_argument_and_still_compiles()
    {
        string source = CollectionsApp
            .Declare("public sealed record Product(int Id);")
            .Repository("IRepo", "Task<List<Product>> ListAsync(int id); ValueTask<List<Product>> FindAsync(int id);", """
                [Cached("00:01:00", "products:<id>")]
                public Task<{|#0:List<Product>|}> ListAsync(int id) => Task.FromResult(new List<Product>());

                [Cached("00:01:00", "found:<id>")]
                public ValueTask<{|#1:List<Product>|}> FindAsync(int id)
                {
                    if (id < 0)
                    {
                        return ValueTask.FromResult(new List<Product>());
                    }

                    return ValueTask.FromResult(new List<Product> { new(id) });
                }
                """);

        // Every FromResult, of Task and of ValueTask, is given the new type: its own would no longer convert.
        var fixedSource = UserSource.Edited(
            source,
            ("Task<List<Product>> ListAsync(int id); ValueTask<List<Product>> FindAsync(int id);", "Task<IReadOnlyList<Product>> ListAsync(int id); ValueTask<IReadOnlyList<Product>> FindAsync(int id);"),
            ("{|#0:List<Product>|}", "IReadOnlyList<Product>"),
            ("{|#1:List<Product>|}", "IReadOnlyList<Product>"),
            ("FromResult(new List<Product>", "FromResult<IReadOnlyList<Product>>(new List<Product>"));

        await VerifyAsync(
            source,
            fixedSource,
            ("Task<List<Product>> Repo.ListAsync(int id)", "List<Product>", "IReadOnlyList<Product>"),
            ("ValueTask<List<Product>> Repo.FindAsync(int id)", "List<Product>", "IReadOnlyList<Product>"));
    }

    [Fact]
    public async Task A_method_that_returns_another_method_s_task_gets_no_fix_that_would_not_compile()
    {
        string source = CollectionsApp
            .Repository("IRepo", "Task<List<int>> ListAsync(int id);", """
                [Cached("00:01:00", "products:<id>")]
                public Task<{|#0:List<int>|}> ListAsync(int id) => Load(id);

                private static Task<List<int>> Load(int id) => Task.FromResult(new List<int> { id });
                """);

        await VerifyAsync(source, source, ("Task<List<int>> Repo.ListAsync(int id)", "List<int>", "IReadOnlyList<int>"));
    }

    /// <summary>Runs the fix; CG0014 is expected at each location in turn, with the method, its result type and the read-only type to use.</summary>
    private static Task VerifyAsync(string[] sources, string[] fixedSources, params (string Method, string Type, string ReadOnly)[] expected)
        => Verify.VerifyAsync(sources, fixedSources, [.. expected.Select((e, i) => Verify.Diagnostic("CG0014").WithLocation(i).WithArguments(e.Method, e.Type, e.ReadOnly))]);

    private static Task VerifyAsync(string source, string fixedSource, params (string Method, string Type, string ReadOnly)[] expected)
        => VerifyAsync([source], [fixedSource], expected);
}
