using System.Linq;
using System.Net.Http.Json;
using System.Text;

namespace CachingGen.AspNetCore.Tests;

/// <summary>The map, the statistics and the invalidation actions, as an operator uses them.</summary>
public sealed class OperationsEndpointTests(OperationsHost host) : IClassFixture<OperationsHost>
{
    private const string Get = "CachingGen.AspNetCore.Tests.Catalog.GetAsync";
    private const string List = "CachingGen.AspNetCore.Tests.Catalog.ListAsync";
    private const string Save = "CachingGen.AspNetCore.Tests.Catalog.SaveAsync";

    [Fact]
    public async Task The_map_lists_every_method_with_its_template_TTL_result_type_policy_and_the_writes_that_invalidate_it()
    {
        await host.Cached.GetAsync(1);
        await host.Cached.GetAsync(1);
        using var client = host.Client();
        var map = JsonDocument.Parse(await client.GetStringAsync("/ops/cache/map.json")).RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("method").GetString()!);

        var get = map[Get];
        Assert.Equal("cached", get.GetProperty("kind").GetString());
        Assert.Equal("product:<id>", get.GetProperty("keyTemplates")[0].GetString());
        Assert.Equal(300, get.GetProperty("ttlSeconds").GetDouble());
        Assert.Equal("CachingGen.AspNetCore.Tests.Product?", get.GetProperty("resultType").GetString());
        Assert.StartsWith("fail-safe 01:00:00", get.GetProperty("policy").GetString(), StringComparison.Ordinal);
        Assert.Equal([Save], get.GetProperty("related").EnumerateArray().Select(r => r.GetString()));
        Assert.True(get.GetProperty("statistics").GetProperty("hits").GetInt64() >= 1);
        Assert.Equal([Save], map[List].GetProperty("related").EnumerateArray().Select(r => r.GetString()));

        var save = map[Save];
        Assert.Equal("invalidating", save.GetProperty("kind").GetString());
        Assert.Equal(["product:<id>", "products:<category>:*"], save.GetProperty("keyTemplates").EnumerateArray().Select(t => t.GetString()));
        Assert.Equal([Get, List], save.GetProperty("related").EnumerateArray().Select(r => r.GetString()));
    }

    [Fact]
    public async Task Invalidating_a_cached_method_s_key_removes_that_key_only()
    {
        await host.Cached.GetAsync(31);
        await host.Cached.GetAsync(32);
        using var client = host.Client();
        var result = await Invalidate(client, $$$"""{"method": "{{{Get}}}", "values": {"id": "31"}}""");
        Assert.Equal("product:31", result.GetProperty("removed").GetString());

        var loads = host.Counter.Loads;
        await host.Cached.GetAsync(32);
        Assert.Equal(loads, host.Counter.Loads);            // untouched: still a hit
        await host.Cached.GetAsync(31);
        Assert.Equal(loads + 1, host.Counter.Loads);        // removed: loaded again
    }

    [Fact]
    public async Task A_value_cannot_widen_an_invalidation_wildcards_and_separators_are_escaped()
    {
        await host.Cached.GetAsync(4);
        await host.Cached.GetAsync(41);
        await host.Cached.ListAsync("games");
        using var client = host.Client();
        var loads = host.Counter.Loads;

        // An int placeholder takes only an int's text; a string one takes any text, escaped.
        using (var star = await client.SendAsync(OperationsHost.Post("invalidate", $$$"""{"method": "{{{Get}}}", "values": {"id": "4*"}}""")))
        {
            Assert.Equal(HttpStatusCode.BadRequest, star.StatusCode);
        }

        var colon = await Invalidate(client, """{"template": "products:<category>:*", "values": {"category": "g:*"}}""");
        Assert.Equal("products:g\\:\\*:", colon.GetProperty("removed").GetString());

        await host.Cached.GetAsync(4);
        await host.Cached.GetAsync(41);
        await host.Cached.ListAsync("games");
        Assert.Equal(loads, host.Counter.Loads);
    }

    [Fact]
    public async Task A_declared_prefix_template_removes_every_key_under_it()
    {
        await host.Cached.ListAsync("books");
        using var client = host.Client();
        var result = await Invalidate(client, """{"template": "products:<category>:*", "values": {"category": "books"}}""");
        Assert.True(result.GetProperty("isPrefix").GetBoolean());
        var loads = host.Counter.Loads;
        await host.Cached.ListAsync("books");
        Assert.Equal(loads + 1, host.Counter.Loads);
    }

    [Theory]
    [InlineData("""{"method": "Some.Other.Method", "values": {"id": "1"}}""", "is not a [Cached] method")]
    [InlineData("""{"template": "product:*", "values": {}}""", "is not a key template")]
    [InlineData("""{"key": "product:*"}""", "give either \"method\"")]
    [InlineData("""{"method": "CachingGen.AspNetCore.Tests.Catalog.GetAsync", "values": {}}""", "no value for <id>")]
    [InlineData("""{"method": "CachingGen.AspNetCore.Tests.Catalog.GetAsync", "values": {"id": "1", "other": "2"}}""", "'other' is not a placeholder")]
    [InlineData("""not json""", "send JSON")]
    public async Task Bad_invalidation_requests_are_400s_that_say_what_to_send(string body, string detail)
    {
        using var client = host.Client();
        using var response = await client.SendAsync(OperationsHost.Post("invalidate", body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(detail, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Clear_removes_everything_and_the_health_check_reports_an_in_process_cache_healthy()
    {
        await host.Cached.GetAsync(50);
        using var client = host.Client();
        using (var response = await client.SendAsync(OperationsHost.Post("clear", "{}")))
        {
            Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        }

        var loads = host.Counter.Loads;
        await host.Cached.GetAsync(50);
        Assert.Equal(loads + 1, host.Counter.Loads);
        Assert.Equal("Healthy", await client.GetStringAsync("/health"));
    }

    [Fact]
    public async Task The_manifests_the_generator_wrote_are_served_for_the_loaded_assemblies()
    {
        using var client = host.Client();
        var manifests = JsonDocument.Parse(await client.GetStringAsync("/ops/cache/manifest.json")).RootElement.EnumerateArray().ToList();
        var mine = Assert.Single(manifests, m => m.GetProperty("assembly").GetString() == "CachingGen.AspNetCore.Tests");
        Assert.Equal(["product:<id>", "products:<category>:ids"], mine.GetProperty("cached").EnumerateArray().Select(c => c.GetProperty("key").GetString()).Order(StringComparer.Ordinal));
        Assert.Contains(mine.GetProperty("writers").EnumerateArray(), w => w.GetProperty("method").GetString() == Save);
    }

    private static async Task<JsonElement> Invalidate(HttpClient client, string body)
    {
        using var response = await client.SendAsync(OperationsHost.Post("invalidate", body));
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return JsonDocument.Parse(text).RootElement;
    }
}
