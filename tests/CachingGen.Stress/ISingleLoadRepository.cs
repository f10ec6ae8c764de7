using System.Threading.Tasks;

namespace CachingGen.Stress;

/// <summary>The repository of the cluster single-load run: one slow read, cached with <c>ClusterSingleLoad</c>.</summary>
public interface ISingleLoadRepository
{
    Task<string> GetAsync(int id);
}
