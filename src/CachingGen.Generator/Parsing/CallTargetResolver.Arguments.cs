using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>How <see cref="CallTargetResolver"/> reads a call's arguments against a method's parameters: by count, name and ref kind only (their types are binding's).</summary>
internal sealed partial class CallTargetResolver
{
    /// <summary>Whether the arguments can be the method's: as many as it takes (with defaults), each name one of its parameters, no ref kinds.</summary>
    private static bool ArgumentsFit(IMethodSymbol method, ArgumentListSyntax arguments)
    {
        var parameters = method.Parameters;
        if (parameters.Any(p => p.IsParams) || arguments.Arguments.Count > parameters.Length)
        {
            return false;
        }

        var required = parameters.Count(p => !p.IsOptional);
        if (arguments.Arguments.Count < required)
        {
            // Named arguments could still cover them, but not with fewer arguments than required.
            return false;
        }

        foreach (var argument in arguments.Arguments)
        {
            if (!argument.RefKindKeyword.IsKind(SyntaxKind.None)
                || (argument.NameColon is { } named && !parameters.Any(p => p.Name == named.Name.Identifier.ValueText)))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>
    /// Whether no call with these arguments can bind to <paramref name="method"/>: more arguments than it has parameters,
    /// fewer than it requires, or a name it has no parameter for (never with a <c>params</c> parameter, nor with
    /// <c>__arglist</c>, which its parameters leave out).
    /// </summary>
    private static bool CannotTake(IMethodSymbol method, ArgumentListSyntax arguments)
    {
        var parameters = method.Parameters;
        return !method.IsVararg
            && !parameters.Any(p => p.IsParams)
            && (arguments.Arguments.Count > parameters.Length
                || arguments.Arguments.Count < parameters.Count(p => !p.IsOptional)
                || arguments.Arguments.Any(a => a.NameColon is { } named && !parameters.Any(p => p.Name == named.Name.Identifier.ValueText)));
    }
}
