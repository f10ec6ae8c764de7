namespace CachingGen.Generator.Parsing;

/// <summary>
/// CG0031: an annotated method nothing can ever stand in for. The decorator sees only calls through an interface,
/// and an interceptor is generated outside the class, so a method that implements no interface member and that
/// code outside its class cannot call (private, protected, in a private or file-local class) or that lives in a
/// generic class is never cached nor invalidates anything, whatever its callers do. Each call of it says so as
/// information (CG0023), which a command-line build does not print; the attribute itself then says it as a warning.
/// </summary>
internal static class NoEffectRule
{
    /// <summary>Why the attribute can have no effect, or null when the decorator or an interceptor can act for it.</summary>
    public static string? Reason(IMethodSymbol method)
    {
        // An abstract class's method is decorated in its concrete class (CG0008 speaks of that); an explicit interface
        // implementation is private in metadata but reached through the interface.
        if ((method.ContainingType.IsAbstract && !method.ContainingType.IsStatic) || ImplementationLookup.ImplementsInterfaceMember(method))
        {
            return null;
        }

        if (IsHidden(method.DeclaredAccessibility))
        {
            return "it is private or protected, and implements no interface member: the decorator sees only calls through an interface, and a generated interceptor cannot call it from outside the class; make it internal or public, or declare it on the repository's interface";
        }

        for (var type = method.ContainingType; type is not null; type = type.ContainingType)
        {
            if (type.IsFileLocal || IsHidden(type.DeclaredAccessibility))
            {
                return $"its class '{type.Name}' is {(type.IsFileLocal ? "file-local" : "private or protected")}, and the method implements no interface member: a generated interceptor cannot call it; make the class internal or public, or declare the method on an interface";
            }

            if (type.IsGenericType)
            {
                return $"its class '{type.Name}' is generic, which interceptors do not support, and the method implements no interface member; declare it on an interface the class implements";
            }
        }

        return null;
    }

    private static bool IsHidden(Accessibility accessibility)
        => accessibility is Accessibility.Private or Accessibility.Protected or Accessibility.ProtectedAndInternal;
}
