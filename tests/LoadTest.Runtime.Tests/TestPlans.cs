using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Tests;

internal static class TestPlans
{
    public static string TempResults() => Path.Combine(Path.GetTempPath(), "loadtest-runtime-tests", Guid.NewGuid().ToString("N"));

    public static RunSettings Settings(Uri? baseUrl, List<string>? log = null) => new()
    {
        BaseUrl = baseUrl,
        ResultsDirectory = TempResults(),
        Quiet = true,
        Progress = log is null ? _ => { } : line => { lock (log) log.Add(line); },
    };

    public static IterationAction Get(string path = "/items", string name = "GET /items") =>
        async (vu, ct) => await vu.Http.GetAsync(path, name, ct);

    public static Task<RunResult> RunAsync(LoadTestPlan plan, RunSettings settings, CancellationToken cancellationToken = default) =>
        LoadTestRunner.RunAsync(plan, settings, cancellationToken);
}
