using LoadTest.Runtime.Reporting;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace LoadTest.Tasks.Build;

/// <summary>
/// Behind the LoadTestReport target: writes the capacity report for one results folder, each run folder below a results
/// root, or a k6 output file (handleSummary JSON, --summary-export, NDJSON, CSV) from a run made elsewhere.
/// </summary>
public sealed class WriteLoadTestReport : MSBuildTask
{
    [Required] public string Results { get; set; } = "";
    public string? OutputDirectory { get; set; }
    public string? CapacityFile { get; set; }

    [Output] public ITaskItem[] Reports { get; private set; } = [];

    public override bool Execute()
    {
        var inputs = ResultInputs(Path.GetFullPath(Results)).ToList();
        if (inputs.Count == 0)
        {
            Log.LogError(null, "LT3010", null, Results, 0, 0, 0, 0,
                "No load-test results found at '{0}'. Run the load tests first (dotnet test --filter Category=Load), or pass -p:LoadTestResults=<results folder or k6 output file>.",
                Results);
            return false;
        }

        var reports = new List<ITaskItem>();
        foreach (var input in inputs)
        {
            var request = new ReportRequest(input)
            {
                OutputDirectory = string.IsNullOrWhiteSpace(OutputDirectory) || inputs.Count > 1 ? null : OutputDirectory,
                CapacityPlanInputPath = string.IsNullOrWhiteSpace(CapacityFile) ? null : CapacityFile,
            };
            var paths = ReportGenerator.WriteReports(request);
            Log.LogMessage(MessageImportance.High, "LoadTest.Sdk report: {0}", paths.Markdown);
            reports.Add(new Microsoft.Build.Utilities.TaskItem(paths.Markdown));
        }
        Reports = reports.ToArray();
        return !Log.HasLoggedErrors;
    }

    /// <summary>A file or a folder with results is one input; otherwise each run folder directly below it is one.</summary>
    private static IEnumerable<string> ResultInputs(string path)
    {
        if (File.Exists(path))
        {
            yield return path;
            yield break;
        }
        if (!Directory.Exists(path))
        {
            yield break;
        }
        if (HasResults(path))
        {
            yield return path;
            yield break;
        }
        foreach (var run in Directory.EnumerateDirectories(path).Where(HasResults).Order(StringComparer.Ordinal))
        {
            yield return run;
        }
    }

    private static bool HasResults(string directory) =>
        Directory.EnumerateFiles(directory).Any(f =>
            f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !f.EndsWith("report.json", StringComparison.OrdinalIgnoreCase)
            || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            || f.EndsWith(".csv", StringComparison.OrdinalIgnoreCase));
}
