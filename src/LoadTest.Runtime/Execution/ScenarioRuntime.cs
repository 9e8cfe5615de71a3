using System.Collections;
using System.Collections.Concurrent;
using System.Diagnostics;
using LoadTest.Runtime.Http;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Execution;

/// <summary>
/// One scenario during a run: creates its VUs, runs single iterations (timing, errors, interruption) and turns
/// their samples into metrics through cached series handles.
/// </summary>
internal sealed class ScenarioRuntime : IHttpSampleSink
{
    internal static readonly TrendMetric GroupDuration = new("group_duration");

    private readonly ConcurrentDictionary<HttpSeriesKey, HttpSeries> _httpSeries = new();
    private readonly ConcurrentDictionary<(string Group, string Check), (SeriesHandle Handle, CheckCounter Counter)> _checks = new();
    private readonly ConcurrentDictionary<(string Metric, string Group), SeriesHandle> _custom = new();
    private readonly SeriesHandle _iterations;
    private readonly SeriesHandle _iterationDuration;
    private readonly SeriesHandle _dropped;
    private long _requests;
    private long _responses;
    private long _completedIterations;
    private long _cutRequests;
    private readonly ConcurrentDictionary<int, long> _errorCodes = new();

    public ScenarioRuntime(RunContext run, Scenario scenario)
    {
        Run = run;
        Scenario = scenario;
        IsOpenModel = scenario.Executor is ConstantArrivalRate or RampingArrivalRate;
        BaseTags = scenario.Tags.Append(new("scenario", scenario.Name)).ToArray();
        Env = MergeEnvironment(scenario.Env);
        var tags = TagSet.From(BaseTags.Append(new("group", "")));
        _iterations = run.Metrics.Resolve(BuiltInMetrics.Iterations, tags);
        _iterationDuration = run.Metrics.Resolve(BuiltInMetrics.IterationDuration, tags);
        _dropped = run.Metrics.Resolve(BuiltInMetrics.DroppedIterations, TagSet.From(BaseTags));
    }

    public RunContext Run { get; }

    public Scenario Scenario { get; }

    public bool IsOpenModel { get; }

    public IReadOnlyList<KeyValuePair<string, string>> BaseTags { get; }

    public IReadOnlyDictionary<string, string> Env { get; }

    /// <summary>Requests recorded (every redirect hop counts, like http_reqs).</summary>
    public long Requests => Interlocked.Read(ref _requests);

    /// <summary>Of <see cref="Requests"/>, those that got a response (any status): a scenario with none tested nothing.</summary>
    public long Responses => Interlocked.Read(ref _responses);

    public long CompletedIterations => Interlocked.Read(ref _completedIterations);

    /// <summary>Requests still waiting for their response when their iteration was interrupted (not recorded, as in k6).</summary>
    public long CutRequests => Interlocked.Read(ref _cutRequests);

    public void RecordCut() => Interlocked.Increment(ref _cutRequests);

    /// <summary>Failed requests by k6 error_code (transport errors and 4xx/5xx), for the run's verdict line.</summary>
    public IReadOnlyDictionary<int, long> ErrorCodes => _errorCodes;

    public VirtualUser CreateVu()
    {
        Run.VuAllocated();
        return new VirtualUser(Run.NextVuId(), this, Run.Settings.Seed);
    }

    public void RecordDropped()
    {
        _dropped.Record(1);
        Run.IterationDropped();
    }

    /// <summary>
    /// Runs one iteration. Exceptions are counted and logged, never thrown; an iteration cut off by
    /// <paramref name="cancellationToken"/> is not counted in <c>iterations</c> (k6: interrupted).
    /// </summary>
    public async Task RunIterationAsync(VirtualUser vu, CancellationToken cancellationToken, long scheduledTimestamp = 0)
    {
        var started = Stopwatch.GetTimestamp();
        vu.BeginIteration(scheduledTimestamp == 0 ? 0 : Math.Max(0, Stopwatch.GetElapsedTime(scheduledTimestamp, started).TotalMilliseconds));
        var interrupted = false;
        try
        {
            var task = Scenario.Exec(vu, cancellationToken);
            if (task.IsCompleted)
            {
                // A body that never awaits would keep this VU's loop on the thread forever; let others run.
                await task.ConfigureAwait(false);
                await Task.Yield();
            }
            else
            {
                await task.ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            interrupted = true;
        }
        catch (Exception exception)
        {
            Run.IterationFailed(Scenario.Name, exception);
        }
        if (interrupted)
        {
            Run.IterationInterrupted();
            return;
        }
        Interlocked.Increment(ref _completedIterations);
        _iterations.Record(1);
        _iterationDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        vu.Iteration++;
        Run.IterationCompleted();
    }

    public void RecordCheck(string group, string name, bool passed)
    {
        var entry = _checks.GetOrAdd((group, name), key =>
        {
            var tags = TagSet.From(BaseTags.Append(new("group", key.Group)).Append(new("check", key.Check)));
            return (Run.Metrics.Resolve(BuiltInMetrics.Checks, tags), Run.CheckCounter(key.Group, key.Check));
        });
        entry.Handle.Record(passed ? 1 : 0);
        entry.Counter.Add(passed);
    }

    public void RecordCustom(MetricDefinition metric, double value, string group, IReadOnlyDictionary<string, string>? tags)
    {
        SeriesHandle handle;
        if (tags is null || tags.Count == 0)
        {
            handle = _custom.GetOrAdd((metric.Name, group), key =>
                Run.Metrics.Resolve(metric, TagSet.From(BaseTags.Append(new("group", key.Group)))));
        }
        else
        {
            handle = Run.Metrics.Resolve(metric, TagSet.From(BaseTags.Append(new("group", group)).Concat(tags)));
        }
        handle.Record(value);
    }

    public void RecordHttp(in HttpSample sample, string groupPath)
    {
        Interlocked.Increment(ref _requests);
        if (sample.Status != 0) Interlocked.Increment(ref _responses);
        if (sample.ErrorCode != 0) _errorCodes.AddOrUpdate(sample.ErrorCode, 1, static (_, n) => n + 1);
        var key = new HttpSeriesKey(sample.Name, sample.Method, sample.Status, sample.ErrorCode, groupPath,
            Run.TrackUrlTag ? sample.Url : null, sample.Tags is { Count: > 0 } extra ? TagSet.From(extra) : null);
        if (!_httpSeries.TryGetValue(key, out var series))
        {
            var url = sample.Url;
            series = _httpSeries.GetOrAdd(key, k => HttpSeries.Create(this, k, url));
        }
        series.Record(sample);
    }

    private static IReadOnlyDictionary<string, string> MergeEnvironment(IReadOnlyDictionary<string, string> scenarioEnv)
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value) env[key] = value;
        }
        foreach (var (key, value) in scenarioEnv) env[key] = value;
        return env;
    }
}

