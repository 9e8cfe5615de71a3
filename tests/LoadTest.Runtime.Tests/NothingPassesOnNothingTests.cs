using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Http;
using LoadTest.Runtime.Reporting;
using LoadTest.Runtime.Results;
using LoadTest.Runtime.Thresholds;

namespace LoadTest.Runtime.Tests;

/// <summary>
/// A target that accepts and never answers (or resets, or times out) must fail the test whatever the thresholds say
/// (LT4120), and its failures carry k6's error codes in summary.json, the time series and the report.
/// </summary>
public class NothingPassesOnNothingTests
{
    /// <summary>A latency threshold that passes when it has no samples (k6 too): the run must fail anyway.</summary>
    private static readonly Dictionary<string, IReadOnlyList<ThresholdSpec>> LenientThresholds = new()
    {
        ["http_req_duration"] = [new("p(95)<100000")],
    };

    private static LoadTestPlan Plan(TimeSpan? timeout) =>
        new("stalled", [new Scenario("browse", new ConstantVus(2, TimeSpan.FromSeconds(1.5)) { GracefulStop = TimeSpan.FromMilliseconds(500) }, async (vu, ct) =>
        {
            await vu.Http.SendAsync(new HttpRequestSpec(HttpMethod.Get, "/items") { Name = "GET /items", Timeout = timeout }, ct);
        })])
        {
            Thresholds = LenientThresholds,
        };

    [Fact]
    public async Task A_server_that_never_answers_fails_the_test_although_every_threshold_passes()
    {
        await using var server = new TestServer(ServerBehaviour.NeverAnswer);

        // The default 60 s timeout: every request is still waiting when gracefulStop ends.
        var result = await TestPlans.RunAsync(Plan(timeout: null), TestPlans.Settings(server.BaseUrl));

        Assert.True(server.Requests > 0, "the server received the requests");
        Assert.True(result.ThresholdsPassed, "the thresholds pass without samples, as in k6");
        Assert.Equal(0, result.Requests); // cut requests are not samples (k6 drops them too)
        Assert.True(result.InterruptedIterations > 0, "the iterations waiting at the stop are counted as interrupted");
        var failure = Assert.Single(result.Failures);
        Assert.StartsWith("LT4120: scenario 'browse'", failure, StringComparison.Ordinal);
        Assert.Contains("still waiting when the run stopped", failure, StringComparison.Ordinal);
        var error = Assert.Throws<LoadTestFailedException>(() => LoadAssert.ThresholdsPassed(result));
        Assert.Contains("LT4120", error.Message, StringComparison.Ordinal);
        Assert.Equal(99, result.ExitCode);
    }

    [Fact]
    public async Task Timeouts_are_k6_code_1050_in_the_summary_the_time_series_and_the_report()
    {
        await using var server = new TestServer(ServerBehaviour.NeverAnswer);

        var result = await TestPlans.RunAsync(Plan(TimeSpan.FromMilliseconds(200)), TestPlans.Settings(server.BaseUrl));

        Assert.True(result.Requests > 0);
        Assert.Equal(result.Requests, result.ErrorCodes[HttpErrorClassifier.RequestTimeout]);
        Assert.Contains(result.Failures, f => f.StartsWith("LT4120", StringComparison.Ordinal) && f.Contains("1050 (request timeout)", StringComparison.Ordinal));
        AssertRecorded(result, 1050, "request timeout");
    }

    [Fact]
    public async Task Resets_are_k6_code_1220_in_the_summary_the_time_series_and_the_report()
    {
        await using var server = new TestServer(ServerBehaviour.ResetMidResponse);

        var result = await TestPlans.RunAsync(Plan(null), TestPlans.Settings(server.BaseUrl));

        Assert.True(result.Requests > 0);
        Assert.Equal(result.Requests, result.ErrorCodes[HttpErrorClassifier.ConnectionReset]);
        AssertRecorded(result, 1220, "connection reset by peer");
    }

    [Fact]
    public async Task Http_errors_are_1000_plus_status_and_a_server_that_answers_is_not_nothing()
    {
        await using var server = new TestServer(ServerBehaviour.Status500);

        var result = await TestPlans.RunAsync(Plan(null), TestPlans.Settings(server.BaseUrl));

        Assert.Empty(result.Failures); // it answered: the thresholds judge it
        Assert.Equal(result.Requests, result.ErrorCodes[1500]);
        AssertRecorded(result, 1500, "HTTP 500");
    }

