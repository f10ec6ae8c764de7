using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace CachingGen.AspNetCore.Tests;

/// <summary>The operations endpoints are closed by default: a named policy or no mapping at all.</summary>
public sealed class EndpointSecurityTests(OperationsHost host) : IClassFixture<OperationsHost>
{
    public static TheoryData<string, string> Endpoints => new()
    {
        { "GET", "/ops/cache" },
        { "GET", "/ops/cache/map.json" },
        { "GET", "/ops/cache/stats.json" },
        { "POST", "/ops/cache/invalidate" },
        { "POST", "/ops/cache/clear" },
    };

    [Theory]
    [MemberData(nameof(Endpoints))]
    public async Task Anonymous_callers_get_401_and_callers_outside_the_policy_get_403(string verb, string path)
    {
        var loadsBefore = host.Counter.Loads;
        await host.Cached.GetAsync(1);
        using var anonymous = host.Client(user: null);
        using var outsider = host.Client("mallory/support");
        using (var response = await anonymous.SendAsync(Request(verb, path)))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }

        using (var response = await outsider.SendAsync(Request(verb, path)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        }

        // Nothing was cleared or invalidated by the refused calls: the key is still a hit.
        var loads = host.Counter.Loads;
        await host.Cached.GetAsync(1);
        Assert.Equal(loads, host.Counter.Loads);
        Assert.True(loads - loadsBefore <= 1);
    }

    [Fact]
    public async Task An_operator_gets_in()
    {
        using var client = host.Client();
        using var response = await client.GetAsync("/ops/cache/stats.json");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public void Mapping_without_a_policy_or_with_an_unknown_one_is_refused()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Services.AddAuthorization(o => o.AddPolicy("Ops", p => p.RequireAuthenticatedUser()));
        builder.Services.AddCachingGen();
        using var app = builder.Build();

        var empty = Assert.Throws<ArgumentException>(() => app.MapCachingGen("/ops/cache", authorizationPolicy: " "));
        Assert.Contains("name the authorization policy", empty.Message, StringComparison.Ordinal);
        var unknown = Assert.Throws<InvalidOperationException>(() => app.MapCachingGen("/ops/cache", "CacheOperators"));
        Assert.Contains("no authorization policy named 'CacheOperators'", unknown.Message, StringComparison.Ordinal);
    }

    private static HttpRequestMessage Request(string verb, string path)
        => new(new HttpMethod(verb), path) { Content = verb == "POST" ? new StringContent("{\"method\":\"CachingGen.AspNetCore.Tests.Catalog.GetAsync\",\"values\":{\"id\":\"1\"}}", System.Text.Encoding.UTF8, "application/json") : null };
}
