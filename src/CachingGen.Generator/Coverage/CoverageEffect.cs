namespace CachingGen.Generator.Coverage;

/// <summary>What a writer's SQL does to a cached read (<see cref="CoverageJudge"/>).</summary>
internal enum CoverageEffect
{
    /// <summary>They share no table, or the write changes only columns the read does not use.</summary>
    None,

    /// <summary>The write can change what the read returns: its <c>[Invalidates]</c> must cover the read.</summary>
    Changes,

    /// <summary>An insert whose new rows have a key (made by the database, or not supplied) that nothing can have cached but a miss.</summary>
    NewRowsOnly,
}
