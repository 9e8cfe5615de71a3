using BenchmarkDotNet.Attributes;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Thresholds;

namespace LoadTest.Benchmarks.Runtime;

/// <summary>Parsing a threshold, and evaluating a plan's thresholds (done every second for abortOnFail) on 100k samples.</summary>
[MemoryDiagnoser]
public class ThresholdBenchmarks
{
    private ThresholdEvaluator _evaluator = null!;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new MetricRegistry();
        _evaluator = ThresholdEvaluator.Compile(new Dictionary<string, IReadOnlyList<ThresholdSpec>>
        {
            ["http_req_duration"] = ["p(95)<800", "p(99)<1500", "avg<400"],
            ["http_req_duration{name:GET /items}"] = ["p(95)<500"],
            ["http_req_failed"] = ["rate<0.01"],
            ["http_reqs"] = ["rate>100"],
        }, registry);
        var tags = TagSet.From([new("name", "GET /items"), new("method", "GET")]);
        var duration = registry.Resolve(BuiltInMetrics.HttpReqDuration, tags);
        var failed = registry.Resolve(BuiltInMetrics.HttpReqFailed, tags);
        var reqs = registry.Resolve(BuiltInMetrics.HttpReqs, tags);
        var random = new Random(1);
        for (var i = 0; i < 100_000; i++)
        {
            duration.Record(Math.Exp(3 + random.NextDouble() * 4));
            failed.Record(random.NextDouble() < 0.005 ? 1 : 0);
            reqs.Record(1);
        }
    }

    [Benchmark]
    public ThresholdExpression Parse() => ThresholdExpression.Parse("p(99.9) < 1500");

    [Benchmark]
    public int EvaluateSixThresholds() => _evaluator.EvaluateAll(TimeSpan.FromSeconds(60)).Count;
}
