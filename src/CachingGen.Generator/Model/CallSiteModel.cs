namespace CachingGen.Generator.Model;

/// <summary>One call of an annotated method on its class (not through an interface) that an interceptor replaces.</summary>
/// <param name="Location">Where the call is, as the compiler's <c>InterceptsLocation</c> wants it.</param>
/// <param name="Target">The method called, as its declaration says (its policy is joined in per class, see <see cref="CallTargetModel"/>).</param>
/// <param name="CallsClass">The generated class of this project that holds the bodies for the target's class
/// (named per calling assembly: two projects' copies never meet, even through InternalsVisibleTo).</param>
internal sealed record CallSiteModel(InterceptLocationModel Location, CallTargetModel Target, string CallsClass);
