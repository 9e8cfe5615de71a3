using LoadTest.Runtime.Metrics;

namespace LoadTest.Runtime.Results;

/// <summary>
/// The run's compact time series: one window per second with the load that was applied and, per request
/// series (tags name + method), the requests, failures and an HDR latency histogram. This is what the
/// analysis reads; k6's NDJSON (<c>--out json</c>) is converted into the same shape.
/// </summary>
public sealed record RunTimeSeries(
    DateTimeOffset Start,
    IReadOnlyList<TimeWindow> Windows,
    IReadOnlyList<StageMark> Stages);

/// <summary>One window (normally one second) of the run.</summary>
/// <param name="Start">Wall-clock start of the window.</param>
/// <param name="Seconds">Window length in seconds (the last one may be shorter).</param>
/// <param name="Vus">Active VUs at the end of the window (k6 <c>vus</c> gauge).</param>
/// <param name="VusMax">Allocated VUs (k6 <c>vus_max</c>).</param>
/// <param name="Iterations">Iterations completed in the window.</param>
/// <param name="DroppedIterations">Open-model iterations that could not start for lack of a free VU.</param>
/// <param name="GeneratorCpu">Load generator process CPU use in the window, 0–1 per core summed over cores / cores; null if unknown.</param>
/// <param name="Series">Per request series measurements.</param>
public sealed record TimeWindow(
    DateTimeOffset Start,
    double Seconds,
    int Vus,
    int VusMax,
    long Iterations,
    long DroppedIterations,
    double? GeneratorCpu,
    IReadOnlyList<SeriesWindow> Series);

/// <summary>Requests of one series (k6 tags <c>name</c> and <c>method</c>) in one window.</summary>
/// <param name="Name">k6 tag <c>name</c>.</param>
/// <param name="Method">k6 tag <c>method</c>.</param>
/// <param name="Requests">Requests completed in the window.</param>
/// <param name="Failed">Of those, failed ones (http_req_failed).</param>
/// <param name="Duration">http_req_duration in this window (for the open model: measured from the scheduled start).</param>
public sealed record SeriesWindow(
    string Name,
    string Method,
    long Requests,
    long Failed,
    LatencyHistogram Duration)
{
    /// <summary>
    /// The failed requests by HTTP status (0 = no response) and k6 error code (<c>error_code</c> tag, 0 = none), so
    /// the report can tell a broken flow (404 at 1 VU) from saturation (503, timeouts). Empty when nothing failed or
    /// the producer did not record outcomes (older files).
    /// </summary>
    public IReadOnlyList<FailureCount> Failures { get; init; } = [];

    /// <summary>Failed requests by k6 <c>error_code</c> alone (1050 request timeout, 1220 reset by peer, 1503…), from <see cref="Failures"/>.</summary>
    public IReadOnlyDictionary<int, long> ErrorCodes => Failures
        .Where(f => f.ErrorCode != 0)
        .GroupBy(f => f.ErrorCode)
        .ToDictionary(g => g.Key, g => g.Sum(f => f.Count));
}

/// <summary>How many requests of a series failed with one status and k6 error code.</summary>
public sealed record FailureCount(int Status, int ErrorCode, long Count);

/// <summary>A planned stage of a scenario's executor, placed on the wall clock.</summary>
/// <param name="Scenario">Scenario name.</param>
/// <param name="Index">0-based stage index within the scenario.</param>
/// <param name="Start">Planned wall-clock start.</param>
/// <param name="End">Planned wall-clock end.</param>
/// <param name="Label">Human label such as "Ramp 50-200" or "Sustain 500".</param>
/// <param name="TargetVus">VU target at the end of the stage (closed model), else null.</param>
/// <param name="TargetRate">Iterations per second at the end of the stage (open model), else null.</param>
public sealed record StageMark(
    string Scenario,
    int Index,
    string Label,
    DateTimeOffset Start,
    DateTimeOffset End,
    int? TargetVus,
    double? TargetRate);
