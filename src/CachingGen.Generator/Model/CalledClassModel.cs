namespace CachingGen.Generator.Model;

/// <summary>
/// The annotated methods of one class that this compilation calls on the class: their interceptor bodies are
/// emitted once, in one file per class, and each calling file's interceptors forward to them.
/// </summary>
/// <param name="ContainingType">The class, <c>global::</c>-qualified.</param>
/// <param name="ClassName">The generated class's name (see <see cref="CallSiteModel.CallsClass"/>).</param>
/// <param name="Methods">The methods called, in a stable order (by documentation id).</param>
internal sealed record CalledClassModel(string ContainingType, string ClassName, EquatableArray<InterceptedMethodModel> Methods);
