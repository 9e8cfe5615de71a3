using System.Globalization;
using System.Reflection;
using LoadTest.Runtime.Baselines;
using LoadTest.Runtime.CiOutputs;
using LoadTest.Runtime.Distributed;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Reporting;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime;

/// <summary>
/// What a generated test calls: resolves the target, results folder, seed and verbosity from the environment and
/// the test assembly's metadata, runs the plan, writes the report and prints where everything is.
/// </summary>
public static class LoadTestSession
{
    public const string ResultsDirectoryVariable = "LOADTEST_RESULTS_DIR";
    public const string ResultsDirectoryMetadata = "LoadTest.ResultsDirectory";
    public const string SeedVariable = "LOADTEST_SEED";
    public const string SeedMetadata = "LoadTest.Seed";
    public const string QuietVariable = "LOADTEST_QUIET";
    public const string Http2Variable = "LOADTEST_HTTP2";
    public const string Http2Metadata = "LoadTest.Http2";
    public const string MaxConnectionsVariable = "LOADTEST_MAX_CONNECTIONS_PER_HOST";
    public const string InsecureSkipTlsVerifyVariable = "LOADTEST_INSECURE_SKIP_TLS_VERIFY";
    public const string CapacityFileVariable = "LOADTEST_CAPACITY_FILE";
    public const string CapacityFileMetadata = "LoadTest.CapacityFile";
    public const string ScriptsDirectoryMetadata = "LoadTest.ScriptsDirectory";
    public const string TimeScaleMetadata = "LoadTest.TimeScale";

