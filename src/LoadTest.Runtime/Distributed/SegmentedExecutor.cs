using System.Numerics;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Distributed;

/// <summary>
/// An executor config as one instance runs it. <see cref="Config"/> is null when the instance has nothing to do
/// in this scenario (e.g. 2 VUs split over 3 instances); skip the scenario then, as k6 does.
/// </summary>
/// <param name="Config">The scaled config, or null when the share is empty.</param>
/// <param name="RateShare">For arrival-rate executors, the exact share of the whole rate (segment length); 1 otherwise.</param>
public sealed record SegmentedExecutor(ExecutorConfig? Config, Fraction RateShare);

/// <summary>
/// k6's per-segment view of executor configs: VU counts and iteration counts are striped
/// (<see cref="ExecutionTuple.Scale(long)"/>, shares add up exactly); arrival rates are scaled exactly by the
/// segment length. Time parameters never change.
/// </summary>
public static class ExecutorSegmentation
{
    public static SegmentedExecutor Scale(ExecutorConfig config, ExecutionTuple tuple)
    {
        if (tuple.IsFull) return new SegmentedExecutor(config, Fraction.One);
        ExecutorConfig? scaled = config switch
        {
            SharedIterations s => ScaleShared(s, tuple),
            PerVuIterations p => tuple.Scale(p.Vus) is var vus and > 0 ? p with { Vus = vus } : null,
            ConstantVus c => tuple.Scale(c.Vus) is var vus and > 0 ? c with { Vus = vus } : null,
            RampingVus r => ScaleRamping(r, tuple),
            ConstantArrivalRate c => ScaleConstantRate(c, tuple),
            RampingArrivalRate r => ScaleRampingRate(r, tuple),
            _ => throw new ArgumentOutOfRangeException(nameof(config), config.Kind, "unknown executor kind"),
        };
        var share = config is ConstantArrivalRate or RampingArrivalRate ? tuple.Segment.Length : Fraction.One;
        return new SegmentedExecutor(scaled, share);
    }

    private static SharedIterations? ScaleShared(SharedIterations s, ExecutionTuple tuple)
    {
        var iterations = tuple.Scale(s.Iterations);
        // k6 requires iterations >= vus. Unlike k6, a share with iterations but no VU gets one VU, so that the
        // instances together run every iteration (k6 would silently drop them); the VU total may then exceed vus.
        var vus = Math.Min(Math.Max(tuple.Scale(s.Vus), 1), iterations);
        return iterations > 0 ? s with { Vus = vus, Iterations = iterations } : null;
    }

    private static RampingVus? ScaleRamping(RampingVus r, ExecutionTuple tuple)
    {
        var scaled = r with
        {
            StartVus = tuple.Scale(r.StartVus),
            Stages = r.Stages.Select(st => st with { Target = tuple.Scale(st.Target) }).ToArray(),
        };
        return scaled.StartVus > 0 || scaled.Stages.Any(st => st.Target > 0) ? scaled : null;
    }

    // A rate r per timeUnit scaled by n/d is exactly (r·n) per (timeUnit·d); common factors are cancelled so
    // a half of 10/s stays 5/s instead of becoming 10 per 2 s.
    private static (Func<int, int> Rate, TimeSpan TimeUnit) RateScaler(IEnumerable<int> rates, TimeSpan timeUnit, Fraction share)
    {
        var divisor = share.Denominator;
        foreach (var rate in rates)
        {
            divisor = BigInteger.GreatestCommonDivisor(divisor, rate * share.Numerator);
        }
        if (divisor.IsZero) divisor = share.Denominator;
        var numerator = share.Numerator;
        var unitFactor = share.Denominator / divisor;
        return (rate => checked((int)(rate * numerator / divisor)), timeUnit * (double)unitFactor);
    }

    private static ConstantArrivalRate? ScaleConstantRate(ConstantArrivalRate c, ExecutionTuple tuple)
    {
        var (rate, unit) = RateScaler([c.Rate], c.TimeUnit, tuple.Segment.Length);
        var scaled = c with
        {
            Rate = rate(c.Rate),
            TimeUnit = unit,
            PreAllocatedVus = tuple.Scale(c.PreAllocatedVus),
            MaxVus = tuple.Scale(c.MaxVus),
        };
        return scaled.Rate > 0 && (scaled.PreAllocatedVus > 0 || scaled.MaxVus > 0) ? scaled : null;
    }

    private static RampingArrivalRate? ScaleRampingRate(RampingArrivalRate r, ExecutionTuple tuple)
    {
        var (rate, unit) = RateScaler(r.Stages.Select(s => s.Target).Append(r.StartRate), r.TimeUnit, tuple.Segment.Length);
        var scaled = r with
        {
            StartRate = rate(r.StartRate),
            Stages = r.Stages.Select(s => s with { Target = rate(s.Target) }).ToArray(),
            TimeUnit = unit,
            PreAllocatedVus = tuple.Scale(r.PreAllocatedVus),
            MaxVus = tuple.Scale(r.MaxVus),
        };
        return (scaled.StartRate > 0 || scaled.Stages.Any(s => s.Target > 0)) && (scaled.PreAllocatedVus > 0 || scaled.MaxVus > 0)
            ? scaled : null;
    }
}
