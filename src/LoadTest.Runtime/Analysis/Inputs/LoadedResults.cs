using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Analysis.Inputs;

public enum ResultsFormat
{
    Native,
    K6HandleSummary,
    K6SummaryExport,
    K6Ndjson,
    K6Csv,
    None,
}

/// <summary>What could be read from a results location: any part may be missing, the diagnostics say why.</summary>
public sealed record LoadedResults(
    string Source,
    IReadOnlyList<ResultsFormat> Formats,
    RunSummary? Summary,
    RunTimeSeries? TimeSeries,
    IReadOnlyList<AnalysisDiagnostic> Diagnostics);
