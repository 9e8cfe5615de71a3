using System.Text.Json;
using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;
using LoadTest.Runtime.Reporting;
using LoadTest.Runtime.Results;

namespace LoadTest.Analysis.Tests;

/// <summary>Writes the product-story run as native results once (HDR encoding is the slow part) for the tests to copy.</summary>
public sealed class ProductStoryResults
{
    public const string Collection = "product story results";

    private readonly string _directory = SyntheticRuns.NativeResults(SyntheticRuns.ProductStoryRun(withStageMarks: true));

    public string FreshCopy()
    {
        var dir = SyntheticRuns.NewTempDirectory();
        foreach (var file in Directory.GetFiles(_directory)) File.Copy(file, Path.Combine(dir, Path.GetFileName(file)));
        return dir;
    }
}

[CollectionDefinition(ProductStoryResults.Collection)]
public sealed class ProductStoryCollection : ICollectionFixture<ProductStoryResults>;

[Collection(ProductStoryResults.Collection)]
public class ReportGeneratorTests(ProductStoryResults productStory)
{
    [Fact]
    public void A_native_run_gives_markdown_json_and_html_with_stages_breaking_point_and_endpoints()
    {
        var dir = productStory.FreshCopy();

        var paths = ReportGenerator.WriteReports(dir);

        var md = File.ReadAllText(paths.Markdown);
        Assert.Contains("| Stage | VUs | RPS | p50 | p95 | p99 | Error Rate |", md);
        Assert.Contains("| Ramp 10-50 | 50 |", md);
        Assert.Contains("| Sustain 500 | 500 |", md);
        Assert.Contains("**Breaking point: ~", md);
        // The slowest endpoint at peak is the one that waits longest for the pool.
        var endpoints = md[md.IndexOf("## Slowest endpoints at peak", StringComparison.Ordinal)..];
        Assert.True(endpoints.IndexOf("POST /api/orders/create", StringComparison.Ordinal) < endpoints.IndexOf("GET /api/orders/:id", StringComparison.Ordinal));

        using var json = JsonDocument.Parse(File.ReadAllText(paths.Json));
        var breaking = json.RootElement.GetProperty("breakingPoint").GetProperty("first");
        Assert.InRange(breaking.GetProperty("rps").GetDouble(), 360, 440);
        Assert.Equal(5, json.RootElement.GetProperty("stages").GetArrayLength());
        Assert.True(File.Exists(paths.Html));
        Assert.Null(paths.VerificationScript);
    }

    [Fact]
    public void A_capacity_input_adds_the_plan_and_writes_a_valid_verification_script_and_profile()
    {
        var dir = productStory.FreshCopy();
        File.WriteAllText(Path.Combine(dir, "checkout-flow.js"), "export default function () {}\n");

        var paths = ReportGenerator.WriteReports(new ReportRequest(dir)
        {
            CapacityPlanInputPath = SyntheticRuns.FixturePath("capacity-input.json"),
            FlowScriptPath = Path.Combine(dir, "checkout-flow.js"),
        });

        var md = File.ReadAllText(paths.Markdown);
        Assert.Contains("## Capacity plan", md);
        Assert.Contains("| DB connection pool (the limit) | pool_size: 10 ->", md);
        Assert.Contains("(config change)", md);
        Assert.Contains("Cost per 1,000 RPS", md);
        Assert.Contains("as of 2025-06-01", md);

        var script = File.ReadAllText(paths.VerificationScript!);
        Assert.Contains("import flow from \"./checkout-flow.js\";", script);
        Assert.Contains("executor: 'ramping-arrival-rate'", script);
        Assert.DoesNotContain("http.get", script);
        Assert.Contains("http_req_duration: ['p(95)<500', 'p(99)<1500'],", script);
        Assert.Contains("http_req_failed: ['rate<0.01'],", script);
        // k6 scripts are ES modules: the script must parse as one.
        new Acornima.Parser().ParseModule(script);

        var profile = LoadTest.Runtime.Capacity.VerificationProfile.Read(paths.VerificationProfile!)!;
        Assert.Equal(30, profile.SoakMinutes);
        Assert.True(profile.PeakVus > profile.SoakVus);
        // Stage targets are iterations per minute: the design load over the measured requests per iteration.
        Assert.Equal(Math.Round(profile.DesignRps / profile.RequestsPerIteration * 60), profile.Stages[0].Target);
        Assert.Equal(648, profile.DesignRps, 6);
        Assert.InRange(profile.RequestsPerIteration, 2.9, 3.1);
        Assert.Equal(TimeSpan.FromMinutes(5 + 10 + 2 + 30 + 1), profile.TotalDuration);
        // maxVUs holds the design rate even when every response takes the p(99) SLO (1.5 s): no dropped iteration from latency the SLOs allow.
        Assert.Equal(profile.RequestsPerIteration * 1.5, profile.SlowResponseSecondsPerIteration, 6);
        Assert.True(profile.MaxVus >= profile.DesignIterationsPerSecond * (profile.SlowResponseSecondsPerIteration + profile.Shape!.ThinkSecondsPerIteration),
            $"{profile.MaxVus} max VUs at {profile.DesignIterationsPerSecond:0.##} it/s");
        Assert.True(profile.MaxVus >= 3 * profile.PeakVus, $"{profile.MaxVus} max VUs for {profile.PeakVus} in use");
        Assert.Contains("maxVUs: MAX_VUS,", script);
        Assert.Contains("const SLOW_RESPONSE_SECONDS = ", script);
    }

