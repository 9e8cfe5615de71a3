using System.Collections.Concurrent;
using LoadTest.Runtime.Http;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;
using LoadTest.Runtime.Thresholds;

namespace LoadTest.Runtime.Execution;

/// <summary>Passes and fails of one check (k6 root_group checks).</summary>
internal sealed class CheckCounter(string groupPath, string name)
{
    private long _passes;
    private long _fails;

    public string GroupPath { get; } = groupPath;

    public string Name { get; } = name;

    public long Passes => Interlocked.Read(ref _passes);

    public long Fails => Interlocked.Read(ref _fails);

    public void Add(bool passed)
    {
        if (passed) Interlocked.Increment(ref _passes);
        else Interlocked.Increment(ref _fails);
    }
}

/// <summary>Everything shared by the scenarios of one run: clock, metrics, HTTP pool, time series, stop signal, counters.</summary>
internal sealed class RunContext : IDisposable
{
    private const int MaxLoggedErrors = 10;

    private readonly CancellationTokenSource _stop;
    private readonly CancellationTokenSource _interrupt = new();
    private readonly CancellationTokenSource _schedule;
    private readonly CancellationTokenRegistration[] _interruptionLinks = [];
    private long _interruptedAtTicks = -1;
    private string? _interruptReason;
    private long _interruptedIterations;
    private readonly ConcurrentDictionary<(string Group, string Name), CheckCounter> _checks = new();
    private readonly ConcurrentDictionary<string, byte> _groups = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, long> _errorMessages = new(StringComparer.Ordinal);
    private int _nextVuId;
    private int _activeVus;
    private int _allocatedVus;
    private long _iterationsInWindow;
    private long _completedIterations;
    private long _droppedInWindow;
    private long _iterationErrors;
    private long _droppedTotal;
    private string? _abortReason;

