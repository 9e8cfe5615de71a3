namespace LoadTest.Runtime.Execution;

/// <summary>
/// Raises the thread pool's minimum worker threads for the length of a run. Test hosts (xunit v2, VSTest) block
/// pool threads while a test runs; with the default minimum (one per core) an open-model scheduler then waits up
/// to a second for hill climbing to add a thread, and iterations due meanwhile are dropped in a burst.
/// </summary>
internal sealed class ThreadPoolReservation : IDisposable
{
    private static readonly Lock Gate = new();
    private static int _active;
    private static int _savedWorkers;
    private static int _savedIo;
    private bool _disposed;

    /// <summary>Enough threads that a few blocked by the host never stall the schedule; idle ones cost nothing.</summary>
    public static int WorkerFloor => Math.Max(16, 4 * Environment.ProcessorCount);

    public ThreadPoolReservation()
    {
        lock (Gate)
        {
            if (_active++ > 0) return;
            ThreadPool.GetMinThreads(out _savedWorkers, out _savedIo);
            if (_savedWorkers < WorkerFloor) ThreadPool.SetMinThreads(WorkerFloor, _savedIo);
        }
    }

    public void Dispose()
    {
        if (_disposed) return;
        _disposed = true;
        lock (Gate)
        {
            if (--_active > 0) return;
            ThreadPool.SetMinThreads(_savedWorkers, _savedIo);
        }
    }
}
