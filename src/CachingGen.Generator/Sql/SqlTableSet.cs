using System.Linq;
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

    /// <summary>Both methods' tables together (a caller and the private helper that runs its SQL); null when neither runs any.</summary>
    public static SqlTableSet? Union(SqlTableSet? a, SqlTableSet? b)
        => a is null ? b : b is null ? a : new SqlTableSet(a.Reads.Concat(b.Reads).Distinct().ToArray(), a.Writes.Concat(b.Writes).Distinct().ToArray(), a.Unknown ?? b.Unknown)
        {
            Inserts = a.Inserts.Concat(b.Inserts).Distinct().ToEquatableArray(),
        };
}
