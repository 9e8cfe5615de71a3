using System.Diagnostics;

namespace ShopApi.Data;

/// <summary>
/// The sample's real bottleneck: a pool of N "connections" (a semaphore). Each query holds one connection for the
/// configured service time, so the pool serves at most N / serviceTime queries per second; beyond that, requests
/// queue for a connection and latency climbs, and a wait longer than the pool timeout fails with 503.
/// </summary>
public sealed class SimulatedDatabase : IDisposable
{
    private readonly SemaphoreSlim connections;
    private readonly ShopApiOptions options;
    private int inUse;
    private int pending;
    private long queriesTotal;
    private long timeoutsTotal;
    private long waitTicksTotal;
    private long acquisitionsTotal;

    public SimulatedDatabase(ShopApiOptions options)
    {
        this.options = options;
        connections = new SemaphoreSlim(options.DbPoolSize, options.DbPoolSize);
    }

    public int PoolSize => options.DbPoolSize;
    public int InUse => Volatile.Read(ref inUse);
    public int Pending => Volatile.Read(ref pending);
    public long QueriesTotal => Interlocked.Read(ref queriesTotal);
    public long TimeoutsTotal => Interlocked.Read(ref timeoutsTotal);
    public long AcquisitionsTotal => Interlocked.Read(ref acquisitionsTotal);
    public TimeSpan WaitTotal => Stopwatch.GetElapsedTime(0, Interlocked.Read(ref waitTicksTotal));

    /// <summary>
    /// Runs <paramref name="queryCount"/> queries for <paramref name="operation"/> on one connection (a transaction):
    /// the connection is held for queryCount × (query time + injected extra for that operation).
    /// </summary>
    /// <exception cref="DbPoolExhaustedException">No connection became free within the pool timeout.</exception>
    public async Task RunAsync(string operation, int queryCount, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(queryCount, 1);
        var waitStarted = Stopwatch.GetTimestamp();
        Interlocked.Increment(ref pending);
        bool acquired;
        try
        {
            acquired = await connections.WaitAsync(options.DbPoolTimeout, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            Interlocked.Decrement(ref pending);
            Interlocked.Add(ref waitTicksTotal, Stopwatch.GetTimestamp() - waitStarted);
        }

        if (!acquired)
        {
            Interlocked.Increment(ref timeoutsTotal);
            throw new DbPoolExhaustedException(operation, options.DbPoolTimeout);
        }

        Interlocked.Increment(ref acquisitionsTotal);
        Interlocked.Increment(ref inUse);
        try
        {
            var serviceTime = (options.DbQueryTime + options.ExtraQueryTimeFor(operation)) * queryCount;
            // Not cancelled with the request: a database finishes a query whose client went away.
            if (serviceTime > TimeSpan.Zero)
            {
                await Task.Delay(serviceTime, CancellationToken.None).ConfigureAwait(false);
            }

            Interlocked.Add(ref queriesTotal, queryCount);
        }
        finally
        {
            Interlocked.Decrement(ref inUse);
            connections.Release();
        }
    }

    public void Dispose() => connections.Dispose();
}

/// <summary>Waiting for a database connection took longer than the pool timeout; answered with 503.</summary>
public sealed class DbPoolExhaustedException(string operation, TimeSpan timeout)
    : Exception($"db pool exhausted: {operation} waited {timeout.TotalMilliseconds:0} ms for a connection")
{
    public string Operation { get; } = operation;
    public TimeSpan Timeout { get; } = timeout;
}
