
namespace CachingGen.Benchmarks.Generator;

/// <summary>The comparison project for a real build: 1,000 [LoggerMessage] methods in 100 classes.</summary>
public static class LoggerMessageProject
{
    public static IEnumerable<(string Path, string Source)> Files(int classes, int methodsPerClass)
    {
        for (var c = 0; c < classes; c++)
        {
            var text = new StringBuilder();
            text.AppendLine("using Microsoft.Extensions.Logging;");
            text.AppendLine($"namespace Synthetic.Logging{c % 10};");
            text.AppendLine($"public static partial class Log{c}");
            text.AppendLine("{");
            for (var m = 0; m < methodsPerClass; m++)
            {
                text.AppendLine($"    [LoggerMessage(EventId = {m}, Level = LogLevel.Information, Message = \"Class {c} event {m}: user {{UserId}} token {{TokenId}}\")]");
                text.AppendLine($"    public static partial void Event{m}(ILogger logger, long userId, int tokenId);");
            }

            text.AppendLine("}");
            yield return ($"Log{c}.cs", text.ToString());
        }
    }
}
