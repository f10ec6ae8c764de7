using System.Linq;
using CachingGen.Generator.Model;
using CachingGen.Generator.Parsing;

namespace CachingGen.Generator.Emit;

/// <summary>
/// Emits the interceptors of one calling file: for each annotated method called there on its class (self-calls,
/// <c>new</c>ed instances, concrete registrations, static methods), one small method that the compiler calls in place
/// of the original at each listed location, and that forwards to the method's cache-aside body, emitted once per
/// class (<see cref="CalledClassEmitter"/>). A file's edit changes only its own interceptors, and 10,000 calls of
/// 1,000 methods emit 1,000 bodies, not 10,000.
/// </summary>
internal static class InterceptorEmitter
{
    public static string HintName(string filePath)
    {
        var name = System.IO.Path.GetFileNameWithoutExtension(filePath);
        var safe = new string(name.Select(c => char.IsLetterOrDigit(c) ? c : '_').ToArray());

        // The file name alone is not unique (Program.cs in two folders): a stable hash of the path makes it so.
        return $"CachingGen.Interceptors.{safe}.{StableHash.OfChars(filePath):x8}.g.cs";
    }

    public static string Emit(InterceptorFileModel file)
    {
        var writer = new SourceWriter(4096 + (file.Calls.Count * 600));
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
        writer.Line("/// The calls in this file of methods with [Cached] or [Invalidates] made on their class rather than through an");
        writer.Line("/// interface (which the decorator handles): the compiler calls the method below that lists a call instead of it.");
        writer.Line("/// </summary>");
        writer.Line(GeneratedCode.Attribute);
        writer.Open("file static class CachingGenInterceptors");

        var targets = file.Calls
            .GroupBy(c => (c.Target.ContainingType, c.Target.Method.Id))
            .Select(g => (Target: g.First().Target, Calls: g.ToList()))
            .ToList();
        var taken = new System.Collections.Generic.HashSet<string>(System.StringComparer.Ordinal);
        var first = true;
        foreach (var (target, calls) in targets)
        {
            if (!first)
            {
                writer.Line();
            }

            first = false;
            // Interceptors of overloads share a name (their parameters tell them apart) only when their shapes allow;
            // a numbered name is simpler and always valid.
            var name = SymbolFormats.Identifier(target.Method.Name);
            for (var n = 2; !taken.Add(name); n++)
            {
                name = target.Method.Name + n.ToString(System.Globalization.CultureInfo.InvariantCulture);
            }

            var receiver = Names.Unique("repository", target.Parameters.Select(p => p.Name));
            // Kept to the attribute, the signature and one forwarding call: a project has one of these per calling file
            // and method called there (10,000 in a large one), and the JIT inlines a forward this small on its own.
            foreach (var call in calls)
            {
                writer.Line($"[global::System.Runtime.CompilerServices.InterceptsLocation({call.Version}, {Names.Literal(call.Data)})] // {call.Display}");
            }

            var parameters = target.Parameters.Select(p => $"{p.RefKind}{p.Type} {p.Name}");
            var list = string.Join(", ", target.IsStatic ? parameters : new[] { $"this {target.ContainingType} {receiver}" }.Concat(parameters));
            var arguments = string.Join(", ", (target.IsStatic ? [] : new[] { receiver }).Concat(target.Parameters.Select(p => p.Name)));
            writer.Line($"public static {target.ReturnType} {name}({list})");
            writer.Line($"    => {CalledClassEmitter.Qualified(calls[0])}({arguments});");
        }

        writer.Close();
        writer.Close();
        return writer.ToString();
    }
}
