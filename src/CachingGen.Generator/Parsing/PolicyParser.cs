using System.Globalization;

namespace CachingGen.Generator.Parsing;

/// <summary>
/// Reads and validates the policy properties of <c>[Cached]</c> (fail-safe, timeouts, refresh-ahead, jitter, local TTL,
/// one load per cluster, <c>Unless</c>/<c>TtlFrom</c>), each error at the value that causes it: CG0026 for a value that is
/// wrong by itself, CG0027 for values that contradict each other or the method, CG0028 for a rule method that cannot serve.
/// </summary>
internal sealed partial class PolicyParser
{
    private const string DefaultBackoff = "30s";
    private const string DefaultClusterWait = "5s";

    private readonly DiagnosticSink _sink;
    private readonly CancellationToken _cancellationToken;

    public PolicyParser(DiagnosticSink sink, CancellationToken cancellationToken)
    {
        _sink = sink;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// The policy, null when the attribute states none. <paramref name="valid"/> turns false on any error, which makes the
    /// method invalid (no code is generated for a policy that does not hold).
    /// </summary>
    public PolicyModel? Parse(IMethodSymbol method, Lazy<string> displayName, AttributeData attribute, ReturnKind returnKind, ITypeSymbol? resultType, long ttlTicks, ref bool valid)
    {
        if (!attribute.NamedArguments.Any(static a => IsPolicyProperty(a.Key)))
        {
            return null;
        }

        var ok = true;
        var failSafe = Duration(attribute, displayName, AttributeArgumentNames.FailSafe, ref ok);
        var backoff = Duration(attribute, displayName, AttributeArgumentNames.FailSafeBackoff, ref ok);
        var soft = Duration(attribute, displayName, AttributeArgumentNames.SoftTimeout, ref ok);
        var hard = Duration(attribute, displayName, AttributeArgumentNames.HardTimeout, ref ok);
        var jitter = Duration(attribute, displayName, AttributeArgumentNames.Jitter, ref ok);
        var localTtl = Duration(attribute, displayName, AttributeArgumentNames.LocalTtl, ref ok);
        var clusterWait = Duration(attribute, displayName, AttributeArgumentNames.ClusterLoadWait, ref ok);
        var clusterSingleLoad = Named(attribute, AttributeArgumentNames.ClusterSingleLoad) is { Value: true };
        var refreshAhead = 0d;
        if (Named(attribute, AttributeArgumentNames.RefreshAhead) is { Value: double fraction } && fraction != 0)
        {
            // 0 is the default, "off"; anything else must be a fraction of the TTL.
            if (double.IsNaN(fraction) || fraction < 0 || fraction >= 1)
            {
                ok = Report(DiagnosticDescriptors.InvalidPolicyValue, attribute, AttributeArgumentNames.RefreshAhead, "RefreshAhead", displayName.Value, $"{fraction.ToString(CultureInfo.InvariantCulture)} is not a fraction of the TTL between 0 and 1 (exclusive); 0.8 reloads a key read after 80% of its TTL");
            }
            else
            {
                refreshAhead = fraction;
            }
        }

        var isSync = returnKind == ReturnKind.Sync;
        if (backoff is not null && failSafe is null)
        {
            ok = Report(DiagnosticDescriptors.ContradictoryPolicy, attribute, AttributeArgumentNames.FailSafeBackoff, "FailSafeBackoff", displayName.Value, "there is no FailSafe, so no failure is ever answered from a copy to back off from; set FailSafe (how long the last good value is kept), or remove FailSafeBackoff");
        }

        if (soft is not null && failSafe is null)
        {
            ok = Report(DiagnosticDescriptors.ContradictoryPolicy, attribute, AttributeArgumentNames.SoftTimeout, "SoftTimeout", displayName.Value, "a soft timeout answers a caller with the fail-safe copy, and there is no FailSafe; set FailSafe, or use HardTimeout to stop waiting without a copy");
        }

        if (soft is not null && hard is not null && soft.Ticks >= hard.Ticks)
        {
            ok = Report(DiagnosticDescriptors.ContradictoryPolicy, attribute, AttributeArgumentNames.SoftTimeout, "SoftTimeout", displayName.Value, $"the soft timeout ({soft.Text}) must be shorter than the hard timeout ({hard.Text}): it is the point at which a caller with a copy stops waiting, before every caller does");
        }

        if (isSync)
        {
            foreach (var (property, set) in new[] { (AttributeArgumentNames.SoftTimeout, soft is not null), (AttributeArgumentNames.HardTimeout, hard is not null), (AttributeArgumentNames.ClusterSingleLoad, clusterSingleLoad) })
            {
                if (set)
                {
                    ok = Report(DiagnosticDescriptors.ContradictoryPolicy, attribute, property, property, displayName.Value, "the method is synchronous, and a synchronous call cannot stop waiting without blocking a thread; return Task<T> or ValueTask<T>, or remove it");
                }
            }
        }

        if (clusterSingleLoad && attribute.NamedArguments.Any(static a => a.Key == AttributeArgumentNames.SpeculativeLoad && a.Value.Value is true))
        {
            ok = Report(DiagnosticDescriptors.ContradictoryPolicy, attribute, AttributeArgumentNames.ClusterSingleLoad, "ClusterSingleLoad", displayName.Value, "SpeculativeLoad starts the repository call on every miss without waiting for the distributed level, so there is no single load to share; keep one of the two");
        }

        if (clusterWait is not null && !clusterSingleLoad)
        {
            ok = Report(DiagnosticDescriptors.ContradictoryPolicy, attribute, AttributeArgumentNames.ClusterLoadWait, "ClusterLoadWait", displayName.Value, "ClusterSingleLoad is not set, so no instance waits for another's load; set ClusterSingleLoad = true, or remove ClusterLoadWait");
        }

        if (localTtl is not null && localTtl.Ticks >= ttlTicks && ttlTicks > 0)
        {
            ok = Report(DiagnosticDescriptors.ContradictoryPolicy, attribute, AttributeArgumentNames.LocalTtl, "LocalTtl", displayName.Value, $"the local TTL ({localTtl.Text}) must be shorter than the TTL, which already bounds the in-process level; remove it, or shorten it");
        }

        var unless = Rule(method, displayName, attribute, AttributeArgumentNames.Unless, resultType, "bool", static type => type.SpecialType == SpecialType.System_Boolean, ref ok);
        var ttlFrom = Rule(method, displayName, attribute, AttributeArgumentNames.TtlFrom, resultType, "System.TimeSpan", static type => type is INamedTypeSymbol { Name: "TimeSpan", ContainingNamespace: { Name: "System", ContainingNamespace.IsGlobalNamespace: true } }, ref ok);

        valid &= ok;
        if (!ok || (failSafe is null && soft is null && hard is null && refreshAhead == 0 && jitter is null && localTtl is null && !clusterSingleLoad && unless is null && ttlFrom is null))
        {
            // Invalid, or every property written states "off" (RefreshAhead = 0, ClusterSingleLoad = false): no policy.
            return null;
        }

        return new PolicyModel(
            failSafe,
            failSafe is null ? null : backoff ?? Default(DefaultBackoff),
            soft,
            hard,
            refreshAhead,
            jitter,
            localTtl,
            clusterSingleLoad,
            clusterSingleLoad ? clusterWait ?? Default(DefaultClusterWait) : null,
            unless,
            ttlFrom);
    }

    /// <summary>The TTL parser's reason, said of a policy duration rather than of a TTL.</summary>
    private static string Reword(string reason)
        => reason.Replace("a cached value needs a time to live above zero", "a duration must be above zero")
            .Replace("is not a TTL", "is not a duration")
            .Replace("a TTL has", "a duration has")
            .Replace("the TTL", "the duration");

    private static bool IsPolicyProperty(string name)
        => name is AttributeArgumentNames.FailSafe or AttributeArgumentNames.FailSafeBackoff or AttributeArgumentNames.SoftTimeout
            or AttributeArgumentNames.HardTimeout or AttributeArgumentNames.RefreshAhead or AttributeArgumentNames.Jitter
            or AttributeArgumentNames.LocalTtl or AttributeArgumentNames.ClusterSingleLoad or AttributeArgumentNames.ClusterLoadWait
            or AttributeArgumentNames.Unless or AttributeArgumentNames.TtlFrom;

    private static DurationModel Default(string text) => new(TtlParser.Parse(text).Ttl.Ticks, text);

    /// <summary>The last assignment of a named property, as the compiled attribute holds it; null when absent or an error.</summary>
    private static TypedConstant? Named(AttributeData attribute, string property)
    {
        TypedConstant? value = null;
        foreach (var named in attribute.NamedArguments)
        {
            if (named.Key == property && named.Value.Kind == TypedConstantKind.Primitive)
            {
                value = named.Value;
            }
        }

        return value;
    }

    /// <summary>A duration property: written like a TTL, above zero. Null when absent or set to null.</summary>
    private DurationModel? Duration(AttributeData attribute, Lazy<string> name, string property, ref bool ok)
    {
        if (Named(attribute, property) is not { Value: string text })
        {
            return null;
        }

        var parsed = TtlParser.Parse(text);
        if (!parsed.IsValid)
        {
            if (_sink.IsEnabled)
            {
                var properties = parsed.Suggestions.IsEmpty
                    ? ImmutableDictionary<string, string?>.Empty
                    : ImmutableDictionary<string, string?>.Empty.Add(DiagnosticProperties.TtlSuggestions, string.Join(DiagnosticProperties.TtlSuggestionSeparator, parsed.Suggestions));
                _sink.Report(DiagnosticDescriptors.InvalidPolicyValue, AttributeArgumentLocator.Named(attribute, property, _cancellationToken), properties, property, name.Value, Reword(parsed.Reason));
            }

            ok = false;
            return null;
        }

        return new DurationModel(parsed.Ttl.Ticks, text);
    }

    /// <summary>Reports at the property's value; returns false, for <c>ok = Report(...)</c>.</summary>
    private bool Report(DiagnosticDescriptor descriptor, AttributeData attribute, string property, params object?[] args)
    {
        if (_sink.IsEnabled)
        {
            _sink.Report(descriptor, AttributeArgumentLocator.Named(attribute, property, _cancellationToken), args);
        }

        return false;
    }
}
