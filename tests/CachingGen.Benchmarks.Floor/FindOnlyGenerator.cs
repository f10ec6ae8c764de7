using System.Linq;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Benchmarks.Floor;

/// <summary>
/// What any attribute-driven generator pays before doing its own work: Roslyn finding the [Cached] and
/// [Invalidates] methods (ForAttributeWithMetadataName) and, optionally, binding the signatures and the class's
/// interface members a decorator has to read. Emits one tiny file so the pipeline runs to the end.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class FindOnlyGenerator : IIncrementalGenerator
{
    private readonly bool _readSignatures;
    private readonly bool _readInterfaces;

    /// <summary>Finds the methods only (the form a real build loads).</summary>
    public FindOnlyGenerator()
        : this(readSignatures: false, readInterfaces: false)
    {
    }

    public FindOnlyGenerator(bool readSignatures, bool readInterfaces)
    {
        _readSignatures = readSignatures;
        _readInterfaces = readInterfaces;
    }

    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        var cached = context.SyntaxProvider.ForAttributeWithMetadataName("CachingGen.CachedAttribute", static (n, _) => n is MethodDeclarationSyntax, (c, _) => Read((IMethodSymbol)c.TargetSymbol));
        var invalidating = context.SyntaxProvider.ForAttributeWithMetadataName("CachingGen.InvalidatesAttribute", static (n, _) => n is MethodDeclarationSyntax, (c, _) => Read((IMethodSymbol)c.TargetSymbol));
        context.RegisterSourceOutput(cached.Collect().Combine(invalidating.Collect()), static (spc, all) =>
            spc.AddSource("Floor.g.cs", "// " + (all.Left.Sum() + all.Right.Sum()).ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    private int Read(IMethodSymbol method)
    {
        var touched = method.Name.Length;
        if (_readSignatures)
        {
            touched += method.ReturnType.Name.Length + method.Parameters.Sum(p => p.Type.Name.Length);
        }

        if (_readInterfaces)
        {
            foreach (var member in method.ContainingType.AllInterfaces.SelectMany(i => i.GetMembers()))
            {
                touched += member is IMethodSymbol m ? m.ReturnType.Name.Length + m.Parameters.Length : 1;
            }
        }

        return touched;
    }
}
