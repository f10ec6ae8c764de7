namespace CachingGen.Generator.Parsing;

/// <summary>
/// Turns annotated methods and their classes into equatable models, reporting what is wrong into a
/// <see cref="DiagnosticSink"/>. The generator passes <see cref="DiagnosticSink.Null"/> (it only needs the models);
/// the analyzer passes a collecting sink and reports. The models never depend on the sink, so both agree on what
/// is valid. One instance per caller and cancellation token; the components below do the work.
/// </summary>
internal sealed class RepositoryParser
{
    private readonly ShellParser _shells;
    private readonly MethodParser _methods;

    /// <param name="sink">Where problems are reported (<see cref="DiagnosticSink.Null"/> for the generator).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <param name="interceptors">Whether this project's calls are intercepted; it changes what is reported (static
    /// methods and methods outside interfaces are only a problem without interceptors), never the models.</param>
    public RepositoryParser(DiagnosticSink sink, CancellationToken cancellationToken, bool interceptors = true)
    {
        _shells = new ShellParser(sink, interceptors, cancellationToken);
        _methods = new MethodParser(sink, interceptors, cancellationToken);
    }

    /// <summary>The class's shell; null when it cannot be decorated (reported) or has nothing to decorate.</summary>
    public RepositoryShell? ParseShell(INamedTypeSymbol type) => _shells.Parse(type);

    /// <summary>
    /// The shell of <paramref name="method"/>'s class when <paramref name="method"/> is the class's first annotated
    /// method, else null: a class with n annotated methods is then analysed once by the generator, not n times.
    /// </summary>
    public RepositoryShell? ParseShellOnce(IMethodSymbol method) => IsFirstAnnotated(method) ? _shells.Parse(method.ContainingType) : null;

    /// <summary>Only the class-level checks, reported; false when the class cannot be decorated.</summary>
    public bool CheckShell(INamedTypeSymbol type) => _shells.Check(type, out _);

    /// <summary>The method's compiled cache policy; null when it is invalid (reported).</summary>
    public MethodModel? ParseMethod(IMethodSymbol method) => _methods.Parse(method);

    private static bool IsFirstAnnotated(IMethodSymbol method)
    {
        foreach (var member in method.ContainingType.GetMembers())
        {
            if (member is IMethodSymbol candidate && AttributeNames.IsAnnotated(candidate))
            {
                return SymbolEqualityComparer.Default.Equals(candidate, method);
            }
        }

        return false;
    }
}
