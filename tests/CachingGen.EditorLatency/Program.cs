using System;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using CachingGen.EditorLatency;

// dotnet run -c Release --project tests/CachingGen.EditorLatency -- --write-realistic <dir>
//     writes the realistic project's sources (200 repositories, 2,000 annotated methods, 2,000 calls, 2,000 other files)
// dotnet run -c Release --project tests/CachingGen.EditorLatency -- <project.csproj> <large|realistic> [rounds]
//     opens the project as an IDE does and times each edit kind (eng/editor-latency.sh runs both for every setup)
if (args.Length == 2 && args[0] == "--write-realistic")
{
    RealisticProject.Write(args[1]);
    return 0;
}

if (args.Length is < 2 or > 3 || !File.Exists(args[0]))
{
    Console.Error.WriteLine("usage: <project.csproj> <large|realistic> [rounds] | --write-realistic <dir>");
    return 2;
}

var edits = args[1] switch
{
    "large" => EditScript.Large,
    "realistic" => EditScript.Realistic,
    _ => null,
};
if (edits is null)
{
    Console.Error.WriteLine($"unknown layout '{args[1]}'");
    return 2;
}

// CACHINGGEN_EDITS="placeholder,parameter" keeps only the edit kinds whose names contain one of the words.
if (Environment.GetEnvironmentVariable("CACHINGGEN_EDITS") is { Length: > 0 } only)
{
    var words = only.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    edits = new EditScript(edits.Kinds.Where(k => words.Any(w => k.Name.Contains(w, StringComparison.Ordinal))).ToList());
}

var rounds = args.Length == 3 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 6;
return await EditorSession.RunAsync(args[0], edits, rounds);
