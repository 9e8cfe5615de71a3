using System.Text;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime;

/// <summary>Turns a run's verdict into a test failure.</summary>
public static class LoadAssert
{
    /// <summary>
    /// Throws <see cref="LoadTestFailedException"/> when a threshold failed, the run regressed against its baseline,
    /// completed no request (LT4120), was interrupted (LT4121: Ctrl+C, SIGTERM, the invoking process gone) or was
    /// aborted or cancelled, e.g. "http_req_duration: p(95)&lt;800 failed (p(95)=1243.5ms)", and says where the
    /// results and report are.
    /// </summary>
    public static void ThresholdsPassed(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // A segment judges only its own share; the merged result decides (k6 instances behave the same way).
        var failed = result.Segment is null ? result.Thresholds.Where(t => !t.Passed).ToList() : [];
        var regressed = result.Baseline is { Passed: false };
        if (failed.Count == 0 && !result.Aborted && !regressed && result.Failures.Count == 0) return;
        var message = new StringBuilder();
        message.Append($"Load test '{result.PlanName}' ");
        message.Append(result.Interrupted ? "was interrupted" : "failed");
        message.Append(failed.Count > 0 ? $": {failed.Count} of {result.Thresholds.Count} threshold(s) failed." : ".");
        if (result.Interrupted)
        {
            message.AppendLine().Append("  ").Append(result.AbortReason).Append(" (k6 would exit with code 105)");
        }
        foreach (var threshold in failed)
        {
            message.AppendLine().Append("  ").Append(threshold.Describe());
        }
        foreach (var failure in result.Failures)
        {
            message.AppendLine().Append("  ").Append(failure);
        }
        if (regressed)
        {
            message.AppendLine().Append("  regression against the baseline:");
            foreach (var line in result.Baseline!.FailureLines())
            {
                message.AppendLine().Append("    ").Append(line);
            }
        }
        if (result.Aborted && !result.Interrupted)
        {
            message.AppendLine().Append("  run aborted: ").Append(result.AbortReason);
        }
        message.AppendLine().Append($"  {result.Requests} requests, {result.ErrorRate:0.00%} failed, {result.Duration.TotalSeconds:0.0}s, " +
                                    $"{result.Iterations} complete and {result.InterruptedIterations} interrupted iterations");
        foreach (var warning in result.Warnings)
        {
            message.AppendLine().Append("  warning: ").Append(warning);
        }
        message.AppendLine().Append("Results: ").Append(result.ResultsDirectory);
        if (result.ReportPath is not null) message.AppendLine().Append("Report: ").Append(result.ReportPath);
        throw new LoadTestFailedException(message.ToString(), result);
    }
}
