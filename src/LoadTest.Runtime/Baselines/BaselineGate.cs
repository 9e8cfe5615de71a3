namespace LoadTest.Runtime.Baselines;

/// <summary>What the baseline step did after a run.</summary>
/// <param name="BaselinePath">The baseline file used or written.</param>
/// <param name="Comparison">The comparison; null when the baseline was updated, missing or unreadable.</param>
/// <param name="Updated">True when LOADTEST_UPDATE_BASELINE refreshed the baseline (no comparison then).</param>
/// <param name="Message">One line for the log, with an LT code when something is off.</param>
/// <param name="Invalid">True when the baseline or the run's summary could not be read (LT4071): the gate fails.</param>
public sealed record BaselineGateResult(string BaselinePath, BaselineComparison? Comparison, bool Updated, string Message, bool Invalid = false)
{
    /// <summary>False when the comparison found a regression or the baseline is unreadable; a missing baseline does not fail a run.</summary>
    public bool Passed => !Invalid && (Comparison?.Passed ?? true);

    /// <summary>Lines for the test failure message when <see cref="Passed"/> is false (empty otherwise).</summary>
    public IReadOnlyList<string> FailureLines() =>
        Passed ? []
        : Invalid ? [Message]
        : [.. Comparison!.Regressions.Select(r => $"{BaselineCodes.Regression}: {r.Message}"),
           .. Comparison.RemovedOperationsFail ? Comparison.RemovedOperations.Select(o => $"{BaselineCodes.Regression}: operation removed since the baseline: {o}") : [],
           $"baseline: {BaselinePath} (intended? update it: {BaselineStore.UpdateVariable}=1 dotnet test --filter Category=Load)"];
}

/// <summary>The after-run baseline step: update the baseline when asked, else compare with it when there is one.</summary>
public static class BaselineGate
{
    public static BaselineGateResult Run(string resultsDirectory, string runName, string repositoryRoot,
        Func<string, string?> environment, BaselinePolicy? policy = null)
    {
        var path = BaselineStore.Resolve(runName, repositoryRoot, environment);
        var shown = BaselineStore.DisplayPath(path, repositoryRoot);
        if (!BaselineStore.UpdateRequested(environment) && !File.Exists(path))
        {
            var where = shown == path ? path : $"{shown} in {repositoryRoot}";
            return new BaselineGateResult(path, null, false,
                $"{BaselineCodes.NoBaseline}: no baseline at {where}; not compared. Record it with {BaselineStore.UpdateVariable}=1 dotnet test --filter Category=Load, then commit {shown}.");
        }
        try
        {
            if (BaselineStore.UpdateRequested(environment))
            {
                var written = BaselineStore.Update(resultsDirectory, path);
                return new BaselineGateResult(written, null, true, $"LoadTest: baseline updated: {written} (commit {BaselineStore.DisplayPath(written, repositoryRoot)} to make it the reference).");
            }
            var comparison = BaselineComparer.Compare(
                SummarySnapshotReader.Read(File.ReadAllText(path), path),
                SummarySnapshotReader.Read(BaselineStore.LoadCurrent(resultsDirectory), "the current summary.json"),
                policy);
            var summary = comparison.Passed
                ? $"LoadTest: baseline {path}: no regression ({comparison.Checks.Count(c => c.Status == RegressionStatus.Passed)} checks within tolerance)."
                : $"LoadTest: baseline {path}: {comparison.Regressions.Count} regression(s).";
            return new BaselineGateResult(path, comparison, false, summary);
        }
        catch (BaselineFormatException exception)
        {
            return new BaselineGateResult(path, null, false, exception.Message, Invalid: true);
        }
        catch (IOException exception)
        {
            return new BaselineGateResult(path, null, false,
                $"{BaselineCodes.InvalidBaseline}: could not read the baseline or the run's summary.json ({exception.Message}); check {path} and {resultsDirectory}.", Invalid: true);
        }
    }
}
