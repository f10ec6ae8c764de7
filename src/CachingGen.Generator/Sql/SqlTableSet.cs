using CachingGen.Generator.Model;

namespace CachingGen.Generator.Sql;

/// <summary>
/// What a method's SQL reads, changes (<see cref="Writes"/>: update, delete, merge, upsert, truncate, copy) and only
/// adds rows to (<see cref="Inserts"/>); <see cref="Unknown"/> says why some of it could not be read (never "nothing").
/// </summary>
internal sealed record SqlTableSet(EquatableArray<string> Reads, EquatableArray<string> Writes, string? Unknown)
{
    public EquatableArray<string> Inserts { get; init; }

    public SqlTableSet(string[] reads, string[] writes, string? unknown)
        : this(reads.ToEquatableArray(), writes.ToEquatableArray(), unknown)
    {
    }
}
