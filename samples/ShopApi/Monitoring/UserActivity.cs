using System.Collections.Concurrent;

namespace ShopApi.Monitoring;

/// <summary>What each user did, counted by the endpoints: a load test reads it back to see how many distinct users it was.</summary>
public sealed class UserActivity
{
    /// <summary>Users tracked; beyond this, new users are not counted (a long soak test must not grow memory without bound).</summary>
    public const int MaxUsers = 100_000;

    private readonly ConcurrentDictionary<string, Counters> users = new(StringComparer.Ordinal);

    public void CartAdded(string user) => Interlocked.Increment(ref For(user).CartAdds);

    public void OrderCreated(string user) => Interlocked.Increment(ref For(user).OrdersCreated);

    public void OrderRead(string user) => Interlocked.Increment(ref For(user).OrdersRead);

    public IReadOnlyList<UserCounts> Snapshot() =>
        [.. users.OrderBy(u => u.Key, StringComparer.Ordinal).Select(u => new UserCounts(u.Key, Volatile.Read(ref u.Value.CartAdds), Volatile.Read(ref u.Value.OrdersCreated), Volatile.Read(ref u.Value.OrdersRead)))];

    private Counters For(string user) =>
        users.TryGetValue(user, out var counters) ? counters
        : users.Count >= MaxUsers ? new Counters()
        : users.GetOrAdd(user, static _ => new Counters());

    private sealed class Counters
    {
        public long CartAdds;
        public long OrdersCreated;
        public long OrdersRead;
    }
}

/// <summary>One user's counts: cart additions, orders created and orders read back.</summary>
public sealed record UserCounts(string Username, long CartAdds, long OrdersCreated, long OrdersRead);
