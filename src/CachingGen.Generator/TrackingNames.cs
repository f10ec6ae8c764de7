namespace CachingGen.Generator;

/// <summary>Names of the generator's pipeline steps, for incremental-caching tests.</summary>
internal static class TrackingNames
{
    public const string CachedMethods = nameof(CachedMethods);
    public const string InvalidatingMethods = nameof(InvalidatingMethods);
    public const string Repositories = nameof(Repositories);
    public const string Repository = nameof(Repository);
    public const string MethodModels = nameof(MethodModels);
    public const string Registrations = nameof(Registrations);
    public const string InterceptorSettings = nameof(InterceptorSettings);
    public const string InterceptedNames = nameof(InterceptedNames);
    public const string BindingDeclarations = nameof(BindingDeclarations);
    public const string ScanInputs = nameof(ScanInputs);
    public const string CallSiteFiles = nameof(CallSiteFiles);
    public const string CalledClasses = nameof(CalledClasses);
    public const string CoverageClasses = nameof(CoverageClasses);
    public const string Manifest = nameof(Manifest);
}
