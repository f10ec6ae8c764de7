namespace CachingGen.Generator.Diagnostics;

/// <summary>Diagnostic IDs. Never reuse a number; retired IDs stay listed in AnalyzerReleases.</summary>
internal static class DiagnosticIds
{
    public const string UnknownPlaceholder = "CG0001";
    public const string MalformedTemplate = "CG0002";
    public const string InvalidTtl = "CG0003";
    public const string NotReachableThroughInterface = "CG0004";
    public const string UnsupportedReturnType = "CG0005";
    public const string MemberPathNotFound = "CG0006";
    public const string UnsupportedMethodShape = "CG0007";
    public const string UnsupportedRepositoryClass = "CG0008";
    public const string CancellationTokenInKey = "CG0009";
    public const string VeryLongTtl = "CG0010";
    public const string ParameterNotInKey = "CG0011";
    public const string ConflictingAttributes = "CG0012";
    public const string UnstableKeyText = "CG0013";
    public const string MutableCachedResult = "CG0014";
    public const string InvalidationNeverMatches = "CG0015";
    public const string KeyShapeCollision = "CG0016";
    public const string GeneratorFailure = "CG0017";
    public const string KeyCollision = "CG0018";
    public const string RegisteredAfterAddCachingGen = "CG0019";
    public const string RegisteredAsOwnType = "CG0020";
    public const string SettableCachedResult = "CG0021";
    public const string NoAddCachingGen = "CG0022";
    public const string UseNotCached = "CG0023";
    public const string InterceptorsNotEnabled = "CG0024";
    public const string UseNotInvalidating = "CG0025";
    public const string InvalidPolicyValue = "CG0026";
    public const string ContradictoryPolicy = "CG0027";
    public const string InvalidPolicyRule = "CG0028";
    public const string WriteNotInvalidating = "CG0029";
    public const string InvalidTableName = "CG0030";
    public const string NoEffect = "CG0031";
    public const string ChangeFeedCannotSee = "CG0032";
}
