
namespace CachingGen.Benchmarks.Generator;

/// <summary>
/// Source for a synthetic solution: <c>repositories</c> repositories with ten annotated methods each (eight
/// [Cached], two [Invalidates]), plus one unrelated file to edit.
/// </summary>
public static class SyntheticProject
{
    public const int MethodsPerRepository = 10;

    public static IEnumerable<(string Path, string Source)> Files(int repositories)
    {
        yield return ("Unrelated.cs", Unrelated(0));
        for (var r = 0; r < repositories; r++)
        {
            yield return ($"Repository{r}.cs", Repository(r, edit: 0));
        }
    }

    public static string Unrelated(int edit) => $$"""
        namespace Synthetic.Other;
        public static class Unrelated
        {
            public static int Value => {{edit}};
        }
        """;

    public static string Repository(int r, int edit)
    {
        var text = new StringBuilder();
        text.AppendLine("using System.Collections.Generic;");
        text.AppendLine("using System.Threading;");
        text.AppendLine("using System.Threading.Tasks;");
        text.AppendLine("using CachingGen;");
        text.AppendLine($"namespace Synthetic.Data{r % 10};");
        text.AppendLine($"public sealed record Row{r}(long Id, string Name);");
        text.AppendLine($"public interface IRepository{r}");
        text.AppendLine("{");
        for (var m = 0; m < 8; m++)
        {
            text.AppendLine($"    Task<IReadOnlyList<Row{r}>> Find{m}Async(long userId, int tokenId, CancellationToken ct = default);");
        }

        text.AppendLine("    Task Update0Async(long id, long userId, CancellationToken ct = default);");
        text.AppendLine("    Task Update1Async(long id, long userId, CancellationToken ct = default);");
        text.AppendLine("}");
        text.AppendLine($"public sealed class Repository{r} : IRepository{r}");
        text.AppendLine("{");
        text.AppendLine($"    private const int Edit = {edit};");
        for (var m = 0; m < 8; m++)
        {
            // An edit changes the first method's TTL: a change the generated code must follow.
            text.AppendLine($"    [Cached(\"00:0{1 + ((m + (m == 0 ? edit : 0)) % 5)}:00\", \"r{r}:m{m}:user:<userId>:token:<tokenId>\")]");
            text.AppendLine($"    public Task<IReadOnlyList<Row{r}>> Find{m}Async(long userId, int tokenId, CancellationToken ct = default) => Task.FromResult<IReadOnlyList<Row{r}>>([new(userId + Edit, \"m{m}\")]);");
        }

        text.AppendLine($"    [Invalidates(\"r{r}:m0:user:<userId>:*\")]");
        text.AppendLine("    public Task Update0Async(long id, long userId, CancellationToken ct = default) => Task.CompletedTask;");
        text.AppendLine($"    [Invalidates(\"r{r}:m1:user:<userId>:*\")]");
        text.AppendLine($"    [Invalidates(\"r{r}:m2:user:<userId>:*\")]");
        text.AppendLine("    public Task Update1Async(long id, long userId, CancellationToken ct = default) => Task.CompletedTask;");
        text.AppendLine("}");
        return text.ToString();
    }
}
