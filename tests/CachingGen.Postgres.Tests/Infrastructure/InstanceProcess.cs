using System.IO;
using System.Threading;

namespace CachingGen.Postgres.Tests.Infrastructure;

/// <summary>One application instance with the change feed in a process of its own (tests/CachingGen.FeedProcess), driven line by line.</summary>
public sealed class InstanceProcess : IAsyncDisposable
{
    private readonly Process _process;

    private InstanceProcess(Process process) => _process = process;

    /// <summary>Starts the instance and waits until its host started (the feed caught up, or it stands by).</summary>
    public static async Task<InstanceProcess> StartAsync(string postgres, string slot, string redis, string prefix)
    {
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet") { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[] { Dll, postgres, slot, redis, prefix })
        {
            start.ArgumentList.Add(argument);
        }

        var instance = new InstanceProcess(Process.Start(start)!);
        _ = instance._process.StandardError.ReadToEndAsync();
        Assert.Equal("ready", await instance.ReadLineAsync());
        return instance;
    }

    /// <summary>Reads an account's amount through the instance's cache: its value and how many loads the instance made.</summary>
    public async Task<(decimal? Value, int Loads)> ReadAsync(int userId)
    {
        var line = await AskAsync($"read {userId}");
        var parts = line.Split(' ');
        var value = parts[0]["value=".Length..];
        return (value == "null" ? null : decimal.Parse(value, System.Globalization.CultureInfo.InvariantCulture), int.Parse(parts[1]["loads=".Length..], System.Globalization.CultureInfo.InvariantCulture));
    }

    public async Task<bool> IsConsumerAsync() => (await AskAsync("state")).EndsWith("consumer=true", StringComparison.Ordinal);

    /// <summary>Ends the process at once, as a crash or an OOM kill would: no shutdown, no goodbye to PostgreSQL.</summary>
    public void Kill() => _process.Kill(entireProcessTree: true);

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await _process.StandardInput.WriteLineAsync("quit");
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await _process.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }
        }

        _process.Dispose();
    }

    private async Task<string> AskAsync(string command)
    {
        await _process.StandardInput.WriteLineAsync(command);
        await _process.StandardInput.FlushAsync();
        return await ReadLineAsync();
    }

    private async Task<string> ReadLineAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        var line = await _process.StandardOutput.ReadLineAsync(timeout.Token);
        Assert.True(line is not null, "the instance process ended");
        return line!;
    }

    private static string Dll
    {
        get
        {
            var here = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
            var root = here;
            while (root is not null && !File.Exists(Path.Combine(root.FullName, "CachingGen.sln")))
            {
                root = root.Parent;
            }

            Assert.True(root is not null, $"no CachingGen.sln above {AppContext.BaseDirectory}");
            var dll = Path.Combine(root!.FullName, "tests", "CachingGen.FeedProcess", "bin", here.Parent!.Name, here.Name, "CachingGen.FeedProcess.dll");
            Assert.True(File.Exists(dll), $"{dll} is missing: build CachingGen.sln first");
            return dll;
        }
    }
}
