using LoadTest.Runtime.Analysis;
using LoadTest.Runtime.Analysis.Inputs;

namespace LoadTest.Analysis.Tests;

/// <summary>Reads hand-written k6 outputs (10 s ramp 1→10 VUs; per second i: i cart_add POSTs, 2i orders_get GETs; 2 failures).</summary>
public class K6InputTests
{
    [Fact]
    public void Ndjson_points_become_one_second_windows_per_name_and_method()
    {
        var results = ResultsLoader.Load(SyntheticRuns.FixturePath("k6-ramp.ndjson"));

        Assert.Equal([ResultsFormat.K6Ndjson], results.Formats);
        AssertRampSeries(results);
    }

    [Fact]
    public void Csv_rows_give_the_same_series_as_ndjson()
    {
        var results = ResultsLoader.Load(SyntheticRuns.FixturePath("k6-ramp.csv"));

        Assert.Equal([ResultsFormat.K6Csv], results.Formats);
        AssertRampSeries(results);
    }

    [Fact]
    public void Gzipped_k6_output_is_read_like_the_plain_file()
    {
        var path = Path.Combine(SyntheticRuns.NewTempDirectory(), "results.json.gz");
        using (var gzip = new System.IO.Compression.GZipStream(File.Create(path), System.IO.Compression.CompressionLevel.Fastest))
        {
            using var plain = File.OpenRead(SyntheticRuns.FixturePath("k6-ramp.ndjson"));
            plain.CopyTo(gzip);
        }

        var results = ResultsLoader.Load(path);

        Assert.Equal([ResultsFormat.K6Ndjson], results.Formats);
        AssertRampSeries(results);
    }

    private static void AssertRampSeries(LoadedResults results)
    {
        var series = results.TimeSeries!;
        Assert.Equal(10, series.Windows.Count);
        Assert.Equal(Enumerable.Range(1, 10), series.Windows.Select(w => w.Vus));
        Assert.All(series.Windows, w => Assert.Equal(10, w.VusMax));
        Assert.Equal(165, series.Windows.Sum(w => w.Series.Sum(s => s.Requests)));
        Assert.Equal(2, series.Windows.Sum(w => w.Series.Sum(s => s.Failed)));
        var last = series.Windows[^1];
        var cart = Assert.Single(last.Series, s => s.Name == "cart_add");
        Assert.Equal("POST", cart.Method);
        Assert.Equal(10, cart.Requests);
        Assert.Equal(1, cart.Failed);
        Assert.Equal(20, Assert.Single(last.Series, s => s.Name == "orders_get" && s.Method == "GET").Requests);
        // cart_add at second 10 took 90–91 ms; the HDR histogram keeps 3 significant digits.
        Assert.InRange(cart.Duration.PercentileMilliseconds(95), 90.9, 91.1);
        Assert.Equal(10, last.Iterations);
    }

    [Fact]
    public void Handle_summary_data_keeps_types_values_thresholds_and_nested_checks()
    {
        var results = ResultsLoader.Load(SyntheticRuns.FixturePath("k6-handle-summary.json"));

        Assert.Equal([ResultsFormat.K6HandleSummary], results.Formats);
        var summary = results.Summary!;
        Assert.Equal(10012.345, summary.TestRunDurationMs);
        Assert.Equal("trend", summary.Find("http_req_duration")!.Type);
        Assert.Equal(88.5, summary.Value("http_req_duration", "p(95)"));
        Assert.NotNull(summary.Find("http_req_duration{expected_response:true}"));
        var failedThreshold = Assert.Single(summary.Find("http_req_failed")!.Thresholds);
        Assert.False(failedThreshold.Ok);
        Assert.All(summary.Find("http_req_duration")!.Thresholds, t => Assert.True(t.Ok));
        var check = Assert.Single(summary.Checks);
        Assert.Equal(("cart add 200", 163L, 2L), (check.Name, check.Passes, check.Fails));

        var overview = RunOverview.From(summary, null)!;
        Assert.Equal(165, overview.Requests);
        Assert.Equal(90.5, overview.P99Ms);
        Assert.Equal(2.0 / 165, overview.ErrorRate, 9);
        Assert.Equal(10, overview.MaxVus);
        Assert.False(overview.AllThresholdsOk);
    }

