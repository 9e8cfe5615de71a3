namespace LoadTest.Runtime.Baselines;

public enum RegressionStatus
{
    Passed,
    Regressed,
    NotCompared,
}

/// <summary>One metric of one series compared with the baseline.</summary>
/// <param name="Operation">The operation (k6 tag <c>name</c>) or "all requests".</param>
/// <param name="Metric">"p95", "p99", "avg", "error rate", "throughput" or "samples".</param>
/// <param name="Status">Passed, regressed, or not compared (too few samples).</param>
/// <param name="Baseline">Baseline value (ms, fraction or req/s); null when not compared.</param>
/// <param name="Current">Current value.</param>
/// <param name="Limit">The worst value still accepted.</param>
/// <param name="Message">e.g. "p95 +35% on POST /api/orders/create (180 → 243 ms)".</param>
public sealed record RegressionCheck(
    string Operation,
    string Metric,
    RegressionStatus Status,
    double? Baseline,
    double? Current,
    double? Limit,
    string Message)
{
    /// <summary>Stable name for test reports, e.g. "baseline p95 POST /api/orders/create".</summary>
    public string Name => $"baseline {Metric} {Operation}";
}

/// <summary>The result of comparing a run with its baseline.</summary>
public sealed record BaselineComparison(
    IReadOnlyList<RegressionCheck> Checks,
    IReadOnlyList<string> AddedOperations,
    IReadOnlyList<string> RemovedOperations,
    bool RemovedOperationsFail = false)
{
    public IReadOnlyList<RegressionCheck> Regressions => Checks.Where(c => c.Status == RegressionStatus.Regressed).ToList();

    public IReadOnlyList<RegressionCheck> NotCompared => Checks.Where(c => c.Status == RegressionStatus.NotCompared).ToList();

    /// <summary>True when nothing regressed (and, with <see cref="BaselinePolicy.FailOnRemovedOperations"/>, nothing was removed).</summary>
    public bool Passed => Regressions.Count == 0 && !(RemovedOperationsFail && RemovedOperations.Count > 0);

    /// <summary>Lines for a failure message or a log: regressions first, then added/removed operations.</summary>
    public IReadOnlyList<string> Describe()
    {
        var lines = Regressions.Select(r => $"{BaselineCodes.Regression}: {r.Message}").ToList();
        lines.AddRange(RemovedOperations.Select(o => $"operation removed since the baseline: {o}"));
        lines.AddRange(AddedOperations.Select(o => $"operation new since the baseline (not compared): {o}"));
        lines.AddRange(NotCompared.Select(c => c.Message));
        return lines;
    }
}

/// <summary>Diagnostic codes of the CI gate (docs/diagnostics/ci.md).</summary>
public static class BaselineCodes
{
    public const string TargetNotAllowed = "LT4070";
    public const string InvalidBaseline = "LT4071";
    public const string Regression = "LT4072";
    public const string NoBaseline = "LT4073";
    public const string OutputFailed = "LT4074";
}
