namespace CachingGen.Generator.Model;

/// <summary>Which <c>CacheKeyBuilder</c> method appends a placeholder's value.</summary>
internal enum ValueFormat
{
    /// <summary><c>AppendString</c>.</summary>
    String,

    /// <summary><c>AppendChar</c>.</summary>
    Char,

    /// <summary><c>AppendBoolean</c>.</summary>
    Boolean,

    /// <summary><c>AppendFormatted</c> (ISpanFormattable, invariant culture, no boxing).</summary>
    SpanFormattable,

    /// <summary><c>AppendObject</c> (IFormattable or ToString).</summary>
    Object,
}
