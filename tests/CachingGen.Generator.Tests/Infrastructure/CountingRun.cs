using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using CachingGen.Generator.Model;
using CachingGen.Generator.Pipelines;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Xunit;

namespace CachingGen.Generator.Tests.Infrastructure;

/// <summary>A driver kept across edits, with a generator whose hook counts the calls parsed in the last run.</summary>
internal sealed class CountingRun
{
    private int _parsed;

    public CountingRun(params object[] sources)
    {
        var references = sources.OfType<MetadataReference>();
        Compilation = GeneratorHarness.CreateCompilation(sources.OfType<string>().ToArray()).AddReferences(references);
        var generator = new CachingGenGenerator(new GeneratorHooks { CallParsed = _ => Interlocked.Increment(ref _parsed) });
        Driver = GeneratorHarness.CreateDriver(trackSteps: true, generator: generator);
        Last = Run(Compilation);
    }

    public Compilation Compilation { get; private set; }

    public GeneratorDriver Driver { get; set; }

    public GeneratorRunResult Last { get; private set; }

    /// <summary>The calls parsed by the last run.</summary>
    public int Parsed => _parsed;

    public GeneratorRunResult Edit(string path, string text)
    {
        var old = Compilation.SyntaxTrees.Single(t => t.FilePath == path);
        return Run(Compilation.ReplaceSyntaxTree(old, CSharpSyntaxTree.ParseText(text, (CSharpParseOptions)old.Options, path)));
    }

    public GeneratorRunResult Run(Compilation compilation)
    {
        _parsed = 0;
        Compilation = compilation;
        Driver = Driver.RunGenerators(compilation);
        var result = Driver.GetRunResult().Results.Single();
        Assert.Null(result.Exception);
        return Last = result;
    }

    /// <summary>The calls the last run found in <paramref name="file"/> (a file without any has no recorded step).</summary>
    public static int Calls(GeneratorRunResult result, string file)
        => result.TrackedSteps.TryGetValue(TrackingNames.CallSiteFiles, out var steps)
            ? steps.SelectMany(s => s.Outputs).Select(o => (CallSiteFileModel)o.Value).SingleOrDefault(f => f.FilePath == file)?.Calls.Count ?? 0
            : 0;

    public static Dictionary<string, IncrementalStepRunReason> Expect(params (string File, IncrementalStepRunReason Reason)[] reasons)
        => reasons.ToDictionary(r => r.File, r => r.Reason);

    public static Dictionary<string, IncrementalStepRunReason> ByFile(GeneratorRunResult result, string step)
        => result.TrackedSteps[step].SelectMany(s => s.Outputs).ToDictionary(
            o => o.Value switch
            {
                CallSiteFileModel file => file.FilePath,
                FileDeclarationsModel declarations => declarations.FilePath,
                _ => throw new InvalidOperationException(o.Value.GetType().Name),
            },
            o => o.Reason);

    public static void AssertReasons(GeneratorRunResult result, string step, IncrementalStepRunReason reason)
    {
        var outputs = result.TrackedSteps[step].SelectMany(s => s.Outputs).ToList();
        Assert.NotEmpty(outputs);
        Assert.All(outputs, o => Assert.Equal(reason, o.Reason));
    }
}
