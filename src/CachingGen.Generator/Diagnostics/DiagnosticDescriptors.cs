namespace CachingGen.Generator.Diagnostics;

/// <summary>Every diagnostic CachingGen reports. Each has a page under docs/diagnostics/.</summary>
internal static class DiagnosticDescriptors
{
    private const string Category = "CachingGen";
    private const string HelpBase = "https://github.com/cachinggen/cachinggen/blob/main/docs/diagnostics/";

    public static readonly DiagnosticDescriptor UnknownPlaceholder = Error(
        DiagnosticIds.UnknownPlaceholder,
        "Key placeholder does not name a parameter",
        "The placeholder '<{0}>' does not name a parameter of '{1}'{2}");

    public static readonly DiagnosticDescriptor MalformedTemplate = Error(
        DiagnosticIds.MalformedTemplate,
        "Malformed key template",
        "The key template \"{0}\" is malformed: {1}");

    public static readonly DiagnosticDescriptor InvalidTtl = Error(
        DiagnosticIds.InvalidTtl,
        "Invalid time to live",
        "The TTL of '{0}' is invalid: {1}");

    public static readonly DiagnosticDescriptor NotReachableThroughInterface = Error(
        DiagnosticIds.NotReachableThroughInterface,
        "Annotated method is not reachable through an interface",
        "'{0}' does not implement a member of an interface that '{1}' implements, and interceptors are off in this project (CachingGenInterceptors), so nothing caches its calls: the decorator only sees calls made through an interface; turn interceptors on, or declare '{0}' on the repository's interface");

    public static readonly DiagnosticDescriptor UnsupportedReturnType = Error(
        DiagnosticIds.UnsupportedReturnType,
        "Unsupported return type",
        "'{0}' returns '{1}', which {2} cannot wrap: {3}");

    public static readonly DiagnosticDescriptor MemberPathNotFound = Error(
        DiagnosticIds.MemberPathNotFound,
        "Key member path not found",
        "In the placeholder '<{0}>', {1}");

    public static readonly DiagnosticDescriptor UnsupportedMethodShape = Error(
        DiagnosticIds.UnsupportedMethodShape,
        "Unsupported method shape",
        "'{0}' cannot be decorated: {1}");

    public static readonly DiagnosticDescriptor UnsupportedRepositoryClass = Error(
        DiagnosticIds.UnsupportedRepositoryClass,
        "Repository class cannot be decorated",
        "'{0}' has annotated methods but cannot be decorated: {1}");

    public static readonly DiagnosticDescriptor CancellationTokenInKey = Error(
        DiagnosticIds.CancellationTokenInKey,
        "CancellationToken in a key",
        "The placeholder '<{0}>' names a CancellationToken, which is never part of a key; remove it from the template");

    public static readonly DiagnosticDescriptor VeryLongTtl = Warning(
        DiagnosticIds.VeryLongTtl,
        "Time to live over 30 days",
        "The TTL of '{0}' is {1}, over 30 days; entries that outlive their data for that long are usually a typo (days for hours) or a cache that should be invalidated instead");

    public static readonly DiagnosticDescriptor ParameterNotInKey = Error(
        DiagnosticIds.ParameterNotInKey,
        "Parameter missing from the key",
        "Parameter '{0}' of '{1}' is not in the key \"{2}\": calls that differ only in '{0}' share one cache entry and get each other's results; add :<{0}> to the key");

    public static readonly DiagnosticDescriptor ConflictingAttributes = Warning(
        DiagnosticIds.ConflictingAttributes,
        "Conflicting or repeated cache attributes",
        "'{0}' {1}");

    public static readonly DiagnosticDescriptor UnstableKeyText = Warning(
        DiagnosticIds.UnstableKeyText,
        "Key value has no stable text",
        "The placeholder '<{0}>' has type '{1}', which has no stable text form: {2}; different values would share one cache entry. {3}");

