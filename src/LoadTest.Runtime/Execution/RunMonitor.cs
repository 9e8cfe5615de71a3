using System.Diagnostics;
using System.Globalization;
using LoadTest.Runtime.Metrics;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Execution;

/// <summary>
/// The run's heartbeat: closes a time-series window every second (vus, iterations, per-series latency), feeds the
/// vus/vus_max/data gauges and counters, prints a progress line per interval and evaluates abortOnFail thresholds.
/// </summary>
internal sealed class RunMonitor(RunContext run, TimeSpan planned) : IDisposable
{
    private readonly SeriesHandle _vus = run.Metrics.Resolve(BuiltInMetrics.Vus, TagSet.Empty);
    private readonly SeriesHandle _vusMax = run.Metrics.Resolve(BuiltInMetrics.VusMax, TagSet.Empty);
    private readonly SeriesHandle _dataSent = run.Metrics.Resolve(BuiltInMetrics.DataSent, TagSet.Empty);
    private readonly SeriesHandle _dataReceived = run.Metrics.Resolve(BuiltInMetrics.DataReceived, TagSet.Empty);
    private readonly Process _process = Process.GetCurrentProcess();
    private TimeSpan _windowStart = TimeSpan.Zero;
    private TimeSpan _cpuAtWindowStart;
    private long _sentSoFar;
    private long _receivedSoFar;
    private TimeSpan _progressStart = TimeSpan.Zero;
    private readonly LatencyHistogram _progressLatency = new();
    private long _progressRequests;
    private long _progressFailed;

    public async Task RunAsync(CancellationToken stop)
    {
        _cpuAtWindowStart = CpuTime();
        var window = run.Settings.WindowLength <= TimeSpan.Zero ? TimeSpan.FromSeconds(1) : run.Settings.WindowLength;
        var next = window;
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await run.Clock.DelayUntilAsync(next, stop).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            CloseWindow(next);
            next += window;
            EvaluateAbortThresholds();
        }
    }

    /// <summary>Closes the last, possibly partial, window and records the final counters.</summary>
    public void Finish()
    {
        var now = run.Clock.Elapsed;
        if (now - _windowStart > TimeSpan.FromMilliseconds(1)) CloseWindow(now);
        else RecordCounters();
    }

    private void CloseWindow(TimeSpan end)
    {
        var (iterations, dropped) = run.TakeWindowCounts();
        var seconds = (end - _windowStart).TotalSeconds;
        var cpuNow = CpuTime();
        double? cpu = seconds > 0 ? Math.Clamp((cpuNow - _cpuAtWindowStart).TotalSeconds / (seconds * Environment.ProcessorCount), 0, 1) : null;
        _cpuAtWindowStart = cpuNow;
        RecordCounters();
        var window = run.TimeSeries.CloseWindow(run.Clock.ToWall(_windowStart), seconds, run.ActiveVus, run.AllocatedVus, iterations, dropped, cpu);
        _windowStart = end;
        foreach (var series in window.Series)
        {
            _progressRequests += series.Requests;
            _progressFailed += series.Failed;
            _progressLatency.Add(series.Duration);
        }
        if (end - _progressStart >= run.Settings.ProgressInterval)
        {
            PrintProgress(end);
        }
    }

    private void RecordCounters()
    {
        _vus.Record(run.ActiveVus);
        _vusMax.Record(run.AllocatedVus);
        var sent = run.Http.BytesSent;
        var received = run.Http.BytesReceived;
        if (sent > _sentSoFar) _dataSent.Record(sent - _sentSoFar);
        if (received > _receivedSoFar) _dataReceived.Record(received - _receivedSoFar);
        _sentSoFar = sent;
        _receivedSoFar = received;
    }

    private void PrintProgress(TimeSpan now)
    {
        var seconds = Math.Max((now - _progressStart).TotalSeconds, 1e-9);
        var rps = _progressRequests / seconds;
        var p95 = _progressLatency.Count == 0 ? 0 : _progressLatency.PercentileMilliseconds(95);
        var errors = _progressRequests == 0 ? 0 : (double)_progressFailed / _progressRequests;
        var line = RunProgress.Totals(now, planned, run.ActiveVus, run.AllocatedVus, run.CompletedIterations, run.InterruptedIterations);
        var stages = run.InterruptReason is { } reason
            ? $"interrupted ({reason}), stopping"
            : RunProgress.Stages(run.TimeSeries.Stages, run.Clock.ToWall(now));
        run.Log(string.Create(CultureInfo.InvariantCulture,
            $"{line}; {(stages.Length > 0 ? stages + "; " : "")}{run.Plan.Name}: {rps:0.0} req/s, p95={p95:0.0}ms, errors={errors:0.00%}"));
        _progressStart = now;
        _progressRequests = 0;
        _progressFailed = 0;
        _progressLatency.Reset();
    }

    private void EvaluateAbortThresholds()
    {
        var elapsed = run.Clock.Elapsed;
        var due = run.Thresholds.Thresholds.Where(t => t.Spec.AbortOnFail && elapsed >= t.Spec.DelayAbortEval).ToList();
        if (due.Count == 0) return;
        var failed = run.Thresholds.Evaluate(due, elapsed).FirstOrDefault(o => !o.Passed);
        if (failed is not null)
        {
            run.Abort($"threshold {failed.Describe()} with abortOnFail");
        }
    }

    public void Dispose() => _process.Dispose();

    private TimeSpan CpuTime()
    {
        _process.Refresh();
        return _process.TotalProcessorTime;
    }
}
