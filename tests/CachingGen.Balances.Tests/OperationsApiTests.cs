using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Balances;

namespace CachingGen.Balances.Tests;

/// <summary>The sample's operations endpoints: behind the operator's password, showing the repository's whole cache map.</summary>
public sealed class OperationsApiTests(BalancesApi api) : IClassFixture<BalancesApi>
{
    [Fact]
    public async Task The_cache_map_needs_the_operator_and_shows_every_read_and_the_writes_that_invalidate_it()
    {
        using (var anonymous = await api.Http.GetAsync("/cachinggen/map.json"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.StartsWith("Basic", anonymous.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
        }

        using (var wrong = await Send("/cachinggen/map.json", "not-the-password"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }

        await api.Http.GetStringAsync("/users/1/balances");
        using var response = await Send("/cachinggen/map.json", BalancesSettings.DevelopmentOperatorPassword);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var map = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray().ToDictionary(m => m.GetProperty("method").GetString()!);
        var reads = map.Values.Where(m => m.GetProperty("kind").GetString() == "cached").ToList();
        Assert.Equal(5, reads.Count);
        var byUser = map["Balances.Data.BalanceRepository.FindByUserIdAsync"];
        Assert.Equal("balance:user:<userId>", byUser.GetProperty("keyTemplates")[0].GetString());
        Assert.Contains("refresh ahead at 0.8", byUser.GetProperty("policy").GetString(), StringComparison.Ordinal);
        Assert.Contains("Balances.Data.BalanceRepository.CreditAsync", byUser.GetProperty("related").EnumerateArray().Select(r => r.GetString()));
        Assert.True(byUser.GetProperty("statistics").GetProperty("misses").GetInt64() >= 1);
        Assert.All(reads, r => Assert.NotEmpty(r.GetProperty("related").EnumerateArray()));

        using var page = await Send("/cachinggen", BalancesSettings.DevelopmentOperatorPassword);
        Assert.Contains("CachingGen cache map", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    private Task<HttpResponseMessage> Send(string path, string password)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes("ops:" + password)));
        return api.Http.SendAsync(request);
    }
}
