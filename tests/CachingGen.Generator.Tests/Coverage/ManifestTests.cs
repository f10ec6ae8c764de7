using System.Text.Json;

namespace CachingGen.Generator.Tests.Coverage;

/// <summary>The cache manifest the generator writes: reads, writes, and a verdict per (write, read) pair on a shared table.</summary>
public sealed class ManifestTests
{
    [Fact]
    public void The_manifest_lists_reads_writes_and_a_verdict_for_each_pair_that_shares_a_table()
    {
        var manifest = Manifest(UserSource.Using("System.Threading.Tasks", "CachingGen", "Dapper", "Npgsql").Namespace("Blog")
            .Class("public sealed class PostRepository(NpgsqlConnection db)", """
                [Cached("2m", "post:<postId>:comments")]
                public Task<int> CommentCountAsync(long postId) => db.ExecuteScalarAsync<int>("SELECT COUNT(*) FROM comments WHERE post_id = @postId", new { postId });

                [Cached("5m", "comment:<id>")]
                public Task<string?> CommentAsync(long id) => db.QuerySingleOrDefaultAsync<string?>("SELECT text FROM comments WHERE id = @id", new { id });

                public Task AddCommentAsync(long postId, string text) => db.ExecuteAsync("INSERT INTO comments (post_id, text) VALUES (@postId, @text)", new { postId, text });

                [Invalidates("post:<postId>:comments")]
                [Invalidates("comment:<commentId>")]
                public Task RemoveCommentAsync(long postId, long commentId) => db.ExecuteAsync("DELETE FROM comments WHERE id = @commentId", new { commentId });

                public Task PurgeAsync(string table) => db.ExecuteAsync("DELETE FROM " + table);
                """));

        Assert.Equal("SnapshotAssembly", manifest.GetProperty("assembly").GetString());
        var count = Assert.Single(manifest.GetProperty("cached").EnumerateArray(), c => c.GetProperty("method").GetString() == "Blog.PostRepository.CommentCountAsync");
        Assert.Equal("post:<postId>:comments", count.GetProperty("key").GetString());
        Assert.Equal("2m", count.GetProperty("ttl").GetString());
        Assert.Equal("int", count.GetProperty("resultType").GetString());
        Assert.Equal(["comments"], count.GetProperty("reads").EnumerateArray().Select(t => t.GetString()));

        var purge = Assert.Single(manifest.GetProperty("writers").EnumerateArray(), w => w.GetProperty("method").GetString() == "Blog.PostRepository.PurgeAsync");
        Assert.Contains("not a constant string", purge.GetProperty("unknown").GetString(), StringComparison.Ordinal);

        var verdicts = manifest.GetProperty("coverage").EnumerateArray()
            .Select(c => $"{Short(c.GetProperty("writer"))}→{Short(c.GetProperty("read"))}: {c.GetProperty("verdict").GetString()} ({c.GetProperty("table").GetString()})")
            .Order(StringComparer.Ordinal);
        Assert.Equal(
        [
            "AddCommentAsync→CommentAsync: new-rows-only (comments)",
            "AddCommentAsync→CommentCountAsync: missing (comments)",
            "RemoveCommentAsync→CommentAsync: invalidated (comments)",
            "RemoveCommentAsync→CommentCountAsync: invalidated (comments)",
        ], verdicts);
    }

    private static string Short(JsonElement method) => method.GetString()!.Split('.').Last();

    internal static JsonElement Manifest(string source)
    {
        var compilation = GeneratorHarness.CreateCompilation(CoverageSources.Data, source).WithAssemblyName("SnapshotAssembly");
        var (result, _) = GeneratorHarness.Run(compilation);
        var generated = Assert.Single(result.Results.Single().GeneratedSources, s => s.HintName == "CachingGen.Manifest.g.cs").SourceText.ToString();
        var quotes = new string('"', 6);
        var start = generated.IndexOf(quotes, StringComparison.Ordinal) + quotes.Length;
        var end = generated.IndexOf(quotes, start, StringComparison.Ordinal);
        return JsonDocument.Parse(generated[start..end]).RootElement.Clone();
    }
}
