using System.Collections.Concurrent;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Http;

namespace LoadTest.Runtime.Tests;

public class HttpClientBehaviourTests
{
    [Fact]
    public async Task Each_vu_has_its_own_cookie_jar()
    {
        await using var server = new TestServer();
        var plan = new LoadTestPlan("cookies", [new Scenario("c", new PerVuIterations(2, 2), async (vu, ct) =>
        {
            await vu.Http.GetAsync("/items?vu=" + vu.Id, "GET /items", ct);
        })]);

        await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl));

        var heads = server.RequestHeads;
        Assert.Equal(4, heads.Count);
        foreach (var vu in heads.Select(h => h.Split(' ')[1]).Distinct())
        {
            var mine = heads.Where(h => h.Split(' ')[1] == vu).ToList();
            Assert.Equal(2, mine.Count);
            Assert.Single(mine, h => h.Contains("Cookie: session=abc", StringComparison.Ordinal)); // only the VU's second request
        }
    }

    [Fact]
    public async Task A_new_connection_is_timed_once_then_kept_alive()
    {
        await using var server = new TestServer();
        var results = new ConcurrentQueue<HttpResult>();
        var plan = new LoadTestPlan("keepalive", [new Scenario("k", new PerVuIterations(1, 3), async (vu, ct) =>
            results.Enqueue(await vu.Http.GetAsync("/items", "GET /items", ct)))]);

        await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl));

        var timings = results.Select(r => r.Timings).ToList();
        Assert.Equal(3, timings.Count);
        Assert.True(timings[0].Connecting > 0, "the first request opened the connection");
        Assert.All(timings.Skip(1), t => Assert.Equal(0, t.Connecting));
        Assert.All(timings, t => Assert.Equal(t.Sending + t.Waiting + t.Receiving, t.Duration, 9));
    }

    [Theory]
    [InlineData(0, 8)]
    [InlineData(2, 2)]
    public async Task Connections_per_host_are_one_per_busy_vu_unless_capped(int maxConnectionsPerHost, int expectedConnections)
    {
        await using var server = new TestServer(delay: TimeSpan.FromMilliseconds(100));
        var plan = new LoadTestPlan("connections", [new Scenario("c", new PerVuIterations(8, 2), async (vu, ct) =>
            await vu.Http.GetAsync("/items", "GET /items", ct))]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl) with { MaxConnectionsPerHost = maxConnectionsPerHost });

        Assert.Equal(16, result.Requests);
        Assert.Equal(0, result.ErrorRate);
        Assert.Equal(expectedConnections, server.Connections);
    }

    [Fact]
    public async Task Waiting_for_a_capped_connection_is_blocked_time_warned_in_the_log_and_the_report()
    {
        await using var server = new TestServer(delay: TimeSpan.FromMilliseconds(100));
        var log = new List<string>();
        var plan = new LoadTestPlan("queued", [new Scenario("q", new PerVuIterations(12, 2), async (vu, ct) =>
            await vu.Http.GetAsync("/items", "GET /items", ct))]);

        var capped = await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl, log) with { MaxConnectionsPerHost = 2 });
        var free = await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl) with { MaxConnectionsPerHost = 0 });

        Assert.Equal(24, capped.Requests);
        Assert.Contains(log, l => l.StartsWith("LT4062:", StringComparison.Ordinal));
        // 12 VUs over 2 connections of a 100 ms server: most requests wait several hundred ms, outside http_req_duration.
        var cappedModel = Reporting.ReportGenerator.Build(new Reporting.ReportRequest(capped.ResultsDirectory));
        Assert.Contains(cappedModel.Diagnostics, d => d.Code == Analysis.DiagnosticCodes.GeneratorQueueing);
        var freeModel = Reporting.ReportGenerator.Build(new Reporting.ReportRequest(free.ResultsDirectory));
        Assert.DoesNotContain(freeModel.Diagnostics, d => d.Code == Analysis.DiagnosticCodes.GeneratorQueueing);
    }

    [Fact]
    public async Task Redirects_are_followed_and_each_hop_is_a_request()
    {
        await using var server = new TestServer(ServerBehaviour.RedirectFromStart);
        var results = new ConcurrentQueue<HttpResult>();
        var plan = new LoadTestPlan("redirect", [new Scenario("r", new PerVuIterations(1, 1), async (vu, ct) =>
            results.Enqueue(await vu.Http.PostJsonAsync("/start", "{}", "start", ct)))]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl));

        var response = Assert.Single(results);
        Assert.Equal(200, response.Status);
        Assert.EndsWith("/items", response.Url);
        Assert.Equal(2, result.Requests);
        Assert.StartsWith("GET /items ", server.RequestHeads[1]); // 302 after POST becomes GET, as in k6 (Go)
        Assert.Contains("Cookie: step=1", server.RequestHeads[1]);
    }

    [Fact]
    public async Task Relative_urls_keep_the_base_path_and_bad_urls_are_failed_samples()
    {
        await using var server = new TestServer();
        var results = new ConcurrentQueue<HttpResult>();
        var plan = new LoadTestPlan("urls", [new Scenario("u", new PerVuIterations(1, 1), async (vu, ct) =>
        {
            results.Enqueue(await vu.Http.GetAsync("items/1", "item", ct));
            results.Enqueue(await vu.Http.GetAsync("ftp://example.org/x", "bad", ct));
        })]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(new Uri(server.BaseUrl, "api/v1/")));

        Assert.StartsWith("GET /api/v1/items/1 ", server.RequestHeads[0]);
        var bad = results.Last();
        Assert.Equal(0, bad.Status);
        Assert.Equal(1020, bad.ErrorCode);
        Assert.Equal(2, result.Requests);
        Assert.Equal(0.5, result.ErrorRate);
    }
}
