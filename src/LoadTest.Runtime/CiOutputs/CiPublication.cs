using LoadTest.Runtime.Baselines;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.CiOutputs;

/// <summary>Everything a CI system is told about one run: threshold verdicts and the baseline comparison.</summary>
/// <param name="RunName">The plan / run name (results sub-folder).</param>
/// <param name="ResultsDirectory">The run's results folder; junit.xml (and ci-summary.md) are written there.</param>
public sealed record CiPublication(string RunName, string ResultsDirectory)
{
    public IReadOnlyList<ThresholdOutcome> Thresholds { get; init; } = [];

    /// <summary>Null when no baseline was compared (none yet, or it was being updated).</summary>
    public BaselineComparison? Baseline { get; init; }

    /// <summary>Extra lines for the summary, e.g. the baseline gate's message (LT4073 no baseline).</summary>
    public IReadOnlyList<string> Notes { get; init; } = [];

    /// <summary>Set when the baseline could not be read (LT4071): reported as a failure.</summary>
    public string? BaselineProblem { get; init; }

    public string? ReportPath { get; init; }

    public bool Aborted { get; init; }

    public string? AbortReason { get; init; }

    public IReadOnlyList<ThresholdOutcome> FailedThresholds => Thresholds.Where(t => !t.Passed).ToList();

    public IReadOnlyList<RegressionCheck> Regressions => Baseline?.Regressions ?? [];

    public bool Passed => FailedThresholds.Count == 0 && (Baseline?.Passed ?? true) && !Aborted && BaselineProblem is null;

    public static CiPublication From(RunResult result, BaselineGateResult? baseline = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        return new CiPublication(result.PlanName, result.ResultsDirectory)
        {
            Thresholds = result.Thresholds,
            Baseline = baseline?.Comparison,
            Notes = baseline is null || baseline.Invalid ? [] : [baseline.Message],
            BaselineProblem = baseline is { Invalid: true } ? baseline.Message : null,
            ReportPath = result.ReportPath,
            // A run that completed no request (LT4120) fails like an aborted one, whatever its thresholds.
            Aborted = result.Aborted || result.Failures.Count > 0,
            AbortReason = string.Join("; ", new[] { result.AbortReason }.Concat(result.Failures).OfType<string>()) is { Length: > 0 } reason ? reason : null,
        };
    }

    /// <summary>"measured vs limit" for a threshold: <c>p(95)=1243.5ms, limit p(95)&lt;800</c>.</summary>
    public static string MeasuredVersusLimit(ThresholdOutcome threshold) =>
        $"{threshold.ObservedText}, limit {threshold.Expression}";
}
