using System.Collections;
using LoadTest.Runtime.Distributed;
using LoadTest.Runtime.Execution;
using LoadTest.Tasks.Build;
using Microsoft.Build.Framework;

namespace LoadTest.Tasks.Tests.Distributed;

/// <summary>
/// The LoadTestMerge task on results the real engine wrote: three instances each ran their segment of two plans
/// into &lt;instance&gt;/&lt;plan&gt;/, as LOADTEST_RESULTS_DIR=results/&lt;index&gt; makes a test project do.
/// </summary>
public sealed class MergeLoadTestResultsTests : IDisposable
{
    private const string Sequence = "0,1/3,2/3,1";
    private static readonly string[] Segments = ["0:1/3", "1/3:2/3", "2/3:1"];
    private readonly string _root = Path.Combine(Path.GetTempPath(), "lt-merge-task-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    /// <summary>
    /// 9 VUs × 4 iterations, each checking once; odd iterations fail their check, so the checks rate is exactly 0.5
    /// in every instance and in the merge (VU ids are per instance, as k6's __VU, so they cannot decide it).
    /// </summary>
    private static LoadTestPlan Plan(string name, string checksThreshold) =>
        new(name, [new Scenario("s", new PerVuIterations(9, 4), (vu, _) =>
        {
            vu.Check("even iteration", vu.Iteration % 2 == 0);
            return Task.CompletedTask;
        })])
        {
            Thresholds = new Dictionary<string, IReadOnlyList<Runtime.Thresholds.ThresholdSpec>>
            {
                ["checks"] = [checksThreshold],
                ["iterations"] = ["count==36"],
            },
        };

    private async Task<string> RunInstancesAsync()
    {
        var results = Path.Combine(_root, "results");
        for (var i = 0; i < Segments.Length; i++)
        {
            var tuple = ExecutionTuple.Parse(Segments[i], Sequence);
            foreach (var plan in new[] { Plan("passing", "rate>=0.5"), Plan("failing", "rate>0.5") })
            {
                var settings = new RunSettings { ResultsDirectory = Path.Combine(results, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), Quiet = true };
                await LoadTestRunner.RunAsync(PlanSegmentation.Apply(plan, tuple), settings, CancellationToken.None);
            }
        }
        return results;
    }

    [Fact]
    public async Task A_folder_of_instances_merges_plan_by_plan_and_a_failed_merged_threshold_fails_the_build()
    {
        var results = await RunInstancesAsync();
        var engine = new RecordingBuildEngine();
        var task = new MergeLoadTestResults { BuildEngine = engine, Inputs = results };

        Assert.False(task.Execute(), string.Join("\n", engine.Messages));

        Assert.Equal(["failing", "passing"], task.Merged.Select(m => Path.GetFileName(m.ItemSpec)));
        Assert.Equal(["false", "true"], task.Merged.Select(m => m.GetMetadata("ThresholdsPassed")));
        foreach (var merged in task.Merged)
        {
            Assert.Equal(Path.Combine(results, "merged", Path.GetFileName(merged.ItemSpec)), merged.ItemSpec);
            Assert.True(File.Exists(Path.Combine(merged.ItemSpec, "summary.json")));
            Assert.True(File.Exists(Path.Combine(merged.ItemSpec, ResultMerger.MergeReportFileName)));
            Assert.True(File.Exists(merged.GetMetadata("Report")), merged.GetMetadata("Report"));
        }
        var error = Assert.Single(engine.Errors);
        Assert.Equal("LT3031", error.Code);
        Assert.Contains("checks: rate>0.5", error.Message);
        Assert.Contains(engine.Messages, m => m.Contains("✓ iterations: count==36 passed", StringComparison.Ordinal));
        Assert.Contains(engine.Messages, m => m.Contains("✗ checks: rate>0.5 failed (0.5)", StringComparison.Ordinal));

        // Again, with the instances listed one by one: the earlier merge is not taken for an instance.
        var again = new MergeLoadTestResults
        {
            BuildEngine = new RecordingBuildEngine(),
            Inputs = string.Join(';', Enumerable.Range(0, 3).Select(i => Path.Combine(results, i.ToString(System.Globalization.CultureInfo.InvariantCulture), "passing"))),
            OutputDirectory = Path.Combine(_root, "passing-merged"),
        };
        Assert.True(again.Execute());
        Assert.Equal(Path.Combine(_root, "passing-merged"), Assert.Single(again.Merged).ItemSpec);
    }

    [Theory]
    [InlineData("")]
    [InlineData("does-not-exist")]
    public void Missing_inputs_give_LT3030(string inputs)
    {
        var engine = new RecordingBuildEngine();
        var task = new MergeLoadTestResults { BuildEngine = engine, Inputs = inputs.Length == 0 ? "" : Path.Combine(_root, inputs) };

        Assert.False(task.Execute());
        Assert.Equal("LT3030", Assert.Single(engine.Errors).Code);
    }

    [Fact]
    public void A_folder_without_results_gives_LT3030()
    {
        Directory.CreateDirectory(Path.Combine(_root, "empty", "0"));
        var engine = new RecordingBuildEngine();

        Assert.False(new MergeLoadTestResults { BuildEngine = engine, Inputs = Path.Combine(_root, "empty") }.Execute());
        Assert.Equal("LT3030", Assert.Single(engine.Errors).Code);
    }

    private sealed class RecordingBuildEngine : IBuildEngine
    {
        public List<BuildErrorEventArgs> Errors { get; } = [];
        public List<string> Messages { get; } = [];
        public bool ContinueOnError => false;
        public int LineNumberOfTaskNode => 0;
        public int ColumnNumberOfTaskNode => 0;
        public string ProjectFileOfTaskNode => "Consumer.csproj";
        public bool BuildProjectFile(string projectFileName, string[] targetNames, IDictionary globalProperties, IDictionary targetOutputs) => false;
        public void LogCustomEvent(CustomBuildEventArgs e) { }
        public void LogErrorEvent(BuildErrorEventArgs e) => Errors.Add(e);
        public void LogMessageEvent(BuildMessageEventArgs e) => Messages.Add(e.Message ?? "");
        public void LogWarningEvent(BuildWarningEventArgs e) { }
    }
}
