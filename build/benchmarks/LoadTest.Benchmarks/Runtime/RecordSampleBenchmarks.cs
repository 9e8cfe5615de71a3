using BenchmarkDotNet.Attributes;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Thresholds;

namespace LoadTest.Benchmarks.Runtime;

/// <summary>
/// The engine's hot path: recording one sample through a pre-resolved series handle. Expected: 0 B allocated.
/// "HttpRequestSamples" records what one HTTP request records (10 metrics, one of them with a sub-metric).
/// </summary>
[MemoryDiagnoser]
public class RecordSampleBenchmarks
{
    private SeriesHandle _trend = null!;
    private SeriesHandle _rate = null!;
    private SeriesHandle _counter = null!;
    private SeriesHandle[] _httpRequest = null!;
    private double _value;

    [GlobalSetup]
    public void Setup()
    {
        var registry = new MetricRegistry();
        ThresholdEvaluator.Compile(new Dictionary<string, IReadOnlyList<ThresholdSpec>>
        {
            ["http_req_duration{name:GET /items}"] = ["p(95)<800"],
        }, registry);
        var tags = TagSet.From([new("name", "GET /items"), new("method", "GET"), new("status", "200"), new("scenario", "default")]);
        _trend = registry.Resolve(BuiltInMetrics.HttpReqDuration, tags);
        _rate = registry.Resolve(BuiltInMetrics.HttpReqFailed, tags);
        _counter = registry.Resolve(BuiltInMetrics.HttpReqs, tags);
        _httpRequest =
        [
            _counter, _trend, _rate,
            registry.Resolve(BuiltInMetrics.HttpReqWaiting, tags),
            registry.Resolve(BuiltInMetrics.HttpReqConnecting, tags),
            registry.Resolve(BuiltInMetrics.HttpReqTlsHandshaking, tags),
            registry.Resolve(BuiltInMetrics.HttpReqSending, tags),
            registry.Resolve(BuiltInMetrics.HttpReqReceiving, tags),
            registry.Resolve(BuiltInMetrics.HttpReqBlocked, tags),
            registry.Resolve(BuiltInMetrics.HttpReqDurationRaw, tags),
        ];
    }

    [Benchmark]
    public void TrendSample() => _trend.Record(NextValue());

    [Benchmark]
    public void RateSample() => _rate.Record(0);

    [Benchmark]
    public void CounterSample() => _counter.Record(1);

    [Benchmark]
    public void HttpRequestSamples()
    {
        var value = NextValue();
        foreach (var handle in _httpRequest) handle.Record(value);
    }

    // Varies the value so the histogram's buckets are exercised, without a Random call in the measurement.
    private double NextValue()
    {
        _value = _value >= 2000 ? 0.5 : _value + 13.7;
        return _value;
    }
}
