using System.Collections.Concurrent;
using System.Diagnostics;

namespace LoadTest.Runtime.Execution;

/// <summary>
/// Open model (k6 constant-arrival-rate, ramping-arrival-rate): iterations start on a schedule whatever the
/// response times. A due iteration takes a free VU; if none is free a new one is created while fewer than maxVUs
/// exist, else the iteration is dropped and counted in <c>dropped_iterations</c>. Each iteration knows its
/// scheduled start, so the first request's duration can include any lateness (coordinated omission).
/// </summary>
internal abstract class ArrivalRateExecutor(ScenarioRuntime scenario) : ScenarioExecutor(scenario)
{
    protected abstract int PreAllocatedVus { get; }

    protected abstract int MaxVus { get; }

    /// <summary>Iterations per second at each scheduled start, relative to the scenario start, ascending.</summary>
    protected abstract IEnumerable<TimeSpan> ArrivalOffsets();

    protected abstract void AddStages();

    private VirtualUser[] _preAllocated = [];

    public override void Prepare() => _preAllocated = CreateVus(PreAllocatedVus);

    protected override async Task ExecuteAsync()
    {
        AddStages();
        var idle = new ConcurrentStack<VirtualUser>(_preAllocated);
        var allocated = _preAllocated.Length;
        var maxVus = Math.Max(MaxVus, PreAllocatedVus);
        using var hard = CancellationTokenSource.CreateLinkedTokenSource(Run.StopToken);
        var inFlight = new InFlight();
        var end = Start + PlannedDuration;
        try
        {
            foreach (var offset in ArrivalOffsets())
            {
                if (offset >= PlannedDuration) break;
                var due = Start + offset;
                if (Run.Clock.Elapsed < due) await Run.Clock.DelayUntilAsync(due, Run.ScheduleToken).ConfigureAwait(false);
                if (Run.ScheduleToken.IsCancellationRequested) break;
                if (!idle.TryPop(out var vu))
                {
                    if (allocated >= maxVus)
                    {
                        Scenario.RecordDropped();
                        continue;
                    }
                    vu = Scenario.CreateVu();
                    allocated++;
                }
                var scheduled = Run.Clock.StartTimestamp + (long)(due.TotalSeconds * Stopwatch.Frequency);
                inFlight.Add();
                _ = RunOneAsync(vu, scheduled, idle, inFlight, hard.Token);
            }
            await Run.Clock.DelayUntilAsync(end, Run.ScheduleToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        await StopGracefullyAsync(inFlight.Drained(), end + Config.GracefulStop, hard).ConfigureAwait(false);
    }

    private async Task RunOneAsync(VirtualUser vu, long scheduled, ConcurrentStack<VirtualUser> idle, InFlight inFlight, CancellationToken token)
    {
        Run.VuStarted();
        try
        {
            await Task.Yield(); // the scheduler loop must not run iteration code inline
            await Scenario.RunIterationAsync(vu, token, scheduled).ConfigureAwait(false);
        }
        finally
        {
            Run.VuStopped();
            idle.Push(vu);
            inFlight.Done();
        }
    }

    /// <summary>Counts running iterations without keeping their tasks (a long run starts millions).</summary>
    private sealed class InFlight
    {
        private readonly TaskCompletionSource _drained = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private int _count;
        private volatile bool _closed;

        public void Add() => Interlocked.Increment(ref _count);

        public void Done()
        {
            if (Interlocked.Decrement(ref _count) == 0 && _closed) _drained.TrySetResult();
        }

        public Task Drained()
        {
            _closed = true;
            if (Volatile.Read(ref _count) == 0) _drained.TrySetResult();
            return _drained.Task;
        }
    }
}
