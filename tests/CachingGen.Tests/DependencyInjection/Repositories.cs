namespace CachingGen.Tests.DependencyInjection;

public interface IUserRepository
{
    Task<string> NameAsync(long id, CancellationToken ct = default);

    Task RenameAsync(long id, string name, CancellationToken ct = default);

    Guid InstanceId { get; }
}

public sealed class UserStore
{
    public int Reads { get; private set; }

    public string Name { get; set; } = "ada";

    public string Read()
    {
        Reads++;
        return Name;
    }
}

public sealed class UserRepository(UserStore store) : IUserRepository
{
    public Guid InstanceId { get; } = Guid.NewGuid();

    [Cached("00:05:00", "user:<id>")]
    public Task<string> NameAsync(long id, CancellationToken ct = default) => Task.FromResult($"{store.Read()}#{id}");

    [Invalidates("user:<id>")]
    public Task RenameAsync(long id, string name, CancellationToken ct = default)
    {
        store.Name = name;
        return Task.CompletedTask;
    }
}

public sealed class DisposableRepository : IUserRepository, IDisposable
{
    public bool Disposed { get; private set; }

    public Guid InstanceId { get; } = Guid.NewGuid();

    [Cached("00:05:00", "disposable:<id>")]
    public Task<string> NameAsync(long id, CancellationToken ct = default) => Task.FromResult("d");

    public Task RenameAsync(long id, string name, CancellationToken ct = default) => Task.CompletedTask;

    public void Dispose() => Disposed = true;
}
