using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;

namespace LoadTest.Runtime.Reporting;

/// <summary>Everything a report shows, computed once; the Markdown, JSON and HTML writers only format it.</summary>
public sealed record ReportModel(
    string Source,
    IReadOnlyList<ResultsFormat> Formats,
    SloLimits Slo,
    RunOverview? Overview,
    IReadOnlyList<AnalysisDiagnostic> Diagnostics);
