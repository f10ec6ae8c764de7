namespace CachingGen.Generator.Emit;

/// <summary>
/// One repository's generated file, or why it could not be generated. Emitting happens in the pipeline, not in the
/// output step, so the registrations list only decorators that exist: a failed file must not leave a registration
/// pointing at a missing type.
/// </summary>
/// <param name="HintName">The file's hint name.</param>
/// <param name="Source">The file's text, or null when emitting failed.</param>
/// <param name="Registration">How to register the decorator, or null when there is none.</param>
/// <param name="Failures">CG0017 for each method of the class when emitting failed.</param>
internal sealed record EmittedRepository(string HintName, string? Source, RegistrationModel? Registration, EquatableArray<GeneratorFailure> Failures)
{
    public static EmittedRepository Create(RepositoryModel repository, Pipelines.GeneratorHooks hooks)
    {
        var shell = repository.Shell;
        try
        {
            hooks.EmittingRepository?.Invoke(shell.BaseName);
            var registration = new RegistrationModel(
                shell.FullyQualifiedName,
                shell.Interfaces.Count > 0 ? GeneratedNames.QualifiedDecorator(shell) : null,
                GeneratedNames.QualifiedMethodsOwner(shell),
                shell.Interfaces);
            return new EmittedRepository(GeneratedNames.HintName(shell), DecoratorEmitter.Emit(repository), registration, EquatableArray<GeneratorFailure>.Empty);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // Emitting works on validated models only; should it still fail, the build goes on without this file,
            // and every method of the class says why it is not cached, rather than a generator crash (CS8785).
            var failures = repository.Methods.Select(m => new GeneratorFailure(m.DisplayName, ex.GetType().Name, ex.Message, shell.Location.Value));
            return new EmittedRepository(string.Empty, null, null, failures.ToEquatableArray());
        }
    }
}
