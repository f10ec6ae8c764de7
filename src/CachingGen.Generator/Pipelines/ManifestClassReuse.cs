using System;
using System.Linq;
using CachingGen.Generator.Coverage;
using CachingGen.Generator.Hashing;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CachingGen.Generator.Pipelines;

/// <summary>
/// What the manifest read from each repository class, kept by <see cref="ManifestPipeline"/> (one per pipeline, that is
/// per generator driver; never static) across declaration changes that cannot change it. Any declaration change makes a
/// new <see cref="DeclarationSnapshot"/>, which re-runs every class's step; a class is read again only when its file's
/// text differs, the environment (options, references, assembly name) differs, or the declarations changed in the
/// shape or in a member whose name the class refers to (<see cref="CompilationBindings.SameFor"/>): its simple names, and
/// the words of its strings (a key's member path, <c>&lt;order.Id&gt;</c>, names a property in a string).
/// </summary>
internal sealed class ManifestClassReuse
{
    private readonly KeptPerEnvironment<(string File, string Container, string Name, int Ordinal), Entry> _kept = new();

    /// <summary>The class's models as read under <paramref name="snapshot"/>: kept ones when nothing they depend on changed, else <paramref name="read"/>'s.</summary>
    public EquatableArray<CoverageMethodModel>? Get(ClassLocator locator, DeclarationSnapshot snapshot, Func<(EquatableArray<CoverageMethodModel>? Models, SyntaxNode? Declaration)> read)
    {
        var entries = _kept.For(snapshot.Environment);
        var key = (locator.FilePath, locator.Container, locator.Name, locator.Ordinal);
        if (entries.TryGetValue(key, out var kept)
            && kept.Locator == locator
            && kept.Environment.Same(snapshot.Environment)
            && snapshot.Bindings.Value.SameFor(kept.Bindings))
        {
            return kept.Models;
        }

        var (models, declaration) = read();
        if (declaration is not null)
        {
            entries[key] = new Entry(locator, snapshot.Environment, snapshot.Bindings.Value.For(Names(declaration)), models);
        }
        else
        {
            entries.TryRemove(key, out _);
        }

        return models;
    }

    // The names the class refers to, and the words of its strings (a key's member path, its SQL).
    private static string[] Names(SyntaxNode declaration)
        => CompilationBindings.SpelledNames(declaration).Distinct(StringComparer.Ordinal).ToArray();

    // Holds no compilation and no state of the whole compilation's declarations (see DecoratorMethodReuse).
    private sealed record Entry(ClassLocator Locator, CompilationEnvironment Environment, BindingsFor Bindings, EquatableArray<CoverageMethodModel>? Models);
}