    [Fact]
    public void Stages_are_derived_for_a_k6_ndjson_file_and_the_report_lands_next_to_it()
    {
        var dir = SyntheticRuns.NewTempDirectory();
        var file = Path.Combine(dir, "results.ndjson");
        File.Copy(SyntheticRuns.FixturePath("k6-ramp.ndjson"), file);

        var paths = ReportGenerator.WriteReports(file);

        Assert.Equal(Path.Combine(dir, "report.md"), paths.Markdown);
        var md = File.ReadAllText(paths.Markdown);
        Assert.Contains("| Ramp 1-10 | 10 |", md);
        Assert.Contains("`POST cart_add`", md);
    }

    [Fact]
    public void A_missing_directory_gives_a_report_with_LT4001_instead_of_an_exception()
    {
        var output = SyntheticRuns.NewTempDirectory();
        var missing = Path.Combine(output, "does-not-exist");

        var paths = ReportGenerator.WriteReports(new ReportRequest(missing) { OutputDirectory = output });

        var md = File.ReadAllText(paths.Markdown);
        Assert.Contains(DiagnosticCodes.ResultsNotFound, md);
        Assert.Contains("No results could be read", md);
        Assert.Contains(DiagnosticCodes.ResultsNotFound, File.ReadAllText(paths.Json));
    }

    [Fact]
    public void Garbage_summary_and_missing_time_series_are_diagnostics_not_crashes()
    {
        var dir = SyntheticRuns.NewTempDirectory();
        File.WriteAllText(Path.Combine(dir, "summary.json"), "{\n  \"metrics\": {\n    \"http_reqs\": { \"type\": \"counter\", ");

        var paths = ReportGenerator.WriteReports(dir);

        var md = File.ReadAllText(paths.Markdown);
        Assert.Contains(DiagnosticCodes.UnreadableSummary, md);
        Assert.Contains("summary.json", md);
    }

    [Fact]
    public void Only_a_summary_gives_totals_and_says_the_time_series_is_missing()
    {
        var dir = SyntheticRuns.NewTempDirectory();
        File.Copy(SyntheticRuns.FixturePath("k6-summary-export.json"), Path.Combine(dir, "export.json"));

        var model = ReportGenerator.Build(new ReportRequest(dir));

        Assert.Equal(165, model.Overview!.Requests);
        Assert.Contains(model.Diagnostics, d => d.Code == DiagnosticCodes.NoTimeSeries);
        Assert.Empty(model.Stages);
    }

    [Fact]
    public void An_aborted_run_is_reported_with_what_ran()
    {
        var full = SyntheticRuns.ProductStoryRun(withStageMarks: true);
        var cut = full with { Windows = full.Windows.Take(60).ToList() };

        var model = ReportBuilder.Build(InMemory(cut), SloLimits.Default);

        Assert.Contains(model.Diagnostics, d => d.Code == DiagnosticCodes.RunLooksAborted);
        Assert.Equal(3, model.Stages.Count);
    }

    [Fact]
    public void Generator_saturation_is_a_diagnostic()
    {
        var run = SyntheticRuns.PoolServer(20, 50, 120, SyntheticRuns.Ramp(1, 40, 120), droppedAt: t => t > 100);

        var model = ReportBuilder.Build(InMemory(run), SloLimits.Default);

        Assert.Contains(model.Diagnostics, d => d.Code == DiagnosticCodes.GeneratorSaturated);
    }

    private static LoadedResults InMemory(RunTimeSeries run) => new("memory", [ResultsFormat.Native], null, run, []);
}
