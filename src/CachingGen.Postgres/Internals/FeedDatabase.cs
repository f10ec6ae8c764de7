using Npgsql;
using NpgsqlTypes;

namespace CachingGen.Postgres.Internals;

/// <summary>The feed's plain SQL (not the replication protocol): settings, the publication, the slot's state, markers.</summary>
internal sealed class FeedDatabase(string connectionString, PostgresChangeFeedOptions options)
{
    /// <summary>The prefix of the logical messages the feed writes (markers: start-up barriers and heartbeats).</summary>
    public const string MessagePrefix = "cachinggen";

    public string ConnectionString { get; } = connectionString;

    /// <summary>Whether <see cref="EnsurePublicationAsync"/> created the publication: a first start, so a new slot is no news.</summary>
    public bool Created { get; private set; }

    /// <summary>The slot as <c>pg_replication_slots</c> shows it, or null when there is none.</summary>
    public sealed record SlotState(NpgsqlLogSequenceNumber? ConfirmedFlush, bool Active, string? WalStatus, long LagBytes);

    /// <summary>A plain connection: from the application's data source when it gave one (its password included), else from the connection string.</summary>
    public async Task<NpgsqlConnection> OpenAsync(CancellationToken cancellationToken)
    {
        if (options.DataSource is { } dataSource)
        {
            return await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        }

        var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        return connection;
    }

    /// <summary>
    /// Why a replication connection was refused, in words that say what to change: a data source's connection string
    /// has no password (Npgsql leaves it out), and the role needs REPLICATION.
    /// </summary>
    public string? Explain(Exception exception)
        => exception is PostgresException { SqlState: PostgresErrorCodes.InvalidPassword or PostgresErrorCodes.InvalidAuthorizationSpecification } && options.DataSource is not null
                ? "the replication connection was refused: an NpgsqlDataSource's connection string carries no password (Npgsql leaves it out unless 'Persist Security Info=true'); add that to its connection string, or use the string overload of UsePostgresChangeFeed"
            : exception is PostgresException { SqlState: PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.InvalidAuthorizationSpecification } postgres
                ? $"the replication connection was refused ({postgres.MessageText}): the role needs the REPLICATION attribute (ALTER ROLE … WITH REPLICATION) and a replication entry in pg_hba.conf"
            : null;

