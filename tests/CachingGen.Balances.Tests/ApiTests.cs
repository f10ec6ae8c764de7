using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace CachingGen.Balances.Tests;

/// <summary>The HTTP API on real PostgreSQL, over loopback: bad input is a 4xx problem, never a 500; metrics show hits.</summary>
public sealed class ApiTests : IAsyncLifetime
{
    private readonly BalancesApi _api = new();

    private HttpClient Http => _api.Http;

    public Task InitializeAsync() => _api.InitializeAsync();

    public Task DisposeAsync() => _api.DisposeAsync();

    [Theory]
    [InlineData("GET", "/balances/999999", null, HttpStatusCode.NotFound)]
    [InlineData("GET", "/balances/abc", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/balances/-4", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/users/x1/balances", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/users/1/balances/page?limit=1000", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/users/1/balances/page?limit=0", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/users/1/balances/page?offset=-1", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/users/1/balances/page?limit=ten", null, HttpStatusCode.BadRequest)]
    [InlineData("GET", "/users/1/tokens/99/balance", null, HttpStatusCode.NotFound)]
    [InlineData("POST", "/balances/1/credit", "{\"amount\": -5}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/balances/1/credit", "{\"amount\": 0}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/balances/1/credit", "{\"amount\": \"lots\"}", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/balances/1/credit", "not json", HttpStatusCode.BadRequest)]
    [InlineData("POST", "/balances/999999/credit", "{\"amount\": 1}", HttpStatusCode.NotFound)]
    [InlineData("POST", "/balances/1/debit", "{\"amount\": 1000000}", HttpStatusCode.Conflict)]
    [InlineData("POST", "/balances", "{\"userId\": 1, \"tokenId\": 1, \"address\": \"\", \"amount\": 1, \"usdValue\": 1}", HttpStatusCode.BadRequest)]
    [InlineData("DELETE", "/balances/abc", null, HttpStatusCode.BadRequest)]
    public async Task Bad_input_gets_a_problem_response_with_the_right_status(string method, string path, string? body, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        using var response = await Http.SendAsync(request);

        Assert.Equal(expected, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_credit_through_the_api_is_visible_in_the_next_reads()
    {
        var before = await Http.GetFromJsonAsync<JsonElement>("/users/2/total");
        var list = await Http.GetFromJsonAsync<JsonElement>("/users/2/balances");
        var id = list[0].GetProperty("id").GetInt64();
        var amount = list[0].GetProperty("amount").GetDecimal();

        using var credit = await Http.PostAsJsonAsync($"/balances/{id}/credit", new { amount = 2m });
        var after = await Http.GetFromJsonAsync<JsonElement>("/users/2/total");
        var listAfter = await Http.GetFromJsonAsync<JsonElement>("/users/2/balances");

        Assert.Equal(HttpStatusCode.OK, credit.StatusCode);
        Assert.Equal(amount + 2m, listAfter[0].GetProperty("amount").GetDecimal());
        Assert.True(after.GetProperty("totalUsd").GetDecimal() > before.GetProperty("totalUsd").GetDecimal());
    }

    [Fact]
    public async Task Health_reports_database_and_cache()
    {
        var health = await Http.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
        Assert.Equal("ok", health.GetProperty("database").GetString());
        Assert.True(health.GetProperty("cache").GetProperty("enabled").GetBoolean());
    }

    [Fact]
    public async Task Metrics_show_cache_hits_after_warm_reads_in_prometheus_text()
    {
        for (var i = 0; i < 5; i++)
        {
            using var response = await Http.GetAsync("/balances/3");
            response.EnsureSuccessStatusCode();
        }

        var metrics = await Http.GetStringAsync("/metrics");

        var hitLine = Array.Find(metrics.Split('\n'), l => l.StartsWith("cachinggen_cache_requests", StringComparison.Ordinal) && l.Contains("FindByIdAsync", StringComparison.Ordinal) && l.Contains("result=\"hit\"", StringComparison.Ordinal));
        Assert.NotNull(hitLine);
        var value = double.Parse(hitLine![(hitLine.LastIndexOf(' ') + 1)..], System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(value >= 4, hitLine);
        Assert.Contains("http_server_request_duration_seconds", metrics, StringComparison.Ordinal);
    }
}
