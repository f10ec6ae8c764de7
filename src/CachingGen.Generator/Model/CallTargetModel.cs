namespace CachingGen.Generator.Model;

/// <summary>
/// The method a call binds to, as far as its declaration says: what the call-site scan can know without reading the
/// method's attributes' arguments. A key or TTL edit leaves it equal, so the scan of every calling file is kept; the
/// policy is joined in afterwards from the decorator pipeline's model of the method (<see cref="With"/>).
/// </summary>
/// <param name="MethodId">The method's documentation id: the key to its <see cref="MethodModel"/>.</param>
/// <param name="ContainingType">The class, <c>global::</c>-qualified: the interceptor's receiver type.</param>
/// <param name="IsStatic">Whether the method is static (no receiver; the process's cache).</param>
/// <param name="ReturnType">The return type as declared, <c>global::</c>-qualified, with nullable annotations.</param>
/// <param name="Parameters">The method's parameters under their own names (the key templates read them).</param>
/// <param name="StaticTakesOwnClass">A static method whose first parameter is its own class.</param>
/// <param name="Referenced">For a method of a referenced assembly, its model, read from metadata (which changes only with
/// the reference, and a changed reference scans again); null for a method of this compilation.</param>
internal sealed record CallTargetModel(
    string MethodId,
    string ContainingType,
    bool IsStatic,
    string ReturnType,
    EquatableArray<ParameterModel> Parameters,
    bool StaticTakesOwnClass,
    MethodModel? Referenced)
{
    /// <summary>The method as its interceptor calls it, with <paramref name="method"/> as its policy.</summary>
    public InterceptedMethodModel With(MethodModel method) => new(method, ContainingType, IsStatic, ReturnType, Parameters, StaticTakesOwnClass);
}
