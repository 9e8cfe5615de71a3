using System.Diagnostics;

namespace LoadTest.Runtime.Execution;

/// <summary>Monotonic run time (Stopwatch), mapped once to the wall clock for results.</summary>
public sealed class RunClock
{
    private long _start = Stopwatch.GetTimestamp();

    public DateTimeOffset WallStart { get; private set; } = DateTimeOffset.UtcNow;

    /// <summary>Starts the run time again from now: called once every VU is initialised, as k6 starts its clock after init.</summary>
    internal void Restart()
    {
        _start = Stopwatch.GetTimestamp();
        WallStart = DateTimeOffset.UtcNow;
    }

    public TimeSpan Elapsed => Stopwatch.GetElapsedTime(_start);

    public long StartTimestamp => _start;

    public DateTimeOffset ToWall(TimeSpan offset) => WallStart + offset;

    /// <summary>Run time of a Stopwatch timestamp.</summary>
    public TimeSpan OffsetOf(long timestamp) => Stopwatch.GetElapsedTime(_start, timestamp);

    /// <summary>Waits until the run has been going for <paramref name="offset"/> (returns at once if already past).</summary>
    public async Task DelayUntilAsync(TimeSpan offset, CancellationToken cancellationToken)
    {
        while (true)
        {
            var remaining = offset - Elapsed;
            if (remaining <= TimeSpan.Zero) return;
            // Timers are ~1 ms coarse; sleep in one go and let callers catch up on anything due since.
            await Task.Delay(remaining < TimeSpan.FromMilliseconds(1) ? TimeSpan.FromMilliseconds(1) : remaining, cancellationToken).ConfigureAwait(false);
        }
    }
}
