using System.Globalization;
using CachingGen.Keys;

namespace CachingGen.Generator.Emit;

/// <summary>
/// Emits a method's descriptor (its compiled policy, <c>CacheMethod</c>) as a static field. The decorator and each
/// project's interceptors emit one; the runtime hands them all the same instance, so they share counters.
/// </summary>
internal static class DescriptorEmitter
{
    private const string Infrastructure = "global::CachingGen.Infrastructure";

    public static void Emit(SourceWriter writer, MethodModel method, string field)
    {
        if (method.Cached is { } cached)
        {
            writer.Line($"private static readonly {Infrastructure}.CacheMethod {field} = {Infrastructure}.CacheMethod.ForCached(");
            writer.Line($"    {CSharpText.Literal(method.DisplayName)}, {CSharpText.Literal(cached.Key.Text)}, global::System.TimeSpan.FromTicks({cached.TtlTicks}L) /* {cached.TtlText} */, cacheNulls: {(cached.CacheNulls ? "true" : "false")}{(cached.SpeculativeLoad ? ", speculativeLoad: true" : string.Empty)},");
            var resultType = CSharpText.Literal(cached.ResultType.Replace("global::", string.Empty));
            if (cached.Policy is not { } policy)
            {
                writer.Line($"    resultShape: 0x{cached.ResultShape:X8}u /* serialized shape of {cached.ResultType} */, resultType: {resultType});");
                return;
            }

            writer.Line($"    resultShape: 0x{cached.ResultShape:X8}u /* serialized shape of {cached.ResultType} */, resultType: {resultType},");
            EmitPolicy(writer, policy, cached.ResultType);
            return;
        }

        var templates = string.Join(", ", method.Invalidates.Select(t => t.Text));
        var prefixes = string.Concat(method.Invalidates.Where(t => t.IsPrefix).Select(t => $", new {Infrastructure}.PrefixShape({CSharpText.Literal(PrefixHead(t))}, {PrefixDepth(t)})"));
        writer.Line($"private static readonly {Infrastructure}.CacheMethod {field} = {Infrastructure}.CacheMethod.ForInvalidating(");
        writer.Line($"    {CSharpText.Literal(method.DisplayName)}, {CSharpText.Literal(templates)}{prefixes});");
    }

    /// <summary>The <c>policy:</c> argument: one line per policy the attribute states, each with the value as written.</summary>
    private static void EmitPolicy(SourceWriter writer, PolicyModel policy, string resultType)
    {
        writer.Line($"    policy: new {Infrastructure}.CachePolicy");
        writer.Line("    {");
        Duration(writer, "FailSafe", policy.FailSafe);
        Duration(writer, "FailSafeBackoff", policy.FailSafeBackoff);
        Duration(writer, "SoftTimeout", policy.SoftTimeout);
        Duration(writer, "HardTimeout", policy.HardTimeout);
        if (policy.RefreshAhead > 0)
        {
            writer.Line($"        RefreshAhead = {policy.RefreshAhead.ToString("R", CultureInfo.InvariantCulture)}d,");
        }

        Duration(writer, "Jitter", policy.Jitter);
        Duration(writer, "LocalTtl", policy.LocalTtl);
        if (policy.ClusterSingleLoad)
        {
            writer.Line("        ClusterSingleLoad = true,");
        }

        Duration(writer, "ClusterLoadWait", policy.ClusterLoadWait);
        if (policy.Unless is { } unless)
        {
            writer.Line($"        Unless = (global::System.Func<{resultType}, bool>){unless},");
        }

        if (policy.TtlFrom is { } ttlFrom)
        {
            writer.Line($"        TtlFrom = (global::System.Func<{resultType}, global::System.TimeSpan>){ttlFrom},");
        }

        writer.Line("    });");
    }

    private static void Duration(SourceWriter writer, string property, DurationModel? duration)
    {
        if (duration is not null)
        {
            writer.Line($"        {property} = global::System.TimeSpan.FromTicks({duration.Ticks}L) /* {duration.Text.Replace("*/", "* /")} */,");
        }
    }

    /// <summary>The literal text of a prefix template before its first placeholder.</summary>
    private static string PrefixHead(KeyTemplateModel template)
        => string.Concat(template.Segments.TakeWhile(s => s.Literal is not null).Select(s => s.Literal));

    /// <summary>How many separators the built prefix has: those of the literal text (values escape their own).</summary>
    private static int PrefixDepth(KeyTemplateModel template)
        => template.Segments.Where(s => s.Literal is not null).Sum(s => KeyGrammar.SeparatorCount(s.Literal!));
}
