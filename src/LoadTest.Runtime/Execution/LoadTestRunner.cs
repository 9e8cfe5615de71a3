using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Execution;

/// <summary>Runs a plan on the native engine.</summary>
public static class LoadTestRunner
{
    /// <summary>
    /// Runs every scenario, evaluates thresholds during (abortOnFail) and after the run, writes results (also on
    /// abort, iteration exceptions and cancellation) and returns them. Never throws for a failed threshold; throws
    /// <see cref="LoadTestConfigurationException"/> before starting when the plan itself is invalid.
    /// </summary>
    public static Task<RunResult> RunAsync(LoadTestPlan plan, RunSettings settings, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(settings);
        // Leave the caller's SynchronizationContext (test frameworks have one with few threads): VUs must run on the
        // thread pool, or 10,000 of them queue behind each other.
        return Task.Run(() => RunOnThreadPoolAsync(plan, settings, cancellationToken), CancellationToken.None);
    }

    private static async Task<RunResult> RunOnThreadPoolAsync(LoadTestPlan plan, RunSettings settings, CancellationToken cancellationToken)
    {
        PlanValidator.Validate(plan);
        var directory = Path.GetFullPath(Path.Combine(settings.ResultsDirectory, SafeName(plan.Name)));
        string? writableDirectory = directory;
        try
        {
            Directory.CreateDirectory(directory);
        }
        catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
        {
            writableDirectory = null;
            Log(settings, $"LT4055: cannot create the results folder '{directory}': {exception.Message}. The run goes on without files.");
        }

        using var threads = new ThreadPoolReservation();
        using var run = new RunContext(plan, settings, writableDirectory, cancellationToken);
        run.Log($"LoadTest: '{plan.Name}': {plan.Scenarios.Count} scenario(s) against {settings.BaseUrl?.ToString() ?? "(absolute URLs)"}; results in {directory}");
        var runtimes = plan.Scenarios.Select(s => new ScenarioRuntime(run, s)).ToList();
        var executors = runtimes.Select(ScenarioExecutor.Create).ToList();
        // k6's init phase: every VU exists before the clock starts, so creating 10,000 of them costs no test time.
        foreach (var executor in executors) executor.Prepare();
        run.Clock.Restart();
        run.TimeSeries.Begin(run.Clock.WallStart);
        // The whole run's planned length, for the progress line: the longest scenario from its startTime.
        var planned = executors.Max(e => e.PlannedEnd);
        using var monitor = new RunMonitor(run, planned);
        using var monitorStop = new CancellationTokenSource();
        var monitorTask = monitor.RunAsync(monitorStop.Token);
        try
        {
            await Task.WhenAll(executors.Select(e => e.RunAsync())).ConfigureAwait(false);
        }
        catch (Exception exception) when (exception is not LoadTestConfigurationException)
        {
            // The engine itself failed: keep what was measured and say so.
            run.Abort($"LT4060: engine error: {exception.GetType().Name}: {exception.Message}");
        }
        finally
        {
            monitorStop.Cancel();
            await monitorTask.ConfigureAwait(false);
            monitor.Finish();
        }

        var duration = run.Clock.Elapsed;
        var outcomes = run.Thresholds.EvaluateAll(duration);
        var cancelled = cancellationToken.IsCancellationRequested;
        var interruptReason = run.InterruptReason;
        var abortReason = run.AbortReason
            ?? (interruptReason is not null ? $"{Configuration.SettingCodes.Interrupted}: interrupted ({interruptReason})" : null)
            ?? (cancelled ? "cancelled by the caller" : null);
        var summary = BuildSummary(run, outcomes, duration, abortReason);
        if (writableDirectory is not null)
        {
            try
            {
                SummaryWriter.WriteAll(summary, writableDirectory);
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                run.Log($"LT4055: cannot write the summary to '{writableDirectory}': {exception.Message}");
            }
        }

        var requests = (run.Metrics.Find(BuiltInMetrics.HttpReqs.Name)?.Sink as CounterSink)?.Sum ?? 0;
        var failed = run.Metrics.Find(BuiltInMetrics.HttpReqFailed.Name)?.Sink as RateSink;
        var iterations = (run.Metrics.Find(BuiltInMetrics.Iterations.Name)?.Sink as CounterSink)?.Sum ?? 0;
        var result = new RunResult
        {
            PlanName = plan.Name,
            ThresholdsPassed = outcomes.All(o => o.Passed),
            Aborted = abortReason is not null,
            AbortReason = abortReason,
            Cancelled = cancelled,
            Thresholds = outcomes,
            ResultsDirectory = directory,
            Requests = (long)requests,
            ErrorRate = failed?.Rate ?? 0,
            Duration = duration,
            Iterations = (long)iterations,
            IterationErrors = run.IterationErrors,
            DroppedIterations = run.DroppedIterations,
            Interrupted = interruptReason is not null,
            InterruptedIterations = run.InterruptedIterations,
            Failures = RunVerdict.EmptyScenarios(runtimes, abortReason is null ? null : run.InterruptedAt ?? duration),
            ErrorCodes = RunVerdict.ErrorCodes(runtimes),
        };
        if (run.Http.QueuedRequests > 0)
        {
            // The target saw fewer concurrent requests than there were busy VUs: say so, the cap is a choice.
            run.Log($"LT4062: {run.Http.QueuedRequests} requests waited for one of the {run.Http.MaxConnectionsPerHost} connections per host " +
                    "(counted in http_req_blocked, not http_req_duration); the target never saw more concurrent requests than that. " +
                    "Raise LOADTEST_MAX_CONNECTIONS_PER_HOST, or set it to 0 for one connection per busy VU as in k6.");
        }
        foreach (var outcome in outcomes)
        {
            run.Log($"  {(outcome.Passed ? "✓" : "✗")} {outcome.Describe()}");
        }
        foreach (var failure in result.Failures)
        {
            run.Log($"  ✗ {failure}");
        }
        run.Log(RunProgress.Totals(duration, null, run.ActiveVus, run.AllocatedVus, result.Iterations, result.InterruptedIterations));
        run.Log($"LoadTest: '{plan.Name}' {(result.Aborted ? $"aborted ({abortReason})" : "finished")} after {duration.TotalSeconds:0.0}s: " +
                $"{result.Requests} requests, {result.ErrorRate:0.00%} failed, {result.Iterations} iterations" +
                (result.IterationErrors > 0 ? $", {result.IterationErrors} iteration errors" : "") +
                (result.DroppedIterations > 0 ? $", {result.DroppedIterations} dropped" : ""));
        return result;
    }

