using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Distributed;

/// <summary>
/// Arrival times of one instance of a distributed open-model run, as k6 staggers them: the whole test's schedule is
/// computed once and every instance takes the arrivals whose whole-test index striping gives it. The instances'
/// arrivals together are exactly the whole test's, and no two instances fire at the same moment.
/// </summary>
public static class SegmentedArrivals
{
    /// <summary>The arrivals of <paramref name="whole"/> (ascending, index 0, 1, 2…) that belong to <paramref name="tuple"/>.</summary>
    public static IEnumerable<TimeSpan> Take(IEnumerable<TimeSpan> whole, ExecutionTuple tuple)
    {
        if (tuple.IsFull)
        {
            foreach (var offset in whole) yield return offset;
            yield break;
        }
        long local = 0;
        var next = tuple.GlobalIndex(0);
        long index = 0;
        foreach (var offset in whole)
        {
            if (index == next)
            {
                yield return offset;
                local++;
                next = tuple.GlobalIndex(local);
            }
            index++;
        }
    }

    /// <summary>
    /// The whole test's rate factor of a config scaled for <paramref name="tuple"/>: scaled rates are the whole
    /// rates times the segment length exactly, so whole = scaled × (1 / length).
    /// </summary>
    public static double WholeRateFactor(ExecutionTuple tuple) =>
        tuple.IsFull ? 1 : (double)tuple.Segment.Length.Denominator / (double)tuple.Segment.Length.Numerator;
}
