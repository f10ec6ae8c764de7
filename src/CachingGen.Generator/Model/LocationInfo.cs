using Microsoft.CodeAnalysis.Text;

namespace CachingGen.Generator.Model;

/// <summary>
/// A source location as equatable values, for the pipeline's models: a <see cref="Location"/> holds its syntax tree,
/// which would keep the compilation alive and defeat the incremental cache.
/// </summary>
internal sealed record LocationInfo(string FilePath, TextSpan Span, LinePositionSpan LineSpan)
{
    public static LocationInfo? From(Location? location)
        => location is { IsInSource: true } ? new LocationInfo(location.SourceTree?.FilePath ?? string.Empty, location.SourceSpan, location.GetLineSpan().Span) : null;

    public Location ToLocation() => Location.Create(FilePath, Span, LineSpan);
}
