using System.Collections.Concurrent;
using CachingGen.Infrastructure;
using CachingGen.Redis.Backplane;
using StackExchange.Redis;

namespace CachingGen.Redis.Tests;

/// <summary>One backplane message per write: its wire format, what a peer does with it, and what its sender does.</summary>
public sealed class BackplaneMessageTests
{
    private static readonly CacheMethod Write = CacheMethod.ForInvalidating("Tests.Backplane.Write", "acct:<id>");

    [Theory]
    [InlineData("node")]
    [InlineData("cluster")]
    public async Task A_write_of_three_invalidations_publishes_one_message_and_the_peer_drops_all_three(string topology)
    {
        // On the cluster the two keys and the prefix hash to different slots: one script per slot, then the message.
        await using var apps = await TwoInstances.StartAsync(new SharedDatabase(), topology == "node" ? RedisEnvironment.Node : RedisEnvironment.Cluster);
        var (cacheA, cacheB) = (apps.A.GetRequiredService<CachingGenCache>(), apps.B.GetRequiredService<CachingGenCache>());
        var (backplaneA, backplaneB) = (apps.A.GetRequiredService<RedisBackplane>(), apps.B.GetRequiredService<RedisBackplane>());
        // Not a cluster: the client gives every key the same (no) slot, which is what sends one script for all of them.
        Assert.Equal(topology == "node", apps.Raw.HashSlot(apps.Prefix + "{acct:1}") == apps.Raw.HashSlot(apps.Prefix + "p:{orders:42:}"));
        var received = new ConcurrentQueue<RedisValue>();
        await apps.Raw.GetSubscriber().SubscribeAsync(RedisChannel.Literal(apps.Prefix + "invalidations"), (_, message) => received.Enqueue(message));

        // Until B and the raw subscriber both get A's messages; then a pause, so no warm-up message arrives late.
        await Eventually.TrueAsync(
            async () =>
            {
                await CacheOperations.InvalidateAllAsync(cacheA, Write, CacheInvalidation.Key("warm-up"));
                return backplaneB.MessagesDecoded > 0 && !received.IsEmpty;
            },
            "both subscriptions");
        await Task.Delay(300);
        received.Clear();
        var (decodedA, decodedB) = (backplaneA.MessagesDecoded, backplaneB.MessagesDecoded);
        foreach (var key in new[] { "acct:1", "user:42:name", "orders:42:7" })
        {
            cacheB.Store.Set(key, "old " + key, TimeSpan.FromMinutes(1));
        }

        await CacheOperations.InvalidateAllAsync(cacheA, Write, CacheInvalidation.Key("acct:1"), CacheInvalidation.Key("user:42:name"), CacheInvalidation.Prefix("orders:42:"));

        await Eventually.TrueAsync(
            () => new[] { "acct:1", "user:42:name", "orders:42:7" }.All(key => !cacheB.Store.TryGet<string>(key, out _)),
            "B to drop all three",
            5_000);
        await Task.Delay(300);
        var message = Assert.Single(received);
        Assert.Equal(decodedB + 1, backplaneB.MessagesDecoded);
        Assert.Equal(decodedA, backplaneA.MessagesDecoded);
        Assert.True(BackplaneMessage.TryDecode(message, out var decoded));
        Assert.Equal(
            [CacheInvalidation.Key("acct:1"), CacheInvalidation.Key("user:42:name"), CacheInvalidation.Prefix("orders:42:")],
            decoded.Invalidations);
    }

    [Fact]
    public async Task An_instance_drops_its_own_message_on_its_first_bytes_without_decoding_it()
    {
        await using var apps = await TwoInstances.StartAsync(new SharedDatabase(), RedisEnvironment.Node);
        var raw = apps.Raw;
        await Eventually.TrueAsync(async () => await raw.GetServer(raw.GetEndPoints()[0]).SubscriptionSubscriberCountAsync(RedisChannel.Literal(apps.Prefix + "invalidations")) >= 2, "both subscriptions");
        var (cacheA, cacheB) = (apps.A.GetRequiredService<CachingGenCache>(), apps.B.GetRequiredService<CachingGenCache>());
        var backplaneA = apps.A.GetRequiredService<RedisBackplane>();
        cacheA.Store.Set("mine:1", "a", TimeSpan.FromMinutes(1));
        cacheB.Store.Set("theirs:1", "b", TimeSpan.FromMinutes(1));

        // A's own, valid message saying "flush everything" (a prefix of nothing), as A would publish it.
        await raw.GetSubscriber().PublishAsync(RedisChannel.Literal(apps.Prefix + "invalidations"), backplaneA.Message([CacheInvalidation.Prefix(string.Empty)]));

        // B decodes and applies it (so the message is one a peer acts on) ...
        await Eventually.TrueAsync(() => !cacheB.Store.TryGet<string>("theirs:1", out _), "B to apply A's message", 5_000);
        await Task.Delay(200);

        // ... A never decodes it: its entry is still there and its decoded count did not move.
        Assert.True(cacheA.Store.TryGet<string>("mine:1", out var mine));
        Assert.Equal("a", mine.Value);
        Assert.Equal(0, backplaneA.MessagesDecoded);
    }

