using System.Collections.Concurrent;
using CachingGen.Generator.Parsing;
using Microsoft.CodeAnalysis.CSharp.Syntax;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.Operations;
using Microsoft.CodeAnalysis.Text;

namespace CachingGen.Generator.Analyzers;

/// <summary>
/// Checks DI registrations of annotated repositories where they are written: one that comes after
/// <c>AddCachingGen()</c> on the same collection in the same body (CG0019), which the runtime cannot decorate
/// any more, and one that registers the class as itself (CG0020), which the decorator cannot stand in for.
/// The runtime start-up check catches the rest (other methods, factories); this is the part the compiler can see.
/// </summary>
/// <remarks>
/// Every invocation in the compilation comes through here, so the method name is checked first and nothing else is
/// touched for the others; the body is only searched for an earlier <c>AddCachingGen</c> once a registration of an
/// annotated class is found.
/// </remarks>
internal sealed class RegistrationChecks(bool interceptors)
{
    private const string AddCachingGen = "AddCachingGen";

    private readonly ConcurrentDictionary<INamedTypeSymbol, bool> _annotated = new(SymbolEqualityComparer.Default);

    // For CG0022: every registration of an annotated repository, and whether AddCachingGen is called anywhere.
    private readonly ConcurrentBag<(Location Location, string Implementation)> _registrations = new();
    private int _callsAddCachingGen;

