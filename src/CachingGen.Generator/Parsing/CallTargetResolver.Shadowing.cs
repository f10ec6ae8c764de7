using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Parsing;

/// <summary>How <see cref="CallTargetResolver"/> tells that a receiver's name could mean a local or a parameter (then it does not answer).</summary>
internal sealed partial class CallTargetResolver
{
    /// <summary>Whether something other than a member could be what <paramref name="name"/> means at the call: a local, a local function, a parameter.</summary>
    private bool IsShadowed(SyntaxNode call, string name)
    {
        var member = call.FirstAncestorOrSelf<MemberDeclarationSyntax>(static n => n is BaseMethodDeclarationSyntax or PropertyDeclarationSyntax or IndexerDeclarationSyntax or FieldDeclarationSyntax or EventDeclarationSyntax);
        return member is null
            || DeclaresLocal(member, name)
            || (member is BaseMethodDeclarationSyntax method && method.ParameterList.Parameters.Any(p => p.Identifier.ValueText == name))
            || call.FirstAncestorOrSelf<TypeDeclarationSyntax>()?.ParameterList?.Parameters.Any(p => p.Identifier.ValueText == name) == true;
    }

    /// <summary>Whether anything inside <paramref name="member"/> declares <paramref name="name"/> (locals, parameters of lambdas and local functions, patterns, loops, catch).</summary>
    private bool DeclaresLocal(MemberDeclarationSyntax member, string name)
    {
        if (!ReferenceEquals(member, _member))
        {
            _member = member;
            _memberLocals = DeclaredNames(member);
            _memberParameterTypes.Clear();
        }

        return _memberLocals!.Contains(name);
    }

    private static HashSet<string> DeclaredNames(MemberDeclarationSyntax member)
    {
        var names = new HashSet<string>(System.StringComparer.Ordinal);
        foreach (var node in member.DescendantNodes())
        {
            var declared = node switch
            {
                VariableDeclaratorSyntax v => v.Identifier,
                SingleVariableDesignationSyntax d => d.Identifier,
                ForEachStatementSyntax f => f.Identifier,
                CatchDeclarationSyntax c => c.Identifier,
                ParameterSyntax { Parent.Parent: not BaseMethodDeclarationSyntax } p => p.Identifier,
                LocalFunctionStatementSyntax l => l.Identifier,
                FromClauseSyntax q => q.Identifier,
                LetClauseSyntax q => q.Identifier,
                JoinClauseSyntax q => q.Identifier,
                JoinIntoClauseSyntax q => q.Identifier,
                QueryContinuationSyntax q => q.Identifier,
                _ => default,
            };

            if (declared.ValueText is { Length: > 0 } text)
            {
                names.Add(text);
            }
        }

        return names;
    }
}
