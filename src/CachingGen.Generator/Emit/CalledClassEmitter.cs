using CachingGen.Generator.Parsing;

namespace CachingGen.Generator.Emit;

/// <summary>
/// Emits, once per called class, the cache-aside bodies of its annotated methods that this compilation calls on the
/// class: the same steps as the decorator (find the cache, build the key, hit or miss; or call, then invalidate),
/// calling the original method itself. Each body is the interceptor: it carries one <c>[InterceptsLocation]</c> per
/// call it replaces, so a call costs one attribute line here (no method per call), and stepping into an intercepted
/// call in the debugger lands here, then in the user's method. An edit in a calling file changes its calls' locations,
/// so it regenerates the file of each class it calls.
/// </summary>
internal static class CalledClassEmitter
{
    private const string Infrastructure = "global::CachingGen.Infrastructure";

    /// <summary>
    /// The body's name: the method's own (overloads stay overloads, told apart by their parameters), with a suffix for a
    /// static method whose first parameter is its own class, whose body would read like an instance method's.
    /// </summary>
    public static string MethodName(InterceptedMethodModel target)
        => target.StaticTakesOwnClass ? target.Method.Name + "_Static" : SymbolFormats.Identifier(target.Method.Name);

    public static string HintName(CalledClassModel model) => $"CachingGen.Calls.{model.ClassName}.g.cs";

