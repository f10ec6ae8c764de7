namespace CachingGen.Generator.Emit;

/// <summary>
/// The names of the types and files CachingGen generates for a repository, in one place: users and the registration
/// code refer to them, so each is spelled once.
/// </summary>
internal static class GeneratedNames
{
    /// <summary><c>{Base}CachingDecorator</c>: the decorator class.</summary>
    public static string Decorator(RepositoryShell shell) => shell.BaseName + "CachingDecorator";

    /// <summary>The decorator, <c>global::</c>-qualified, for the registration code.</summary>
    public static string QualifiedDecorator(RepositoryShell shell)
        => "global::" + (shell.Namespace.Length > 0 ? shell.Namespace + "." : string.Empty) + Decorator(shell);

    /// <summary><c>{Base}CacheMethods</c>: the descriptors of a class without interfaces (no decorator to hold them).</summary>
    public static string MethodsHolder(RepositoryShell shell) => shell.BaseName + "CacheMethods";

    /// <summary>The generated class holding the descriptors, <c>global::</c>-qualified: the decorator, or the holder.</summary>
    public static string QualifiedMethodsOwner(RepositoryShell shell)
        => "global::" + (shell.Namespace.Length > 0 ? shell.Namespace + "." : string.Empty) + (shell.Interfaces.Count > 0 ? Decorator(shell) : MethodsHolder(shell));

    /// <summary>The decorator's static array of its method descriptors, which the module initializer registers.</summary>
    public const string MethodsField = "CachingGenMethods";

    /// <summary><c>{Base}CacheKeys</c>: the public key builders.</summary>
    public static string KeysClass(RepositoryShell shell) => shell.BaseName + "CacheKeys";

    /// <summary>The hint name of the repository's generated file.</summary>
    public static string HintName(RepositoryShell shell)
    {
        var chars = shell.MetadataName.Select(c => char.IsLetterOrDigit(c) || c == '.' ? c : '_').ToArray();
        return new string(chars) + ".CachingGen.g.cs";
    }
}
