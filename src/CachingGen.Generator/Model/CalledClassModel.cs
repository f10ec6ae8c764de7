namespace CachingGen.Generator.Model;

/// <summary>
/// The annotated methods of one class that this compilation calls on the class: one file per class holds their
/// cache-aside bodies, each carrying the <c>[InterceptsLocation]</c> of every call it replaces.
/// </summary>
/// <param name="ContainingType">The class, <c>global::</c>-qualified.</param>
/// <param name="ClassName">The generated class's name (see <see cref="CallSiteModel.CallsClass"/>).</param>
/// <param name="Methods">The methods called, in a stable order (by documentation id).</param>
internal sealed record CalledClassModel(string ContainingType, string ClassName, EquatableArray<CalledMethodModel> Methods);
