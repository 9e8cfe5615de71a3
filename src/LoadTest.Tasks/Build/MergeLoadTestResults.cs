using System.Globalization;
using LoadTest.Runtime.Distributed;
using LoadTest.Runtime.Reporting;
using Microsoft.Build.Framework;
using MSBuildTask = Microsoft.Build.Utilities.Task;

namespace LoadTest.Tasks.Build;

/// <summary>
/// Behind the LoadTestMerge target: merges the result folders of a distributed run's instances (ResultMerger), prints
/// every threshold's verdict on the merged data, writes the report on the merge, and fails the build (LT3031) when a
/// merged threshold fails. Instance folders are given one by one, or as one folder whose subfolders are the instances;
/// an instance folder holding one folder per test plan (as LOADTEST_RESULTS_DIR does) is merged plan by plan.
/// </summary>
public sealed class MergeLoadTestResults : MSBuildTask
{
    public const string DefaultOutputFolder = "merged";

    /// <summary>';'-separated instance folders, or one folder whose subfolders are the instances.</summary>
    [Required] public string Inputs { get; set; } = "";

    /// <summary>Where merged results go; default: a "merged" folder beside the instances.</summary>
    public string? OutputDirectory { get; set; }

    public string? CapacityFile { get; set; }

    /// <summary>One item per merged plan folder, with metadata ThresholdsPassed and Report.</summary>
    [Output] public ITaskItem[] Merged { get; private set; } = [];

    public override bool Execute()
    {
        var inputs = Inputs.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Path.GetFullPath).ToArray();
        var missing = inputs.Where(i => !Directory.Exists(i)).ToArray();
        if (inputs.Length == 0 || missing.Length > 0)
        {
            Log.LogError(null, "LT3030", null, missing.FirstOrDefault() ?? "", 0, 0, 0, 0, "{0}", inputs.Length == 0
                ? "LoadTestMerge needs the instances' result folders. Pass -p:LoadTestMergeInputs=\"results/0;results/1\" or one folder whose subfolders are the instances."
                : $"The result folder '{missing[0]}' does not exist. Pass the folders the instances wrote (LOADTEST_RESULTS_DIR, or the k6 runners' output folders).");
            return false;
        }

        var instances = inputs.Length == 1 && !HasResults(inputs[0]) ? Subfolders(inputs[0]) : inputs;
        var output = Path.GetFullPath(string.IsNullOrWhiteSpace(OutputDirectory)
            ? Path.Combine(inputs.Length == 1 && instances != inputs ? inputs[0] : Path.GetDirectoryName(inputs[0].TrimEnd('/', '\\'))!, DefaultOutputFolder)
            : OutputDirectory);
        var plans = Plans(instances);
        if (plans.Count == 0)
        {
            Log.LogError(null, "LT3030", null, inputs[0], 0, 0, 0, 0,
                "No results found in {0}. Each instance folder needs summary.json and timeseries.ndjson (native runs) or a k6 --out json file, directly or in one folder per test plan.",
                string.Join(", ", instances));
            return false;
        }

        var merged = new List<ITaskItem>();
        foreach (var (plan, folders) in plans)
        {
            var target = plan.Length == 0 ? output : Path.Combine(output, plan);
            var result = ResultMerger.Merge(folders, target);
            DiagnosticLogger.Log(Log, result.Diagnostics);
            if (result.Summary is null) continue;

            var label = plan.Length == 0 ? "" : $" '{plan}'";
            Log.LogMessage(MessageImportance.High, "LoadTest.Sdk merge{0}: {1} instance(s) into {2}", label, result.Instances, target);
            foreach (var threshold in result.Thresholds)
            {
                var observed = threshold.Observed is { } value ? value.ToString("0.####", CultureInfo.InvariantCulture) : "n/a";
                Log.LogMessage(MessageImportance.High, "  {0} {1}: {2} {3} ({4})",
                    threshold.Passed ? "✓" : "✗", threshold.Metric, threshold.Expression, threshold.Passed ? "passed" : "failed", observed);
            }
            var report = WriteReport(target);
            if (!result.ThresholdsPassed)
            {
                var failed = result.Thresholds.Where(t => !t.Passed).Select(t => $"{t.Metric}: {t.Expression}");
                Log.LogError(null, "LT3031", null, target, 0, 0, 0, 0,
                    "The merged run{0} failed its thresholds ({1}). This is the verdict of the distributed run; see {2}.",
                    label, string.Join(", ", failed), report ?? target);
            }
            var item = new Microsoft.Build.Utilities.TaskItem(target);
            item.SetMetadata("ThresholdsPassed", result.ThresholdsPassed ? "true" : "false");
            item.SetMetadata("Report", report ?? "");
            merged.Add(item);
        }
        Merged = [.. merged];
        return !Log.HasLoggedErrors;
    }

    private string? WriteReport(string mergedDirectory)
    {
        var paths = ReportGenerator.WriteReports(new ReportRequest(mergedDirectory)
        {
            CapacityPlanInputPath = string.IsNullOrWhiteSpace(CapacityFile) ? null : CapacityFile,
        });
        Log.LogMessage(MessageImportance.High, "LoadTest.Sdk report: {0}", paths.Markdown);
        return paths.Html ?? paths.Markdown;
    }

    /// <summary>
    /// Plan name → its instance folders. An instance with results of its own is plan ""; otherwise each subfolder with
    /// results is one plan, as the runtime writes &lt;LOADTEST_RESULTS_DIR&gt;/&lt;plan&gt;/.
    /// </summary>
    private static SortedDictionary<string, List<string>> Plans(IEnumerable<string> instances)
    {
        var plans = new SortedDictionary<string, List<string>>(StringComparer.Ordinal);
        void Add(string plan, string folder)
        {
            if (!plans.TryGetValue(plan, out var list)) plans[plan] = list = [];
            list.Add(folder);
        }
        foreach (var instance in instances)
        {
            if (HasResults(instance)) Add("", instance);
            else foreach (var plan in Subfolders(instance).Where(HasResults)) Add(Path.GetFileName(plan), plan);
        }
        return plans;
    }

    /// <summary>Subfolders in name order, without earlier merges (they hold merge.json).</summary>
    private static string[] Subfolders(string folder) =>
        [.. Directory.EnumerateDirectories(folder)
            .Where(d => !File.Exists(Path.Combine(d, ResultMerger.MergeReportFileName)) && Path.GetFileName(d) != DefaultOutputFolder)
            .Order(StringComparer.Ordinal)];

    private static bool HasResults(string folder) =>
        !File.Exists(Path.Combine(folder, ResultMerger.MergeReportFileName)) &&
        Directory.EnumerateFiles(folder).Any(f =>
            Path.GetFileName(f) is "summary.json" or "timeseries.ndjson"
            || f.EndsWith(".ndjson", StringComparison.OrdinalIgnoreCase)
            || f.EndsWith(".json", StringComparison.OrdinalIgnoreCase) && !Path.GetFileName(f).StartsWith("report", StringComparison.OrdinalIgnoreCase));
}
