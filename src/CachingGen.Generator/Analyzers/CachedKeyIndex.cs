using CachingGen.Generator.Parsing;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// Every <c>[Cached]</c> key template declared in the compilation, with its result type: what the checks that
/// look across methods (an invalidation that matches nothing, two result types sharing keys) compare against.
/// Built once per compilation, and only when one of those checks runs.
/// </summary>
internal sealed class CachedKeyIndex
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KeyShape?> _shapes = new();

    // Entries ordered by the literal head of their key: the keys a shape can overlap are the few whose head
    // starts with its head (one contiguous run) or is a prefix of it (one lookup per prefix length), so the
    // checks cost per method what those candidates cost instead of a pass over every cached key.
    private readonly Entry[] _byHead;
    private readonly Dictionary<string, List<Entry>> _headGroups = new(StringComparer.Ordinal);

    private CachedKeyIndex(List<Entry> entries)
    {
        Entries = entries;
        _byHead = entries.OrderBy(e => e.Shape.Head, StringComparer.Ordinal).ToArray();
        foreach (var entry in entries)
        {
            _shapes.TryAdd(entry.Shape.Text, entry.Shape);
            if (!_headGroups.TryGetValue(entry.Shape.Head, out var group))
            {
                _headGroups[entry.Shape.Head] = group = new List<Entry>();
            }

            group.Add(entry);
        }
    }

    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>The entries whose key shape can overlap <paramref name="shape"/>: a superset, which <see cref="KeyShape.Overlaps"/> then decides.</summary>
    public IEnumerable<Entry> Candidates(KeyShape shape)
    {
        var head = shape.Head;
        for (var length = 0; length < head.Length; length++)
        {
            if (_headGroups.TryGetValue(head.Substring(0, length), out var group))
            {
                foreach (var entry in group)
                {
                    yield return entry;
                }
            }
        }

        for (var i = LowerBound(head); i < _byHead.Length && _byHead[i].Shape.Head.StartsWith(head, StringComparison.Ordinal); i++)
        {
            yield return _byHead[i];
        }
    }

    private int LowerBound(string head)
    {
        int low = 0, high = _byHead.Length;
        while (low < high)
        {
            var middle = (low + high) / 2;
            if (string.CompareOrdinal(_byHead[middle].Shape.Head, head) < 0)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }

    /// <summary>The shape of a template, parsed once per compilation however many methods ask.</summary>
    public KeyShape? Shape(string? text) => text is null ? null : _shapes.GetOrAdd(text, static t => KeyShape.TryCreate(t));

    public static CachedKeyIndex Build(AnnotatedTypes types, Compilation compilation, CancellationToken cancellationToken)
    {
        var entries = new List<Entry>();
        foreach (var type in types.Types)
        {
            cancellationToken.ThrowIfCancellationRequested();
            entries.AddRange(type.Keys.Select(key => new Entry(key, compilation)));
        }

        return new CachedKeyIndex(entries);
    }

    /// <summary>
    /// The shape of a <c>[Cached]</c> key with its placeholders' value types taken into account: what collision checks
    /// compare (an integer id cannot be the text "user"). Invalidation checks compare the plain shapes, which never
    /// miss an overlap.
    /// </summary>
    public static KeyShape? TypedShape(IMethodSymbol method, string? text)
        => KeyShape.TryCreate(text, path => IsInteger(method, path));

    private static bool IsInteger(IMethodSymbol method, string path)
    {
        foreach (var parameter in method.Parameters)
        {
            if (parameter.Name == path)
            {
                return parameter.Type.SpecialType is SpecialType.System_SByte or SpecialType.System_Byte or SpecialType.System_Int16
                    or SpecialType.System_UInt16 or SpecialType.System_Int32 or SpecialType.System_UInt32 or SpecialType.System_Int64 or SpecialType.System_UInt64;
            }
        }

        return false;
    }

    /// <summary>One cached method's key shape and result type.</summary>
    internal sealed class Entry(TypeFacts.CachedKey key, Compilation compilation)
    {
        private ITypeSymbol? _resultType;
        private bool _classified;

        /// <summary>The method's declaration: the same node is the same method.</summary>
        public SyntaxNode Method { get; } = key.Method;

        /// <summary>The method's name as messages show it.</summary>
        public string Display { get; } = key.Display;

        public KeyShape Shape { get; } = key.Shape;

        /// <summary>The shape with numeric placeholders known (see <see cref="CachedKeyIndex.TypedShape"/>).</summary>
        public KeyShape TypedShape { get; } = key.TypedShape;

        /// <summary>
        /// The cached result type in this compilation, or null when the return type is not cacheable. Worked out on first
        /// use, not while the index is built: only keys whose shapes overlap need it, so only their methods are resolved.
        /// </summary>
        public ITypeSymbol? ResultType
        {
            get
            {
                // Racing threads compute the same symbol.
                if (!Volatile.Read(ref _classified))
                {
                    _resultType = compilation.GetSemanticModel(Method.SyntaxTree).GetDeclaredSymbol(Method) is IMethodSymbol method ? ReturnShape.Of(method).ResultType : null;
                    Volatile.Write(ref _classified, true);
                }

                return _resultType;
            }
        }
    }
}
