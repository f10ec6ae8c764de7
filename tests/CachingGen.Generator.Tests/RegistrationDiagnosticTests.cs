using System.Globalization;
using static CachingGen.Generator.Tests.Infrastructure.DiagnosticAssert;

namespace CachingGen.Generator.Tests;

/// <summary>CG0019 and CG0020: DI registrations of annotated repositories that the runtime cannot decorate.</summary>
public sealed class RegistrationDiagnosticTests
{
    private static readonly UserSource Prelude = UserSource.Using("System.Threading", "System.Threading.Tasks", "CachingGen", "Microsoft.Extensions.DependencyInjection", "Microsoft.Extensions.DependencyInjection.Extensions").Namespace("App")
        .Repository("IWalletRepository", "Task<string> GetAsync(long id, CancellationToken ct);", """
            [Cached("00:01:00", "wallet:<id>")]
            public Task<string> GetAsync(long id, CancellationToken ct) => Task.FromResult("");
            """)
        .Class("public sealed class PlainRepository : IWalletRepository", """
            public Task<string> GetAsync(long id, CancellationToken ct) => Task.FromResult("");
            """)
        .Declare("public sealed class Builder { public IServiceCollection Services { get; } = new ServiceCollection(); }");

    private const string AfterMessage = "'WalletRepository' is registered after AddCachingGen() and will not be decorated: its [Cached]/[Invalidates] methods are not cached; call AddCachingGen() after registering it";

