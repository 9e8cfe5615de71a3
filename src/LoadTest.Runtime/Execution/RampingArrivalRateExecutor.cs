using LoadTest.Runtime.Distributed;

namespace LoadTest.Runtime.Execution;

/// <summary>
/// k6 ramping-arrival-rate: the rate moves linearly from startRate through each stage's target. Iteration k starts
/// when the integral of the rate reaches k (so the first starts at 0 and a ramp gets denser smoothly).
/// </summary>
internal sealed class RampingArrivalRateExecutor(ScenarioRuntime scenario) : ArrivalRateExecutor(scenario)
{
    private RampingArrivalRate Settings => (RampingArrivalRate)Config;

    public override TimeSpan PlannedDuration => Settings.Stages.Aggregate(TimeSpan.Zero, (sum, s) => sum + s.Duration);

    protected override int PreAllocatedVus => Settings.PreAllocatedVus;

    protected override int MaxVus => Settings.MaxVus;

    protected override void AddStages()
    {
        var offset = TimeSpan.Zero;
        double previous = Settings.StartRate;
        for (var i = 0; i < Settings.Stages.Count; i++)
        {
            var stage = Settings.Stages[i];
            AddStage(i, RampLabel(previous, stage.Target), offset, offset + stage.Duration, null,
                stage.Target / Settings.TimeUnit.TotalSeconds);
            offset += stage.Duration;
            previous = stage.Target;
        }
    }

    protected override IEnumerable<TimeSpan> ArrivalOffsets() => Schedule(Settings, Scenario.Scenario.Segment);

    /// <summary>Start offsets of this instance's iterations; with a segment, its share of the whole test's schedule.</summary>
    public static IEnumerable<TimeSpan> Schedule(RampingArrivalRate settings, ExecutionTuple? segment)
    {
        var tuple = segment ?? ExecutionTuple.Full;
        var factor = SegmentedArrivals.WholeRateFactor(tuple);
        var whole = Schedule(settings.StartRate * factor, settings.Stages.Select(s => (s.Duration, Target: s.Target * factor)).ToArray(), settings.TimeUnit);
        return SegmentedArrivals.Take(whole, tuple);
    }

    /// <summary>Start offsets of iterations 0, 1, 2… for a piecewise-linear rate (per <paramref name="timeUnit"/>).</summary>
    public static IEnumerable<TimeSpan> Schedule(double startRate, IReadOnlyList<Stage> stages, TimeSpan timeUnit) =>
        Schedule(startRate, stages.Select(s => (s.Duration, Target: (double)s.Target)).ToArray(), timeUnit);

    private static IEnumerable<TimeSpan> Schedule(double startRate, IReadOnlyList<(TimeSpan Duration, double Target)> stages, TimeSpan timeUnit)
    {
        var unit = timeUnit.TotalSeconds;
        double cumulative = 0; // iterations due by the start of the current stage
        double stageStart = 0;
        var from = startRate / unit;
        long k = 0;
        foreach (var stage in stages)
        {
            var to = stage.Target / unit;
            var d = stage.Duration.TotalSeconds;
            var stageTotal = (from + to) / 2 * d;
            if (stageTotal <= 0)
            {
                // Nothing is due in a stage at rate 0.
                stageStart += d;
                from = to;
                continue;
            }
            // N(τ) = cumulative + from·τ + (to−from)/(2d)·τ²; solve N(τ) = k for each k due in this stage.
            while (k <= cumulative + stageTotal + 1e-9)
            {
                var need = k - cumulative;
                double tau;
                if (d <= 0)
                {
                    tau = 0;
                }
                else
                {
                    var a = (to - from) / (2 * d);
                    var disc = from * from + 4 * a * need;
                    if (disc < 0) break;
                    var root = from + Math.Sqrt(disc);
                    tau = root <= 0 ? 0 : 2 * need / root;
                }
                if (tau > d + 1e-9) break;
                yield return TimeSpan.FromSeconds(stageStart + tau);
                k++;
            }
            cumulative += stageTotal;
            stageStart += d;
            from = to;
        }
    }
}
