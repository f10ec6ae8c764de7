using CachingGen.Distributed;
using Xunit;

namespace CachingGen.Tests.Distributed;

public sealed class PrefixShapesTests
{
    [Fact]
    public void A_key_is_indexed_only_under_prefixes_a_declared_prefix_invalidation_can_name()
    {
        PrefixShapes.Register("shape-test:user:", 3);
        PrefixShapes.Register("shape-test:user:", 3);

        Assert.Equal(["shape-test:user:42:"], PrefixShapes.PrefixesOf("shape-test:user:42:token:7"));
        Assert.Empty(PrefixShapes.PrefixesOf("shape-test:user:42"));
        Assert.Empty(PrefixShapes.PrefixesOf("other:user:42:token:7"));
        Assert.Equal(["shape-test:user:a\\:b:"], PrefixShapes.PrefixesOf("shape-test:user:a\\:b:total"));
        Assert.True(PrefixShapes.Any);
    }
}
