using System;
using System.Text.Json;
using CachingGen.Stress;

// One app instance of the freshness stress test (tests/CachingGen.Redis.Tests/StressTests.cs starts two):
// readers and writers on hot rows until the deadline, then every read is checked against the write log of both
// instances, and one JSON line (StressReport) goes to stdout. Exit code 0 when the run itself completed.
if (args.Length > 0 && args[0] == "single-load")
{
    return await SingleLoadRun.RunAsync(args[1..]);
}

var options = StressOptions.Parse(args);
await using var services = await StressServices.StartAsync(options);
var log = await new StressRun(services, options).RunAsync();

Exchange.SaveWrites(options.Directory, options.Name, log.Writes);
var wait = TimeSpan.FromSeconds(20);
var peer = options.Peer is { } peerName ? await Exchange.LoadWritesAsync(options.Directory, peerName, wait) : [];
var faults = options.FaultsFile is { } faultsFile ? await Exchange.LoadFaultsAsync(faultsFile, wait) : [];

var check = new FreshnessCheck(log.Writes, peer ?? [], faults ?? [], options.Grace, options.StartTicks);
var report = check.Evaluate(options.Name, log, peer?.Count ?? 0, peer is not null, faults is not null);
Console.WriteLine(JsonSerializer.Serialize(report, new JsonSerializerOptions(JsonSerializerDefaults.Web)));
return 0;