    internal static EndOfRunSummary BuildSummary(RunContext run, IReadOnlyList<ThresholdOutcome> outcomes, TimeSpan duration, string? abortReason)
    {
        var stats = run.Plan.SummaryTrendStats;
        var metrics = new List<MetricSummary>();
        foreach (var metric in run.Metrics.All)
        {
            var own = outcomes.Where(o => o.Metric == metric.Definition.Name).ToList();
            if (metric.Sink.SampleCount > 0 || own.Count > 0)
            {
                metrics.Add(new MetricSummary(metric.Definition.Name, metric.Definition.Kind, metric.Definition.Contains,
                    MetricValues.Of(metric.Sink, stats, duration), own));
            }
            foreach (var sub in metric.SubMetricList)
            {
                var subOutcomes = outcomes.Where(o => o.Metric == sub.Selector.Key).ToList();
                if (sub.Sink.SampleCount == 0 && subOutcomes.Count == 0) continue;
                metrics.Add(new MetricSummary(sub.Selector.Key, metric.Definition.Kind, metric.Definition.Contains,
                    MetricValues.Of(sub.Sink, stats, duration), subOutcomes));
            }
        }
        // Thresholds on metrics that never appeared still belong in the summary.
        foreach (var group in outcomes.Where(o => metrics.All(m => m.Key != o.Metric)).GroupBy(o => o.Metric))
        {
            metrics.Add(new MetricSummary(group.Key, MetricKind.Trend, "default", [], group.ToList()));
        }
        var checks = run.Checks.Select(c => new CheckSummary(c.GroupPath, c.Name, c.Passes, c.Fails)).ToList();
        var groups = run.Groups.Concat(checks.Select(c => c.GroupPath)).Where(g => g.Length > 0).Distinct().ToList();
        // Parents of nested groups are groups too.
        foreach (var group in groups.ToList())
        {
            var parts = group.Split("::", StringSplitOptions.None);
            for (var i = 2; i < parts.Length; i++) groups.Add(string.Join("::", parts[..i]));
        }
        return new EndOfRunSummary(run.Plan.Name, run.Clock.WallStart, duration, stats, metrics, checks, groups.Distinct().ToList(),
            abortReason is not null, abortReason);
    }

    /// <summary>A plan name made safe as one folder name.</summary>
    public static string SafeName(string name)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(name.Select(c => invalid.Contains(c) || c == '/' || c == '\\' ? '_' : c).ToArray()).Trim();
        return safe.Length == 0 || safe is "." or ".." ? "run" : safe;
    }

    private static void Log(RunSettings settings, string line)
    {
        if (settings.Progress is { } progress) progress(line);
        else if (!settings.Quiet) Console.Out.WriteLine(line);
    }
}