    [Fact]
    public async Task A_write_with_nothing_to_invalidate_publishes_nothing()
    {
        await using var apps = await TwoInstances.StartAsync(new SharedDatabase(), RedisEnvironment.Node);
        var raw = apps.Raw;
        var received = new ConcurrentQueue<RedisValue>();
        await raw.GetSubscriber().SubscribeAsync(RedisChannel.Literal(apps.Prefix + "invalidations"), (_, message) => received.Enqueue(message));
        await Eventually.TrueAsync(async () => await raw.GetServer(raw.GetEndPoints()[0]).SubscriptionSubscriberCountAsync(RedisChannel.Literal(apps.Prefix + "invalidations")) >= 3, "the subscriptions");
        var cacheB = apps.B.GetRequiredService<CachingGenCache>();
        cacheB.Store.Set("kept:1", "b", TimeSpan.FromMinutes(1));

        await CacheOperations.InvalidateAllAsync(apps.A.GetRequiredService<CachingGenCache>(), Write);
        await apps.A.GetRequiredService<RedisBackplane>().PublishInvalidatedAsync([]);
        await raw.GetSubscriber().PublishAsync(RedisChannel.Literal(apps.Prefix + "invalidations"), "marker");

        // The marker, published after both, arrives alone: nothing was published before it.
        await Eventually.TrueAsync(() => !received.IsEmpty, "the marker");
        Assert.Equal("marker", (string?)Assert.Single(received));
        Assert.True(cacheB.Store.TryGet<string>("kept:1", out _));
    }

    [Fact]
    public void Keys_with_line_breaks_escapes_and_separators_survive_a_round_trip()
    {
        CacheInvalidation[] invalidations = [CacheInvalidation.Key("a\nb"), CacheInvalidation.Key("c\\d\u001Fe"), CacheInvalidation.Prefix("p|2|:")];

        var text = new BackplaneMessage("0123456789abcdef0123456789abcdef", invalidations).Encode();

        Assert.True(BackplaneMessage.TryDecode(text, out var decoded));
        Assert.Equal("0123456789abcdef0123456789abcdef", decoded.Sender);
        Assert.Equal(invalidations, decoded.Invalidations);
        Assert.StartsWith("0123456789abcdef0123456789abcdef|2|", text, StringComparison.Ordinal);
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes("0123456789abcdef0123456789abcdef|2|"), BackplaneMessage.SenderHeader("0123456789abcdef0123456789abcdef"));
    }

    [Fact]
    public void A_message_from_an_earlier_release_one_key_each_is_still_understood()
    {
        Assert.True(BackplaneMessage.TryDecode("fedcba9876543210fedcba9876543210\nk\nbal:user:1\nwith a break", out var key));
        Assert.Equal("fedcba9876543210fedcba9876543210", key.Sender);
        Assert.Equal([CacheInvalidation.Key("bal:user:1\nwith a break")], key.Invalidations);

        Assert.True(BackplaneMessage.TryDecode("fedcba9876543210fedcba9876543210\np\ntransfers:", out var prefix));
        Assert.Equal([CacheInvalidation.Prefix("transfers:")], prefix.Invalidations);

        Assert.False(BackplaneMessage.TryDecode("hello", out _));
        Assert.False(BackplaneMessage.TryDecode("x\nq\ny", out _));
        Assert.False(BackplaneMessage.TryDecode("x|2|kcut-short\np\n", out _));
    }

    [Fact]
    public void An_instance_of_an_earlier_release_reads_a_message_as_the_key_itself_or_a_prefix_of_all_its_entries()
    {
        // How releases before this one read the channel: sender, kind, key or prefix.
        static (string Sender, string Kind, string KeyOrPrefix) ReadAsVersion1(string text)
        {
            var parts = text.Split('\n', 3);
            return (parts[0], parts[1], parts[2]);
        }

        const string sender = "0123456789abcdef0123456789abcdef";
        var one = ReadAsVersion1(new BackplaneMessage(sender, [CacheInvalidation.Key("bal:user:1")]).Encode());
        var three = ReadAsVersion1(new BackplaneMessage(sender, [CacheInvalidation.Key("bal:user:1"), CacheInvalidation.Key("bal:user:2"), CacheInvalidation.Prefix("bal:user:3:")]).Encode());
        var unrelated = ReadAsVersion1(new BackplaneMessage(sender, [CacheInvalidation.Key("bal:1"), CacheInvalidation.Key("transfers:1")]).Encode());

        // Never its own sender (so never dropped as its own), and never less than the write removed.
        Assert.NotEqual(sender, one.Sender);
        Assert.Equal(("k", "bal:user:1"), (one.Kind, one.KeyOrPrefix));
        Assert.Equal(("p", "bal:user:"), (three.Kind, three.KeyOrPrefix));
        Assert.Equal(("p", string.Empty), (unrelated.Kind, unrelated.KeyOrPrefix));
    }
}
