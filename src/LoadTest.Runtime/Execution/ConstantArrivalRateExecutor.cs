using LoadTest.Runtime.Distributed;

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

    protected override IEnumerable<TimeSpan> ArrivalOffsets() => Schedule(Settings, Scenario.Scenario.Segment);

    /// <summary>Start offsets of this instance's iterations; with a segment, its share of the whole test's evenly spaced starts.</summary>
    public static IEnumerable<TimeSpan> Schedule(ConstantArrivalRate settings, ExecutionTuple? segment)
    {
        if (settings.Rate <= 0) return [];
        var tuple = segment ?? ExecutionTuple.Full;
        var interval = settings.TimeUnit.TotalSeconds / (settings.Rate * SegmentedArrivals.WholeRateFactor(tuple));
        return SegmentedArrivals.Take(Evenly(interval), tuple);
    }

    private static IEnumerable<TimeSpan> Evenly(double intervalSeconds)
    {
        for (long k = 0; ; k++)
        {
            yield return TimeSpan.FromSeconds(k * intervalSeconds);
        }
    }
}
