namespace CachingGen.Generator.Tests.Infrastructure;

/// <summary>Finding one analyzer diagnostic and the exact text it underlines.</summary>
internal static class DiagnosticAssert
{
    /// <summary>The one diagnostic <paramref name="id"/> the analyzer reports on <paramref name="source"/> (fails on none, several or an analyzer crash).</summary>
    public static async Task<Diagnostic> SingleAsync(string source, string id, bool interceptors = true)
    {
        var diagnostics = await GeneratorHarness.AnalyzeAsync(source, interceptors);
        Assert.DoesNotContain(diagnostics, d => d.Id == "AD0001");
        var matching = diagnostics.Where(d => d.Id == id).ToList();
        Assert.True(matching.Count == 1, $"expected one {id}, got: {string.Join("; ", diagnostics.Select(d => d.ToString()))}");
        return matching[0];
    }

    public static string Underlined(Diagnostic diagnostic)
    {
        Assert.True(diagnostic.Location.IsInSource, "diagnostic has no source location");
        return diagnostic.Location.SourceTree!.GetText().ToString(diagnostic.Location.SourceSpan);
    }
}
