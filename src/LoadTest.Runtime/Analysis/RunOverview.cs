using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis;

/// <summary>Whole-run totals: from the time series when there is one (exact percentiles), else from the summary.</summary>
public sealed record RunOverview(
    long Requests,
    double DurationSeconds,
    double Rps,
    double P50Ms,
    double P95Ms,
    double? P99Ms,
    double ErrorRate,
    int MaxVus,
    IReadOnlyList<ThresholdResult> Thresholds,
    string Basis)
{
    public bool AllThresholdsOk => Thresholds.All(t => t.Ok);

    public static RunOverview? From(RunSummary? summary, RunTimeSeries? series)
    {
        var thresholds = summary?.Metrics.SelectMany(m => m.Thresholds).ToList() ?? [];
        if (series is { Windows.Count: > 0 })
        {
            var all = new LatencyHistogram();
            long requests = 0, failed = 0;
            foreach (var s in series.Windows.SelectMany(w => w.Series))
            {
                all.Add(s.Duration);
                requests += s.Requests;
                failed += s.Failed;
            }
            var seconds = series.Windows.Sum(w => w.Seconds);
            return new RunOverview(requests, seconds, seconds > 0 ? requests / seconds : 0,
                all.PercentileMilliseconds(50), all.PercentileMilliseconds(95), all.PercentileMilliseconds(99),
                requests > 0 ? (double)failed / requests : 0, PeakVus(series), thresholds, "time series");
        }
        if (summary is null) return null;
        var durationS = (summary.TestRunDurationMs ?? 0) / 1000.0;
        var count = (long)(summary.Value("http_reqs", "count") ?? 0);
        var rate = summary.Value("http_reqs", "rate") ?? (durationS > 0 ? count / durationS : 0);
        // handleSummary calls the failure share "rate"; --summary-export calls it "value".
        var errorRate = summary.Value("http_req_failed", "rate") ?? summary.Value("http_req_failed", "value") ?? 0;
        return new RunOverview(count, durationS, rate,
            summary.Value("http_req_duration", "med") ?? summary.Value("http_req_duration", "p(50)") ?? 0,
            summary.Value("http_req_duration", "p(95)") ?? 0,
            summary.Value("http_req_duration", "p(99)"),
            errorRate,
            (int)(summary.Value("vus_max", "max") ?? summary.Value("vus_max", "value") ?? summary.Value("vus", "max") ?? 0),
            thresholds, "summary");
    }

    // The gauge is read at each window's end, so a run shorter than a window shows 0 active VUs: fall back to the allocated ones.
    private static int PeakVus(RunTimeSeries series)
    {
        var active = series.Windows.Max(w => w.Vus);
        return active > 0 ? active : series.Windows.Max(w => w.VusMax);
    }
}
