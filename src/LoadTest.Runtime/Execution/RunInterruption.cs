namespace LoadTest.Runtime.Execution;

/// <summary>
/// Asks a running plan to stop early, as a first and second Ctrl+C do in k6: <see cref="Request"/> stops every
/// scenario from starting iterations and gives the running ones their <c>gracefulStop</c>; a second request (or
/// <see cref="StopNow"/>) interrupts them at once. Either way the run writes its results from what was recorded
/// and is marked interrupted. Pass it in <see cref="RunSettings.Interruption"/>.
/// </summary>
public sealed class RunInterruption : IDisposable
{
    private readonly CancellationTokenSource _graceful = new();
    private readonly CancellationTokenSource _immediate = new();
    private string? _reason;
    private int _requests;

    /// <summary>Cancelled at the first request: start no more iterations.</summary>
    public CancellationToken Graceful => _graceful.Token;

    /// <summary>Cancelled at the second request or <see cref="StopNow"/>: interrupt running iterations now.</summary>
    public CancellationToken Immediate => _immediate.Token;

    /// <summary>Why the run was interrupted (the first reason given), e.g. "received SIGINT (Ctrl+C)".</summary>
    public string? Reason => Volatile.Read(ref _reason);

    public bool IsRequested => _graceful.IsCancellationRequested;

    public bool IsImmediate => _immediate.IsCancellationRequested;

    /// <summary>First call: graceful stop; later calls: stop at once. Returns true when this call stopped at once.</summary>
    public bool Request(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        if (Interlocked.Increment(ref _requests) == 1)
        {
            Cancel(_graceful);
            return false;
        }
        StopNow(reason);
        return true;
    }

    /// <summary>Interrupts running iterations now (their requests in flight are not recorded, as in k6).</summary>
    public void StopNow(string reason)
    {
        Interlocked.CompareExchange(ref _reason, reason, null);
        Interlocked.Increment(ref _requests);
        Cancel(_graceful);
        Cancel(_immediate);
    }

    private static void Cancel(CancellationTokenSource source)
    {
        try { source.Cancel(); }
        catch (ObjectDisposedException) { /* the run is over */ }
    }

    public void Dispose()
    {
        _graceful.Dispose();
        _immediate.Dispose();
    }
}
