using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Sockets;

namespace CachingGen.Redis.Tests.Infrastructure;

/// <summary>A redis-server of the test's own on a free loopback port, which the test can stop and start again.</summary>
public sealed class RedisProcess : IAsyncDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("cachinggen-redis-").FullName;
    private Process? _process;

    public RedisProcess()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Port = ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public int Port { get; }

    public string Endpoint => $"127.0.0.1:{Port}";

    /// <summary>A new redis-server, running when this returns (and cleaned up if it never comes up).</summary>
    public static async Task<RedisProcess> StartNewAsync()
    {
        var redis = new RedisProcess();
        try
        {
            await redis.StartAsync();
            return redis;
        }
        catch
        {
            await redis.DisposeAsync();
            throw;
        }
    }

    public async Task StartAsync()
    {
        _process = Process.Start(new ProcessStartInfo(RedisEnvironment.ServerBinary, $"--bind 127.0.0.1 --port {Port} --dir {_directory} --save \"\" --appendonly no")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        })!;
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        await Eventually.TrueAsync(CanConnect, $"redis-server on port {Port}");
    }

    public async Task StopAsync()
    {
        if (_process is { HasExited: false } process)
        {
            process.Kill();
            await process.WaitForExitAsync();
        }

        _process = null;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        Directory.Delete(_directory, recursive: true);
    }

    private bool CanConnect()
    {
        try
        {
            using var client = new TcpClient();
            client.Connect(IPAddress.Loopback, Port);
            return true;
        }
        catch (SocketException)
        {
            return false;
        }
    }
}
