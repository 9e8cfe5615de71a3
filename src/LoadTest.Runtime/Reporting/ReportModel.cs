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
    IReadOnlyList<AnalysisDiagnostic> Diagnostics);
