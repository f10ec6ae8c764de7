using Microsoft.Extensions.Logging;

namespace CachingGen.Postgres.Internals;

/// <summary>The change feed's log lines (EventIds 200–).</summary>
internal static partial class FeedLog
{
    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "CachingGen.Postgres: the change feed is live on slot '{Slot}' (publication '{Publication}', tables followed: {Tables}: {TableList}); changes committed before start-up were applied.")]
    public static partial void Live(ILogger logger, string slot, string publication, int tables, string tableList);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "CachingGen.Postgres: {Count} cached reads may read tables the change feed cannot see, so writes made elsewhere to those tables do not invalidate them. Name each table such a read uses with [ReadsTable(\"…\")]; a read of no database table (an HTTP call, a constant) needs nothing (CG0032 says the same at build time): {Reads}")]
    public static partial void Uncovered(ILogger logger, int count, string reads);

    [LoggerMessage(EventId = 202, Level = LogLevel.Warning, Message = "CachingGen.Postgres: tables cached reads use are not in the database, so the feed does not follow them: {Tables}")]
    public static partial void MissingTables(ILogger logger, string tables);

    [LoggerMessage(EventId = 203, Level = LogLevel.Warning, Message = "CachingGen.Postgres: slot '{Slot}' {Reason}; it was created anew and everything the feed covers was removed from the cache, since changes made in between cannot be known.")]
    public static partial void SlotCreated(ILogger logger, string slot, string reason);

    [LoggerMessage(EventId = 204, Level = LogLevel.Warning, Message = "CachingGen.Postgres: the change feed lost its connection ({Error}); it reconnects in {Seconds} s and applies what the slot kept meanwhile.")]
    public static partial void Reconnecting(ILogger logger, string error, double seconds);

    [LoggerMessage(EventId = 205, Level = LogLevel.Information, Message = "CachingGen.Postgres: slot '{Slot}' is consumed by another instance; this one stands by and receives its invalidations through the backplane.")]
    public static partial void Standby(ILogger logger, string slot);

    [LoggerMessage(EventId = 206, Level = LogLevel.Error, Message = "CachingGen.Postgres: slot '{Slot}' holds {Bytes} bytes of WAL, more than MaxRetainedWalBytes ({Limit}); it is dropped and created anew, and what the feed covers is removed from the cache.")]
    public static partial void TooFarBehind(ILogger logger, string slot, long bytes, long limit);

    [LoggerMessage(EventId = 207, Level = LogLevel.Error, Message = "CachingGen.Postgres: {Problem}")]
    public static partial void Failed(ILogger logger, string problem);

    [LoggerMessage(EventId = 208, Level = LogLevel.Warning, Message = "CachingGen.Postgres: the distributed level did not take the feed's invalidations of a transaction; they are sent again in {Seconds} s before the slot moves on.")]
    public static partial void Retrying(ILogger logger, double seconds);

    [LoggerMessage(EventId = 210, Level = LogLevel.Information, Message = "CachingGen.Postgres: first start: created the publication and the slot '{Slot}'.")]
    public static partial void FirstSlot(ILogger logger, string slot);

    [LoggerMessage(EventId = 209, Level = LogLevel.Information, Message = "CachingGen.Postgres: this instance now consumes slot '{Slot}'.")]
    public static partial void Consuming(ILogger logger, string slot);
}
