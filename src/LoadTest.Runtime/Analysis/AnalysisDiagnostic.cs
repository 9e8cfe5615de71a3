namespace LoadTest.Runtime.Analysis;

/// <summary>
/// A problem found while reading or analysing results. Never an exception: the report prints it so the user
/// sees what was wrong, where, and what to do. Codes are stable (LT4000–LT4099, see docs/diagnostics/analysis.md).
/// </summary>
public sealed record AnalysisDiagnostic(string Code, DiagnosticSeverity Severity, string? File, int? Line, string Message, string Fix)
{
    public override string ToString()
    {
        var where = File is null ? "" : Line is { } line ? $"{File}({line}): " : $"{File}: ";
        return $"{where}{Severity.ToString().ToLowerInvariant()} {Code}: {Message} {Fix}".TrimEnd();
    }
}

public enum DiagnosticSeverity
{
    Info,
    Warning,
    Error,
}

/// <summary>The codes in one place so docs and tests refer to the same strings.</summary>
public static class DiagnosticCodes
{
    public const string ResultsNotFound = "LT4001";
    public const string UnreadableSummary = "LT4002";
    public const string UnreadableTimeSeries = "LT4003";
    public const string UnreadableNdjsonLine = "LT4004";
    public const string UnreadableCsvLine = "LT4005";
    public const string UnknownResultsFormat = "LT4006";
    public const string NoTimeSeries = "LT4007";
    public const string TooFewPointsForUsl = "LT4008";
    public const string GeneratorSaturated = "LT4009";
    public const string UnreadableCapacityInput = "LT4010";
    public const string UnreadablePriceCatalog = "LT4011";
    public const string PriceNotInCatalog = "LT4012";
    public const string ReportWriteFailed = "LT4013";
    public const string RunLooksAborted = "LT4014";
    public const string NoRequests = "LT4015";
    public const string AnalysisFailed = "LT4016";
    public const string GeneratorQueueing = "LT4017";
    public const string FunctionalFailure = "LT4018";
    public const string ConnectionCeiling = "LT4019";
    public const string NoFlowScript = "LT4020";
    public const string OfferedRateEstimated = "LT4021";
    public const string FlowScriptNotFound = "LT4022";
    public const string UnreadableScrape = "LT4023";
    public const string ScrapeMetricMissing = "LT4024";
}
