using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Tests;

internal static class TestPlans
{
    private static readonly string Root = CleanRoot();

    public static string TempResults() => Path.Combine(Root, Guid.NewGuid().ToString("N"));

    /// <summary>Results of earlier test runs are removed after an hour, so the temp folder does not grow forever.</summary>
    private static string CleanRoot()
    {
        var root = Path.Combine(Path.GetTempPath(), "loadtest-runtime-tests");
        if (!Directory.Exists(root)) return root;
        foreach (var old in new DirectoryInfo(root).EnumerateDirectories().Where(d => d.CreationTimeUtc < DateTime.UtcNow.AddHours(-1)))
        {
            try { old.Delete(recursive: true); }
            catch (IOException) { }
            catch (UnauthorizedAccessException) { }
        }
        return root;
    }

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
