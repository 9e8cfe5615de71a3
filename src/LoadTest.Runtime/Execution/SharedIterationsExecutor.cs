namespace LoadTest.Runtime.Execution;

/// <summary>k6 shared-iterations: a fixed number of iterations shared by the VUs.</summary>
internal sealed class SharedIterationsExecutor(ScenarioRuntime scenario) : ScenarioExecutor(scenario)
{
    private SharedIterations Settings => (SharedIterations)Config;

    private VirtualUser[] _vus = [];

    public override void Prepare() => _vus = CreateVus(Math.Min(Settings.Vus, Math.Max(Settings.Iterations, 1)));

    public override TimeSpan PlannedDuration => Settings.MaxDuration;

    protected override Task ExecuteAsync()
    {
        long remaining = Settings.Iterations;
        // VUs take iterations from one shared pool until it is empty or maxDuration is over.
        return RunVuLoopsAsync(_vus,
            (_, _) => Interlocked.Decrement(ref remaining) >= 0, Start + Settings.MaxDuration);
    }
}
