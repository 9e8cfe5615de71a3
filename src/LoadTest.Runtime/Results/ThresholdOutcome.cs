using System.Globalization;

namespace LoadTest.Runtime.Results;

/// <summary>The verdict of one threshold.</summary>
/// <param name="Metric">Metric or sub-metric key, e.g. <c>http_req_duration{name:GET /items}</c>.</param>
/// <param name="Expression">The threshold as written, e.g. <c>p(95)&lt;800</c>.</param>
/// <param name="Passed">False when the observed value broke the threshold.</param>
/// <param name="Observed">The aggregation's value (milliseconds for time trends); null when the metric had no samples.</param>
public sealed record ThresholdOutcome(string Metric, string Expression, bool Passed, double? Observed)
{
    /// <summary>k6 name of the aggregation, e.g. <c>p(95)</c>.</summary>
    public string Aggregation { get; init; } = "";

    /// <summary>True when the observed value is a duration in milliseconds.</summary>
    public bool IsTime { get; init; }

    public bool AbortOnFail { get; init; }

    /// <summary>Why the threshold could not be evaluated (e.g. wrong aggregation for a custom metric's type).</summary>
    public string? Error { get; init; }

    /// <summary>"p(95)=1243.5ms", "rate=0.0312", or "no samples".</summary>
    public string ObservedText => Observed is { } value
        ? $"{Aggregation}={Format(value)}{(IsTime ? "ms" : "")}"
        : Error ?? "no samples";

    /// <summary>One line for logs and failure messages: <c>http_req_duration: p(95)&lt;800 failed (p(95)=1243.5ms)</c>.</summary>
    public string Describe() => $"{Metric}: {Expression} {(Passed ? "passed" : "failed")} ({ObservedText})";

    private static string Format(double value) =>
        Math.Round(value, Math.Abs(value) >= 100 ? 1 : 4).ToString("0.####", CultureInfo.InvariantCulture);
}