    [Fact]
    public void Summary_export_thresholds_are_un_inverted_and_types_inferred()
    {
        var results = ResultsLoader.Load(SyntheticRuns.FixturePath("k6-summary-export.json"));

        Assert.Equal([ResultsFormat.K6SummaryExport], results.Formats);
        var summary = results.Summary!;
        Assert.Equal("trend", summary.Find("http_req_duration")!.Type);
        Assert.Equal("rate", summary.Find("http_req_failed")!.Type);
        Assert.Equal("counter", summary.Find("http_reqs")!.Type);
        Assert.Equal("gauge", summary.Find("vus")!.Type);
        // --summary-export writes true for a FAILED threshold.
        var thresholds = summary.Find("http_req_duration")!.Thresholds.ToDictionary(t => t.Expression, t => t.Ok);
        Assert.True(thresholds["p(95)<800"]);
        Assert.False(thresholds["p(95)<50"]);
        Assert.Single(summary.Checks);
        Assert.Equal(2.0 / 165, RunOverview.From(summary, null)!.ErrorRate, 9);
    }

    [Fact]
    public void A_directory_with_a_summary_and_ndjson_reads_both()
    {
        var dir = SyntheticRuns.NewTempDirectory();
        File.Copy(SyntheticRuns.FixturePath("k6-handle-summary.json"), Path.Combine(dir, "summary.json"));
        File.Copy(SyntheticRuns.FixturePath("k6-ramp.ndjson"), Path.Combine(dir, "results.ndjson"));

        var results = ResultsLoader.Load(dir);

        Assert.Contains(ResultsFormat.K6HandleSummary, results.Formats);
        Assert.Contains(ResultsFormat.K6Ndjson, results.Formats);
        Assert.DoesNotContain(results.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void Other_json_files_in_a_results_directory_are_ignored_not_reported()
    {
        var dir = SyntheticRuns.NewTempDirectory();
        File.Copy(SyntheticRuns.FixturePath("k6-summary-export.json"), Path.Combine(dir, "summary-export.json"));
        File.Copy(SyntheticRuns.FixturePath("capacity-input.json"), Path.Combine(dir, "capacity-input.json"));

        var results = ResultsLoader.Load(dir);

        Assert.Equal(165, RunOverview.From(results.Summary, null)!.Requests);
        Assert.DoesNotContain(results.Diagnostics, d => d.Severity == DiagnosticSeverity.Error);
    }

    [Fact]
    public void A_cut_short_ndjson_file_keeps_the_good_lines_and_reports_the_bad_one()
    {
        var dir = SyntheticRuns.NewTempDirectory();
        var path = Path.Combine(dir, "cut.ndjson");
        var lines = File.ReadAllLines(SyntheticRuns.FixturePath("k6-ramp.ndjson")).Take(200).ToList();
        lines.Add("{\"metric\":\"http_req_duration\",\"type\":\"Point\",\"data\":{\"time\":\"2026-01-01T12:00:0");
        File.WriteAllLines(path, lines);

        var results = ResultsLoader.Load(path);

        Assert.NotNull(results.TimeSeries);
        var problem = Assert.Single(results.Diagnostics, d => d.Code == DiagnosticCodes.UnreadableNdjsonLine);
        Assert.Equal(201, problem.Line);
        Assert.Equal(path, problem.File);
    }

    [Theory]
    [InlineData("2026-01-01T12:00:01.123456789Z", 1123)]
    [InlineData("2026-01-01T14:00:01.5+02:00", 1500)]
    [InlineData("1767268801", 1000)]
    public void K6_timestamps_parse_with_nanoseconds_offsets_and_unix_seconds(string text, long millisAfterStart)
    {
        Assert.True(K6Time.TryParse(text, out var time));
        Assert.Equal(millisAfterStart, (long)(time - SyntheticRuns.Start).TotalMilliseconds);
    }
}

public class EndpointNameTests
{
    [Theory]
    [InlineData("cart_add", "POST", "POST cart_add")]
    [InlineData("GET /items", "GET", "GET /items")]
    [InlineData("/health", "", "/health")]
    public void Endpoint_names_show_the_method_once(string name, string method, string expected) =>
        Assert.Equal(expected, EndpointName.Of(name, method));
}
