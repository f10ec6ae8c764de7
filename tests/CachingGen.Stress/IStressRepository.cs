using System.Threading.Tasks;

namespace CachingGen.Stress;

/// <summary>The hot rows of the stress test: cached reads of one row and of a group's sum, and a write.</summary>
public interface IStressRepository
{
    Task<long> GetAsync(int id);

    Task<long> SumAsync(int group);

    Task<long> BumpAsync(int id, int group);
}
