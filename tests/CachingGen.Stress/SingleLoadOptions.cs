using System;
using System.Collections.Generic;
using System.Globalization;

namespace CachingGen.Stress;

/// <summary>The command line of the single-load run: single-load --name A --redis host:port --prefix p: --callers 500 --load-ms 300 --instances 2.</summary>
public sealed record SingleLoadOptions(string Name, string Redis, string Prefix, int Callers, TimeSpan LoadTime, int Instances)
{
    public static SingleLoadOptions Parse(string[] args)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            values[args[i].TrimStart('-')] = args[i + 1];
        }

        string Get(string name) => values.TryGetValue(name, out var value) ? value : throw new ArgumentException($"--{name} is required");
        return new SingleLoadOptions(
            Get("name"),
            Get("redis"),
            Get("prefix"),
            int.Parse(Get("callers"), CultureInfo.InvariantCulture),
            TimeSpan.FromMilliseconds(int.Parse(Get("load-ms"), CultureInfo.InvariantCulture)),
            int.Parse(Get("instances"), CultureInfo.InvariantCulture));
    }
}