    public static async Task<RunResult> RunAsync(LoadTestPlan plan, Assembly assembly, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(plan);
        ArgumentNullException.ThrowIfNull(assembly);
        var settings = new RunSettings
        {
            ResultsDirectory = ResultsDirectory(assembly),
            Seed = Seed(assembly),
            Quiet = IsTrue(Environment.GetEnvironmentVariable(QuietVariable)),
            Http2 = IsTrue(Environment.GetEnvironmentVariable(Http2Variable) ?? LoadTestTarget.Metadata(assembly, Http2Metadata)),
            MaxConnectionsPerHost = MaxConnectionsPerHost(),
            InsecureSkipTlsVerify = IsTrue(Environment.GetEnvironmentVariable(InsecureSkipTlsVerifyVariable)),
        };
        await using var target = await LoadTestTarget.ResolveAsync(assembly, cancellationToken).ConfigureAwait(false);
        settings = settings with { BaseUrl = target.BaseUrl };
        Log(settings, $"LoadTest: target {target.BaseUrl} (from {target.Source})");
        // Stress, soak, spike and breakpoint runs only go to allowed hosts (loopback unless configured).
        TargetGuard.EnsureAllowed(plan.Profile ?? Environment.GetEnvironmentVariable("LOADTEST_PROFILE") ?? "", target.BaseUrl, Environment.GetEnvironmentVariable);

        // One instance of a distributed run (LOADTEST_SEGMENT): run exactly this segment's share, as k6 does.
        var tuple = ExecutionTuple.FromEnvironment(Environment.GetEnvironmentVariable);
        var segment = tuple.IsFull ? null : tuple.Segment.ToString();
        plan = PlanSegmentation.Apply(plan, tuple);
        if (plan.Scenarios.Count == 0)
        {
            Log(settings, $"LoadTest: segment {segment} of '{plan.Name}' has no work (its share of every scenario is empty).");
            return new RunResult { PlanName = plan.Name, ThresholdsPassed = true, Segment = segment, ResultsDirectory = settings.ResultsDirectory };
        }

        var result = await LoadTestRunner.RunAsync(plan, settings, cancellationToken).ConfigureAwait(false);
        result = result with { Segment = segment };
        var report = WriteReport(new ReportRequest(result.ResultsDirectory)
        {
            CapacityPlanInputPath = CapacityFile(assembly),
            FlowScriptPath = FlowScript(assembly, plan.Name),
            Facts = new Analysis.RunFacts
            {
                Profile = plan.Profile ?? Environment.GetEnvironmentVariable("LOADTEST_PROFILE"),
                Target = target.BaseUrl?.ToString(),
                TimeScale = TimeScale(assembly),
            },
        }, settings);
        result = result with { ReportPath = report };
        Log(settings, $"LoadTest: results in {result.ResultsDirectory}" + (report is null ? "" : $"; report: {report}"));

        var gate = BaselineGate.Run(result.ResultsDirectory, Path.GetFileName(result.ResultsDirectory.TrimEnd('/', '\\')),
            BaselineStore.FindRepositoryRoot(Directory.GetCurrentDirectory()), Environment.GetEnvironmentVariable);
        Log(settings, gate.Message);
        result = result with { Baseline = gate };
        foreach (var problem in CiReporter.Publish(CiPublication.From(result, gate)).Problems)
        {
            Log(settings, problem);
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

    private static string ResultsDirectory(Assembly assembly)
    {
        var fromEnvironment = Environment.GetEnvironmentVariable(ResultsDirectoryVariable);
        if (!string.IsNullOrWhiteSpace(fromEnvironment)) return fromEnvironment;
        var fromMetadata = LoadTestTarget.Metadata(assembly, ResultsDirectoryMetadata);
        if (!string.IsNullOrWhiteSpace(fromMetadata)) return fromMetadata;
        return Path.Combine(Directory.GetCurrentDirectory(), "loadtest-results");
    }

    /// <summary>Capacity-plan inputs (baseline, topology, growth target) that add the plan and a verification script to the report.</summary>
    private static string? CapacityFile(Assembly assembly)
    {
        var path = Environment.GetEnvironmentVariable(CapacityFileVariable);
        if (string.IsNullOrWhiteSpace(path)) path = LoadTestTarget.Metadata(assembly, CapacityFileMetadata);
        return string.IsNullOrWhiteSpace(path) ? null : path;
    }

    /// <summary>The generated k6 script of this flow (load-tests/&lt;flow&gt;.js), which the report's verification script imports.</summary>
    private static string? FlowScript(Assembly assembly, string planName)
    {
        var directory = LoadTestTarget.Metadata(assembly, ScriptsDirectoryMetadata);
        return string.IsNullOrWhiteSpace(directory) ? null : Path.Combine(directory, planName + ".js");
    }

    /// <summary>LOADTEST_TIME_SCALE, else the build's LoadTestTimeScale; the report turns measured think time back into real time with it.</summary>
    private static double? TimeScale(Assembly assembly)
    {
        var text = Environment.GetEnvironmentVariable("LOADTEST_TIME_SCALE");
        if (string.IsNullOrWhiteSpace(text)) text = LoadTestTarget.Metadata(assembly, TimeScaleMetadata);
        return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var scale) && scale > 0 ? scale : null;
    }

    private static int Seed(Assembly assembly)
    {
        var text = Environment.GetEnvironmentVariable(SeedVariable);
        var origin = $"the {SeedVariable} environment variable";
        if (string.IsNullOrWhiteSpace(text))
        {
            text = LoadTestTarget.Metadata(assembly, SeedMetadata);
            origin = $"the {SeedMetadata} assembly metadata";
        }
        if (string.IsNullOrWhiteSpace(text)) return 0;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seed)) return seed;
        throw new LoadTestConfigurationException("LT4053", $"seed '{text}' from {origin} is not a whole number; use e.g. {SeedVariable}=42.");
    }

    private static int MaxConnectionsPerHost()
    {
        var text = Environment.GetEnvironmentVariable(MaxConnectionsVariable);
        if (string.IsNullOrWhiteSpace(text)) return RunSettings.DefaultMaxConnectionsPerHost;
        if (int.TryParse(text.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var max) && max >= 0) return max;
        throw new LoadTestConfigurationException("LT4061",
            $"{MaxConnectionsVariable}='{text}' is not a whole number >= 0; use e.g. {MaxConnectionsVariable}=2000, or 0 for unlimited (unset: {RunSettings.DefaultMaxConnectionsPerHost}).");
    }

    private static bool IsTrue(string? value) =>
        value is not null && (value.Trim() == "1" || value.Trim().Equals("true", StringComparison.OrdinalIgnoreCase));

    private static void Log(RunSettings settings, string line)
    {
        if (!settings.Quiet) Console.Out.WriteLine(line);
    }
}