    /// <summary>Refuses a server that cannot decode logically, with the setting to change.</summary>
    public async Task CheckSettingsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SHOW wal_level", connection);
        var level = (string?)await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        if (level != "logical")
        {
            throw new InvalidOperationException($"CachingGen.Postgres: the server's wal_level is '{level}'; the change feed needs 'logical'. Run ALTER SYSTEM SET wal_level = logical; and restart PostgreSQL.");
        }
    }

    /// <summary>Schema-qualified, quoted names of the tables (in any schema) that the manifest's names stand for; the missing ones in <paramref name="missing"/>.</summary>
    public async Task<List<string>> ResolveTablesAsync(IReadOnlyCollection<string> names, List<string> missing, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT n.nspname, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
              AND (c.relname = ANY(@names) OR lower(c.relname) = ANY(@names))
            ORDER BY 1, 2
            """,
            connection);
        command.Parameters.AddWithValue("names", names.ToArray());
        var found = new List<(string Schema, string Name)>();
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                found.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        missing.AddRange(names.Where(n => !found.Any(f => string.Equals(f.Name, n, StringComparison.OrdinalIgnoreCase))).OrderBy(n => n, StringComparer.Ordinal));
        return found.Select(f => Quote(f.Schema) + "." + Quote(f.Name)).ToList();
    }

    /// <summary>
    /// <c>table.column</c> (lower-case) of each followed column whose equality is not the text's: <c>citext</c>, or a
    /// nondeterministic collation. <c>WHERE email = @email</c> then matches rows whose text differs from the key's, so the
    /// row's value cannot name the key; such a binding is treated as unknown (the read is invalidated by prefix).
    /// </summary>
    public async Task<HashSet<string>> InexactColumnsAsync(IReadOnlyCollection<string> tables, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT lower(c.relname) || '.' || lower(a.attname) FROM pg_attribute a
            JOIN pg_class c ON c.oid = a.attrelid
            JOIN pg_type t ON t.oid = a.atttypid
            LEFT JOIN pg_collation co ON co.oid = a.attcollation
            WHERE a.attnum > 0 AND NOT a.attisdropped AND lower(c.relname) = ANY(@tables)
              AND (t.typname = 'citext' OR co.collisdeterministic = false)
            """,
            connection);
        command.Parameters.AddWithValue("tables", tables.Select(t => t.ToLowerInvariant()).ToArray());
        var columns = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            columns.Add(reader.GetString(0));
        }

        return columns;
    }

    /// <summary>
    /// Creates the publication, or sets it to exactly <paramref name="tables"/>; without the right to, or with
    /// <see cref="PostgresChangeFeedOptions.ManagePublication"/> off and tables missing, throws with the SQL to run.
    /// </summary>
    public async Task EnsurePublicationAsync(IReadOnlyList<string> tables, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        var name = options.PublicationName;
        var current = new List<string>();
        bool exists;
        await using (var command = new NpgsqlCommand("SELECT quote_ident(schemaname) || '.' || quote_ident(tablename) FROM pg_publication_tables WHERE pubname = @name", connection))
        {
            command.Parameters.AddWithValue("name", name);
            await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                current.Add(reader.GetString(0));
            }
        }

        // A partitioned table's changes must arrive under its own name, not its partitions' (which no read names):
        // publish_via_partition_root. Ours is always created with it.
        bool viaRoot;
        await using (var command = new NpgsqlCommand("SELECT pubviaroot FROM pg_publication WHERE pubname = @name", connection))
        {
            command.Parameters.AddWithValue("name", name);
            var found = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
            exists = found is bool;
            viaRoot = found is true;
        }

        bool partitioned;
        await using (var command = new NpgsqlCommand("SELECT count(*) FROM unnest(@tables) t WHERE (SELECT relkind FROM pg_class WHERE oid = to_regclass(t)) = 'p'", connection))
        {
            command.Parameters.AddWithValue("tables", tables.ToArray());
            partitioned = (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0;
        }

        var wanted = tables.Select(Unquoted).OrderBy(t => t, StringComparer.Ordinal).ToList();
        var listed = current.Select(Unquoted).ToHashSet(StringComparer.Ordinal);
        var rootOk = viaRoot || !partitioned;
        if (exists && rootOk && (options.ManagePublication ? listed.SetEquals(wanted) : wanted.All(listed.Contains)))
        {
            // Ours: exactly the tables cached reads use. The application's own: at least those (it may serve others too).
            return;
        }

        if (!options.ManagePublication && exists && !rootOk)
        {
            throw new InvalidOperationException($"CachingGen.Postgres: the publication '{name}' publishes a partitioned table through its partitions, whose names no cached read uses, and ManagePublication is off. Run: ALTER PUBLICATION {Quote(name)} SET (publish_via_partition_root = true);");
        }

        if (!options.ManagePublication)
        {
            // Never SET TABLE on a publication the application manages: that would drop tables someone else publishes.
            var missingTables = tables.Where(t => !listed.Contains(Unquoted(t))).ToList();
            var add = exists
                ? $"ALTER PUBLICATION {Quote(name)} ADD TABLE {string.Join(", ", missingTables)}"
                : tables.Count == 0 ? $"CREATE PUBLICATION {Quote(name)}" : $"CREATE PUBLICATION {Quote(name)} FOR TABLE {string.Join(", ", tables)} WITH (publish_via_partition_root = true)";
            throw new InvalidOperationException($"CachingGen.Postgres: the publication '{name}' {(exists ? "does not list every table cached reads use" : "does not exist")}, and ManagePublication is off. Run: {add};");
        }

        var list = tables.Count == 0 ? null : string.Join(", ", tables);
        const string Root = " WITH (publish_via_partition_root = true)";
        var sql = !exists
            ? list is null ? $"CREATE PUBLICATION {Quote(name)}{Root}" : $"CREATE PUBLICATION {Quote(name)} FOR TABLE {list}{Root}"
            : list is null
                // No table to follow: an empty publication (SET TABLE needs at least one, so drop it and create it empty).
                ? $"DROP PUBLICATION {Quote(name)}; CREATE PUBLICATION {Quote(name)}{Root}"
                : $"ALTER PUBLICATION {Quote(name)} SET (publish_via_partition_root = true); ALTER PUBLICATION {Quote(name)} SET TABLE {list}";
        Created = !exists;

        try
        {
            await using var command = new NpgsqlCommand(sql, connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.InsufficientPrivilege or PostgresErrorCodes.DuplicateObject)
        {
            if (ex.SqlState == PostgresErrorCodes.DuplicateObject)
            {
                // Another instance created it at the same moment: read it again.
                await EnsurePublicationAsync(tables, cancellationToken).ConfigureAwait(false);
                return;
            }

            throw new InvalidOperationException($"CachingGen.Postgres: the role may not create or alter the publication '{name}' ({ex.MessageText}). Run as a role that owns the tables: {sql};", ex);
        }
    }

    public async Task<SlotState?> SlotAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            "SELECT confirmed_flush_lsn, active, wal_status, coalesce(pg_current_wal_lsn() - confirmed_flush_lsn, -1)::bigint FROM pg_replication_slots WHERE slot_name = @slot",
            connection);
        command.Parameters.AddWithValue("slot", options.SlotName);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        return new SlotState(
            reader.IsDBNull(0) ? null : reader.GetFieldValue<NpgsqlLogSequenceNumber>(0),
            reader.GetBoolean(1),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.GetInt64(3));
    }

    /// <summary>Drops the slot, ending the session that holds it first (the consumer's own, when it decided to).</summary>
    public async Task DropSlotAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand(
            """
            SELECT pg_terminate_backend(active_pid) FROM pg_replication_slots WHERE slot_name = @slot AND active_pid IS NOT NULL;
            SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = @slot;
            """,
            connection);
        command.Parameters.AddWithValue("slot", options.SlotName);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a marker into the WAL (a transactional logical message) and returns its position.</summary>
    public async Task<NpgsqlLogSequenceNumber> EmitMarkerAsync(string payload, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken).ConfigureAwait(false);
        // Flushed at commit whatever the server's synchronous_commit: the stream carries only flushed WAL, and a barrier
        // should not wait for the WAL writer's next round.
        await using var command = new NpgsqlCommand("SET synchronous_commit = on; SELECT pg_logical_emit_message(true, @prefix, @payload)", connection);
        command.Parameters.AddWithValue("prefix", MessagePrefix);
        command.Parameters.AddWithValue("payload", payload);
        return (NpgsqlLogSequenceNumber)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    private static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Unquoted(string qualified) => qualified.Replace("\"", "", StringComparison.Ordinal);
}
