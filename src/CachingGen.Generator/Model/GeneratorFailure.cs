namespace CachingGen.Generator.Model;

/// <summary>A method the generator could not process because of a bug in CachingGen: reported as CG0017, at its location.</summary>
/// <param name="Method">The method, as diagnostics display it.</param>
/// <param name="ExceptionType">The exception's type name.</param>
/// <param name="Message">The exception's message.</param>
/// <param name="Location">Where to report it (the method, or its class when emitting failed), if in source.</param>
internal sealed record GeneratorFailure(string Method, string ExceptionType, string Message, LocationInfo? Location)
{
    public Diagnostic ToDiagnostic()
        => Diagnostic.Create(DiagnosticDescriptors.GeneratorFailure, Location?.ToLocation() ?? Microsoft.CodeAnalysis.Location.None, Method, ExceptionType, Message);
}
