using LoadTest.Runtime.Distributed;
using LoadTest.Runtime.Execution;

namespace LoadTest.Runtime.Tests.Distributed;

public sealed class ExecutionSegmentTests
{
    [Theory]
    [InlineData("1/3:2/3", "1/3", "2/3")]
    [InlineData("0.25:0.5", "1/4", "1/2")]
    [InlineData("25%:50%", "1/4", "1/2")]
    [InlineData("12.5%:1", "1/8", "1")]
    [InlineData("1/3", "0", "1/3")]
    [InlineData("0:1", "0", "1")]
    public void Parses_fractions_decimals_and_percentages(string text, string from, string to)
    {
        var segment = ExecutionSegment.Parse(text);

        Assert.Equal(from, segment.From.ToString());
        Assert.Equal(to, segment.To.ToString());
    }

    [Theory]
    [InlineData("2/3:1/3")]
    [InlineData("0.5:0.5")]
    [InlineData("0:1.5")]
    [InlineData("a:1")]
    [InlineData("0:1:2")]
    [InlineData("1/0")]
    [InlineData("")]
    public void Invalid_segments_give_LT4080(string text)
    {
        var error = Assert.Throws<LoadTestConfigurationException>(() => ExecutionSegment.Parse(text));
        Assert.Equal("LT4080", error.Code);
    }

    [Theory]
    [InlineData("0,1/3,2/3,1", 3)]
    [InlineData("0,0.3,0.5,0.6,0.7,0.8,0.9,1", 7)]
    [InlineData("0%,50%,100%", 2)]
    public void Parses_sequences(string text, int segments)
    {
        var sequence = ExecutionSegmentSequence.Parse(text);

        Assert.Equal(segments, sequence.Segments.Count);
        Assert.True(sequence.IsFull);
    }

    [Theory]
    [InlineData("0,2/3,1/3,1")]
    [InlineData("0,1/3,1/3,1")]
    [InlineData("0")]
    [InlineData("0,x,1")]
    [InlineData("0,2")]
    public void Invalid_sequences_give_LT4081(string text)
    {
        var error = Assert.Throws<LoadTestConfigurationException>(() => ExecutionSegmentSequence.Parse(text));
        Assert.Equal("LT4081", error.Code);
    }

    [Fact]
    public void A_lone_segment_is_striped_within_its_filled_sequence()
    {
        var tuple = new ExecutionTuple(ExecutionSegment.Parse("1/3:2/3"), null);

        Assert.Equal("0,1/3,2/3,1", tuple.Striping.Sequence.ToString());
        Assert.Equal(1, tuple.Index);
    }

    [Fact]
    public void A_segment_outside_the_sequence_gives_LT4083()
    {
        var error = Assert.Throws<LoadTestConfigurationException>(() => ExecutionTuple.Parse("0:1/2", "0,1/3,2/3,1"));
        Assert.Equal("LT4083", error.Code);
    }

    // Cases from k6's own striping tests (lib/execution_segment_test.go): where a segment's first item is and the
    // gaps between its items within one period.
    [Theory]
    [InlineData("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0:0.3", 0, new long[] { 4, 3, 3 }, 10)]
    [InlineData("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.3:0.5", 1, new long[] { 4, 6 }, 10)]
    [InlineData("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.6:0.7", 3, new long[] { 10 }, 10)]
    [InlineData("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.8:0.9", 8, new long[] { 10 }, 10)]
    [InlineData("0,0.3,0.5,0.6,0.7,0.8,0.9,1", "0.9:1", 9, new long[] { 10 }, 10)]
    [InlineData("0,0.2,0.5,0.6,0.7,0.8,0.9,1", "0:0.2", 1, new long[] { 4, 6 }, 10)]
    [InlineData("0,0.2,0.5,0.6,0.7,0.8,0.9,1", "0.6:0.7", 3, new long[] { 10 }, 10)]
    [InlineData("0,0.2,0.5,0.6,0.7,0.8,0.9,1", "0.9:1", 9, new long[] { 10 }, 10)]
    public void Striped_offsets_match_k6(string sequence, string segment, long start, long[] offsets, long period)
    {
        var tuple = ExecutionTuple.Parse(segment, sequence);
        var positions = tuple.Striping.Positions(tuple.Index);

        Assert.Equal(period, tuple.Striping.Period);
        Assert.Equal(start, positions[0]);
        var gaps = positions.Zip(positions.Skip(1).Append(positions[0] + period), (a, b) => b - a).ToArray();
        Assert.Equal(offsets, gaps);
    }

