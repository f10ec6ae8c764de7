using System.Collections.Generic;
using System.Threading;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// Every <c>[Cached]</c> key template declared in the compilation, with its result type: what the checks that
/// look across methods (an invalidation that matches nothing, two result types sharing keys) compare against.
/// Built once per compilation, and only when one of those checks runs.
/// </summary>
internal sealed class CachedKeyIndex
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, KeyShape?> _shapes = new();

    private CachedKeyIndex(List<Entry> entries)
    {
        Entries = entries;
        foreach (var entry in entries)
        {
            _shapes.TryAdd(entry.Shape.Text, entry.Shape);
        }
    }

    public IReadOnlyList<Entry> Entries { get; }

    /// <summary>The shape of a template, parsed once per compilation however many methods ask.</summary>
    public KeyShape? Shape(string? text) => text is null ? null : _shapes.GetOrAdd(text, static t => KeyShape.TryCreate(t));

    public static CachedKeyIndex Build(Compilation compilation, KnownTypes known, CancellationToken cancellationToken)
    {
        var entries = new List<Entry>();
        var pending = new Stack<INamespaceOrTypeSymbol>();
        pending.Push(compilation.Assembly.GlobalNamespace);
        while (pending.Count > 0)
        {
            cancellationToken.ThrowIfCancellationRequested();
            foreach (var member in pending.Pop().GetMembers())
            {
                switch (member)
                {
                    case INamespaceOrTypeSymbol container:
                        pending.Push(container);
                        break;
                    case IMethodSymbol method:
                        Add(method, known, entries);
                        break;
                }
            }
        }

        return new CachedKeyIndex(entries);
    }

    private static void Add(IMethodSymbol method, KnownTypes known, List<Entry> entries)
    {
        foreach (var attribute in method.GetAttributes())
        {
            if (!known.IsCached(attribute)
                || attribute.ConstructorArguments.Length < 2
                || KeyShape.TryCreate(attribute.ConstructorArguments[1].Value as string) is not { IsPrefix: false } shape)
            {
                continue;
            }

            RepositoryParser.ClassifyReturn(method, known, out var resultType);
            if (resultType is not null)
            {
                entries.Add(new Entry(method, shape, resultType));
            }
        }
    }

    /// <summary>One cached method's key shape and result type.</summary>
    internal sealed class Entry
    {
        public Entry(IMethodSymbol method, KeyShape shape, ITypeSymbol resultType)
        {
            Method = method;
            Shape = shape;
            ResultType = resultType;
        }

        public IMethodSymbol Method { get; }

        public KeyShape Shape { get; }

        public ITypeSymbol ResultType { get; }
    }
}
