namespace LoadTest.Runtime.Execution;

/// <summary>k6 constant-arrival-rate: <c>rate</c> iterations per <c>timeUnit</c>, evenly spaced, the first at 0.</summary>
internal sealed class ConstantArrivalRateExecutor(ScenarioRuntime scenario) : ArrivalRateExecutor(scenario)
{
    private ConstantArrivalRate Settings => (ConstantArrivalRate)Config;

    public override TimeSpan PlannedDuration => Settings.Duration;

    protected override int PreAllocatedVus => Settings.PreAllocatedVus;

    protected override int MaxVus => Settings.MaxVus;

    protected override void AddStages() =>
        AddStage(0, RampLabel(Settings.Rate, Settings.Rate), TimeSpan.Zero, Settings.Duration, null,
            Settings.Rate / Settings.TimeUnit.TotalSeconds);

    protected override IEnumerable<TimeSpan> ArrivalOffsets()
    {
        if (Settings.Rate <= 0) yield break;
        var interval = Settings.TimeUnit.TotalSeconds / Settings.Rate;
        for (long k = 0; ; k++)
        {
            yield return TimeSpan.FromSeconds(k * interval);
        }
    }
}
