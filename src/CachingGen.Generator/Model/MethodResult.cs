namespace CachingGen.Generator.Model;

/// <summary>The transform's output for one annotated method: its class (null when the class cannot be decorated) and the method (null when invalid).</summary>
internal sealed record MethodResult(RepositoryShell? Shell, MethodModel? Method);
