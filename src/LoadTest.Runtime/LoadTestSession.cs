using System.Reflection;
using LoadTest.Runtime.Baselines;
using LoadTest.Runtime.CiOutputs;
using LoadTest.Runtime.Configuration;
using LoadTest.Runtime.Distributed;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Reporting;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime;

/// <summary>
/// What a generated test calls: reads and validates every setting (<see cref="LoadTestSettings"/>), resolves the
/// target, runs the plan with Ctrl+C/SIGTERM handled as k6 does, writes the report and prints where everything is.
/// </summary>
public static class LoadTestSession
{
    public const string ResultsDirectoryVariable = LoadTestVariables.ResultsDirectory;
    public const string ResultsDirectoryMetadata = LoadTestMetadata.ResultsDirectory;
    public const string SeedVariable = LoadTestVariables.Seed;
    public const string SeedMetadata = LoadTestMetadata.Seed;
    public const string QuietVariable = LoadTestVariables.Quiet;
    public const string Http2Variable = LoadTestVariables.Http2;
    public const string Http2Metadata = LoadTestMetadata.Http2;
    public const string MaxConnectionsVariable = LoadTestVariables.MaxConnectionsPerHost;
    public const string InsecureSkipTlsVerifyVariable = LoadTestVariables.InsecureSkipTlsVerify;
    public const string CapacityFileVariable = LoadTestVariables.CapacityFile;
    public const string CapacityFileMetadata = LoadTestMetadata.CapacityFile;

    /// <summary>Longest a process exit waits for the results beyond the plan's gracefulStop (the report takes a few seconds).</summary>
    private static readonly TimeSpan ExitMargin = TimeSpan.FromSeconds(30);

    public static async Task<RunResult> RunAsync(LoadTestPlan plan, Assembly assembly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(assembly);
        var settings = LoadTestSettings.FromProcess(assembly);
        var warnings = plan.Warnings.Concat(settings.Warnings.Select(w => w.ToString())).ToList();
        foreach (var warning in warnings) Warn(warning);
        if (ProcessInterruptions.Received is { } signal)
        {
            throw new LoadTestConfigurationException(SettingCodes.Interrupted,
                $"'{plan.Name}' was not started: this process received {signal} during an earlier load test, which stopped it; no further load starts.");
        }
        using var interruption = new RunInterruption();
        var gracefulStop = plan.Scenarios.Select(s => s.Executor.GracefulStop).DefaultIfEmpty(TimeSpan.Zero).Max();
        using var signals = new ProcessInterruptions(interruption, Warn, gracefulStop + ExitMargin);
        try
        {
            var result = await RunInterruptibleAsync(plan, assembly, settings, interruption, cancellationToken).ConfigureAwait(false);
            return result with { Warnings = warnings };
        }
        finally
        {
            signals.Finished();
        }
    }

    private static async Task<RunResult> RunInterruptibleAsync(LoadTestPlan plan, Assembly assembly, LoadTestSettings settings,
        RunInterruption interruption, CancellationToken cancellationToken)
    {
        var runSettings = settings.ToRunSettings() with { Interruption = interruption };
        await using var target = await LoadTestTarget.ResolveAsync(assembly, settings, cancellationToken).ConfigureAwait(false);
        runSettings = runSettings with { BaseUrl = target.BaseUrl };
        Log(runSettings, $"LoadTest: target {target.BaseUrl} (from {target.Source})");
        // After the target: a target provider may supply credentials (the sample's embedded API does).
        settings.EnsureRequiredVariables(plan);
        // Stress, soak, spike and breakpoint runs only go to allowed hosts (loopback unless configured).
        var guard = TargetGuard.Check(plan.Profile ?? settings.Profile ?? "", target.BaseUrl, settings.AllowedHosts);
        if (!guard.Allowed) throw new LoadTestConfigurationException(BaselineCodes.TargetNotAllowed, guard.Reason);

        // One instance of a distributed run (LOADTEST_SEGMENT): run exactly this segment's share, as k6 does.
        var tuple = settings.Segment;
        var segment = tuple.IsFull ? null : tuple.Segment.ToString();
        plan = PlanSegmentation.Apply(plan, tuple);
        if (plan.Scenarios.Count == 0)
        {
            Log(runSettings, $"LoadTest: segment {segment} of '{plan.Name}' has no work (its share of every scenario is empty).");
            return new RunResult { PlanName = plan.Name, ThresholdsPassed = true, Segment = segment, ResultsDirectory = settings.ResultsDirectory };
        }

        var result = await LoadTestRunner.RunAsync(plan, runSettings, cancellationToken).ConfigureAwait(false);
        result = result with { Segment = segment };
        var report = WriteReport(new ReportRequest(result.ResultsDirectory)
        {
            CapacityPlanInputPath = settings.CapacityFile,
            // The generated k6 script of this flow (load-tests/<flow>.js), which the report's verification script imports.
            FlowScriptPath = settings.ScriptsDirectory is { } scripts ? Path.Combine(scripts, plan.Name + ".js") : null,
            Facts = new Analysis.RunFacts
            {
                Profile = plan.Profile ?? settings.Profile,
                Target = target.BaseUrl?.ToString(),
                TimeScale = settings.TimeScale,
            },
        }, runSettings);
        result = result with { ReportPath = report };
        Log(runSettings, $"LoadTest: results in {result.ResultsDirectory}" + (report is null ? "" : $"; report: {report}"));

        var gate = BaselineGate.Run(result.ResultsDirectory, Path.GetFileName(result.ResultsDirectory.TrimEnd('/', '\\')),
            BaselineStore.FindRepositoryRoot(Directory.GetCurrentDirectory()), settings.Environment);
        Log(runSettings, gate.Message);
        result = result with { Baseline = gate };
        foreach (var problem in CiReporter.Publish(CiPublication.From(result, gate)).Problems)
        {
            Log(runSettings, problem);
        }
        return result;
    }

    /// <summary>Runs the report writer; a report failure is logged, never thrown (the results are already on disk).</summary>
    private static string? WriteReport(ReportRequest request, RunSettings settings)
    {
        var resultsDirectory = request.ResultsPath;
        try
        {
            var paths = ReportGenerator.WriteReports(request);
            return paths.Html ?? paths.Markdown;
        }
        catch (Exception exception)
        {
            Log(settings, $"LT4054: the report could not be written ({exception.GetType().Name}: {exception.Message}); the results in {resultsDirectory} are complete.");
            return null;
        }
    }

    private static void Log(RunSettings settings, string line)
    {
        if (!settings.Quiet) Console.Out.WriteLine(line);
    }

    /// <summary>Warnings and interruptions are printed even with LOADTEST_QUIET: nothing is collected and dropped.</summary>
    private static void Warn(string line) => Console.Out.WriteLine(line.StartsWith("LoadTest:", StringComparison.Ordinal) ? line : "LoadTest: " + line);
}
