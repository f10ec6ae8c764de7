namespace CachingGen.Generator.Model;

/// <summary>The interceptors of one calling file.</summary>
/// <param name="FilePath">The calling file.</param>
/// <param name="Calls">Its intercepted calls, in source order.</param>
internal sealed record InterceptorFileModel(string FilePath, EquatableArray<CallSiteModel> Calls);
