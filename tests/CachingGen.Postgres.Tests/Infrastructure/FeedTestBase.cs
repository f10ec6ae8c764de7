namespace CachingGen.Postgres.Tests.Infrastructure;

/// <summary>
/// What every change-feed test class starts from: the one logical-replication cluster of their collection (one server,
/// so the classes do not restart it under each other), a database of the test's own and a slot name no other test uses.
/// </summary>
[Collection(LogicalClusterTests.Name)]
public abstract class FeedTestBase(LogicalCluster cluster)
{
    protected LogicalCluster Cluster => cluster;

    /// <summary>A slot (and publication) name of its own, so tests on one server never share a stream.</summary>
    protected static string NewSlot() => "s" + Guid.NewGuid().ToString("N")[..12];

    /// <summary>A new database with the tables and rows of <see cref="Schema"/>.</summary>
    protected Task<string> CreateDatabaseAsync() => Schema.CreateAsync(cluster);

    /// <summary>A new database and a new slot name: what a test that starts its instances itself needs.</summary>
    protected async Task<(string Db, string Slot)> CreateDatabaseAndSlotAsync() => (await CreateDatabaseAsync(), NewSlot());

    /// <summary>One application on a new database and slot, its feed live: the start of most tests.</summary>
    private protected async Task<FeedApp> StartOnNewDatabaseAsync() => await FeedApp.StartAsync(await CreateDatabaseAsync(), NewSlot());
}