    [Fact]
    public async Task A_connect_that_hangs_past_the_timeout_is_k6_code_1211_dial_timeout()
    {
        // A listener that never accepts, its backlog filled: the kernel drops further SYNs, so a connect hangs.
        using var listener = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        listener.Bind(new IPEndPoint(IPAddress.Loopback, 0));
        listener.Listen(0);
        var endpoint = (IPEndPoint)listener.LocalEndPoint!;
        var fillers = new List<Socket>();
        try
        {
            for (var i = 0; i < 8; i++)
            {
                var filler = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                fillers.Add(filler);
                using var attempt = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));
                try { await filler.ConnectAsync(endpoint, attempt.Token); }
                catch (OperationCanceledException) { break; } // the backlog is full
            }
            var responses = new List<HttpResult>();
            var plan = new LoadTestPlan("dial", [new Scenario("s", new PerVuIterations(1, 1), async (vu, ct) =>
                responses.Add(await vu.Http.SendAsync(new HttpRequestSpec(HttpMethod.Get, "/items") { Timeout = TimeSpan.FromMilliseconds(500) }, ct)))]);

            var result = await TestPlans.RunAsync(plan, TestPlans.Settings(new Uri($"http://127.0.0.1:{endpoint.Port}/")));

            var response = Assert.Single(responses);
            Assert.Equal(HttpErrorClassifier.DialTimeout, response.ErrorCode);
            Assert.Equal("dial: i/o timeout", response.Error);
            Assert.Equal(1, result.ErrorCodes[HttpErrorClassifier.DialTimeout]);
        }
        finally
        {
            foreach (var filler in fillers) filler.Dispose();
        }
    }

    [Fact]
    public void A_k6_ndjson_output_gives_the_report_the_same_error_code_table()
    {
        var path = Path.Combine(TestPlans.TempResults(), "k6.ndjson");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        static string Point(string name, string method, int status, double ms, string? code) =>
            "{\"type\":\"Point\",\"metric\":\"http_req_duration\",\"data\":{\"time\":\"2024-05-01T10:00:00.5Z\",\"value\":" + ms.ToString(System.Globalization.CultureInfo.InvariantCulture) +
            ",\"tags\":{\"name\":\"" + name + "\",\"method\":\"" + method + "\",\"status\":\"" + status + "\"" + (code is null ? "" : ",\"error_code\":\"" + code + "\"") + "}}}";
        File.WriteAllLines(path,
        [
            Point("GET /items", "GET", 0, 60000, "1050"),
            Point("GET /items", "GET", 0, 60000, "1050"),
            Point("POST /orders", "POST", 503, 12, "1503"),
            Point("POST /orders", "POST", 201, 9, null),
        ]);

        var (series, _) = Analysis.Inputs.K6NdjsonReader.Read(path);
        var rows = ErrorCodeTable.From(new Analysis.Inputs.LoadedResults(path, [Analysis.Inputs.ResultsFormat.K6Ndjson], null, series, []));

        Assert.Equal([new EndpointErrorCode("GET /items", 1050, "request timeout", 2), new EndpointErrorCode("POST /orders", 1503, "HTTP 503", 1)], rows);
    }

    /// <summary>summary.json sub-metrics (overall and per endpoint), the time series windows and the report's table.</summary>
    private static void AssertRecorded(RunResult result, int code, string meaning)
    {
        using var summary = JsonDocument.Parse(File.ReadAllText(Path.Combine(result.ResultsDirectory, SummaryWriter.SummaryFileName)));
        var metrics = summary.RootElement.GetProperty("metrics");
        Assert.Equal(result.Requests, metrics.GetProperty($"http_reqs{{error_code:{code}}}").GetProperty("values").GetProperty("count").GetInt64());
        Assert.Equal(result.Requests, metrics.GetProperty($"http_reqs{{name:GET /items,error_code:{code}}}").GetProperty("values").GetProperty("count").GetInt64());

        var series = TimeSeriesFile.Read(Path.Combine(result.ResultsDirectory, TimeSeriesFile.FileName));
        Assert.Equal(result.Requests, series.Windows.SelectMany(w => w.Series).Sum(s => s.ErrorCodes.GetValueOrDefault(code)));

        var report = ReportGenerator.WriteReports(result.ResultsDirectory);
        var markdown = File.ReadAllText(report.Markdown);
        // The failures table names each endpoint's status and k6 error codes (with k6's meaning for network errors).
        var row = markdown.Split('\n').First(l => l.StartsWith("| `GET /items` |", StringComparison.Ordinal) && l.Contains("error ", StringComparison.Ordinal));
        Assert.Contains($"error {code}", row, StringComparison.Ordinal);
        if (code is < 1400 or >= 1600) Assert.Contains(meaning, row, StringComparison.Ordinal);
        Assert.Contains(FormattableString.Invariant($"×{result.Requests}"), row, StringComparison.Ordinal);
        Assert.Contains($"\"code\": {code}", File.ReadAllText(report.Json), StringComparison.Ordinal);
    }
}
