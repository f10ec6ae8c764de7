namespace CachingGen.Generator.Model;

/// <summary>
/// The transform's output for one annotated method: the key of its class, the class's shell (computed by the
/// class's first annotated method only, so a class with n annotated methods is analysed once, not n times;
/// null on the others and when the class cannot be decorated), the method (null when invalid), and the failure
/// to report when the generator itself could not process the method.
/// </summary>
internal sealed record MethodResult(string? ClassKey, RepositoryShell? Shell, MethodModel? Method, GeneratorFailure? Failure = null);
