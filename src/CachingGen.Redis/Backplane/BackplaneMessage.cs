using System;

namespace CachingGen.Redis.Backplane;

/// <summary>
/// One invalidation on the backplane channel, and its wire format (encoded and decoded only here):
/// <c>{sender}\n{k|p}\n{key or prefix}</c>, where <c>k</c> is an exact key and <c>p</c> a prefix. The key comes last, so
/// it may itself contain line breaks.
/// </summary>
internal readonly record struct BackplaneMessage(string Sender, bool IsPrefix, string KeyOrPrefix)
{
    private const char Separator = '\n';
    private const string KeyKind = "k";
    private const string PrefixKind = "p";

    public string Encode() => string.Concat(Sender, "\n", IsPrefix ? PrefixKind : KeyKind, "\n", KeyOrPrefix);

    /// <summary>Reads a message; false for anything not in this format (another publisher on the channel).</summary>
    public static bool TryDecode(string? text, out BackplaneMessage message)
    {
        message = default;
        var parts = text?.Split(Separator, 3);
        if (parts is not { Length: 3 })
        {
            return false;
        }

        var isPrefix = string.Equals(parts[1], PrefixKind, StringComparison.Ordinal);
        if (!isPrefix && !string.Equals(parts[1], KeyKind, StringComparison.Ordinal))
        {
            return false;
        }

        message = new BackplaneMessage(parts[0], isPrefix, parts[2]);
        return true;
    }
}