    public static readonly DiagnosticDescriptor MutableCachedResult = Warning(
        DiagnosticIds.MutableCachedResult,
        "Cached result is a mutable collection",
        "'{0}' returns '{1}', a mutable collection that every caller of the cached entry shares, so one caller's change is seen by all the others; return '{2}' instead");

    public static readonly DiagnosticDescriptor InvalidationNeverMatches = Error(
        DiagnosticIds.InvalidationNeverMatches,
        "Invalidation matches no cached key",
        "[Invalidates(\"{0}\")] on '{1}' can never match a [Cached] key in this project, so it removes nothing{2}");

    public static readonly DiagnosticDescriptor KeyShapeCollision = Error(
        DiagnosticIds.KeyShapeCollision,
        "Cached keys collide across result types",
        "The key \"{0}\" of '{1}' can produce the same keys as \"{2}\" of '{3}', which returns '{4}' instead of '{5}'; the two methods would read each other's entries. Give each a distinct literal prefix.");

    public static readonly DiagnosticDescriptor KeyCollision = Error(
        DiagnosticIds.KeyCollision,
        "Cached keys of two methods collide",
        "The key \"{0}\" of '{1}' can produce the same keys as \"{2}\" of '{3}' (for example when a value contains the text the other template has there); the two methods would read each other's entries. Give each a distinct literal prefix.");

    public static readonly DiagnosticDescriptor RegisteredAfterAddCachingGen = Warning(
        DiagnosticIds.RegisteredAfterAddCachingGen,
        "Repository registered after AddCachingGen()",
        "'{0}' is registered after AddCachingGen() and will not be decorated: its [Cached]/[Invalidates] methods are not cached; call AddCachingGen() after registering it");

    public static readonly DiagnosticDescriptor RegisteredAsOwnType = Warning(
        DiagnosticIds.RegisteredAsOwnType,
        "Repository registered as its own type",
        "'{0}' is registered as its own type and interceptors are off in this project, so its [Cached]/[Invalidates] methods are not cached: the decorator implements its interfaces, not the class; register it by interface, e.g. {1}, and inject the interface, or turn interceptors on");

    public static readonly DiagnosticDescriptor SettableCachedResult = Warning(
        DiagnosticIds.SettableCachedResult,
        "Cached result type can be changed after it is cached",
        "'{0}' returns '{1}', whose '{2}' can be set: the in-process cache hands every caller the same instance, so one caller's change is seen by the others, while a value read from Redis is a fresh copy; make '{1}' a record with init properties or an immutable class");

    // Reported at the end of the compilation (it needs every call in it): tagged so, as Roslyn requires (RS1037).
    public static readonly DiagnosticDescriptor NoAddCachingGen = new(
        DiagnosticIds.NoAddCachingGen,
        "Repository registered but AddCachingGen() is never called",
        "'{0}' is registered, but this application never calls AddCachingGen(), so it is not decorated and its [Cached]/[Invalidates] methods are not cached; call services.AddCachingGen() after registering the repositories",
        Category,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + DiagnosticIds.NoAddCachingGen + ".md",
        customTags: WellKnownDiagnosticTags.CompilationEnd);

    // Information, not a warning: a deliberate delegate to a cached read is common and correct, only slower.
    public static readonly DiagnosticDescriptor UseNotCached = new(
        DiagnosticIds.UseNotCached,
        "This use of a [Cached] method is not cached",
        "This use of '{0}' is not cached: {1}",
        Category,
        DiagnosticSeverity.Info,
        isEnabledByDefault: true,
        helpLinkUri: HelpBase + DiagnosticIds.UseNotCached + ".md");

    public static readonly DiagnosticDescriptor InterceptorsNotEnabled = Warning(
        DiagnosticIds.InterceptorsNotEnabled,
        "Interceptors are not enabled for CachingGen",
        "This call of '{0}' is made on its class, which only an interceptor can cache or invalidate, but the compiler is not allowed to use CachingGen's interceptors: add CachingGen.Generated to <InterceptorsNamespaces> (the CachingGen package does so; a project reference to the generator does not), or set <CachingGenInterceptors>false</CachingGenInterceptors> to accept uncached calls");

