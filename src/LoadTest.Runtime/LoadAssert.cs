using System.Text;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime;

/// <summary>Turns a run's verdict into a test failure.</summary>
public static class LoadAssert
{
    /// <summary>
    /// Throws <see cref="LoadTestFailedException"/> when a threshold failed, the run regressed against its baseline, or the
    /// run was aborted or cancelled, e.g.
    /// "http_req_duration: p(95)&lt;800 failed (p(95)=1243.5ms)", and says where the results and report are.
    /// </summary>
    public static void ThresholdsPassed(RunResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        // A segment judges only its own share; the merged result decides (k6 instances behave the same way).
        var failed = result.Segment is null ? result.Thresholds.Where(t => !t.Passed).ToList() : [];
        var regressed = result.Baseline is { Passed: false };
        if (failed.Count == 0 && !result.Aborted && !regressed) return;
        var message = new StringBuilder();
        message.Append($"Load test '{result.PlanName}' failed");
        message.Append(failed.Count > 0 ? $": {failed.Count} of {result.Thresholds.Count} threshold(s) failed." : ".");
        foreach (var threshold in failed)
        {
            message.AppendLine().Append("  ").Append(threshold.Describe());
        }
        if (regressed)
        {
            message.AppendLine().Append("  regression against the baseline:");
            foreach (var line in result.Baseline!.FailureLines())
            {
                message.AppendLine().Append("    ").Append(line);
            }
        }
        if (result.Aborted)
        {
            message.AppendLine().Append("  run aborted: ").Append(result.AbortReason);
        }
        message.AppendLine().Append($"  {result.Requests} requests, {result.ErrorRate:0.00%} failed, {result.Duration.TotalSeconds:0.0}s");
        message.AppendLine().Append("Results: ").Append(result.ResultsDirectory);
        if (result.ReportPath is not null) message.AppendLine().Append("Report: ").Append(result.ReportPath);
        throw new LoadTestFailedException(message.ToString(), result);
    }
}
