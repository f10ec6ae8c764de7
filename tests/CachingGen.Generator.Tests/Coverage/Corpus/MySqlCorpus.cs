namespace CachingGen.Generator.Tests.Coverage.Corpus;

/// <summary>
/// MySQL repositories in the styles of public code (backticks, <c>ON DUPLICATE KEY UPDATE</c>, <c>REPLACE INTO</c>,
/// <c>INSERT IGNORE</c>, <c>LAST_INSERT_ID()</c>, <c>string.Format</c> of constants, a base class's connection).
/// </summary>
internal static class MySqlCorpus
{
    private const string Usings = CorpusSources.Usings + "using MySqlConnector;\n";

    public static readonly (string Name, string Source)[] Repositories =
    [
        ("mysql shop: backticks, ON DUPLICATE KEY UPDATE", Usings + """"
            namespace Shop;
            public sealed class CartRepository(MySqlConnection db)
            {
                [Cached("5m", "cart:<userId>")]
                public Task<int> ItemCountAsync(long userId) => db.ExecuteScalarAsync<int>("SELECT COALESCE(SUM(`quantity`), 0) FROM `cart_items` WHERE `user_id` = @userId", new { userId });

                // bug: AddAsync→ItemCountAsync
                public Task AddAsync(long userId, long productId, int quantity) => db.ExecuteAsync(@"
                    INSERT INTO `cart_items` (`user_id`, `product_id`, `quantity`) VALUES (@userId, @productId, @quantity)
                    ON DUPLICATE KEY UPDATE `quantity` = `quantity` + VALUES(`quantity`)", new { userId, productId, quantity });

                [Invalidates("cart:<userId>")]
                public Task ClearAsync(long userId) => db.ExecuteAsync("DELETE FROM `cart_items` WHERE `user_id` = @userId", new { userId });
            }
            """"),
        ("mysql devices: REPLACE INTO, a column-only update", Usings + """"
            namespace Devices;
            public sealed record Device(string Uuid, string Name, string? AccountUsername);
            public sealed class DeviceRepository(MySqlConnection db)
            {
                [Cached("1m", "device:<uuid>")]
                public Task<Device?> GetAsync(string uuid) => db.QuerySingleOrDefaultAsync<Device?>("SELECT uuid, name, account_username AS AccountUsername FROM device WHERE uuid = @uuid", new { uuid });

                // bug: SaveAsync→GetAsync
                public Task SaveAsync(Device device) => db.ExecuteAsync("REPLACE INTO device (uuid, name, account_username) VALUES (@Uuid, @Name, @AccountUsername)", device);

                // Not a bug: the read returns neither of these.
                public Task TouchAsync(string uuid) => db.ExecuteAsync("UPDATE device SET last_seen = UNIX_TIMESTAMP(), last_host = @host WHERE uuid = @uuid", new { uuid, host = "" });
            }
            """"),
        ("mysql newsletter: INSERT IGNORE, LAST_INSERT_ID, string.Format of constants", Usings + """"
            namespace Newsletter;
            public sealed class SubscriberRepository(MySqlConnection db)
            {
                private const string Table = "subscribers";

                [Cached("10m", "list:<listId>:subscribers")]
                public Task<int> CountAsync(int listId) => db.ExecuteScalarAsync<int>(string.Format("SELECT COUNT(*) FROM {0} WHERE list_id = @listId AND confirmed = 1", Table), new { listId });

                [Cached("10m", "subscriber:<id>")]
                public Task<string?> EmailAsync(long id) => db.QuerySingleOrDefaultAsync<string?>(string.Format("SELECT email FROM {0} WHERE id = @id", Table), new { id });

                // A new subscriber is unconfirmed, and its id comes from the database.
                public Task<long> SubscribeAsync(int listId, string email) => db.ExecuteScalarAsync<long>(
                    string.Format("INSERT IGNORE INTO {0} (list_id, email, confirmed) VALUES (@listId, @email, 0); SELECT LAST_INSERT_ID();", Table), new { listId, email });

                // bug: ConfirmAsync→CountAsync
                public Task ConfirmAsync(long id) => db.ExecuteAsync(string.Format("UPDATE {0} SET confirmed = 1 WHERE id = @id", Table), new { id });
            }
            """"),
        ("mysql game server: a base connection, += built SQL", Usings + """"
            namespace GameServer;
            public abstract class MySqlRepositoryBase(string connectionString)
            {
                protected MySqlConnection Connection => new MySqlConnection(connectionString);
            }

            public sealed class PlayerRepository(string connectionString) : MySqlRepositoryBase(connectionString)
            {
                [Cached("30s", "player:<id>:level")]
                public Task<int> LevelAsync(long id)
                {
                    var sql = "SELECT level FROM players";
                    sql += " WHERE id = @id";
                    return Connection.ExecuteScalarAsync<int>(sql, new { id });
                }

                // bug: LevelUpAsync→LevelAsync
                public Task LevelUpAsync(long id)
                {
                    var sql = "UPDATE players SET level = level + 1, xp = 0";
                    sql += " WHERE id = @id";
                    return Connection.ExecuteAsync(sql, new { id });
                }

                [Invalidates("player:<id>:level")]
                public Task ResetAsync(long id) => Connection.ExecuteAsync("UPDATE players SET level = 1, xp = 0 WHERE id = @id", new { id });

                // Not a bug: xp is not the level.
                public Task GainAsync(long id, int xp) => Connection.ExecuteAsync("UPDATE players SET xp = xp + @xp WHERE id = @id", new { id, xp });
            }
            """"),
        ("mysql blog: MySqlCommand with CommandText set twice", Usings + """"
            namespace MyBlog;
            public sealed class ArticleRepository(MySqlConnection connection)
            {
                [Cached("5m", "article:<slug>")]
                public async Task<string?> BodyAsync(string slug)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "SELECT body FROM articles WHERE slug = @slug AND published = 1";
                    return (string?)await command.ExecuteScalarAsync();
                }

                // bug: UnpublishAsync→BodyAsync
                public async Task UnpublishAsync(string slug)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "UPDATE articles SET published = 0 WHERE slug = @slug";
                    await command.ExecuteNonQueryAsync();
                    command.CommandText = "INSERT INTO article_log (slug, what) VALUES (@slug, 'unpublished')";
                    await command.ExecuteNonQueryAsync();
                }

                [Invalidates("article:<slug>")]
                public Task EditAsync(string slug, string body) => connection.ExecuteAsync("UPDATE articles SET body = @body WHERE slug = @slug", new { slug, body });
            }
            """"),
        ("mysql school: course code, interpolated constants", Usings + """"
            namespace School;
            public sealed record Student(int Id, string Name, int ClassId);
            public sealed class StudentRepository(MySqlConnection db)
            {
                private const string Columns = "id, name, class_id AS ClassId";
                private const string From = "FROM students";

                [Cached("5m", "class:<classId>:students")]
                public async Task<IReadOnlyList<Student>> InClassAsync(int classId)
                    => (await db.QueryAsync<Student>($"SELECT {Columns} {From} WHERE class_id = @classId", new { classId })).ToList();

                // bug: EnrolAsync→InClassAsync
                public Task EnrolAsync(int classId, string name) => db.ExecuteAsync($"INSERT INTO students (name, class_id) VALUES (@name, @classId)", new { classId, name });

                [Invalidates("class:<classId>:students")]
                public Task RemoveAsync(int classId, int id) => db.ExecuteAsync($"DELETE {From} WHERE id = @id", new { id });
            }
            """"),
        ("mysql crm: switch over the kind of change, runtime-built filter", Usings + """"
            namespace Crm;
            public enum ContactChange { Archive, Restore, Purge }
            public sealed class ContactRepository(MySqlConnection db)
            {
                [Cached("10m", "company:<companyId>:contacts")]
                public Task<int> ActiveCountAsync(int companyId) => db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM contacts WHERE company_id = @companyId AND archived = 0", new { companyId });

                // bug: ChangeAsync→ActiveCountAsync
                public Task ChangeAsync(int id, ContactChange change)
                {
                    var sql = change switch
                    {
                        ContactChange.Archive => "UPDATE contacts SET archived = 1 WHERE id = @id",
                        ContactChange.Restore => "UPDATE contacts SET archived = 0 WHERE id = @id",
                        _ => "DELETE FROM contacts WHERE id = @id",
                    };
                    return db.ExecuteAsync(sql, new { id });
                }

                // bug: BulkArchiveAsync→ActiveCountAsync (its WHERE is built at run time)
                public Task BulkArchiveAsync(string where) => db.ExecuteAsync("UPDATE contacts SET archived = 1 WHERE " + where);
            }
            """"),
        ("mysql hotel: static readonly SQL, a transaction over two tables", Usings + """"
            namespace Hotel;
            public sealed class BookingRepository(MySqlConnection db)
            {
                private static readonly string FreeRooms = "SELECT COUNT(*) FROM rooms r WHERE r.hotel_id = @hotelId AND NOT EXISTS (SELECT 1 FROM bookings b WHERE b.room_id = r.id AND b.night = @night)";

                [Cached("1m", "hotel:<hotelId>:free:<night>")]
                public Task<int> FreeAsync(int hotelId, DateTime night) => db.ExecuteScalarAsync<int>(FreeRooms, new { hotelId, night });

                // bug: BookAsync→FreeAsync
                public async Task BookAsync(int roomId, DateTime night, long guestId)
                {
                    using var tx = db.BeginTransaction();
                    await db.ExecuteAsync("INSERT INTO bookings (room_id, night, guest_id) VALUES (@roomId, @night, @guestId)", new { roomId, night, guestId }, tx);
                    await db.ExecuteAsync("UPDATE guests SET last_booking = @night WHERE id = @guestId", new { night, guestId }, tx);
                    tx.Commit();
                }

                [Invalidates("hotel:<hotelId>:free:*")]
                public Task CloseRoomAsync(int hotelId, int roomId) => db.ExecuteAsync("DELETE FROM rooms WHERE id = @roomId", new { roomId });
            }
            """"),
    ];
}
