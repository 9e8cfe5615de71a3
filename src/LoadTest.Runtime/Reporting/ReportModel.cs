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
}
