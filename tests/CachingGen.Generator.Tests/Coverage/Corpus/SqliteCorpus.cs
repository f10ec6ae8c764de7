namespace CachingGen.Generator.Tests.Coverage.Corpus;

/// <summary>
/// SQLite repositories in the styles of public desktop, mobile and sample code (<c>INSERT OR REPLACE</c>,
/// <c>ON CONFLICT</c>, <c>last_insert_rowid()</c>, <c>SqliteCommand</c> with <c>CommandText</c>, bracketed names).
/// </summary>
internal static class SqliteCorpus
{
    private const string Usings = CorpusSources.Usings + "using Microsoft.Data.Sqlite;\n";

    public static readonly (string Name, string Source)[] Repositories =
    [
        ("sqlite notes app: INSERT OR REPLACE, last_insert_rowid", Usings + """"
            namespace Notes;
            public sealed record Note(long Id, string Title, string Body);
            public sealed class NoteRepository(SqliteConnection db)
            {
                [Cached("1m", "note:<id>")]
                public Task<Note?> GetAsync(long id) => db.QuerySingleOrDefaultAsync<Note?>("SELECT Id, Title, Body FROM Notes WHERE Id = @id", new { id });

                // bug: SaveAsync→GetAsync
                public Task SaveAsync(Note note) => db.ExecuteAsync("INSERT OR REPLACE INTO Notes (Id, Title, Body) VALUES (@Id, @Title, @Body)", note);

                // A new note: its id comes from the database.
                public Task<long> CreateAsync(string title, string body) => db.ExecuteScalarAsync<long>("INSERT INTO Notes (Title, Body) VALUES (@title, @body); SELECT last_insert_rowid();", new { title, body });

                [Invalidates("note:<id>")]
                public Task DeleteAsync(long id) => db.ExecuteAsync("DELETE FROM Notes WHERE Id = @id", new { id });
            }
            """"),
        ("sqlite settings: ON CONFLICT DO UPDATE, bracketed names", Usings + """"
            namespace Prefs;
            public sealed class PreferenceRepository(SqliteConnection db)
            {
                [Cached("1h", "pref:<key>")]
                public Task<string?> GetAsync(string key) => db.QuerySingleOrDefaultAsync<string?>("SELECT [Value] FROM [Preferences] WHERE [Key] = @key", new { key });

                // bug: SetAsync→GetAsync
                public Task SetAsync(string key, string value) => db.ExecuteAsync(
                    "INSERT INTO preferences (key, value) VALUES (@key, @value) ON CONFLICT(key) DO UPDATE SET value = excluded.value", new { key, value });

                // bug: SetDefaultAsync→GetAsync (an existing key keeps its value, but a missing one may have been cached as null)
                public Task SetDefaultAsync(string key, string value) => db.ExecuteAsync("INSERT OR IGNORE INTO Preferences (Key, Value) VALUES (@key, @value)", new { key, value });
            }
            """"),
        ("sqlite tracker: SqliteCommand and CommandText, a loop", Usings + """"
            namespace Tracker;
            public sealed class HabitRepository(SqliteConnection connection)
            {
                [Cached("5m", "habit:<habitId>:streak")]
                public async Task<long> StreakAsync(long habitId)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "SELECT COUNT(*) FROM checkins WHERE habit_id = $habitId";
                    return (long)(await command.ExecuteScalarAsync())!;
                }

                // bug: CheckInAsync→StreakAsync
                public async Task CheckInAsync(long habitId, IEnumerable<DateTime> days)
                {
                    using var command = connection.CreateCommand();
                    command.CommandText = "INSERT INTO checkins (habit_id, day) VALUES ($habitId, $day)";
                    foreach (var day in days)
                    {
                        await command.ExecuteNonQueryAsync();
                    }
                }

                [Invalidates("habit:<habitId>:streak")]
                public async Task ResetAsync(long habitId)
                {
                    using var command = new SqliteCommand("DELETE FROM checkins WHERE habit_id = $habitId", connection);
                    await command.ExecuteNonQueryAsync();
                }
            }
            """"),
        ("sqlite library: REPLACE INTO, string.Concat of constants", Usings + """"
            namespace Library;
            public sealed class LoanRepository(SqliteConnection db)
            {
                private const string LoanTable = "loans";

                [Cached("2m", "member:<memberId>:loans")]
                public Task<int> OutstandingAsync(long memberId) => db.ExecuteScalarAsync<int>(string.Concat("SELECT COUNT(*) FROM ", LoanTable, " WHERE member_id = @memberId AND returned_at IS NULL"), new { memberId });

                // bug: ReturnAsync→OutstandingAsync
                public Task ReturnAsync(long loanId) => db.ExecuteAsync(string.Concat("UPDATE ", LoanTable, " SET returned_at = datetime('now') WHERE id = @loanId"), new { loanId });

                // bug: RecordAsync→OutstandingAsync
                public Task RecordAsync(long id, long memberId, long bookId) => db.ExecuteAsync("REPLACE INTO loans (id, member_id, book_id) VALUES (@id, @memberId, @bookId)", new { id, memberId, bookId });
            }
            """"),
        ("sqlite kiosk: a static class of queries", Usings + """"
            namespace Kiosk;
            internal static class Queries
            {
                public const string MenuItem = "SELECT name, price FROM menu_items WHERE id = @id";
                public const string Reprice = "UPDATE menu_items SET price = @price WHERE id = @id";
                public const string Hide = "UPDATE menu_items SET hidden = 1 WHERE id = @id";
                public const string Visible = "SELECT COUNT(*) FROM menu_items WHERE hidden = 0";
            }

            public sealed class MenuRepository(SqliteConnection db)
            {
                [Cached("10m", "menu:item:<id>")]
                public Task<decimal> PriceAsync(long id) => db.ExecuteScalarAsync<decimal>(Queries.MenuItem, new { id });

                [Cached("10m", "menu:visible")]
                public Task<int> VisibleAsync() => db.ExecuteScalarAsync<int>(Queries.Visible);

                // bug: RepriceAsync→PriceAsync
                public Task RepriceAsync(long id, decimal price) => db.ExecuteAsync(Queries.Reprice, new { id, price });

                // bug: HideAsync→VisibleAsync
                public Task HideAsync(long id) => db.ExecuteAsync(Queries.Hide, new { id });
            }
            """"),
        ("sqlite chat: insert with the key the client makes", Usings + """"
            namespace Chat;
            public sealed class MessageRepository(SqliteConnection db)
            {
                [Cached("1m", "message:<id>")]
                public Task<string?> TextAsync(string id) => db.QuerySingleOrDefaultAsync<string?>("SELECT text FROM messages WHERE id = @id", new { id });

                [Cached("1m", "room:<roomId>:last")]
                public Task<string?> LastAsync(string roomId) => db.QuerySingleOrDefaultAsync<string?>("SELECT text FROM messages WHERE room_id = @roomId ORDER BY sent_at DESC LIMIT 1", new { roomId });

                // bug: PostAsync→LastAsync
                // bug: PostAsync→TextAsync (the client makes the id, and a miss may have cached it as absent)
                public Task PostAsync(string id, string roomId, string text) => db.ExecuteAsync("INSERT INTO messages (id, room_id, text, sent_at) VALUES (@id, @roomId, @text, datetime('now'))", new { id, roomId, text });

                [Invalidates("message:<id>")]
                [Invalidates("room:*")]
                public Task RetractAsync(string id) => db.ExecuteAsync("DELETE FROM messages WHERE id = @id", new { id });
            }
            """"),
        ("sqlite sync agent: a verbatim script with several statements", Usings + """"
            namespace SyncAgent;
            public sealed class FileIndexRepository(SqliteConnection db)
            {
                [Cached("30s", "folder:<folderId>:size")]
                public Task<long> SizeAsync(long folderId) => db.ExecuteScalarAsync<long>("SELECT IFNULL(SUM(size), 0) FROM files WHERE folder_id = @folderId", new { folderId });

                // bug: MoveFolderAsync→SizeAsync
                public Task MoveFolderAsync(long folderId, long parentId) => db.ExecuteAsync(@"
                    UPDATE folders SET parent_id = @parentId WHERE id = @folderId;
                    UPDATE files SET folder_id = @parentId WHERE folder_id = @folderId;
                    DELETE FROM folders WHERE id = @folderId;", new { folderId, parentId });

                [Invalidates("folder:<folderId>:size")]
                public Task RemoveFileAsync(long folderId, long fileId) => db.ExecuteAsync("DELETE FROM files WHERE id = @fileId", new { fileId });
            }
            """"),
        ("sqlite recipes: if without else appends a filter", Usings + """"
            namespace Recipes;
            public sealed class RecipeRepository(SqliteConnection db)
            {
                [Cached("10m", "recipes:<vegetarian>")]
                public async Task<IReadOnlyList<string>> NamesAsync(bool vegetarian)
                {
                    var sql = "SELECT name FROM recipes";
                    if (vegetarian)
                    {
                        sql += " WHERE vegetarian = 1";
                    }

                    return (await db.QueryAsync<string>(sql + " ORDER BY name")).ToList();
                }

                // bug: RenameAsync→NamesAsync
                public Task RenameAsync(long id, string name) => db.ExecuteAsync("UPDATE recipes SET name = @name WHERE id = @id", new { id, name });

                // Not a bug: ratings are not listed.
                public Task RateAsync(long id, int stars) => db.ExecuteAsync("UPDATE recipes SET stars = @stars WHERE id = @id", new { id, stars });
            }
            """"),
    ];
}
