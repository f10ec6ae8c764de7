namespace CachingGen.Generator.Model;

/// <summary>An annotated method as its interceptors call it: its policy and its own signature.</summary>
/// <param name="Method">The compiled policy (the same model the decorator uses).</param>
/// <param name="ContainingType">The class, <c>global::</c>-qualified: the interceptor's receiver type.</param>
/// <param name="IsStatic">Whether the method is static (no receiver; the process's cache).</param>
/// <param name="ReturnType">The return type as declared, <c>global::</c>-qualified, with nullable annotations.</param>
/// <param name="Parameters">The method's parameters under their own names (the key templates read them).</param>
/// <param name="StaticTakesOwnClass">A static method whose first parameter is its own class: its body's parameters would
/// read like an instance method's, so the body gets another name.</param>
internal sealed record InterceptedMethodModel(
    MethodModel Method,
    string ContainingType,
    bool IsStatic,
    string ReturnType,
    EquatableArray<ParameterModel> Parameters,
    bool StaticTakesOwnClass = false);
