namespace CachingGen.Generator.Model;

/// <summary>The shapes of return type a decorator method knows how to wrap.</summary>
internal enum ReturnKind
{
    Void,
    Sync,
    Task,
    TaskOfT,
    ValueTask,
    ValueTaskOfT,
}
