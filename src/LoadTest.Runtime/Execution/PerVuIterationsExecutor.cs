namespace LoadTest.Runtime.Execution;

/// <summary>k6 per-vu-iterations: each VU runs the same number of iterations.</summary>
internal sealed class PerVuIterationsExecutor(ScenarioRuntime scenario) : ScenarioExecutor(scenario)
{
    private PerVuIterations Settings => (PerVuIterations)Config;

    private VirtualUser[] _vus = [];

    public override void Prepare() => _vus = CreateVus(Settings.Vus);

    public override TimeSpan PlannedDuration => Settings.MaxDuration;

    protected override Task ExecuteAsync() =>
        RunVuLoopsAsync(_vus, (_, started) => started < Settings.Iterations, Start + Settings.MaxDuration);
}
