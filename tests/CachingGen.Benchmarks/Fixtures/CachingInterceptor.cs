using Castle.DynamicProxy;
using Microsoft.Extensions.Caching.Memory;

namespace CachingGen.Benchmarks.Fixtures;

/// <summary>
/// The runtime-proxy approach (EasyCaching, AspectCore): a Castle DynamicProxy interceptor that builds the key
/// from the method name and arguments and caches the returned task's result.
/// </summary>
public sealed class CachingInterceptor(IMemoryCache cache) : IInterceptor
{
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(5);

    public void Intercept(IInvocation invocation)
    {
        var key = invocation.Method.Name + ":" + string.Join(":", invocation.Arguments);
        if (cache.TryGetValue(key, out Task<IReadOnlyList<Balance>>? cached))
        {
            invocation.ReturnValue = cached;
            return;
        }

        invocation.Proceed();
        var task = (Task<IReadOnlyList<Balance>>)invocation.ReturnValue!;
        invocation.ReturnValue = StoreAsync(key, task);
    }

    private async Task<IReadOnlyList<Balance>> StoreAsync(string key, Task<IReadOnlyList<Balance>> task)
    {
        var value = await task;
        _ = cache.Set(key, Task.FromResult(value), Ttl);
        return value;
    }
}