/// <summary>What makes two requests the same series (scenario is implied by the owning scenario).</summary>
internal readonly record struct HttpSeriesKey(string Name, string Method, int Status, int ErrorCode, string Group, string? Url, TagSet? Extra);

/// <summary>The pre-resolved handles of one HTTP series.</summary>
internal sealed class HttpSeries
{
    private SeriesHandle _reqs = null!;
    private SeriesHandle _duration = null!;
    private SeriesHandle _waiting = null!;
    private SeriesHandle _connecting = null!;
    private SeriesHandle _tls = null!;
    private SeriesHandle _sending = null!;
    private SeriesHandle _receiving = null!;
    private SeriesHandle _blocked = null!;
    private SeriesHandle _failed = null!;
    private SeriesHandle? _durationRaw;
    private WindowSeries _window = null!;
    private bool _expected;
    private int _status;
    private int _errorCode;

    public static HttpSeries Create(ScenarioRuntime scenario, HttpSeriesKey key, string url)
    {
        var expected = key.Status is >= 200 and <= 399;
        var tags = new List<KeyValuePair<string, string>>(scenario.BaseTags)
        {
            new("name", key.Name),
            new("method", key.Method),
            new("status", key.Status.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            new("group", key.Group),
            new("expected_response", expected ? "true" : "false"),
            new("url", key.Url ?? url),
        };
        var errorCode = key.ErrorCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        if (key.ErrorCode != 0) tags.Add(new("error_code", errorCode));
        if (key.Extra is not null) tags.AddRange(key.Extra.Pairs);
        var set = TagSet.From(tags);
        var metrics = scenario.Run.Metrics;
        if (key.ErrorCode != 0)
        {
            // Failed requests by k6 error_code, overall and per endpoint, as the sub-metrics a k6 user would declare
            // (http_reqs{error_code:1050}); declared before the series resolves so its samples reach them.
            metrics.DeclareSubMetric(new MetricSelector(BuiltInMetrics.HttpReqs.Name, [new("error_code", errorCode)]));
            metrics.DeclareSubMetric(new MetricSelector(BuiltInMetrics.HttpReqs.Name, [new("name", set["name"] ?? key.Name), new("error_code", errorCode)]));
        }
        return new HttpSeries
        {
            _expected = expected,
            _status = key.Status,
            _errorCode = key.ErrorCode,
            _reqs = metrics.Resolve(BuiltInMetrics.HttpReqs, set),
            _duration = metrics.Resolve(BuiltInMetrics.HttpReqDuration, set),
            _waiting = metrics.Resolve(BuiltInMetrics.HttpReqWaiting, set),
            _connecting = metrics.Resolve(BuiltInMetrics.HttpReqConnecting, set),
            _tls = metrics.Resolve(BuiltInMetrics.HttpReqTlsHandshaking, set),
            _sending = metrics.Resolve(BuiltInMetrics.HttpReqSending, set),
            _receiving = metrics.Resolve(BuiltInMetrics.HttpReqReceiving, set),
            _blocked = metrics.Resolve(BuiltInMetrics.HttpReqBlocked, set),
            _failed = metrics.Resolve(BuiltInMetrics.HttpReqFailed, set),
            _durationRaw = scenario.IsOpenModel ? metrics.Resolve(BuiltInMetrics.HttpReqDurationRaw, set) : null,
            _window = scenario.Run.TimeSeries.Series(set["name"] ?? key.Name, key.Method),
        };
    }

    /// <summary>Allocation-free: every handle is resolved already.</summary>
    public void Record(in HttpSample sample)
    {
        var timings = sample.Timings;
        // Open model: the corrected duration includes how late the iteration started (coordinated omission).
        var duration = timings.Duration + sample.StartLagMs;
        _reqs.Record(1);
        _duration.Record(duration);
        _durationRaw?.Record(timings.Duration);
        _waiting.Record(timings.Waiting);
        _connecting.Record(timings.Connecting);
        _tls.Record(timings.TlsHandshaking);
        _sending.Record(timings.Sending);
        _receiving.Record(timings.Receiving);
        _blocked.Record(timings.Blocked);
        _failed.Record(_expected ? 0 : 1);
        _window.Record(duration, !_expected, _status, _errorCode);
    }
}
