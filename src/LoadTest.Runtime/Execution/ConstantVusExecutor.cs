namespace LoadTest.Runtime.Execution;

/// <summary>k6 constant-vus: a fixed number of VUs loop for a duration.</summary>
internal sealed class ConstantVusExecutor(ScenarioRuntime scenario) : ScenarioExecutor(scenario)
{
    private ConstantVus Settings => (ConstantVus)Config;

    private VirtualUser[] _vus = [];

    public override void Prepare() => _vus = CreateVus(Settings.Vus);

    public override TimeSpan PlannedDuration => Settings.Duration;

    protected override Task ExecuteAsync()
    {
        AddStage(0, RampLabel(Settings.Vus, Settings.Vus), TimeSpan.Zero, Settings.Duration, Settings.Vus, null);
        return RunVuLoopsAsync(_vus, (_, _) => true, Start + Settings.Duration);
    }
}
