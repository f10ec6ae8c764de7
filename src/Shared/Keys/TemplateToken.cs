namespace CachingGen.Keys;

/// <summary>A piece of a key template: literal text, or a placeholder path (without the angle brackets).</summary>
/// <param name="IsPlaceholder">Whether it is a placeholder.</param>
/// <param name="Text">Literal text, or the placeholder path such as <c>order.Customer.Id</c>.</param>
/// <param name="Start">Index in the template of the token (of the <c>&lt;</c> for a placeholder).</param>
/// <param name="Length">Length in the template (angle brackets included for a placeholder).</param>
internal readonly record struct TemplateToken(bool IsPlaceholder, string Text, int Start, int Length);
