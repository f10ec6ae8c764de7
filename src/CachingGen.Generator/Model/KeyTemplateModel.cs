namespace CachingGen.Generator.Model;

/// <summary>A key template bound to a method's parameters.</summary>
/// <param name="Text">The template as written.</param>
/// <param name="Segments">Literal and placeholder parts, in order.</param>
/// <param name="Roots">The parameters the template reads, in first-use order (the key builder's parameters).</param>
/// <param name="RootOrdinals">Position of each root among the method's parameters, so the decorator can pass
/// its own (interface-named) parameters.</param>
/// <param name="IsPrefix">An <c>[Invalidates]</c> template ending in <c>:*</c>: it names every key starting with the rest.</param>
internal sealed record KeyTemplateModel(
    string Text,
    EquatableArray<KeySegmentModel> Segments,
    EquatableArray<ParameterModel> Roots,
    EquatableArray<int> RootOrdinals,
    bool IsPrefix = false);
