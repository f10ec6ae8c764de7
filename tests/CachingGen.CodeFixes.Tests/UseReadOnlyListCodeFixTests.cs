using System.Threading.Tasks;
using Xunit;
using Verify = CachingGen.CodeFixes.Tests.CodeFixVerifier<CachingGen.CodeFixes.UseReadOnlyListCodeFix>;

namespace CachingGen.CodeFixes.Tests;

public sealed class UseReadOnlyListCodeFixTests
{
    [Fact]
    public async Task Method_and_interface_in_another_file_change_to_IReadOnlyList()
    {
        var contract = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            namespace App;
            public sealed record Balance(long Id, decimal Amount);
            public interface IBalanceRepository
            {
                Task<List<Balance>> FindByUserIdAsync(long userId);
                Balance[] FindByTokenId(long tokenId);
                ValueTask<IList<Balance>> FindByAddressAsync(string address);
            }
            """;
        var repository = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public sealed class BalanceRepository : IBalanceRepository
            {
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
            }
            """;
        var fixedContract = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            namespace App;
            public sealed record Balance(long Id, decimal Amount);
            public interface IBalanceRepository
            {
                Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId);
                IReadOnlyList<Balance> FindByTokenId(long tokenId);
                ValueTask<IReadOnlyList<Balance>> FindByAddressAsync(string address);
            }
            """;
        var fixedRepository = """
            using System.Collections.Generic;
            using System.Linq;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public sealed class BalanceRepository : IBalanceRepository
            {
                [Cached("00:01:00", "balance:user:<userId>")]
                public async Task<IReadOnlyList<Balance>> FindByUserIdAsync(long userId)
                {
                    await Task.Yield();
                    return new List<Balance> { new(1, 2m) };
                }

                [Cached("00:01:00", "balance:token:<tokenId>")]
                public IReadOnlyList<Balance> FindByTokenId(long tokenId) => new[] { new Balance(tokenId, 1m) };

                [Cached("00:01:00", "balance:address:<address>")]
                public async ValueTask<IReadOnlyList<Balance>> FindByAddressAsync(string address)
                {
                    await Task.Yield();
                    return new List<Balance>();
                }
            }
            """;

        await Verify.VerifyAsync(
            new[] { contract, repository },
            new[] { fixedContract, fixedRepository },
            Verify.Diagnostic("CG0014").WithLocation(0).WithArguments("Task<List<Balance>> BalanceRepository.FindByUserIdAsync(long userId)", "List<Balance>", "IReadOnlyList<Balance>"),
            Verify.Diagnostic("CG0014").WithLocation(1).WithArguments("Balance[] BalanceRepository.FindByTokenId(long tokenId)", "Balance[]", "IReadOnlyList<Balance>"),
            Verify.Diagnostic("CG0014").WithLocation(2).WithArguments("ValueTask<IList<Balance>> BalanceRepository.FindByAddressAsync(string address)", "IList<Balance>", "IReadOnlyList<Balance>"));
    }

    [Fact]
    public async Task Adds_the_using_directive_when_the_file_has_none()
    {
        var source = """
            using CachingGen;
            namespace App;
            public interface IRepo { int[] Get(int id); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "ids:<id>")]
                public {|#0:int[]|} Get(int id) => new[] { id };
            }
            """;
        var fixedSource = """
            using System.Collections.Generic;
            using CachingGen;
            namespace App;
            public interface IRepo { IReadOnlyList<int> Get(int id); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "ids:<id>")]
                public IReadOnlyList<int> Get(int id) => new[] { id };
            }
            """;

        await Verify.VerifyAsync(source, fixedSource, Verify.Diagnostic("CG0014").WithLocation(0).WithArguments("int[] Repo.Get(int id)", "int[]", "IReadOnlyList<int>"));
    }

    [Fact]
    public async Task Collection_and_ObservableCollection_results_change_to_IReadOnlyList()
    {
        var source = """
            using System.Collections.ObjectModel;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo { Task<Collection<int>> GetAsync(int id); ObservableCollection<string> Names(int id); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "ids:<id>")]
                public async Task<{|#0:Collection<int>|}> GetAsync(int id)
                {
                    await Task.Yield();
                    return new Collection<int> { id };
                }

                [Cached("00:01:00", "names:<id>")]
                public {|#1:ObservableCollection<string>|} Names(int id) => new ObservableCollection<string>();
            }
            """;
        var fixedSource = """
            using System.Collections.Generic;
            using System.Collections.ObjectModel;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo { Task<IReadOnlyList<int>> GetAsync(int id); IReadOnlyList<string> Names(int id); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "ids:<id>")]
                public async Task<IReadOnlyList<int>> GetAsync(int id)
                {
                    await Task.Yield();
                    return new Collection<int> { id };
                }

                [Cached("00:01:00", "names:<id>")]
                public IReadOnlyList<string> Names(int id) => new ObservableCollection<string>();
            }
            """;

        await Verify.VerifyAsync(
            source,
            fixedSource,
            Verify.Diagnostic("CG0014").WithLocation(0).WithArguments("Task<Collection<int>> Repo.GetAsync(int id)", "Collection<int>", "IReadOnlyList<int>"),
            Verify.Diagnostic("CG0014").WithLocation(1).WithArguments("ObservableCollection<string> Repo.Names(int id)", "ObservableCollection<string>", "IReadOnlyList<string>"));
    }

    [Fact]
    public async Task An_expression_bodied_FromResult_gets_the_new_type_as_its_type_argument_and_still_compiles()
    {
        var source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public sealed record Product(int Id);
            public interface IRepo { Task<List<Product>> ListAsync(int id); ValueTask<List<Product>> FindAsync(int id); }
            public sealed class Repo : IRepo
            {
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
            }
            """;
        var fixedSource = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public sealed record Product(int Id);
            public interface IRepo { Task<IReadOnlyList<Product>> ListAsync(int id); ValueTask<IReadOnlyList<Product>> FindAsync(int id); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "products:<id>")]
                public Task<IReadOnlyList<Product>> ListAsync(int id) => Task.FromResult<IReadOnlyList<Product>>(new List<Product>());

                [Cached("00:01:00", "found:<id>")]
                public ValueTask<IReadOnlyList<Product>> FindAsync(int id)
                {
                    if (id < 0)
                    {
                        return ValueTask.FromResult<IReadOnlyList<Product>>(new List<Product>());
                    }

                    return ValueTask.FromResult<IReadOnlyList<Product>>(new List<Product> { new(id) });
                }
            }
            """;

        await Verify.VerifyAsync(
            source,
            fixedSource,
            Verify.Diagnostic("CG0014").WithLocation(0).WithArguments("Task<List<Product>> Repo.ListAsync(int id)", "List<Product>", "IReadOnlyList<Product>"),
            Verify.Diagnostic("CG0014").WithLocation(1).WithArguments("ValueTask<List<Product>> Repo.FindAsync(int id)", "List<Product>", "IReadOnlyList<Product>"));
    }

    [Fact]
    public async Task A_method_that_returns_another_method_s_task_gets_no_fix_that_would_not_compile()
    {
        var source = """
            using System.Collections.Generic;
            using System.Threading.Tasks;
            using CachingGen;
            namespace App;
            public interface IRepo { Task<List<int>> ListAsync(int id); }
            public sealed class Repo : IRepo
            {
                [Cached("00:01:00", "products:<id>")]
                public Task<{|#0:List<int>|}> ListAsync(int id) => Load(id);

                private static Task<List<int>> Load(int id) => Task.FromResult(new List<int> { id });
            }
            """;

        await Verify.VerifyAsync(source, source, Verify.Diagnostic("CG0014").WithLocation(0).WithArguments("Task<List<int>> Repo.ListAsync(int id)", "List<int>", "IReadOnlyList<int>"));
    }
}
