using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>
/// Requests, failures and the merged latency histogram over a set of windows (optionally one series).
/// The histogram may be shared with the input: read it, never record into it.
/// </summary>
public sealed record WindowAggregate(long Requests, long Failed, double Seconds, LatencyHistogram Duration, bool Trusted)
{
    /// <summary>Iterations completed in the windows (all scenarios).</summary>
    public long Iterations { get; init; }

    /// <summary>Open-model iterations that could not start for lack of a free VU.</summary>
    public long Dropped { get; init; }

    /// <summary>VUs in use, averaged over the windows' time.</summary>
    public double MeanVus { get; init; }

    public int MaxVus { get; init; }

    public double IterationsPerSecond => Seconds > 0 ? Iterations / Seconds : 0;

    public double Rps => Seconds > 0 ? Requests / Seconds : 0;

    public double ErrorRate => Requests > 0 ? (double)Failed / Requests : 0;

    public double P50 => Duration.PercentileMilliseconds(50);

    public double P95 => Duration.PercentileMilliseconds(95);

    public double P99 => Duration.PercentileMilliseconds(99);

    public static WindowAggregate Of(IEnumerable<TimeWindow> windows, Func<SeriesWindow, bool>? series = null)
    {
        var parts = new List<LatencyHistogram>();
        long requests = 0, failed = 0;
        var seconds = 0.0;
        var trusted = true;
        long iterations = 0, dropped = 0;
        double vuSeconds = 0;
        var maxVus = 0;
        foreach (var w in windows)
        {
            seconds += w.Seconds;
            trusted &= GeneratorHealth.IsTrusted(w);
            iterations += w.Iterations;
            dropped += w.DroppedIterations;
            vuSeconds += w.Vus * w.Seconds;
            maxVus = Math.Max(maxVus, w.Vus);
            foreach (var s in w.Series)
            {
                if (series is not null && !series(s)) continue;
                requests += s.Requests;
                failed += s.Failed;
                if (s.Duration.Count > 0) parts.Add(s.Duration);
            }
        }
        // HDR histograms are large (one bucket array per instance): share a lone part read-only instead of copying it.
        LatencyHistogram histogram;
        if (parts.Count == 1)
        {
            histogram = parts[0];
        }
        else
        {
            histogram = new LatencyHistogram();
            foreach (var part in parts) histogram.Add(part);
        }
        return new WindowAggregate(requests, failed, seconds, histogram, trusted)
        {
            Iterations = iterations,
            Dropped = dropped,
            MeanVus = seconds > 0 ? vuSeconds / seconds : 0,
            MaxVus = maxVus,
        };
    }
}

/// <summary>
/// Whether a window's numbers describe the API or the load generator: when iterations were dropped or the
/// generator's CPU was above 90 %, slow responses may be the client's fault, so such windows are not blamed on the API.
/// </summary>
public static class GeneratorHealth
{
    public const double CpuLimit = 0.9;

    /// <summary>Below this, a p(95) of http_req_blocked is DNS and connects, not queueing.</summary>
    public const double QueueingFloorMs = 10;

    public static bool IsTrusted(TimeWindow window) => window.DroppedIterations == 0 && CpuTrusted(window);

    /// <summary>The generator's CPU was not the limit (unknown counts as fine).</summary>
    public static bool CpuTrusted(TimeWindow window) => window.GeneratorCpu is not { } cpu || cpu <= CpuLimit;

    /// <summary>
    /// Whether requests waited in the generator before they were sent (k6's http_req_blocked: a connection cap,
    /// slow DNS or connects) for a large part of what the API took: http_req_duration leaves that wait out, as in k6,
    /// so VUs saw more latency than the API numbers show. Null when fine or unknown.
    /// </summary>
    public static (double BlockedP95, double DurationP95)? Queueing(RunSummary? summary)
    {
        if (summary?.Value("http_req_blocked", "p(95)") is not { } blocked || blocked < QueueingFloorMs) return null;
        var duration = summary.Value("http_req_duration", "p(95)") ?? 0;
        return blocked >= 0.5 * duration ? (blocked, duration) : null;
    }
}
