namespace CachingGen.Generator;

/// <summary>
/// The generator's entry point: it only wires the pipelines (<see cref="Pipelines"/>, one file each). Emits a
/// cache-aside decorator, key builders and a DI registration for every class with
/// <c>[Cached]</c>/<c>[Invalidates]</c> methods. Silent on invalid input: <see cref="Analyzers.CachingGenAnalyzer"/>
/// reports it, and an invalid method is forwarded uncached rather than emitted broken. The one thing it reports is
/// its own failure (CG0017), at the method it could not process; it never throws.
/// </summary>
[Generator(LanguageNames.CSharp)]
public sealed class CachingGenGenerator : IIncrementalGenerator
{
    private readonly Pipelines.GeneratorHooks _hooks;

    /// <summary>The generator as the compiler loads it.</summary>
    public CachingGenGenerator()
        : this(Pipelines.GeneratorHooks.None)
    {
    }

    /// <summary>A generator with test hooks in its pipelines (instance callbacks: parallel tests never share them).</summary>
    internal CachingGenGenerator(Pipelines.GeneratorHooks hooks) => _hooks = hooks;

    /// <inheritdoc />
    public void Initialize(IncrementalGeneratorInitializationContext context)
    {
        // What every file declares to the others, attribute arguments left out (computed for a new tree only). Every
        // pipeline sees the compilation through it: a key or TTL edit re-reads only the methods (MethodLocator) or the
        // class (ClassLocator) whose text changed, from its file's current text, instead of every one, and keeps every
        // calling file's scan (the interceptors join the policies in from the decorators' method models). What one
        // class contributes never depends on another file's attribute arguments.
        var files = Pipelines.DeclarationSnapshot.BindingFiles(context);
        var binding = Pipelines.DeclarationSnapshot.Register(context, files);
        var (emitted, annotatedNames, methods) = Pipelines.DecoratorPipeline.Register(context, _hooks, binding);
        Pipelines.InterceptorPipeline.Register(context, _hooks, annotatedNames, files, methods);
        Pipelines.ManifestPipeline.Register(context, _hooks, binding);
        Pipelines.RegistrationPipeline.Register(context, emitted);
    }
}
