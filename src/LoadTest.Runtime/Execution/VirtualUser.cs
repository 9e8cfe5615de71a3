using System.Diagnostics;
using LoadTest.Runtime.Http;
using LoadTest.Runtime.Metrics;

namespace LoadTest.Runtime.Execution;

/// <summary>
/// A k6 virtual user: runs iterations one after another, with its own HTTP cookie jar, random generator and
/// state. Not thread-safe (one iteration at a time, like k6).
/// </summary>
public sealed class VirtualUser : IVuRequestContext
{
    private readonly ScenarioRuntime _scenario;
    private string _groupPath = "";
    private double _pendingLagMs;
    private readonly int _randomSeed;
    private Random? _random;
    private Dictionary<string, object?>? _state;

    internal VirtualUser(int id, ScenarioRuntime scenario, int seed)
    {
        Id = id;
        _scenario = scenario;
        // A fixed mix of seed and id (not HashCode, which is randomised per process) keeps runs reproducible.
        _randomSeed = unchecked(seed * 1_000_003 + id * 7919);
        Http = new VuHttpClient(scenario.Run.Http, scenario.Run.Settings.BaseUrl, scenario, this);
    }

    /// <summary>k6 <c>__VU</c>: 1-based, unique within the run.</summary>
    public int Id { get; }

    /// <summary>k6 <c>__ITER</c>: iterations this VU completed in this scenario.</summary>
    public long Iteration { get; internal set; }

    public string ScenarioName => _scenario.Scenario.Name;

    public VuHttpClient Http { get; }

    /// <remarks>Created on first use (a seeded Random holds ~0.3 KB of state; 10,000 VUs that never draw need none).</remarks>
    public Random Random => _random ??= new Random(_randomSeed);

    /// <summary>Scenario env, then the process environment.</summary>
    public IReadOnlyDictionary<string, string> Env => _scenario.Env;

    /// <summary>Survives across this VU's iterations (e.g. a token after login).</summary>
    public IDictionary<string, object?> State => _state ??= new Dictionary<string, object?>();

    /// <summary>Current k6 group path: "" at the root, "::name" inside group("name").</summary>
    public string GroupPath => _groupPath;

    /// <summary>k6 <c>check()</c>: records the <c>checks</c> rate (tag check=name) and returns <paramref name="passed"/>.</summary>
    public bool Check(string name, bool passed)
    {
        _scenario.RecordCheck(_groupPath, name, passed);
        return passed;
    }

    public bool Check(HttpResult response, string name, Func<HttpResult, bool> predicate)
    {
        bool passed;
        try
        {
            passed = predicate(response);
        }
        catch (Exception)
        {
            // A predicate that throws (e.g. on a missing JSON field) is a failed check, not a broken iteration.
            passed = false;
        }
        return Check(name, passed);
    }

    /// <summary>k6 <c>sleep()</c>: think time, cut short when the iteration is cancelled.</summary>
    public Task SleepAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        duration <= TimeSpan.Zero ? Task.CompletedTask : Task.Delay(duration, cancellationToken);

    public void Add(TrendMetric metric, double value, IReadOnlyDictionary<string, string>? tags = null) =>
        _scenario.RecordCustom(metric, value, _groupPath, tags);

    public void Add(RateMetric metric, bool value, IReadOnlyDictionary<string, string>? tags = null) =>
        _scenario.RecordCustom(metric, value ? 1 : 0, _groupPath, tags);

    public void Add(CounterMetric metric, double value, IReadOnlyDictionary<string, string>? tags = null) =>
        _scenario.RecordCustom(metric, value, _groupPath, tags);

    public void Add(GaugeMetric metric, double value, IReadOnlyDictionary<string, string>? tags = null) =>
        _scenario.RecordCustom(metric, value, _groupPath, tags);

    /// <summary>k6 <c>group()</c>: samples until disposal carry tag group="::name" (nested: "::a::b"); records group_duration.</summary>
    public IDisposable Group(string name)
    {
        var previous = _groupPath;
        _groupPath = previous + "::" + name;
        _scenario.Run.RegisterGroup(_groupPath);
        return new GroupScope(this, previous, Stopwatch.GetTimestamp());
    }

    /// <summary>Open model: called by the executor with the lateness of this iteration's start against its schedule.</summary>
    internal void BeginIteration(double startLagMs)
    {
        _pendingLagMs = startLagMs;
        _groupPath = "";
    }

    double IVuRequestContext.TakeStartLagMs()
    {
        var lag = _pendingLagMs;
        _pendingLagMs = 0;
        return lag;
    }

    private sealed class GroupScope(VirtualUser vu, string previous, long started) : IDisposable
    {
        private bool _disposed;

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            vu._scenario.RecordCustom(ScenarioRuntime.GroupDuration, Stopwatch.GetElapsedTime(started).TotalMilliseconds, vu._groupPath, null);
            vu._groupPath = previous;
        }
    }
}
