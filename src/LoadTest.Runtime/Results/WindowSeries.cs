using System.Collections.Concurrent;
using LoadTest.Runtime.Metrics;

namespace LoadTest.Runtime.Results;

/// <summary>The current window's requests of one (name, method) series; taken and reset once per window.</summary>
public sealed class WindowSeries(string name, string method)
{
    private readonly TrendSink _duration = new();
    private long _requests;
    private long _failed;
    // Failed requests by (status, error code); the success path never touches it.
    private ConcurrentDictionary<(int Status, int ErrorCode), StrongBox> _failures = new();

    public string Name { get; } = name;

    public string Method { get; } = method;

    public void Record(double durationMs, bool failed, int status = 0, int errorCode = 0)
    {
        Interlocked.Increment(ref _requests);
        if (failed)
        {
            Interlocked.Increment(ref _failed);
            Interlocked.Increment(ref Volatile.Read(ref _failures).GetOrAdd((status, errorCode), static _ => new StrongBox()).Value);
        }
        _duration.Record(durationMs);
    }

    /// <summary>The window so far, or null when nothing was recorded; counters start again from zero.</summary>
    public SeriesWindow? TakeAndReset()
    {
        var requests = Interlocked.Exchange(ref _requests, 0);
        var failed = Interlocked.Exchange(ref _failed, 0);
        List<FailureCount> failures = [];
        if (!Volatile.Read(ref _failures).IsEmpty)
        {
            failures = Interlocked.Exchange(ref _failures, new())
                .Select(f => new FailureCount(f.Key.Status, f.Key.ErrorCode, Volatile.Read(ref f.Value.Value)))
                .Where(f => f.Count > 0).OrderBy(f => f.Status).ThenBy(f => f.ErrorCode).ToList();
        }
        var snapshot = _duration.TakeAndReset();
        if (requests == 0 && snapshot.Count == 0) return null;
        var histogram = snapshot.Histogram; // a fresh merge of the stripes, owned by this window
        // Durations of 0 ms are kept apart in trends; in windows they count as the smallest recordable value.
        if (snapshot.NonPositive > 0) histogram.RecordMicros(1, snapshot.NonPositive);
        return new SeriesWindow(Name, Method, requests, failed, histogram) { Failures = failures };
    }

    private sealed class StrongBox
    {
        public long Value;
    }
}
