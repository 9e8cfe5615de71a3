using LoadTest.Runtime.Baselines;

namespace LoadTest.Runtime.Tests.Baselines;

public sealed class BaselineComparerTests
{
    private const string Create = "POST /api/orders/create";
    private const string List = "GET /api/products";

    private static Op[] Reference() =>
    [
        new(Create, P95: 180, P99: 260, Avg: 90, Requests: 3000, ErrorRate: 0.002),
        new(List, P95: 40, P99: 70, Avg: 20, Requests: 9000),
    ];

    [Fact]
    public void Unchanged_run_passes_with_every_metric_compared()
    {
        var comparison = BaselineComparer.Compare(SummaryJson.Of(Reference()), SummaryJson.Of(Reference()));

        Assert.True(comparison.Passed);
        Assert.Empty(comparison.Regressions);
        Assert.Empty(comparison.AddedOperations);
        Assert.Empty(comparison.RemovedOperations);
        // Global + two operations, each with p95, p99, avg, error rate and throughput.
        Assert.Equal(15, comparison.Checks.Count);
        Assert.Contains(comparison.Checks, c => c.Operation == Create && c.Metric == "p95" && c.Status == RegressionStatus.Passed);
    }

    [Fact]
    public void A_35_percent_p95_increase_on_one_operation_fails_naming_the_operation_and_the_change()
    {
        var current = Reference();
        current[0] = current[0] with { P95 = 243 };

        var comparison = BaselineComparer.Compare(SummaryJson.Of(Reference()), SummaryJson.Of(current));

        Assert.False(comparison.Passed);
        var regression = Assert.Single(comparison.Regressions, r => r.Operation == Create);
        Assert.Equal("p95", regression.Metric);
        Assert.StartsWith("p95 +35% on POST /api/orders/create (180 → 243 ms", regression.Message);
        Assert.Equal(216, regression.Limit!.Value, 6);
        Assert.DoesNotContain(comparison.Regressions, r => r.Operation == List);
        Assert.Contains(comparison.Describe(), line => line.StartsWith("LT4072: p95 +35% on POST /api/orders/create", StringComparison.Ordinal));
    }

    [Fact]
    public void Noise_within_the_tolerance_bands_passes()
    {
        Op[] current =
        [
            // +15% p95, +0.5 pp errors, 10% fewer requests: all inside the bands.
            new(Create, P95: 207, P99: 290, Avg: 99, Requests: 2700, ErrorRate: 0.007),
            // +100% p95 but only +5 ms: a fast endpoint's jitter, not a regression.
            new(List, P95: 10, P99: 16, Avg: 6, Requests: 8200),
        ];
        Op[] baseline = [Reference()[0], new(List, P95: 5, P99: 8, Avg: 3, Requests: 9000)];

        var comparison = BaselineComparer.Compare(SummaryJson.Of(baseline), SummaryJson.Of(current));

        Assert.True(comparison.Passed, string.Join("\n", comparison.Describe()));
        var fast = comparison.Checks.Single(c => c.Operation == List && c.Metric == "p95");
        Assert.Equal(15, fast.Limit!.Value, 6);
    }

    [Fact]
    public void Latency_over_both_margins_fails_and_the_absolute_margin_alone_does_not_hide_it()
    {
        Op[] baseline = [new(List, P95: 5, P99: 8, Avg: 3, Requests: 9000)];
        Op[] current = [new(List, P95: 16, P99: 8, Avg: 3, Requests: 9000)];

        var comparison = BaselineComparer.Compare(SummaryJson.Of(baseline), SummaryJson.Of(current));

        Assert.Contains(comparison.Regressions, r => r.Operation == List && r.Metric == "p95");
    }

    [Fact]
    public void A_series_with_too_few_samples_is_not_compared_and_says_so()
    {
        Op[] baseline = [.. Reference(), new("DELETE /api/orders/{id}", P95: 50, P99: 60, Avg: 30, Requests: 40)];
        Op[] current = [.. Reference(), new("DELETE /api/orders/{id}", P95: 400, P99: 500, Avg: 300, Requests: 38)];

        var comparison = BaselineComparer.Compare(SummaryJson.Of(baseline), SummaryJson.Of(current));

        var skipped = Assert.Single(comparison.NotCompared);
        Assert.Equal("DELETE /api/orders/{id}", skipped.Operation);
        Assert.Contains("not compared: too few samples", skipped.Message);
        Assert.Contains("baseline 40, current 38", skipped.Message);
        Assert.DoesNotContain(comparison.Regressions, r => r.Operation == "DELETE /api/orders/{id}");

        var strict = BaselineComparer.Compare(SummaryJson.Of(baseline), SummaryJson.Of(current), new BaselinePolicy { MinimumRequests = 10 });
        Assert.Contains(strict.Regressions, r => r.Operation == "DELETE /api/orders/{id}" && r.Metric == "p95");
    }

