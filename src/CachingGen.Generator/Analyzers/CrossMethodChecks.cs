using CachingGen.Generator.Parsing;
using CachingGen.Generator.Text;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// Checks that compare one method's templates with every <c>[Cached]</c> key in the compilation: an
/// invalidation that can never remove anything (CG0015), and two result types reading each other's
/// entries (CG0016). Both are silent at run time, which is why they are worth a compile-time check.
/// </summary>
internal sealed class CrossMethodChecks(CachedKeyIndex index, DiagnosticSink sink, CancellationToken cancellationToken)
{
    private readonly CachedKeyIndex _index = index;
    private readonly DiagnosticSink _sink = sink;
    private readonly CancellationToken _cancellationToken = cancellationToken;

    public void Run(IMethodSymbol method)
    {
        // Only messages need the display name; most methods report nothing.
        var name = new Lazy<string>(() => method.ToDisplayString(SymbolFormats.Short));
        foreach (var attribute in method.GetAttributes())
        {
            _cancellationToken.ThrowIfCancellationRequested();
            if (AttributeNames.IsInvalidates(attribute))
            {
                CheckInvalidation(AttributeArguments.InvalidatesKey(attribute), name);
            }
            else if (AttributeNames.IsCached(attribute))
            {
                CheckCollisions(method, AttributeArguments.CachedKey(attribute), name);
            }
        }
    }

    private void CheckInvalidation(AttributeArgument key, Lazy<string> name)
    {
        var text = key.Text;
        if (_index.Shape(text) is not { } shape)
        {
            return;
        }

        foreach (var entry in _index.Candidates(shape))
        {
            if (KeyShape.Overlaps(entry.Shape, shape))
            {
                return;
            }
        }

        // Only now, for a template that matches nothing, is the "did you mean" search worth its cost.
        var closest = DidYouMean.Closest(shape.Text, _index.Entries.Select(e => e.Shape.Text));
        var hint = closest is not null
            ? $"; the closest [Cached] key is \"{closest}\" (literal text and placeholder positions must line up)"
            : _index.Entries.Count == 0
                ? "; no method in this project is [Cached]"
                : "; no [Cached] key in this project is close to it (literal text and placeholder positions must line up)";
        _sink.Report(DiagnosticDescriptors.InvalidationNeverMatches, key.Location(_cancellationToken), text, name.Value, hint);
    }

    private void CheckCollisions(IMethodSymbol method, AttributeArgument key, Lazy<string> name)
    {
        var text = key.Text;
        var resultType = ReturnShape.Of(method).ResultType;
        if (_index.Shape(text) is not { IsPrefix: false } shape || resultType is null
            || CachedKeyIndex.TypedShape(method, text) is not { } typed)
        {
            return;
        }

        var declaration = TypeFacts.Node(method, _cancellationToken);
        foreach (var entry in _index.Candidates(shape))
        {
            // Shapes first (the index only offers keys whose literal head agrees): comparing constructed result
            // types symbol by symbol is what made this check expensive.
            if (!KeyShape.Overlaps(entry.TypedShape, typed)
                || entry.Method == declaration
                || entry.ResultType is not { } entryResultType)
            {
                continue;
            }

            if (SymbolEqualityComparer.Default.Equals(entryResultType, resultType))
            {
                // The same template shape read by two methods of one result type is deliberate sharing (one entry, two
                // ways to read it). Different shapes that still meet are not: one method's value answers the other.
                if (KeyShape.SameShape(entry.TypedShape, typed))
                {
                    continue;
                }

                _sink.Report(
                    DiagnosticDescriptors.KeyCollision,
                    key.Location(_cancellationToken),
                    text,
                    name.Value,
                    entry.Shape.Text,
                    entry.Display);
                return;
            }

            _sink.Report(
                DiagnosticDescriptors.KeyShapeCollision,
                key.Location(_cancellationToken),
                text,
                name.Value,
                entry.Shape.Text,
                entry.Display,
                entryResultType.ToDisplayString(SymbolFormats.Short),
                resultType.ToDisplayString(SymbolFormats.Short));

            // One collision is enough to act on; listing every partner would bury the message.
            return;
        }
    }
}
