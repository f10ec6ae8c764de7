using CachingGen.Internals.Keys;

namespace CachingGen.Tests.Distributed;

public sealed class PrefixIndexTests
{
    [Fact]
    public void A_key_is_indexed_only_under_prefixes_a_declared_prefix_invalidation_can_name()
    {
        PrefixIndex.Register(new PrefixShape("shape-test:user:", 3));
        PrefixIndex.Register(new PrefixShape("shape-test:user:", 3));

        Assert.Equal(["shape-test:user:42:"], PrefixIndex.PrefixesOf("shape-test:user:42:token:7"));
        Assert.Empty(PrefixIndex.PrefixesOf("shape-test:user:42"));
        Assert.Empty(PrefixIndex.PrefixesOf("other:user:42:token:7"));
        Assert.Equal(["shape-test:user:a\\:b:"], PrefixIndex.PrefixesOf("shape-test:user:a\\:b:total"));
        Assert.True(PrefixIndex.Any);
    }
}
