namespace CachingGen.Generator.Model;

/// <summary>A call to intercept, or why the generator could not process it (CG0017 at the call).</summary>
internal sealed record CallSiteResult(CallSiteModel? Call, GeneratorFailure? Failure);