    public static string Emit(CalledClassModel model)
    {
        var calls = model.Methods.Sum(m => m.Calls.Count);
        var writer = new SourceWriter((model.Methods.Count * 3000) + (calls * 160));
        writer.Lines(GeneratedCode.Header);
        writer.Line();
        writer.Line("namespace System.Runtime.CompilerServices");
        writer.Open();
        writer.Line("// The compiler recognises the attribute by name; a file-local copy clashes with no other generator's.");
        writer.Line("[global::System.AttributeUsage(global::System.AttributeTargets.Method, AllowMultiple = true)]");
        writer.Open("file sealed class InterceptsLocationAttribute : global::System.Attribute");
        writer.Line("public InterceptsLocationAttribute(int version, string data) { _ = version; _ = data; }");
        writer.Close();
        writer.Close();
        writer.Line();
        writer.Line($"namespace {InterceptionRules.Namespace}");
        writer.Open();
        writer.Line("/// <summary>");
        writer.Line($"/// The cache-aside bodies of the methods of <see cref=\"{model.ContainingType}\"/> this project calls on the class");
        writer.Line("/// (not through an interface): the compiler calls each body in place of the calls its [InterceptsLocation] list.");
        writer.Line("/// </summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Line("[global::System.ComponentModel.EditorBrowsable(global::System.ComponentModel.EditorBrowsableState.Never)]");
        writer.Open($"internal static class {model.ClassName}");

        // The bodies (and their miss paths) keep the methods' names: overloads stay overloads. Descriptors and key
        // builders take no parameters to tell them apart, so theirs are made unique.
        var taken = new List<string>();
        var helpers = model.Methods.Select(called =>
        {
            var target = called.Target;
            var unique = Identifiers.Unique(target.Method.Name + (target.StaticTakesOwnClass ? "_Static" : string.Empty), taken);
            taken.Add(unique);
            return unique;
        }).ToList();

        writer.Line("// One descriptor per method: its policy. The runtime gives the decorator and every copy of a method's descriptor");
        writer.Line("// the same instance, so a method counts on one set of counters however it is called.");
        for (var i = 0; i < model.Methods.Count; i++)
        {
            DescriptorEmitter.Emit(writer, model.Methods[i].Target.Method, Descriptor(helpers[i]));
        }

        for (var i = 0; i < model.Methods.Count; i++)
        {
            writer.Line();
            var called = model.Methods[i];
            var target = called.Target;
            var keys = Templates(target.Method).Select((template, n) => (Template: template, Name: $"{helpers[i]}Key{(n == 0 ? string.Empty : (n + 1).ToString(System.Globalization.CultureInfo.InvariantCulture))}")).ToList();
            if (target.Method.Cached is not null)
            {
                EmitCached(writer, called, MethodName(target), Descriptor(helpers[i]), keys[0].Name);
            }
            else
            {
                EmitInvalidating(writer, called, MethodName(target), Descriptor(helpers[i]), keys);
            }

            // A cached body appends its key on the stack; only invalidation asks for the key as a string.
            foreach (var (template, name) in keys)
            {
                writer.Line();
                KeyBuilderEmitter.EmitBuilder(writer, name, template, withString: target.Method.Cached is null);
            }
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }

    /// <summary>The calls the body replaces: one attribute line each, with where the call is for a reader.</summary>
    private static void EmitLocations(SourceWriter writer, CalledMethodModel called)
    {
        foreach (var call in called.Calls)
        {
            // The file's name and position are enough for a reader (the data says which file): the full path would
            // make this line half as long again, 10,000 times in a large project.
            var display = call.Display.Substring(call.Display.LastIndexOfAny(['/', '\\']) + 1);
            writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({call.Version}, {CSharpText.Literal(call.Data)})] // {display}");
        }
    }

    private static string Descriptor(string helper) => "s_" + Identifiers.CamelCase(helper);

    private static IEnumerable<KeyTemplateModel> Templates(MethodModel method)
        => method.Cached is { } cached ? new[] { cached.Key } : method.Invalidates;

    private static void EmitCached(SourceWriter writer, CalledMethodModel called, string name, string descriptor, string keyBuilder)
    {
        var target = called.Target;
        var method = target.Method;
        var cached = method.Cached!;
        var parameterNames = target.Parameters.Select(p => p.Name).ToList();
        var receiver = Identifiers.Unique("repository", parameterNames);
        var locals = parameterNames.Append(receiver).ToList();
        var cache = Identifiers.Unique("cache", locals);
        var key = Identifiers.Unique("key", locals);
        var entry = Identifiers.Unique("entry", locals);
        var keyText = Identifiers.Unique("keyText", locals.Append(cache));
        var loadToken = Identifiers.Unique("loadToken", locals);
        var callerToken = target.Parameters.FirstOrDefault(p => p.IsCancellationToken)?.Name ?? "global::System.Threading.CancellationToken.None";
        var rootArguments = string.Concat(cached.Key.RootOrdinals.Select(o => ", " + target.Parameters[o].Name));

        writer.Line($"/// <summary>[Cached] key <c>{CSharpText.Xml(cached.Key.Text)}</c>, TTL {cached.TtlText}, for calls of <c>{CSharpText.Xml(method.DisplayName)}</c> made on its class: a hit returns the cached value, a miss calls the method and stores its result.</summary>");
        EmitLocations(writer, called);
        writer.Open($"public static {target.ReturnType} {name}({ParameterList(target, receiver)})");
        writer.Line(target.IsStatic
            ? "// 1. The process's cache (see InterceptedCache). None: the call goes uncached."
            : "// 1. The cache of this instance: its container's, or the process's (see InterceptedCache). None: the call goes uncached.");
        writer.Line($"var {cache} = {Infrastructure}.InterceptedCache.Of({(target.IsStatic ? "null" : receiver)});");
        writer.Open($"if ({cache} is null)");
        writer.Line($"return {Call(target, receiver, null)};");
        writer.Close();
        writer.Line();
        var refreshes = CacheAsideSteps.RefreshesAhead(method);
        var passOn = string.Concat((target.IsStatic ? [] : new[] { receiver }).Concat(parameterNames).Select(a => ", " + a));
        var refreshCall = refreshes ? $"{name}OnRefresh({cache}, {{0}}, {entry}{passOn})" : null;
        CacheAsideSteps.KeyAndHit(writer, 2, method, cache, key, entry, descriptor, "Append" + keyBuilder, rootArguments, "method", refreshCall);
        writer.Line("// 4. Miss: call the method, store the result for the TTL, return it.");
        var missArguments = new[] { cache, $"{key}.ToStringAndDispose()" }.Concat(target.IsStatic ? [] : new[] { receiver }).Concat(parameterNames);
        writer.Line($"return {name}OnMiss({string.Join(", ", missArguments)});");
        writer.Close();

        // The miss path lives in its own method: the lambda's closure is then only allocated on a miss.
        var missParameters = new[] { $"global::CachingGen.CachingGenCache {cache}", $"string {keyText}" }
            .Concat(target.IsStatic ? [] : new[] { $"{target.ContainingType} {receiver}" })
            .Concat(target.Parameters.Select(p => $"{p.Type} {p.Name}"));
        writer.Line();
        writer.Line($"/// <summary>Miss path of <c>{name}</c>: loads through the method and stores the result.</summary>");
        writer.Line($"private static {target.ReturnType} {name}OnMiss({string.Join(", ", missParameters)})");
        var load = Call(target, receiver, loadToken);
        writer.Line(CacheAsideSteps.Miss(method, cache, keyText, descriptor, loadToken, load, Call(target, receiver, null), callerToken));
        if (refreshes)
        {
            var refreshParameters = new[] { $"global::CachingGen.CachingGenCache {cache}", $"string {keyText}", $"global::CachingGen.Storage.CacheEntry<{cached.ResultType}> {entry}" }
                .Concat(target.IsStatic ? [] : new[] { $"{target.ContainingType} {receiver}" })
                .Concat(target.Parameters.Select(p => $"{p.Type} {p.Name}"));
            writer.Line();
            writer.Line($"/// <summary>Refresh-ahead of <c>{name}</c>: reloads the entry in the background through the method.</summary>");
            writer.Line($"private static void {name}OnRefresh({string.Join(", ", refreshParameters)})");
            writer.Line(CacheAsideSteps.Refresh(method, cache, keyText, descriptor, entry, loadToken, load, Call(target, receiver, null)));
        }
    }

    private static void EmitInvalidating(SourceWriter writer, CalledMethodModel called, string name, string descriptor, List<(KeyTemplateModel Template, string Name)> keys)
    {
        var target = called.Target;
        var method = target.Method;
        var parameterNames = target.Parameters.Select(p => p.Name).ToList();
        var receiver = Identifiers.Unique("repository", parameterNames);
        var result = Identifiers.Unique("result", parameterNames.Append(receiver));
        var isAsync = method.ReturnKind is ReturnKind.Task or ReturnKind.TaskOfT or ReturnKind.ValueTask or ReturnKind.ValueTaskOfT;
        var returnsValue = method.ReturnKind is ReturnKind.TaskOfT or ReturnKind.ValueTaskOfT or ReturnKind.Sync;
        var templates = string.Join(", ", method.Invalidates.Select(t => $"<c>{CSharpText.Xml(t.Text)}</c>"));

        writer.Line($"/// <summary>[Invalidates] {templates}, for calls of <c>{CSharpText.Xml(method.DisplayName)}</c> on its class: calls the method, then, only if it succeeded, removes those keys.</summary>");
        EmitLocations(writer, called);
        writer.Open($"public static {(isAsync ? "async " : string.Empty)}{target.ReturnType} {name}({ParameterList(target, receiver)})");
        writer.Line("// 1. Call the method. If it throws, nothing is invalidated.");
        var awaitPrefix = isAsync ? "await " : string.Empty;
        var configure = isAsync ? ".ConfigureAwait(false)" : string.Empty;
        var call = Call(target, receiver, null);
        writer.Line(returnsValue ? $"var {result} = {awaitPrefix}{call}{configure};" : $"{awaitPrefix}{call}{configure};");
        writer.Line();
        writer.Line(target.IsStatic
            ? "// 2. It succeeded: remove the keys it made stale, from the process's cache (see InterceptedCache), all at once."
            : "// 2. It succeeded: remove the keys it made stale, from this instance's cache (see InterceptedCache), all at once.");
        var instance = target.IsStatic ? "null" : receiver;
        writer.Line(isAsync
            ? $"await {Infrastructure}.InterceptedCache.InvalidateAllAsync({instance}, {descriptor},"
            : $"{Infrastructure}.InterceptedCache.InvalidateAll({instance}, {descriptor},");
        for (var i = 0; i < keys.Count; i++)
        {
            var (template, keyName) = keys[i];
            var kind = template.IsPrefix ? "Prefix" : "Key";
            var arguments = string.Join(", ", template.RootOrdinals.Select(o => target.Parameters[o].Name));
            var end = i + 1 < keys.Count ? "," : isAsync ? ").ConfigureAwait(false);" : ");";
            writer.Line($"    {Infrastructure}.CacheInvalidation.{kind}({keyName}({arguments})){end}");
        }

        if (returnsValue)
        {
            writer.Line($"return {result};");
        }

        writer.Close();
    }

    /// <summary>The intercepted method's own parameters, after <c>this</c> and its class for an instance method (the compiler's rule for an interceptor).</summary>
    private static string ParameterList(InterceptedMethodModel target, string receiver)
    {
        var parameters = target.Parameters.Select(p => $"{p.RefKind}{p.Type} {p.Name}");
        return string.Join(", ", target.IsStatic ? parameters : new[] { $"this {target.ContainingType} {receiver}" }.Concat(parameters));
    }

    /// <summary>The original method's call: the compiler never intercepts generated code, so this reaches the user's method.</summary>
    private static string Call(InterceptedMethodModel target, string receiver, string? replaceToken)
        => $"{(target.IsStatic ? target.ContainingType : receiver)}.{SymbolFormats.Identifier(target.Method.Name)}({CacheAsideSteps.Arguments(target.Parameters, replaceToken)})";
}
