namespace LoadTest.Runtime.Execution;

/// <summary>
/// k6 ramping-vus: the number of looping VUs follows the stages (linear ramps, changing one VU at a time, as k6
/// computes its steps). A VU above the target starts no new iteration; its current one has gracefulRampDown to
/// finish, then is interrupted. All VUs are created up front (max of startVUs and stage targets).
/// </summary>
internal sealed class RampingVusExecutor(ScenarioRuntime scenario) : ScenarioExecutor(scenario)
{
    private readonly List<Task> _loops = [];
    private Slot[] _slots = [];
    private CancellationTokenSource? _hard;
    private TimeSpan _end;

    private RampingVus Settings => (RampingVus)Config;

    public override TimeSpan PlannedDuration => Settings.Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    /// <summary>The (offset, target) steps: for a ramp from a to b over d, the target moves by one every d/|b−a|.</summary>
    public static IReadOnlyList<(TimeSpan At, int Target)> Steps(int startVus, IReadOnlyList<Stage> stages)
    {
        var steps = new List<(TimeSpan, int)>();
        var from = startVus;
        var stageStart = TimeSpan.Zero;
        foreach (var stage in stages)
        {
            var diff = stage.Target - from;
            var count = Math.Abs(diff);
            for (var i = 1; i <= count; i++)
            {
                steps.Add((stageStart + stage.Duration * ((double)i / count), from + Math.Sign(diff) * i));
            }
            from = stage.Target;
            stageStart += stage.Duration;
        }
        return steps;
    }

    public override void Prepare()
    {
        var settings = Settings;
        var maxVus = Math.Max(settings.StartVus, settings.Stages.Count == 0 ? 0 : settings.Stages.Max(s => s.Target));
        _slots = CreateVus(maxVus).Select(vu => new Slot(vu)).ToArray();
    }

    protected override async Task ExecuteAsync()
    {
        var settings = Settings;
        var offset = TimeSpan.Zero;
        var previous = settings.StartVus;
        for (var i = 0; i < settings.Stages.Count; i++)
        {
            var stage = settings.Stages[i];
            AddStage(i, RampLabel(previous, stage.Target), offset, offset + stage.Duration, stage.Target, null);
            offset += stage.Duration;
            previous = stage.Target;
        }
        using var hard = CancellationTokenSource.CreateLinkedTokenSource(Run.StopToken);
        _hard = hard;
        var end = _end = Start + PlannedDuration;
        try
        {
            Apply(settings.StartVus);
            foreach (var (at, target) in Steps(settings.StartVus, settings.Stages))
            {
                await Run.Clock.DelayUntilAsync(Start + at, Run.ScheduleToken).ConfigureAwait(false);
                Apply(target);
            }
            await Run.Clock.DelayUntilAsync(end, Run.ScheduleToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
        }
        // End of the last stage (or an interruption): nobody starts a new iteration; running ones get gracefulStop.
        foreach (var slot in _slots)
        {
            lock (slot) slot.Active = false;
        }
        Task all;
        lock (_loops) all = Task.WhenAll(_loops);
        await StopGracefullyAsync(all, end + Config.GracefulStop, hard).ConfigureAwait(false);
    }

    private void Apply(int target)
    {
        for (var i = 0; i < _slots.Length; i++)
        {
            if (i < target) Activate(_slots[i]);
            else Deactivate(_slots[i]);
        }
    }

    private void Activate(Slot slot)
    {
        lock (slot)
        {
            if (slot.Active) return;
            slot.Active = true;
            slot.Generation++;
            if (slot.Running) return; // still finishing its ramp-down iteration: it simply goes on
            slot.Running = true;
        }
        var loop = LoopAsync(slot);
        lock (_loops) _loops.Add(loop);
    }

    private void Deactivate(Slot slot)
    {
        int generation;
        lock (slot)
        {
            if (!slot.Active) return;
            slot.Active = false;
            generation = ++slot.Generation;
        }
        _ = InterruptAfterRampDownAsync(slot, generation);
    }

    private async Task InterruptAfterRampDownAsync(Slot slot, int generation)
    {
        try
        {
            await Task.Delay(Settings.GracefulRampDown, _hard!.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        lock (slot)
        {
            if (!slot.Active && slot.Generation == generation) slot.Iteration?.Cancel();
        }
    }

    private async Task LoopAsync(Slot slot)
    {
        await Task.Yield();
        Run.VuStarted();
        try
        {
            var hard = _hard!.Token;
            while (true)
            {
                CancellationTokenSource iteration;
                lock (slot)
                {
                    if (!slot.Active || hard.IsCancellationRequested || Run.ScheduleToken.IsCancellationRequested || Run.Clock.Elapsed >= _end)
                    {
                        slot.Running = false;
                        return;
                    }
                    iteration = slot.Iteration = CancellationTokenSource.CreateLinkedTokenSource(hard);
                }
                try
                {
                    await Scenario.RunIterationAsync(slot.Vu, iteration.Token).ConfigureAwait(false);
                }
                finally
                {
                    lock (slot) slot.Iteration = null;
                    iteration.Dispose();
                }
            }
        }
        finally
        {
            Run.VuStopped();
        }
    }

    private sealed class Slot(VirtualUser vu)
    {
        public VirtualUser Vu { get; } = vu;
        public bool Active;
        public bool Running;
        public int Generation;
        public CancellationTokenSource? Iteration;
    }
}
