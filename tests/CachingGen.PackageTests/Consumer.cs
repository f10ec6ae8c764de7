using System.Collections.Generic;
using System.Diagnostics;
using System.Net.Http;
using System.Net.Sockets;
using System.Reflection;
using System.Text;

namespace CachingGen.PackageTests;

/// <summary>What the package tests do to a consumer project: the repository's settings, dotnet commands, the app running.</summary>
internal static class Consumer
{
    public static string Metadata(string key)
        => typeof(Consumer).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    public static async Task<(int ExitCode, string Output)> RunAsync(string file, string arguments, string directory)
    {
        var start = StartInfo(file, directory);
        start.Arguments = arguments;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5));
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Starts a long-running process (an app), its output collected until <see cref="RunningProcess.StopAsync"/>.</summary>
    public static RunningProcess Start(string directory, string file, params string[] arguments)
    {
        var start = StartInfo(file, directory);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        return new RunningProcess(Process.Start(start)!);
    }

    /// <summary>Packs each of <paramref name="projects"/> (under src/, built already) into <paramref name="feed"/> at <paramref name="version"/>; fails with pack's output.</summary>
    public static async System.Threading.Tasks.Task PackAsync(string feed, string version, params string[] projects)
    {
        var root = Metadata("RepoRoot");
        foreach (var project in projects)
        {
            var pack = await RunAsync("dotnet", $"pack \"{System.IO.Path.Combine(root, "src", project, project + ".csproj")}\" -c {Metadata("Configuration")} --no-build -o \"{feed}\" -p:Version={version}", root);
            Xunit.Assert.True(pack.ExitCode == 0, $"dotnet pack {project} failed:\n" + pack.Output);
        }
    }

    /// <summary>A nuget.config in <paramref name="directory"/> that adds <paramref name="feed"/> (the packed packages) as a source.</summary>
    public static System.Threading.Tasks.Task WriteFeedConfigAsync(string directory, string feed)
        => System.IO.File.WriteAllTextAsync(System.IO.Path.Combine(directory, "nuget.config"), $"""
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources>
                <add key="local-cachinggen" value="{feed}" />
              </packageSources>
            </configuration>
            """);

    /// <summary>
    /// Writes <c>{name}.csproj</c> in <paramref name="directory"/>: a web project as <c>dotnet new web</c> makes it, with
    /// warnings as errors, referencing each of <paramref name="packages"/> at its version.
    /// </summary>
    public static Task WriteWebProjectAsync(string directory, string name, IEnumerable<(string Package, string Version)> packages)
    {
        var references = string.Concat(packages.Select(p => $"""    <PackageReference Include="{p.Package}" Version="{p.Version}" />{"\n"}"""));
        return File.WriteAllTextAsync(Path.Combine(directory, name + ".csproj"), $"""
            <Project Sdk="Microsoft.NET.Sdk.Web">
              <PropertyGroup>
                <TargetFramework>net10.0</TargetFramework>
                <Nullable>enable</Nullable>
                <ImplicitUsings>enable</ImplicitUsings>
                <TreatWarningsAsErrors>true</TreatWarningsAsErrors>
              </PropertyGroup>
              <ItemGroup>
            {references}  </ItemGroup>
            </Project>
            """);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Waits (up to a minute) for the app to answer <paramref name="path"/>; fails with its output if it exits first.</summary>
    public static async Task WaitUntilAnsweringAsync(HttpClient client, string path, RunningProcess app)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (true)
        {
            Assert.False(app.HasExited, "the app exited:\n" + app.Output);
            try
            {
                using var response = await client.GetAsync(path);
                return;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
        }
    }

    private static ProcessStartInfo StartInfo(string file, string directory)
    {
        var start = new ProcessStartInfo(file)
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };

        // The outer test run's MSBuild settings must not leak into the nested builds.
        foreach (var name in new[] { "MSBuildExtensionsPath", "MSBuildSDKsPath", "MSBUILD_EXE_PATH", "DOTNET_HOST_PATH", "VSTEST_HOST_DEBUG" })
        {
            start.Environment.Remove(name);
        }

        return start;
    }

    /// <summary>A started app: killed (with its output kept) when stopped or disposed.</summary>
    internal sealed class RunningProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _output = new();

        public RunningProcess(Process process)
        {
            _process = process;
            process.OutputDataReceived += (_, e) => Append(e.Data);
            process.ErrorDataReceived += (_, e) => Append(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
        }

        public bool HasExited => _process.HasExited;

        public string Output
        {
            get
            {
                lock (_output)
                {
                    return _output.ToString();
                }
            }
        }

        public async Task<string> StopAsync()
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
            }

            await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
            return Output;
        }

        public async ValueTask DisposeAsync()
        {
            await StopAsync();
            _process.Dispose();
        }

        private void Append(string? line)
        {
            if (line is not null)
            {
                lock (_output)
                {
                    _output.AppendLine(line);
                }
            }
        }
    }
}
