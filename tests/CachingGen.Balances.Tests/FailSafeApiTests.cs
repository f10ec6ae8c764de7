using Balances;
using CachingGen.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Npgsql;

namespace CachingGen.Balances.Tests;

/// <summary>
/// The sample's fail-safe: with the database unreachable, the cached endpoints keep answering the keys read before, past
/// their TTL; keys never read fail as before; once the database is back, fresh values return and writes invalidate.
/// </summary>
public sealed class FailSafeApiTests : IAsyncLifetime
{
    private readonly BalancesDatabase _database = new();
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 26, 0, 0, 0, TimeSpan.Zero));
    private SwitchableLink _link = null!;
    private RunningApi _api = null!;

    public async Task InitializeAsync()
    {
        await _database.InitializeAsync();
        var direct = new NpgsqlConnectionStringBuilder(_database.ConnectionString);
        _link = new SwitchableLink(direct.Host!, direct.Port);
        var throughLink = new NpgsqlConnectionStringBuilder(_database.ConnectionString) { Port = _link.Port, Timeout = 3 }.ConnectionString;
        _api = await RunningApi.StartAsync(new BalancesSettings(throughLink, CacheClock: _clock));
    }

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
        await _link.DisposeAsync();
        await _database.DisposeAsync();
    }

    [Fact]
    public async Task With_the_database_down_read_keys_answer_from_their_fail_safe_copy_and_unread_keys_fail()
    {
        var balances = await _api.Http.GetStringAsync("/users/1/balances");
        var total = await _api.Http.GetStringAsync("/users/1/total");

        _clock.Advance(TimeSpan.FromMinutes(10));                    // past every TTL (1 to 5 minutes)
        _link.Cut();

        Assert.Equal(balances, await _api.Http.GetStringAsync("/users/1/balances"));
        Assert.Equal(total, await _api.Http.GetStringAsync("/users/1/total"));
        using (var unread = await _api.Http.GetAsync("/users/2/balances"))
        {
            Assert.False(unread.IsSuccessStatusCode, $"a key never read has no copy, yet answered {unread.StatusCode}");
        }

        var stats = Stats("Balances.Data.BalanceRepository.FindByUserIdAsync");
        Assert.Equal(1, stats.Stale);

        // Back: after the back-off, the next read calls the database again and stores a fresh value.
        _link.Restore();
        _clock.Advance(TimeSpan.FromSeconds(31));
        Assert.Equal(balances, await _api.Http.GetStringAsync("/users/1/balances"));
        Assert.Equal(1, Stats("Balances.Data.BalanceRepository.FindByUserIdAsync").Stale);
    }

    [Fact]
    public async Task A_write_before_the_outage_removes_the_copy_so_the_outage_never_serves_the_old_value()
    {
        var before = await _api.Http.GetStringAsync("/users/3/total");
        long id;
        await using (var connection = await _database.DataSource.OpenConnectionAsync())
        {
            id = await Dapper.SqlMapper.ExecuteScalarAsync<long>(connection, "SELECT id FROM balances WHERE user_id = 3 ORDER BY id LIMIT 1");
        }

        using (var credit = await _api.Http.PostAsync($"/balances/{id}/credit", new StringContent("{\"amount\": 5}", System.Text.Encoding.UTF8, "application/json")))
        {
            Assert.Equal(HttpStatusCode.OK, credit.StatusCode);
        }

        _clock.Advance(TimeSpan.FromMinutes(10));
        _link.Cut();
        using var after = await _api.Http.GetAsync("/users/3/total");
        Assert.False(after.IsSuccessStatusCode, "the credit invalidated the total: answering the copy from before it would be a stale read");
        Assert.NotEqual(string.Empty, before);
    }

    private CacheMethodStatistics Stats(string method)
        => _api.App.Services.GetRequiredService<CachingGenCache>().Statistics.GetSnapshot().Single(s => s.Method == method);
}
