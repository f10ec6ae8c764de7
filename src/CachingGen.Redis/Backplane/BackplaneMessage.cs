using System.Text;
using CachingGen.Infrastructure;

namespace CachingGen.Redis.Backplane;

/// <summary>
/// All the invalidations of one write on the backplane channel, and the wire format (encoded and decoded only here).
/// <para>
/// Version 2 (this release): <c>{sender}|2|{entries}\n{k|p}\n{fallback}</c>. The first line carries every entry — a kind
/// (<c>k</c> key, <c>p</c> prefix) and its text with <c>\</c>, line breaks and <c>\u001F</c> escaped — each ended by
/// <c>\u001F</c>. The last two lines are what a version 1 reader understands: with one entry, that entry itself; with
/// several, a prefix every one of them starts with (their longest common prefix, often empty). A version 1 instance
/// still running during a deploy reads the sender as <c>{sender}|2|…</c> (not its own), and so drops that key, or
/// flushes that prefix: more than the write removed, never less.
/// </para>
/// <para>
/// Version 1 (earlier releases, one message per key): <c>{sender}\n{k|p}\n{key or prefix}</c>; still decoded, so an
/// instance of this release applies what an older one publishes. The sender is a GUID in <c>N</c> format: never a <c>|</c>.
/// </para>
/// </summary>
internal readonly record struct BackplaneMessage(string Sender, IReadOnlyList<CacheInvalidation> Invalidations)
{
    private const char LineBreak = '\n';
    private const char EntryEnd = '\u001F';
    private const char Escape = '\\';
    private const string Version2 = "|2|";
    private const char KeyKind = 'k';
    private const char PrefixKind = 'p';

    /// <summary>
    /// The bytes every message <paramref name="sender"/> publishes starts with: a subscriber compares them with what it
    /// receives and drops its own messages without decoding them.
    /// </summary>
    public static byte[] SenderHeader(string sender) => Encoding.UTF8.GetBytes(sender + Version2);

    public string Encode()
    {
        var text = new StringBuilder(Sender.Length + 8 + (Invalidations.Count * 32));
        text.Append(Sender).Append(Version2);
        foreach (var invalidation in Invalidations)
        {
            text.Append(invalidation.IsPrefix ? PrefixKind : KeyKind);
            foreach (var c in invalidation.KeyOrPrefix)
            {
                switch (c)
                {
                    case Escape: text.Append(Escape).Append(Escape); break;
                    case LineBreak: text.Append(Escape).Append('n'); break;
                    case EntryEnd: text.Append(Escape).Append('u'); break;
                    default: text.Append(c); break;
                }
            }

            text.Append(EntryEnd);
        }

        // What a version 1 reader applies: the entry itself, or a prefix of all of them.
        var single = Invalidations.Count == 1;
        text.Append(LineBreak).Append(single && !Invalidations[0].IsPrefix ? KeyKind : PrefixKind).Append(LineBreak);
        text.Append(single ? Invalidations[0].KeyOrPrefix : CommonPrefix(Invalidations));
        return text.ToString();
    }

    /// <summary>Reads a message of either version; false for anything else (another publisher on the channel).</summary>
    public static bool TryDecode(string? text, out BackplaneMessage message)
    {
        message = default;
        var firstLine = text?.IndexOf(LineBreak) ?? -1;
        if (firstLine < 0)
        {
            return false;
        }

        var marker = text!.IndexOf(Version2, 0, firstLine, StringComparison.Ordinal);
        return marker < 0 ? TryDecodeVersion1(text, out message) : TryDecodeVersion2(text, marker, firstLine, out message);
    }

    private static bool TryDecodeVersion2(string text, int marker, int firstLine, out BackplaneMessage message)
    {
        message = default;
        var entries = new List<CacheInvalidation>(4);
        var current = new StringBuilder();
        var i = marker + Version2.Length;
        while (i < firstLine)
        {
            var kind = text[i++];
            if (kind is not (KeyKind or PrefixKind))
            {
                return false;
            }

            current.Clear();
            while (i < firstLine && text[i] != EntryEnd)
            {
                var c = text[i++];
                if (c == Escape)
                {
                    if (i >= firstLine)
                    {
                        return false;
                    }

                    c = text[i++] switch { 'n' => LineBreak, 'u' => EntryEnd, Escape => Escape, _ => '\0' };
                    if (c == '\0')
                    {
                        return false;
                    }
                }

                current.Append(c);
            }

            if (i >= firstLine)
            {
                return false; // an entry without its end: cut short
            }

            i++;
            var keyOrPrefix = current.ToString();
            entries.Add(kind == PrefixKind ? CacheInvalidation.Prefix(keyOrPrefix) : CacheInvalidation.Key(keyOrPrefix));
        }

        message = new BackplaneMessage(text[..marker], entries);
        return entries.Count > 0;
    }

    private static bool TryDecodeVersion1(string text, out BackplaneMessage message)
    {
        message = default;
        var parts = text.Split(LineBreak, 3);
        if (parts is not { Length: 3 } || parts[1] is not [KeyKind or PrefixKind])
        {
            return false;
        }

        var invalidation = parts[1][0] == PrefixKind ? CacheInvalidation.Prefix(parts[2]) : CacheInvalidation.Key(parts[2]);
        message = new BackplaneMessage(parts[0], [invalidation]);
        return true;
    }

    private static string CommonPrefix(IReadOnlyList<CacheInvalidation> invalidations)
    {
        if (invalidations.Count == 0)
        {
            return string.Empty;
        }

        var prefix = invalidations[0].KeyOrPrefix.AsSpan();
        for (var i = 1; i < invalidations.Count && prefix.Length > 0; i++)
        {
            prefix = prefix[..prefix.CommonPrefixLength(invalidations[i].KeyOrPrefix)];
        }

        return prefix.ToString();
    }
}
