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
