using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;

namespace CachingGen.Benchmarks.Floor;

/// <summary>
/// The analyzer side of the floor: reads every method's attributes and, for [Cached] ones, the signature,
/// and reports nothing — what any attribute analyzer pays before checking anything.
/// </summary>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ReadOnlyAnalyzer : DiagnosticAnalyzer
{
    private static readonly DiagnosticDescriptor Never = new("FLOOR0001", "Floor", "Never reported ({0})", "Floor", DiagnosticSeverity.Hidden, isEnabledByDefault: true);

    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Never);

    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterSymbolAction(static c =>
        {
            var method = (IMethodSymbol)c.Symbol;
            foreach (var attribute in method.GetAttributes())
            {
                if (attribute.AttributeClass?.Name != "CachedAttribute")
                {
                    continue;
                }

                var touched = method.ReturnType.Name.Length;
                foreach (var parameter in method.Parameters)
                {
                    touched += parameter.Type.Name.Length;
                }

                if (touched < 0)
                {
                    c.ReportDiagnostic(Diagnostic.Create(Never, method.Locations[0], touched));
                }
            }
        }, SymbolKind.Method);
    }
}
