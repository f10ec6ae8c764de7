using BenchmarkDotNet.Running;
using CachingGen.Benchmarks;
using CachingGen.Benchmarks.Generator;

// dotnet run -c Release --project tests/CachingGen.Benchmarks -- --filter '*'     BenchmarkDotNet, every comparison
// dotnet run -c Release --project tests/CachingGen.Benchmarks -- --generator      generator cost (1,000 and 5,000 methods)
// dotnet run -c Release --project tests/CachingGen.Benchmarks -- --interceptor-cost  call-site discovery: 1,000 methods + 10,000 calls, on vs off
// dotnet run -c Release --project tests/CachingGen.Benchmarks -- --generator-floor  cold generator time next to Roslyn's floor and LoggerMessage
// dotnet run -c Release --project tests/CachingGen.Benchmarks -- --smoke          every benchmark once (CI)
// dotnet run -c Release --project tests/CachingGen.Benchmarks -- --feed [rate] [seconds]  the PostgreSQL change feed: commit → fresh, throughput, CPU
// Redis and PostgreSQL come from CACHINGGEN_REDIS / CACHINGGEN_POSTGRES (eng/bench.sh starts throw-away ones).
var benchmarks = BenchmarkCatalog.Classes;

if (args.Length == 5 && args[0] == "--feed-writer")
{
    return await CachingGen.Benchmarks.Feed.FeedWriter.RunAsync(CachingGen.Benchmarks.Fixtures.BenchEnvironment.Postgres, int.Parse(args[1]), int.Parse(args[2]), int.Parse(args[3]), int.Parse(args[4]));
}

if (args.Length >= 1 && args[0] == "--feed")
{
    return await CachingGen.Benchmarks.Feed.FeedBenchmark.RunAsync(CachingGen.Benchmarks.Fixtures.BenchEnvironment.Postgres, CachingGen.Benchmarks.Fixtures.BenchEnvironment.Redis, args.Length > 1 ? int.Parse(args[1]) : 1000, args.Length > 2 ? int.Parse(args[2]) : 20);
}

if (args.Contains("--smoke"))
{
    var ran = await SmokeRunner.RunAsync(benchmarks);
    var cost = GeneratorCost.Measure(repositories: 10, repeats: 1);
    var interceptors = InterceptorCost.Measure(repositories: 10, callFiles: 10, repeats: 1);
    Console.WriteLine($"smoke: generator cost measured on {cost.Methods} methods, interceptor cost on {interceptors[1].Outputs} outputs; {ran} benchmarks ran once");
    return 0;
}

// Writes the synthetic sources for eng/generator-build-cost.sh: <dir>/cachinggen and <dir>/logging.
if (args.Length == 2 && args[0] == "--write-synthetic")
{
    foreach (var (path, source) in SyntheticProject.Files(100))
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(args[1], "cachinggen"));
        await System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(args[1], "cachinggen", path), source);
    }

    foreach (var (path, source) in LoggerMessageProject.Files(100, 10))
    {
        System.IO.Directory.CreateDirectory(System.IO.Path.Combine(args[1], "logging"));
        await System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(args[1], "logging", path), source);
    }

    return 0;
}

// Writes the interceptor build-cost sources for eng/interceptor-build-cost.sh: 1,000 annotated methods + 10,000 calls.
if (args.Length == 2 && args[0] == "--write-synthetic-calls")
{
    System.IO.Directory.CreateDirectory(args[1]);
    foreach (var (path, source) in SyntheticProject.Files(100).Concat(Enumerable.Range(0, 100).Select(f => ($"Calls{f}.cs", InterceptorCost.Calls(f, 100, edit: 0)))))
    {
        await System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(args[1], path), source);
    }

    return 0;
}

if (args.Contains("--analyzer"))
{
    for (var i = 0; i < 4; i++)
    {
        AnalyzerCost.Measure(100);
    }

    return 0;
}

if (args.Contains("--generator-profile"))
{
    GeneratorCost.Profile(100, 40);
    return 0;
}

if (args.Contains("--interceptor-profile"))
{
    InterceptorCost.Profile(30);
    return 0;
}

if (args.Contains("--interceptor-cost"))
{
    Console.WriteLine(InterceptorCost.Markdown(InterceptorCost.Measure(repositories: 100, callFiles: 100, repeats: 7)));
    return 0;
}

if (args.Contains("--generator-floor"))
{
    Console.WriteLine(GeneratorFloor.Markdown(GeneratorFloor.Measure(100, repeats: 7)));
    return 0;
}

if (args.Contains("--generator-steps"))
{
    Console.WriteLine(GeneratorCost.Steps(100));
    return 0;
}

if (args.Contains("--generator"))
{
    // Each size's row as soon as it is measured: the larger one takes minutes.
    foreach (var repositories in new[] { 100, 500 })
    {
        Console.WriteLine(GeneratorCost.Markdown([GeneratorCost.Measure(repositories, repeats: 5)]));
    }

    return 0;
}

BenchmarkSwitcher.FromTypes(benchmarks).Run(args);
return 0;
