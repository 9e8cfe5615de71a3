using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Distributed;

/// <summary>
/// This instance's segment within the sequence of all instances (k6's ExecutionTuple). Without a sequence, the
/// sequence is the segment with the gaps filled (<c>0,from,to,1</c>), as in k6.
/// </summary>
public sealed class ExecutionTuple
{
    public const string SegmentVariable = "LOADTEST_SEGMENT";
    public const string SequenceVariable = "LOADTEST_SEGMENT_SEQUENCE";

    public static readonly ExecutionTuple Full = new(ExecutionSegment.Full, null);

    public ExecutionTuple(ExecutionSegment segment, ExecutionSegmentSequence? sequence)
    {
        var full = (sequence is { Segments.Count: > 0 } ? sequence : ExecutionSegmentSequence.FromSegments([segment])).Filled();
        var index = full.IndexOf(segment);
        if (index < 0)
        {
            throw new LoadTestConfigurationException("LT4083",
                $"execution segment {segment} is not one of the segments of the sequence '{sequence}'. Give each instance one segment of the shared sequence.");
        }
        Segment = segment;
        Striping = new StripedSequence(full);
        Index = index;
    }

    public ExecutionSegment Segment { get; }
    public StripedSequence Striping { get; }

    /// <summary>Position of <see cref="Segment"/> in the (filled) sequence.</summary>
    public int Index { get; }

    public bool IsFull => Segment.IsFull;

    /// <summary>This instance's share of <paramref name="value"/> items (VUs, iterations); all shares add up to the value.</summary>
    public long Scale(long value) => IsFull ? value : Striping.Scale(Index, value);

    public int Scale(int value) => checked((int)Scale((long)value));

    /// <summary>The whole test's item number of this instance's <paramref name="local"/>-th item.</summary>
    public long GlobalIndex(long local) => IsFull ? local : Striping.GlobalIndex(Index, local);

    /// <summary>
    /// When this instance's <paramref name="local"/>-th arrival starts, for the WHOLE test's rate
    /// <paramref name="rate"/> per <paramref name="timeUnit"/>: the whole test's schedule, of which each instance
    /// takes its striped iterations (as k6's arrival-rate executors do), so instances never fire together.
    /// </summary>
    public TimeSpan ArrivalTime(long local, long rate, TimeSpan timeUnit) =>
        TimeSpan.FromTicks((long)((System.Numerics.BigInteger)GlobalIndex(local) * timeUnit.Ticks / rate));

    /// <summary>Parses a segment and an optional sequence (k6 notations).</summary>
    public static ExecutionTuple Parse(string segment, string? sequence) =>
        new(ExecutionSegment.Parse(segment),
            string.IsNullOrWhiteSpace(sequence) ? null : ExecutionSegmentSequence.Parse(sequence));

    /// <summary>
    /// Reads <c>LOADTEST_SEGMENT</c> (and <c>LOADTEST_SEGMENT_SEQUENCE</c>); the full test when unset.
    /// <c>LOADTEST_SEGMENT</c> may also be a plain index into the sequence (as a Kubernetes Indexed Job gives it).
    /// </summary>
    public static ExecutionTuple FromEnvironment(Func<string, string?> read)
    {
        var segment = read(SegmentVariable);
        var sequence = read(SequenceVariable);
        if (string.IsNullOrWhiteSpace(segment)) return Full;
        if (int.TryParse(segment, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var index))
        {
            if (string.IsNullOrWhiteSpace(sequence))
            {
                throw new LoadTestConfigurationException("LT4083",
                    $"{SegmentVariable}={segment} is an index but {SequenceVariable} is not set. Set the sequence, e.g. '0,1/3,2/3,1'.");
            }
            var parsed = ExecutionSegmentSequence.Parse(sequence);
            if (index >= parsed.Segments.Count)
            {
                throw new LoadTestConfigurationException("LT4083",
                    $"{SegmentVariable}={segment} is beyond the {parsed.Segments.Count} segments of '{sequence}'. Use an index from 0 to {parsed.Segments.Count - 1}.");
            }
            return new ExecutionTuple(parsed.Segments[index], parsed);
        }
        return Parse(segment, sequence);
    }

    /// <summary>The k6 sequence of <paramref name="instances"/> equal segments: <c>0,1/n,2/n,…,1</c>.</summary>
    public static ExecutionSegmentSequence EqualSequence(int instances)
    {
        if (instances < 1)
        {
            throw new LoadTestConfigurationException("LT4081", $"cannot split a test into {instances} instances; use 1 or more.");
        }
        return ExecutionSegmentSequence.FromSegments(Enumerable.Range(0, instances)
            .Select(i => new ExecutionSegment(new Fraction(i, instances), new Fraction(i + 1, instances))).ToArray());
    }

    public override string ToString() => $"{Segment} of {Striping.Sequence}";
}
