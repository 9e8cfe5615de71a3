using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using LoadTest.Runtime.Metrics;

namespace LoadTest.Runtime.Results;

/// <summary>The current window's requests of one (name, method) series; taken and reset once per window.</summary>
public sealed class WindowSeries(string name, string method)
{
    private readonly TrendSink _duration = new();
    private long _requests;
    private long _failed;
    // Per k6 error_code; a code's counter is created once and reset in place, so recording allocates nothing after.
    private readonly ConcurrentDictionary<int, StrongBox<long>> _errorCodes = new();

    public string Name { get; } = name;

    public string Method { get; } = method;

    public void Record(double durationMs, bool failed, int errorCode = 0)
    {
        Interlocked.Increment(ref _requests);
        if (failed) Interlocked.Increment(ref _failed);
        if (errorCode != 0) Interlocked.Increment(ref _errorCodes.GetOrAdd(errorCode, static _ => new StrongBox<long>()).Value);
        _duration.Record(durationMs);
    }

    /// <summary>The window so far, or null when nothing was recorded; counters start again from zero.</summary>
    public SeriesWindow? TakeAndReset()
    {
        var requests = Interlocked.Exchange(ref _requests, 0);
        var failed = Interlocked.Exchange(ref _failed, 0);
        var snapshot = _duration.TakeAndReset();
        if (requests == 0 && snapshot.Count == 0) return null;
        var histogram = snapshot.Histogram; // a fresh merge of the stripes, owned by this window
        // Durations of 0 ms are kept apart in trends; in windows they count as the smallest recordable value.
        if (snapshot.NonPositive > 0) histogram.RecordMicros(1, snapshot.NonPositive);
        Dictionary<int, long>? codes = null;
        foreach (var (code, count) in _errorCodes)
        {
            var taken = Interlocked.Exchange(ref count.Value, 0);
            if (taken > 0) (codes ??= [])[code] = taken;
        }
        return new SeriesWindow(Name, Method, requests, failed, histogram) { ErrorCodes = codes ?? SeriesWindow.NoErrorCodes };
    }
}