    [Theory]
    [InlineData("0,1/3,2/3,1", 10, new long[] { 4, 3, 3 })]
    [InlineData("0,1/3,2/3,1", 2, new long[] { 1, 1, 0 })]
    [InlineData("0,1/2,1", 5, new long[] { 3, 2 })]
    [InlineData("0,1/4,1", 8, new long[] { 2, 6 })]
    public void Scales_counts_by_striping(string sequence, long value, long[] expected)
    {
        var parsed = ExecutionSegmentSequence.Parse(sequence);
        var shares = parsed.Segments.Select(s => new ExecutionTuple(s, parsed).Scale(value)).ToArray();

        Assert.Equal(expected, shares);
    }

    [Theory]
    [InlineData(2, new long[] { 1, 0, 1 })]
    [InlineData(10, new long[] { 3, 4, 3 })]
    [InlineData(1, new long[] { 0, 1, 0 })]
    public void Stand_alone_scale_rounds_the_bounds_like_k6(long value, long[] expected)
    {
        // round(v·to) − round(v·from), rounding half up: thirds of 2 are 1, 0, 1.
        var shares = ExecutionSegmentSequence.Parse("0,1/3,2/3,1").Segments.Select(s => s.Scale(value)).ToArray();

        Assert.Equal(expected, shares);
    }

    [Fact]
    public void Shares_add_up_exactly_for_random_sequences()
    {
        var random = new Random(20261128);
        for (var round = 0; round < 200; round++)
        {
            var sequence = RandomSequence(random);
            var tuples = sequence.Segments.Select(s => new ExecutionTuple(s, sequence)).ToArray();
            foreach (var value in new long[] { 0, 1, 2, 3, 7, 10, 99, 1000, random.NextInt64(0, 1_000_000) })
            {
                var shares = tuples.Select(t => t.Scale(value)).ToArray();
                Assert.Equal(value, shares.Sum());
                Assert.Equal(value, sequence.Segments.Sum(s => s.Scale(value)));
                for (var i = 0; i < tuples.Length; i++)
                {
                    // Striping keeps every share within one item of its exact proportion.
                    var exact = value * tuples[i].Segment.Length.ToDouble();
                    Assert.InRange(shares[i], Math.Floor(exact) - 1, Math.Ceiling(exact) + 1);
                }
            }
        }
    }

    [Fact]
    public void Every_global_item_has_exactly_one_owner()
    {
        var random = new Random(7);
        for (var round = 0; round < 50; round++)
        {
            var sequence = RandomSequence(random);
            var tuples = sequence.Segments.Select(s => new ExecutionTuple(s, sequence)).ToArray();
            var period = tuples[0].Striping.Period;
            var seen = new HashSet<long>();
            foreach (var tuple in tuples)
            {
                var count = tuple.Scale(2 * period);
                for (long local = 0; local < count; local++)
                {
                    var global = tuple.GlobalIndex(local);
                    Assert.True(seen.Add(global), $"item {global} given twice in {sequence}");
                    Assert.Equal(tuple.Index, tuple.Striping.OwnerOf(global));
                }
            }
            Assert.Equal(2 * period, seen.Count);
            Assert.Equal(2 * period - 1, seen.Max());
        }
    }

    private static ExecutionSegmentSequence RandomSequence(Random random)
    {
        var denominators = new[] { 2, 3, 4, 5, 6, 7, 8, 10, 12, 100 };
        var denominator = denominators[random.Next(denominators.Length)];
        var cuts = Enumerable.Range(1, denominator - 1).Where(_ => random.Next(3) == 0).ToList();
        var points = new[] { "0" }.Concat(cuts.Select(c => $"{c}/{denominator}")).Append("1");
        return ExecutionSegmentSequence.Parse(string.Join(",", points));
    }
}
