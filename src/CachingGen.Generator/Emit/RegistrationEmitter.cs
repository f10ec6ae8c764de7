namespace CachingGen.Generator.Emit;

/// <summary>
/// Emits the assembly's module initializer that tells the runtime which decorator goes in front of which
/// repository, so <c>AddCachingGen</c> needs no type scanning and works across projects.
/// </summary>
internal static class RegistrationEmitter
{
    public const string HintName = "CachingGen.Registrations.g.cs";

    public static string Emit(EquatableArray<RegistrationModel> registrations)
    {
        var writer = new SourceWriter();
        writer.Lines(GeneratedCode.Header);
        writer.Line();
        writer.Line("namespace CachingGen.Generated");
        writer.Open();
        writer.Line("/// <summary>Registers this assembly's annotated classes, their decorators and method descriptors with the runtime.</summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Open("internal static class CachingGenDecoratorRegistrations");
        writer.Line("[global::System.Runtime.CompilerServices.ModuleInitializer]");
        writer.Open("internal static void Register()");
        foreach (var registration in registrations)
        {
            var serviceTypes = string.Join(", ", registration.Interfaces.Select(i => $"typeof({i})"));
            writer.Line("global::CachingGen.Infrastructure.DecoratorRegistry.Register(new global::CachingGen.Infrastructure.DecoratorRegistration(");
            writer.Line($"    typeof({registration.Repository}),");
            writer.Line($"    new global::System.Type[] {{ {serviceTypes} }},");
            writer.Line(registration.Decorator is { } decorator
                ? $"    static (inner, cache) => new {decorator}(({registration.Repository})inner, cache),"
                : "    null, // no interface, so no decorator: interceptors cache its calls");
            writer.Line($"    {registration.MethodsOwner}.{GeneratedNames.MethodsField}));");
        }

        writer.Close();
        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
