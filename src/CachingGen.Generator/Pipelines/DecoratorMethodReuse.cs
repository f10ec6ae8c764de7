using System;
using System.Collections.Generic;
using System.Linq;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// The decorator pipeline's models of annotated methods, kept by <see cref="DecoratorMethods"/> (one per stream, that is
/// per generator driver; never static) across declaration changes that cannot change them. Any declaration change makes
/// a new <see cref="DeclarationSnapshot"/>, which re-runs every method's step; without this, a parameter added to one
/// method parsed all of a project's annotated methods again (2,000 in the realistic editor project).
/// A method is parsed again unless all of these are as they were when it was parsed:
/// <list type="bullet">
/// <item>its locator (the file, the place, the attributes' text);</item>
/// <item>the environment (options, references, assembly name);</item>
/// <item>the declarations of every file that declares a type its model is read from (<see cref="DependencyFiles"/>): its
/// class and the class's containers, bases and interfaces (the shell, which of the class's methods is its first
/// annotated one), and every source type its parameters and return type reach through type arguments, bases, properties,
/// fields and constructors (key member paths, the result type and its stored shape);</item>
/// <item>the shape of the declarations and the members its signature and attributes name
/// (<see cref="CompilationBindings.SameFor"/>): a type added that a name now binds to changes the shape, a constant a
/// TTL names is in the shape, a <c>nameof</c> in an attribute names a member.</item>
/// </list>
/// </summary>
internal sealed class DecoratorMethodReuse
{
    private readonly KeptPerEnvironment<(string File, string Container, string Name, int Ordinal), Entry> _kept = new();

    /// <summary>
    /// The method's result under <paramref name="snapshot"/>: the kept one when nothing it depends on changed, else
    /// <paramref name="parse"/>'s, kept when it parsed a method of ours without a failure.
    /// </summary>
    public MethodResult Get(MethodLocator locator, DeclarationSnapshot snapshot, Func<(MethodResult Result, IMethodSymbol? Method)> parse)
    {
        var entries = _kept.For(snapshot.Environment);
        var key = (locator.FilePath, locator.Container, locator.Name, locator.Ordinal);
        if (entries.TryGetValue(key, out var kept)
            && kept.Locator == locator
            && kept.Environment.Same(snapshot.Environment)
            && kept.Files.All(f => snapshot.Fingerprint(f.Path) == f.Fingerprint)
            && snapshot.Bindings.Value.SameFor(kept.Bindings))
        {
            return kept.Result;
        }

        var (result, method) = parse();
        if (method is not null && result.Failure is null && result.ClassKey is not null
            && method.DeclaringSyntaxReferences.FirstOrDefault()?.GetSyntax() is MethodDeclarationSyntax declaration)
        {
            var files = DependencyFiles(method).Select(path => (path, snapshot.Fingerprint(path))).ToArray();
            // The locator without the tree it was read from (equal all the same): an entry keeps no file alive.
            entries[key] = new Entry(locator with { Current = default }, snapshot.Environment, snapshot.Bindings.Value.For(Names(declaration, locator)), files, result);
        }
        else
        {
            // A failure may be a fault of the moment: it is never kept.
            entries.TryRemove(key, out _);
        }

        return result;
    }

    /// <summary>The paths of the files that declare a source type the method's model is read from (see the class).</summary>
    public static IReadOnlyCollection<string> DependencyFiles(IMethodSymbol method)
    {
        var files = new HashSet<string>(StringComparer.Ordinal);
        var seen = new HashSet<ITypeSymbol>(SymbolEqualityComparer.Default);
        var pending = new Stack<ITypeSymbol>();
        for (INamedTypeSymbol? type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            pending.Push(type);
        }

        pending.Push(method.ReturnType);
        foreach (var parameter in method.Parameters)
        {
            pending.Push(parameter.Type);
        }

        while (pending.Count > 0)
        {
            var type = pending.Pop();
            if (!seen.Add(type))
            {
                continue;
            }

            foreach (var next in Reached(type, files))
            {
                pending.Push(next);
            }
        }

        return files;
    }

    // The types a model read from `type` may also have read; the files of a source type noted.
    private static IEnumerable<ITypeSymbol> Reached(ITypeSymbol type, HashSet<string> files)
    {
        switch (type)
        {
            case IArrayTypeSymbol array:
                return [array.ElementType];
            case ITypeParameterSymbol parameter:
                return parameter.ConstraintTypes;
            case INamedTypeSymbol named:
                var reached = new List<ITypeSymbol>(named.TypeArguments);
                if (named.DeclaringSyntaxReferences.Length == 0)
                {
                    // From a reference: the environment stands for all of it.
                    return reached;
                }

                foreach (var reference in named.DeclaringSyntaxReferences)
                {
                    files.Add(reference.SyntaxTree.FilePath);
                }

                if (named.BaseType is { } baseType)
                {
                    reached.Add(baseType);
                }

                reached.AddRange(named.AllInterfaces);
                if (named.ContainingType is { } container)
                {
                    reached.Add(container);
                }

                foreach (var member in named.GetMembers())
                {
                    switch (member)
                    {
                        case IPropertySymbol property:
                            reached.Add(property.Type);
                            break;
                        case IFieldSymbol field:
                            reached.Add(field.Type);
                            break;
                        case IMethodSymbol { MethodKind: MethodKind.Constructor } constructor:
                            reached.AddRange(constructor.Parameters.Select(p => p.Type));
                            break;
                    }
                }

                return reached;
            default:
                return [];
        }
    }

    // What the signature and the attributes name; the body counts for nothing (bodies are not in the model).
    private static string[] Names(MethodDeclarationSyntax declaration, MethodLocator locator)
    {
        var parts = new List<SyntaxNode>(declaration.AttributeLists) { declaration.ReturnType, declaration.ParameterList };
        if (declaration.TypeParameterList is { } typeParameters)
        {
            parts.Add(typeParameters);
        }

        parts.AddRange(declaration.ConstraintClauses);
        if (declaration.ExplicitInterfaceSpecifier is { } explicitInterface)
        {
            parts.Add(explicitInterface);
        }

        return parts.SelectMany(CompilationBindings.References)
            .Concat(CompilationBindings.Words(locator.AttributeText))
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    // Holds no compilation, no syntax tree and no state of the whole compilation's declarations: a method deleted or
    // renamed in an editor leaves an entry of a few hundred bytes behind until the environment next changes.
    private sealed record Entry(MethodLocator Locator, CompilationEnvironment Environment, BindingsFor Bindings, (string Path, ulong Fingerprint)[] Files, MethodResult Result);
}