    public void Analyze(OperationAnalysisContext context)
    {
        var invocation = (IInvocationOperation)context.Operation;
        var method = invocation.TargetMethod;
        if (IsAddCachingGen(method))
        {
            Volatile.Write(ref _callsAddCachingGen, 1);
            return;
        }

        if (!IsRegistrationName(method.Name)
            || !IsRegistrationType(method.ContainingType)
            || !TryGetTypes(invocation, out var service, out var implementation)
            || !IsAnnotated(implementation))
        {
            return;
        }

        var location = Location.Create(invocation.Syntax.SyntaxTree, NameToEnd(invocation.Syntax));
        var implementationName = implementation.ToDisplayString(SymbolFormats.Short);
        _registrations.Add((location, implementationName));
        // With interceptors, a registration of the class itself is fine: AddCachingGen ties the instance to its cache
        // and the calls made on the class are intercepted.
        if (!interceptors && SymbolEqualityComparer.Default.Equals(service, implementation))
        {
            // A class without interfaces has no decorator to register by: its methods already say so (CG0004).
            if (ImplementationLookup.RelevantInterfaces(implementation).FirstOrDefault() is not { } first)
            {
                return;
            }

            var @interface = first.ToDisplayString(SymbolFormats.Short);
            var keyed = method.Name.Contains("Keyed");
            var call = $"{method.Name.Replace("TryAdd", "Add")}<{@interface}, {implementationName}>({(keyed ? "key" : string.Empty)})";
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RegisteredAsOwnType, location, implementationName, call));
        }
        else if (IsAfterAddCachingGen(invocation))
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.RegisteredAfterAddCachingGen, location, implementationName));
        }
    }

    /// <summary>
    /// At the end of an application's compilation (an executable: a library's registrations are usually decorated by
    /// the application that calls it): annotated repositories registered, and no <c>AddCachingGen</c> anywhere (CG0022).
    /// </summary>
    public void End(CompilationAnalysisContext context)
    {
        if (Volatile.Read(ref _callsAddCachingGen) != 0
            || context.Compilation.Options.OutputKind is not (OutputKind.ConsoleApplication or OutputKind.WindowsApplication or OutputKind.WindowsRuntimeApplication))
        {
            return;
        }

        if (!_registrations.IsEmpty && WritesAddCachingGen(context.Compilation, context.CancellationToken))
        {
            return;
        }

        foreach (var (location, implementation) in _registrations)
        {
            context.ReportDiagnostic(Diagnostic.Create(DiagnosticDescriptors.NoAddCachingGen, location, implementation));
        }
    }

    /// <summary>
    /// Whether a call named <c>AddCachingGen</c> is written anywhere, bound or not. A call whose lambda has an error
    /// (<c>o.UseRedis(…)</c> without <c>using CachingGen;</c>: CS1061) binds to no method, so the operations above never
    /// see it; then the compiler's error is the one to fix, and "never calls AddCachingGen" would be false. Read only
    /// when CG0022 would otherwise be reported.
    /// </summary>
    private static bool WritesAddCachingGen(Compilation compilation, CancellationToken cancellationToken)
    {
        foreach (var tree in compilation.SyntaxTrees)
        {
            // The text first: most files never mention it, and their trees need not be walked.
            if (!tree.GetText(cancellationToken).ToString().Contains(AddCachingGen))
            {
                continue;
            }

            var root = tree.GetRoot(cancellationToken);
            if (root.DescendantNodes().OfType<InvocationExpressionSyntax>().Any(i => i.Expression switch
            {
                MemberAccessExpressionSyntax member => member.Name.Identifier.ValueText == AddCachingGen,
                IdentifierNameSyntax name => name.Identifier.ValueText == AddCachingGen,
                _ => false,
            }))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>Add</c>/<c>TryAdd</c> + optional <c>Keyed</c> + a lifetime: the registrations that name their types.</summary>
    private static bool IsRegistrationName(string name)
    {
        var rest = name.StartsWith("TryAdd", System.StringComparison.Ordinal) ? name.Substring(6)
            : name.StartsWith("Add", System.StringComparison.Ordinal) ? name.Substring(3)
            : null;
        if (rest is null)
        {
            return false;
        }

        if (rest.StartsWith("Keyed", System.StringComparison.Ordinal))
        {
            rest = rest.Substring(5);
        }

        return rest is "Scoped" or "Singleton" or "Transient";
    }

    /// <summary>Microsoft's <c>Add…</c> (ServiceCollectionServiceExtensions) and <c>TryAdd…</c> (ServiceCollectionDescriptorExtensions).</summary>
    private static bool IsRegistrationType(INamedTypeSymbol type)
        => TypeNames.Is(type, "Microsoft.Extensions.DependencyInjection", "ServiceCollectionServiceExtensions")
            || TypeNames.Is(type, "Microsoft.Extensions.DependencyInjection.Extensions", "ServiceCollectionDescriptorExtensions");

    /// <summary>
    /// The service and implementation types of a registration that names them (type arguments or <c>typeof</c>);
    /// false for a factory or an instance, whose implementation is not written there.
    /// </summary>
    private static bool TryGetTypes(IInvocationOperation invocation, out INamedTypeSymbol service, out INamedTypeSymbol implementation)
    {
        service = implementation = null!;
        var types = invocation.TargetMethod.TypeArguments.OfType<INamedTypeSymbol>().ToList();
        if (types.Count != invocation.TargetMethod.TypeArguments.Length)
        {
            return false;
        }

        foreach (var argument in invocation.Arguments)
        {
            var parameter = argument.Parameter;
            if (parameter is null)
            {
                return false;
            }

            if (parameter.Ordinal == 0 || parameter.Name == "serviceKey")
            {
                continue; // the collection, the key
            }

            if (TypeNames.Is(parameter.Type, "System", "Type") && Unwrap(argument.Value) is ITypeOfOperation { TypeOperand: INamedTypeSymbol type })
            {
                types.Add(type);
                continue;
            }

            return false;
        }

        if (types.Count is 0 or > 2)
        {
            return false;
        }

        service = types[0];
        implementation = types[types.Count - 1];
        return true;
    }

    private bool IsAnnotated(INamedTypeSymbol type)
        => type.TypeKind == TypeKind.Class
            && _annotated.GetOrAdd(type, static t => t.GetMembers().Any(static m => m is IMethodSymbol && AttributeNames.IsAnnotated(m)));

    /// <summary>
    /// Whether an <c>AddCachingGen</c> call on the same collection comes before <paramref name="registration"/>:
    /// earlier in its own call chain, or earlier in the same body on the same local, parameter, field or property.
    /// </summary>
    private static bool IsAfterAddCachingGen(IInvocationOperation registration)
    {
        var receiver = ChainRoot(registration, out var chainedAfter);
        if (chainedAfter)
        {
            return true;
        }

        var root = registration.Parent;
        while (root?.Parent is not null)
        {
            root = root.Parent;
        }

        var start = registration.Syntax.SpanStart;
        foreach (var operation in root?.Descendants() ?? Enumerable.Empty<IOperation>())
        {
            if (operation is IInvocationOperation { TargetMethod.Name: AddCachingGen } call && IsAddCachingGen(call.TargetMethod)
                && call.Syntax.Span.End <= start
                && call.Arguments.Length > 0
                && SameReceiver(ChainRoot(call, out _), receiver))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// The collection a call is made on, through a chain (<c>services.AddCachingGen().AddScoped&lt;..&gt;()</c>);
    /// <paramref name="afterAddCachingGen"/> says whether the chain passes through <c>AddCachingGen</c>.
    /// </summary>
    private static IOperation? ChainRoot(IInvocationOperation invocation, out bool afterAddCachingGen)
    {
        afterAddCachingGen = false;
        var receiver = invocation.Arguments.Length > 0 ? Unwrap(invocation.Arguments[0].Value) : null;
        while (receiver is IInvocationOperation { TargetMethod.IsExtensionMethod: true } inner && inner.Arguments.Length > 0)
        {
            afterAddCachingGen |= IsAddCachingGen(inner.TargetMethod);
            receiver = Unwrap(inner.Arguments[0].Value);
        }

        return receiver;
    }

    /// <summary>
    /// The DI call <c>services.AddCachingGen()</c>, not another method of that name (the health check's
    /// <c>IHealthChecksBuilder.AddCachingGen()</c> registers nothing that decorates).
    /// </summary>
    private static bool IsAddCachingGen(IMethodSymbol method)
        => method.Name == AddCachingGen && method.ContainingType?.Name == "CachingGenServiceCollectionExtensions";

    private static bool SameReceiver(IOperation? a, IOperation? b) => (Unwrap(a), Unwrap(b)) switch
    {
        (ILocalReferenceOperation x, ILocalReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Local, y.Local),
        (IParameterReferenceOperation x, IParameterReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Parameter, y.Parameter),
        (IFieldReferenceOperation x, IFieldReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Field, y.Field) && SameInstance(x.Instance, y.Instance),
        (IPropertyReferenceOperation x, IPropertyReferenceOperation y) => SymbolEqualityComparer.Default.Equals(x.Property, y.Property) && SameInstance(x.Instance, y.Instance),
        (IInstanceReferenceOperation, IInstanceReferenceOperation) => true,
        _ => false,
    };

    private static bool SameInstance(IOperation? a, IOperation? b) => (a is null && b is null) || SameReceiver(a, b);

    private static IOperation? Unwrap(IOperation? operation)
    {
        while (operation is IConversionOperation { IsImplicit: true } conversion)
        {
            operation = conversion.Operand;
        }

        return operation;
    }

    /// <summary>From the method name to the end of the call (<c>AddScoped&lt;IRepo, Repo&gt;()</c>), not the receiver before it.</summary>
    private static TextSpan NameToEnd(SyntaxNode syntax)
        => syntax is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax access }
            ? TextSpan.FromBounds(access.Name.SpanStart, syntax.Span.End)
            : syntax.Span;
}
