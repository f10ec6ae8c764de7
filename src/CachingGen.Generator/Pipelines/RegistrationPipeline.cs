using System;
using System.Linq;
using CachingGen.Generator.Emit;
using CachingGen.Generator.Model;
using Microsoft.CodeAnalysis;

namespace CachingGen.Generator.Pipelines;

/// <summary>The DI registrations: one file for the assembly, listing every decorated repository class.</summary>
internal static class RegistrationPipeline
{
    public static void Register(IncrementalGeneratorInitializationContext context, IncrementalValuesProvider<EmittedRepository> emitted)
    {
        var registrations = emitted.Collect()
            .Select(static (all, _) => all.Select(e => e.Registration).OfType<RegistrationModel>().ToEquatableArray())
            .WithTrackingName(TrackingNames.Registrations);
        context.RegisterSourceOutput(registrations, static (spc, list) =>
        {
            if (list.Count == 0)
            {
                return;
            }

            try
            {
                spc.AddSource(RegistrationEmitter.HintName, RegistrationEmitter.Emit(list));
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                // Without the registrations no decorator is put in front of its repository: say so for each class.
                foreach (var registration in list)
                {
                    spc.ReportDiagnostic(new GeneratorFailure(registration.Repository, ex.GetType().Name, ex.Message, null).ToDiagnostic());
                }
            }
        });
    }
}
