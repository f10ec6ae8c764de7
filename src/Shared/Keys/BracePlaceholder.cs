namespace CachingGen.Keys;

/// <summary>
/// <c>{id}</c> written where <c>&lt;id&gt;</c> was meant (string-interpolation habit): where it is, and the placeholder
/// that replaces it when the text between the braces is a parameter name or member path (else null).
/// </summary>
internal readonly record struct BracePlaceholder(TemplateError Error, string? Replacement);
