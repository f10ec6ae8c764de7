namespace CachingGen.Generator.Model;

/// <summary>One call of an annotated method on its class (not through an interface) that an interceptor replaces.</summary>
/// <param name="FilePath">The file of the call: interceptors are emitted per calling file.</param>
/// <param name="Version">The <c>InterceptsLocation</c> encoding version.</param>
/// <param name="Data">The <c>InterceptsLocation</c> data (opaque to the generator).</param>
/// <param name="Display">Where the call is, for the generated comment ("File.cs(12,9)").</param>
/// <param name="Target">The method called.</param>
/// <param name="CallsClass">The generated class of this project that holds the bodies for the target's class
/// (named per calling assembly: two projects' copies never meet, even through InternalsVisibleTo).</param>
internal sealed record CallSiteModel(string FilePath, int Version, string Data, string Display, InterceptedMethodModel Target, string CallsClass);
