namespace CachingGen.Generator.Diagnostics;

/// <summary>
/// Where the parser reports problems. The analyzer passes a collecting sink; the generator passes <see cref="Null"/>,
/// because it only needs the models (the analyzer reports the same problems while the user types). What the parser
/// returns never depends on the sink; only work that produces nothing but warnings is skipped for the null sink.
/// </summary>
internal sealed class DiagnosticSink
{
    /// <summary>Drops every report: for the generator.</summary>
    public static readonly DiagnosticSink Null = new(collect: false);

    private readonly List<Diagnostic>? _diagnostics;

    /// <summary>A sink that keeps every report, in order.</summary>
    public DiagnosticSink()
        : this(collect: true)
    {
    }

    private DiagnosticSink(bool collect) => _diagnostics = collect ? new List<Diagnostic>() : null;

    /// <summary>False for <see cref="Null"/>: a caller may skip computing a location, or a warning-only check.</summary>
    public bool IsEnabled => _diagnostics is not null;

    /// <summary>Everything reported so far.</summary>
    public IReadOnlyList<Diagnostic> Diagnostics => _diagnostics ?? (IReadOnlyList<Diagnostic>)ImmutableArray<Diagnostic>.Empty;

    /// <summary>Whether an error has been reported (the analyzer skips the cross-method checks then).</summary>
    public bool HasErrors => _diagnostics is not null && _diagnostics.Exists(d => d.Severity == DiagnosticSeverity.Error);

    public void Report(DiagnosticDescriptor descriptor, Location? location, params object?[] args)
        => _diagnostics?.Add(Diagnostic.Create(descriptor, location ?? Location.None, args));

    public void Report(DiagnosticDescriptor descriptor, Location? location, ImmutableDictionary<string, string?> properties, params object?[] args)
        => _diagnostics?.Add(Diagnostic.Create(descriptor, location ?? Location.None, properties, args));
}
