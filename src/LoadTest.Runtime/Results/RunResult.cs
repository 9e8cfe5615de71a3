namespace LoadTest.Runtime.Results;

/// <summary>What a run produced. A failed threshold is a result, not an exception (see <see cref="LoadAssert"/>).</summary>
public sealed record RunResult
{
    public string PlanName { get; init; } = "";

    /// <summary>True when no threshold failed (also true for a plan without thresholds).</summary>
    public bool ThresholdsPassed { get; init; }

    /// <summary>The run stopped early: an abortOnFail threshold failed, or the caller cancelled.</summary>
    public bool Aborted { get; init; }

    public string? AbortReason { get; init; }

    /// <summary>True when the caller's CancellationToken stopped the run.</summary>
    public bool Cancelled { get; init; }

    /// <summary>
    /// True when a signal (Ctrl+C, SIGTERM) or the invoking process going away stopped the run early (k6 exits 105
    /// then); <see cref="AbortReason"/> says which. Results and report are still written.
    /// </summary>
    public bool Interrupted { get; init; }

    /// <summary>Iterations cut off by a stop (k6 "interrupted iterations"); not counted in <see cref="Iterations"/>.</summary>
    public long InterruptedIterations { get; init; }

    /// <summary>
    /// Why the run fails besides its thresholds, one LT-coded line each, e.g. LT4120 when a scenario completed no
    /// request (a target that never answers must not pass on thresholds without samples).
    /// </summary>
    public IReadOnlyList<string> Failures { get; init; } = [];

    /// <summary>Warnings printed before the run (settings with no effect, unknown LOADTEST_* names), kept for the verdict.</summary>
    public IReadOnlyList<string> Warnings { get; init; } = [];

    /// <summary>Failed requests by k6 <c>error_code</c> (1050 request timeout, 1211 dial timeout, 1220 reset, 1500 HTTP 500…).</summary>
    public IReadOnlyDictionary<int, long> ErrorCodes { get; init; } = new Dictionary<int, long>();

    /// <summary>
    /// The exit code k6 would give this run: 0 passed, 99 a threshold failed (or, here, another failure: LT4120, a baseline regression),
    /// 103 the engine failed, 105 interrupted from outside (Ctrl+C, SIGTERM).
    /// </summary>
    public int ExitCode =>
        Interrupted ? 105
        : AbortReason is { } reason && reason.StartsWith("LT4060", StringComparison.Ordinal) ? 103
        : (Segment is null && !ThresholdsPassed) || Failures.Count > 0 || Aborted || Baseline is { Passed: false } ? 99
        : 0;

    public IReadOnlyList<ThresholdOutcome> Thresholds { get; init; } = [];

    /// <summary>Where summary.json, summary-export.json and timeseries.ndjson are.</summary>
    public string ResultsDirectory { get; init; } = "";

    /// <summary>The report written after the run (null when none could be written).</summary>
    public string? ReportPath { get; init; }

    /// <summary>http_reqs count.</summary>
    public long Requests { get; init; }

    /// <summary>http_req_failed rate (0..1).</summary>
    public double ErrorRate { get; init; }

    public TimeSpan Duration { get; init; }

    public long Iterations { get; init; }

    /// <summary>Iterations that threw an exception (counted, the run went on).</summary>
    public long IterationErrors { get; init; }

    public long DroppedIterations { get; init; }

    /// <summary>The execution segment this process ran (e.g. "1/3:2/3") when the run is one instance of a distributed run; null for a whole run.</summary>
    public string? Segment { get; init; }

    /// <summary>The comparison with the stored baseline (null when the session ran no gate).</summary>
    public Baselines.BaselineGateResult? Baseline { get; init; }

    public IReadOnlyList<ThresholdOutcome> FailedThresholds => Thresholds.Where(t => !t.Passed).ToList();
}