    [Theory]
    [InlineData("services.AddScoped<IWalletRepository, WalletRepository>()", "AddScoped<IWalletRepository, WalletRepository>()")]
    [InlineData("services.AddSingleton<IWalletRepository, WalletRepository>()", "AddSingleton<IWalletRepository, WalletRepository>()")]
    [InlineData("services.TryAddTransient<IWalletRepository, WalletRepository>()", "TryAddTransient<IWalletRepository, WalletRepository>()")]
    [InlineData("services.AddKeyedScoped<IWalletRepository, WalletRepository>(\"primary\")", "AddKeyedScoped<IWalletRepository, WalletRepository>(\"primary\")")]
    [InlineData("services.AddTransient(typeof(IWalletRepository), typeof(WalletRepository))", "AddTransient(typeof(IWalletRepository), typeof(WalletRepository))")]
    [InlineData("services.TryAddScoped(typeof(IWalletRepository), typeof(WalletRepository))", "TryAddScoped(typeof(IWalletRepository), typeof(WalletRepository))")]
    [InlineData("ServiceCollectionServiceExtensions.AddScoped<IWalletRepository, WalletRepository>(services)", "AddScoped<IWalletRepository, WalletRepository>(services)")]
    public async Task CG0019_registration_after_AddCachingGen_on_the_same_collection(string registration, string underlined)
    {
        var diagnostic = await SingleAsync(Body($"services.AddCachingGen();\n{registration};"), "CG0019");

        Assert.Equal(underlined, Underlined(diagnostic));
        Assert.Equal(AfterMessage, diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.EndsWith("docs/diagnostics/CG0019.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CG0022_an_application_that_registers_repositories_but_never_calls_AddCachingGen()
    {
        var diagnostic = Assert.Single(await AnalyzeApplicationAsync("services.AddScoped<IWalletRepository, WalletRepository>();"), d => d.Id == "CG0022");

        Assert.Equal("AddScoped<IWalletRepository, WalletRepository>()", Underlined(diagnostic));
        Assert.Equal("'WalletRepository' is registered, but this application never calls AddCachingGen(), so it is not decorated and its [Cached]/[Invalidates] methods are not cached; call services.AddCachingGen() after registering the repositories", diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.EndsWith("docs/diagnostics/CG0022.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);

        // AddCachingGen anywhere in the application, or a library (whose user calls it): nothing to report.
        Assert.DoesNotContain(await AnalyzeApplicationAsync("services.AddScoped<IWalletRepository, WalletRepository>();\nother.AddCachingGen();"), d => d.Id == "CG0022");
        Assert.DoesNotContain(await GeneratorHarness.AnalyzeAsync(Body("services.AddScoped<IWalletRepository, WalletRepository>();")), d => d.Id == "CG0022");
    }

    [Fact]
    public async Task No_CG0022_when_the_AddCachingGen_call_is_written_but_its_lambda_does_not_bind()
    {
        // o.NoSuchOption: what o.UseRedis(…) is without 'using CachingGen;' (CS1061). The call is there; only the
        // compiler's error is true.
        var diagnostics = await AnalyzeApplicationAsync("services.AddScoped<IWalletRepository, WalletRepository>();\nservices.AddCachingGen(o => o.NoSuchOption(\"localhost\"));");

        Assert.DoesNotContain(diagnostics, d => d.Id is "CG0022" or "AD0001");
    }

    private static Task<System.Collections.Immutable.ImmutableArray<Diagnostic>> AnalyzeApplicationAsync(string statements)
    {
        var source = Body(statements) + "\npublic static class EntryPoint { public static void Main() { } }\n";
        var compilation = GeneratorHarness.CreateCompilation(source);
        return GeneratorHarness.AnalyzeAsync(compilation.WithOptions(compilation.Options.WithOutputKind(OutputKind.ConsoleApplication)));
    }

    [Fact]
    public async Task CG0019_in_a_chain_and_on_a_builder_property()
    {
        var chained = await SingleAsync(Body("services.AddCachingGen().AddScoped<IWalletRepository, WalletRepository>();"), "CG0019");
        Assert.Equal("AddScoped<IWalletRepository, WalletRepository>()", Underlined(chained));

        // What Program.cs does with WebApplication.CreateBuilder(args): a property of a local.
        var builder = await SingleAsync(
            Body("var builder = new Builder();\nbuilder.Services.AddCachingGen(o => o.ThrowOnUndecorated = true);\nbuilder.Services.AddScoped<IWalletRepository, WalletRepository>();"),
            "CG0019");
        Assert.Equal("AddScoped<IWalletRepository, WalletRepository>()", Underlined(builder));
        Assert.Equal(AfterMessage, builder.GetMessage(CultureInfo.InvariantCulture));
    }

    [Theory]
    [InlineData("services.AddScoped<IWalletRepository, WalletRepository>();\nservices.AddCachingGen();")]
    [InlineData("services.AddCachingGen();\nservices.AddScoped<IWalletRepository, PlainRepository>();")]
    [InlineData("services.AddCachingGen();\nservices.AddScoped<IWalletRepository>(_ => new WalletRepository());")]
    [InlineData("services.AddCachingGen();\nservices.AddSingleton<IWalletRepository>(new WalletRepository());")]
    [InlineData("services.AddCachingGen();\nother.AddScoped<IWalletRepository, WalletRepository>();")]
    [InlineData("other.AddCachingGen().AddScoped<IWalletRepository, PlainRepository>();\nservices.AddScoped<IWalletRepository, WalletRepository>();\nservices.AddCachingGen();")]
    public async Task No_CG0019_or_CG0020_when_the_registration_can_be_decorated_or_is_not_a_repository(string statements)
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(Body(statements));

        Assert.DoesNotContain(diagnostics, d => d.Id is "CG0019" or "CG0020" or "AD0001");
    }

    [Fact]
    public async Task No_CG0020_for_a_class_without_interfaces_whose_methods_already_report_CG0004()
    {
        string source = UserSource.Using("System.Threading.Tasks", "CachingGen", "Microsoft.Extensions.DependencyInjection").Namespace("App")
            .Class("public sealed class Prices", """
                [Cached("1m", "price:<id>")] public Task<decimal> GetAsync(int id) => Task.FromResult(1m);
                """)
            .Class("public static class Setup", """
                public static void Configure(IServiceCollection services)
                {
                    services.AddSingleton<Prices>();
                    services.AddCachingGen();
                }
                """);
        var diagnostics = await GeneratorHarness.AnalyzeAsync(source, interceptors: false);

        Assert.Equal(["CG0004"], diagnostics.Select(d => d.Id));
    }

    [Fact]
    public async Task No_CG0020_with_interceptors_on_since_AddCachingGen_ties_the_instance_to_its_cache()
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(Body("services.AddScoped<WalletRepository>();\nservices.AddCachingGen();"));

        Assert.DoesNotContain(diagnostics, d => d.Id is "CG0020" or "AD0001");
    }

    [Theory]
    [InlineData("services.AddScoped<WalletRepository>()", "AddScoped<WalletRepository>()", "AddScoped<IWalletRepository, WalletRepository>()")]
    [InlineData("services.TryAddSingleton<WalletRepository>()", "TryAddSingleton<WalletRepository>()", "AddSingleton<IWalletRepository, WalletRepository>()")]
    [InlineData("services.AddKeyedTransient<WalletRepository>(1)", "AddKeyedTransient<WalletRepository>(1)", "AddKeyedTransient<IWalletRepository, WalletRepository>(key)")]
    [InlineData("services.AddSingleton(typeof(WalletRepository))", "AddSingleton(typeof(WalletRepository))", "AddSingleton<IWalletRepository, WalletRepository>()")]
    public async Task CG0020_registration_of_the_class_as_itself(string registration, string underlined, string suggested)
    {
        var diagnostic = await SingleAsync(Body($"{registration};\nservices.AddCachingGen();"), "CG0020", interceptors: false);

        Assert.Equal(underlined, Underlined(diagnostic));
        Assert.Equal(
            $"'WalletRepository' is registered as its own type and interceptors are off in this project, so its [Cached]/[Invalidates] methods are not cached: the decorator implements its interfaces, not the class; register it by interface, e.g. {suggested}, and inject the interface, or turn interceptors on",
            diagnostic.GetMessage(CultureInfo.InvariantCulture));
        Assert.Equal(DiagnosticSeverity.Warning, diagnostic.Severity);
        Assert.EndsWith("docs/diagnostics/CG0020.md", diagnostic.Descriptor.HelpLinkUri, StringComparison.Ordinal);

        // After AddCachingGen it is the same mistake, reported once: moving it would not help.
        var after = await GeneratorHarness.AnalyzeAsync(Body($"services.AddCachingGen();\n{registration};"), interceptors: false);
        Assert.Equal(["CG0020"], after.Select(d => d.Id));
    }

    [Fact]
    public async Task The_health_check_s_AddCachingGen_is_not_the_DI_call_so_a_registration_after_it_is_fine()
    {
        // IHealthChecksBuilder.AddCachingGen() (CachingGen.AspNetCore) registers a health check, not the decorators.
        var source = Body("""
            services.AddHealthChecks().AddCachingGen();
            services.AddScoped<IWalletRepository, WalletRepository>();
            services.AddCachingGen();
            """) + """

            public interface IHealthChecksBuilder { }
            public static class HealthChecks
            {
                public static IHealthChecksBuilder AddHealthChecks(this IServiceCollection services) => null!;
                public static IHealthChecksBuilder AddCachingGen(this IHealthChecksBuilder builder) => builder;
            }
            """;
        var diagnostics = await GeneratorHarness.AnalyzeAsync(source);
        Assert.DoesNotContain(diagnostics, d => d.Id is "CG0019" or "CG0022");
    }

    private static string Body(string statements) => Prelude.Declare($$"""
        public static class Startup
        {
            public static void Configure(IServiceCollection services, IServiceCollection other)
            {
                {{statements}}
            }
        }
        """);
}
