using System.Diagnostics;
using System.IO;

namespace CachingGen.Redis.Tests.Infrastructure;

/// <summary>One app instance of tests/CachingGen.Stress in its own process: 'dotnet CachingGen.Stress.dll …'.</summary>
public sealed class StressProcess : IDisposable
{
    private readonly Process _process;
    private readonly Task<string> _output;
    private readonly Task<string> _errors;

    public StressProcess(params string[] arguments)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(Dll);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        _process = Process.Start(start)!;
        _output = _process.StandardOutput.ReadToEndAsync();
        _errors = _process.StandardError.ReadToEndAsync();
    }

    /// <summary>The stress app built next to this test assembly's configuration (bin/Release/net10.0 or bin/Debug/net10.0).</summary>
    public static string Dll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var configuration = here.Parent!.Name;
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "CachingGen.sln")))
            {
                root = root.Parent;
            }

            Assert.True(root is not null, $"no CachingGen.sln above {AppContext.BaseDirectory}");
            var dll = Path.Combine(root!.FullName, "tests", "CachingGen.Stress", "bin", configuration, here.Name, "CachingGen.Stress.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build CachingGen.sln (or tests/CachingGen.Stress) first");
            return dll;
        }
    }

    /// <summary>Waits for the process to exit by itself; kills it after <paramref name="timeout"/>. Returns its stdout.</summary>
    public async Task<string> FinishAsync(TimeSpan timeout)
    {
        var exited = _process.WaitForExitAsync();
        if (await Task.WhenAny(exited, Task.Delay(timeout)) != exited)
        {
            _process.Kill(entireProcessTree: true);
            Assert.Fail($"the stress process overran its deadline by more than {timeout.TotalSeconds:F0} s and was killed; stderr: {await _errors}");
        }

        var output = await _output;
        Assert.True(_process.ExitCode == 0, $"the stress process exited with {_process.ExitCode}; stdout: {output}; stderr: {await _errors}");
        return output;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}
