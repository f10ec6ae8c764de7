namespace CachingGen.Generator.Model;

/// <summary>
/// What one file contributes to the interceptors: its calls to intercept, in source order, and the calls the generator
/// failed on (CG0017 at the call). One per file of the compilation, so that an edit changes one of them.
/// </summary>
/// <param name="FilePath">The calling file.</param>
/// <param name="Calls">Its calls to intercept.</param>
/// <param name="Failures">Calls it could not process: they stay as written, uncached.</param>
internal sealed record CallSiteFileModel(string FilePath, EquatableArray<CallSiteModel> Calls, EquatableArray<GeneratorFailure> Failures)
{
    public bool IsEmpty => Calls.Count == 0 && Failures.Count == 0;
}
