using System.Globalization;
using LoadTest.Runtime.Results;

namespace LoadTest.Runtime.Execution;

/// <summary>
/// Base of the six k6 executors. Each waits for its startTime, runs its schedule, then gives running iterations
/// gracefulStop to finish before interrupting them (their CancellationToken is cancelled).
/// </summary>
internal abstract class ScenarioExecutor(ScenarioRuntime scenario)
{
    /// <summary>How long to wait for iterations that ignore cancellation before leaving them behind.</summary>
    private static readonly TimeSpan AbandonAfter = TimeSpan.FromSeconds(2);

    protected ScenarioRuntime Scenario { get; } = scenario;

    protected RunContext Run => Scenario.Run;

    protected ExecutorConfig Config => Scenario.Scenario.Executor;

    protected TimeSpan Start => Config.StartTime;

    public static ScenarioExecutor Create(ScenarioRuntime scenario) => scenario.Scenario.Executor switch
    {
        SharedIterations => new SharedIterationsExecutor(scenario),
        PerVuIterations => new PerVuIterationsExecutor(scenario),
        ConstantVus => new ConstantVusExecutor(scenario),
        RampingVus => new RampingVusExecutor(scenario),
        ConstantArrivalRate => new ConstantArrivalRateExecutor(scenario),
        RampingArrivalRate => new RampingArrivalRateExecutor(scenario),
        var other => throw new LoadTestConfigurationException("LT4057",
            $"scenario '{scenario.Scenario.Name}': executor '{other.Kind}' is not supported."),
    };

    /// <summary>Planned length without gracefulStop (for the whole-run estimate).</summary>
    public abstract TimeSpan PlannedDuration { get; }

    /// <summary>Run time at which the scenario's schedule ends (startTime + planned length).</summary>
    public TimeSpan PlannedEnd => Start + PlannedDuration;

    /// <summary>Creates the VUs the scenario starts with, before the run clock starts (k6's init phase).</summary>
    public virtual void Prepare()
    {
    }

    /// <summary>Creates <paramref name="count"/> VUs.</summary>
    protected VirtualUser[] CreateVus(int count)
    {
        var vus = new VirtualUser[count];
        for (var i = 0; i < count; i++)
        {
            vus[i] = Scenario.CreateVu();
        }
        return vus;
    }

    public async Task RunAsync()
    {
        try
        {
            await Run.Clock.DelayUntilAsync(Start, Run.ScheduleToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return;
        }
        // Interrupted before its startTime: the scenario starts nothing (k6 neither).
        if (Run.ScheduleToken.IsCancellationRequested) return;
        await ExecuteAsync().ConfigureAwait(false);
    }

    protected abstract Task ExecuteAsync();

    protected void AddStage(int index, string label, TimeSpan from, TimeSpan to, int? targetVus, double? targetRate) =>
        Run.TimeSeries.AddStage(new StageMark(Scenario.Scenario.Name, index, label,
            Run.Clock.ToWall(Start + from), Run.Clock.ToWall(Start + to), targetVus, targetRate));

    protected static string RampLabel(double from, double to) =>
        from == to
            ? $"Sustain {to.ToString(CultureInfo.InvariantCulture)}"
            : $"Ramp {from.ToString(CultureInfo.InvariantCulture)}-{to.ToString(CultureInfo.InvariantCulture)}";

    /// <summary>
    /// Closed model: the prepared <paramref name="vus"/> loop while <paramref name="mayStart"/> allows and the run time is
    /// before <paramref name="end"/> (absolute run offset); then gracefulStop.
    /// </summary>
    protected async Task RunVuLoopsAsync(IReadOnlyList<VirtualUser> vus, Func<VirtualUser, long, bool> mayStart, TimeSpan end)
    {
        using var hard = CancellationTokenSource.CreateLinkedTokenSource(Run.StopToken);
        var loops = new Task[vus.Count];
        for (var i = 0; i < vus.Count; i++)
        {
            loops[i] = LoopAsync(vus[i], mayStart, end, hard.Token);
        }
        await StopGracefullyAsync(Task.WhenAll(loops), end + Config.GracefulStop, hard).ConfigureAwait(false);
    }

    private async Task LoopAsync(VirtualUser vu, Func<VirtualUser, long, bool> mayStart, TimeSpan end, CancellationToken token)
    {
        await Task.Yield(); // let every loop be created before any runs, so VUs start together
        Run.VuStarted();
        try
        {
            long started = 0;
            while (!token.IsCancellationRequested && !Run.ScheduleToken.IsCancellationRequested && Run.Clock.Elapsed < end && mayStart(vu, started))
            {
                started++;
                await Scenario.RunIterationAsync(vu, token).ConfigureAwait(false);
            }
        }
        finally
        {
            Run.VuStopped();
        }
    }

    /// <summary>
    /// Waits for <paramref name="work"/> until <paramref name="hardStopAt"/> (or, once the run is interrupted, until
    /// gracefulStop after the interruption if that is earlier), then interrupts what still runs.
    /// </summary>
    protected async Task StopGracefullyAsync(Task work, TimeSpan hardStopAt, CancellationTokenSource hard)
    {
        while (true)
        {
            var interruptedAt = Run.InterruptedAt;
            var deadline = interruptedAt is { } at && at + Config.GracefulStop < hardStopAt ? at + Config.GracefulStop : hardStopAt;
            var remaining = deadline - Run.Clock.Elapsed;
            // Until an interruption, wake up for it too, so the deadline can move earlier.
            var wake = interruptedAt is null ? Run.ScheduleToken : Run.StopToken;
            try
            {
                await work.WaitAsync(remaining > TimeSpan.Zero ? remaining : TimeSpan.Zero, wake).ConfigureAwait(false);
                return;
            }
            catch (TimeoutException)
            {
                break;
            }
            catch (OperationCanceledException) when (!Run.StopToken.IsCancellationRequested && Run.InterruptedAt is not null && interruptedAt is null)
            {
                // Interrupted while waiting: wait again with the new deadline.
            }
            catch (OperationCanceledException)
            {
                break;
            }
        }
        hard.Cancel();
        try
        {
            await work.WaitAsync(AbandonAfter).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            Run.Log($"LT4058: scenario '{Scenario.Scenario.Name}': some iterations ignore their CancellationToken and were left running after the stop.");
        }
        catch (Exception)
        {
            // Iteration failures are already counted by the scenario.
        }
    }
}
