using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Capacity;

namespace LoadTest.Runtime.Reporting;

/// <summary>Everything a report shows, computed once; the Markdown, JSON and HTML writers only format it.</summary>
public sealed record ReportModel(
    string Source,
    IReadOnlyList<ResultsFormat> Formats,
    SloLimits Slo,
    RunOverview? Overview,
    IReadOnlyList<StageRow> Stages,
    IReadOnlyList<EndpointRow> EndpointsAtPeak,
    IReadOnlyList<LoadPoint> LoadLevels,
    BreakingPointResult? BreakingPoint,
    BottleneckResult? Bottleneck,
    CapacityPlan? CapacityPlan,
    VerificationProfile? Verification,
    IReadOnlyList<TimelinePoint> Timeline,
    IReadOnlyList<EndpointTimeline> EndpointTimelines,
    IReadOnlyList<AnalysisDiagnostic> Diagnostics)
{
    /// <summary>Why the run ended early (interrupted by Ctrl+C/SIGTERM, aborted by a threshold), from the results; null when it ran out.</summary>
    public string? AbortReason { get; init; }

    /// <summary>Failed requests per endpoint and k6 error_code.</summary>
    public IReadOnlyList<EndpointErrorCode> ErrorCodes { get; init; } = [];
    /// <summary>What the report says first: status, the one capacity sentence, and the lines behind it.</summary>
    public RunVerdict? Verdict { get; init; }

    /// <summary>Profile, start, duration, load model, target, version.</summary>
    public RunFacts Facts { get; init; } = new();

    public LoadModel Model { get; init; } = LoadModel.Closed;

    /// <summary>The headline capacity and the estimates set against it (null for a functional failure).</summary>
    public CapacityResult? Capacity { get; init; }

    /// <summary>Open model: the stage table's rows, one per step of the ramp.</summary>
    public IReadOnlyList<LoadStep> Steps { get; init; } = [];

    /// <summary>
    /// Failed requests per endpoint with their HTTP status and k6 error codes (the <c>error_code</c> tag), failing
    /// checks, and whether they are functional (not caused by load).
    /// </summary>
    public FunctionalFailureResult? Failures { get; init; }
}