    [Fact]
    public void Added_and_removed_operations_are_reported()
    {
        Op[] current = [Reference()[0], new("GET /api/cart", P95: 30, P99: 40, Avg: 15, Requests: 9000)];

        var comparison = BaselineComparer.Compare(SummaryJson.Of(Reference()), SummaryJson.Of(current));

        Assert.Equal(["GET /api/cart"], comparison.AddedOperations);
        Assert.Equal([List], comparison.RemovedOperations);
        Assert.True(comparison.Passed);
        Assert.Contains(comparison.Describe(), l => l.Contains("operation removed since the baseline: GET /api/products"));

        var strict = BaselineComparer.Compare(SummaryJson.Of(Reference()), SummaryJson.Of(current), new BaselinePolicy { FailOnRemovedOperations = true });
        Assert.False(strict.Passed);
    }

    [Fact]
    public void Error_rate_up_by_more_than_one_point_fails_in_percentage_points()
    {
        var current = Reference();
        current[0] = current[0] with { ErrorRate = 0.025 };

        var comparison = BaselineComparer.Compare(SummaryJson.Of(Reference()), SummaryJson.Of(current));

        var regression = Assert.Single(comparison.Regressions, r => r.Operation == Create);
        Assert.Equal("error rate", regression.Metric);
        Assert.StartsWith("error rate +2.3 pp on POST /api/orders/create (0.2% → 2.5%", regression.Message);
    }

    [Fact]
    public void Throughput_drop_beyond_the_band_fails_and_can_be_switched_off()
    {
        var current = Reference();
        current[1] = current[1] with { Requests = 6000 };

        var comparison = BaselineComparer.Compare(SummaryJson.Of(Reference()), SummaryJson.Of(current));
        var off = BaselineComparer.Compare(SummaryJson.Of(Reference()), SummaryJson.Of(current), new BaselinePolicy { ThroughputDropRelative = null });

        var regression = Assert.Single(comparison.Regressions, r => r.Operation == List);
        Assert.StartsWith("throughput -33% on GET /api/products (150 → 100 req/s", regression.Message);
        Assert.DoesNotContain(off.Checks, c => c.Metric == "throughput");
        Assert.DoesNotContain(off.Regressions, r => r.Operation == List);
    }

    [Fact]
    public void Without_per_operation_counts_latency_is_still_compared()
    {
        var current = Reference();
        current[0] = current[0] with { P99 = 400 };

        var comparison = BaselineComparer.Compare(SummaryJson.LatencyOnly(Reference()), SummaryJson.LatencyOnly(current));

        var regression = Assert.Single(comparison.Regressions, r => r.Operation == Create);
        Assert.Equal("p99", regression.Metric);
        Assert.DoesNotContain(comparison.Checks, c => c.Operation == Create && c.Metric is "error rate" or "throughput");
    }

    [Theory]
    [InlineData("{ not json", "is not valid JSON")]
    [InlineData("[1,2]", "has no \"metrics\" object")]
    public void A_malformed_baseline_gives_LT4071_not_a_stack_trace(string json, string problem)
    {
        var exception = Assert.Throws<BaselineFormatException>(() => BaselineComparer.Compare(json, SummaryJson.Of(Reference())));

        Assert.StartsWith("LT4071: the baseline summary", exception.Message);
        Assert.Contains(problem, exception.Message);
        Assert.Contains("LOADTEST_UPDATE_BASELINE=1", exception.Message);
    }

    [Fact]
    public void A_name_plus_method_sub_metric_is_the_operation_when_no_name_only_one_exists()
    {
        const string json = """
            {"metrics":{
              "http_req_duration{name:GET /a,method:GET}":{"type":"trend","contains":"time","values":{"avg":10,"p(95)":20,"p(99)":30}},
              "http_req_duration{status:500}":{"type":"trend","contains":"time","values":{"avg":900,"p(95)":900,"p(99)":900}}
            }}
            """;

        var snapshot = SummarySnapshotReader.Read(json);

        var operation = Assert.Single(snapshot.Operations).Value;
        Assert.Equal(("GET /a", 20.0), (operation.Operation, operation.P95Ms!.Value));
        Assert.Null(snapshot.Global.P95Ms);
    }
}
