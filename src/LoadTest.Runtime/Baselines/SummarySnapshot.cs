namespace LoadTest.Runtime.Baselines;

/// <summary>The figures a baseline comparison needs for one request series: all requests, or one operation (k6 tag <c>name</c>).</summary>
/// <param name="Operation">The k6 <c>name</c> tag, or <see cref="SummarySnapshot.AllRequests"/> for the global series.</param>
/// <param name="P95Ms">http_req_duration p(95) in milliseconds; null when the summary has none.</param>
/// <param name="P99Ms">http_req_duration p(99) in milliseconds.</param>
/// <param name="AvgMs">http_req_duration avg in milliseconds.</param>
/// <param name="Requests">http_reqs count; null when the summary does not say (sub-metrics exist only when asked for).</param>
/// <param name="ErrorRate">http_req_failed rate (0..1).</param>
/// <param name="Throughput">Requests per second over the run.</param>
public sealed record SeriesStats(
    string Operation,
    double? P95Ms,
    double? P99Ms,
    double? AvgMs,
    long? Requests,
    double? ErrorRate,
    double? Throughput);

/// <summary>One run's summary.json reduced to the global series and one series per operation.</summary>
public sealed record SummarySnapshot(SeriesStats Global, IReadOnlyDictionary<string, SeriesStats> Operations)
{
    /// <summary>How messages name the global series.</summary>
    public const string AllRequests = "all requests";
}
