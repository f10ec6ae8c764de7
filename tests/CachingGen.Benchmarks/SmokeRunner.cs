using System.Reflection;

namespace CachingGen.Benchmarks;

/// <summary>
/// Proves every benchmark runs: for each benchmark class, global setup, each [Benchmark] method once, global
/// cleanup (which checks the benchmark measured what it claims). Used by CI instead of a timed run.
/// </summary>
public static class SmokeRunner
{
    public static async Task<int> RunAsync(Type[] benchmarkTypes)
    {
        var count = 0;
        foreach (var type in benchmarkTypes)
        {
            var instance = Activator.CreateInstance(type)!;
            await InvokeAsync(instance, type.GetMethods().Where(m => m.GetCustomAttribute<GlobalSetupAttribute>() is not null));
            var benchmarks = type.GetMethods().Where(m => m.GetCustomAttribute<BenchmarkAttribute>() is not null).ToList();
            await InvokeAsync(instance, benchmarks);
            await InvokeAsync(instance, type.GetMethods().Where(m => m.GetCustomAttribute<GlobalCleanupAttribute>() is not null));
            Console.WriteLine($"smoke: {type.Name}: {benchmarks.Count} benchmarks ran once");
            count += benchmarks.Count;
        }

        return count;
    }

    private static async Task InvokeAsync(object instance, System.Collections.Generic.IEnumerable<MethodInfo> methods)
    {
        foreach (var method in methods)
        {
            switch (method.Invoke(instance, null))
            {
                case Task task:
                    await task;
                    break;
                case ValueTask valueTask:
                    await valueTask;
                    break;
                case { } other when other.GetType().IsGenericType && other.GetType().GetGenericTypeDefinition() == typeof(ValueTask<>):
                    await (Task)other.GetType().GetMethod("AsTask")!.Invoke(other, null)!;
                    break;
            }
        }
    }
}
