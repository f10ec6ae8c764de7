namespace CachingGen.Generator.Model;

/// <summary>Everything one generated file needs: a repository class and its valid annotated methods.</summary>
internal sealed record RepositoryModel(RepositoryShell Shell, EquatableArray<MethodModel> Methods);
