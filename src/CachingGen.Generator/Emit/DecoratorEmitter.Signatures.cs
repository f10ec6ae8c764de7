namespace CachingGen.Generator.Emit;

/// <summary>How <see cref="DecoratorEmitter"/> writes an interface member back: its signature, argument lists and the plain forward to the inner repository.</summary>
internal static partial class DecoratorEmitter
{
    private static void EmitForward(SourceWriter writer, InterfaceMemberModel member, string field)
    {
        switch (member.Kind)
        {
            case MemberKind.Method:
                var typeArguments = member.TypeParameters.Count == 0 ? string.Empty : "<" + string.Join(", ", member.TypeParameters) + ">";
                writer.Line($"{Signature(member)} => {(member.ReturnRefKind.Length > 0 ? "ref " : string.Empty)}{field}.{member.Name}{typeArguments}({Arguments(member.Parameters)});");
                break;
            case MemberKind.Property when member.ReturnRefKind.Length > 0:
                writer.Line($"{member.ReturnRefKind}{member.Type} {member.Interface}.{member.Name} => ref {field}.{member.Name};");
                break;
            case MemberKind.Property:
                writer.Line($"{member.Type} {member.Interface}.{member.Name} {{ {Accessors(member, $"{field}.{member.Name}")} }}");
                break;
            case MemberKind.Indexer when member.ReturnRefKind.Length > 0:
                writer.Line($"{member.ReturnRefKind}{member.Type} {member.Interface}.this[{ParameterList(member.Parameters)}] => ref {field}[{Arguments(member.Parameters)}];");
                break;
            case MemberKind.Indexer:
                writer.Line($"{member.Type} {member.Interface}.this[{ParameterList(member.Parameters)}] {{ {Accessors(member, $"{field}[{Arguments(member.Parameters)}]")} }}");
                break;
            case MemberKind.Event:
                writer.Line($"event {member.Type} {member.Interface}.{member.Name} {{ add => {field}.{member.Name} += value; remove => {field}.{member.Name} -= value; }}");
                break;
        }
    }

    private static string Accessors(InterfaceMemberModel member, string target)
    {
        var parts = new List<string>();
        if (member.HasGetter)
        {
            parts.Add($"get => {target};");
        }

        if (member.HasSetter)
        {
            parts.Add($"set => {target} = value;");
        }

        return string.Join(" ", parts);
    }

    private static string Signature(InterfaceMemberModel member)
    {
        var typeParameters = member.TypeParameters.Count == 0 ? string.Empty : "<" + string.Join(", ", member.TypeParameters) + ">";
        return $"{member.ReturnRefKind}{member.Type} {member.Interface}.{member.Name}{typeParameters}({ParameterList(member.Parameters)})";
    }

    private static string ParameterList(EquatableArray<ParameterModel> parameters)
        => string.Join(", ", parameters.Select(p => $"{p.RefKind}{p.Type} {p.Name}"));

    private static string Arguments(EquatableArray<ParameterModel> parameters, string? replaceToken = null)
        => CacheAsideSteps.Arguments(parameters, replaceToken);

    /// <summary>", a, b": the decorator's own parameters that feed the key builder, by position.</summary>
    private static string RootArguments(KeyTemplateModel template, InterfaceMemberModel member)
        => string.Concat(template.RootOrdinals.Select(ordinal => ", " + member.Parameters[ordinal].Name));
}
