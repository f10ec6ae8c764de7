namespace CachingGen.Stress;

/// <summary>The shape of the hot data set, shared by the workers and the check.</summary>
public static class StressRows
{
    public const int Count = 8;

    public const int GroupSize = 4;

    public const int Groups = Count / GroupSize;

    public static int GroupOf(int id) => (id - 1) / GroupSize;
}
