namespace CachingGen.Keys;

/// <summary>Why a key template is malformed, and where (indexes into the template).</summary>
internal readonly record struct TemplateError(string Reason, int Start, int Length);
