namespace CachingGen.Generator.Parsing;

/// <summary>One string constructor argument of a CachingGen attribute: its value, and where it is written.</summary>
internal readonly struct AttributeArgument(AttributeData attribute, string name, int position)
{
    private readonly AttributeData _attribute = attribute;
    private readonly string _name = name;
    private readonly int _position = position;

    /// <summary>
    /// The constant string, or null when it is missing or not a string (the compiler reports that). The kind is
    /// checked first: <see cref="TypedConstant.Value"/> throws for an array constant.
    /// </summary>
    public string? Text
        => _attribute.ConstructorArguments.Length > _position && _attribute.ConstructorArguments[_position].Kind == TypedConstantKind.Primitive
            ? _attribute.ConstructorArguments[_position].Value as string
            : null;

    /// <summary>The whole argument expression, for a diagnostic about the value as a whole.</summary>
    public Location Location(CancellationToken cancellationToken)
        => AttributeArgumentLocator.Argument(_attribute, _name, _position, cancellationToken);

    /// <summary>Characters [start, start+length) of the string value, for a diagnostic about part of a template.</summary>
    public Location Inside(int start, int length, CancellationToken cancellationToken)
        => AttributeArgumentLocator.InsideString(_attribute, _name, _position, start, length, cancellationToken);
}
