using System.Numerics;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Distributed;

/// <summary>
/// The ordered cut points of all instances, as k6's <c>--execution-segment-sequence</c> <c>0,1/3,2/3,1</c>:
/// every instance knowing the whole sequence lets the striping give each one an exact, interleaved share.
/// </summary>
public sealed record ExecutionSegmentSequence
{
    private ExecutionSegmentSequence(IReadOnlyList<ExecutionSegment> segments) => Segments = segments;

    public IReadOnlyList<ExecutionSegment> Segments { get; }

    /// <summary>True when the segments cover 0 to 1 (k6 requires it for striping).</summary>
    public bool IsFull => Segments.Count > 0 && Segments[0].From == Fraction.Zero && Segments[^1].To == Fraction.One;

    /// <summary>Lowest common denominator of the segment lengths: the stripe period.</summary>
    public BigInteger Lcd => Segments.Aggregate(BigInteger.One, (acc, s) => acc / BigInteger.GreatestCommonDivisor(acc, s.Length.Denominator) * s.Length.Denominator);

    public static ExecutionSegmentSequence FromSegments(IReadOnlyList<ExecutionSegment> segments)
    {
        for (var i = 1; i < segments.Count; i++)
        {
            if (segments[i].From != segments[i - 1].To)
            {
                throw new LoadTestConfigurationException("LT4081",
                    $"execution segment sequence is invalid: segment {segments[i]} does not start where {segments[i - 1]} ends. List ascending cut points, e.g. '0,1/3,2/3,1'.");
            }
        }
        return new ExecutionSegmentSequence(segments.ToArray());
    }

    /// <summary>Parses comma-separated ascending cut points (fractions, decimals or percentages); LT4081 when invalid.</summary>
    public static ExecutionSegmentSequence Parse(string text)
    {
        var parts = (text ?? "").Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length < 2)
        {
            throw new LoadTestConfigurationException("LT4081",
                $"execution segment sequence '{text}' is invalid: it needs at least two cut points. Write e.g. '0,1/3,2/3,1'.");
        }
        var points = new List<Fraction>();
        foreach (var part in parts)
        {
            if (!Fraction.TryParse(part, out var point) || point > Fraction.One)
            {
                throw new LoadTestConfigurationException("LT4081",
                    $"execution segment sequence '{text}' is invalid: '{part}' is not a value between 0 and 1. Write e.g. '0,1/3,2/3,1'.");
            }
            if (points.Count > 0 && point <= points[^1])
            {
                throw new LoadTestConfigurationException("LT4081",
                    $"execution segment sequence '{text}' is invalid: '{part}' is not above the previous cut point. List cut points in ascending order.");
            }
            points.Add(point);
        }
        var segments = new ExecutionSegment[points.Count - 1];
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = new ExecutionSegment(points[i], points[i + 1]);
        }
        return new ExecutionSegmentSequence(segments);
    }

    /// <summary>
    /// This sequence with the gaps before, between and after its segments filled, so it covers 0 to 1;
    /// for a lone segment this is k6's default sequence <c>0,from,to,1</c>.
    /// </summary>
    public ExecutionSegmentSequence Filled()
    {
        var result = new List<ExecutionSegment>();
        var at = Fraction.Zero;
        foreach (var segment in Segments)
        {
            if (segment.From > at) result.Add(new ExecutionSegment(at, segment.From));
            result.Add(segment);
            at = segment.To;
        }
        if (at < Fraction.One) result.Add(new ExecutionSegment(at, Fraction.One));
        return new ExecutionSegmentSequence(result);
    }

    public int IndexOf(ExecutionSegment segment)
    {
        for (var i = 0; i < Segments.Count; i++)
        {
            if (Segments[i] == segment) return i;
        }
        return -1;
    }

    public override string ToString() =>
        Segments.Count == 0 ? "" : string.Join(",", Segments.Select(s => s.From.ToString()).Append(Segments[^1].To.ToString()));
}
