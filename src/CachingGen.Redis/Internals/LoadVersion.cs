using System.Globalization;

namespace CachingGen.Redis.Internals;

/// <summary>
/// What a read saw before a load, as the opaque version string the cache hands back to <c>SetAsync</c>: the key's
/// invalidation version (checked by the write script) and the version of each prefix the key falls under (stored
/// with the value, compared by every read). Format: <c>{key version}</c>, then <c>|{prefix version}</c> per prefix.
/// </summary>
internal readonly record struct LoadVersion(string KeyVersion, long[] PrefixVersions)
{
    private const char Separator = '|';

    public string Encode()
    {
        if (PrefixVersions.Length == 0)
        {
            return KeyVersion;
        }

        var text = KeyVersion;
        foreach (var version in PrefixVersions)
        {
            text += Separator + version.ToString(CultureInfo.InvariantCulture);
        }

        return text;
    }

    public static LoadVersion Decode(string version)
    {
        var parts = version.Split(Separator);
        var prefixVersions = new long[parts.Length - 1];
        for (var i = 1; i < parts.Length; i++)
        {
            prefixVersions[i - 1] = long.Parse(parts[i], NumberStyles.Integer, CultureInfo.InvariantCulture);
        }

        return new LoadVersion(parts[0], prefixVersions);
    }

    /// <summary>A prefix version read while its counter did not exist: no stored value ever carries it.</summary>
    public const long Missing = -1;

    /// <summary>A prefix version as Redis holds it; a missing counter is <see cref="Missing"/> (every stored value is then a miss).</summary>
    public static long Parse(StackExchange.Redis.RedisValue value)
        => value.IsNull ? Missing : (long)value;

    /// <summary>Whether a value stored with <paramref name="stored"/> prefix versions is still valid under <paramref name="current"/>.</summary>
    public static bool Matches(long[] stored, long[] current)
        => stored.AsSpan().SequenceEqual(current) && !stored.AsSpan().Contains(Missing);
}
