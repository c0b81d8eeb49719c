using System.Collections.Immutable;

namespace Ioc.Grains;

/// <summary>People who sign in (single activation, key 0). Passwords are held as Identity hashes.</summary>
public interface IUserDirectoryGrain : IGrainWithIntegerKey
{
    Task<UserRecord?> Find(string username);

    /// <summary>False when the username is taken.</summary>
    Task<bool> Create(UserRecord user);

    Task<int> Count();

    Task<ImmutableArray<UserRecord>> List();
}