    public RunContext(LoadTestPlan plan, RunSettings settings, string? resultsDirectory, CancellationToken cancellationToken)
    {
        Plan = plan;
        Settings = settings;
        ResultsDirectory = resultsDirectory;
        _stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        _schedule = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token, _interrupt.Token);
        Clock = new RunClock();
        Metrics = new MetricRegistry();
        Thresholds = ThresholdEvaluator.Compile(plan.Thresholds, Metrics);
        // k6 always reports the duration of the expected responses apart.
        Metrics.DeclareSubMetric(MetricSelector.Parse("http_req_duration{expected_response:true}"));
        TrackUrlTag = Thresholds.Thresholds.Any(t => t.Selector.Filter.Any(f => f.Key == "url"));
        Http = new HttpEngine(settings.Http2, settings.MaxConnectionsPerHost, settings.InsecureSkipTlsVerify);
        TimeSeries = new TimeSeriesRecorder(
            resultsDirectory is null ? null : Path.Combine(resultsDirectory, TimeSeriesFile.FileName), Clock.WallStart, Log);
        // Last: a request made before the run (Ctrl+C during start-up) calls back at once and needs everything above.
        _interruptionLinks = settings.Interruption is { } interruption
            ?
            [
                interruption.Graceful.UnsafeRegister(static state => { var run = (RunContext)state!; run.Interrupt(run.Settings.Interruption!.Reason ?? "interrupted"); }, this),
                interruption.Immediate.UnsafeRegister(static state => { var run = (RunContext)state!; run.StopNow(run.Settings.Interruption!.Reason ?? "interrupted"); }, this),
            ]
            : [];
    }

    public LoadTestPlan Plan { get; }

    public RunSettings Settings { get; }

    public string? ResultsDirectory { get; }

    public RunClock Clock { get; }

    public MetricRegistry Metrics { get; }

    public ThresholdEvaluator Thresholds { get; }

    public HttpEngine Http { get; }

    public TimeSeriesRecorder TimeSeries { get; }

    /// <summary>Record the url tag in series keys only when a threshold filters on it (it multiplies series).</summary>
    public bool TrackUrlTag { get; }

    /// <summary>Cancelled when the run must stop now: abortOnFail, caller cancellation, a second interruption.</summary>
    public CancellationToken StopToken => _stop.Token;

    /// <summary>
    /// Cancelled when no new iteration may start: <see cref="StopToken"/> or an interruption (Ctrl+C), after which
    /// running iterations get their scenario's gracefulStop from <see cref="InterruptedAt"/>.
    /// </summary>
    public CancellationToken ScheduleToken => _schedule.Token;

    /// <summary>Run time at which the run was interrupted; null when it was not.</summary>
    public TimeSpan? InterruptedAt
    {
        get
        {
            var ticks = Interlocked.Read(ref _interruptedAtTicks);
            return ticks < 0 ? null : TimeSpan.FromTicks(ticks);
        }
    }

    /// <summary>Why the run was interrupted (a signal, the invoking process exiting), or null.</summary>
    public string? InterruptReason => Volatile.Read(ref _interruptReason);

    /// <summary>Iterations cut off by a stop (k6 "interrupted iterations"): not in <c>iterations</c>, their requests in flight not recorded.</summary>
    public long InterruptedIterations => Interlocked.Read(ref _interruptedIterations);

    public string? AbortReason => Volatile.Read(ref _abortReason);

    public int ActiveVus => Volatile.Read(ref _activeVus);

    public int AllocatedVus => Volatile.Read(ref _allocatedVus);

    public long IterationErrors => Interlocked.Read(ref _iterationErrors);

    public long DroppedIterations => Interlocked.Read(ref _droppedTotal);

    public IEnumerable<CheckCounter> Checks => _checks.Values;

    public IEnumerable<string> Groups => _groups.Keys;

    public void Abort(string reason)
    {
        Interlocked.CompareExchange(ref _abortReason, reason, null);
        try { _stop.Cancel(); }
        catch (ObjectDisposedException) { /* the run already ended */ }
    }

    /// <summary>Stop starting iterations; running ones get gracefulStop (the first Ctrl+C).</summary>
    public void Interrupt(string reason)
    {
        Interlocked.CompareExchange(ref _interruptReason, reason, null);
        Interlocked.CompareExchange(ref _interruptedAtTicks, Clock.Elapsed.Ticks, -1);
        try { _interrupt.Cancel(); }
        catch (ObjectDisposedException) { /* the run already ended */ }
    }

    /// <summary>Interrupt running iterations now (a second Ctrl+C); what was recorded is still written.</summary>
    public void StopNow(string reason)
    {
        Interrupt(reason);
        try { _stop.Cancel(); }
        catch (ObjectDisposedException) { /* the run already ended */ }
    }

    public void IterationInterrupted() => Interlocked.Increment(ref _interruptedIterations);

    public int NextVuId() => Interlocked.Increment(ref _nextVuId);

    public void VuAllocated() => Interlocked.Increment(ref _allocatedVus);

    public void VuStarted() => Interlocked.Increment(ref _activeVus);

    public void VuStopped() => Interlocked.Decrement(ref _activeVus);

    public void IterationCompleted()
    {
        Interlocked.Increment(ref _iterationsInWindow);
        Interlocked.Increment(ref _completedIterations);
    }

    /// <summary>Iterations completed so far (k6 "complete iterations").</summary>
    public long CompletedIterations => Interlocked.Read(ref _completedIterations);

    public void IterationDropped()
    {
        Interlocked.Increment(ref _droppedInWindow);
        Interlocked.Increment(ref _droppedTotal);
    }

    public (long Iterations, long Dropped) TakeWindowCounts() =>
        (Interlocked.Exchange(ref _iterationsInWindow, 0), Interlocked.Exchange(ref _droppedInWindow, 0));

    public CheckCounter CheckCounter(string group, string name) =>
        _checks.GetOrAdd((group, name), key => new CheckCounter(key.Group, key.Name));

    public void RegisterGroup(string path) => _groups.TryAdd(path, 0);

    /// <summary>Counts an exception thrown by an iteration; logs the first few distinct messages.</summary>
    public void IterationFailed(string scenario, Exception exception)
    {
        Interlocked.Increment(ref _iterationErrors);
        var message = $"{exception.GetType().Name}: {exception.Message}";
        var seen = _errorMessages.AddOrUpdate(message, 1, (_, count) => count + 1);
        if (seen == 1 && _errorMessages.Count <= MaxLoggedErrors)
        {
            Log($"LT4056: iteration of scenario '{scenario}' threw {message} (counted; the run goes on)");
        }
    }

    public void Log(string line)
    {
        if (Settings.Progress is { } progress)
        {
            progress(line);
        }
        else if (!Settings.Quiet)
        {
            Console.Out.WriteLine(line);
        }
    }

    public void Dispose()
    {
        foreach (var link in _interruptionLinks) link.Dispose();
        TimeSeries.Dispose();
        Http.Dispose();
        _schedule.Dispose();
        _interrupt.Dispose();
        _stop.Dispose();
    }
}
