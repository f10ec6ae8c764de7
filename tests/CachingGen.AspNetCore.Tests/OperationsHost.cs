using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CachingGen.AspNetCore.Tests;

/// <summary>
/// An app on loopback with the operations endpoints behind the policy "CacheOperators" (role "ops"). Authentication
/// reads the header <c>X-Test-User: name/role</c>; without it a request is anonymous.
/// </summary>
public sealed class OperationsHost : IAsyncLifetime
{
    public const string UserHeader = "X-Test-User";

    public WebApplication App { get; private set; } = null!;

    public Uri Address { get; private set; } = null!;

    public LoadCounter Counter => App.Services.GetRequiredService<LoadCounter>();

    public ICatalog Cached => App.Services.GetRequiredService<ICatalog>();

    public CachingGenCache Cache => App.Services.GetRequiredService<CachingGenCache>();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddAuthentication(HeaderAuthentication.Name).AddScheme<AuthenticationSchemeOptions, HeaderAuthentication>(HeaderAuthentication.Name, null);
        builder.Services.AddAuthorization(o => o.AddPolicy("CacheOperators", p => p.RequireRole("ops")));
        builder.Services.AddSingleton<LoadCounter>();
        builder.Services.AddSingleton<ICatalog, Catalog>();
        builder.Services.AddCachingGen();
        builder.Services.AddHealthChecks().AddCachingGen();
        App = builder.Build();
        App.UseAuthentication();
        App.UseAuthorization();
        App.MapCachingGen("/ops/cache", "CacheOperators");
        App.MapHealthChecks("/health");
        await App.StartAsync();
        Address = new Uri(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses is var addresses ? System.Linq.Enumerable.First(addresses) : throw new InvalidOperationException());
    }

    public async Task DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    /// <summary>A client as <paramref name="user"/> ("name/role"), or anonymous.</summary>
    public HttpClient Client(string? user = "alice/ops")
    {
        var client = new HttpClient { BaseAddress = Address };
        if (user is not null)
        {
            client.DefaultRequestHeaders.Add(UserHeader, user);
        }

        return client;
    }

    /// <summary>A state-changing request as a program sends it: a JSON body and the action header.</summary>
    public static HttpRequestMessage Post(string action, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/ops/cache/" + action) { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Add("X-CachingGen-Action", action);
        return request;
    }

    private sealed class HeaderAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder)
        : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
    {
        public const string Name = "TestHeader";

        protected override Task<AuthenticateResult> HandleAuthenticateAsync()
        {
            if (!Request.Headers.TryGetValue(UserHeader, out var value) || value.ToString().Split('/') is not [var name, var role])
            {
                return Task.FromResult(AuthenticateResult.NoResult());
            }

            var identity = new ClaimsIdentity([new Claim(ClaimTypes.Name, name), new Claim(ClaimTypes.Role, role)], Name);
            return Task.FromResult(AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(identity), Name)));
        }
    }
}
