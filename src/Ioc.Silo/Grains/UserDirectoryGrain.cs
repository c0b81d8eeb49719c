using System.Collections.Immutable;
using Ioc.Grains;

namespace Ioc.Silo.Grains;

public sealed class UserDirectoryGrain(
    [PersistentState("users", "ioc")] IPersistentState<UserDirectoryState> store) : Grain, IUserDirectoryGrain
{
    public Task<UserRecord?> Find(string username) => Task.FromResult(store.State.Users.GetValueOrDefault(username.ToLowerInvariant()));

    public async Task<bool> Create(UserRecord user)
    {
        if (!store.State.Users.TryAdd(user.Username.ToLowerInvariant(), user)) return false;
        await store.WriteStateAsync();
        return true;
    }

    public Task<int> Count() => Task.FromResult(store.State.Users.Count);

    public Task<ImmutableArray<UserRecord>> List() =>
        Task.FromResult(store.State.Users.Values.OrderBy(u => u.Username, StringComparer.Ordinal).ToImmutableArray());
}
