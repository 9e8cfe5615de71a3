namespace LoadTest.Runtime.Metrics;

/// <summary>The metrics every run records, with k6's names (https://grafana.com/docs/k6/latest/using-k6/metrics/reference/).</summary>
public static class BuiltInMetrics
{
    public static readonly CounterMetric HttpReqs = new("http_reqs");
    public static readonly TrendMetric HttpReqDuration = new("http_req_duration");
    public static readonly TrendMetric HttpReqWaiting = new("http_req_waiting");
    public static readonly TrendMetric HttpReqConnecting = new("http_req_connecting");
    public static readonly TrendMetric HttpReqTlsHandshaking = new("http_req_tls_handshaking");
    public static readonly TrendMetric HttpReqSending = new("http_req_sending");
    public static readonly TrendMetric HttpReqReceiving = new("http_req_receiving");
    public static readonly TrendMetric HttpReqBlocked = new("http_req_blocked");
    public static readonly RateMetric HttpReqFailed = new("http_req_failed");

    /// <summary>Not in k6: the uncorrected duration of open-model requests (see docs/engine.md, coordinated omission).</summary>
    public static readonly TrendMetric HttpReqDurationRaw = new("http_req_duration_raw");

    public static readonly CounterMetric Iterations = new("iterations");
    public static readonly TrendMetric IterationDuration = new("iteration_duration");
    public static readonly CounterMetric DroppedIterations = new("dropped_iterations");
    public static readonly GaugeMetric Vus = new("vus");
    public static readonly GaugeMetric VusMax = new("vus_max");
    public static readonly CounterMetric DataSent = new("data_sent", IsData: true);
    public static readonly CounterMetric DataReceived = new("data_received", IsData: true);
    public static readonly RateMetric Checks = new("checks");

    public static readonly IReadOnlyList<MetricDefinition> All =
    [
        HttpReqs, HttpReqDuration, HttpReqWaiting, HttpReqConnecting, HttpReqTlsHandshaking, HttpReqSending,
        HttpReqReceiving, HttpReqBlocked, HttpReqFailed, HttpReqDurationRaw, Iterations, IterationDuration,
        DroppedIterations, Vus, VusMax, DataSent, DataReceived, Checks,
    ];

    public static MetricDefinition? Find(string name) => All.FirstOrDefault(m => m.Name == name);
}
