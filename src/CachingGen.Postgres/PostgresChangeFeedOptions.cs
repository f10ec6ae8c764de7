using Npgsql;

namespace CachingGen.Postgres;

/// <summary>
/// Options of <c>o.UsePostgresChangeFeed(…)</c>: the names of the publication and the slot, how long start-up may take to
/// catch up, when the feed reports itself degraded, and the WAL it may keep the server holding.
/// </summary>
public sealed class PostgresChangeFeedOptions
{
    /// <summary>The connection string (set by the string overload); the feed opens a replication connection with it.</summary>
    public string? ConnectionString { get; set; }

    /// <summary>The data source (set by the <see cref="NpgsqlDataSource"/> overload); its connection string is used.</summary>
    public NpgsqlDataSource? DataSource { get; set; }

    /// <summary>
    /// The logical replication slot (default <c>cachinggen</c>). Instances that share a backplane share one slot: one of
    /// them consumes it and the others stand by. Instances without a backplane each need a slot of their own.
    /// </summary>
    public string SlotName { get; set; } = "cachinggen";

    /// <summary>The publication listing the tables cached reads use (default <c>cachinggen</c>).</summary>
    public string PublicationName { get; set; } = "cachinggen";

    /// <summary>
    /// Whether the feed creates the publication, or alters it to exactly the tables cached reads use (default true). When
    /// its role may not, start-up fails with the SQL to run; false: the feed uses the publication as it is and says which
    /// tables it misses.
    /// </summary>
    public bool ManagePublication { get; set; } = true;

    /// <summary>
    /// How long <c>IHost.StartAsync</c> waits for the feed to apply every change committed before it started (default 30 s);
    /// past it, start-up fails: an application whose reads may be stale by more than the feed's lag does not start quietly.
    /// </summary>
    public TimeSpan StartTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How often the consumer writes a small logical message (default 5 s): it moves the slot's confirmed position while
    /// the tables are idle, so the server frees WAL, and it measures the lag.
    /// </summary>
    public TimeSpan HeartbeatInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How often a standing-by instance tries to take the slot over (default 2 s).</summary>
    public TimeSpan TakeoverInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait between reconnection attempts (default 30 s; the first is after 0.5 s, then doubling).</summary>
    public TimeSpan MaxReconnectDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Past this lag (commit to applied) the feed reports itself degraded (default 5 s).</summary>
    public TimeSpan DegradedLag { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// The most WAL the slot may hold the server to (default 1 GiB). Past it, the consumer drops the slot, creates it
    /// again and empties the cache, loudly, rather than filling the database's disk.
    /// </summary>
    public long MaxRetainedWalBytes { get; set; } = 1L << 30;

    /// <summary>The connection string the feed uses: <see cref="ConnectionString"/>, else <see cref="DataSource"/>'s.</summary>
    internal string ResolveConnectionString()
        => ConnectionString ?? DataSource?.ConnectionString
            ?? throw new InvalidOperationException("CachingGen.Postgres: UsePostgresChangeFeed needs a connection string or an NpgsqlDataSource.");

    /// <summary>Refuses options that cannot work, at start-up, with what to write instead.</summary>
    internal void Validate()
    {
        if (string.IsNullOrWhiteSpace(SlotName) || string.IsNullOrWhiteSpace(PublicationName))
        {
            throw new InvalidOperationException("CachingGen.Postgres: SlotName and PublicationName must not be empty.");
        }

        foreach (var (name, value) in new[] { (nameof(StartTimeout), StartTimeout), (nameof(HeartbeatInterval), HeartbeatInterval), (nameof(TakeoverInterval), TakeoverInterval), (nameof(MaxReconnectDelay), MaxReconnectDelay), (nameof(DegradedLag), DegradedLag) })
        {
            if (value <= TimeSpan.Zero)
            {
                throw new InvalidOperationException($"CachingGen.Postgres: {name} must be positive (it is {value}).");
            }
        }

        if (MaxRetainedWalBytes <= 0)
        {
            throw new InvalidOperationException($"CachingGen.Postgres: MaxRetainedWalBytes must be positive (it is {MaxRetainedWalBytes}).");
        }
    }
}
