using System.Numerics;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Distributed;

/// <summary>
/// k6's striping of a full segment sequence. Work items (VUs, iterations) are numbered 0, 1, 2…; within every
/// period of <see cref="Period"/> items (the LCD of the segment lengths), a segment of length n/LCD owns exactly n
/// items, spread as evenly as possible. Every item belongs to exactly one segment, so for ANY count the
/// segments' shares add up to the count, and the first k items are shared almost proportionally for every k.
/// </summary>
public sealed class StripedSequence
{
    // Positions (0..Period-1) within a period that each segment owns, ascending.
    private readonly long[][] _positions;

    public StripedSequence(ExecutionSegmentSequence sequence)
    {
        if (!sequence.IsFull)
        {
            throw new LoadTestConfigurationException("LT4082",
                $"execution segment sequence '{sequence}' does not cover 0 to 1; striping needs every instance's segment. Add the missing cut points (e.g. '0,...,1').");
        }
        var lcd = sequence.Lcd;
        if (lcd > 1_000_000)
        {
            throw new LoadTestConfigurationException("LT4082",
                $"execution segment sequence '{sequence}' has a stripe period of {lcd} items; use simpler fractions (e.g. thirds or percentages).");
        }
        Sequence = sequence;
        Period = (long)lcd;
        var count = sequence.Segments.Count;
        var owned = sequence.Segments.Select(s => (long)s.NormalizedLength(lcd)).ToArray();

        // Biggest segments choose first: they need the most items and would otherwise end up with neighbours.
        var order = Enumerable.Range(0, count).OrderByDescending(i => owned[i]).ThenBy(i => i).ToArray();
        var chosen = new long[count];
        var positions = Enumerable.Range(0, count).Select(i => new List<long>((int)owned[i])).ToArray();
        for (long item = 0; item < Period; item++)
        {
            // Give the item to the first segment (in size order) whose next ideal slot, chosen·Period/owned, has come.
            foreach (var segment in order)
            {
                var numerator = chosen[segment] * Period;
                var denominator = owned[segment];
                if (chosen[segment] >= denominator) continue;
                var slot = numerator / denominator;
                if (item > slot || (item == slot && numerator % denominator == 0))
                {
                    chosen[segment]++;
                    positions[segment].Add(item);
                    break;
                }
            }
        }
        _positions = positions.Select(p => p.ToArray()).ToArray();
    }

    public ExecutionSegmentSequence Sequence { get; }

    /// <summary>Items per stripe period (the LCD of the segment lengths).</summary>
    public long Period { get; }

    /// <summary>The positions within a period owned by segment <paramref name="index"/>, ascending.</summary>
    public IReadOnlyList<long> Positions(int index) => _positions[index];

    /// <summary>How many of the items 0..value-1 belong to segment <paramref name="index"/> (k6's ScaleInt64).</summary>
    public long Scale(int index, long value)
    {
        var positions = _positions[index];
        var result = value / Period * positions.Length;
        var rest = value % Period;
        foreach (var position in positions)
        {
            if (position >= rest) break;
            result++;
        }
        return result;
    }

    /// <summary>The global number of the segment's <paramref name="local"/>-th item (0-based), e.g. which iteration of the whole test it runs.</summary>
    public long GlobalIndex(int index, long local)
    {
        var positions = _positions[index];
        return local / positions.Length * Period + positions[(int)(local % positions.Length)];
    }

    /// <summary>The segment that owns global item <paramref name="global"/>.</summary>
    public int OwnerOf(long global)
    {
        var position = global % Period;
        for (var i = 0; i < _positions.Length; i++)
        {
            if (Array.BinarySearch(_positions[i], position) >= 0) return i;
        }
        throw new InvalidOperationException("striping left an item without owner"); // cannot happen: every position is assigned
    }
}
