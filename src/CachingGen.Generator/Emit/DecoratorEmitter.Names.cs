namespace CachingGen.Generator.Emit;

/// <summary>The names <see cref="DecoratorEmitter"/> gives the inner repository's fields and the method descriptors.</summary>
internal static partial class DecoratorEmitter
{
    private static Dictionary<string, string> InnerFields(RepositoryShell shell)
    {
        var fields = new Dictionary<string, string>();
        foreach (var @interface in shell.Interfaces)
        {
            if (fields.Count == 0)
            {
                fields[@interface] = "_inner";
                continue;
            }

            var simple = new string(@interface.Split('.').Last().TakeWhile(char.IsLetterOrDigit).ToArray());
            fields[@interface] = Identifiers.Unique("_innerAs" + simple, fields.Values);
        }

        return fields;
    }

    private static Dictionary<string, DescriptorName> DescriptorNames(EquatableArray<MethodModel> methods)
    {
        var names = new Dictionary<string, DescriptorName>();
        foreach (var method in methods)
        {
            names[method.Id] = new DescriptorName(Identifiers.Unique(Identifiers.CamelCase(method.Name), names.Values.Select(n => n.Stem)));
        }

        return names;
    }
}
