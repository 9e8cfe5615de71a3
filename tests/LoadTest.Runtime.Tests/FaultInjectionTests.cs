using LoadTest.Runtime.Results;
using System.Collections.Concurrent;
using System.Diagnostics;
using LoadTest.Runtime.Execution;
using LoadTest.Runtime.Http;

namespace LoadTest.Runtime.Tests;

public class FaultInjectionTests
{
    private static async Task<(IReadOnlyList<HttpResult> Responses, RunResult Result, TimeSpan Took)> RunAgainst(Uri baseUrl, TimeSpan? timeout = null, int iterations = 2)
    {
        var responses = new ConcurrentBag<HttpResult>();
        var plan = new LoadTestPlan("faults", [new Scenario("f", new PerVuIterations(1, iterations) { MaxDuration = TimeSpan.FromSeconds(10) }, async (vu, ct) =>
        {
            responses.Add(await vu.Http.SendAsync(new HttpRequestSpec(HttpMethod.Get, "/items") { Name = "GET /items", Timeout = timeout }, ct));
        })]);
        var clock = Stopwatch.StartNew();
        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(baseUrl));
        return (responses.ToList(), result, clock.Elapsed);
    }

    private static void AssertAllFailed(IReadOnlyList<HttpResult> responses, RunResult result, int code)
    {
        Assert.NotEmpty(responses);
        Assert.All(responses, r =>
        {
            Assert.Equal(0, r.Status);
            Assert.Equal(code, r.ErrorCode);
            Assert.False(string.IsNullOrEmpty(r.Error));
        });
        Assert.Equal(responses.Count, result.Requests);
        Assert.Equal(1.0, result.ErrorRate);
        Assert.Equal(0, result.IterationErrors); // failures are samples, not exceptions
    }

    [Fact]
    public async Task Connection_refused_is_1212()
    {
        var (responses, result, _) = await RunAgainst(TestServer.ClosedPortUrl());

        AssertAllFailed(responses, result, 1212);
        Assert.Equal("dial: connection refused", responses[0].Error);
    }

    [Fact]
    public async Task Reset_mid_response_is_1220()
    {
        await using var server = new TestServer(ServerBehaviour.ResetMidResponse);

        var (responses, result, _) = await RunAgainst(server.BaseUrl);

        AssertAllFailed(responses, result, 1220);
    }

    [Fact]
    public async Task Server_that_never_answers_times_out_with_1050_and_the_engine_stops_on_time()
    {
        await using var server = new TestServer(ServerBehaviour.NeverAnswer);

        var (responses, result, took) = await RunAgainst(server.BaseUrl, TimeSpan.FromMilliseconds(300));

        AssertAllFailed(responses, result, 1050);
        Assert.Equal("request timeout", responses[0].Error);
        // The timeout covers the whole request; on a busy machine part of it goes to connecting, outside http_req_duration.
        Assert.All(responses, r => Assert.InRange(r.DurationMs + r.Timings.Blocked + r.Timings.Connecting, 250, 2000));
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took}");
    }

    [Fact]
    public async Task Garbage_response_is_a_1000_error()
    {
        await using var server = new TestServer(ServerBehaviour.Garbage);

        var (responses, result, _) = await RunAgainst(server.BaseUrl);

        AssertAllFailed(responses, result, 1000);
    }

    [Fact]
    public async Task Slow_body_beyond_the_timeout_is_1050()
    {
        await using var server = new TestServer(ServerBehaviour.SlowBody);

        var (responses, result, took) = await RunAgainst(server.BaseUrl, TimeSpan.FromMilliseconds(500), iterations: 1);

        AssertAllFailed(responses, result, 1050);
        Assert.True(took < TimeSpan.FromSeconds(5), $"took {took}");
    }

    [Fact]
    public async Task A_vu_times_out_then_succeeds_then_times_out_again_on_the_same_client()
    {
        // The client reuses its timeout source between requests; one that fired must not leak into the next request.
        await using var server = new TestServer(delay: TimeSpan.FromMilliseconds(300));
        var statuses = new List<int>();
        var plan = new LoadTestPlan("timeouts", [new Scenario("t", new PerVuIterations(1, 1), async (vu, ct) =>
        {
            foreach (var limit in new[] { 50, 5000, 50, 5000 })
            {
                var response = await vu.Http.SendAsync(new HttpRequestSpec(HttpMethod.Get, "/items") { Timeout = TimeSpan.FromMilliseconds(limit) }, ct);
                statuses.Add(response.ErrorCode == 0 ? response.Status : response.ErrorCode);
            }
        })]);

        var result = await TestPlans.RunAsync(plan, TestPlans.Settings(server.BaseUrl));

        Assert.Equal([1050, 200, 1050, 200], statuses);
        Assert.Equal(0, result.IterationErrors);
    }

    [Fact]
    public async Task Http_5xx_is_a_failed_request_with_k6_code_1500()
    {
        await using var server = new TestServer(ServerBehaviour.Status500);

        var (responses, result, _) = await RunAgainst(server.BaseUrl);

        Assert.All(responses, r =>
        {
            Assert.Equal(500, r.Status);
            Assert.Equal(1500, r.ErrorCode);
            Assert.Equal("boom", r.Body);
        });
        Assert.Equal(1.0, result.ErrorRate);
    }

    [Fact]
    public async Task Successful_responses_keep_cookies_per_vu_and_parse_json()
    {
        await using var server = new TestServer();

        var (responses, result, _) = await RunAgainst(server.BaseUrl);

        Assert.All(responses, r =>
        {
            Assert.Equal(200, r.Status);
            Assert.Equal(0, r.ErrorCode);
            Assert.Equal("42", r.JsonValue("id"));
            Assert.Equal("application/json", r.Header("content-type"));
        });
        Assert.Equal(0, result.ErrorRate);
        Assert.Equal(2, server.Requests);
    }
}