    // A warning, unlike CG0023: the write happens and the cached reads it affects keep serving the old value.
    public static readonly DiagnosticDescriptor UseNotInvalidating = Warning(
        DiagnosticIds.UseNotInvalidating,
        "This use of an [Invalidates] method does not invalidate",
        "This use of '{0}' does not invalidate its keys, so cached reads keep the old value until their TTL: {1}");

    /// <summary>A policy value of <c>[Cached]</c> wrong by itself: a duration that does not parse, a fraction out of range.</summary>
    public static readonly DiagnosticDescriptor InvalidPolicyValue = Error(
        DiagnosticIds.InvalidPolicyValue,
        "Invalid caching policy value",
        "The {0} of '{1}' is invalid: {2}");

    /// <summary>Policy values that contradict each other or the method (a soft timeout without fail-safe, on a sync method…).</summary>
    public static readonly DiagnosticDescriptor ContradictoryPolicy = Error(
        DiagnosticIds.ContradictoryPolicy,
        "Caching policy does not hold together",
        "The {0} of '{1}' cannot apply: {2}");

    /// <summary>An <c>Unless</c>/<c>TtlFrom</c> method that cannot serve: missing, wrong signature, not static, not accessible enough.</summary>
    public static readonly DiagnosticDescriptor InvalidPolicyRule = Error(
        DiagnosticIds.InvalidPolicyRule,
        "Invalid Unless or TtlFrom method",
        "{0} = \"{1}\" on '{2}' cannot be used: {3}");

    /// <summary>A method's SQL writes a table that a cached read reads, and none of its [Invalidates] can remove that read's keys.</summary>
    public static readonly DiagnosticDescriptor WriteNotInvalidating = Warning(
        DiagnosticIds.WriteNotInvalidating,
        "A write that changes what a cached read returns invalidates nothing of it",
        "'{0}' writes '{1}', which '{2}' ({3}) reads; it invalidates none of its keys, so that read serves the old value until its TTL ends");

    /// <summary>A [ReadsTable]/[WritesTable] name that cannot be a table.</summary>
    public static readonly DiagnosticDescriptor InvalidTableName = Error(
        DiagnosticIds.InvalidTableName,
        "Invalid table name",
        "'{0}' is not a table name: {1}");

    /// <summary>Reported by the generator itself, never by the analyzer: the one diagnostic for a bug in CachingGen.</summary>
    public static readonly DiagnosticDescriptor GeneratorFailure = Warning(
        DiagnosticIds.GeneratorFailure,
        "Method not cached: internal generator error",
        "'{0}' is not cached: CachingGen could not process it ({1}: {2}). Please report this bug.");

    public static readonly DiagnosticDescriptor NoEffect = Warning(
        DiagnosticIds.NoEffect,
        "[Cached] or [Invalidates] can have no effect on this method",
        "{0} on '{1}' has no effect: {2}");

    /// <summary>With the change feed on: a [Cached] read whose tables the SQL analysis cannot all see.</summary>
    public static readonly DiagnosticDescriptor ChangeFeedCannotSee = Warning(
        DiagnosticIds.ChangeFeedCannotSee,
        "A cached read the change feed cannot cover",
        "'{0}' may read tables the change feed cannot see: {1}; name each with [ReadsTable(\"…\")] so writes from anywhere invalidate it (a read of no database table needs nothing: suppress CG0032 for it)");

    private static DiagnosticDescriptor Warning(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Warning, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");

    private static DiagnosticDescriptor Error(string id, string title, string message)
        => new(id, title, message, Category, DiagnosticSeverity.Error, isEnabledByDefault: true, helpLinkUri: HelpBase + id + ".md");
}
