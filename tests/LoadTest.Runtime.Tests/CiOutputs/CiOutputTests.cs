using System.Xml.Linq;
using LoadTest.Runtime.Baselines;
using LoadTest.Runtime.CiOutputs;
using LoadTest.Runtime.Results;
using LoadTest.Runtime.Tests.Baselines;

namespace LoadTest.Runtime.Tests.CiOutputs;

public sealed class CiOutputTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "loadtest-ci-tests", Guid.NewGuid().ToString("N"));

    public CiOutputTests() => Directory.CreateDirectory(_root);

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private static Func<string, string?> Env(params (string Name, string Value)[] variables) =>
        name => variables.FirstOrDefault(v => v.Name == name).Value;

    /// <summary>3 thresholds (1 failed) and a baseline with one regression, one not-compared series and a removed operation.</summary>
    private CiPublication Publication()
    {
        Op[] baseline =
        [
            new("POST /api/orders/create", 180, 260, 90, 3000),
            new("GET /api/products", 40, 70, 20, 9000),
            new("DELETE /api/orders/{id}", 50, 60, 30, 10),
            new("GET /api/legacy", 50, 60, 30, 500),
        ];
        Op[] current = [baseline[0] with { P95 = 243 }, baseline[1], baseline[2]];
        return new CiPublication("checkout", _root)
        {
            Thresholds =
            [
                new ThresholdOutcome("http_req_duration", "p(95)<800", true, 243) { Aggregation = "p(95)", IsTime = true },
                new ThresholdOutcome("http_req_duration{name:POST /api/orders/create}", "p(95)<200", false, 243.4) { Aggregation = "p(95)", IsTime = true },
                new ThresholdOutcome("http_req_failed", "rate<0.01", true, 0.002) { Aggregation = "rate" },
            ],
            Baseline = BaselineComparer.Compare(SummaryJson.Of(baseline), SummaryJson.Of(current)),
            Notes = ["LoadTest: baseline loadtest-baseline/checkout.summary.json: 2 regression(s)."],
        };
    }

    [Fact]
    public void JUnit_has_a_testcase_per_threshold_and_baseline_check_with_failures_as_measured_versus_limit()
    {
        var publication = Publication();
        var path = JUnitReport.Write(publication);

        var xml = XDocument.Load(path);
        var suite = xml.Root!.Element("testsuite")!;
        var cases = suite.Elements("testcase").ToList();
        var expectedCases = 3 + publication.Baseline!.Checks.Count;
        var expectedFailures = 1 + publication.Baseline.Regressions.Count;

        Assert.Equal("testsuites", xml.Root.Name.LocalName);
        Assert.Equal(expectedCases, cases.Count);
        Assert.Equal(expectedCases, (int)suite.Attribute("tests")!);
        Assert.Equal(expectedFailures, (int)suite.Attribute("failures")!);
        Assert.Equal(expectedFailures, cases.Count(c => c.Element("failure") is not null));
        Assert.Equal(1, (int)suite.Attribute("skipped")!);
        Assert.Equal(expectedCases, (int)xml.Root.Attribute("tests")!);

        var threshold = cases.Single(c => (string)c.Attribute("name")! == "http_req_duration{name:POST /api/orders/create}: p(95)<200");
        Assert.Equal("p(95)=243.4ms, limit p(95)<200", (string)threshold.Element("failure")!.Attribute("message")!);
        var regression = cases.Single(c => (string)c.Attribute("name")! == "baseline p95 POST /api/orders/create");
        Assert.StartsWith("p95 +35% on POST /api/orders/create (180 → 243 ms", (string)regression.Element("failure")!.Attribute("message")!);
        Assert.Contains("too few samples", (string)cases.Single(c => c.Element("skipped") is not null).Element("skipped")!.Attribute("message")!);
    }

    [Fact]
    public void GitHub_summary_is_appended_to_the_step_summary_file_and_annotations_are_error_lines()
    {
        var summaryFile = Path.Combine(_root, "step-summary.md");
        File.WriteAllText(summaryFile, "## Earlier step\n");
        var output = new StringWriter();
        var context = new CiContext(Env(("GITHUB_ACTIONS", "true"), ("GITHUB_STEP_SUMMARY", summaryFile)), output);

        var result = CiReporter.Publish(Publication(), context);

        Assert.Equal(CiProvider.GitHubActions, result.Provider);
        Assert.Empty(result.Problems);
        Assert.True(File.Exists(Path.Combine(_root, "junit.xml")));
        var markdown = File.ReadAllText(summaryFile);
        Assert.StartsWith("## Earlier step\n", markdown);
        Assert.Contains("### Load test `checkout`: failed", markdown);
        Assert.Contains("| http_req_duration{name:POST /api/orders/create} | `p(95)<200` | p(95)=243.4ms | ❌ failed |", markdown);
        Assert.Contains("p95 +35% on POST /api/orders/create", markdown);
        Assert.Contains("GET /api/legacy", markdown);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("::error title=Load test checkout%3A threshold failed::http_req_duration{name:POST /api/orders/create}: p(95)=243.4ms, limit p(95)<200", lines);
        Assert.Contains(lines, l => l.StartsWith("::error title=Load test checkout%3A regression::p95 +35%25 on POST /api/orders/create (180 → 243 ms", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith("::warning title=", StringComparison.Ordinal) && l.Contains("GET /api/legacy is in the baseline"));
        Assert.All(lines, l => Assert.Matches("^::(error|warning) title=[^:]*::", l));
    }

    [Fact]
    public void Annotation_messages_stay_on_one_line()
    {
        var publication = new CiPublication("run", _root)
        {
            Thresholds = [new ThresholdOutcome("m", "rate<0.01", false, 0.5) { Aggregation = "rate", Error = null }],
            Aborted = true,
            AbortReason = "threshold crossed\nat 50% load",
        };

        var lines = GitHubActionsOutput.Annotations(publication);

        Assert.Contains("::error title=Load test run%3A aborted::threshold crossed%0Aat 50%25 load", lines);
        Assert.Contains("##vso[task.logissue type=error]Load test run: aborted: threshold crossed%0Aat 50%AZP25 load", AzurePipelinesOutput.Issues(publication));
    }

    [Fact]
    public void Azure_Pipelines_gets_logissue_commands_and_an_uploaded_summary()
    {
        var output = new StringWriter();

        var result = CiReporter.Publish(Publication(), new CiContext(Env(("TF_BUILD", "True")), output));

        Assert.Equal(CiProvider.AzurePipelines, result.Provider);
        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("##vso[task.logissue type=error]Load test checkout: threshold failed: http_req_duration{name:POST /api/orders/create}: p(95)=243.4ms, limit p(95)<200", lines);
        Assert.Contains(lines, l => l.StartsWith("##vso[task.logissue type=error]Load test checkout: regression: p95 +35%AZP25 on POST /api/orders/create", StringComparison.Ordinal));
        Assert.Contains($"##vso[task.uploadsummary]{result.SummaryPath}", lines);
        Assert.Contains("### Load test `checkout`: failed", File.ReadAllText(result.SummaryPath!));
        Assert.DoesNotContain(lines, l => l.StartsWith("::", StringComparison.Ordinal));
    }

    [Fact]
    public void Outside_CI_only_junit_is_written_and_nothing_is_printed()
    {
        var output = new StringWriter();

        var result = CiReporter.Publish(Publication(), new CiContext(Env(("GITHUB_ACTIONS", "false")), output));

        Assert.Equal(CiProvider.None, result.Provider);
        Assert.NotNull(result.JUnitPath);
        Assert.Null(result.SummaryPath);
        Assert.Equal("", output.ToString());
    }

    [Fact]
    public void An_unwritable_step_summary_is_reported_as_LT4074_not_thrown()
    {
        var output = new StringWriter();
        var directoryNotFile = Path.Combine(_root, "missing", "dir", "summary.md");
        var context = new CiContext(Env(("GITHUB_ACTIONS", "true"), ("GITHUB_STEP_SUMMARY", directoryNotFile)), output);

        var result = CiReporter.Publish(Publication(), context);

        var problem = Assert.Single(result.Problems);
        Assert.StartsWith("LT4074: the GitHub job summary could not be written", problem);
        Assert.NotNull(result.JUnitPath);
    }

    [Fact]
    public void A_passing_run_publishes_no_annotations_and_a_passed_summary()
    {
        var publication = new CiPublication("smoke", _root)
        {
            Thresholds = [new ThresholdOutcome("http_req_failed", "rate<0.01", true, 0) { Aggregation = "rate" }],
        };

        Assert.True(publication.Passed);
        Assert.Empty(GitHubActionsOutput.Annotations(publication));
        Assert.Empty(AzurePipelinesOutput.Issues(publication));
        Assert.Contains("### Load test `smoke`: passed", MarkdownSummary.Build(publication));
        var suite = JUnitReport.Build(publication).Root!.Element("testsuite")!;
        Assert.Equal((1, 0), ((int)suite.Attribute("tests")!, (int)suite.Attribute("failures")!));
    }
}
